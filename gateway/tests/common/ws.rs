//! A raw PostgreSQL-over-WebSocket client for tests.

use bytes::{BufMut, BytesMut};
use futures_util::{SinkExt, StreamExt};
use postgres_protocol::message::frontend;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::Gateway;

/// One backend message.
#[derive(Debug, Clone)]
pub struct PgMsg {
    /// Type byte.
    pub tag: u8,
    /// Body after the length.
    pub body: Vec<u8>,
}

impl PgMsg {
    /// Field `code` of an ErrorResponse/NoticeResponse.
    pub fn field(&self, code: u8) -> Option<String> {
        let mut rest = &self.body[..];
        while let Some((&c, tail)) = rest.split_first() {
            if c == 0 {
                return None;
            }
            let end = tail.iter().position(|&b| b == 0)?;
            if c == code {
                return Some(String::from_utf8_lossy(&tail[..end]).into_owned());
            }
            rest = &tail[end + 1..];
        }
        None
    }

    /// Text values of a DataRow.
    pub fn data_row(&self) -> Vec<Option<String>> {
        let b = &self.body;
        let n = i16::from_be_bytes([b[0], b[1]]) as usize;
        let mut pos = 2;
        let mut out = Vec::new();
        for _ in 0..n {
            let len = i32::from_be_bytes([b[pos], b[pos + 1], b[pos + 2], b[pos + 3]]);
            pos += 4;
            if len < 0 {
                out.push(None);
            } else {
                out.push(Some(String::from_utf8_lossy(&b[pos..pos + len as usize]).into_owned()));
                pos += len as usize;
            }
        }
        out
    }

    /// The NUL-terminated string at the start of the body (CommandComplete tag, ...).
    pub fn cstr(&self) -> String {
        let end = self.body.iter().position(|&b| b == 0).unwrap_or(self.body.len());
        String::from_utf8_lossy(&self.body[..end]).into_owned()
    }
}

/// A WebSocket to the gateway carrying a PostgreSQL byte stream.
pub struct WsPg {
    ws: WebSocketStream<TcpStream>,
    buf: BytesMut,
    /// Data frames received so far.
    pub frames_received: usize,
    /// Data frames sent so far.
    pub frames_sent: usize,
    /// The connection was closed by the server.
    pub closed: bool,
}

impl WsPg {
    /// Opens `ws://…/v2` on `gw`.
    pub async fn connect(gw: &Gateway) -> WsPg {
        let tcp = TcpStream::connect(&gw.addr).await.expect("connect");
        let (ws, resp) = tokio_tungstenite::client_async(gw.ws.as_str(), tcp).await.expect("websocket handshake");
        assert_eq!(resp.status().as_u16(), 101);
        WsPg { ws, buf: BytesMut::new(), frames_received: 0, frames_sent: 0, closed: false }
    }

    /// Sends `bytes` as one binary frame.
    pub async fn send(&mut self, bytes: &[u8]) {
        self.frames_sent += 1;
        self.ws.send(Message::Binary(bytes.to_vec().into())).await.expect("send frame");
    }

    /// Sends a text frame.
    pub async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::Text(text.into())).await.expect("send text");
    }

    /// Sends a Close frame.
    pub async fn close(&mut self) {
        let _ = self.ws.send(Message::Close(None)).await;
    }

    /// Raw bytes of the next data frame (`None` when closed).
    pub async fn recv_frame(&mut self) -> Option<Vec<u8>> {
        loop {
            let next =
                tokio::time::timeout(std::time::Duration::from_secs(30), self.ws.next()).await.expect("frame timeout");
            match next {
                Some(Ok(Message::Binary(b))) => {
                    self.frames_received += 1;
                    return Some(b.to_vec());
                }
                Some(Ok(Message::Text(t))) => panic!("unexpected text frame {t}"),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => {
                    self.closed = true;
                    return None;
                }
                Some(Ok(_)) => continue,
            }
        }
    }

    /// The next backend message (`None` when the connection closed).
    pub async fn recv(&mut self) -> Option<PgMsg> {
        loop {
            if self.buf.len() >= 5 {
                let len = i32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]]) as usize;
                if self.buf.len() > len {
                    let frame = self.buf.split_to(1 + len);
                    return Some(PgMsg { tag: frame[0], body: frame[5..].to_vec() });
                }
            }
            let frame = self.recv_frame().await?;
            self.buf.extend_from_slice(&frame);
        }
    }

    /// Messages up to and including the first with `tag`.
    pub async fn recv_until(&mut self, tag: u8) -> Vec<PgMsg> {
        let mut out = Vec::new();
        while let Some(m) = self.recv().await {
            let done = m.tag == tag;
            out.push(m);
            if done {
                return out;
            }
        }
        panic!("connection closed before message '{}': {out:?}", tag as char);
    }
}

/// StartupMessage for `user`/`database` (+ client_encoding, like pg).
pub fn startup(user: &str, database: &str) -> BytesMut {
    let mut b = BytesMut::new();
    frontend::startup_message(
        [("user", user), ("database", database), ("application_name", "ws-test"), ("client_encoding", "UTF8")],
        &mut b,
    )
    .expect("startup");
    b
}

/// PasswordMessage.
pub fn password(pw: &str) -> BytesMut {
    let mut b = BytesMut::new();
    frontend::password_message(pw.as_bytes(), &mut b).expect("password");
    b
}

/// Simple Query.
pub fn query(sql: &str) -> BytesMut {
    let mut b = BytesMut::new();
    frontend::query(sql, &mut b).expect("query");
    b
}

/// Parse/Bind/Execute/Sync with text parameters.
pub fn extended(sql: &str, params: &[&str]) -> BytesMut {
    let mut b = BytesMut::new();
    frontend::parse("", sql, [], &mut b).expect("parse");
    let _ = frontend::bind(
        "",
        "",
        [],
        params.iter(),
        |p, buf| {
            buf.put_slice(p.as_bytes());
            Ok(postgres_protocol::IsNull::No)
        },
        [],
        &mut b,
    );
    frontend::describe(b'P', "", &mut b).expect("describe");
    frontend::execute("", 0, &mut b).expect("execute");
    frontend::sync(&mut b);
    b
}

/// SSLRequest.
pub fn ssl_request() -> BytesMut {
    let mut b = BytesMut::new();
    frontend::ssl_request(&mut b);
    b
}

/// CancelRequest.
pub fn cancel_request(pid: i32, key: i32) -> BytesMut {
    let mut b = BytesMut::new();
    frontend::cancel_request(pid, key, &mut b);
    b
}
