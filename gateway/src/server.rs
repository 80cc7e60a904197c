//! The HTTP listener: routing (docs/protocol.md §1.2), CORS, `Neon-Request-Id`, stats.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ACCESS_CONTROL_ALLOW_ORIGIN, CONNECTION, ORIGIN, UPGRADE, VARY};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};

use crate::json_text::json;
use crate::state::AppState;
use crate::{sql_over_http, util, websocket};

/// Path of the counters endpoint.
pub const STATS_PATH: &str = "/_edgepg/stats";

/// Accepts connections until `shutdown` changes.
pub async fn serve(listener: TcpListener, state: Arc<AppState>, mut shutdown: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(state.limits.max_connections));
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                        tokio::spawn(refuse(stream, state.limits.max_connections));
                        continue;
                    };
                    let state = Arc::clone(&state);
                    tokio::spawn(async move {
                        let _slot = slot;
                        let header_timeout = state.limits.header_timeout;
                        let service = service_fn(move |req| {
                            let state = Arc::clone(&state);
                            async move { Ok::<_, Infallible>(route(state, req).await) }
                        });
                        // When the client goes away mid-request, hyper drops the service
                        // future; the query's drop guard then cancels it (§1.7).
                        let _ = http1::Builder::new()
                            .timer(TokioTimer::new())
                            .header_read_timeout(header_timeout)
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

/// Answers a connection over `--max-connections` with a 503 and closes it, without reading it.
async fn refuse(mut stream: TcpStream, max: usize) {
    let body = format!(
        "{{\"message\":\"edgepg-gateway is busy: all {max} client connections are open (raise --max-connections)\"}}"
    );
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         retry-after: 1\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await?;
        // read what the client sent until it closes: closing with unread data would reset the
        // connection, and the client might not see the answer
        let mut sink = [0u8; 1024];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
}

async fn route(state: Arc<AppState>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let cors = match allow_origin(&state.allowed_origins, &req) {
        Ok(v) => v,
        Err(origin) => return forbidden_origin(&origin),
    };
    let vary = !state.allowed_origins.is_empty();
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
    let h = response.headers_mut();
    if h.contains_key(ACCESS_CONTROL_ALLOW_ORIGIN) {
        h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, cors);
        if vary {
            h.insert(VARY, HeaderValue::from_static("origin"));
        }
    }
    if let Ok(id) = HeaderValue::from_str(&util::uuid_v4()) {
        response.headers_mut().insert("neon-request-id", id);
    }
    response
}

/// The `Access-Control-Allow-Origin` value for `req`: `*` like Neon without `--allow-origin`;
/// with it, the request's own origin when listed, and `Err(origin)` when it is not. Requests
/// without an `Origin` header (servers, Workers, CLIs) are not browsers' and pass.
fn allow_origin(allowed: &[String], req: &Request<Incoming>) -> Result<HeaderValue, String> {
    let any = HeaderValue::from_static("*");
    let Some(origin) = req.headers().get(ORIGIN) else { return Ok(any) };
    if allowed.is_empty() {
        return Ok(any);
    }
    match origin.to_str() {
        Ok(o) if allowed.iter().any(|a| a.eq_ignore_ascii_case(o)) => Ok(origin.clone()),
        Ok(o) => Err(o.to_string()),
        Err(_) => Err(String::from_utf8_lossy(origin.as_bytes()).into_owned()),
    }
}

fn forbidden_origin(origin: &str) -> Response<Full<Bytes>> {
    let mut body = b"{\"message\":".to_vec();
    crate::json_text::push_str(&mut body, &format!("origin '{origin}' is not allowed by the gateway's --allow-origin"));
    body.push(b'}');
    let mut r = json(StatusCode::FORBIDDEN, body);
    r.headers_mut().insert(VARY, HeaderValue::from_static("origin"));
    r
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
