//! The WebSocket driver (Postgres wire protocol inside a WebSocket, `docs/protocol.md` §5),
//! behind the `ws` feature so that neon-http-only builds link none of it.
//!
//! - [`wire`]: the sans-IO protocol core (startup with password pipelining,
//!   cleartext/MD5/SCRAM-SHA-256, the extended protocol with text parameters, results decoded as
//!   the HTTP driver decodes them, every `ErrorResponse` field);
//! - [`Client`]: the core over any [`Socket`], with drizzle's transactions and savepoints;
//! - [`connect`] opens one: natively over tokio-tungstenite (`TokioSocket`, pooled by `Pool`),
//!   on wasm32 over the runtime's own `WebSocket` (`JsWebSocket`: browsers, Node ≥ 22, workerd).

mod client;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
mod pool;
#[cfg(target_arch = "wasm32")]
mod web;
pub mod wire;

pub use client::{Client, Socket, Transaction, TransactionConfig};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{connect, TokioSocket};
#[cfg(not(target_arch = "wasm32"))]
pub use pool::{Pool, PooledClient};
#[cfg(target_arch = "wasm32")]
pub use web::{connect, JsWebSocket};
