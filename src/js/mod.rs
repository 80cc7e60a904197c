//! The JavaScript face (wasm32 only): what the npm package's facade calls through wasm-bindgen.
//! Thin by design: a statement crosses as one JSON description ([`crate::describe`]), results
//! come back as one JSON text; nothing else crosses per query.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::describe::Registry;
use crate::driver::{Abort, QueryResult};
use crate::neon_http::{BatchOptions, IsolationLevel, NeonHttp};
use crate::{Error, QueryParam, Value};

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::new());
}

/// The crate version (the npm package checks it matches its own).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn parse(json: &str) -> Result<serde_json::Value, JsValue> {
    serde_json::from_str(json).map_err(|e| js_error(&Error::InvalidQuery(format!("malformed description: {e}"))))
}

/// Registers a table (see [`Registry::define_table`]); returns its id.
#[wasm_bindgen(js_name = defineTable)]
pub fn define_table(json: &str) -> Result<u32, JsValue> {
    let j = parse(json)?;
    REGISTRY.with(|r| r.borrow_mut().define_table(&j)).map_err(|e| js_error(&e))
}

/// Registers `alias(table, name)`; returns its id.
#[wasm_bindgen(js_name = aliasTable)]
pub fn alias_table(id: u32, alias: &str) -> Result<u32, JsValue> {
    REGISTRY.with(|r| r.borrow_mut().alias(u64::from(id), alias)).map_err(|e| js_error(&e))
}

/// Renders (once) and caches a statement shape — its description with values replaced by slots
/// `{"p": i}`; returns `{"id": n, "sql": "...", "plan": [...]}` (see [`plan`]). See
/// [`Registry::shape`].
#[wasm_bindgen(js_name = prepareShape)]
pub fn prepare_shape(key: &str) -> Result<String, JsValue> {
    REGISTRY
        .with(|r| {
            let mut r = r.borrow_mut();
            let (id, _) = r.shape(key)?;
            let q = r.shape_query(id)?.query();
            Ok(serde_json::json!({ "id": id, "sql": q.sql, "plan": plan(q) }).to_string())
        })
        .map_err(|e: Error| js_error(&e))
}

/// How the facade may fill each parameter of a shape without calling wasm (`.toSQL()` of a cached
/// shape): `["c", value]` a constant, `["s", i]` slot `i` as is, `["i4"|"i2", i]` slot `i` after
/// an integer range check, `["d", i]` slot `i` if it is a string; `null` when the encoder must run
/// in wasm (json, arrays, bigint/numeric modes, geometry, vectors, custom encoders).
fn plan(q: &crate::Query) -> serde_json::Value {
    use crate::schema::{ColumnType as T, DateMode, IntMode, NumericMode};
    let steps: Vec<serde_json::Value> = q
        .params
        .iter()
        .zip(&q.encoders)
        .map(|(p, enc)| match p {
            QueryParam::Value(v) => serde_json::json!(["c", tagged(v)]),
            QueryParam::Placeholder(name) => {
                let Some(i) = name.strip_prefix(crate::describe::SLOT).and_then(|i| i.parse::<u64>().ok()) else {
                    return serde_json::json!(["n", name]);
                };
                let kind = match enc.as_ref().map(|c| &c.def().ty) {
                    None => "s",
                    Some(T::Integer | T::Serial) => "i4",
                    Some(T::SmallInt | T::SmallSerial) => "i2",
                    Some(T::Timestamp { mode: DateMode::Date, .. } | T::Date { mode: DateMode::Date }) => "d",
                    Some(
                        T::BigInt(IntMode::BigInt)
                        | T::BigSerial(IntMode::BigInt)
                        | T::Numeric { mode: NumericMode::Number | NumericMode::BigInt, .. }
                        | T::Json
                        | T::Jsonb
                        | T::Point(_)
                        | T::Line(_)
                        | T::Vector(_)
                        | T::HalfVec(_)
                        | T::Array { .. }
                        | T::Custom(_),
                    ) => return serde_json::Value::Null,
                    Some(_) => "s",
                };
                serde_json::json!([kind, i])
            }
        })
        .collect();
    serde_json::Value::Array(steps)
}

/// Forgets every cached shape (the facade resets its own cache at the same time).
#[wasm_bindgen(js_name = clearShapes)]
pub fn clear_shapes() {
    REGISTRY.with(|r| r.borrow_mut().clear_shapes());
}

fn slot_values(
    values: &str,
    named: Option<String>,
) -> Result<(Vec<Value>, std::collections::HashMap<String, Value>), JsValue> {
    let list = parse(values)?;
    let values = list
        .as_array()
        .map(|a| a.iter().map(crate::describe::value_of).collect::<crate::Result<Vec<_>>>())
        .transpose()
        .map_err(|e| js_error(&e))?
        .unwrap_or_default();
    let mut map = std::collections::HashMap::new();
    if let Some(n) = named {
        if let serde_json::Value::Object(o) = parse(&n)? {
            for (k, v) in o {
                map.insert(k, crate::describe::value_of(&v).map_err(|e| js_error(&e))?);
            }
        }
    }
    Ok((values, map))
}

/// The parameters of shape `id` for these slot values (a JSON array, tagged like `toSql`'s),
/// and named placeholder values (a JSON object) for prepared statements.
#[wasm_bindgen(js_name = shapeParams)]
pub fn shape_params(id: u32, values: &str, named: Option<String>) -> Result<String, JsValue> {
    let strict = named.is_some();
    let (values, named) = slot_values(values, named)?;
    let params: Vec<serde_json::Value> = if strict {
        let params = REGISTRY.with(|r| r.borrow().fill_shape_named(id, &values, &named)).map_err(|e| js_error(&e))?;
        params.iter().map(tagged).collect()
    } else {
        let params = REGISTRY.with(|r| r.borrow().shape_params(id, &values)).map_err(|e| js_error(&e))?;
        params.iter().map(param_json).collect()
    };
    Ok(serde_json::Value::Array(params).to_string())
}

fn param_json(p: &QueryParam) -> serde_json::Value {
    match p {
        QueryParam::Value(v) => tagged(v),
        QueryParam::Placeholder(n) => serde_json::json!({ "$placeholder": n }),
    }
}

fn tagged(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::BigInt(i) => serde_json::json!({ "$bigint": i.to_string() }),
        Value::Bytes(b) => serde_json::json!({ "$bytes": crate::types::hex_with_prefix(b, "") }),
        Value::Float(f) if !f.is_finite() => serde_json::json!({ "$number": crate::types::js_number(*f) }),
        Value::Array(a) => J::Array(a.iter().map(tagged).collect()),
        // A JSON document is wrapped, so that its own keys can never read as a tag.
        Value::Json(j @ (J::Object(_) | J::Array(_))) => serde_json::json!({ "$json": j }),
        other => other.to_json(),
    }
}

/// OIDs whose text drizzle's neon-http driver keeps raw (`drizzle.md` §4.3); their columns'
/// decoders parse the text.
const RAW_TEXT_OIDS: [u32; 9] = [1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182];

fn result_json(r: &QueryResult) -> serde_json::Value {
    let fields: Vec<serde_json::Value> =
        r.fields.iter().map(|f| serde_json::json!({ "name": f.name, "dataTypeID": f.type_oid })).collect();
    let rows: Vec<serde_json::Value> = r
        .rows
        .iter()
        .map(|row| {
            serde_json::Value::Array(
                row.iter()
                    .zip(&r.fields)
                    .map(|(v, f)| match v {
                        Value::Null => serde_json::Value::Null,
                        _ if RAW_TEXT_OIDS.contains(&f.type_oid) => serde_json::Value::String(raw_text(v)),
                        _ => crate::types::js_value(f.type_oid, v).to_tagged_json(),
                    })
                    .collect(),
            )
        })
        .collect();
    serde_json::json!({ "fields": fields, "rows": rows, "command": r.command, "rowCount": r.row_count })
}

/// PostgreSQL's text of a decoded value (dates and intervals keep it; `numeric[]`-style arrays
/// are rebuilt as array literals).
fn raw_text(v: &Value) -> String {
    match v {
        Value::Array(items) => {
            let inner: Vec<String> = items
                .iter()
                .map(|x| match x {
                    Value::Null => "NULL".to_owned(),
                    Value::Array(_) => raw_text(x),
                    other => {
                        let t = raw_text(other);
                        if t.is_empty() || t.contains([',', '"', '\\', '{', '}', ' ']) {
                            format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
                        } else {
                            t
                        }
                    }
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        other => other.js_string(),
    }
}

/// A JS `Error` carrying edgepg's error: `name`, `message`, `kind` and, for database errors,
/// every field of `NeonDbError`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), v);
    };
    let kind = match e {
        Error::Database(_) => "database",
        Error::Http { .. } => "http",
        Error::Connect(_) => "connect",
        Error::Timeout(_) => "timeout",
        Error::Aborted => "aborted",
        Error::Config(_) => "config",
        Error::Protocol(_) => "protocol",
        Error::Decode { .. } => "decode",
        _ => "query",
    };
    set("kind", &JsValue::from_str(kind));
    match e {
        Error::Database(d) => {
            set("message", &JsValue::from_str(&d.message));
            if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(d.as_ref()) {
                for (k, v) in fields {
                    if k != "message" {
                        set(&k, &v.as_str().map_or(JsValue::UNDEFINED, JsValue::from_str));
                    }
                }
            }
        }
        Error::Http { status, body } => {
            set("status", &JsValue::from_f64(f64::from(*status)));
            set("body", &JsValue::from_str(body));
        }
        _ => {}
    }
    err.into()
}

/// A SQL-over-HTTP client for the facade's `drizzle()`.
#[wasm_bindgen]
pub struct HttpClient {
    db: NeonHttp,
}

#[wasm_bindgen]
impl HttpClient {
    /// `new HttpClient(connectionString, endpoint?, authToken?, timeoutMs?)`
    #[wasm_bindgen(constructor)]
    pub fn new(
        connection_string: &str,
        endpoint: Option<String>,
        auth_token: Option<String>,
        timeout_ms: Option<f64>,
    ) -> Result<HttpClient, JsValue> {
        let mut b = NeonHttp::builder(connection_string);
        if let Some(e) = endpoint {
            b = b.endpoint(e);
        }
        if let Some(t) = auth_token {
            b = b.auth_token(t);
        }
        if let Some(ms) = timeout_ms.filter(|ms| ms.is_finite() && *ms > 0.0) {
            b = b.timeout(std::time::Duration::from_millis(ms as u64));
        }
        Ok(HttpClient { db: b.build().map_err(|e| js_error(&e))? })
    }

    /// The endpoint requests go to.
    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.db.endpoint().to_owned()
    }

    /// Executes shape `id` with these slot (and named placeholder) values; resolves like
    /// [`execute`](HttpClient::execute).
    #[wasm_bindgen(js_name = executeShape)]
    pub async fn execute_shape(
        &self,
        id: u32,
        values: String,
        named: Option<String>,
        abort: Option<AbortHandle>,
    ) -> Result<String, JsValue> {
        let (prepared, params) = filled(id, &values, named)?;
        let db = match &abort {
            Some(a) => self.db.with_abort(&a.0),
            None => self.db.clone(),
        };
        let r = db.execute_with_params(&prepared, &params).await.map_err(|e| js_error(&e))?;
        Ok(result_json(&r).to_string())
    }

    /// Executes shapes in ONE request (one transaction): `[[id, [values…]], …]`.
    #[wasm_bindgen(js_name = batchShapes)]
    pub async fn batch_shapes(&self, json: String, options: Option<String>) -> Result<String, JsValue> {
        let list = parse(&json)?;
        let items = list.as_array().cloned().unwrap_or_default();
        let mut statements = Vec::with_capacity(items.len());
        for item in &items {
            let id = item.get(0).and_then(|v| v.as_u64()).and_then(|v| u32::try_from(v).ok()).unwrap_or(u32::MAX);
            let values = item.get(1).map(|v| v.to_string()).unwrap_or_else(|| "[]".into());
            statements.push(filled(id, &values, None)?);
        }
        let opts = batch_options(options)?;
        let results = self.db.batch_with_params(opts, &statements).await.map_err(|e| js_error(&e))?;
        let list: Vec<serde_json::Value> = results.iter().map(result_json).collect();
        Ok(serde_json::json!({ "results": list }).to_string())
    }
}

/// Shape `id`'s statement and its parameters for these values.
fn filled(id: u32, values: &str, named: Option<String>) -> Result<(crate::driver::Prepared, Vec<Value>), JsValue> {
    let (values, named) = slot_values(values, named)?;
    REGISTRY
        .with(|r| {
            let r = r.borrow();
            let params = r.fill_shape_named(id, &values, &named)?;
            Ok::<_, Error>((r.shape_query(id)?.clone(), params))
        })
        .map_err(|e| js_error(&e))
}

fn batch_options(options: Option<String>) -> Result<BatchOptions, JsValue> {
    let mut opts = BatchOptions::new();
    if let Some(o) = options {
        let o = parse(&o)?;
        opts.isolation_level = match o.get("isolationLevel").and_then(|v| v.as_str()) {
            Some("ReadUncommitted") => Some(IsolationLevel::ReadUncommitted),
            Some("ReadCommitted") => Some(IsolationLevel::ReadCommitted),
            Some("RepeatableRead") => Some(IsolationLevel::RepeatableRead),
            Some("Serializable") => Some(IsolationLevel::Serializable),
            Some(other) => return Err(js_error(&Error::Config(format!("unknown isolation level {other:?}")))),
            None => None,
        };
        opts.read_only = o.get("readOnly").and_then(|v| v.as_bool());
        opts.deferrable = o.get("deferrable").and_then(|v| v.as_bool());
    }
    Ok(opts)
}

/// Aborts requests (wired to a JS `AbortSignal` by the facade).
#[wasm_bindgen]
pub struct AbortHandle(Abort);

#[wasm_bindgen]
impl AbortHandle {
    /// A fresh handle.
    #[wasm_bindgen(constructor)]
    pub fn new() -> AbortHandle {
        AbortHandle(Abort::new())
    }
    /// Another handle on the same abort state (pass it to `execute`, which takes ownership).
    pub fn share(&self) -> AbortHandle {
        AbortHandle(self.0.clone())
    }
    /// Aborts the requests using this handle.
    pub fn abort(&self) {
        self.0.abort();
    }
}

impl Default for AbortHandle {
    fn default() -> Self {
        Self::new()
    }
}
