//! The Postgres v3 wire protocol, client side, sans IO: bytes in, bytes and results out
//! (`docs/protocol.md` §5). No socket, no clock, no task: a transport (a WebSocket today —
//! tokio-tungstenite natively, the runtime's `WebSocket` on wasm32 — or any other byte stream)
//! feeds it what it reads and sends what it returns, so every behaviour here is testable without
//! a network. [`Client`] drives it over any [`Socket`].
//!
//! Pipelining follows @neondatabase/serverless's `pipelineConnect: 'password'`: the startup
//! message and the password leave together, followed at once by the first query; the server's
//! `AuthenticationCleartextPassword` is then answered already. Without pipelining the server's
//! request decides: cleartext, MD5 or SCRAM-SHA-256 (plain PostgreSQL behind a raw tunnel).

use std::collections::VecDeque;

use bytes::BytesMut;
use postgres_protocol::authentication::md5_hash;
#[cfg(feature = "scram")]
use postgres_protocol::authentication::sasl;
use postgres_protocol::message::backend::{ErrorFields, Message};
use postgres_protocol::message::frontend;
use postgres_protocol::IsNull;

mod client;

pub use client::{Client, Socket, Transaction, TransactionConfig};

use super::result::{FieldInfo, QueryResult};
use crate::error::DatabaseError;
use crate::types::{decode_cell, Value};
use crate::{Error, Result};

/// What the startup message carries (the connection string's parts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    /// `user`.
    pub user: String,
    /// `password`, sent when the server asks (or at once when pipelining).
    pub password: String,
    /// `database`.
    pub database: String,
    /// `application_name`, if any.
    pub application_name: Option<String>,
    /// More startup parameters, in order: what pg sends from a connection string's query
    /// ([`Startup::STRING_PARAMS`]: `options`, `statement_timeout`, …).
    pub params: Vec<(String, String)>,
}

impl Startup {
    /// The query parameters of a connection string that pg (and so @neondatabase/serverless)
    /// puts in the startup message, besides `user`, `database` and `application_name`:
    /// `options` carries `-c name=value` settings and Neon's `endpoint=<id>` fallback for
    /// clients without SNI.
    pub const STRING_PARAMS: [&'static str; 5] =
        ["options", "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "replication"];

    /// The startup of a connection string's user, password and database, with its
    /// `application_name` (or `application_name` given here when it names none) and the
    /// startup parameters of its query ([`Startup::STRING_PARAMS`]).
    ///
    /// ```
    /// use edgepg::driver::{pgwire::Startup, ConnectionString};
    /// let cs = ConnectionString::parse("postgres://u:p@h.example/db?options=endpoint%3Dep-1&sslmode=require")?;
    /// let s = Startup::of(&cs, "edgepg");
    /// assert_eq!(s.application_name.as_deref(), Some("edgepg"));
    /// assert_eq!(s.params, vec![("options".to_owned(), "endpoint=ep-1".to_owned())]);
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn of(cs: &crate::driver::ConnectionString, application_name: &str) -> Startup {
        let given = cs.options().iter().rev().find(|(k, _)| k == "application_name").map(|(_, v)| v.clone());
        let params = cs
            .options()
            .iter()
            .filter(|(k, v)| Startup::STRING_PARAMS.contains(&k.as_str()) && !v.is_empty())
            .map(|(k, v)| match k.as_str() {
                // pg sends `String(parseInt(value, 10))` for the timeouts: `5s` is `5`
                "statement_timeout" | "lock_timeout" | "idle_in_transaction_session_timeout" => {
                    (k.clone(), leading_integer(v).unwrap_or(v).to_owned())
                }
                _ => (k.clone(), v.clone()),
            })
            .collect();
        Startup {
            user: cs.user().to_owned(),
            password: cs.password().unwrap_or_default().to_owned(),
            database: cs.database().to_owned(),
            application_name: Some(given.unwrap_or_else(|| application_name.to_owned())),
            params,
        }
    }
}

/// The integer at the start of `s` (after spaces, with its sign), as JS's `parseInt(s, 10)`
/// reads it; `None` when there is none.
fn leading_integer(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let sign = usize::from(t.starts_with(['+', '-']));
    let digits = t[sign..].bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| &t[..sign + digits])
}

/// How the connection authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pipeline {
    /// Startup, password and the first query in one flight; the server must ask for a
    /// cleartext password (Neon's proxy and edgepg-gateway do).
    Password,
    /// Wait for the server's request: cleartext, MD5 or SCRAM-SHA-256.
    Off,
}

/// Something the connection learned from the bytes it was fed.
#[derive(Debug)]
pub enum Event {
    /// Authentication finished and the server is ready for queries (once per connection).
    Ready,
    /// The next queued statement finished: its result, or the database error it raised.
    Done(Result<QueryResult>),
    /// The next queued simple query finished: one result per statement of its text, or the
    /// first error (PostgreSQL skips the statements after it).
    DoneAll(Result<Vec<QueryResult>>),
}

#[derive(Debug, PartialEq, Eq)]
enum Phase {
    Auth,
    Ready,
    Closed,
}

/// One queued statement: its fields and rows so far, and the error it raised, if any.
#[derive(Debug, Default)]
struct Pending {
    fields: Vec<FieldInfo>,
    rows: Vec<Vec<Option<String>>>,
    command: Option<String>,
    error: Option<Error>,
    /// A simple query: its finished statements so far.
    simple: Option<Vec<QueryResult>>,
}

/// A client connection's protocol state.
pub struct Connection {
    startup: Startup,
    pipeline: Pipeline,
    phase: Phase,
    #[cfg(feature = "scram")]
    scram: Option<sasl::ScramSha256>,
    inbox: BytesMut,
    /// Statements sent, in order, waiting for their `ReadyForQuery`.
    pending: VecDeque<Pending>,
    /// The server's parameters (`ParameterStatus`).
    params: Vec<(String, String)>,
    /// `ReadyForQuery`'s transaction status: `I` idle, `T` in a transaction, `E` failed.
    status: u8,
    auth: &'static str,
    /// `BackendKeyData`: what a CancelRequest names.
    key: Option<(i32, i32)>,
    /// How rows become values: decoded by type OID ([`Connection::new`]) or kept as text
    /// ([`Connection::new_raw_text`]). A function, so that a build using one links only it.
    rows: RowsFn,
}

type RowsFn = fn(&[FieldInfo], Vec<Vec<Option<String>>>) -> Result<Vec<Vec<Value>>>;

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("phase", &self.phase).field("pending", &self.pending.len()).finish()
    }
}

fn io(e: std::io::Error) -> Error {
    Error::Protocol(e.to_string())
}

impl Connection {
    /// A new connection and the bytes to send as soon as the socket is open: the startup
    /// message, and the password too when pipelining.
    pub fn new(startup: Startup, pipeline: Pipeline) -> Result<(Connection, Vec<u8>)> {
        Connection::with_rows(startup, pipeline, decode_rows)
    }

    /// [`Connection::new`] whose results keep every value as the text PostgreSQL sent
    /// ([`Value::Text`] or [`Value::Null`]), for callers that decode elsewhere (the npm package
    /// decodes in JS); the decoders are then not linked.
    pub fn new_raw_text(startup: Startup, pipeline: Pipeline) -> Result<(Connection, Vec<u8>)> {
        Connection::with_rows(startup, pipeline, raw_rows)
    }

    fn with_rows(startup: Startup, pipeline: Pipeline, rows: RowsFn) -> Result<(Connection, Vec<u8>)> {
        let mut out = BytesMut::new();
        let mut params: Vec<(&str, &str)> = vec![("user", &startup.user), ("database", &startup.database)];
        if let Some(app) = &startup.application_name {
            params.push(("application_name", app));
        }
        for (k, v) in &startup.params {
            params.push((k, v));
        }
        params.push(("client_encoding", "UTF8"));
        frontend::startup_message(params.iter().copied(), &mut out).map_err(io)?;
        if pipeline == Pipeline::Password {
            frontend::password_message(startup.password.as_bytes(), &mut out).map_err(io)?;
        }
        let conn = Connection {
            startup,
            pipeline,
            phase: Phase::Auth,
            #[cfg(feature = "scram")]
            scram: None,
            inbox: BytesMut::new(),
            pending: VecDeque::new(),
            params: vec![],
            status: b'I',
            auth: "none",
            key: None,
            rows,
        };
        Ok((conn, out.to_vec()))
    }

    /// The bytes of a statement with text parameters (`None` is SQL NULL): the extended
    /// protocol with the unnamed statement and portal, ending in `Sync`. The result comes back
    /// as an [`Event::Done`], in the order statements were queued. May be called before
    /// authentication finishes (the bytes then follow the startup, as pipelining does).
    pub fn query(&mut self, sql: &str, params: &[Option<String>]) -> Result<Vec<u8>> {
        let bytes = encode_query(None, sql, params)?;
        self.expect(false)?;
        Ok(bytes)
    }

    /// Queues the result of a statement encoded by [`encode_query`] (`simple: false`) or
    /// [`encode_simple_query`] (`simple: true`): call it when its bytes are sent, in the order
    /// they are sent.
    pub fn expect(&mut self, simple: bool) -> Result<()> {
        if self.phase == Phase::Closed {
            return Err(Error::Connect("the connection is closed".into()));
        }
        self.pending.push_back(Pending { simple: simple.then(Vec::new), ..Pending::default() });
        Ok(())
    }

    /// A `CancelRequest` for this connection's running statement, sent as the first packet of
    /// a NEW socket (the endpoint forwards it); `None` before the server sent its key.
    pub fn cancel_request(&self) -> Option<Vec<u8>> {
        let (pid, secret) = self.key?;
        let mut out = BytesMut::new();
        frontend::cancel_request(pid, secret, &mut out);
        Some(out.to_vec())
    }

    /// The bytes of a simple query (`Q`): SQL text without parameters, possibly several
    /// statements, run as one implicit transaction unless the text manages its own. The results
    /// come back as one [`Event::DoneAll`].
    pub fn simple_query(&mut self, sql: &str) -> Result<Vec<u8>> {
        let bytes = encode_simple_query(sql)?;
        self.expect(true)?;
        Ok(bytes)
    }

    /// `Terminate`: the bytes to send before closing the socket.
    pub fn terminate(&mut self) -> Vec<u8> {
        self.phase = Phase::Closed;
        let mut out = BytesMut::new();
        frontend::terminate(&mut out);
        out.to_vec()
    }

    /// The transaction status of the last `ReadyForQuery`: `b'I'` idle, `b'T'` in a
    /// transaction, `b'E'` in a failed transaction.
    pub fn transaction_status(&self) -> u8 {
        self.status
    }

    /// How the server authenticated this connection: `"none"` (trust), `"cleartext"`, `"md5"`
    /// or `"scram-sha-256"`.
    pub fn auth_method(&self) -> &'static str {
        self.auth
    }

    /// Statements sent whose results have not arrived yet.
    pub fn in_flight(&self) -> usize {
        self.pending.len()
    }

    /// The server's value of a parameter it reported (`server_version`, `TimeZone`, …).
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Feeds bytes read from the socket. Returns what happened and the bytes to send in answer
    /// (authentication steps); an error means the connection is unusable (authentication failed,
    /// or the stream broke the protocol): close it. Statement errors are not errors here: they
    /// arrive as [`Event::Done`]`(Err(Error::Database))` and the connection stays usable.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(Vec<Event>, Vec<u8>)> {
        self.inbox.extend_from_slice(bytes);
        let mut events = vec![];
        let mut out = BytesMut::new();
        while let Some(msg) = Message::parse(&mut self.inbox).map_err(io)? {
            self.handle(msg, &mut events, &mut out)?;
        }
        Ok((events, out.to_vec()))
    }

    /// The connection ended (socket closed or failed): every statement still waiting fails
    /// with `Error::Connect`, returned as events.
    pub fn closed(&mut self, why: &str) -> Vec<Event> {
        self.phase = Phase::Closed;
        let err = || Error::Connect(format!("Connection terminated unexpectedly: {why}"));
        self.pending
            .drain(..)
            .map(|p| if p.simple.is_some() { Event::DoneAll(Err(err())) } else { Event::Done(Err(err())) })
            .collect()
    }

    fn handle(&mut self, msg: Message, events: &mut Vec<Event>, out: &mut BytesMut) -> Result<()> {
        match msg {
            Message::AuthenticationOk => {}
            Message::AuthenticationCleartextPassword => {
                self.auth = "cleartext";
                if self.pipeline == Pipeline::Off {
                    frontend::password_message(self.startup.password.as_bytes(), out).map_err(io)?;
                }
            }
            Message::AuthenticationMd5Password(body) => {
                if self.pipeline == Pipeline::Password {
                    return Err(self.auth_error("MD5"));
                }
                self.auth = "md5";
                let hash = md5_hash(self.startup.user.as_bytes(), self.startup.password.as_bytes(), body.salt());
                frontend::password_message(hash.as_bytes(), out).map_err(io)?;
            }
            #[cfg(feature = "scram")]
            Message::AuthenticationSasl(body) => {
                if self.pipeline == Pipeline::Password {
                    return Err(self.auth_error("SCRAM-SHA-256"));
                }
                let mut mechanisms = body.mechanisms();
                let mut scram = false;
                while let Some(m) = fallible_iterator::FallibleIterator::next(&mut mechanisms).map_err(io)? {
                    scram |= m == sasl::SCRAM_SHA_256;
                }
                if !scram {
                    return Err(Error::Connect("the server offers no SASL mechanism edgepg supports".into()));
                }
                self.auth = "scram-sha-256";
                let s = sasl::ScramSha256::new(self.startup.password.as_bytes(), sasl::ChannelBinding::unsupported());
                frontend::sasl_initial_response(sasl::SCRAM_SHA_256, s.message(), out).map_err(io)?;
                self.scram = Some(s);
            }
            #[cfg(feature = "scram")]
            Message::AuthenticationSaslContinue(body) => {
                let s = self.scram.as_mut().ok_or_else(|| Error::Protocol("unexpected SASL continue".into()))?;
                s.update(body.data()).map_err(|e| Error::Connect(format!("SCRAM: {e}")))?;
                frontend::sasl_response(s.message(), out).map_err(io)?;
            }
            #[cfg(feature = "scram")]
            Message::AuthenticationSaslFinal(body) => {
                let mut s = self.scram.take().ok_or_else(|| Error::Protocol("unexpected SASL final".into()))?;
                s.finish(body.data()).map_err(|e| Error::Connect(format!("SCRAM: {e}")))?;
            }
            #[cfg(not(feature = "scram"))]
            Message::AuthenticationSasl(_)
            | Message::AuthenticationSaslContinue(_)
            | Message::AuthenticationSaslFinal(_) => {
                if self.pipeline == Pipeline::Password {
                    return Err(self.auth_error("SCRAM-SHA-256"));
                }
                return Err(Error::Connect(
                    "the server asks for SCRAM-SHA-256 authentication, which this build of edgepg leaves out \
                     (the `scram` feature; its Unicode tables cost ~150 KB of wasm): Neon and edgepg-gateway \
                     ask for a cleartext password over WebSockets; for plain PostgreSQL enable `scram`"
                        .into(),
                ));
            }
            Message::ParameterStatus(body) => {
                let name = body.name().map_err(io)?.to_owned();
                let value = body.value().map_err(io)?.to_owned();
                self.params.retain(|(n, _)| *n != name);
                self.params.push((name, value));
            }
            Message::BackendKeyData(body) => self.key = Some((body.process_id(), body.secret_key())),
            Message::NoticeResponse(_) | Message::NotificationResponse(_) => {}
            Message::ParseComplete | Message::BindComplete | Message::NoData | Message::EmptyQueryResponse => {}
            Message::ParameterDescription(_) | Message::PortalSuspended => {}
            Message::RowDescription(body) => {
                let p = self.current()?;
                let mut fields = body.fields();
                while let Some(f) = fallible_iterator::FallibleIterator::next(&mut fields).map_err(io)? {
                    p.fields.push(FieldInfo {
                        name: f.name().to_owned(),
                        type_oid: f.type_oid(),
                        table_oid: f.table_oid(),
                        column_id: i32::from(f.column_id()),
                        type_size: i32::from(f.type_size()),
                        type_modifier: f.type_modifier(),
                    });
                }
            }
            Message::DataRow(body) => {
                let buf = body.buffer();
                let mut ranges = body.ranges();
                let mut row = vec![];
                while let Some(r) = fallible_iterator::FallibleIterator::next(&mut ranges).map_err(io)? {
                    row.push(match r {
                        Some(r) => Some(
                            std::str::from_utf8(&buf[r])
                                .map_err(|e| Error::Protocol(format!("a value is not UTF-8: {e}")))?
                                .to_owned(),
                        ),
                        None => None,
                    });
                }
                self.current()?.rows.push(row);
            }
            Message::CommandComplete(body) => {
                let tag = body.tag().map_err(io)?.to_owned();
                let rows = self.rows;
                let p = self.current()?;
                match &mut p.simple {
                    // a simple query's statement ends here; the next one starts afresh
                    Some(done) => {
                        done.push(part(std::mem::take(&mut p.fields), std::mem::take(&mut p.rows), Some(tag), rows)?)
                    }
                    None => p.command = Some(tag),
                }
            }
            Message::ErrorResponse(body) => {
                let err = Error::Database(Box::new(database_error(body.fields())?));
                match self.phase {
                    // before ReadyForQuery, an error ends the connection (wrong password, …)
                    Phase::Auth => {
                        self.phase = Phase::Closed;
                        return Err(err);
                    }
                    _ => {
                        let p = self.current()?;
                        p.error.get_or_insert(err);
                    }
                }
            }
            Message::ReadyForQuery(body) => {
                self.status = body.status();
                if self.phase == Phase::Auth {
                    self.phase = Phase::Ready;
                    events.push(Event::Ready);
                } else {
                    let p = self
                        .pending
                        .pop_front()
                        .ok_or_else(|| Error::Protocol("ReadyForQuery with nothing sent".into()))?;
                    events.push(match p.simple {
                        Some(done) => Event::DoneAll(match p.error {
                            Some(e) => Err(e),
                            None => Ok(done),
                        }),
                        None => Event::Done(finish(p, self.rows)),
                    });
                }
            }
            Message::CopyInResponse(_) | Message::CopyOutResponse(_) => {
                return Err(Error::Protocol("COPY is not supported over this connection".into()));
            }
            Message::CopyData(_) | Message::CopyDone | Message::CloseComplete => {}
            _ => return Err(Error::Protocol("an unknown message from the server".into())),
        }
        Ok(())
    }

    fn current(&mut self) -> Result<&mut Pending> {
        self.pending.front_mut().ok_or_else(|| Error::Protocol("a result with nothing sent".into()))
    }

    fn auth_error(&self, method: &str) -> Error {
        Error::Connect(format!(
            "the server asks for {method} authentication, but the password was pipelined as cleartext \
             (pipelineConnect: 'password'): connect with pipelining off"
        ))
    }
}

/// A statement's result, or the database error it raised.
fn finish(p: Pending, rows: RowsFn) -> Result<QueryResult> {
    if let Some(e) = p.error {
        return Err(e);
    }
    part(p.fields, p.rows, p.command, rows)
}

/// One statement's result: rows decoded by type OID, the command tag split as Neon splits it.
fn part(
    fields: Vec<FieldInfo>,
    rows: Vec<Vec<Option<String>>>,
    command: Option<String>,
    decode: RowsFn,
) -> Result<QueryResult> {
    let rows = decode(&fields, rows)?;
    let tag = command.unwrap_or_default();
    let command = tag.split(' ').next().unwrap_or_default().to_owned();
    let row_count = tag.rsplit(' ').next().and_then(|n| n.parse::<u64>().ok());
    Ok(QueryResult::new(fields, rows, command, row_count))
}

fn raw_rows(_: &[FieldInfo], rows: Vec<Vec<Option<String>>>) -> Result<Vec<Vec<Value>>> {
    Ok(rows.into_iter().map(|row| row.into_iter().map(|c| c.map_or(Value::Null, Value::Text)).collect()).collect())
}

fn decode_rows(fields: &[FieldInfo], rows: Vec<Vec<Option<String>>>) -> Result<Vec<Vec<Value>>> {
    rows.iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| decode_cell(fields.get(i).map_or(25, |f| f.type_oid), cell.as_deref()))
                .collect::<Result<Vec<_>>>()
        })
        .collect()
}

/// The bytes of one statement with text parameters (`None` is SQL NULL), in the extended
/// protocol: `Parse` (unless `named` says the statement is parsed already), `Bind`, `Describe`
/// of the portal, `Execute`, `Sync`. `named` is `(name, parse)`: a named server-side statement
/// (drizzle's `.prepare('name')`), parsed only when `parse` is true, after a `Close` of the name
/// (so that a statement whose first run failed after its `Parse` can be parsed again; closing
/// a name that does not exist is no error); `None` uses the unnamed statement. Queue its result with [`Connection::expect`]`(false)` when sending it.
///
/// ```
/// use edgepg::driver::pgwire::encode_query;
/// let first = encode_query(Some(("q1", true)), "select $1::int", &[Some("1".into())]).unwrap();
/// let again = encode_query(Some(("q1", false)), "select $1::int", &[Some("2".into())]).unwrap();
/// assert_eq!(first[0], b'C'); // Close "q1", Parse "q1" …
/// assert_eq!(again[0], b'B'); // … then only Bind/Describe/Execute/Sync
/// ```
pub fn encode_query(named: Option<(&str, bool)>, sql: &str, params: &[Option<String>]) -> Result<Vec<u8>> {
    let mut out = BytesMut::new();
    let name = named.map_or("", |(n, _)| n);
    if let Some((name, true)) = named {
        frontend::close(b'S', name, &mut out).map_err(io)?;
    }
    if named.is_none_or(|(_, parse)| parse) {
        frontend::parse(name, sql, std::iter::empty(), &mut out).map_err(io)?;
    }
    frontend::bind(
        "",
        name,
        std::iter::once(0i16), // every parameter in text format
        params.iter(),
        |p, buf| match p {
            Some(s) => {
                buf.extend_from_slice(s.as_bytes());
                Ok(IsNull::No)
            }
            None => Ok(IsNull::Yes),
        },
        std::iter::once(0i16), // every result column in text format
        &mut out,
    )
    .map_err(|e| match e {
        frontend::BindError::Conversion(e) => Error::Protocol(e.to_string()),
        frontend::BindError::Serialization(e) => io(e),
    })?;
    frontend::describe(b'P', "", &mut out).map_err(io)?;
    frontend::execute("", 0, &mut out).map_err(io)?;
    frontend::sync(&mut out);
    Ok(out.to_vec())
}

/// What a server answered to an [`ssl_request`]: whether to wrap the socket in TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslAnswer {
    /// `S`: the server will speak TLS; start the TLS handshake, then the startup.
    Tls,
    /// `N`: no TLS here; go on in plain text (or give up, if the connection string requires TLS).
    Plain,
}

/// The 8 bytes of an `SSLRequest`, the first packet of a TCP connection that asks for TLS
/// (before any startup). The server answers with ONE byte, read with [`ssl_answer`].
///
/// ```
/// use edgepg::driver::pgwire::{ssl_answer, ssl_request, SslAnswer};
/// assert_eq!(ssl_request(), [0, 0, 0, 8, 4, 210, 22, 47]);
/// assert_eq!(ssl_answer(b'S')?, SslAnswer::Tls);
/// assert!(ssl_answer(b'E').is_err());
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn ssl_request() -> [u8; 8] {
    let mut out = BytesMut::new();
    frontend::ssl_request(&mut out);
    let mut bytes = [0; 8];
    bytes.copy_from_slice(&out);
    bytes
}

/// The server's one-byte answer to an [`ssl_request`]: `S` or `N`. Anything else (an old server
/// answers `E` and an error message) is an `Error::Connect`: the connection is unusable.
pub fn ssl_answer(byte: u8) -> Result<SslAnswer> {
    match byte {
        b'S' => Ok(SslAnswer::Tls),
        b'N' => Ok(SslAnswer::Plain),
        other => Err(Error::Connect(format!(
            "the server answered the SSLRequest with {:?} instead of 'S' or 'N'",
            char::from(other)
        ))),
    }
}

/// The bytes of a simple query (`Q`); queue its result with [`Connection::expect`]`(true)`.
pub fn encode_simple_query(sql: &str) -> Result<Vec<u8>> {
    let mut out = BytesMut::new();
    frontend::query(sql, &mut out).map_err(io)?;
    Ok(out.to_vec())
}

/// The fields of an `ErrorResponse`, by their one-letter codes.
fn database_error(mut fields: ErrorFields<'_>) -> Result<DatabaseError> {
    let mut e = DatabaseError::default();
    // the length word (4) and the closing zero byte, then each field's code, value and zero
    let mut length: u32 = 5;
    while let Some(f) = fallible_iterator::FallibleIterator::next(&mut fields).map_err(io)? {
        length = length.saturating_add(u32::try_from(f.value_bytes().len()).unwrap_or(u32::MAX).saturating_add(2));
        let v = String::from_utf8_lossy(f.value_bytes()).into_owned();
        let slot = match f.type_() {
            b'M' => {
                e.message = v;
                continue;
            }
            b'S' => &mut e.severity,
            b'C' => &mut e.code,
            b'D' => &mut e.detail,
            b'H' => &mut e.hint,
            b'P' => &mut e.position,
            b'p' => &mut e.internal_position,
            b'q' => &mut e.internal_query,
            b'W' => &mut e.where_,
            b's' => &mut e.schema,
            b't' => &mut e.table,
            b'c' => &mut e.column,
            b'd' => &mut e.data_type,
            b'n' => &mut e.constraint,
            b'F' => &mut e.file,
            b'L' => &mut e.line,
            b'R' => &mut e.routine,
            _ => continue, // `V` (non-localized severity) and future fields
        };
        *slot = Some(v);
    }
    e.length = Some(length);
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn startup() -> Startup {
        Startup {
            user: "u".into(),
            password: "pw".into(),
            database: "db".into(),
            application_name: None,
            params: vec![],
        }
    }

    /// Server messages, written as PostgreSQL writes them.
    fn msg(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        v.extend_from_slice(&(body.len() as i32 + 4).to_be_bytes());
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn pipelined_startup_sends_password_and_first_query_at_once() {
        let (mut c, first) = Connection::new(startup(), Pipeline::Password).unwrap();
        // startup (no tag) then 'p' password "pw\0"
        assert!(first.ends_with(&[b'p', 0, 0, 0, 7, b'p', b'w', 0]));
        let q = c.query("select $1::int", &[Some("7".into())]).unwrap();
        assert_eq!(q[0], b'P');
        assert!(q.ends_with(&[b'S', 0, 0, 0, 4]));
        // the server's whole answer, split at every byte: the result is the same
        let mut server = vec![];
        server.extend(msg(b'R', &3i32.to_be_bytes())); // cleartext asked: already answered
        server.extend(msg(b'R', &0i32.to_be_bytes()));
        server.extend(msg(b'S', b"TimeZone\0UTC\0"));
        server.extend(msg(b'Z', b"I"));
        server.extend(msg(b'1', b""));
        server.extend(msg(b'2', b""));
        let mut rd = vec![0, 1];
        rd.extend(b"int4\0");
        rd.extend(0u32.to_be_bytes());
        rd.extend(0i16.to_be_bytes());
        rd.extend(23u32.to_be_bytes());
        rd.extend(4i16.to_be_bytes());
        rd.extend((-1i32).to_be_bytes());
        rd.extend(0i16.to_be_bytes());
        server.extend(msg(b'T', &rd));
        server.extend(msg(b'D', &[0, 1, 0, 0, 0, 1, b'7']));
        server.extend(msg(b'C', b"SELECT 1\0"));
        server.extend(msg(b'Z', b"I"));
        let mut events = vec![];
        for b in &server {
            let (ev, out) = c.feed(std::slice::from_ref(b)).unwrap();
            assert!(out.is_empty(), "nothing to answer when pipelining");
            events.extend(ev);
        }
        assert!(matches!(events[0], Event::Ready));
        let Event::Done(Ok(r)) = &events[1] else { panic!("{events:?}") };
        assert_eq!((r.command.as_str(), r.row_count), ("SELECT", Some(1)));
        assert_eq!(r.rows, vec![vec![crate::types::Value::Int(7)]]);
        assert_eq!(c.parameter("TimeZone"), Some("UTC"));
        assert_eq!(c.in_flight(), 0);
    }

    #[test]
    fn statement_errors_keep_every_field_and_the_connection() {
        let (mut c, _) = Connection::new(startup(), Pipeline::Password).unwrap();
        c.feed(&[msg(b'R', &0i32.to_be_bytes()), msg(b'Z', b"I")].concat()).unwrap();
        c.query("insert", &[]).unwrap();
        let err = msg(b'E', b"SERROR\0C23505\0Mduplicate key\0Dkey (id)=(1)\0tusers\0nusers_pkey\0\0");
        let (ev, _) = c.feed(&[err, msg(b'Z', b"E")].concat()).unwrap();
        let Event::Done(Err(Error::Database(e))) = &ev[0] else { panic!("{ev:?}") };
        assert_eq!(
            (e.code.as_deref(), e.message.as_str(), e.detail.as_deref(), e.table.as_deref(), e.constraint.as_deref()),
            (Some("23505"), "duplicate key", Some("key (id)=(1)"), Some("users"), Some("users_pkey"))
        );
        // pg's `length`: the message's length word, which counts itself and not the tag
        let body = b"SERROR\0C23505\0Mduplicate key\0Dkey (id)=(1)\0tusers\0nusers_pkey\0\0";
        assert_eq!(e.length, Some(4 + body.len() as u32));
        assert_eq!(c.transaction_status(), b'E');
        assert!(c.query("select 1", &[]).is_ok());
    }

    #[test]
    fn the_startup_carries_the_connection_strings_startup_parameters() {
        let cs = crate::driver::ConnectionString::parse(
            "postgres://u:p@h.example/db?sslmode=require&options=-c%20search_path%3Dapp&statement_timeout=5000ms&application_name=mine",
        )
        .unwrap();
        let s = Startup::of(&cs, "edgepg");
        assert_eq!(s.application_name.as_deref(), Some("mine"));
        let (_, first) = Connection::new(s, Pipeline::Off).unwrap();
        let text = String::from_utf8_lossy(&first);
        for part in ["options\0-c search_path=app\0", "statement_timeout\x005000\0", "application_name\0mine\0"] {
            assert!(text.contains(part), "{part:?} in {text:?}");
        }
        assert!(!text.contains("sslmode"), "{text:?}");
    }

    #[test]
    fn a_simple_query_returns_one_result_per_statement() {
        let (mut c, _) = Connection::new(startup(), Pipeline::Password).unwrap();
        c.feed(&[msg(b'R', &0i32.to_be_bytes()), msg(b'Z', b"I")].concat()).unwrap();
        let q = c.simple_query("create table t (); drop table t").unwrap();
        assert_eq!(q[0], b'Q');
        let (ev, _) =
            c.feed(&[msg(b'C', b"CREATE TABLE\0"), msg(b'C', b"DROP TABLE\0"), msg(b'Z', b"I")].concat()).unwrap();
        let Event::DoneAll(Ok(r)) = &ev[0] else { panic!("{ev:?}") };
        assert_eq!(r.iter().map(|r| r.command.as_str()).collect::<Vec<_>>(), ["CREATE", "DROP"]);
        c.simple_query("select 1/0").unwrap();
        let (ev, _) = c.feed(&[msg(b'E', b"SERROR\0C22012\0Mdivision by zero\0\0"), msg(b'Z', b"I")].concat()).unwrap();
        assert!(matches!(&ev[0], Event::DoneAll(Err(e)) if e.code() == Some("22012")), "{ev:?}");
    }

    #[test]
    fn auth_errors_end_the_connection_and_drops_fail_what_is_in_flight() {
        let (mut c, _) = Connection::new(startup(), Pipeline::Password).unwrap();
        c.query("select 1", &[]).unwrap();
        let e = c.feed(&msg(b'E', b"SERROR\0CXX000\0Mpassword authentication failed for user 'u'\0\0")).unwrap_err();
        assert!(e.to_string().contains("password authentication failed"), "{e}");
        let ev = c.closed("socket closed");
        assert!(matches!(&ev[..], [Event::Done(Err(Error::Connect(_)))]));
        assert!(c.query("select 1", &[]).is_err());
        // MD5 asked of a pipelined connection: a clear error, not a hang
        let (mut c, _) = Connection::new(startup(), Pipeline::Password).unwrap();
        let e = c.feed(&msg(b'R', &[0, 0, 0, 5, 1, 2, 3, 4])).unwrap_err();
        assert!(e.to_string().contains("pipelining off"), "{e}");
        // without pipelining, MD5 is answered
        let (mut c, first) = Connection::new(startup(), Pipeline::Off).unwrap();
        assert!(!first.contains(&b'p'));
        let (_, out) = c.feed(&msg(b'R', &[0, 0, 0, 5, 1, 2, 3, 4])).unwrap();
        assert_eq!(out[0], b'p');
        assert!(out.windows(3).any(|w| w == b"md5"));
    }
}
