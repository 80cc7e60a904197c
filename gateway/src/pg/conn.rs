//! A small async PostgreSQL client: startup + authentication, simple and extended queries
//! with text parameters and text results, and query cancellation.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::{BufMut, Bytes, BytesMut};
use postgres_protocol::authentication::md5_hash;
use postgres_protocol::message::frontend;
use postgres_protocol::IsNull;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::error::{ConnectError, QueryError};
use super::scram::Scram;
use super::wire::{self, AuthRequest, BackendMessage, FieldDesc};

/// What is needed to cancel a running query of one backend (`CancelRequest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CancelKey {
    /// Address of the PostgreSQL server.
    pub addr: SocketAddr,
    /// Backend process id from `BackendKeyData`.
    pub process_id: i32,
    /// Secret key from `BackendKeyData`.
    pub secret_key: i32,
}

/// Sends a `CancelRequest` for `key` on a fresh connection and waits for PostgreSQL to close it.
pub async fn send_cancel(key: CancelKey) -> io::Result<()> {
    let mut buf = BytesMut::new();
    frontend::cancel_request(key.process_id, key.secret_key, &mut buf);
    send_raw_cancel(key.addr, &buf).await
}

/// Sends an already encoded 16-byte `CancelRequest` packet to `addr`.
pub async fn send_raw_cancel(addr: SocketAddr, packet: &[u8]) -> io::Result<()> {
    let mut stream = tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(addr))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "connect timeout"))??;
    stream.write_all(packet).await?;
    // PostgreSQL processes the request and closes the socket without answering.
    let mut sink = [0u8; 64];
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut sink)).await;
    Ok(())
}

/// Sends a `CancelRequest` when dropped while armed: this is what cancels the running query
/// when hyper drops a request future because the HTTP client went away (docs/protocol.md §1.7).
pub struct CancelOnDrop(Option<CancelKey>);

impl CancelOnDrop {
    /// Arms the guard for `key` (a `None` key makes it a no-op).
    pub fn arm(key: Option<CancelKey>) -> Self {
        CancelOnDrop(key)
    }

    /// The operation finished normally: nothing to cancel.
    pub fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(key) = self.0.take() {
            if let Ok(handle) = tokio::runtime::Handle::try_current() {
                handle.spawn(async move {
                    if let Err(e) = send_cancel(key).await {
                        eprintln!("edgepg-gateway: could not cancel query of backend {}: {e}", key.process_id);
                    }
                });
            }
        }
    }
}

/// Receives the result of an extended-protocol query.
pub trait RowSink {
    /// Error that aborts the query (the connection is then discarded and the query cancelled).
    type Error;
    /// The columns (`RowDescription`, or none for `NoData`).
    fn fields(&mut self, fields: &[FieldDesc]) -> Result<(), Self::Error>;
    /// One row of text values (`None` = SQL NULL).
    fn row(&mut self, values: &[Option<&[u8]>]) -> Result<(), Self::Error>;
}

/// A freshly authenticated session plus the messages a proxy should relay to its client.
pub struct Startup {
    /// The session, ready for queries.
    pub conn: PgConn,
    /// Raw `ParameterStatus`, `BackendKeyData` and `NoticeResponse` frames, in arrival order.
    pub forward: Vec<Bytes>,
    /// PostgreSQL let the session in without asking for a password (`trust` authentication).
    pub trusted: bool,
}

/// One PostgreSQL session over TCP.
pub struct PgConn {
    stream: TcpStream,
    rbuf: BytesMut,
    wbuf: BytesMut,
    cancel_key: Option<CancelKey>,
    status: u8,
    in_flight: bool,
    broken: bool,
    /// Send the pool's reset (`DISCARD ALL`) right behind the next statement.
    reset_next: bool,
    /// A reset was sent and its answer (CommandComplete + ReadyForQuery) is not read yet.
    reset_pending: bool,
}

/// What the pool runs on a session before another request may use it. Neon's pool runs
/// ROLLBACK; CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; UNLISTEN *;
/// pg_advisory_unlock_all(); DISCARD TEMP/SEQUENCES (docs/protocol.md §1.7): on an idle session
/// `DISCARD ALL` does all of that.
pub const RESET: &str = "DISCARD ALL";

impl PgConn {
    /// Connects to `addr`, sends a StartupMessage with `params` (which should include `user`)
    /// and authenticates with `password` as the server asks: SCRAM-SHA-256, MD5 or cleartext.
    pub async fn connect(
        addr: SocketAddr,
        params: &[(String, String)],
        password: Option<&[u8]>,
    ) -> Result<Startup, ConnectError> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let mut conn = PgConn {
            stream,
            rbuf: BytesMut::with_capacity(8192),
            wbuf: BytesMut::with_capacity(1024),
            cancel_key: None,
            status: b'I',
            in_flight: true,
            broken: false,
            reset_next: false,
            reset_pending: false,
        };
        let user = params.iter().find(|(k, _)| k == "user").map(|(_, v)| v.as_str()).unwrap_or("");
        frontend::startup_message(params.iter().map(|(k, v)| (k.as_str(), v.as_str())), &mut conn.wbuf)
            .map_err(|e| ConnectError::InvalidParams(e.to_string()))?;
        conn.flush().await?;

        let mut scram: Option<Scram> = None;
        let mut forward = Vec::new();
        let mut asked_password = false;
        loop {
            let msg = conn.recv().await?;
            match msg.tag {
                b'R' => {
                    match wire::auth_request(msg.body()).inspect(|r| asked_password |= !matches!(r, AuthRequest::Ok))? {
                        // after SCRAM began, only once the server proved it knows the password
                        AuthRequest::Ok if scram.as_ref().is_some_and(|s| !s.verified()) => {
                            return Err(unexpected("AuthenticationOk before the server's SCRAM proof"));
                        }
                        AuthRequest::Ok => {}
                        AuthRequest::Cleartext => {
                            let pw = need_password(password)?;
                            frontend::password_message(pw, &mut conn.wbuf)?;
                            conn.flush().await?;
                        }
                        AuthRequest::Md5(salt) => {
                            let pw = need_password(password)?;
                            let hash = md5_hash(user.as_bytes(), pw, salt);
                            frontend::password_message(hash.as_bytes(), &mut conn.wbuf)?;
                            conn.flush().await?;
                        }
                        AuthRequest::Sasl(mechanisms) => {
                            if !mechanisms.iter().any(|m| m == "SCRAM-SHA-256") {
                                return Err(ConnectError::Protocol(format!(
                                    "unsupported SASL mechanisms: {}",
                                    mechanisms.join(", ")
                                )));
                            }
                            let pw = need_password(password)?;
                            // No TLS between gateway and PostgreSQL, hence no channel binding.
                            let s = Scram::new(pw)?;
                            frontend::sasl_initial_response("SCRAM-SHA-256", s.message(), &mut conn.wbuf)?;
                            scram = Some(s);
                            conn.flush().await?;
                        }
                        AuthRequest::SaslContinue(data) => {
                            let s = scram.as_mut().ok_or_else(|| unexpected("SASLContinue"))?;
                            s.update(&data).map_err(|e| ConnectError::Protocol(e.to_string()))?;
                            frontend::sasl_response(s.message(), &mut conn.wbuf)?;
                            conn.flush().await?;
                        }
                        AuthRequest::SaslFinal(data) => {
                            let s = scram.as_mut().ok_or_else(|| unexpected("SASLFinal"))?;
                            s.finish(&data).map_err(|e| ConnectError::Protocol(e.to_string()))?;
                        }
                        AuthRequest::Other(kind) => {
                            return Err(ConnectError::Protocol(format!("unsupported authentication method {kind}")));
                        }
                    }
                }
                b'E' => return Err(ConnectError::Db(wire::error_fields(msg.body())?)),
                b'K' => {
                    let mut r = wire::Reader::new(msg.body());
                    conn.cancel_key = Some(CancelKey { addr, process_id: r.i32()?, secret_key: r.i32()? });
                    forward.push(msg.frame);
                }
                b'S' | b'N' => forward.push(msg.frame),
                b'v' => {} // NegotiateProtocolVersion: we only ask for 3.0 options we know.
                b'Z' => {
                    conn.status = *msg.body().first().unwrap_or(&b'I');
                    conn.in_flight = false;
                    return Ok(Startup { conn, forward, trusted: !asked_password });
                }
                other => return Err(unexpected(&format!("message '{}' during startup", other as char))),
            }
        }
    }

    /// Transaction status of the last `ReadyForQuery` (`I`, `T` or `E`).
    pub fn status(&self) -> u8 {
        self.status
    }

    /// True if no operation was interrupted and the socket works: more commands can be sent.
    pub fn is_usable(&self) -> bool {
        !self.broken && !self.in_flight
    }

    /// True if the session is idle, not in a transaction and not broken: safe to pool (once its
    /// pending reset, if any, answers well: [`finish_reset`](Self::finish_reset)).
    pub fn is_reusable(&self) -> bool {
        !self.broken && !self.in_flight && self.status == b'I' && (self.reset_pending || self.rbuf.is_empty())
    }

    /// Sends the pool's reset ([`RESET`]) in the same write as the next statement, right behind
    /// it (unless that statement may be a COPY): the session is reset as soon as the statement
    /// ends, without a round trip of its own.
    /// The caller gets its answer at the statement's ReadyForQuery; the reset's answer is read
    /// by [`finish_reset`](Self::finish_reset) before the session is used again.
    pub fn reset_after_next(&mut self) {
        self.reset_next = true;
    }

    /// True while a reset's answer is still to be read.
    pub fn reset_pending(&self) -> bool {
        self.reset_pending
    }

    /// Reads the answer of a pending reset: true if the session is clean and idle (also when no
    /// reset was pending). A session for which this is false must be closed.
    pub async fn finish_reset(&mut self) -> bool {
        while self.reset_pending {
            match self.take_reset_answer() {
                Some(ok) => return ok,
                None => {
                    self.rbuf.reserve(1024);
                    match self.stream.read_buf(&mut self.rbuf).await {
                        Ok(n) if n > 0 => {}
                        _ => {
                            self.broken = true;
                            return false;
                        }
                    }
                }
            }
        }
        self.is_clean()
    }

    /// Not broken, idle, nothing unread.
    fn is_clean(&self) -> bool {
        !self.broken && self.status == b'I' && self.rbuf.is_empty()
    }

    /// [`finish_reset`](Self::finish_reset) without waiting: `None` while the answer has not
    /// fully arrived.
    pub fn try_finish_reset(&mut self) -> Option<bool> {
        if !self.reset_pending {
            return Some(self.is_clean());
        }
        loop {
            if let Some(ok) = self.take_reset_answer() {
                return Some(ok);
            }
            self.rbuf.reserve(1024);
            match self.stream.try_read_buf(&mut self.rbuf) {
                Ok(0) => {
                    self.broken = true;
                    return Some(false);
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return None,
                Err(_) => {
                    self.broken = true;
                    return Some(false);
                }
            }
        }
    }

    /// Consumes the reset's answer from what was read so far: `None` if it is incomplete,
    /// `Some(ok)` once its ReadyForQuery is in.
    fn take_reset_answer(&mut self) -> Option<bool> {
        let mut ok = true;
        loop {
            match wire::split_message(&mut self.rbuf) {
                Ok(Some(msg)) => match msg.tag {
                    b'C' => ok &= msg.body().starts_with(RESET.as_bytes()),
                    b'Z' => {
                        self.reset_pending = false;
                        self.status = *msg.body().first().unwrap_or(&b'?');
                        let clean = ok && self.is_clean();
                        if !clean {
                            self.broken = true;
                        }
                        return Some(clean);
                    }
                    // NoticeResponse / ParameterStatus (RESET ALL reports changed settings)
                    b'N' | b'S' => {}
                    _ => ok = false,
                },
                Ok(None) => return None,
                Err(_) => {
                    self.broken = true;
                    self.reset_pending = false;
                    return Some(false);
                }
            }
        }
    }

    /// Checks, without blocking, that the server has not closed an idle session (whose reset,
    /// if any, has been read).
    pub fn is_alive(&self) -> bool {
        if self.reset_pending {
            return !self.broken;
        }
        let mut probe = [0u8; 1];
        match self.stream.try_read(&mut probe) {
            Err(e) => e.kind() == io::ErrorKind::WouldBlock,
            // EOF, or unsolicited data (e.g. a FATAL after pg_terminate_backend).
            Ok(_) => false,
        }
    }

    /// Gives up the client and returns the socket plus any bytes already read from it.
    pub fn into_raw(self) -> (TcpStream, BytesMut) {
        (self.stream, self.rbuf)
    }

    /// Reads one complete backend message.
    pub async fn recv(&mut self) -> io::Result<BackendMessage> {
        let result = self.recv_inner().await;
        if result.is_err() {
            self.broken = true;
        }
        result
    }

    async fn recv_inner(&mut self) -> io::Result<BackendMessage> {
        loop {
            if let Some(msg) = wire::split_message(&mut self.rbuf)? {
                return Ok(msg);
            }
            self.rbuf.reserve(8192);
            if self.stream.read_buf(&mut self.rbuf).await? == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "server closed the connection"));
            }
        }
    }

    async fn flush(&mut self) -> io::Result<()> {
        let result = self.stream.write_all(&self.wbuf).await;
        self.wbuf.clear();
        if result.is_err() {
            self.broken = true;
        }
        result
    }

    /// Runs `sql` with the simple query protocol, discarding any rows.
    pub async fn simple_query(&mut self, sql: &str) -> Result<(), QueryError<std::convert::Infallible>> {
        let start = self.wbuf.len();
        if let Err(e) = frontend::query(sql, &mut self.wbuf) {
            self.wbuf.truncate(start);
            return Err(QueryError::Encode(e));
        }
        self.run_to_ready(&mut Discard, false).await.map(|_| ())
    }

    /// Runs one statement as Parse(unnamed, no parameter types) / Describe / Bind (all
    /// parameters text, results text) / Execute / Sync, in one round trip, so PostgreSQL infers
    /// parameter types and reports errors exactly as for Neon (docs/protocol.md §1.7, §8.3).
    ///
    /// Returns the `CommandComplete` tag (`None` for an empty query).
    pub async fn query<S: RowSink>(
        &mut self,
        sql: &str,
        params: &[Option<String>],
        sink: &mut S,
    ) -> Result<Option<String>, QueryError<S::Error>> {
        if may_copy(sql) {
            // behind a COPY FROM STDIN the reset would be read as COPY data (and end the
            // session): the pool resets such a session after it instead
            self.reset_next = false;
        }
        let start = self.wbuf.len();
        if let Err(e) = encode_extended(sql, params, &mut self.wbuf) {
            self.wbuf.truncate(start);
            return Err(QueryError::Encode(e));
        }
        self.run_to_ready(sink, true).await
    }

    /// Sends the buffered messages and reads until `ReadyForQuery`, feeding fields and rows to
    /// `sink`. Returns the last `CommandComplete` tag (`None` for an empty query).
    async fn run_to_ready<S: RowSink>(
        &mut self,
        sink: &mut S,
        extended: bool,
    ) -> Result<Option<String>, QueryError<S::Error>> {
        // While `in_flight` is set the session is never pooled: an early return (sink abort,
        // I/O error) or a dropped future leaves it set, and the guard cancels the query.
        if self.reset_pending && !self.finish_reset().await {
            return Err(QueryError::Io(io::Error::other("the pooled session could not be reset")));
        }
        self.in_flight = true;
        if std::mem::take(&mut self.reset_next) {
            frontend::query(RESET, &mut self.wbuf)?;
            self.reset_pending = true;
        }
        let mut guard = CancelOnDrop::arm(self.cancel_key);
        self.flush().await?;
        let mut tag = None;
        let mut error = None;
        loop {
            let msg = match self.recv().await {
                Ok(msg) => msg,
                // A FATAL error (e.g. pg_terminate_backend) arrives just before the close.
                Err(e) => return Err(error.take().map_or(QueryError::Io(e), QueryError::Db)),
            };
            match msg.tag {
                b'T' if error.is_none() => {
                    let fields = wire::row_description(msg.body())?;
                    sink.fields(&fields).map_err(QueryError::Sink)?;
                }
                b'n' if error.is_none() => sink.fields(&[]).map_err(QueryError::Sink)?,
                b'D' if error.is_none() => {
                    let values = wire::data_row(msg.body())?;
                    sink.row(&values).map_err(QueryError::Sink)?;
                }
                b'C' => tag = Some(wire::command_tag(msg.body())?),
                b'I' => tag = None,
                b'E' => error = Some(wire::error_fields(msg.body())?),
                b'G' => {
                    // COPY FROM STDIN: refuse with CopyFail. In the extended protocol the
                    // pipelined Sync was ignored in copy-in mode, so a new Sync follows; the
                    // simple protocol answers ErrorResponse + ReadyForQuery by itself.
                    frontend::copy_fail("COPY FROM STDIN is not supported by edgepg-gateway", &mut self.wbuf)?;
                    if extended {
                        frontend::sync(&mut self.wbuf);
                    }
                    self.flush().await?;
                }
                b'Z' => {
                    self.status = *msg.body().first().unwrap_or(&b'I');
                    break;
                }
                // ParseComplete, ParameterDescription, BindComplete, NoticeResponse,
                // ParameterStatus, NotificationResponse, CopyOut data: nothing to do.
                _ => {}
            }
        }
        guard.disarm();
        self.in_flight = false;
        match error {
            Some(e) => Err(QueryError::Db(e)),
            None => Ok(tag),
        }
    }
}

/// A [`RowSink`] that drops everything (simple queries run for their effect).
struct Discard;

impl RowSink for Discard {
    type Error = std::convert::Infallible;
    fn fields(&mut self, _: &[FieldDesc]) -> Result<(), Self::Error> {
        Ok(())
    }
    fn row(&mut self, _: &[Option<&[u8]>]) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Whether `sql` may be a COPY (a cheap, conservative test: any mention of the word).
fn may_copy(sql: &str) -> bool {
    sql.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"copy"))
}

fn encode_extended(sql: &str, params: &[Option<String>], buf: &mut BytesMut) -> io::Result<()> {
    frontend::parse("", sql, std::iter::empty(), buf)?;
    frontend::describe(b'S', "", buf)?;
    let bound = frontend::bind(
        "",
        "",
        std::iter::empty(), // no parameter format codes: all text
        params.iter(),
        |p, buf| match p {
            Some(s) => {
                buf.put_slice(s.as_bytes());
                Ok(IsNull::No)
            }
            None => Ok(IsNull::Yes),
        },
        std::iter::empty(), // no result format codes: all text
        buf,
    );
    match bound {
        Ok(()) => {}
        Err(frontend::BindError::Conversion(e)) => return Err(io::Error::other(e)),
        Err(frontend::BindError::Serialization(e)) => return Err(e),
    }
    frontend::execute("", 0, buf)?;
    frontend::sync(buf);
    Ok(())
}

fn need_password(password: Option<&[u8]>) -> Result<&[u8], ConnectError> {
    password.ok_or_else(|| ConnectError::Protocol("the server requested a password but none was given".into()))
}

fn unexpected(what: &str) -> ConnectError {
    ConnectError::Protocol(format!("unexpected {what}"))
}
