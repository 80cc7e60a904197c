//! Neon's SQL-over-HTTP driver (drizzle's `neon-http`): one HTTP request per statement, one per
//! batch (a batch is one transaction). Natively it uses reqwest over hyper (plain `http://`
//! always; `https://` with the crate's `rustls` feature); on wasm32 the runtime's `fetch`.
//!
//! ```no_run
//! # async fn demo() -> edgepg::Result<()> {
//! use edgepg::pg::*;
//! edgepg::pg_table! { pub users = "users" { id: serial("id").primary_key(), name: text("name").not_null() } }
//! let db = edgepg::neon_http::connect("postgresql://ann:secret@ep-cool-x-123.us-east-2.aws.neon.tech/shop")?;
//! let rows: Vec<users::Row> = db.all(select().from(users::TABLE).filter(eq(users::name, "Ann"))).await?;
//! // Two statements, one HTTP request, one transaction:
//! let results = db
//!     .batch([
//!         insert(users::TABLE).values([users::Insert { id: None, name: "Bo".into() }]).to_sql()?,
//!         sql!("select count(*) from {}", users::TABLE).to_sql()?,
//!     ])
//!     .await?;
//! assert_eq!(results.len(), 2);
//! # Ok(()) }
//! ```

#[cfg(target_arch = "wasm32")]
mod fetch;
mod transport;
pub(crate) mod wire;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport;
pub use transport::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, MaybeSendSync, ReqwestTransport};

/// The transport a client uses unless told otherwise: reqwest natively; on wasm32 the runtime's
/// `fetch` directly ([`FetchTransport`]), which keeps reqwest's URL/HTTP stack out of the module
/// (measured: see the README). `ReqwestTransport` remains available on wasm32 via
/// [`NeonHttpBuilder::transport`].
fn default_transport() -> Arc<dyn HttpTransport> {
    #[cfg(target_arch = "wasm32")]
    return Arc::new(FetchTransport);
    #[cfg(not(target_arch = "wasm32"))]
    return Arc::new(ReqwestTransport::new());
}
// What the npm package's main wasm module (bindings/core) builds its requests with.
pub use wire::{headers as request_headers, single_body, BatchOptions, IsolationLevel};

use super::abort::{abortable, Abort};
use super::{ConnectionString, Executable, Prepared, QueryResult};
use crate::types::Value;
use crate::{Error, Result};

/// An async source of auth tokens (JWTs), asked before each request (the JS driver's
/// `authToken` function). Any `Fn() -> BoxFuture<'static, Result<String, String>>` is one.
///
/// ```
/// use edgepg::neon_http::{BoxFuture, NeonHttp};
/// let db = NeonHttp::builder("postgres://u@ep-x.eu.aws.neon.tech/db")
///     .auth_token_provider(|| -> BoxFuture<'static, Result<String, String>> { Box::pin(async { Ok("jwt".to_string()) }) })
///     .build()?;
/// assert_eq!(db.endpoint(), "https://apiauth.eu.aws.neon.tech/sql");
/// # Ok::<(), edgepg::Error>(())
/// ```
pub trait TokenProvider: MaybeSendSync {
    /// The token for the next request; an `Err` fails the request with
    /// `Error::Config("Error getting auth token: ...")`.
    fn token(&self) -> BoxFuture<'static, Result<String, String>>;
}

impl<F> TokenProvider for F
where
    F: Fn() -> BoxFuture<'static, Result<String, String>> + MaybeSendSync,
{
    fn token(&self) -> BoxFuture<'static, Result<String, String>> {
        self()
    }
}

/// Connects to a Neon SQL-over-HTTP endpoint derived from the connection string
/// (`https://api.<region host>/sql`). Use [`NeonHttp::builder`] for a local gateway, a token or
/// a timeout.
///
/// ```
/// let db = edgepg::neon_http::connect("postgres://u:p@ep-x-1.eu-central-1.aws.neon.tech/db")?;
/// assert_eq!(db.endpoint(), "https://api.eu-central-1.aws.neon.tech/sql");
/// assert!(edgepg::neon_http::connect("").is_err());
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn connect(connection_string: &str) -> Result<NeonHttp> {
    NeonHttp::builder(connection_string).build()
}

/// Configures a [`NeonHttp`] client.
#[must_use]
pub struct NeonHttpBuilder {
    conn: String,
    endpoint: Option<String>,
    token: Option<String>,
    provider: Option<Arc<dyn TokenProvider>>,
    timeout: Option<Duration>,
    transport: Option<Arc<dyn HttpTransport>>,
    batch: BatchOptions,
}

impl NeonHttpBuilder {
    /// Sends requests to this URL instead of the endpoint derived from the connection string
    /// (e.g. `http://127.0.0.1:4444/sql` for `edgepg-gateway`). Per client, not global.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }
    /// Sends `Authorization: Bearer <token>` (Neon's JWT auth; the endpoint becomes `apiauth.`).
    pub fn auth_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }
    /// Asks `provider` for a token before each request (an error becomes
    /// `Error::Config("Error getting auth token: ...")`).
    pub fn auth_token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.provider = Some(Arc::new(provider));
        self
    }
    /// Fails requests that take longer than this with [`Error::Timeout`].
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }
    /// Sends requests through another transport.
    pub fn transport(mut self, t: Arc<dyn HttpTransport>) -> Self {
        self.transport = Some(t);
        self
    }
    /// Default options for [`NeonHttp::batch`].
    pub fn batch_options(mut self, o: BatchOptions) -> Self {
        self.batch = o;
        self
    }
    /// Validates the connection string and builds the client.
    pub fn build(self) -> Result<NeonHttp> {
        let jwt = self.token.is_some() || self.provider.is_some();
        let Target { conn, endpoint } = Target::new(&self.conn, self.endpoint, jwt)?;
        // On wasm32 the transport is not `Send`: everything there is single-threaded.
        #[allow(clippy::arc_with_non_send_sync)]
        let inner = Arc::new(Inner {
            conn_header: conn.with_application_name(super::APPLICATION_NAME),
            conn,
            endpoint,
            token: self.token,
            provider: self.provider,
            transport: self.transport.unwrap_or_else(default_transport),
            batch: self.batch,
        });
        Ok(NeonHttp { inner, timeout: self.timeout, abort: None })
    }
}

/// Where requests for a connection string go: the checked connection string and the endpoint URL
/// (given, or derived from the host). The npm facade, which sends its requests with the runtime's
/// `fetch` from JS, gets them from here too.
pub struct Target {
    /// The checked connection string.
    pub conn: ConnectionString,
    /// The SQL endpoint URL requests are sent to.
    pub endpoint: String,
}

impl Target {
    /// Checks `connection_string` and derives the endpoint unless one is given: the host's first
    /// label becomes `api.` (`apiauth.` when requests will carry a JWT), as Neon's driver does.
    ///
    /// ```
    /// use edgepg::neon_http::Target;
    /// let t = Target::new("postgresql://u:p@ep-x.us-east-2.aws.neon.tech/db", None, false)?;
    /// assert_eq!(t.endpoint, "https://api.us-east-2.aws.neon.tech/sql");
    /// let t = Target::new("postgresql://u:p@ep-x.us-east-2.aws.neon.tech/db", None, true)?;
    /// assert_eq!(t.endpoint, "https://apiauth.us-east-2.aws.neon.tech/sql");
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn new(connection_string: &str, endpoint: Option<String>, jwt: bool) -> Result<Target> {
        let conn = ConnectionString::parse(connection_string)?;
        let endpoint = endpoint.unwrap_or_else(|| conn.http_endpoint(jwt));
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(Error::Config(format!(
                "the SQL endpoint must be an http:// or https:// URL, got {endpoint:?}"
            )));
        }
        if let Some(bad) = connection_string.chars().find(|c| !(' '..='~').contains(c)) {
            return Err(Error::Config(format!(
                "the connection string contains {bad:?}, which cannot travel in the Neon-Connection-String header: percent-encode it"
            )));
        }
        Ok(Target { conn, endpoint })
    }
}

struct Inner {
    conn: ConnectionString,
    /// The `Neon-Connection-String` header: `conn` with edgepg's `application_name`.
    conn_header: String,
    endpoint: String,
    token: Option<String>,
    provider: Option<Arc<dyn TokenProvider>>,
    transport: Arc<dyn HttpTransport>,
    batch: BatchOptions,
}

/// A SQL-over-HTTP client. Cheap to clone; share one per connection string.
#[derive(Clone)]
pub struct NeonHttp {
    inner: Arc<Inner>,
    timeout: Option<Duration>,
    abort: Option<Abort>,
}

impl std::fmt::Debug for NeonHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NeonHttp")
            .field("endpoint", &self.inner.endpoint)
            .field("connection", &self.inner.conn)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl NeonHttp {
    /// Starts configuring a client for `connection_string`.
    pub fn builder(connection_string: impl Into<String>) -> NeonHttpBuilder {
        NeonHttpBuilder {
            conn: connection_string.into(),
            endpoint: None,
            token: None,
            provider: None,
            timeout: None,
            transport: None,
            batch: BatchOptions::default(),
        }
    }

    /// The URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// The parsed connection string.
    pub fn connection_string(&self) -> &ConnectionString {
        &self.inner.conn
    }

    /// The same client, with requests made through it aborted when `abort` fires.
    pub fn with_abort(&self, abort: &Abort) -> NeonHttp {
        NeonHttp { abort: Some(abort.clone()), ..self.clone() }
    }

    /// The same client, with another per-request timeout.
    pub fn with_timeout(&self, t: Duration) -> NeonHttp {
        NeonHttp { timeout: Some(t), ..self.clone() }
    }

    /// Executes one statement: fields, decoded rows, command, row count.
    pub async fn execute(&self, q: impl Executable) -> Result<QueryResult> {
        let p = q.prepare()?;
        let params = p.query.values()?;
        self.run(&p, &params).await
    }

    /// Executes a prepared statement with values for its placeholders.
    pub async fn execute_prepared(&self, p: &Prepared, values: &HashMap<&str, Value>) -> Result<QueryResult> {
        let params = p.query.fill(values)?;
        self.run(p, &params).await
    }

    /// Executes a prepared statement with its parameters already filled (and encoded).
    pub async fn execute_with_params(&self, p: &Prepared, params: &[Value]) -> Result<QueryResult> {
        self.run(p, params).await
    }

    /// [`batch_with`](NeonHttp::batch_with) for prepared statements with filled parameters.
    pub async fn batch_with_params(
        &self,
        options: BatchOptions,
        statements: &[(Prepared, Vec<Value>)],
    ) -> Result<Vec<QueryResult>> {
        let body = wire::batch_body(statements.iter().map(|(p, v)| (p.query.sql.as_str(), v.as_slice())));
        let text = self.send(body, Some(&options)).await?;
        let results = wire::parse_batch(&text, statements.len())?;
        Ok(results.into_iter().zip(statements).map(|(r, (p, _))| r.with_shape(p.shape())).collect())
    }

    /// Every row, as `T` (drizzle: `await db.select()...`).
    pub async fn all<T: DeserializeOwned>(&self, q: impl Executable) -> Result<Vec<T>> {
        self.execute(q).await?.all()
    }

    /// drizzle's `db.query.<table>.findMany(config)` (a [`RelationalQuery`](crate::relational::RelationalQuery)
    /// from [`Relations::find_many`](crate::relational::Relations::find_many)): one request, rows
    /// as `T` with their relations nested (`Vec<_>` for `many`, `Option<_>` for `one`).
    pub async fn find_many<T: DeserializeOwned>(&self, q: &crate::relational::RelationalQuery) -> Result<Vec<T>> {
        let r = self.execute(q.select().clone()).await?;
        q.nest(r.objects()?)
            .into_iter()
            .map(|v| {
                serde_json::from_value(v).map_err(|e| Error::Decode {
                    type_oid: 0,
                    message: format!("cannot read a row into {}: {e}", std::any::type_name::<T>()),
                })
            })
            .collect()
    }

    /// drizzle's `findFirst`: the first row of [`find_many`](NeonHttp::find_many), `None` if none
    /// (build the query with [`Relations::find_first`](crate::relational::Relations::find_first)).
    pub async fn find_first<T: DeserializeOwned>(&self, q: &crate::relational::RelationalQuery) -> Result<Option<T>> {
        Ok(self.find_many(q).await?.into_iter().next())
    }

    /// The first row as `T`, or `None`.
    pub async fn first<T: DeserializeOwned>(&self, q: impl Executable) -> Result<Option<T>> {
        self.execute(q).await?.first()
    }

    /// drizzle's `await db.$count(table, filter)`: the number of matching rows.
    pub async fn count(&self, c: crate::query::Count) -> Result<u64> {
        let r = self.execute(c).await?;
        match r.rows.first().and_then(|row| row.first()) {
            Some(Value::BigInt(n) | Value::Int(n)) => {
                u64::try_from(*n).map_err(|_| Error::Protocol(format!("count(*) returned {n}")))
            }
            other => Err(Error::Protocol(format!("count(*) returned {other:?}"))),
        }
    }

    /// Rows as arrays of values, in column order (drizzle's `.values()`).
    pub async fn values(&self, q: impl Executable) -> Result<Vec<Vec<Value>>> {
        Ok(self.execute(q).await?.rows)
    }

    /// Runs SQL text with `$n` parameters as is (the JS driver's `sql.query(text, params)`).
    pub async fn query(&self, sql: &str, params: &[Value]) -> Result<QueryResult> {
        let body = wire::single_body(sql, params);
        let text = self.send(body, None).await?;
        wire::parse_single(&text)
    }

    /// Runs the statements in ONE HTTP request, as one transaction (all or nothing), and
    /// returns one result per statement (drizzle's `db.batch([...])`).
    pub async fn batch<I>(&self, statements: I) -> Result<Vec<QueryResult>>
    where
        I: IntoIterator,
        I::Item: Executable,
    {
        let opts = self.inner.batch;
        self.batch_with(opts, statements).await
    }

    /// [`batch`](NeonHttp::batch) with explicit transaction options.
    pub async fn batch_with<I>(&self, options: BatchOptions, statements: I) -> Result<Vec<QueryResult>>
    where
        I: IntoIterator,
        I::Item: Executable,
    {
        let statements = statements
            .into_iter()
            .map(|s| {
                let p = s.prepare()?;
                let params = p.query.values()?;
                Ok((p, params))
            })
            .collect::<Result<Vec<_>>>()?;
        self.batch_with_params(options, &statements).await
    }
    /// Interactive transactions need a session: over HTTP this always fails, as drizzle's
    /// `neon-http` does. Use [`batch`](NeonHttp::batch) (one transaction, one round trip) or a
    /// WebSocket driver.
    pub async fn transaction<T, F, Fut>(&self, _f: F) -> Result<T>
    where
        F: FnOnce(NeonHttp) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        Err(Error::InvalidQuery(
            "No transactions support in neon-http driver: use batch() for a non-interactive transaction, \
             or the WebSocket (neon-serverless) driver for interactive ones"
                .into(),
        ))
    }

    async fn run(&self, p: &Prepared, params: &[Value]) -> Result<QueryResult> {
        let body = wire::single_body(&p.query.sql, params);
        let text = self.send(body, None).await?;
        Ok(wire::parse_single(&text)?.with_shape(p.shape()))
    }

    async fn token(&self) -> Result<Option<String>> {
        match &self.inner.provider {
            Some(p) => p.token().await.map(Some).map_err(|e| Error::Config(format!("Error getting auth token: {e}"))),
            None => Ok(self.inner.token.clone()),
        }
    }

    async fn send(&self, body: String, batch: Option<&BatchOptions>) -> Result<String> {
        let token = self.token().await?;
        let req = HttpRequest {
            url: self.inner.endpoint.clone(),
            headers: wire::headers(&self.inner.conn_header, token.as_deref(), batch),
            body,
            timeout: self.timeout,
        };
        let resp = abortable(self.inner.transport.post(req), self.abort.as_ref()).await.ok_or(Error::Aborted)??;
        if resp.status == 200 {
            Ok(resp.body)
        } else {
            Err(wire::error_response(resp.status, resp.body))
        }
    }
}
