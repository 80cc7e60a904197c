//! The WebSocket driver's JavaScript face (features `js` + `ws`): the sans-IO protocol core
//! ([`crate::driver::ws::wire`]) for `edgepg/neon-serverless`. The facade owns the runtime's
//! `WebSocket` and the order of statements; wasm encodes statements (in the same synchronous step
//! as their shape look-up, like the HTTP bodies) and turns the bytes read into results. Values
//! stay text, shaped like an SQL-over-HTTP result (`fields`, `rows` of text, `command`,
//! `rowCount`), so rows.js decodes them exactly as it decodes neon-http's.

use wasm_bindgen::prelude::*;

use super::{js_error, slot_values, REGISTRY};
use crate::driver::http::wire::param_text;
use crate::driver::http::NPM_APPLICATION_NAME;
use crate::driver::ws::wire::{encode_query, encode_simple_query, Connection, Event, Pipeline, Startup};
use crate::driver::{ConnectionString, QueryResult};
use crate::{Error, Value};

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
        let startup = Startup::of(&cs, NPM_APPLICATION_NAME);
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

/// The bytes of shape `id` with these slot values (JSON, tagged like `shapeBody`'s) and named
/// placeholder values, as one extended-protocol statement; `name` makes it the named
/// server-side statement `name` (`parse` false once this connection has parsed it).
#[wasm_bindgen(js_name = wsStatement)]
pub fn ws_statement(
    id: u32,
    values: &str,
    named: Option<String>,
    name: Option<String>,
    parse: bool,
) -> Result<Vec<u8>, JsValue> {
    let (values, named) = slot_values(values, named)?;
    REGISTRY
        .with(|r| {
            let r = r.borrow();
            let params = r.fill_shape_named(id, &values, &named)?;
            let text: Vec<Option<String>> = params.iter().map(param_text).collect();
            encode_query(name.as_deref().map(|n| (n, parse)), &r.shape_query(id)?.query().sql, &text)
        })
        .map_err(|e: Error| js_error(&e))
}

/// The bytes of SQL text with parameters already in text form (JSON `[string | null, …]`):
/// `begin`, savepoints, and `client.query(text, params)`.
#[wasm_bindgen(js_name = wsQuery)]
pub fn ws_query(sql: &str, params: Option<String>) -> Result<Vec<u8>, JsValue> {
    // parsed as a `serde_json::Value` (not straight into strings): serde's typed errors would
    // link core's float formatting (~18 KB of wasm) for their messages
    let bad = || js_error(&Error::InvalidQuery("parameters must be a JSON array of strings or null".into()));
    let params: Vec<Option<String>> = match params {
        Some(p) => match super::parse(&p)? {
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => Ok(Some(s)),
                    serde_json::Value::Null => Ok(None),
                    _ => Err(bad()),
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(bad()),
        },
        None => vec![],
    };
    encode_query(None, sql, &params).map_err(|e| js_error(&e))
}

/// The bytes of a simple query (SQL text without parameters, possibly several statements).
#[wasm_bindgen(js_name = wsSimpleQuery)]
pub fn ws_simple_query(sql: &str) -> Result<Vec<u8>, JsValue> {
    encode_simple_query(sql).map_err(|e| js_error(&e))
}

fn events_json(events: Vec<Event>) -> String {
    let items: Vec<String> = events
        .into_iter()
        .map(|e| match e {
            Event::Ready => r#"["ready"]"#.to_owned(),
            Event::Done(Ok(r)) => format!(r#"["ok",{}]"#, result_json(r)),
            Event::DoneAll(Ok(rs)) => {
                format!(r#"["all",[{}]]"#, rs.into_iter().map(result_json).collect::<Vec<_>>().join(","))
            }
            Event::Done(Err(e)) | Event::DoneAll(Err(e)) => format!(r#"["err",{}]"#, error_value(&e)),
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// A result as SQL-over-HTTP shapes it (`neon-protocol.md` §2.1), values as text; the fields'
/// keys in pg's order.
fn result_json(r: QueryResult) -> String {
    use std::fmt::Write;
    let str = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
    let mut fields = String::from("[");
    for (i, f) in r.fields.iter().enumerate() {
        let _ = write!(
            fields,
            r#"{}{{"name":{},"tableID":{},"columnID":{},"dataTypeID":{},"dataTypeSize":{},"dataTypeModifier":{},"format":"text"}}"#,
            if i > 0 { "," } else { "" },
            str(&f.name),
            f.table_oid,
            f.column_id,
            f.type_oid,
            f.type_size,
            f.type_modifier
        );
    }
    fields.push(']');
    let rows: Vec<serde_json::Value> = r
        .rows
        .into_iter()
        .map(|row| {
            serde_json::Value::Array(
                row.into_iter()
                    .map(|v| match v {
                        Value::Text(s) => serde_json::Value::String(s),
                        _ => serde_json::Value::Null,
                    })
                    .collect(),
            )
        })
        .collect();
    format!(
        r#"{{"command":{},"rowCount":{},"fields":{fields},"rows":{}}}"#,
        str(&r.command),
        r.row_count.map_or("null".to_owned(), |n| n.to_string()),
        serde_json::Value::Array(rows)
    )
}

/// An error as the facade rebuilds it: `kind` (`database`, `connect`, `timeout`, `protocol`,
/// `query`, `config`), `message`, and PostgreSQL's fields for a database error.
fn error_value(e: &Error) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    let kind = match e {
        Error::Database(_) => "database",
        Error::Connect(_) => "connect",
        Error::Timeout(_) => "timeout",
        Error::Protocol(_) => "protocol",
        Error::Config(_) => "config",
        _ => "query",
    };
    o.insert("kind".into(), kind.into());
    if let Error::Database(d) = e {
        o.insert("message".into(), d.message.clone().into());
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
                o.insert(k.into(), v.clone().into());
            }
        }
    } else {
        o.insert("message".into(), e.to_string().into());
    }
    serde_json::Value::Object(o)
}

fn error_json(e: &Error) -> String {
    error_value(e).to_string()
}
