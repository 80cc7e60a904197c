use std::fmt::Write as _;

/// A value: a statement parameter as the driver will send it, or a value decoded from a row.
///
/// As a parameter, the variants mirror the JavaScript values drizzle hands to its drivers, so
/// that the same call chain yields the same `params` in both: `Int` and `Float` are JS numbers,
/// `BigInt` is a JS `BigInt` (drizzle's `bigint({ mode: 'bigint' })`), `Json` is a plain object
/// or array passed through untouched, `Array` is a JS array (for `sql.param([1, 2])`).
///
/// Decoded from a row (see [`decode_text`](crate::types::decode_text)), each PostgreSQL type
/// gets the variant that keeps all of its information: `int8` is `BigInt`, `numeric` is
/// `Numeric` (every digit kept), dates and times keep PostgreSQL's text in `Date`, `Timestamp`,
/// `Timestamptz` and `Interval`, geometric types are `Point`/`Circle`.
///
/// ```
/// use edgepg::Value;
/// assert_eq!(Value::from(5), Value::Int(5));
/// assert_eq!(Value::from("a"), Value::Text("a".into()));
/// assert_eq!(Value::from(None::<i32>), Value::Null);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// SQL `NULL` (JS `null`).
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integral JS number.
    Int(i64),
    /// A JS `BigInt`.
    BigInt(i64),
    /// A fractional JS number.
    Float(f64),
    /// A string.
    Text(String),
    /// Raw bytes (`bytea`).
    Bytes(Vec<u8>),
    /// A JSON document passed through as is (a JS plain object).
    Json(serde_json::Value),
    /// A JS array (elements encoded one by one by column encoders, or sent as a whole).
    Array(Vec<Value>),
    /// A `numeric` value, as PostgreSQL prints it (`"1.50"`, `"NaN"`).
    Numeric(String),
    /// A `date`, as PostgreSQL prints it (`"2024-01-31"`, `"infinity"`).
    Date(String),
    /// A `timestamp` (without time zone), as PostgreSQL prints it (`"2024-01-31 12:00:00.5"`).
    Timestamp(String),
    /// A `timestamptz`, as PostgreSQL prints it (`"2024-01-31 12:00:00+00"`).
    Timestamptz(String),
    /// An `interval`, as PostgreSQL prints it with `IntervalStyle=postgres` (`"1 day 02:00:00"`).
    Interval(String),
    /// A `point`.
    Point {
        /// x
        x: f64,
        /// y
        y: f64,
    },
    /// A `circle`.
    Circle {
        /// x of the centre
        x: f64,
        /// y of the centre
        y: f64,
        /// radius
        radius: f64,
    },
}

impl Value {
    /// `true` for [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as JSON, as `JSON.stringify` would see it (bytes become a hex string).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) | Value::BigInt(i) => J::from(*i),
            Value::Float(f) => json_f64(*f),
            Value::Text(s) => J::String(s.clone()),
            Value::Bytes(b) => J::String(hex(b)),
            Value::Json(j) => j.clone(),
            Value::Array(a) => J::Array(a.iter().map(Value::to_json).collect()),
            Value::Numeric(s) | Value::Date(s) | Value::Timestamp(s) | Value::Timestamptz(s) | Value::Interval(s) => {
                J::String(s.clone())
            }
            Value::Point { x, y } => J::Array(vec![json_f64(*x), json_f64(*y)]),
            Value::Circle { x, y, radius } => {
                serde_json::json!({ "x": json_f64(*x), "y": json_f64(*y), "radius": json_f64(*radius) })
            }
        }
    }

    /// `JSON.stringify(value)`: compact, with numbers printed as JavaScript prints them
    /// (`1`, not `1.0`).
    ///
    /// ```
    /// use edgepg::Value;
    /// assert_eq!(Value::from(vec![1.0, 2.5]).js_json(), "[1,2.5]");
    /// ```
    pub fn js_json(&self) -> String {
        let mut out = String::new();
        write_js_json(&self.to_json(), &mut out);
        out
    }

    /// `String(value)` in JavaScript: how drizzle turns a number into text for `numeric`
    /// columns and array literals.
    pub fn js_string(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) | Value::BigInt(i) => i.to_string(),
            Value::Float(f) => js_number(*f),
            Value::Text(s) => s.clone(),
            Value::Bytes(b) => hex(b),
            Value::Json(serde_json::Value::Array(a)) => {
                a.iter().map(|v| Value::Json(v.clone()).js_string()).collect::<Vec<_>>().join(",")
            }
            Value::Json(serde_json::Value::String(s)) => s.clone(),
            Value::Json(serde_json::Value::Object(_)) => "[object Object]".into(),
            Value::Json(j) => j.to_string(),
            Value::Array(a) => a.iter().map(Value::js_string).collect::<Vec<_>>().join(","),
            Value::Numeric(s) | Value::Date(s) | Value::Timestamp(s) | Value::Timestamptz(s) | Value::Interval(s) => {
                s.clone()
            }
            Value::Point { x, y } => format!("({},{})", js_number(*x), js_number(*y)),
            Value::Circle { x, y, radius } => format!("<({},{}),{}>", js_number(*x), js_number(*y), js_number(*radius)),
        }
    }
}

fn json_f64(f: f64) -> serde_json::Value {
    serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

fn write_js_json(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value as J;
    match v {
        J::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            (_, _, Some(f)) => out.push_str(&js_number(f)),
            _ => out.push_str("null"),
        },
        J::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_js_json(x, out);
            }
            out.push(']');
        }
        J::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&J::String(k.clone()).to_string());
                out.push(':');
                write_js_json(x, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn hex(b: &[u8]) -> String {
    hex_with_prefix(b, "\\x")
}

/// `prefix` followed by the bytes in lower-case hex (`\x4142` for `bytea`, `{"$bytes": "4142"}`).
pub fn hex_with_prefix(b: &[u8], prefix: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + b.len() * 2);
    s.push_str(prefix);
    for byte in b {
        let _ = write!(s, "{byte:02x}");
    }
    s
}

/// `Number.prototype.toString()`: integers print without a fraction, exponents appear below
/// 1e-6 and from 1e21 on, with an explicit `+`; `NaN`, `Infinity`, `-Infinity`; `-0` is `0`.
pub fn js_number(f: f64) -> String {
    ryu_js::Buffer::new().format(f).to_owned()
}

/// A number as a parameter's text: [`js_number`], except that -0 stays `-0` (JS's `String(-0)`,
/// what drizzle sends, is `0`: a float column would lose the sign).
pub(crate) fn param_number(f: f64) -> String {
    if f == 0.0 && f.is_sign_negative() {
        "-0".into()
    } else {
        js_number(f)
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self { Value::Int(i64::from(v)) }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl From<f32> for Value {
    fn from(v: f32) -> Self {
        Value::Float(f64::from(v))
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        Value::Json(v)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Self {
        Value::Array(v.into_iter().map(Into::into).collect())
    }
}
impl From<(f64, f64)> for Value {
    fn from((x, y): (f64, f64)) -> Self {
        Value::Array(vec![Value::Float(x), Value::Float(y)])
    }
}
impl From<(f64, f64, f64)> for Value {
    fn from((a, b, c): (f64, f64, f64)) -> Self {
        Value::Array(vec![Value::Float(a), Value::Float(b), Value::Float(c)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_number_matches_javascript() {
        assert_eq!(js_number(1.0), "1");
        assert_eq!(js_number(1.5), "1.5");
        assert_eq!(js_number(-0.25), "-0.25");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1.5e-7), "1.5e-7");
        assert_eq!(js_number(123456789012.0), "123456789012");
        assert_eq!(js_number(f64::NAN), "NaN");
        assert_eq!(js_number(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(js_number(-0.0), "0");
        assert_eq!(js_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(js_number(1e-6), "0.000001");
        assert_eq!(js_number(123e-20), "1.23e-18");
        assert_eq!(js_number(2f64.powi(70)), "1.1805916207174113e+21");
        assert_eq!(js_number(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(js_number(5e-324), "5e-324");
    }

    #[test]
    fn js_string_of_arrays_joins_with_commas() {
        assert_eq!(Value::from(vec![1, 2]).js_string(), "1,2");
        assert_eq!(Value::Bytes(vec![0xde, 0xad]).js_string(), "\\xdead");
    }
}
