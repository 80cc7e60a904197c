//! The npm package's main wasm module, `wasm/edgepg_bg.wasm`: what the facade of
//! `edgepg/neon-http` and `edgepg/pg-core` calls. A statement crosses once, as a JSON description
//! ([`describe`]), is replayed on edgepg's Rust builders (one renderer for Rust and JS) and
//! cached as a shape; each execution sends slot values and gets the request body back. Responses
//! never enter wasm: the facade reads them in JS.
//!
//! The wasm-bindgen exports live in `wasm.rs` (wasm32 only); [`describe`] is plain Rust, tested
//! natively.

pub mod describe;
#[cfg(test)]
mod fuzz;
#[cfg(target_arch = "wasm32")]
mod wasm;
