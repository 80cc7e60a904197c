//! The HTTP transport behind the SQL-over-HTTP client: a one-method trait, and its reqwest
//! implementation (hyper natively, the runtime's `fetch` on wasm32).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::{Error, Result};

/// A boxed future: `Send` natively, not on wasm32 (JS values are single-threaded).
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future: `Send` natively, not on wasm32 (JS values are single-threaded).
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// `Send + Sync` natively; nothing on wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSendSync: Send + Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync + ?Sized> MaybeSendSync for T {}
/// `Send + Sync` natively; nothing on wasm32.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSendSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSendSync for T {}

/// One `POST` to the SQL endpoint.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// The endpoint URL.
    pub url: String,
    /// Request headers.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: String,
    /// Give up after this long ([`Error::Timeout`]).
    pub timeout: Option<Duration>,
}

/// The endpoint's answer.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// The body, as text.
    pub body: String,
}

/// Sends SQL-over-HTTP requests. Implement it to run edgepg over another HTTP stack (or to
/// inject faults in tests); the default is [`ReqwestTransport`].
pub trait HttpTransport: MaybeSendSync {
    /// Sends one request. Network failures are [`Error::Connect`], an expired
    /// [`HttpRequest::timeout`] is [`Error::Timeout`]; any HTTP status is a response.
    fn post(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse>>;
}

/// [`HttpTransport`] over reqwest. It never sets `credentials` or `cache` on `fetch` (workerd
/// rejects them) and sends no `Content-Type`, so browsers need no CORS preflight entry for it.
#[derive(Debug, Clone, Default)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with reqwest's default client.
    pub fn new() -> Self {
        Self::default()
    }
    /// A transport over a client you configured.
    pub fn with_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
}

/// The longest timeout `setTimeout` accepts (2^31 - 1 ms); longer ones are clamped.
const MAX_TIMEOUT: Duration = Duration::from_millis(i32::MAX as u64);

impl HttpTransport for ReqwestTransport {
    fn post(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse>> {
        Box::pin(async move {
            let timeout = req.timeout;
            let mut rb = self.client.post(&req.url).body(req.body);
            for (k, v) in req.headers {
                rb = rb.header(k, v);
            }
            if let Some(t) = timeout {
                rb = rb.timeout(t.min(MAX_TIMEOUT));
            }
            let resp = rb.send().await.map_err(|e| reqwest_error(e, timeout))?;
            let status = resp.status().as_u16();
            let body = resp.text().await.map_err(|e| reqwest_error(e, timeout))?;
            Ok(HttpResponse { status, body })
        })
    }
}

fn reqwest_error(e: reqwest::Error, timeout: Option<Duration>) -> Error {
    if e.is_timeout() {
        return Error::Timeout(timeout.unwrap_or_default());
    }
    if e.is_builder() {
        return Error::Config(format!("invalid request: {}", chain(&e)));
    }
    Error::Connect(chain(&e))
}

/// The error with its sources: reqwest's own message alone ("error sending request") hides
/// the cause (refused, DNS, reset...).
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = inner.source();
    }
    s
}
