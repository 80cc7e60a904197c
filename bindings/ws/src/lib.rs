//! The npm package's second wasm module, `wasm-ws/edgepg_ws_bg.wasm`: the WebSocket driver's
//! sans-IO protocol core ([`edgepg::driver::pgwire`]) for `edgepg/neon-serverless`, and nothing
//! else. Only that entry point loads it, so an app using `edgepg/neon-http` alone downloads none
//! of it.
//!
//! The facade owns the runtime's `WebSocket` and the order of statements. A statement arrives as
//! the main module's SQL-over-HTTP body (`{"query": sql, "params": [text | null, …]}`, made in
//! the same synchronous step as its shape look-up) and leaves as extended-protocol bytes; the
//! bytes read become results shaped like SQL-over-HTTP's (`fields`, `rows` of text, `command`,
//! `rowCount`), so rows.js decodes them exactly as it decodes neon-http's.

use edgepg::driver::pgwire::{encode_query, encode_simple_query, Connection, Event, Pipeline, Startup};
use edgepg::driver::{ConnectionString, QueryResult};
use edgepg::types::write_json_string as json_str;
use edgepg::{Error, Value};
use wasm_bindgen::prelude::*;

/// What the startup message says of the client (pg's `application_name`).
const APPLICATION_NAME: &str = concat!("pkg:npm/edgepg@", env!("CARGO_PKG_VERSION"));

/// A JS `Error` with edgepg's message and `kind` (`config` for a bad connection string, `query`
/// for a statement that cannot be encoded), as the main module's errors are.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let kind = if matches!(e, Error::Config(_)) { "config" } else { "query" };
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    err.into()
}

/// The crate version (the facade checks it matches the main module's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// One connection's protocol state (`new WsWire(connectionString, pipeline)`).
#[wasm_bindgen]
pub struct WsWire {
    conn: Connection,
    host: String,
    port: Option<u16>,
    startup: Vec<u8>,
    answer: Vec<u8>,
}

#[wasm_bindgen]
impl WsWire {
    /// Checks the connection string; `pipeline` sends the password with the startup
    /// (`pipelineConnect: 'password'`), otherwise the server's request decides (cleartext, MD5,
    /// SCRAM-SHA-256).
    #[wasm_bindgen(constructor)]
    pub fn new(connection_string: &str, pipeline: bool) -> Result<WsWire, JsValue> {
        let cs = ConnectionString::parse(connection_string).map_err(|e| js_error(&e))?;
        let startup = Startup::of(&cs, APPLICATION_NAME);
        let mode = if pipeline { Pipeline::Password } else { Pipeline::Off };
        let (conn, startup) = Connection::new_raw_text(startup, mode).map_err(|e| js_error(&e))?;
        Ok(WsWire { conn, host: cs.host().to_owned(), port: cs.port(), startup, answer: vec![] })
    }

    /// The connection string's host (what `neonConfig.wsProxy` is called with).
    #[wasm_bindgen(getter)]
    pub fn host(&self) -> String {
        self.host.clone()
    }

    /// The connection string's port, 5432 when it names none.
    #[wasm_bindgen(getter)]
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(5432)
    }

    /// The bytes to send once the socket is open (startup, and the password when pipelining);
    /// empty after the first call.
    pub fn startup(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.startup)
    }

    /// Queues the result of a statement the facade is sending now (`simple` for
    /// [`wsSimpleQuery`](ws_simple_query)'s bytes), in sending order.
    pub fn expect(&mut self, simple: bool) -> Result<(), JsValue> {
        self.conn.expect(simple).map_err(|e| js_error(&e))
    }

    /// Feeds bytes read from the socket; returns the events as JSON:
    /// `[["ready"] | ["ok", result] | ["all", [result…]] | ["err", error], …]`. Bytes to send in
    /// answer (authentication steps) are then in [`answer`](Self::answer). A thrown error (JSON
    /// of an error, see `error_json`) means the connection is unusable: close it.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<String, JsValue> {
        let (events, answer) = self.conn.feed(bytes).map_err(|e| JsValue::from_str(&error_json(&e)))?;
        self.answer = answer;
        Ok(events_json(events))
    }

    /// The bytes to send in answer to what was fed last (empty when none).
    pub fn answer(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.answer)
    }

    /// The socket closed or failed: the events failing every statement still waiting.
    pub fn closed(&mut self, why: &str) -> String {
        events_json(self.conn.closed(why))
    }

    /// `Terminate`: the bytes to send before closing the socket.
    pub fn terminate(&mut self) -> Vec<u8> {
        self.conn.terminate()
    }

    /// A `CancelRequest` for the running statement, to send as the first message of a new
    /// socket to the same endpoint (`undefined` before the server sent its key).
    #[wasm_bindgen(js_name = cancelRequest)]
    pub fn cancel_request(&self) -> Option<Vec<u8>> {
        self.conn.cancel_request()
    }

    /// The transaction status of the last `ReadyForQuery`: `I`, `T` or `E`.
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> String {
        char::from(self.conn.transaction_status()).to_string()
    }
}

/// The bytes of one statement: SQL text and its parameters in text form (`string | null`,
/// the `query` and `params` of the main module's SQL-over-HTTP body); `name` makes it the named
/// server-side statement `name` (`parse` false once this connection has parsed it).
#[wasm_bindgen(js_name = wsStatement)]
pub fn ws_statement(sql: &str, params: Box<[JsValue]>, name: Option<String>, parse: bool) -> Result<Vec<u8>, JsValue> {
    encode_query(name.as_deref().map(|n| (n, parse)), sql, &text_params(&params)?).map_err(|e| js_error(&e))
}

/// `string | null` values as parameters in text form.
fn text_params(params: &[JsValue]) -> Result<Vec<Option<String>>, JsValue> {
    params
        .iter()
        .map(|p| match p.as_string() {
            Some(s) => Ok(Some(s)),
            None if p.is_null() || p.is_undefined() => Ok(None),
            None => Err(js_error(&Error::InvalidQuery("parameters must be strings or null".into()))),
        })
        .collect()
}

/// The bytes of SQL text with parameters already in text form: `begin`, savepoints, and
/// `client.query(text, params)`.
#[wasm_bindgen(js_name = wsQuery)]
pub fn ws_query(sql: &str, params: Box<[JsValue]>) -> Result<Vec<u8>, JsValue> {
    encode_query(None, sql, &text_params(&params)?).map_err(|e| js_error(&e))
}

/// The bytes of a simple query (SQL text without parameters, possibly several statements).
#[wasm_bindgen(js_name = wsSimpleQuery)]
pub fn ws_simple_query(sql: &str) -> Result<Vec<u8>, JsValue> {
    encode_simple_query(sql).map_err(|e| js_error(&e))
}

fn events_json(events: Vec<Event>) -> String {
    let mut out = String::from("[");
    for (i, e) in events.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match e {
            Event::Ready => out.push_str(r#"["ready"]"#),
            Event::Done(Ok(r)) => {
                out.push_str(r#"["ok","#);
                result_json(&mut out, r);
                out.push(']');
            }
            Event::DoneAll(Ok(rs)) => {
                out.push_str(r#"["all",["#);
                for (j, r) in rs.into_iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    result_json(&mut out, r);
                }
                out.push_str("]]");
            }
            Event::Done(Err(e)) | Event::DoneAll(Err(e)) => {
                out.push_str(r#"["err","#);
                out.push_str(&error_json(&e));
                out.push(']');
            }
        }
    }
    out.push(']');
    out
}

/// A result as SQL-over-HTTP shapes it (`docs/protocol.md` §2.1), values as text; the fields'
/// keys in pg's order.
fn result_json(out: &mut String, r: QueryResult) {
    use std::fmt::Write;
    out.push_str(r#"{"command":"#);
    json_str(out, &r.command);
    match r.row_count {
        Some(n) => {
            let _ = write!(out, r#","rowCount":{n}"#);
        }
        None => out.push_str(r#","rowCount":null"#),
    }
    out.push_str(r#","fields":["#);
    for (i, f) in r.fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"name":"#);
        json_str(out, &f.name);
        let _ = write!(
            out,
            r#","tableID":{},"columnID":{},"dataTypeID":{},"dataTypeSize":{},"dataTypeModifier":{},"format":"text"}}"#,
            f.table_oid, f.column_id, f.type_oid, f.type_size, f.type_modifier
        );
    }
    out.push_str(r#"],"rows":["#);
    for (i, row) in r.rows.iter().enumerate() {
        out.push_str(if i > 0 { ",[" } else { "[" });
        for (j, v) in row.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            match v {
                Value::Text(s) => json_str(out, s),
                _ => out.push_str("null"),
            }
        }
        out.push(']');
    }
    out.push_str("]}");
}

/// An error as the facade rebuilds it: `kind` (`database`, `connect`, `timeout`, `protocol`,
/// `query`, `config`), `message`, and PostgreSQL's fields for a database error.
fn error_json(e: &Error) -> String {
    let kind = match e {
        Error::Database(_) => "database",
        Error::Connect(_) => "connect",
        Error::Timeout(_) => "timeout",
        Error::Protocol(_) => "protocol",
        Error::Config(_) => "config",
        _ => "query",
    };
    let mut out = format!(r#"{{"kind":"{kind}","message":"#);
    match e {
        Error::Database(d) => {
            json_str(&mut out, &d.message);
            if let Some(n) = d.length {
                out.push_str(&format!(r#","length":{n}"#));
            }
            let fields = [
                ("severity", &d.severity),
                ("code", &d.code),
                ("detail", &d.detail),
                ("hint", &d.hint),
                ("position", &d.position),
                ("internalPosition", &d.internal_position),
                ("internalQuery", &d.internal_query),
                ("where", &d.where_),
                ("schema", &d.schema),
                ("table", &d.table),
                ("column", &d.column),
                ("dataType", &d.data_type),
                ("constraint", &d.constraint),
                ("file", &d.file),
                ("line", &d.line),
                ("routine", &d.routine),
            ];
            for (k, v) in fields {
                if let Some(v) = v {
                    out.push_str(&format!(r#","{k}":"#));
                    json_str(&mut out, v);
                }
            }
        }
        _ => json_str(&mut out, &e.to_string()),
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_what_json_requires() {
        let mut out = String::new();
        json_str(&mut out, "a\"b\\c\nd\u{1}é😀");
        assert_eq!(out, r#""a\"b\\c\nd\u0001é😀""#);
    }
}
