//! `edgepg-gateway`: a local Neon-compatible endpoint in front of a plain PostgreSQL, so that
//! `@neondatabase/serverless` and edgepg's Rust driver can run against a real PostgreSQL.
//!
//! One port serves Neon's SQL-over-HTTP (`POST /sql`), Postgres-over-WebSocket (any path with
//! `Upgrade: websocket`) and counters (`GET /_edgepg/stats`). The contract is
//! `docs/protocol.md`; section references in comments (`§1.7`) point there.
#![forbid(unsafe_code)]

mod args;
mod body;
mod conn_string;
mod embedded;
mod errors;
#[cfg(test)]
mod fuzz;
mod json_mode;
mod json_out;
mod json_text;
mod params;
mod pg;
mod ready;
mod server;
mod sql_over_http;
mod state;
mod stats;
mod util;
mod websocket;

use std::process::ExitCode;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

use clap::Parser;

use crate::args::Args;
use crate::embedded::Embedded;
use crate::pg::{Pool, PoolConfig, Upstream};
use crate::ready::Endpoints;
use crate::state::{AppState, Limits};
use crate::stats::Stats;

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("edgepg-gateway: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(args));
    // Do not wait for lingering connection tasks.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("edgepg-gateway: {msg}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    // Declared first so it is dropped (PostgreSQL stopped) last, on every return path.
    let mut embedded: Option<Embedded> = None;
    let (upstream, credentials) = match (&args.postgres, &args.embedded) {
        (Some(url), maybe_dir) => {
            if maybe_dir.is_some() {
                eprintln!("edgepg-gateway: --postgres given, ignoring --embedded");
            }
            let creds = ready::Credentials {
                user: url.user.clone().unwrap_or_else(|| "postgres".into()),
                password: url.password.clone(),
                database: url.database.clone().unwrap_or_else(|| "postgres".into()),
            };
            (Upstream { host: url.host.clone(), port: url.port }, creds)
        }
        (None, Some(dir)) => {
            let dir = dir.clone();
            let e = tokio::task::spawn_blocking(move || Embedded::start(&dir)).await.map_err(|e| e.to_string())??;
            let upstream = Upstream { host: "127.0.0.1".into(), port: e.port };
            let creds = ready::Credentials {
                user: "postgres".into(),
                password: Some(e.password.clone()),
                database: "edgepg".into(),
            };
            embedded = Some(e);
            ready::ensure_database(&upstream, &creds).await?;
            (upstream, creds)
        }
        (None, None) => {
            let creds = ready::Credentials { user: "postgres".into(), password: None, database: "postgres".into() };
            (Upstream { host: "127.0.0.1".into(), port: 5432 }, creds)
        }
    };

    if !args.allow_trust {
        refuse_trust(&upstream, &credentials.user, &credentials.database).await?;
    }

    let listener =
        TcpListener::bind(args.listen).await.map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let config = PoolConfig {
        max_sessions: args.max_sessions,
        max_per_user: args.max_sessions_per_user,
        queue_timeout: args.queue_timeout,
        max_queued: args.max_queued as usize,
        statement_timeout: args.statement_timeout,
        allow_trust: args.allow_trust,
        ..PoolConfig::default()
    };
    let pool = Pool::new(upstream.clone(), config);
    pool.spawn_reaper();
    let limits = Limits {
        max_connections: args.max_connections,
        max_websockets: args.max_websockets,
        header_timeout: args.header_timeout,
        body_timeout: args.body_timeout,
        ws_idle_timeout: args.ws_idle_timeout,
    };
    let state = Arc::new(AppState {
        pool: Arc::clone(&pool),
        stats: Arc::new(Stats::default()),
        max_request_bytes: args.max_request_bytes,
        max_response_bytes: args.max_response_bytes,
        limits,
        ws_slots: Arc::new(Semaphore::new(args.max_websockets)),
        allowed_origins: args.allow_origin.clone(),
    });
    let (stop_tx, stop_rx) = watch::channel(false);
    let server = tokio::spawn(server::serve(listener, state, stop_rx));

    let endpoints = Endpoints::new(local, &upstream, &credentials);
    if let Some(path) = &args.ready_file {
        ready::write_atomically(path, &endpoints.to_json())?;
    }
    println!("{}", endpoints.banner());

    ready::wait_for_shutdown(args.exit_on_stdin_close).await;
    let _ = stop_tx.send(true);
    let _ = server.await;
    pool.clear();
    if let Some(path) = &args.ready_file {
        let _ = std::fs::remove_file(path);
    }
    if let Some(mut e) = embedded.take() {
        tokio::task::spawn_blocking(move || e.stop()).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Stops with the reason when the upstream lets `user` in with a made-up password (`trust`):
/// the gateway would then accept any password. Every session is checked again when opened (the
/// rules in pg_hba.conf can differ per role and database); an unreachable server is let pass
/// here, for PostgreSQL may start after the gateway.
async fn refuse_trust(upstream: &Upstream, user: &str, database: &str) -> Result<(), String> {
    let made_up = util::hex(&util::random_bytes::<16>()?);
    let params = [("user".to_string(), user.to_string()), ("database".to_string(), database.to_string())];
    match upstream.connect(&params, Some(made_up.as_bytes()), std::time::Duration::from_secs(10)).await {
        Ok(s) if s.trusted => Err(pg::ConnectError::trust_message(user)),
        _ => Ok(()),
    }
}
