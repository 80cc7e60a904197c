//! Values as the text PostgreSQL reads: a parameter as the JS driver sends it (pg's
//! `prepareValue`, the same for SQL-over-HTTP and the wire protocol) and JSON string literals.
//! Every driver and binding takes these from here.

use std::fmt::Write as _;

use super::{hex_with_prefix, param_number, Value};

/// Appends `s` as a JSON string literal (quotes and escapes included): the SQL-over-HTTP request
/// bodies, migration snapshots, and the npm package's WebSocket module (which links no serde_json).
///
/// ```
/// let mut out = String::new();
/// edgepg::types::write_json_string(&mut out, "a\"b\n\u{1}");
/// assert_eq!(out, r#""a\"b\n\u0001""#);
/// ```
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A parameter as the JS driver sends it: every value becomes text (pg 8.8's `prepareValue`,
/// `docs/protocol.md` §1.5), `None` is SQL `NULL`.
///
/// ```
/// use edgepg::{types::param_text, Value};
/// assert_eq!(param_text(&Value::Float(1.5)).as_deref(), Some("1.5"));
/// assert_eq!(param_text(&Value::Bytes(vec![0x41, 0x42])).as_deref(), Some("\\x4142"));
/// assert_eq!(param_text(&Value::from(vec![Some("a\"b"), None])).as_deref(), Some(r#"{"a\"b",NULL}"#));
/// assert_eq!(param_text(&Value::Null), None);
/// assert_eq!(param_text(&Value::Float(-0.0)).as_deref(), Some("-0"));
/// ```
pub fn param_text(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null | Value::Json(serde_json::Value::Null) => return None,
        Value::Bool(b) => b.to_string(),
        Value::Int(i) | Value::BigInt(i) => i.to_string(),
        Value::Float(f) => param_number(*f),
        Value::Text(s) | Value::Numeric(s) | Value::Date(s) | Value::Timestamp(s) | Value::Timestamptz(s) => s.clone(),
        Value::Interval(s) => s.clone(),
        Value::Bytes(b) => hex_with_prefix(b, "\\x"),
        Value::Json(serde_json::Value::Array(a)) => {
            let mut out = String::new();
            json_array_literal(a, &mut out);
            out
        }
        Value::Json(serde_json::Value::String(s)) => s.clone(),
        Value::Json(j) => j.to_string(),
        Value::Array(a) => {
            let mut out = String::new();
            array_literal(a, &mut out);
            out
        }
        Value::Point { .. } | Value::Circle { .. } => v.js_string(),
    })
}

/// pg's `arrayString`: `{"1","a",NULL,{"2"}}`, bytes as `\\x…` unquoted.
fn array_literal(items: &[Value], out: &mut String) {
    out.push('{');
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match v {
            Value::Null | Value::Json(serde_json::Value::Null) => out.push_str("NULL"),
            Value::Array(a) => array_literal(a, out),
            Value::Json(serde_json::Value::Array(a)) => json_array_literal(a, out),
            Value::Bytes(b) => out.push_str(&hex_with_prefix(b, "\\\\x")),
            other => quote_element(&param_text(other).unwrap_or_default(), out),
        }
    }
    out.push('}');
}

fn json_array_literal(items: &[serde_json::Value], out: &mut String) {
    out.push('{');
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match v {
            serde_json::Value::Null => out.push_str("NULL"),
            serde_json::Value::Array(a) => json_array_literal(a, out),
            serde_json::Value::String(s) => quote_element(s, out),
            other => quote_element(&param_text(&Value::Json(other.clone())).unwrap_or_default(), out),
        }
    }
    out.push('}');
}

fn quote_element(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_follow_pg_prepare_value() {
        let nested = Value::Array(vec![
            Value::Int(1),
            Value::from("a"),
            Value::Null,
            Value::Array(vec![Value::Int(2)]),
            Value::Bytes(vec![0xab]),
            Value::from("q\"\\"),
        ]);
        assert_eq!(param_text(&nested).unwrap(), r#"{"1","a",NULL,{"2"},\\xab,"q\"\\"}"#);
        assert_eq!(param_text(&Value::Json(serde_json::json!({"a": [1, 2]}))).unwrap(), r#"{"a":[1,2]}"#);
        assert_eq!(param_text(&Value::Json(serde_json::json!([1, "x", null]))).unwrap(), r#"{"1","x",NULL}"#);
        assert_eq!(param_text(&Value::Float(f64::INFINITY)).unwrap(), "Infinity");
        assert_eq!(param_text(&Value::BigInt(9007199254740993)).unwrap(), "9007199254740993");
    }
}
