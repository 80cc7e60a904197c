//! The native [`Socket`]: tokio-tungstenite over a TCP connection: `ws://`, and `wss://` with the
//! `rustls` feature (Mozilla's roots, webpki-roots).

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::driver::pgwire::{Client, Socket};
use crate::driver::pool::{Connector, Pool};
use crate::driver::ConnectionString;
use crate::{Error, Result};

#[cfg(feature = "rustls")]
type Stream = tokio_tungstenite::MaybeTlsStream<TcpStream>;
#[cfg(not(feature = "rustls"))]
type Stream = TcpStream;

/// A WebSocket to a Neon-compatible endpoint (`wss://host/v2`, `ws://host:port/v2`).
#[derive(Debug)]
pub struct TokioSocket {
    ws: WebSocketStream<Stream>,
    url: String,
    timeout: Option<Duration>,
}

fn ws_error(e: tokio_tungstenite::tungstenite::Error) -> Error {
    Error::Connect(e.to_string())
}

impl TokioSocket {
    /// Opens `url`: `ws://host[:port]/path`, or `wss://` with the `rustls` feature (without it,
    /// `Error::Config`). A refused connection or a failed TLS or WebSocket handshake is
    /// `Error::Connect`.
    pub async fn open(url: &str) -> Result<Self> {
        let (rest, port) = match (url.strip_prefix("ws://"), url.strip_prefix("wss://")) {
            (Some(rest), _) => (rest, 80),
            (_, Some(rest)) if cfg!(feature = "rustls") => (rest, 443),
            (_, Some(_)) => {
                return Err(Error::Config(format!("{url}: wss:// needs edgepg's `rustls` feature natively")));
            }
            _ => return Err(Error::Config(format!("{url}: not a ws:// or wss:// URL"))),
        };
        let hostport = rest.split(['/', '?']).next().unwrap_or_default();
        let hostport = if hostport.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
            hostport.to_owned()
        } else {
            format!("{hostport}:{port}")
        };
        let tcp = TcpStream::connect(&hostport).await.map_err(|e| Error::Connect(format!("{hostport}: {e}")))?;
        #[cfg(feature = "rustls")]
        let (ws, _) = tokio_tungstenite::client_async_tls_with_config(url, tcp, None, None).await.map_err(ws_error)?;
        #[cfg(not(feature = "rustls"))]
        let (ws, _) = tokio_tungstenite::client_async(url, tcp).await.map_err(ws_error)?;
        Ok(TokioSocket { ws, url: url.to_owned(), timeout: None })
    }

    /// Fails a statement whose answer takes longer than `timeout` with `Error::Timeout`; the
    /// client then cancels it on a new socket and drops the connection.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    async fn next(&mut self) -> Result<Option<Vec<u8>>> {
        loop {
            match self.ws.next().await {
                Some(Ok(Message::Binary(b))) => return Ok(Some(b.to_vec())),
                Some(Ok(Message::Close(_))) | None => return Ok(None),
                Some(Ok(Message::Text(_))) => return Err(Error::Protocol("a text frame on a Postgres stream".into())),
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(ws_error(e)),
            }
        }
    }
}

impl Socket for TokioSocket {
    async fn send(&mut self, bytes: Vec<u8>) -> Result<()> {
        self.ws.send(Message::Binary(bytes.into())).await.map_err(ws_error)
    }
    async fn recv(&mut self) -> Result<Option<Vec<u8>>> {
        match self.timeout {
            Some(t) => tokio::time::timeout(t, self.next()).await.map_err(|_| Error::Timeout(t))?,
            None => self.next().await,
        }
    }
    async fn close(&mut self) {
        let _ = self.ws.close(None).await;
    }
    async fn cancel(&mut self, request: Vec<u8>) {
        if let Ok(mut s) = TokioSocket::open(&self.url).await {
            let _ = s.send(request).await;
            // the endpoint closes the socket once it has forwarded the request
            let _ = tokio::time::timeout(Duration::from_secs(5), s.next()).await;
        }
    }
}

/// Opens a [`Client`] over a native WebSocket to `url` for `connection_string`.
///
/// ```no_run
/// # async fn f() -> edgepg::Result<()> {
/// use edgepg::driver::ws::{connect, TransactionConfig};
/// let mut db = connect("ws://127.0.0.1:4444/v2", "postgresql://u:p@127.0.0.1:4444/app").await?;
/// let moved = db
///     .transaction(TransactionConfig::default(), async |tx| {
///         tx.query("update posts set user_id = $1 where user_id = $2", &[2.into(), 1.into()]).await?;
///         tx.query("delete from users where id = $1", &[1.into()]).await
///     })
///     .await?;
/// assert_eq!(moved.command, "DELETE");
/// db.end().await;
/// # Ok(()) }
/// ```
pub async fn connect(url: &str, connection_string: &str) -> Result<Client<TokioSocket>> {
    Client::new(TokioSocket::open(url).await?, connection_string)
}

/// Opens the WebSocket clients of a [`Pool`]: `url` and the connection string.
#[derive(Debug, Clone)]
pub struct WsConnector {
    url: String,
    connection_string: String,
}

impl Connector for WsConnector {
    type Socket = TokioSocket;
    async fn connect(&self) -> Result<Client<TokioSocket>> {
        connect(&self.url, &self.connection_string).await
    }
}

impl Pool<WsConnector> {
    /// A pool of at most `max` WebSocket connections (at least 1) to `url`. Checks the
    /// connection string; opens nothing until used.
    pub fn new(url: &str, connection_string: &str, max: usize) -> Result<Self> {
        ConnectionString::parse(connection_string)?;
        Ok(Pool::with_connector(
            WsConnector { url: url.to_owned(), connection_string: connection_string.to_owned() },
            max,
        ))
    }
}
