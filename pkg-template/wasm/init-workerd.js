// Cloudflare Workers (wrangler/esbuild resolve `#wasm` here through the "workerd" condition).
// The bundler turns the .wasm import into a precompiled `WebAssembly.Module` (workerd forbids
// compiling wasm from bytes at run time), which is instantiated synchronously at import time.
import wasmModule from './edgepg_bg.wasm';
import { initSync } from './edgepg.js';

export * from './edgepg.js';

initSync({ module: wasmModule });
