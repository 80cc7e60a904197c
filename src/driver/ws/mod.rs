//! The WebSocket driver (Postgres wire protocol inside a WebSocket, `neon-protocol.md` §5),
//! behind the `ws` feature so that neon-http-only builds link none of it.
//!
//! - [`wire`]: the sans-IO protocol core (startup with password pipelining,
//!   cleartext/MD5/SCRAM-SHA-256, the extended protocol with text parameters, results decoded as
//!   the HTTP driver decodes them, every `ErrorResponse` field);
//! - [`Client`]: the core over any [`Socket`], with drizzle's transactions and savepoints;
//! - natively, [`connect`] opens one over tokio-tungstenite, and [`Pool`] pools them.
//!
//! Still to come (issue 11): the wasm32 sockets (the runtime's `WebSocket`, workers-rs) and
//! `edgepg/neon-serverless` for TypeScript.

mod client;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
mod pool;
pub mod wire;

pub use client::{Client, Socket, Transaction, TransactionConfig};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{connect, TokioSocket};
#[cfg(not(target_arch = "wasm32"))]
pub use pool::{Pool, PooledClient};
