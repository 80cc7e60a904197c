//! The Rust Cloudflare Worker template of edgepg: the JSON API of `docs/worker-api.md` (users
//! and their posts) over Neon's SQL-over-HTTP, with edgepg's Drizzle-style query builder.
//!
//! - `routes`: the routing table and one handler per route;
//! - `validate`: path, query-string and JSON body checks (400 with the offending `field`);
//! - `error`: the JSON error type and how database errors map to HTTP statuses;
//! - `model`: the tables (`pg_table!`) and the JSON shapes of a user and a post.
//!
//! Configuration (`env`): `DATABASE_URL`, the connection string (a secret: `wrangler secret put
//! DATABASE_URL`, or `.dev.vars` locally), and the optional var `DATABASE_ENDPOINT`, a
//! SQL-over-HTTP URL overriding the one derived from the host (e.g. edgepg-gateway's
//! `http://127.0.0.1:4444/sql`).

mod error;
mod model;
mod routes;
mod validate;

use edgepg::neon_http::NeonHttp;
use worker::{event, Context, Env, Request, Response, Result};

use crate::error::ApiError;

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    routes::handle(req, &env).await
}

/// The database client for this request, from `env`. Building one is cheap (no I/O); the
/// connection string is checked here, before anything is sent.
pub(crate) fn database(env: &Env) -> std::result::Result<NeonHttp, ApiError> {
    // `secret` also finds a plain var of that name (both are string bindings).
    let url = env
        .secret("DATABASE_URL")
        .map(|s| s.to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::internal("DATABASE_URL is not configured"))?;
    let mut builder = NeonHttp::builder(url);
    if let Some(endpoint) = env.var("DATABASE_ENDPOINT").map(|v| v.to_string()).ok().filter(|s| !s.is_empty()) {
        builder = builder.endpoint(endpoint);
    }
    builder.build().map_err(|e| {
        worker::console_error!("invalid database configuration: {e}");
        ApiError::internal("DATABASE_URL or DATABASE_ENDPOINT is invalid")
    })
}
