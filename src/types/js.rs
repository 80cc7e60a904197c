//! What `@neondatabase/serverless` hands to JavaScript for a decoded value.
//!
//! The driver parses every field with pg-types 2.2.0's default text parsers (through pg 8.8.0).
//! [`js_value`] computes the same result from a [`Value`] decoded by
//! [`decode_text`](super::decode_text), as a [`JsForm`]: a description of the JavaScript value
//! that a wasm binding can build without guessing (which numbers, which strings, which `Date`
//! to construct and how).

use super::datetime::{self, JsDate, PgDate};
use super::decode::oid;
use super::{js_number, Value};

/// A JavaScript value, as pg-types would produce it.
#[derive(Debug, Clone, PartialEq)]
pub enum JsForm {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (`NaN` and the infinities included).
    Number(f64),
    /// A string.
    String(String),
    /// A `Date`.
    Date(JsDate),
    /// A Node `Buffer` (a `Uint8Array` in a browser binding).
    Bytes(Vec<u8>),
    /// The result of `JSON.parse`. Numbers hold what a JS number can hold (integers beyond 2^53
    /// are rounded to the nearest double, as `JSON.parse` does). Object keys come in
    /// `serde_json`'s map order, not in the text's order.
    Json(serde_json::Value),
    /// A plain object with these own properties, in this order (`interval`, `point`, `circle`).
    Object(Vec<(&'static str, JsForm)>),
    /// An array.
    Array(Vec<JsForm>),
}

/// The value pg-types 2.2 returns to JavaScript for a field of type `type_oid` whose text
/// decoded to `value` (with [`decode_text`](super::decode_text)).
///
/// | Value | JavaScript |
/// |---|---|
/// | `Int`, `Float` | number |
/// | `BigInt` (`int8`, `int8[]` elements) | string |
/// | `Numeric` | string, but a number (`parseFloat`) inside `numeric[]` (OID 1231) |
/// | `Date`, `Timestamp`, `Timestamptz` | [`JsForm::Date`], or `±Infinity` for `infinity`, or `null` when postgres-date cannot parse it |
/// | `Interval` | object with the non-zero parts among `years`, `months`, `days`, `hours`, `minutes`, `seconds`, `milliseconds` (postgres-interval; the time parts share the time's sign, `milliseconds` keeps microseconds as a fraction) |
/// | `Point`, `Circle` | `{x, y}`, `{x, y, radius}` |
/// | `Bytes` | `Buffer` |
/// | `Json` | the parsed JSON |
/// | `Text`, `Bool`, `Null`, `Array` | string, boolean, `null`, array |
///
/// ```
/// use edgepg::types::{decode_text, js_value, oid, JsForm};
/// let v = decode_text(oid::NUMERIC_ARRAY, "{1.50,NULL}")?;
/// assert_eq!(js_value(oid::NUMERIC_ARRAY, &v), JsForm::Array(vec![JsForm::Number(1.5), JsForm::Null]));
/// let v = decode_text(oid::NUMERIC, "1.50")?;
/// assert_eq!(js_value(oid::NUMERIC, &v), JsForm::String("1.50".into()));
/// let v = decode_text(oid::INTERVAL, "1 day -00:00:01.5")?;
/// assert_eq!(
///     js_value(oid::INTERVAL, &v),
///     JsForm::Object(vec![("days", JsForm::Number(1.0)), ("seconds", JsForm::Number(-1.0)), ("milliseconds", JsForm::Number(-500.0))])
/// );
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn js_value(type_oid: u32, value: &Value) -> JsForm {
    form(value, type_oid == oid::NUMERIC_ARRAY)
}

fn form(value: &Value, numeric_as_number: bool) -> JsForm {
    match value {
        Value::Null => JsForm::Null,
        Value::Bool(b) => JsForm::Bool(*b),
        Value::Int(i) => JsForm::Number(*i as f64),
        Value::Float(f) => JsForm::Number(*f),
        Value::BigInt(i) => JsForm::String(i.to_string()),
        Value::Numeric(s) if numeric_as_number => JsForm::Number(parse_float(s)),
        Value::Text(s) | Value::Numeric(s) => JsForm::String(s.clone()),
        Value::Date(s) | Value::Timestamp(s) | Value::Timestamptz(s) => match datetime::parse_date(s) {
            PgDate::Infinite(f) => JsForm::Number(f),
            PgDate::Date(d) => JsForm::Date(d),
            PgDate::Null => JsForm::Null,
        },
        Value::Interval(s) => {
            JsForm::Object(datetime::parse_interval(s).into_iter().map(|(k, v)| (k, JsForm::Number(v))).collect())
        }
        Value::Bytes(b) => JsForm::Bytes(b.clone()),
        Value::Json(j) => JsForm::Json(js_json(j)),
        Value::Point { x, y } => JsForm::Object(vec![("x", JsForm::Number(*x)), ("y", JsForm::Number(*y))]),
        Value::Circle { x, y, radius } => JsForm::Object(vec![
            ("x", JsForm::Number(*x)),
            ("y", JsForm::Number(*y)),
            ("radius", JsForm::Number(*radius)),
        ]),
        Value::Array(items) => JsForm::Array(items.iter().map(|v| form(v, numeric_as_number)).collect()),
    }
}

/// JSON numbers as a JS number holds them: integers beyond ±2^53 become the nearest double.
fn js_json(j: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    const SAFE: u64 = 1 << 53;
    match j {
        J::Number(n) if n.as_u64().is_some_and(|u| u > SAFE) || n.as_i64().is_some_and(|i| i.unsigned_abs() > SAFE) => {
            n.as_f64().and_then(serde_json::Number::from_f64).map_or(J::Null, J::Number)
        }
        J::Array(a) => J::Array(a.iter().map(js_json).collect()),
        J::Object(o) => J::Object(o.iter().map(|(k, v)| (k.clone(), js_json(v))).collect()),
        other => other.clone(),
    }
}

/// JavaScript's `parseFloat`: the longest prefix (after leading white space) that is a decimal
/// literal or `Infinity`, else `NaN`.
pub(crate) fn parse_float(s: &str) -> f64 {
    let s = s.trim_start_matches(datetime::is_js_space);
    let b = s.as_bytes();
    let sign = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let body = s.get(sign..).unwrap_or("");
    if body.starts_with("Infinity") {
        return if b.first() == Some(&b'-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let digits = |from: usize| b.get(from..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    let int = digits(sign);
    let mut end = sign + int;
    let mut frac = 0;
    if b.get(end) == Some(&b'.') {
        frac = digits(end + 1);
        if int > 0 || frac > 0 {
            end += 1 + frac;
        }
    }
    if int == 0 && frac == 0 {
        return f64::NAN;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let exp_sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exp = digits(end + 1 + exp_sign);
        if exp > 0 {
            end += 1 + exp_sign + exp;
        }
    }
    s.get(..end).and_then(|p| p.parse::<f64>().ok()).unwrap_or(f64::NAN)
}

impl JsForm {
    /// The value as JSON that keeps what plain JSON would lose (the format of
    /// `tests/pgtypes/expected.json`): a `Date` is `{"$date": <epoch ms in a UTC runtime, or null
    /// when invalid>}`, bytes are `{"$bytes": "<lowercase hex>"}`, `NaN` and the infinities are
    /// `{"$number": "NaN" | "Infinity" | "-Infinity"}`. Numbers are written as JavaScript prints
    /// them (`1`, not `1.0`). Object keys follow `serde_json`'s map order.
    ///
    /// ```
    /// use edgepg::types::JsForm;
    /// use serde_json::json;
    /// let v = JsForm::Array(vec![JsForm::Number(1.0), JsForm::Number(f64::NAN), JsForm::Bytes(vec![0xab])]);
    /// assert_eq!(v.to_tagged_json(), json!([1, {"$number": "NaN"}, {"$bytes": "ab"}]));
    /// ```
    pub fn to_tagged_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            JsForm::Null => J::Null,
            JsForm::Bool(b) => J::Bool(*b),
            JsForm::Number(f) => tagged_number(*f),
            JsForm::String(s) => J::String(s.clone()),
            JsForm::Date(d) => {
                let ms = d.epoch_ms_in_utc();
                serde_json::json!({ "$date": if ms.is_nan() { J::Null } else { tagged_number(ms) } })
            }
            JsForm::Bytes(b) => {
                let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
                serde_json::json!({ "$bytes": hex })
            }
            JsForm::Json(j) => tagged_json(j),
            JsForm::Object(kv) => J::Object(kv.iter().map(|(k, v)| ((*k).to_owned(), v.to_tagged_json())).collect()),
            JsForm::Array(a) => J::Array(a.iter().map(JsForm::to_tagged_json).collect()),
        }
    }
}

/// A number as `JSON.stringify` writes it, read back exactly: integers (when they fit 64 bits)
/// as integers, everything else as the `f64` itself.
fn tagged_number(f: f64) -> serde_json::Value {
    if !f.is_finite() {
        return serde_json::json!({ "$number": js_number(f) });
    }
    let text = js_number(f);
    if !text.contains(['.', 'e']) {
        if let Ok(i) = text.parse::<i64>() {
            return i.into();
        }
        if let Ok(u) = text.parse::<u64>() {
            return u.into();
        }
    }
    serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

fn tagged_json(j: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match j {
        J::Number(n) => n.as_f64().map_or(J::Null, tagged_number),
        J::Array(a) => J::Array(a.iter().map(tagged_json).collect()),
        J::Object(o) => J::Object(o.iter().map(|(k, v)| (k.clone(), tagged_json(v))).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_float_like_javascript() {
        assert_eq!(parse_float("1.50"), 1.5);
        assert_eq!(parse_float(" -.5e1x"), -5.0);
        assert_eq!(parse_float("\u{2028}\t7"), 7.0);
        assert_eq!(parse_float("-Infinity"), f64::NEG_INFINITY);
        assert!(parse_float("NaN").is_nan());
        assert_eq!(parse_float("12345678901234567890.123"), 12_345_678_901_234_567_000.0);
        assert_eq!(parse_float("1."), 1.0);
        assert_eq!(parse_float(".5"), 0.5);
        assert_eq!(parse_float("1e"), 1.0);
        assert_eq!(parse_float("1e+"), 1.0);
        assert_eq!(parse_float("-0"), 0.0);
        assert!(parse_float("-0").is_sign_negative());
        assert_eq!(parse_float("+Infinityx"), f64::INFINITY);
        assert!(parse_float("").is_nan());
        assert!(parse_float(".").is_nan());
        assert!(parse_float("inf").is_nan());
        assert!(parse_float("e5").is_nan());
    }

    #[test]
    fn int8_is_a_string_and_key_order_is_pg_types() {
        assert_eq!(js_value(oid::INT8, &Value::BigInt(-5)), JsForm::String("-5".into()));
        let JsForm::Object(kv) = js_value(oid::CIRCLE, &Value::Circle { x: 1.0, y: 2.0, radius: 3.0 }) else {
            panic!("circle is an object")
        };
        assert_eq!(kv.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["x", "y", "radius"]);
    }

    #[test]
    fn json_numbers_are_doubles() {
        let v = Value::Json(serde_json::json!({"big": 12345678901234567890u64, "small": -9007199254740993i64}));
        let JsForm::Json(j) = js_value(oid::JSON, &v) else { panic!("json") };
        assert_eq!(j["big"].as_f64(), Some(12_345_678_901_234_567_000.0));
        assert_eq!(j["small"].as_f64(), Some(-9_007_199_254_740_992.0));
    }

    #[test]
    fn tagged_numbers() {
        let js = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
        assert_eq!(Some(tagged_number(1e21)), js("1e+21"));
        assert_eq!(Some(tagged_number(1e20)), js("100000000000000000000"));
        assert_eq!(Some(tagged_number(-0.0)), js("0"));
        assert!(tagged_number(3.0).is_u64());
        assert_eq!(tagged_number(f64::NEG_INFINITY), serde_json::json!({"$number": "-Infinity"}));
    }
}
