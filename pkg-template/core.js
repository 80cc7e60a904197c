// edgepg facade: Drizzle's names in JS, Rust (wasm) underneath. Builders only record what was
// called; a statement's shape crosses into wasm as ONE JSON description (bindings/core/src/describe in the
// crate), where the one renderer runs; each execution gets its request body from wasm in the
// same synchronous step. Results never enter wasm: see rows.js.
//
// This file gathers the facade's base, one concern a file: entity.js (drizzle's entities),
// sql.js (the sql template and SQL nodes), operators.js, errors.js, loggers.js, shapes.js (the
// shape cache and rendering).
export * from './entity.js';
export * from './sql.js';
export * from './operators.js';
export * from './errors.js';
export * from './loggers.js';
export * from './shapes.js';
