//! The JavaScript face (wasm32 only): what the npm package's facade calls through wasm-bindgen.
//! Thin by design, and synchronous: a statement's shape crosses once as one JSON description
//! ([`crate::describe`]) and is rendered once; each execution sends its slot values and gets the
//! request body back, in the same synchronous step as the shape look-up (so a cache reset can
//! never pair one statement's SQL with another's values). The facade sends the request with the
//! runtime's `fetch` and reads the response in JS, rows and errors alike: responses never
//! enter wasm (`docs/architecture.md`, "The JS↔wasm boundary carries statements, not rows").

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::describe::{contract, Registry};
use edgepg::driver::http::{request_headers, single_body, Target};

/// The npm package's `application_name` (package URLs, like the neon driver's
/// `pkg:npm/%40neondatabase/serverless@1.2.0`).
const NPM_APPLICATION_NAME: &str = concat!("pkg:npm/edgepg@", env!("CARGO_PKG_VERSION"));
use edgepg::neon_http::{BatchOptions, IsolationLevel};
use edgepg::schema::WriteAs;
use edgepg::{Error, QueryParam, Value};

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::new());
}

/// The crate version (the npm package checks it matches its own).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Registers a table (see [`Registry::define_table`]); returns its id.
#[wasm_bindgen(js_name = defineTable)]
pub fn define_table(json: &str) -> Result<u32, JsValue> {
    REGISTRY.with(|r| r.borrow_mut().define_table_json(json)).map_err(|e| js_error(&e))
}

/// What drizzle's column metadata says of table `id`'s columns, in order, as a JSON array of
/// `{sqlType, columnType, notNull, hasDefault, read, write, nested}`: `getSQLType()`,
/// `columnType` and the flags with drizzle's quirks, and the tags of the column's base type's
/// facts (`ColumnType::facts`) that `rows.js` and `mapToDriverValue` switch on. The one home of
/// these is the Rust schema.
#[wasm_bindgen(js_name = tableColumns)]
pub fn table_columns(id: u32) -> Result<String, JsValue> {
    REGISTRY
        .with(|r| {
            let t = r.borrow().table(u64::from(id))?;
            let cols: Vec<serde_json::Value> = t
                .columns()
                .iter()
                .map(|c| {
                    let d = c.def();
                    let base = d.ty.base_type().facts();
                    serde_json::json!({ "sqlType": c.sql_type(), "columnType": d.ty.class_name(),
                        "notNull": d.not_null, "hasDefault": d.has_default, "read": base.read.js_tag(),
                        "write": base.write.js_tag(), "nested": base.nested.js_tag() })
                })
                .collect();
            Ok(serde_json::Value::Array(cols).to_string())
        })
        .map_err(|e: Error| js_error(&e))
}

/// Registers a schema's tables and relations (see [`Registry::define_relations`]); returns its id.
#[wasm_bindgen(js_name = defineRelations)]
pub fn define_relations(json: &str) -> Result<u32, JsValue> {
    REGISTRY.with(|r| r.borrow_mut().define_relations_json(json)).map_err(|e| js_error(&e))
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
/// shape): `["c", value]` a constant, `["s", i]` slot `i` as is, `["r", i, min, max]` slot `i`
/// when it is an integer in `min..=max`, `["d", i]` slot `i` if it is a string; `null` when the
/// encoder must run in wasm. Decided by the bound column's [`WriteAs`] fact.
fn plan(q: &edgepg::Query) -> serde_json::Value {
    let steps: Vec<serde_json::Value> = q
        .params
        .iter()
        .zip(q.encoders())
        .map(|(p, enc)| match p {
            QueryParam::Value(v) => serde_json::json!(["c", tagged(v)]),
            QueryParam::Placeholder(name) => {
                let Some(i) = name.strip_prefix(crate::describe::SLOT).and_then(|i| i.parse::<u64>().ok()) else {
                    return serde_json::json!(["n", name]);
                };
                let Some(column) = enc else { return serde_json::json!(["s", i]) };
                match column.def().ty.facts().write {
                    WriteAs::AsIs => serde_json::json!(["s", i]),
                    WriteAs::Int { min, max, .. } => serde_json::json!(["r", i, min, max]),
                    WriteAs::Iso => serde_json::json!(["d", i]),
                    WriteAs::BigInt
                    | WriteAs::Digits
                    | WriteAs::Json
                    | WriteAs::Point(_)
                    | WriteAs::Line(_)
                    | WriteAs::Vector
                    | WriteAs::Array
                    | WriteAs::Custom => serde_json::Value::Null,
                }
            }
        })
        .collect();
    serde_json::Value::Array(steps)
}

/// The size of this module's linear memory, in bytes (it only grows: the allocator reuses it).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
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
    let read = |json: &str| contract::parse(json).map_err(|e| js_error(&e));
    let values = match read(values)? {
        serde_json::Value::Array(a) => a.iter().map(contract::value).collect::<edgepg::Result<Vec<_>>>(),
        _ => Ok(vec![]),
    }
    .map_err(|e| js_error(&e))?;
    let mut map = std::collections::HashMap::new();
    if let Some(n) = named {
        if let serde_json::Value::Object(o) = read(&n)? {
            for (k, v) in &o {
                map.insert(k.clone(), contract::value(v).map_err(|e| js_error(&e))?);
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
        Value::Bytes(b) => serde_json::json!({ "$bytes": edgepg::types::hex_with_prefix(b, "") }),
        Value::Float(f) if !f.is_finite() => serde_json::json!({ "$number": edgepg::types::js_number(*f) }),
        Value::Array(a) => J::Array(a.iter().map(tagged).collect()),
        // A JSON document is wrapped, so that its own keys can never read as a tag.
        Value::Json(j @ (J::Object(_) | J::Array(_))) => serde_json::json!({ "$json": j }),
        other => other.to_json(),
    }
}

/// A JS `Error` carrying edgepg's error: `message` and `kind` (`config` for a bad connection
/// string, `query` for a statement or a value that cannot be rendered). Only such errors arise in
/// wasm: responses, failed ones included, are read by the facade in JS.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let kind = if matches!(e, Error::Config(_)) { "config" } else { "query" };
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    err.into()
}

/// The body of one statement, `{"query":…,"params":[…]}`, for shape `id` with these slot values
/// (a JSON array, tagged like `toSql`'s) and named placeholder values (a JSON object). A batch
/// body is `{"queries":[body, …]}` of these.
#[wasm_bindgen(js_name = shapeBody)]
pub fn shape_body(id: u32, values: &str, named: Option<String>) -> Result<String, JsValue> {
    let (values, named) = slot_values(values, named)?;
    REGISTRY
        .with(|r| {
            let r = r.borrow();
            let params = r.fill_shape_named(id, &values, &named)?;
            Ok(single_body(&r.shape_query(id)?.query().sql, &params))
        })
        .map_err(|e: Error| js_error(&e))
}

/// Where the facade's requests go, and with which headers (`docs/protocol.md` §1.3).
#[wasm_bindgen]
pub struct HttpClient {
    target: Target,
}

#[wasm_bindgen]
impl HttpClient {
    /// `new HttpClient(connectionString, endpoint?, jwt)`: checks the connection string and
    /// derives the endpoint (`apiauth.` when requests will carry a JWT).
    #[wasm_bindgen(constructor)]
    pub fn new(connection_string: &str, endpoint: Option<String>, jwt: bool) -> Result<HttpClient, JsValue> {
        Ok(HttpClient { target: Target::new(connection_string, endpoint, jwt).map_err(|e| js_error(&e))? })
    }

    /// The endpoint requests go to.
    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.target.endpoint.clone()
    }

    /// The request headers as a JSON object: with `Authorization` when a token is given, and a
    /// batch's transaction options (`{isolationLevel?, readOnly?, deferrable?}`) when given.
    pub fn headers(&self, token: Option<String>, options: Option<String>) -> Result<String, JsValue> {
        let batch = options.map(|o| batch_options(Some(o))).transpose()?;
        let conn = self.target.conn.with_application_name(NPM_APPLICATION_NAME);
        let h = request_headers(&conn, token.as_deref(), batch.as_ref());
        let map: serde_json::Map<String, serde_json::Value> =
            h.into_iter().map(|(k, v)| (k.to_owned(), serde_json::Value::String(v))).collect();
        Ok(serde_json::Value::Object(map).to_string())
    }
}

/// A batch's transaction options (`{isolationLevel?, readOnly?, deferrable?}`).
fn batch_options(options: Option<String>) -> Result<BatchOptions, JsValue> {
    let mut opts = BatchOptions::new();
    if let Some(o) = options {
        let o: serde_json::Value = contract::parse(&o).map_err(|e| js_error(&e))?;
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
