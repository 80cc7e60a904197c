//! The Rust Cloudflare Worker template of edgepg: the JSON API of `docs/worker-api.md` (users
//! and their posts) over Neon's SQL-over-HTTP, with edgepg's Drizzle-style query builder.
//!
//! - `routes`: the routing table and one handler per route;
//! - `validate`: path, query-string and JSON body checks (400 with the offending `field`);
//! - `error`: the JSON error type and how database errors map to HTTP statuses;
//! - `model`: the tables (`pg_table!`) and the JSON shapes of a user and a post.
//!
//! Configuration (`env`): `DATABASE_URL`, the connection string (a secret: `wrangler secret put
//! DATABASE_URL`, or `.dev.vars` locally), the optional var `DATABASE_ENDPOINT`, a
//! SQL-over-HTTP URL overriding the one derived from the host (e.g. edgepg-gateway's
//! `http://127.0.0.1:4444/sql`), and the optional var `DATABASE_WS_URL`, a WebSocket URL
//! overriding `wss://<host>/v2` (e.g. `ws://127.0.0.1:4444/v2`).

mod error;
mod model;
mod routes;
mod validate;

#[cfg(target_arch = "wasm32")]
use edgepg::driver::ws::{Client, JsWebSocket};
#[cfg(target_arch = "wasm32")]
use edgepg::driver::ConnectionString;
use edgepg::neon_http::NeonHttp;
use worker::{event, Context, Env, Request, Response, Result};

use crate::error::ApiError;

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    routes::handle(req, env, ctx).await
}

/// The database client for this request, from `env`. Building one is cheap (no I/O); the
/// connection string is checked here, before anything is sent.
pub(crate) fn database(env: &Env) -> std::result::Result<NeonHttp, ApiError> {
    let url = database_url(env)?;
    let mut builder = NeonHttp::builder(url);
    if let Some(endpoint) = env.var("DATABASE_ENDPOINT").map(|v| v.to_string()).ok().filter(|s| !s.is_empty()) {
        builder = builder.endpoint(endpoint);
    }
    builder.build().map_err(|e| {
        worker::console_error!("invalid database configuration: {e}");
        ApiError::internal("DATABASE_URL or DATABASE_ENDPOINT is invalid")
    })
}

fn database_url(env: &Env) -> std::result::Result<String, ApiError> {
    // `secret` also finds a plain var of that name (both are string bindings).
    env.secret("DATABASE_URL")
        .map(|s| s.to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::internal("DATABASE_URL is not configured"))
}

/// A connection over a WebSocket for THIS request (interactive transactions): opened with
/// workers-rs's `WebSocket::connect`, spoken to by edgepg's client. A WebSocket cannot outlive
/// the request that opened it: close it with `ctx.wait_until(async move { db.end().await })`.
/// (wasm32 only: the crate's native build exists for the unit tests.)
#[cfg(target_arch = "wasm32")]
pub(crate) async fn websocket(env: &Env) -> std::result::Result<Client<JsWebSocket>, ApiError> {
    let url = database_url(env)?;
    let invalid = |e: &dyn std::fmt::Display| {
        worker::console_error!("invalid database configuration: {e}");
        ApiError::internal("DATABASE_URL or DATABASE_WS_URL is invalid")
    };
    let ws_url = match env.var("DATABASE_WS_URL").map(|v| v.to_string()).ok().filter(|s| !s.is_empty()) {
        Some(u) => u,
        None => format!("wss://{}/v2", ConnectionString::parse(&url).map_err(|e| invalid(&e))?.host()),
    };
    let parsed: worker::Url = ws_url.parse().map_err(|e| invalid(&e))?;
    let ws = worker::WebSocket::connect(parsed).await.map_err(|e| {
        worker::console_error!("cannot open the database WebSocket: {e}");
        ApiError::from(edgepg::Error::Connect(e.to_string()))
    })?;
    ws.accept().map_err(|e| ApiError::from(edgepg::Error::Connect(e.to_string())))?;
    let socket = JsWebSocket::from_open(ws.as_ref().clone().into(), &ws_url).map_err(ApiError::from)?;
    Client::new(socket, &url).map_err(|e| invalid(&e))
}
