//! Postgres over TCP (feature `tcp`, native): the wire protocol core ([`crate::driver::pgwire`])
//! over a tokio `TcpStream` — one more [`Socket`] for the same [`Client`], transactions and
//! savepoints included, and the same [`Pool`] as the WebSocket driver's. The client authenticates as the server asks (cleartext, MD5, or
//! SCRAM-SHA-256 with the `scram` feature) before its first statement.
//!
//! TLS is not spoken here yet: `sslmode=disable`, `allow` and `prefer` (pg's default) connect in
//! plain text; `require`, `verify-ca` and `verify-full` are an `Error::Config`, never a silent
//! downgrade.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::driver::pgwire::{Client, Socket};
use crate::driver::pool::{Connector, Pool as GenericPool};
use crate::driver::ConnectionString;
use crate::{Error, Result};

/// A TCP connection to PostgreSQL (or a pooler that speaks its protocol).
#[derive(Debug)]
pub struct TcpSocket {
    stream: TcpStream,
    addr: String,
    timeout: Option<Duration>,
    /// The read buffer, kept between reads (each read hands back only the bytes read).
    buf: Box<[u8]>,
}

impl TcpSocket {
    /// Connects to `host:port` (an IPv6 host in brackets, as a URL writes it). A refused or
    /// unreachable address is `Error::Connect`.
    pub async fn open(host: &str, port: u16) -> Result<Self> {
        let addr = format!("{host}:{port}");
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let stream = TcpStream::connect((bare, port)).await.map_err(|e| Error::Connect(format!("{addr}: {e}")))?;
        let _ = stream.set_nodelay(true);
        Ok(TcpSocket { stream, addr, timeout: None, buf: vec![0; 16 * 1024].into_boxed_slice() })
    }

    /// Fails a statement whose answer takes longer than `timeout` with `Error::Timeout`; the
    /// client then cancels it on a new connection and drops this one.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    async fn read(&mut self) -> Result<Option<Vec<u8>>> {
        let n = self.stream.read(&mut self.buf).await.map_err(|e| Error::Connect(format!("{}: {e}", self.addr)))?;
        Ok((n > 0).then(|| self.buf[..n].to_vec()))
    }
}

impl Socket for TcpSocket {
    async fn send(&mut self, bytes: Vec<u8>) -> Result<()> {
        self.stream.write_all(&bytes).await.map_err(|e| Error::Connect(format!("{}: {e}", self.addr)))
    }
    async fn recv(&mut self) -> Result<Option<Vec<u8>>> {
        match self.timeout {
            Some(t) => tokio::time::timeout(t, self.read()).await.map_err(|_| Error::Timeout(t))?,
            None => self.read().await,
        }
    }
    async fn close(&mut self) {
        let _ = self.stream.shutdown().await;
    }
    async fn cancel(&mut self, request: Vec<u8>) {
        let Ok(mut s) = TcpStream::connect(self.stream.peer_addr().map_or(self.addr.clone(), |a| a.to_string())).await
        else {
            return;
        };
        if s.write_all(&request).await.is_ok() {
            // the server closes the connection once it has read the request
            let mut sink = [0u8; 64];
            let _ = tokio::time::timeout(Duration::from_secs(5), s.read(&mut sink)).await;
        }
    }
}

/// Opens a [`Client`] over TCP for `connection_string` (`postgresql://user:password@host:port/db`,
/// port 5432 when none is given), authenticated and ready.
///
/// ```no_run
/// # async fn f() -> edgepg::Result<()> {
/// use edgepg::driver::{pgwire::TransactionConfig, tcp::connect};
/// let mut db = connect("postgresql://app:secret@127.0.0.1:5432/shop?sslmode=disable").await?;
/// let r = db.transaction(TransactionConfig::default(), async |tx| tx.query("select 1", &[]).await).await?;
/// assert_eq!(r.rows.len(), 1);
/// db.end().await;
/// # Ok(()) }
/// ```
pub async fn connect(connection_string: &str) -> Result<Client<TcpSocket>> {
    let cs = ConnectionString::parse(connection_string)?;
    let sslmode = cs.options().iter().rev().find(|(k, _)| k == "sslmode").map(|(_, v)| v.as_str());
    if let Some(mode @ ("require" | "verify-ca" | "verify-full")) = sslmode {
        return Err(Error::Config(format!(
            "sslmode={mode}: edgepg's TCP socket does not speak TLS yet (use sslmode=disable or prefer on a trusted network)"
        )));
    }
    let socket = TcpSocket::open(cs.host(), cs.port().unwrap_or(5432)).await?;
    Client::authenticated(socket, connection_string).await
}

/// Opens the TCP clients of a [`Pool`].
#[derive(Debug, Clone)]
pub struct TcpConnector {
    connection_string: String,
}

impl Connector for TcpConnector {
    type Socket = TcpSocket;
    async fn connect(&self) -> Result<Client<TcpSocket>> {
        connect(&self.connection_string).await
    }
}

/// A pool of TCP clients: at most `max` connections, idle ones reused, broken ones or ones left
/// inside a transaction never (pg's `Pool` in a long-lived process).
///
/// ```no_run
/// # async fn f() -> edgepg::Result<()> {
/// use edgepg::driver::tcp::Pool;
/// let pool = Pool::new("postgresql://app:secret@127.0.0.1:5432/shop", 8)?;
/// let r = pool.query("select 1", &[]).await?;
/// assert_eq!(r.rows.len(), 1);
/// pool.end().await;
/// # Ok(()) }
/// ```
pub type Pool = GenericPool<TcpConnector>;

/// A client borrowed from a TCP [`Pool`].
pub type PooledClient<'p> = crate::driver::pool::PooledClient<'p, TcpConnector>;

impl GenericPool<TcpConnector> {
    /// A pool of at most `max` TCP connections (at least 1). Checks the connection string;
    /// opens nothing until used.
    pub fn new(connection_string: &str, max: usize) -> Result<Self> {
        ConnectionString::parse(connection_string)?;
        Ok(GenericPool::with_connector(TcpConnector { connection_string: connection_string.to_owned() }, max))
    }
}
