// Test-only stand-in for the facade (copied into the installed package by tests/load/run.mjs):
// it reaches the wasm through the package-private `#wasm` specifier, exactly like the facade.
import * as wasm from '#wasm';

/** The crate version, from the wasm: answers only if importing initialized the module. */
export const version = () => wasm.version();

/** Where `#wasm` resolves to, for Node (browsers have no package.json to resolve it with). */
export function resolved() {
  return import.meta.resolve('#wasm');
}
