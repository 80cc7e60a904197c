//! Framing and decoding of the PostgreSQL v3 backend messages the gateway needs.
//!
//! Frontend messages are encoded with `postgres_protocol::message::frontend`; the backend
//! side is decoded here so that the raw frame of every message stays available (the
//! WebSocket path forwards `ParameterStatus`/`BackendKeyData`/`NoticeResponse` verbatim).

use std::io;

use bytes::{BufMut, Bytes, BytesMut};

use super::error::DbError;

/// Largest backend message accepted (PostgreSQL itself caps a field at 1 GiB).
pub const MAX_BACKEND_MESSAGE: usize = 1 << 30;

/// One complete backend message: `frame` holds tag, length and body.
#[derive(Debug, Clone)]
pub struct BackendMessage {
    /// The message type byte (`b'T'`, `b'D'`, ...).
    pub tag: u8,
    /// The whole frame, tag and length included.
    pub frame: Bytes,
}

impl BackendMessage {
    /// The message body (after tag and length).
    pub fn body(&self) -> &[u8] {
        &self.frame[5..]
    }
}

/// Splits one complete message off the front of `buf`, if there is one.
pub fn split_message(buf: &mut BytesMut) -> io::Result<Option<BackendMessage>> {
    if buf.len() < 5 {
        return Ok(None);
    }
    let len = i32::from_be_bytes([buf[1], buf[2], buf[3], buf[4]]);
    if len < 4 || len as usize > MAX_BACKEND_MESSAGE {
        return Err(invalid(format!("invalid message length {len}")));
    }
    let total = 1 + len as usize;
    if buf.len() < total {
        buf.reserve(total - buf.len());
        return Ok(None);
    }
    let frame = buf.split_to(total).freeze();
    Ok(Some(BackendMessage { tag: frame[0], frame }))
}

/// A protocol violation error.
pub fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Cursor over a message body.
pub struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Starts reading `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }

    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        if self.buf.len() < n {
            return Err(invalid("message too short"));
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    /// Reads one byte.
    pub fn u8(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    /// Reads a big-endian i16.
    pub fn i16(&mut self) -> io::Result<i16> {
        let b = self.take(2)?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }

    /// Reads a big-endian i32.
    pub fn i32(&mut self) -> io::Result<i32> {
        let b = self.take(4)?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads `n` raw bytes.
    pub fn bytes(&mut self, n: usize) -> io::Result<&'a [u8]> {
        self.take(n)
    }

    /// Reads a NUL-terminated string (without the NUL).
    pub fn cstr(&mut self) -> io::Result<&'a [u8]> {
        let end = self.buf.iter().position(|&b| b == 0).ok_or_else(|| invalid("unterminated string"))?;
        let s = &self.buf[..end];
        self.buf = &self.buf[end + 1..];
        Ok(s)
    }

    /// What is left.
    pub fn rest(&self) -> &'a [u8] {
        self.buf
    }
}

/// One column of a `RowDescription`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDesc {
    /// Column name.
    pub name: String,
    /// OID of the source table (0 if none).
    pub table_oid: u32,
    /// Attribute number in the source table (0 if none).
    pub column_id: i16,
    /// Type OID.
    pub type_oid: u32,
    /// `typlen`.
    pub type_size: i16,
    /// `atttypmod`.
    pub type_modifier: i32,
}

/// Decodes a `RowDescription` body.
pub fn row_description(body: &[u8]) -> io::Result<Vec<FieldDesc>> {
    let mut r = Reader::new(body);
    let n = r.i16()?;
    let mut fields = Vec::with_capacity(n.max(0) as usize);
    for _ in 0..n {
        let name = String::from_utf8_lossy(r.cstr()?).into_owned();
        let table_oid = r.i32()? as u32;
        let column_id = r.i16()?;
        let type_oid = r.i32()? as u32;
        let type_size = r.i16()?;
        let type_modifier = r.i32()?;
        let _format = r.i16()?;
        fields.push(FieldDesc { name, table_oid, column_id, type_oid, type_size, type_modifier });
    }
    Ok(fields)
}

/// Decodes a `DataRow` body into one optional slice per column.
pub fn data_row(body: &[u8]) -> io::Result<Vec<Option<&[u8]>>> {
    let mut r = Reader::new(body);
    let n = r.i16()?;
    let mut values = Vec::with_capacity(n.max(0) as usize);
    for _ in 0..n {
        let len = r.i32()?;
        if len < 0 {
            values.push(None);
        } else {
            values.push(Some(r.bytes(len as usize)?));
        }
    }
    Ok(values)
}

/// Decodes the fields of an `ErrorResponse` or `NoticeResponse`.
pub fn error_fields(body: &[u8]) -> io::Result<DbError> {
    let mut r = Reader::new(body);
    let mut fields = Vec::new();
    loop {
        let code = r.u8()?;
        if code == 0 {
            break;
        }
        let value = String::from_utf8_lossy(r.cstr()?).into_owned();
        fields.push((code, value));
    }
    Ok(DbError::new(fields))
}

/// Decodes a `CommandComplete` tag.
pub fn command_tag(body: &[u8]) -> io::Result<String> {
    Ok(String::from_utf8_lossy(Reader::new(body).cstr()?).into_owned())
}

/// What an `Authentication*` message asks for.
#[derive(Debug)]
pub enum AuthRequest {
    /// `AuthenticationOk`.
    Ok,
    /// `AuthenticationCleartextPassword`.
    Cleartext,
    /// `AuthenticationMD5Password` with its salt.
    Md5([u8; 4]),
    /// `AuthenticationSASL` with the offered mechanisms.
    Sasl(Vec<String>),
    /// `AuthenticationSASLContinue` data.
    SaslContinue(Vec<u8>),
    /// `AuthenticationSASLFinal` data.
    SaslFinal(Vec<u8>),
    /// Anything else (Kerberos, GSS, SSPI, ...).
    Other(i32),
}

/// Decodes an `Authentication*` body.
pub fn auth_request(body: &[u8]) -> io::Result<AuthRequest> {
    let mut r = Reader::new(body);
    Ok(match r.i32()? {
        0 => AuthRequest::Ok,
        3 => AuthRequest::Cleartext,
        5 => {
            let s = r.bytes(4)?;
            AuthRequest::Md5([s[0], s[1], s[2], s[3]])
        }
        10 => {
            let mut mechs = Vec::new();
            loop {
                let m = r.cstr()?;
                if m.is_empty() {
                    break;
                }
                mechs.push(String::from_utf8_lossy(m).into_owned());
            }
            AuthRequest::Sasl(mechs)
        }
        11 => AuthRequest::SaslContinue(r.rest().to_vec()),
        12 => AuthRequest::SaslFinal(r.rest().to_vec()),
        other => AuthRequest::Other(other),
    })
}

/// Encodes a backend message with `tag` and `body` (used when the gateway speaks as a server).
pub fn encode_backend(tag: u8, body: &[u8], out: &mut BytesMut) {
    out.put_u8(tag);
    out.put_i32(body.len() as i32 + 4);
    out.put_slice(body);
}

/// Encodes an `ErrorResponse` from (field code, value) pairs.
pub fn encode_error_response(fields: &[(u8, &str)], out: &mut BytesMut) {
    let mut body = BytesMut::new();
    for (code, value) in fields {
        body.put_u8(*code);
        // A NUL inside a value would end the field early; strip it.
        body.put_slice(value.replace('\0', "").as_bytes());
        body.put_u8(0);
    }
    body.put_u8(0);
    encode_backend(b'E', &body, out);
}
