//! The HTTP listener: routing (neon-protocol.md §1.2), CORS, `Neon-Request-Id`, stats.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ACCESS_CONTROL_ALLOW_ORIGIN, CONNECTION, CONTENT_TYPE, UPGRADE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::pg::Pool;
use crate::stats::Stats;
use crate::{sql_over_http, util, websocket};

/// Path of the counters endpoint.
pub const STATS_PATH: &str = "/_edgepg/stats";

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
}

/// Accepts connections until `shutdown` changes.
pub async fn serve(listener: TcpListener, state: Arc<AppState>, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    let state = Arc::clone(&state);
                    tokio::spawn(async move {
                        let service = service_fn(move |req| {
                            let state = Arc::clone(&state);
                            async move { Ok::<_, Infallible>(route(state, req).await) }
                        });
                        // When the client goes away mid-request, hyper drops the service
                        // future; the query's drop guard then cancels it (§1.7).
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .with_upgrades()
                            .await;
                    });
                }
                Err(e) => {
                    eprintln!("edgepg-gateway: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = shutdown.changed() => return,
        }
    }
}

async fn route(state: Arc<AppState>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let path = req.uri().path();
    let mut response = if is_websocket_upgrade(&req) {
        // Any path, any method (§1.2, §5.1).
        websocket::upgrade(state, req)
    } else if path == "/sql" && req.method() == Method::POST {
        sql_over_http::handle(state, req).await
    } else if path == "/sql" && req.method() == Method::OPTIONS {
        preflight()
    } else if path == STATS_PATH && req.method() == Method::GET {
        let mut r = json(StatusCode::OK, state.stats.to_json().into_bytes());
        r.headers_mut().insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        r
    } else {
        json(StatusCode::BAD_REQUEST, b"\"query is not supported\"".to_vec())
    };
    if let Ok(id) = HeaderValue::from_str(&util::uuid_v4()) {
        response.headers_mut().insert("neon-request-id", id);
    }
    response
}

fn is_websocket_upgrade(req: &Request<Incoming>) -> bool {
    let has_token = |name, token: &str| {
        req.headers()
            .get_all(name)
            .iter()
            .any(|v| v.to_str().is_ok_and(|s| s.split(',').any(|t| t.trim().eq_ignore_ascii_case(token))))
    };
    has_token(CONNECTION, "upgrade") && has_token(UPGRADE, "websocket")
}

/// A JSON response.
pub fn json(status: StatusCode, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = status;
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

/// `OPTIONS /sql` (§1.2), plus `Neon-Batch-Deferrable` and `Content-Type` in the allowed
/// headers (§8.5: Neon's list lacks them, which breaks browser preflights).
fn preflight() -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::new()));
    let h = r.headers_mut();
    h.insert("allow", HeaderValue::from_static("OPTIONS, POST"));
    h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static(
            "Authorization, Neon-Connection-String, Neon-Raw-Text-Output, Neon-Array-Mode, Neon-Pool-Opt-In, \
             Neon-Batch-Read-Only, Neon-Batch-Isolation-Level, Neon-Batch-Deferrable, Content-Type",
        ),
    );
    h.insert("access-control-max-age", HeaderValue::from_static("86400"));
    r
}
