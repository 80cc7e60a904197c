//! Postgres-over-WebSocket, behaving like Neon's proxy (docs/protocol.md §5, §8.7 option a).
//!
//! The client's binary frames form one PostgreSQL byte stream. The gateway reads the
//! StartupMessage (answering `N` to SSLRequest/GSSENCRequest, forwarding a CancelRequest),
//! asks for a cleartext password, reads the PasswordMessage (the JS driver pipelines startup +
//! password + first query in one frame), opens its own authenticated session to PostgreSQL
//! with the client's startup parameters, relays AuthenticationOk / ParameterStatus /
//! BackendKeyData / NoticeResponse / ReadyForQuery, then pipes bytes both ways starting with
//! whatever the client already pipelined. Each write to the client is one binary frame.
//!
//! Deliberate difference from Neon: the real `BackendKeyData` of the PostgreSQL backend is
//! forwarded (Neon substitutes its own key), so a client's CancelRequest — sent as the first
//! packet of a new WebSocket, or straight to PostgreSQL — cancels the right backend.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{BufMut, Bytes, BytesMut};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONNECTION, UPGRADE};
use hyper::upgrade::Upgraded;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::OwnedSemaphorePermit;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::json_text::json;
use crate::pg::conn::send_raw_cancel;
use crate::pg::pool::SessionPermit;
use crate::pg::wire::{encode_backend, encode_error_response};
use crate::pg::ConnectError;
use crate::state::AppState;
use crate::stats::{Counter, DbStats, Stats};

type Ws = WebSocketStream<TokioIo<Upgraded>>;

/// Startup, password and connection to PostgreSQL must finish within this (Neon: 15 s).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a client may take to accept a frame the gateway sends outside the data stream (its
/// handshake answers, errors, the close): a client that stopped reading cannot hold a session.
const SEND_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest startup packet (Neon: 10000 bytes).
const MAX_STARTUP_PACKET: usize = 10_000;
/// Largest PasswordMessage body (Neon: 512 bytes).
const MAX_PASSWORD_MESSAGE: usize = 512;

const SSL_REQUEST: i32 = 80_877_103;
const GSSENC_REQUEST: i32 = 80_877_104;
const CANCEL_REQUEST: i32 = 80_877_102;

/// Answers the upgrade request with `101 Switching Protocols` and serves the socket in a task.
pub fn upgrade(state: Arc<AppState>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let Some(key) = req.headers().get("sec-websocket-key") else {
        return json(StatusCode::BAD_REQUEST, br#"{"msg":"missing Sec-WebSocket-Key header"}"#.to_vec());
    };
    if req.headers().get("sec-websocket-version").map(|v| v.as_bytes()) != Some(b"13") {
        return json(StatusCode::BAD_REQUEST, br#"{"msg":"Sec-WebSocket-Version must be 13"}"#.to_vec());
    }
    let Ok(slot) = Arc::clone(&state.ws_slots).try_acquire_owned() else {
        let msg = format!(
            r#"{{"msg":"edgepg-gateway is busy: all {} WebSockets are open (raise --max-websockets)"}}"#,
            state.limits.max_websockets
        );
        return json(StatusCode::SERVICE_UNAVAILABLE, msg.into_bytes());
    };
    let accept = derive_accept_key(key.as_bytes());
    state.stats.bump_global(Counter::WsConnections, 1);
    tokio::spawn(async move {
        match hyper::upgrade::on(req).await {
            Ok(upgraded) => {
                let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
                Session::new(state, ws, slot).run().await;
            }
            Err(e) => eprintln!("edgepg-gateway: websocket upgrade failed: {e}"),
        }
    });
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = r.headers_mut();
    h.insert(CONNECTION, HeaderValue::from_static("upgrade"));
    h.insert(UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(v) = HeaderValue::from_str(&accept) {
        h.insert("sec-websocket-accept", v);
    }
    r
}

/// Why the client side stopped.
enum End {
    Closed,
    TextFrame,
}

pub(crate) enum StartupPacket {
    Ssl,
    GssEnc,
    Cancel(Bytes),
    Startup { minor: u16, params: Vec<(String, String)> },
}

struct Session {
    state: Arc<AppState>,
    sink: SplitSink<Ws, Message>,
    stream: SplitStream<Ws>,
    inbuf: BytesMut,
    db: Option<DbStats>,
    pending_in: u64,
    pending_out: u64,
    /// This socket's place under `--max-websockets`.
    _slot: OwnedSemaphorePermit,
    /// The PostgreSQL session's place under the session caps.
    permit: Option<SessionPermit>,
}

impl Session {
    fn new(state: Arc<AppState>, ws: Ws, slot: OwnedSemaphorePermit) -> Self {
        let (sink, stream) = ws.split();
        Session {
            state,
            sink,
            stream,
            inbuf: BytesMut::new(),
            db: None,
            pending_in: 0,
            pending_out: 0,
            _slot: slot,
            permit: None,
        }
    }

    fn stats(&self) -> &Arc<Stats> {
        &self.state.stats
    }

    fn count(&mut self, which: Counter) {
        self.stats().bump_global(which, 1);
        match (&self.db, which) {
            (Some(db), _) => db.bump_db_only(which, 1),
            (None, Counter::WsFramesIn) => self.pending_in += 1,
            (None, _) => self.pending_out += 1,
        }
    }

    /// Attributes this connection (and the frames seen so far) to database `name`.
    fn set_database(&mut self, name: &str) {
        let db = DbStats::new(self.stats(), name);
        db.bump_db_only(Counter::WsConnections, 1);
        db.bump_db_only(Counter::WsFramesIn, std::mem::take(&mut self.pending_in));
        db.bump_db_only(Counter::WsFramesOut, std::mem::take(&mut self.pending_out));
        self.db = Some(db);
    }

    /// Reads one more data frame into `inbuf`.
    async fn read_frame(&mut self) -> Result<(), End> {
        loop {
            match self.stream.next().await {
                Some(Ok(Message::Binary(data))) => {
                    self.count(Counter::WsFramesIn);
                    self.inbuf.extend_from_slice(&data);
                    return Ok(());
                }
                Some(Ok(Message::Text(_))) => {
                    self.count(Counter::WsFramesIn);
                    return Err(End::TextFrame);
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return Err(End::Closed),
            }
        }
    }

    /// Sends one frame; a client that does not take it within [`SEND_TIMEOUT`] is gone.
    async fn send(&mut self, data: Bytes) -> bool {
        self.count(Counter::WsFramesOut);
        matches!(tokio::time::timeout(SEND_TIMEOUT, self.sink.send(Message::Binary(data))).await, Ok(Ok(())))
    }

    async fn close(&mut self, code: CloseCode, reason: &str) {
        let frame = CloseFrame { code, reason: reason.to_string().into() };
        let _ = tokio::time::timeout(SEND_TIMEOUT, self.sink.send(Message::Close(Some(frame)))).await;
    }

    /// Sends one ErrorResponse (S=ERROR) and closes, as Neon does for handshake errors.
    async fn fail(&mut self, fields: &[(u8, &str)]) {
        let mut buf = BytesMut::new();
        encode_error_response(fields, &mut buf);
        self.send(buf.freeze()).await;
        self.close(CloseCode::Normal, "").await;
    }

    async fn run(mut self) {
        // the wait for a session under the caps is part of the handshake
        let deadline = HANDSHAKE_TIMEOUT + self.state.pool.queue_timeout();
        match tokio::time::timeout(deadline, self.handshake()).await {
            Ok(Some(tcp)) => self.pipe(tcp).await,
            Ok(None) => {}
            Err(_) => self.fail(&[(b'S', "ERROR"), (b'C', "08006"), (b'M', "handshake timed out")]).await,
        }
    }

    /// Startup + authentication; returns the PostgreSQL socket (already authenticated) or
    /// `None` when the connection is over.
    async fn handshake(&mut self) -> Option<(tokio::net::TcpStream, BytesMut)> {
        let (minor, mut params) = loop {
            match parse_startup(&mut self.inbuf) {
                Err(msg) => {
                    self.fail(&[(b'S', "ERROR"), (b'C', "08P01"), (b'M', &msg)]).await;
                    return None;
                }
                Ok(None) => {
                    if let Err(end) = self.read_frame().await {
                        self.on_end(end).await;
                        return None;
                    }
                }
                // No TLS or GSS inside the WebSocket (§5.3).
                Ok(Some(StartupPacket::Ssl | StartupPacket::GssEnc)) => {
                    if !self.send(Bytes::from_static(b"N")).await {
                        return None;
                    }
                }
                Ok(Some(StartupPacket::Cancel(packet))) => {
                    if let Ok(addr) = self.state.pool.upstream().resolve().await {
                        let _ = send_raw_cancel(addr, &packet).await;
                    }
                    self.close(CloseCode::Normal, "").await;
                    return None;
                }
                Ok(Some(StartupPacket::Startup { minor, params })) => break (minor, params),
            }
        };
        strip_neon_routing(&mut params);
        let user = params.iter().find(|(k, _)| k == "user").map(|(_, v)| v.clone()).unwrap_or_default();
        let database = params.iter().find(|(k, _)| k == "database").map(|(_, v)| v.clone()).unwrap_or(user.clone());
        if user.is_empty() {
            let msg = "no PostgreSQL user name specified in startup packet";
            self.fail(&[(b'S', "FATAL"), (b'C', "28000"), (b'M', msg)]).await;
            return None;
        }
        if minor > 0 {
            // Protocol 3.x: answer NegotiateProtocolVersion and continue as 3.0 (§5.3).
            let options: Vec<String> =
                params.iter().filter(|(k, _)| k.starts_with("_pq_.")).map(|(k, _)| k.clone()).collect();
            params.retain(|(k, _)| !k.starts_with("_pq_."));
            let mut body = BytesMut::new();
            body.put_i32(0);
            body.put_i32(options.len() as i32);
            for o in &options {
                body.put_slice(o.as_bytes());
                body.put_u8(0);
            }
            let mut frame = BytesMut::new();
            encode_backend(b'v', &body, &mut frame);
            if !self.send(frame.freeze()).await {
                return None;
            }
        }

        // AuthenticationCleartextPassword (WebSockets always use cleartext, §5.4 step 2).
        if !self.send(Bytes::from_static(&[b'R', 0, 0, 0, 8, 0, 0, 0, 3])).await {
            return None;
        }
        let password = loop {
            match parse_password(&mut self.inbuf) {
                Err(msg) => {
                    self.fail(&[(b'S', "ERROR"), (b'C', "08P01"), (b'M', msg)]).await;
                    return None;
                }
                Ok(Some(pw)) => break pw,
                Ok(None) => {
                    if let Err(end) = self.read_frame().await {
                        self.on_end(end).await;
                        return None;
                    }
                }
            }
        };

        let (startup, permit) = match self.state.pool.open(params, &password).await {
            Ok(s) => s,
            Err(e) => {
                self.connect_failed(e, &user).await;
                return None;
            }
        };
        // per-database counters only once PostgreSQL accepted the credentials (what came before
        // is counted globally, then attributed): a name sent by anyone cannot grow the stats
        self.set_database(&database);
        let status = startup.conn.status();
        let mut frame = BytesMut::new();
        frame.put_slice(&[b'R', 0, 0, 0, 8, 0, 0, 0, 0]);
        for msg in &startup.forward {
            frame.put_slice(msg);
        }
        frame.put_slice(&[b'Z', 0, 0, 0, 5, status]);
        if !self.send(frame.freeze()).await {
            return None;
        }
        self.permit = Some(permit);
        Some(startup.conn.into_raw())
    }

    async fn connect_failed(&mut self, e: ConnectError, user: &str) {
        match e {
            ConnectError::Db(err)
                if err.code() == "28P01" || (err.code() == "28000" && err.message().starts_with("role ")) =>
            {
                let msg = format!("password authentication failed for user '{user}'");
                self.fail(&[(b'S', "ERROR"), (b'C', "28P01"), (b'M', &msg)]).await;
            }
            ConnectError::Db(err) => {
                let fields: Vec<(u8, &str)> = err.fields().iter().map(|(c, v)| (*c, v.as_str())).collect();
                self.fail(&fields).await;
            }
            ConnectError::Io(err) => {
                eprintln!("edgepg-gateway: cannot connect to PostgreSQL: {err}");
                self.fail(&[(b'S', "ERROR"), (b'C', "XX000"), (b'M', "could not connect to compute")]).await;
            }
            ConnectError::Protocol(m) | ConnectError::InvalidParams(m) => {
                self.fail(&[(b'S', "ERROR"), (b'C', "XX000"), (b'M', &m)]).await;
            }
            // too_many_connections, as PostgreSQL says it
            ConnectError::Busy(m) => self.fail(&[(b'S', "FATAL"), (b'C', "53300"), (b'M', &m)]).await,
            e @ ConnectError::Trust { .. } => {
                self.fail(&[(b'S', "FATAL"), (b'C', "28000"), (b'M', &e.to_string())]).await;
            }
        }
    }

    async fn on_end(&mut self, end: End) {
        if let End::TextFrame = end {
            // §5.3: a text frame is a protocol error.
            self.close(CloseCode::Unsupported, "unexpected text message in the websocket").await;
        }
    }

    /// Copies bytes both ways until either side closes.
    async fn pipe(mut self, (tcp, leftover): (tokio::net::TcpStream, BytesMut)) {
        let Some(db) = self.db.clone() else { return };
        let (mut tcp_r, mut tcp_w) = tcp.into_split();
        if !leftover.is_empty() && !self.send(leftover.freeze()).await {
            return;
        }
        // Bytes the client pipelined after the PasswordMessage (usually its first query).
        if !self.inbuf.is_empty() && tcp_w.write_all(&self.inbuf).await.is_err() {
            return;
        }
        self.inbuf.clear();

        let stream = &mut self.stream;
        let sink = &mut self.sink;
        let db_in = db.clone();
        // Milliseconds since `start` of the last frame either way, for the idle timeout.
        let start = Instant::now();
        let last = AtomicU64::new(0);
        let touch = || last.store(start.elapsed().as_millis() as u64, Ordering::Relaxed);
        let client_to_pg = async {
            loop {
                match stream.next().await {
                    Some(Ok(Message::Binary(data))) => {
                        touch();
                        db_in.bump(Counter::WsFramesIn);
                        if tcp_w.write_all(&data).await.is_err() {
                            return End::Closed;
                        }
                    }
                    Some(Ok(Message::Text(_))) => {
                        db_in.bump(Counter::WsFramesIn);
                        return End::TextFrame;
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => touch(),
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => {
                        let _ = tcp_w.shutdown().await;
                        return End::Closed;
                    }
                }
            }
        };
        let pg_to_client = async {
            let mut buf = BytesMut::with_capacity(64 * 1024);
            loop {
                match tcp_r.read_buf(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        touch();
                        db.bump(Counter::WsFramesOut);
                        if sink.send(Message::Binary(buf.split().freeze())).await.is_err() {
                            return false;
                        }
                        buf.reserve(64 * 1024);
                    }
                }
            }
            true
        };
        let idle_timeout = self.state.limits.ws_idle_timeout;
        let idle = async {
            if idle_timeout.is_zero() {
                return std::future::pending().await;
            }
            let limit = idle_timeout.as_millis() as u64;
            loop {
                let quiet = (start.elapsed().as_millis() as u64).saturating_sub(last.load(Ordering::Relaxed));
                if quiet >= limit {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(limit - quiet)).await;
            }
        };
        enum Ended {
            Client(End),
            Postgres { open: bool },
            Idle,
        }
        let ended = tokio::select! {
            end = client_to_pg => Ended::Client(end),
            open = pg_to_client => Ended::Postgres { open },
            _ = idle => Ended::Idle,
        };
        // The PostgreSQL session ends here, whatever the client does next (it may have stopped
        // reading): closing its socket rolls back any open transaction, and its places under the
        // caps are free before the farewell below, which is bounded by SEND_TIMEOUT.
        drop((tcp_r, tcp_w));
        drop(self.permit.take());
        match ended {
            Ended::Client(end) => self.on_end(end).await,
            Ended::Postgres { open: true } => self.close(CloseCode::Normal, "").await,
            Ended::Postgres { open: false } => {}
            Ended::Idle => {
                let secs = idle_timeout.as_secs_f64();
                let msg = format!("edgepg-gateway closed the WebSocket: no traffic for {secs} s (--ws-idle-timeout)");
                let mut buf = BytesMut::new();
                encode_error_response(&[(b'S', "FATAL"), (b'C', "57P05"), (b'M', &msg)], &mut buf);
                self.send(buf.freeze()).await;
                self.close(CloseCode::Away, "idle timeout").await;
            }
        }
    }
}

/// Parses the first packet(s): SSLRequest, GSSENCRequest, CancelRequest or StartupMessage.
/// Neon's proxy reads the endpoint from `options` when the client sends no SNI
/// (`options=endpoint%3D<id>`, formerly `project=<id>`) and removes it before PostgreSQL sees the
/// startup; so does the gateway, which serves one endpoint: the other options (`-c name=value`)
/// pass, and an `options` left empty is dropped.
pub(crate) fn strip_neon_routing(params: &mut Vec<(String, String)>) {
    for (k, v) in params.iter_mut() {
        if k == "options" {
            let kept: Vec<&str> =
                v.split_whitespace().filter(|t| !t.starts_with("endpoint=") && !t.starts_with("project=")).collect();
            *v = kept.join(" ");
        }
    }
    params.retain(|(k, v)| k != "options" || !v.is_empty());
}

pub(crate) fn parse_startup(buf: &mut BytesMut) -> Result<Option<StartupPacket>, String> {
    if buf.len() < 4 {
        return Ok(None);
    }
    let len = i32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]);
    if len < 8 || len as usize > MAX_STARTUP_PACKET {
        return Err("invalid startup packet layout".into());
    }
    if buf.len() < len as usize {
        return Ok(None);
    }
    let packet = buf.split_to(len as usize).freeze();
    let code = i32::from_be_bytes([packet[4], packet[5], packet[6], packet[7]]);
    match code {
        SSL_REQUEST => return Ok(Some(StartupPacket::Ssl)),
        GSSENC_REQUEST => return Ok(Some(StartupPacket::GssEnc)),
        CANCEL_REQUEST if len == 16 => return Ok(Some(StartupPacket::Cancel(packet))),
        _ => {}
    }
    let (major, minor) = ((code >> 16) as u16, (code & 0xffff) as u16);
    if major != 3 {
        return Err(format!("unsupported frontend protocol {major}.{minor}: server supports 3.0 to 3.0"));
    }
    let mut params = Vec::new();
    let mut rest = &packet[8..];
    loop {
        let key_end = rest.iter().position(|&b| b == 0).ok_or("invalid startup packet layout")?;
        if key_end == 0 {
            break;
        }
        let key = String::from_utf8_lossy(&rest[..key_end]).into_owned();
        rest = &rest[key_end + 1..];
        let val_end = rest.iter().position(|&b| b == 0).ok_or("invalid startup packet layout")?;
        let value = String::from_utf8_lossy(&rest[..val_end]).into_owned();
        rest = &rest[val_end + 1..];
        // a repeated key: the last one counts, as in PostgreSQL (which gets the packet as is)
        params.retain(|(k, _): &(String, String)| *k != key);
        params.push((key, value));
    }
    Ok(Some(StartupPacket::Startup { minor, params }))
}

/// Parses a PasswordMessage (`p`, ≤ 512 bytes, NUL-terminated).
pub(crate) fn parse_password(buf: &mut BytesMut) -> Result<Option<Vec<u8>>, &'static str> {
    if buf.is_empty() {
        return Ok(None);
    }
    if buf[0] != b'p' {
        return Err("expected password message");
    }
    if buf.len() < 5 {
        return Ok(None);
    }
    let len = i32::from_be_bytes([buf[1], buf[2], buf[3], buf[4]]);
    if len < 5 || len as usize > MAX_PASSWORD_MESSAGE + 4 {
        return Err("invalid password message");
    }
    if buf.len() < 1 + len as usize {
        return Ok(None);
    }
    let msg = buf.split_to(1 + len as usize);
    let body = &msg[5..];
    if body.last() != Some(&0) {
        return Err("invalid password message");
    }
    let end = body.iter().position(|&b| b == 0).unwrap_or(body.len());
    Ok(Some(body[..end].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neon_routing_options_are_removed_and_the_rest_kept() {
        let mut p = vec![
            ("user".to_owned(), "u".to_owned()),
            ("options".to_owned(), "endpoint=ep-cool-123 -c search_path=app".to_owned()),
        ];
        strip_neon_routing(&mut p);
        assert_eq!(p[1], ("options".to_owned(), "-c search_path=app".to_owned()));
        let mut only = vec![("options".to_owned(), "project=ep-1".to_owned())];
        strip_neon_routing(&mut only);
        assert!(only.is_empty());
    }

    #[test]
    fn startup_and_password_pipelined() {
        let mut buf = BytesMut::new();
        postgres_protocol::message::frontend::startup_message([("user", "u"), ("database", "d")], &mut buf).unwrap();
        postgres_protocol::message::frontend::password_message(b"secret", &mut buf).unwrap();
        postgres_protocol::message::frontend::query("SELECT 1", &mut buf).unwrap();
        match parse_startup(&mut buf).unwrap() {
            Some(StartupPacket::Startup { minor: 0, params }) => {
                assert_eq!(params, vec![("user".into(), "u".into()), ("database".into(), "d".into())])
            }
            _ => panic!("startup expected"),
        }
        assert_eq!(parse_password(&mut buf).unwrap(), Some(b"secret".to_vec()));
        assert_eq!(buf[0], b'Q');
    }

    #[test]
    fn partial_and_special_packets() {
        let mut buf = BytesMut::from(&[0u8, 0, 0, 8, 4, 210][..]);
        assert!(parse_startup(&mut buf).unwrap().is_none());
        buf.extend_from_slice(&[22, 47]);
        assert!(matches!(parse_startup(&mut buf).unwrap(), Some(StartupPacket::Ssl)));
        let mut buf = BytesMut::from(&[0u8, 0, 0, 2][..]);
        assert!(parse_startup(&mut buf).is_err());
        let mut buf = BytesMut::from(&b"Q\0\0\0\x05x"[..]);
        assert!(parse_password(&mut buf).is_err());
    }
}
