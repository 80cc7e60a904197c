//! A client connection: the protocol core ([`Connection`]) driven over a [`Socket`], with
//! drizzle's transactions (`begin`, savepoints, `commit` / `rollback`, the same SQL text).
//!
//! Round trips: connecting sends nothing by itself; the first statement leaves in one flight with
//! the startup message and the password. A transaction's `begin` leaves with its first
//! statement, so a transaction of N statements takes N + 1 flights (the last is `commit`).

use std::future::Future;

use super::{encode_query, encode_simple_query, Connection, Event, Pipeline, Startup};
use crate::driver::{ConnectionString, Executable, QueryResult};
use crate::types::param_text;
use crate::types::Value;
use crate::{Error, Result};

/// A byte stream to PostgreSQL, whatever carries it: WebSocket binary messages, or a TCP stream
/// (message boundaries carry no meaning). The WebSocket driver's are `driver::ws::TokioSocket`
/// (native) and `driver::ws::JsWebSocket` (wasm32).
pub trait Socket {
    /// Sends `bytes` as one binary message.
    fn send(&mut self, bytes: Vec<u8>) -> impl Future<Output = Result<()>>;
    /// The next binary message, `None` once the peer closed the socket.
    fn recv(&mut self) -> impl Future<Output = Result<Option<Vec<u8>>>>;
    /// Closes the socket (best effort).
    fn close(&mut self) -> impl Future<Output = ()>;
    /// Sends a `CancelRequest` on a new socket to the same endpoint (best effort), after this
    /// socket timed out or was aborted mid-statement. The default does nothing.
    fn cancel(&mut self, request: Vec<u8>) -> impl Future<Output = ()> {
        let _ = request;
        async {}
    }
}

/// drizzle's transaction config (`db.transaction(fn, config)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionConfig {
    /// `isolation level <…>`: `read uncommitted`, `read committed`, `repeatable read`, `serializable`.
    pub isolation_level: Option<String>,
    /// `read only` or `read write`.
    pub access_mode: Option<String>,
    /// `deferrable` / `not deferrable`.
    pub deferrable: Option<bool>,
}

impl TransactionConfig {
    /// drizzle's `begin ${getTransactionConfigSQL(config)}`: `begin ` (with its space) and the
    /// options in drizzle's order. Unlike drizzle, which pastes the strings into the SQL, a
    /// value other than PostgreSQL's own is an `Error::Config`.
    pub fn begin_sql(&self) -> Result<String> {
        const LEVELS: [&str; 4] = ["read uncommitted", "read committed", "repeatable read", "serializable"];
        const MODES: [&str; 2] = ["read only", "read write"];
        let mut parts = vec![];
        if let Some(l) = &self.isolation_level {
            if !LEVELS.contains(&l.as_str()) {
                return Err(Error::Config(format!("isolationLevel {l:?} is not one of {LEVELS:?}")));
            }
            parts.push(format!("isolation level {l}"));
        }
        if let Some(m) = &self.access_mode {
            if !MODES.contains(&m.as_str()) {
                return Err(Error::Config(format!("accessMode {m:?} is not one of {MODES:?}")));
            }
            parts.push(m.clone());
        }
        if let Some(d) = self.deferrable {
            parts.push(if d { "deferrable" } else { "not deferrable" }.to_owned());
        }
        Ok(format!("begin {}", parts.join(" ")))
    }
}

/// One connection to PostgreSQL over a [`Socket`] (drizzle-orm/neon-serverless's and
/// node-postgres's `Client`).
pub struct Client<S: Socket> {
    socket: S,
    conn: Connection,
    /// Bytes not sent yet: the startup (until the first statement) and a deferred `begin`.
    unsent: Vec<u8>,
    /// Results of statements sent ahead of the next one (a deferred `begin`), discarded unless
    /// they failed.
    ahead: usize,
    ready: bool,
    broken: bool,
    /// Named statements parsed on this connection: name → SQL.
    prepared: std::collections::HashMap<String, String>,
}

impl<S: Socket> std::fmt::Debug for Client<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("conn", &self.conn).field("broken", &self.broken).finish()
    }
}

impl<S: Socket> Client<S> {
    /// A client over an open `socket` for `connection_string` (user, password, database). Nothing
    /// is sent until the first statement, which then travels with the startup and the password.
    pub fn new(socket: S, connection_string: &str) -> Result<Self> {
        let cs = ConnectionString::parse(connection_string)?;
        let startup = Startup::of(&cs, crate::driver::APPLICATION_NAME);
        let (conn, unsent) = Connection::new(startup, Pipeline::Password)?;
        Ok(Client { socket, conn, unsent, ahead: 0, ready: false, broken: false, prepared: Default::default() })
    }

    /// A client over `socket` that authenticates first, as the server asks (cleartext, MD5, or
    /// SCRAM-SHA-256 with the `scram` feature), and returns once the server is ready: for a
    /// socket straight to PostgreSQL (TCP), where nothing may follow the startup message until
    /// authentication is done. A wrong password is the server's `Error::Database` (28P01).
    pub async fn authenticated(mut socket: S, connection_string: &str) -> Result<Self> {
        let cs = ConnectionString::parse(connection_string)?;
        let startup = Startup::of(&cs, crate::driver::APPLICATION_NAME);
        let (mut conn, first) = Connection::new(startup, Pipeline::Off)?;
        let handshake = async {
            socket.send(first).await?;
            loop {
                let Some(frame) = socket.recv().await? else {
                    return Err(Error::Connect("the server closed the connection during authentication".into()));
                };
                let (events, answer) = conn.feed(&frame)?;
                if !answer.is_empty() {
                    socket.send(answer).await?;
                }
                if events.iter().any(|e| matches!(e, Event::Ready)) {
                    return Ok(());
                }
            }
        };
        if let Err(e) = handshake.await {
            socket.close().await;
            return Err(e);
        }
        Ok(Client { socket, conn, unsent: vec![], ahead: 0, ready: true, broken: false, prepared: Default::default() })
    }

    /// Runs a query builder (or anything [`Executable`]); rows map to serde types like the HTTP
    /// driver's.
    pub async fn execute(&mut self, q: impl Executable) -> Result<QueryResult> {
        let p = q.prepare()?;
        let params = p.query.values()?;
        Ok(self.query(&p.query.sql, &params).await?.with_shape(p.shape()))
    }

    /// Runs SQL text with `$n` parameters.
    pub async fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult> {
        self.check_usable()?;
        let params: Vec<Option<String>> = params.iter().map(param_text).collect();
        last(self.send_encoded(encode_query(None, sql, &params)?, false).await?)
    }

    /// Runs SQL text with `$n` parameters as the named server-side statement `name` (drizzle's
    /// `.prepare('name')`): parsed once per connection, then only bound and executed. A name
    /// already parsed here with other SQL is an `Error::InvalidQuery`, as in pg.
    pub async fn query_named(&mut self, name: &str, sql: &str, params: &[Value]) -> Result<QueryResult> {
        self.check_usable()?;
        let parse = match self.prepared.get(name) {
            Some(known) if known == sql => false,
            Some(_) => {
                return Err(Error::InvalidQuery(format!(
                    "Prepared statements must be unique - '{name}' was used for a different statement"
                )))
            }
            None => true,
        };
        let params: Vec<Option<String>> = params.iter().map(param_text).collect();
        let results = self.send_encoded(encode_query(Some((name, parse)), sql, &params)?, false).await?;
        if parse {
            self.prepared.insert(name.to_owned(), sql.to_owned());
        }
        last(results)
    }

    /// Runs SQL text without parameters through the simple-query protocol: several statements
    /// separated by `;` are allowed (what the extended protocol refuses), one result each.
    pub async fn simple_query(&mut self, sql: &str) -> Result<Vec<QueryResult>> {
        self.check_usable()?;
        self.send_encoded(encode_simple_query(sql)?, true).await
    }

    /// Sends one encoded statement (`simple`: a simple query) after the bytes not sent yet, its
    /// result queued in the order sent; returns its results.
    async fn send_encoded(&mut self, bytes: Vec<u8>, simple: bool) -> Result<Vec<QueryResult>> {
        self.conn.expect(simple)?;
        let mut flight = std::mem::take(&mut self.unsent);
        flight.extend(bytes);
        self.send_statement(flight).await
    }

    /// Sends `flight` (statements deferred ahead of it, then one statement) and returns the
    /// last statement's results; a failed statement sent ahead (a deferred `begin`) is the
    /// error reported.
    async fn send_statement(&mut self, flight: Vec<u8>) -> Result<Vec<QueryResult>> {
        let ahead = std::mem::take(&mut self.ahead);
        let mut results = self.flight(flight, ahead + 1).await?;
        let last = results.pop().ok_or_else(|| Error::Protocol("no result".into()))?;
        for r in results {
            r?;
        }
        last
    }

    fn check_usable(&self) -> Result<()> {
        if self.broken {
            return Err(Error::Connect("the connection is broken: open a new one".into()));
        }
        Ok(())
    }

    /// Queues `sql` to leave with the next statement (a transaction's `begin`).
    fn defer(&mut self, sql: &str) -> Result<()> {
        let bytes = self.conn.query(sql, &[])?;
        self.unsent.extend(bytes);
        self.ahead += 1;
        Ok(())
    }

    async fn flight(&mut self, bytes: Vec<u8>, mut n: usize) -> Result<Vec<Result<Vec<QueryResult>>>> {
        if let Err(e) = self.socket.send(bytes).await {
            self.broken = true;
            return Err(e);
        }
        let mut out = vec![];
        while n > 0 {
            let frame = match self.socket.recv().await {
                Ok(Some(f)) => f,
                Ok(None) => {
                    self.broken = true;
                    self.conn.closed("the server closed the connection");
                    return Err(Error::Connect("Connection terminated unexpectedly".into()));
                }
                Err(e) => {
                    // a timeout or an abort mid-statement: cancel it, so no session is left
                    // running it, then drop the connection
                    self.broken = true;
                    if matches!(e, Error::Timeout(_) | Error::Aborted) {
                        if let Some(request) = self.conn.cancel_request() {
                            self.socket.cancel(request).await;
                        }
                        self.socket.close().await;
                    }
                    self.conn.closed("the socket failed");
                    return Err(e);
                }
            };
            let (events, answer) = match self.conn.feed(&frame) {
                Ok(x) => x,
                Err(e) => {
                    self.broken = true;
                    self.socket.close().await;
                    return Err(e);
                }
            };
            if !answer.is_empty() {
                self.socket.send(answer).await?;
            }
            for e in events {
                match e {
                    Event::Ready => self.ready = true,
                    Event::Done(r) => {
                        out.push(r.map(|r| vec![r]));
                        n -= 1;
                    }
                    Event::DoneAll(r) => {
                        out.push(r);
                        n -= 1;
                    }
                }
            }
        }
        Ok(out)
    }

    /// drizzle's `db.transaction(async (tx) => …, config)`: `begin …` (sent with the first
    /// statement), then `commit` when `f` returns `Ok`, `rollback` when it returns `Err` (the
    /// error is returned). No path leaves the transaction open: a broken connection has been
    /// rolled back by PostgreSQL and is not reused. `f`'s error type is the caller's (any
    /// `E: From<Error>`), so that an application error (e.g. "not found") rolls back too.
    ///
    /// ```no_run
    /// # async fn run(db: &mut edgepg::driver::pgwire::Client<impl edgepg::driver::pgwire::Socket>) -> edgepg::Result<()> {
    /// use edgepg::driver::ws::TransactionConfig;
    /// let moved: u64 = db
    ///     .transaction(TransactionConfig::default(), async |tx| {
    ///         tx.query("update accounts set balance = balance - 10 where id = 1", &[]).await?;
    ///         let r = tx.query("update accounts set balance = balance + 10 where id = 2", &[]).await?;
    ///         Ok::<_, edgepg::Error>(r.row_count.unwrap_or(0))
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn transaction<T, E: From<Error>>(
        &mut self,
        config: TransactionConfig,
        f: impl AsyncFnOnce(&mut Transaction<'_, S>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.defer(&config.begin_sql()?)?;
        let mut tx = Transaction { client: self, depth: 0 };
        let result = f(&mut tx).await;
        let client = tx.client;
        match result {
            Ok(v) => {
                client.query("commit", &[]).await?;
                Ok(v)
            }
            Err(e) => {
                if client.is_usable() {
                    // the first error is the one to report
                    let _ = client.query("rollback", &[]).await;
                }
                Err(e)
            }
        }
    }

    /// How the server authenticated this connection: `"none"` (trust), `"cleartext"`, `"md5"`
    /// or `"scram-sha-256"`.
    pub fn auth_method(&self) -> &'static str {
        self.conn.auth_method()
    }

    /// The transaction status after the last statement: `b'I'` idle, `b'T'` in a transaction,
    /// `b'E'` in a failed one.
    pub fn transaction_status(&self) -> u8 {
        self.conn.transaction_status()
    }

    /// The socket (e.g. to read a wrapper's counters).
    pub fn socket(&self) -> &S {
        &self.socket
    }

    /// Whether the connection can still be used (its socket is open and the stream sane).
    pub fn is_usable(&self) -> bool {
        !self.broken
    }

    /// `Terminate`, then closes the socket.
    pub async fn end(mut self) {
        if !self.broken && self.ready {
            let bytes = self.conn.terminate();
            let _ = self.socket.send(bytes).await;
        }
        self.socket.close().await;
    }
}

/// The one result of an extended-protocol statement.
fn last(mut results: Vec<QueryResult>) -> Result<QueryResult> {
    results.pop().ok_or_else(|| Error::Protocol("no result".into()))
}

/// A transaction (or a savepoint inside one): run statements on it like on the client.
pub struct Transaction<'c, S: Socket> {
    client: &'c mut Client<S>,
    depth: usize,
}

impl<S: Socket> std::fmt::Debug for Transaction<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction").field("depth", &self.depth).finish()
    }
}

impl<S: Socket> Transaction<'_, S> {
    /// Runs a query builder inside the transaction.
    pub async fn execute(&mut self, q: impl Executable) -> Result<QueryResult> {
        self.client.execute(q).await
    }

    /// Runs SQL text with `$n` parameters inside the transaction.
    pub async fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult> {
        self.client.query(sql, params).await
    }

    /// [`Client::simple_query`] inside the transaction.
    pub async fn simple_query(&mut self, sql: &str) -> Result<Vec<QueryResult>> {
        self.client.simple_query(sql).await
    }

    /// drizzle's nested `tx.transaction(…)`: `savepoint spN`, then `release savepoint spN` on
    /// `Ok` or `rollback to savepoint spN` on `Err` (returned), so the outer transaction goes on.
    pub async fn transaction<T, E: From<Error>>(
        &mut self,
        f: impl AsyncFnOnce(&mut Transaction<'_, S>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let name = format!("sp{}", self.depth + 1);
        self.client.query(&format!("savepoint {name}"), &[]).await?;
        let mut inner = Transaction { client: &mut *self.client, depth: self.depth + 1 };
        let result = f(&mut inner).await;
        match result {
            Ok(v) => {
                self.client.query(&format!("release savepoint {name}"), &[]).await?;
                Ok(v)
            }
            Err(e) => {
                if self.client.is_usable() {
                    let _ = self.client.query(&format!("rollback to savepoint {name}"), &[]).await;
                }
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn begin_is_drizzles_text() {
        assert_eq!(TransactionConfig::default().begin_sql().unwrap(), "begin ");
        let c = TransactionConfig {
            isolation_level: Some("serializable".into()),
            access_mode: Some("read only".into()),
            deferrable: Some(true),
        };
        assert_eq!(c.begin_sql().unwrap(), "begin isolation level serializable read only deferrable");
        let bad = TransactionConfig { isolation_level: Some("serializable; drop table t".into()), ..c };
        assert!(matches!(bad.begin_sql(), Err(Error::Config(_))));
    }
}
