//! What every connection of the gateway shares: the pool, the counters, the caps and deadlines.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::pg::Pool;
use crate::stats::Stats;

/// Shared state of all connections.
pub struct AppState {
    /// Sessions to the upstream PostgreSQL.
    pub pool: Arc<Pool>,
    /// Counters.
    pub stats: Arc<Stats>,
    /// Largest accepted request body.
    pub max_request_bytes: usize,
    /// Largest response body produced.
    pub max_response_bytes: usize,
    /// Caps and deadlines.
    pub limits: Limits,
    /// Places for open WebSockets (`--max-websockets`).
    pub ws_slots: Arc<Semaphore>,
    /// `--allow-origin` (empty: any origin).
    pub allowed_origins: Vec<String>,
}

/// Caps and deadlines of client connections (the session caps live in the pool).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most open client TCP connections.
    pub max_connections: usize,
    /// Most open WebSockets.
    pub max_websockets: usize,
    /// Deadline for a request's headers (and for an idle keep-alive connection).
    pub header_timeout: Duration,
    /// Deadline for a request's body.
    pub body_timeout: Duration,
    /// A WebSocket without traffic for this long is closed (zero: never).
    pub ws_idle_timeout: Duration,
}
