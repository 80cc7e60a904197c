//! The SQL-over-HTTP wire format, without I/O: request headers and body, and response/error
//! parsing (parameters become text in `types::text`) (`docs/protocol.md` §1.3–§3).

use std::borrow::Cow;

use serde::Deserialize;

use crate::driver::result::{FieldInfo, QueryResult};
use crate::error::DatabaseError;
use crate::types::{decode_cell, param_text, write_json_string, Value};
use crate::{Error, Result};

/// Transaction isolation level of a batch (`Neon-Batch-Isolation-Level`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsolationLevel {
    /// `READ UNCOMMITTED`
    ReadUncommitted,
    /// `READ COMMITTED`
    ReadCommitted,
    /// `REPEATABLE READ`
    RepeatableRead,
    /// `SERIALIZABLE`
    Serializable,
}

impl IsolationLevel {
    /// The header value (`ReadCommitted`, ...).
    pub fn header_value(self) -> &'static str {
        match self {
            IsolationLevel::ReadUncommitted => "ReadUncommitted",
            IsolationLevel::ReadCommitted => "ReadCommitted",
            IsolationLevel::RepeatableRead => "RepeatableRead",
            IsolationLevel::Serializable => "Serializable",
        }
    }
}

/// Options of a batch transaction; each header is sent only when the option is set
/// (`docs/protocol.md` §1.3).
///
/// ```
/// use edgepg::neon_http::{BatchOptions, IsolationLevel};
/// let o = BatchOptions::new().isolation_level(IsolationLevel::Serializable).read_only(true);
/// assert_eq!(o.isolation_level, Some(IsolationLevel::Serializable));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOptions {
    /// `Neon-Batch-Isolation-Level`
    pub isolation_level: Option<IsolationLevel>,
    /// `Neon-Batch-Read-Only`
    pub read_only: Option<bool>,
    /// `Neon-Batch-Deferrable`
    pub deferrable: Option<bool>,
}

impl BatchOptions {
    /// No options: the server's defaults.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the isolation level.
    pub fn isolation_level(mut self, level: IsolationLevel) -> Self {
        self.isolation_level = Some(level);
        self
    }
    /// Sets `READ ONLY` (true) or sends `false` explicitly.
    pub fn read_only(mut self, v: bool) -> Self {
        self.read_only = Some(v);
        self
    }
    /// Sets `DEFERRABLE` (true) or sends `false` explicitly.
    pub fn deferrable(mut self, v: bool) -> Self {
        self.deferrable = Some(v);
        self
    }
}

/// The headers of a request: always the connection string, raw text and array mode; the batch
/// options only for batches and only when set.
pub fn headers(conn: &str, auth_token: Option<&str>, batch: Option<&BatchOptions>) -> Vec<(&'static str, String)> {
    let mut h = vec![
        ("Neon-Connection-String", conn.to_owned()),
        ("Neon-Raw-Text-Output", "true".to_owned()),
        ("Neon-Array-Mode", "true".to_owned()),
    ];
    if let Some(t) = auth_token.filter(|t| !t.is_empty()) {
        h.push(("Authorization", format!("Bearer {t}")));
    }
    if let Some(o) = batch {
        if let Some(l) = o.isolation_level {
            h.push(("Neon-Batch-Isolation-Level", l.header_value().to_owned()));
        }
        if let Some(r) = o.read_only {
            h.push(("Neon-Batch-Read-Only", r.to_string()));
        }
        if let Some(d) = o.deferrable {
            h.push(("Neon-Batch-Deferrable", d.to_string()));
        }
    }
    h
}

/// Appends `{"query":…,"params":[…]}`.
pub(crate) fn write_query(out: &mut String, sql: &str, params: &[Value]) {
    out.push_str("{\"query\":");
    write_json_string(out, sql);
    out.push_str(",\"params\":[");
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match param_text(p) {
            Some(t) => write_json_string(out, &t),
            None => out.push_str("null"),
        }
    }
    out.push_str("]}");
}

/// The body of a single query.
pub fn single_body(sql: &str, params: &[Value]) -> String {
    let mut out = String::with_capacity(sql.len() + 32 + params.len() * 8);
    write_query(&mut out, sql, params);
    out
}

/// The body of a batch: `{"queries":[…]}`.
pub(crate) fn batch_body<'a>(queries: impl IntoIterator<Item = (&'a str, &'a [Value])>) -> String {
    let mut out = String::from("{\"queries\":[");
    for (i, (sql, params)) in queries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_query(&mut out, sql, params);
    }
    out.push_str("]}");
    out
}

#[derive(Deserialize)]
struct RawField<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(rename = "dataTypeID")]
    data_type_id: u32,
    #[serde(rename = "tableID", default)]
    table_id: u32,
    #[serde(rename = "columnID", default)]
    column_id: i32,
    #[serde(rename = "dataTypeSize", default)]
    data_type_size: i32,
    #[serde(rename = "dataTypeModifier", default)]
    data_type_modifier: i32,
}

#[derive(Deserialize)]
struct RawResult<'a> {
    #[serde(borrow)]
    fields: Vec<RawField<'a>>,
    #[serde(borrow)]
    rows: Vec<Vec<Option<Cow<'a, str>>>>,
    #[serde(default)]
    command: String,
    #[serde(rename = "rowCount", default)]
    row_count: Option<i64>,
}

#[derive(Deserialize)]
struct RawBatch<'a> {
    #[serde(borrow)]
    results: Vec<RawResult<'a>>,
}

fn protocol(e: serde_json::Error) -> Error {
    Error::Protocol(format!("unexpected response from the SQL-over-HTTP endpoint: {e}"))
}

fn convert(raw: RawResult<'_>) -> Result<QueryResult> {
    let fields: Vec<FieldInfo> = raw
        .fields
        .into_iter()
        .map(|f| FieldInfo {
            name: f.name.into_owned(),
            type_oid: f.data_type_id,
            table_oid: f.table_id,
            column_id: f.column_id,
            type_size: f.data_type_size,
            type_modifier: f.data_type_modifier,
        })
        .collect();
    let mut rows = Vec::with_capacity(raw.rows.len());
    for row in raw.rows {
        if row.len() != fields.len() {
            return Err(Error::Protocol(format!(
                "a row has {} values for {} fields (is the endpoint in array mode?)",
                row.len(),
                fields.len()
            )));
        }
        let decoded = row
            .iter()
            .zip(&fields)
            .map(|(cell, f)| decode_cell(f.type_oid, cell.as_deref()))
            .collect::<Result<Vec<_>>>()?;
        rows.push(decoded);
    }
    Ok(QueryResult::new(fields, rows, raw.command, raw.row_count.and_then(|n| u64::try_from(n).ok())))
}

/// Parses a 200 response to a single query.
pub(crate) fn parse_single(body: &str) -> Result<QueryResult> {
    convert(serde_json::from_str(body).map_err(protocol)?)
}

/// Parses a 200 response to a batch.
pub(crate) fn parse_batch(body: &str, expected: usize) -> Result<Vec<QueryResult>> {
    let raw: RawBatch<'_> = serde_json::from_str(body)
        .map_err(|_| Error::Protocol("Neon internal error: unexpected result format".into()))?;
    if raw.results.len() != expected {
        return Err(Error::Protocol(format!(
            "the batch had {expected} statements but the endpoint returned {} results",
            raw.results.len()
        )));
    }
    raw.results.into_iter().map(convert).collect()
}

/// Maps a non-200 response to an error: 400 carries the database error fields, anything else
/// is an HTTP error with its body (`docs/protocol.md` §3.3).
pub(crate) fn error_response(status: u16, body: String) -> Error {
    if status == 400 {
        if let Ok(e) = serde_json::from_str::<DatabaseError>(&body) {
            if !e.message.is_empty() {
                return Error::Database(Box::new(e));
            }
        }
    }
    Error::Http { status, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_match_the_js_driver() {
        let params = [Value::Int(1), Value::Null, Value::from("a\"\n"), Value::Bool(true), Value::Float(0.5)];
        assert_eq!(
            single_body("select $1", &params),
            r#"{"query":"select $1","params":["1",null,"a\"\n","true","0.5"]}"#
        );
        assert_eq!(batch_body([]), r#"{"queries":[]}"#);
        assert_eq!(
            batch_body([("a", &[][..]), ("b", &[Value::Int(2)][..])]),
            r#"{"queries":[{"query":"a","params":[]},{"query":"b","params":["2"]}]}"#
        );
    }

    #[test]
    fn headers_only_when_set() {
        let h = headers("postgres://u:p@h/db", None, None);
        assert_eq!(h.len(), 3);
        let o = BatchOptions::new().isolation_level(IsolationLevel::RepeatableRead).deferrable(false);
        let h = headers("c", Some("jwt"), Some(&o));
        assert!(h.contains(&("Authorization", "Bearer jwt".into())));
        assert!(h.contains(&("Neon-Batch-Isolation-Level", "RepeatableRead".into())));
        assert!(h.contains(&("Neon-Batch-Deferrable", "false".into())));
        assert!(!h.iter().any(|(k, _)| *k == "Neon-Batch-Read-Only"));
    }

    #[test]
    fn parses_results_and_errors() {
        let body = r#"{"fields":[{"name":"one","dataTypeID":23,"tableID":0,"columnID":0,"dataTypeSize":4,"dataTypeModifier":-1,"format":"text"},{"name":"one","dataTypeID":25,"tableID":0,"columnID":0,"dataTypeSize":-1,"dataTypeModifier":-1,"format":"text"}],"rows":[["1",null]],"command":"SELECT","rowCount":1,"rowAsArray":true}"#;
        let r = parse_single(body).unwrap();
        assert_eq!(r.rows, vec![vec![Value::Int(1), Value::Null]]);
        assert_eq!((r.command.as_str(), r.row_count), ("SELECT", Some(1)));
        assert_eq!(r.fields[1].name, "one");
        let e = error_response(400, r#"{"message":"boom","code":"42703","position":"8","detail":null}"#.into());
        assert_eq!(e.code(), Some("42703"));
        assert_eq!(e.database().unwrap().position.as_deref(), Some("8"));
        assert!(matches!(error_response(507, "x".into()), Error::Http { status: 507, .. }));
        assert!(matches!(error_response(400, "\"query is not supported\"".into()), Error::Http { status: 400, .. }));
        assert!(matches!(parse_batch("{}", 1), Err(Error::Protocol(_))));
    }
}
