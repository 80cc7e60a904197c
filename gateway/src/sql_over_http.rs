//! `POST /sql`: Neon's SQL-over-HTTP (docs/protocol.md §1–3).

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_TYPE};
use hyper::{HeaderMap, Request, Response, StatusCode};
use serde::Deserialize;

use crate::body::{read_body_with_limit, ReadBodyError};
use crate::conn_string;
use crate::errors::SqlError;
use crate::json_out::{ResultWriter, SinkError};
use crate::params;
use crate::pg::{ConnectError, PgConn, PoolKey, QueryError};
use crate::state::AppState;
use crate::stats::{Counter, DbStats};

const RAW_TEXT_OUTPUT: &str = "neon-raw-text-output";
const ARRAY_MODE: &str = "neon-array-mode";
const TXN_ISOLATION_LEVEL: &str = "neon-batch-isolation-level";
const TXN_READ_ONLY: &str = "neon-batch-read-only";
const TXN_DEFERRABLE: &str = "neon-batch-deferrable";

/// One query of the body (§1.4). Unknown fields are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct QueryData {
    query: String,
    #[serde(default, deserialize_with = "params::deserialize_params")]
    params: Vec<Option<String>>,
    #[serde(default)]
    array_mode: Option<bool>,
}

#[derive(Deserialize)]
pub(crate) struct BatchQueryData {
    queries: Vec<QueryData>,
}

/// Tried in order, like Neon's untagged enum (the name shows in serde's error message).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Payload {
    Single(QueryData),
    Batch(BatchQueryData),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IsolationLevel {
    ReadUncommitted,
    ReadCommitted,
    RepeatableRead,
    Serializable,
}

impl IsolationLevel {
    fn from_header(v: &HeaderValue) -> Option<Self> {
        match v.as_bytes() {
            b"ReadUncommitted" => Some(Self::ReadUncommitted),
            b"ReadCommitted" => Some(Self::ReadCommitted),
            b"RepeatableRead" => Some(Self::RepeatableRead),
            b"Serializable" => Some(Self::Serializable),
            _ => None,
        }
    }

    fn header_value(self) -> &'static str {
        match self {
            Self::ReadUncommitted => "ReadUncommitted",
            Self::ReadCommitted => "ReadCommitted",
            Self::RepeatableRead => "RepeatableRead",
            Self::Serializable => "Serializable",
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Self::ReadUncommitted => "READ UNCOMMITTED",
            Self::ReadCommitted => "READ COMMITTED",
            Self::RepeatableRead => "REPEATABLE READ",
            Self::Serializable => "SERIALIZABLE",
        }
    }
}

/// Output and transaction options from the request headers (§1.3). Only the exact value
/// `true` turns a boolean header on.
#[derive(Debug, Clone, Copy)]
struct HttpHeaders {
    raw_output: bool,
    default_array_mode: bool,
    isolation_level: Option<IsolationLevel>,
    read_only: bool,
    deferrable: bool,
}

impl HttpHeaders {
    fn try_parse(headers: &HeaderMap) -> Result<Self, SqlError> {
        let is_true = |name: &str| headers.get(name).is_some_and(|v| v.as_bytes() == b"true");
        // Parsed for every request, single queries included (§1.3).
        let isolation_level = match headers.get(TXN_ISOLATION_LEVEL) {
            Some(v) => {
                Some(IsolationLevel::from_header(v).ok_or_else(|| SqlError::bad_request("invalid isolation level"))?)
            }
            None => None,
        };
        Ok(HttpHeaders {
            raw_output: is_true(RAW_TEXT_OUTPUT),
            default_array_mode: is_true(ARRAY_MODE),
            isolation_level,
            read_only: is_true(TXN_READ_ONLY),
            deferrable: is_true(TXN_DEFERRABLE),
        })
    }

    /// `START TRANSACTION[ ISOLATION LEVEL X][, READ ONLY][, DEFERRABLE]` (§1.7).
    fn start_transaction(&self) -> String {
        let mut clauses = Vec::new();
        if let Some(level) = self.isolation_level {
            clauses.push(format!("ISOLATION LEVEL {}", level.sql()));
        }
        if self.read_only {
            clauses.push("READ ONLY".to_string());
        }
        if self.deferrable {
            clauses.push("DEFERRABLE".to_string());
        }
        if clauses.is_empty() {
            "START TRANSACTION".to_string()
        } else {
            format!("START TRANSACTION {}", clauses.join(", "))
        }
    }
}

/// Handles `POST /sql`; every response carries `Access-Control-Allow-Origin: *` (narrowed by
/// the router under `--allow-origin`).
pub async fn handle(state: Arc<AppState>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    state.stats.bump_global(Counter::Requests, 1);
    let mut response = match handle_inner(&state, req).await {
        Ok(r) => r,
        Err(e) => error_response(&e),
    };
    response.headers_mut().insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

/// The JSON error response for `e`.
pub fn error_response(e: &SqlError) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(e.to_json())));
    *r.status_mut() = e.status();
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

async fn handle_inner(state: &AppState, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, SqlError> {
    // Same order of checks as Neon: connection string, then headers, then body, then connect.
    let info = conn_string::get_conn_info(req.headers()).map_err(SqlError::bad_request)?;
    let headers = HttpHeaders::try_parse(req.headers())?;

    let read = read_body_with_limit(req.into_body(), state.max_request_bytes);
    let timeout = state.limits.body_timeout;
    let body = tokio::time::timeout(timeout, read).await.map_err(|_| SqlError::Gateway {
        status: StatusCode::REQUEST_TIMEOUT,
        message: format!("the request body did not arrive within {} s", timeout.as_secs_f64()),
    })?;
    let body = body.map_err(|e| match e {
        ReadBodyError::TooLarge(limit) => SqlError::Gateway {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: format!("request is too large (max is {limit} bytes)"),
        },
        ReadBodyError::Read(e) => SqlError::bad_request(format!("could not read the HTTP request body: {e}")),
    })?;
    // Non-UTF-8 bodies fail here too (serde_json validates UTF-8).
    let payload: Payload = serde_json::from_slice(&body)
        .map_err(|e| SqlError::bad_request(format!("could not parse the HTTP request body: {e}")))?;

    let key = PoolKey { user: info.user.clone(), database: info.dbname.clone(), password: info.password };
    let mut session = state.pool.get(&key).await.map_err(|e| connect_error(e, &key.user, state))?;
    let conn = &mut session.conn;
    // per-database counters only once PostgreSQL accepted the credentials: a name sent by anyone
    // cannot grow /_edgepg/stats
    let db = DbStats::new(&state.stats, &info.dbname);
    db.bump_db_only(Counter::Requests, 1);

    let mut out = Vec::with_capacity(1024);
    let mut response = Response::builder().status(StatusCode::OK).header(CONTENT_TYPE, "application/json");
    let result = match payload {
        Payload::Single(q) => {
            conn.reset_after_next();
            run_query(conn, q, &headers, state.max_response_bytes, &db, &mut out).await
        }
        Payload::Batch(batch) => {
            // Echoed on success only, in Neon's order (§1.7).
            if headers.read_only {
                response = response.header(TXN_READ_ONLY, "true");
            }
            if headers.deferrable {
                response = response.header(TXN_DEFERRABLE, "true");
            }
            if let Some(level) = headers.isolation_level {
                response = response.header(TXN_ISOLATION_LEVEL, level.header_value());
            }
            run_batch(conn, batch, &headers, state.max_response_bytes, &db, &mut out).await
        }
    };
    // Pooled only if idle and healthy (never inside a transaction); otherwise closed, which
    // also makes PostgreSQL roll back anything left open.
    state.pool.put_back(key, session);
    result?;
    response.body(Full::new(Bytes::from(out))).map_err(|e| SqlError::internal(e.to_string()))
}

async fn run_query(
    conn: &mut PgConn,
    q: QueryData,
    headers: &HttpHeaders,
    max_bytes: usize,
    db: &DbStats,
    out: &mut Vec<u8>,
) -> Result<(), SqlError> {
    let array_mode = q.array_mode.unwrap_or(headers.default_array_mode);
    db.bump(Counter::Queries);
    let mut writer = ResultWriter::new(out, headers.raw_output, array_mode, max_bytes);
    let tag = conn.query(&q.query, &q.params, &mut writer).await.map_err(query_error)?;
    writer.finish(tag.as_deref());
    Ok(())
}

async fn run_batch(
    conn: &mut PgConn,
    batch: BatchQueryData,
    headers: &HttpHeaders,
    max_bytes: usize,
    db: &DbStats,
    out: &mut Vec<u8>,
) -> Result<(), SqlError> {
    conn.simple_query(&headers.start_transaction()).await.map_err(query_error)?;
    out.extend_from_slice(b"{\"results\":[");
    for (i, q) in batch.queries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if let Err(e) = run_query(conn, q, headers, max_bytes, db, out).await {
            // On any error the transaction is rolled back and the error returned; the
            // response does not say which query failed (§1.7). An interrupted session is
            // closed instead, which rolls back too.
            if conn.is_usable() {
                let _ = conn.simple_query("ROLLBACK").await;
            }
            return Err(e);
        }
    }
    out.extend_from_slice(b"]}");
    conn.reset_after_next();
    conn.simple_query("COMMIT").await.map_err(query_error)?;
    Ok(())
}

fn query_error<E: Into<SinkOrNever>>(e: QueryError<E>) -> SqlError {
    match e {
        QueryError::Db(error) => SqlError::Postgres { status: StatusCode::BAD_REQUEST, error },
        QueryError::Encode(e) => SqlError::bad_request(e.to_string()),
        QueryError::Io(e) => SqlError::internal(format!("connection to PostgreSQL failed: {e}")),
        QueryError::Sink(s) => match s.into() {
            SinkOrNever::Sink(SinkError::TooLarge(max)) => SqlError::Gateway {
                status: StatusCode::INSUFFICIENT_STORAGE,
                message: format!("response is too large (max is {max} bytes)"),
            },
            SinkOrNever::Sink(SinkError::Conversion(e)) => {
                eprintln!("edgepg-gateway: could not convert a value to JSON: {}", e.0);
                SqlError::internal("could not parse postgres response")
            }
        },
    }
}

/// Lets [`query_error`] take both the result writer's errors and `Infallible`.
enum SinkOrNever {
    Sink(SinkError),
}

impl From<SinkError> for SinkOrNever {
    fn from(e: SinkError) -> Self {
        SinkOrNever::Sink(e)
    }
}

impl From<std::convert::Infallible> for SinkOrNever {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}

/// Maps a failure to open a session (§3.2).
fn connect_error(e: ConnectError, user: &str, state: &AppState) -> SqlError {
    match e {
        ConnectError::Db(error) => match error.code() {
            // Wrong password or unknown role: Neon's own message, no PostgreSQL fields.
            "28P01" => password_failed(user),
            "28000" if error.message().starts_with("role ") => password_failed(user),
            "3D000" => SqlError::Postgres { status: StatusCode::BAD_REQUEST, error },
            // too_many_connections: PostgreSQL's own limit (another client took the sessions)
            "53300" => SqlError::Postgres { status: StatusCode::SERVICE_UNAVAILABLE, error },
            _ => SqlError::Postgres { status: StatusCode::INTERNAL_SERVER_ERROR, error },
        },
        ConnectError::InvalidParams(m) => SqlError::bad_request(format!("invalid connection string: {m}")),
        ConnectError::Io(err) => {
            let up = state.pool.upstream();
            eprintln!("edgepg-gateway: cannot connect to PostgreSQL at {}:{}: {err}", up.host, up.port);
            SqlError::internal("could not connect to compute")
        }
        ConnectError::Protocol(m) => SqlError::internal(m),
        ConnectError::Busy(message) => SqlError::Gateway { status: StatusCode::SERVICE_UNAVAILABLE, message },
        e @ ConnectError::Trust { .. } => SqlError::internal(e.to_string()),
    }
}

fn password_failed(user: &str) -> SqlError {
    SqlError::bad_request(format!("password authentication failed for user '{user}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn start_transaction_sql() {
        let h = HttpHeaders::try_parse(&headers(&[])).unwrap();
        assert_eq!(h.start_transaction(), "START TRANSACTION");
        let h = HttpHeaders::try_parse(&headers(&[
            (TXN_ISOLATION_LEVEL, "Serializable"),
            (TXN_READ_ONLY, "true"),
            (TXN_DEFERRABLE, "true"),
        ]))
        .unwrap();
        assert_eq!(h.start_transaction(), "START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE");
        let h = HttpHeaders::try_parse(&headers(&[(TXN_READ_ONLY, "TRUE"), (TXN_DEFERRABLE, "true")])).unwrap();
        assert_eq!(h.start_transaction(), "START TRANSACTION DEFERRABLE");
        assert!(HttpHeaders::try_parse(&headers(&[(TXN_ISOLATION_LEVEL, "serializable")])).is_err());
    }

    #[test]
    fn payload_shapes() {
        let p: Payload = serde_json::from_str(r#"{"query":"SELECT $1","params":[1,null],"arrayMode":true}"#).unwrap();
        match p {
            Payload::Single(q) => {
                assert_eq!(q.params, vec![Some("1".to_string()), None]);
                assert_eq!(q.array_mode, Some(true));
            }
            Payload::Batch(_) => panic!("single expected"),
        }
        let p: Payload = serde_json::from_str(r#"{"queries":[{"query":"SELECT 1"}]}"#).unwrap();
        assert!(matches!(p, Payload::Batch(b) if b.queries.len() == 1));
        let e = serde_json::from_str::<Payload>("{}").err().unwrap();
        assert_eq!(e.to_string(), "data did not match any variant of untagged enum Payload");
    }
}
