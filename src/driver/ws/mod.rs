//! The WebSocket driver (Postgres wire protocol inside a WebSocket, `neon-protocol.md` §5),
//! behind the `ws` feature so that neon-http-only builds link none of it.
//!
//! Built so far: [`wire`], the sans-IO protocol core (startup with password pipelining,
//! cleartext/MD5/SCRAM-SHA-256, the extended protocol with text parameters, results decoded as
//! the HTTP driver decodes them, every `ErrorResponse` field). The transports, the pool and
//! transactions come next (issue 11).

pub mod wire;
