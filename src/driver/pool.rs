//! A pool of native Postgres clients over any socket (drizzle's `Pool`, pg's `Pool`): at most
//! `max` connections, idle ones reused, broken ones or ones left inside a transaction never. A
//! [`Connector`] opens its connections: `driver::ws::WsConnector` (a WebSocket) or
//! `driver::tcp::TcpConnector` (TCP).

use std::future::Future;
use std::sync::Mutex;

use tokio::sync::Semaphore;

use crate::driver::pgwire::{Client, Socket, Transaction, TransactionConfig};
use crate::driver::{Executable, QueryResult};
use crate::types::Value;
use crate::{Error, Result};

/// How a [`Pool`] opens a connection.
pub trait Connector {
    /// The socket its clients run on.
    type Socket: Socket;
    /// Opens one client, ready for statements.
    fn connect(&self) -> impl Future<Output = Result<Client<Self::Socket>>>;
}

/// A pool of connections to one endpoint and database.
///
/// ```no_run
/// # async fn f() -> edgepg::Result<()> {
/// use edgepg::driver::ws::{Pool, TransactionConfig};
/// let pool = Pool::new("ws://127.0.0.1:4444/v2", "postgresql://u:p@127.0.0.1:4444/app", 4)?;
/// let n = pool.transaction(TransactionConfig::default(), async |tx| tx.query("select 1", &[]).await).await?;
/// assert_eq!(n.rows.len(), 1);
/// pool.end().await;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Pool<C: Connector> {
    connector: C,
    idle: Mutex<Vec<Client<C::Socket>>>,
    permits: Semaphore,
}

/// A client borrowed from a [`Pool`]; it goes back when dropped, if still reusable.
#[derive(Debug)]
pub struct PooledClient<'p, C: Connector> {
    pool: &'p Pool<C>,
    client: Option<Client<C::Socket>>,
    _permit: tokio::sync::SemaphorePermit<'p>,
}

impl<C: Connector> Pool<C> {
    /// A pool of at most `max` connections (at least 1) opened by `connector`; opens nothing
    /// until used.
    pub fn with_connector(connector: C, max: usize) -> Pool<C> {
        Pool { connector, idle: Mutex::new(vec![]), permits: Semaphore::new(max.max(1)) }
    }

    /// A connection: an idle one, or a new one (waits while `max` are in use).
    pub async fn get(&self) -> Result<PooledClient<'_, C>> {
        let permit = self.permits.acquire().await.map_err(|_| Error::Connect("the pool has ended".into()))?;
        let idle = self.idle.lock().map_err(|_| Error::Protocol("pool lock poisoned".into()))?.pop();
        let client = match idle {
            Some(c) => c,
            None => self.connector.connect().await?,
        };
        Ok(PooledClient { pool: self, client: Some(client), _permit: permit })
    }

    /// Connections waiting for reuse.
    pub fn idle_count(&self) -> usize {
        self.idle.lock().map(|v| v.len()).unwrap_or(0)
    }

    /// Runs a builder on a pooled connection.
    pub async fn execute(&self, q: impl Executable) -> Result<QueryResult> {
        self.get().await?.client_mut()?.execute(q).await
    }

    /// Runs SQL text on a pooled connection.
    pub async fn query(&self, sql: &str, params: &[Value]) -> Result<QueryResult> {
        self.get().await?.client_mut()?.query(sql, params).await
    }

    /// [`Client::transaction`] on a pooled connection, released afterwards.
    pub async fn transaction<T>(
        &self,
        config: TransactionConfig,
        f: impl AsyncFnOnce(&mut Transaction<'_, C::Socket>) -> Result<T>,
    ) -> Result<T> {
        self.get().await?.client_mut()?.transaction(config, f).await
    }

    /// Closes the idle connections and refuses new ones (`pool.end()`).
    pub async fn end(&self) {
        self.permits.close();
        let idle = self.idle.lock().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default();
        for c in idle {
            c.end().await;
        }
    }
}

impl<C: Connector> PooledClient<'_, C> {
    /// The client.
    pub fn client_mut(&mut self) -> Result<&mut Client<C::Socket>> {
        self.client.as_mut().ok_or_else(|| Error::Protocol("the pooled client is gone".into()))
    }
}

impl<C: Connector> Drop for PooledClient<'_, C> {
    fn drop(&mut self) {
        if let Some(c) = self.client.take() {
            // only a sane connection outside any transaction is reused; others are dropped
            // (their socket closes, and PostgreSQL rolls back what was open)
            if c.is_usable() && c.transaction_status() == b'I' && !self.pool.permits.is_closed() {
                if let Ok(mut idle) = self.pool.idle.lock() {
                    idle.push(c);
                }
            }
        }
    }
}
