//! The WebSocket driver (Postgres wire protocol inside a WebSocket, `docs/protocol.md` §5),
//! behind the `ws` feature so that neon-http-only builds link none of it.
//!
//! The Postgres protocol itself lives apart from its sockets, in [`crate::driver::pgwire`] (the
//! sans-IO core and [`Client`], re-exported here); this module holds the WebSocket sockets:
//! - [`connect`] opens one: natively over tokio-tungstenite (`TokioSocket`, pooled by `Pool`),
//!   on wasm32 over the runtime's own `WebSocket` (`JsWebSocket`: browsers, Node ≥ 22, workerd).

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
mod web;
pub use crate::driver::pgwire::{Client, Socket, Transaction, TransactionConfig};
#[cfg(not(target_arch = "wasm32"))]
pub use native::WsConnector;
#[cfg(not(target_arch = "wasm32"))]
pub use native::{connect, TokioSocket};

/// A pool of WebSocket clients (`Pool::new(url, connection_string, max)`).
#[cfg(not(target_arch = "wasm32"))]
pub type Pool = crate::driver::pool::Pool<WsConnector>;
/// A client borrowed from a WebSocket [`Pool`].
#[cfg(not(target_arch = "wasm32"))]
pub type PooledClient<'p> = crate::driver::pool::PooledClient<'p, WsConnector>;
#[cfg(target_arch = "wasm32")]
pub use web::{connect, JsWebSocket};
