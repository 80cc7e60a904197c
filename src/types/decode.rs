//! Decoding PostgreSQL's text output into [`Value`]s.
//!
//! Neon's SQL-over-HTTP endpoint (in the raw text mode the JS driver uses) returns every non-null
//! value as the text PostgreSQL's output function prints, together with the column's type OID.
//! [`decode_text`] turns that text into the [`Value`] variant that keeps all of its information;
//! [`js_value`](crate::types::js_value) then says what `@neondatabase/serverless` (pg-types 2.2)
//! would hand to JavaScript for it.
//!
//! The set of types with a dedicated decoding, and the array literal, bytea and boolean rules, are
//! those of pg-types 2.2.0 (`lib/textParsers.js`), postgres-array 2.0.0 and postgres-bytea 1.0.0.
//! Every other type (text, varchar, uuid, money, inet, enums, ranges, unknown OIDs) is
//! [`Value::Text`], exactly as PostgreSQL printed it.

mod array;
mod bytea;
pub use bytea::hex_digit;
mod json;

use super::Value;
use crate::{Error, Result};

/// Type OIDs of the built-in PostgreSQL types (`pg_type.oid`), as found in a field's
/// `dataTypeID`.
///
/// ```
/// use edgepg::types::{decode_text, oid};
/// assert_eq!(decode_text(oid::INT4, "42")?, edgepg::Value::Int(42));
/// # Ok::<(), edgepg::Error>(())
/// ```
pub mod oid {
    /// `bool`
    pub const BOOL: u32 = 16;
    /// `bytea`
    pub const BYTEA: u32 = 17;
    /// `"char"` (the one-byte type)
    pub const CHAR: u32 = 18;
    /// `name`
    pub const NAME: u32 = 19;
    /// `int8` / `bigint`
    pub const INT8: u32 = 20;
    /// `int2` / `smallint`
    pub const INT2: u32 = 21;
    /// `int2vector`
    pub const INT2VECTOR: u32 = 22;
    /// `int4` / `integer`
    pub const INT4: u32 = 23;
    /// `regproc`
    pub const REGPROC: u32 = 24;
    /// `text`
    pub const TEXT: u32 = 25;
    /// `oid`
    pub const OID: u32 = 26;
    /// `oidvector`
    pub const OIDVECTOR: u32 = 30;
    /// `json`
    pub const JSON: u32 = 114;
    /// `xml`
    pub const XML: u32 = 142;
    /// `json[]`
    pub const JSON_ARRAY: u32 = 199;
    /// `point`
    pub const POINT: u32 = 600;
    /// `lseg`
    pub const LSEG: u32 = 601;
    /// `path`
    pub const PATH: u32 = 602;
    /// `box`
    pub const BOX: u32 = 603;
    /// `polygon`
    pub const POLYGON: u32 = 604;
    /// `line`
    pub const LINE: u32 = 628;
    /// `cidr`
    pub const CIDR: u32 = 650;
    /// `cidr[]`
    pub const CIDR_ARRAY: u32 = 651;
    /// `float4` / `real`
    pub const FLOAT4: u32 = 700;
    /// `float8` / `double precision`
    pub const FLOAT8: u32 = 701;
    /// `circle`
    pub const CIRCLE: u32 = 718;
    /// `money`
    pub const MONEY: u32 = 790;
    /// `money[]`
    pub const MONEY_ARRAY: u32 = 791;
    /// `macaddr`
    pub const MACADDR: u32 = 829;
    /// `inet`
    pub const INET: u32 = 869;
    /// `bool[]`
    pub const BOOL_ARRAY: u32 = 1000;
    /// `bytea[]`
    pub const BYTEA_ARRAY: u32 = 1001;
    /// `"char"[]`
    pub const CHAR_ARRAY: u32 = 1002;
    /// `name[]`
    pub const NAME_ARRAY: u32 = 1003;
    /// `int2[]`
    pub const INT2_ARRAY: u32 = 1005;
    /// `int4[]`
    pub const INT4_ARRAY: u32 = 1007;
    /// `regproc[]`
    pub const REGPROC_ARRAY: u32 = 1008;
    /// `text[]`
    pub const TEXT_ARRAY: u32 = 1009;
    /// `bpchar[]` (`char(n)[]`)
    pub const BPCHAR_ARRAY: u32 = 1014;
    /// `varchar[]`
    pub const VARCHAR_ARRAY: u32 = 1015;
    /// `int8[]`
    pub const INT8_ARRAY: u32 = 1016;
    /// `point[]`
    pub const POINT_ARRAY: u32 = 1017;
    /// `float4[]`
    pub const FLOAT4_ARRAY: u32 = 1021;
    /// `float8[]`
    pub const FLOAT8_ARRAY: u32 = 1022;
    /// `oid[]`
    pub const OID_ARRAY: u32 = 1028;
    /// `macaddr[]`
    pub const MACADDR_ARRAY: u32 = 1040;
    /// `inet[]`
    pub const INET_ARRAY: u32 = 1041;
    /// `bpchar` (`char(n)`)
    pub const BPCHAR: u32 = 1042;
    /// `varchar`
    pub const VARCHAR: u32 = 1043;
    /// `date`
    pub const DATE: u32 = 1082;
    /// `time`
    pub const TIME: u32 = 1083;
    /// `timestamp` (without time zone)
    pub const TIMESTAMP: u32 = 1114;
    /// `timestamp[]`
    pub const TIMESTAMP_ARRAY: u32 = 1115;
    /// `date[]`
    pub const DATE_ARRAY: u32 = 1182;
    /// `time[]`
    pub const TIME_ARRAY: u32 = 1183;
    /// `timestamptz`
    pub const TIMESTAMPTZ: u32 = 1184;
    /// `timestamptz[]`
    pub const TIMESTAMPTZ_ARRAY: u32 = 1185;
    /// `interval`
    pub const INTERVAL: u32 = 1186;
    /// `interval[]`
    pub const INTERVAL_ARRAY: u32 = 1187;
    /// `numeric[]`
    pub const NUMERIC_ARRAY: u32 = 1231;
    /// `timetz`
    pub const TIMETZ: u32 = 1266;
    /// `timetz[]`
    pub const TIMETZ_ARRAY: u32 = 1270;
    /// `bit`
    pub const BIT: u32 = 1560;
    /// `varbit`
    pub const VARBIT: u32 = 1562;
    /// `numeric`
    pub const NUMERIC: u32 = 1700;
    /// `regclass`
    pub const REGCLASS: u32 = 2205;
    /// `void` (printed as an empty string)
    pub const VOID: u32 = 2278;
    /// `uuid`
    pub const UUID: u32 = 2950;
    /// `uuid[]`
    pub const UUID_ARRAY: u32 = 2951;
    /// `tsvector`
    pub const TSVECTOR: u32 = 3614;
    /// `jsonb`
    pub const JSONB: u32 = 3802;
    /// `jsonb[]`
    pub const JSONB_ARRAY: u32 = 3807;
    /// `int4range`
    pub const INT4RANGE: u32 = 3904;
    /// `numrange`
    pub const NUMRANGE: u32 = 3906;
    /// `numrange[]`
    pub const NUMRANGE_ARRAY: u32 = 3907;
    /// `tsrange`
    pub const TSRANGE: u32 = 3908;
    /// `tstzrange`
    pub const TSTZRANGE: u32 = 3910;
    /// `daterange`
    pub const DATERANGE: u32 = 3912;
    /// `int8range`
    pub const INT8RANGE: u32 = 3926;
}

/// How the elements of an array type with a pg-types parser are decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Elem {
    Bool,
    Bytea,
    Int,
    BigInt,
    Float,
    Numeric,
    Date,
    Timestamp,
    Timestamptz,
    Interval,
    Json,
    Point,
    Text,
}

/// The element decoding of the array types pg-types 2.2 parses; `None` for every other type
/// (including arrays it does not know, such as `name[]`, which stay text).
fn array_element(type_oid: u32) -> Option<Elem> {
    use oid::*;
    Some(match type_oid {
        BOOL_ARRAY => Elem::Bool,
        BYTEA_ARRAY => Elem::Bytea,
        INT2_ARRAY | INT4_ARRAY | OID_ARRAY => Elem::Int,
        INT8_ARRAY => Elem::BigInt,
        FLOAT4_ARRAY | FLOAT8_ARRAY => Elem::Float,
        NUMERIC_ARRAY => Elem::Numeric,
        TIMESTAMP_ARRAY => Elem::Timestamp,
        DATE_ARRAY => Elem::Date,
        TIMESTAMPTZ_ARRAY => Elem::Timestamptz,
        INTERVAL_ARRAY => Elem::Interval,
        JSON_ARRAY | JSONB_ARRAY => Elem::Json,
        POINT_ARRAY => Elem::Point,
        CIDR_ARRAY | REGPROC_ARRAY | TEXT_ARRAY | BPCHAR_ARRAY | VARCHAR_ARRAY | MACADDR_ARRAY | INET_ARRAY
        | TIME_ARRAY | TIMETZ_ARRAY | UUID_ARRAY | MONEY_ARRAY | NUMRANGE_ARRAY => Elem::Text,
        _ => return None,
    })
}

/// Decodes one non-null value from PostgreSQL's text output, by the column's type OID.
///
/// | OID | Result |
/// |---|---|
/// | 16 `bool` | [`Value::Bool`]: `true` for `TRUE`, `t`, `true`, `y`, `yes`, `on`, `1` (pg-types' list), else `false` |
/// | 20 `int8` | [`Value::BigInt`] |
/// | 21, 23, 26 `int2`, `int4`, `oid` | [`Value::Int`] |
/// | 700, 701 `float4`, `float8` | [`Value::Float`] (`NaN`, `Infinity`, `-Infinity` included) |
/// | 1700 `numeric` | [`Value::Numeric`], the digits as printed |
/// | 1082, 1114, 1184 `date`, `timestamp`, `timestamptz` | [`Value::Date`], [`Value::Timestamp`], [`Value::Timestamptz`] holding the text |
/// | 1186 `interval` | [`Value::Interval`] holding the text |
/// | 17 `bytea` | [`Value::Bytes`], from the hex (`\x…`) or the escape format |
/// | 114, 3802 `json`, `jsonb` | [`Value::Json`], numbers read exactly as `JSON.parse` reads them |
/// | 600 `point`, 718 `circle` | [`Value::Point`], [`Value::Circle`] |
/// | the array types pg-types parses (see [`oid`]) | [`Value::Array`], nested for multi-dimensional arrays, `NULL` elements as [`Value::Null`], elements decoded as their scalar type (`numeric[]` elements are [`Value::Numeric`]; string arrays give [`Value::Text`]) |
/// | anything else (`text`, `varchar`, `time`, `uuid`, `money`, `inet`, enums, ranges, unknown OIDs) | [`Value::Text`], as printed |
///
/// Like pg-types, an empty text for an array type decodes to [`Value::Null`]. Integers, floats,
/// points, circles and JSON that do not parse, and unbalanced array literals, are an
/// [`Error::Decode`]. bytea follows postgres-bytea 1.0.0 (hex decoding stops at the first pair
/// that is not hex, as Node's `Buffer.from(s, 'hex')` does); the one escape-format input that
/// would make postgres-bytea loop forever (a lone `\` not followed by three octal digits) is an
/// error. JSON that `JSON.parse` accepts but a [`serde_json::Value`] cannot hold (a number beyond
/// the `f64` range, a lone surrogate `\ud800`) or that nests deeper than 128 levels is an error
/// too.
///
/// ```
/// use edgepg::types::{decode_text, oid};
/// use edgepg::Value;
/// assert_eq!(decode_text(oid::INT8, "9007199254740993")?, Value::BigInt(9007199254740993));
/// assert_eq!(decode_text(oid::NUMERIC, "1.50")?, Value::Numeric("1.50".into()));
/// assert_eq!(decode_text(oid::BYTEA, "\\xdead")?, Value::Bytes(vec![0xde, 0xad]));
/// assert_eq!(
///     decode_text(oid::INT4_ARRAY, "{{1,NULL},{3,4}}")?,
///     Value::Array(vec![
///         Value::Array(vec![Value::Int(1), Value::Null]),
///         Value::Array(vec![Value::Int(3), Value::Int(4)]),
///     ])
/// );
/// assert_eq!(decode_text(oid::TEXT_ARRAY, r#"{"a,b",NULL}"#)?, Value::Array(vec!["a,b".into(), Value::Null]));
/// assert!(decode_text(oid::INT4, "x").is_err());
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn decode_text(type_oid: u32, text: &str) -> Result<Value> {
    use oid::*;
    let fail = |message: String| Error::Decode { type_oid, message };
    Ok(match type_oid {
        BOOL => Value::Bool(parse_bool(text)),
        INT8 => Value::BigInt(parse_int(text).map_err(fail)?),
        INT2 | INT4 | OID => Value::Int(parse_int(text).map_err(fail)?),
        FLOAT4 | FLOAT8 => Value::Float(parse_float(text).map_err(fail)?),
        NUMERIC => Value::Numeric(text.to_owned()),
        DATE => Value::Date(text.to_owned()),
        TIMESTAMP => Value::Timestamp(text.to_owned()),
        TIMESTAMPTZ => Value::Timestamptz(text.to_owned()),
        INTERVAL => Value::Interval(text.to_owned()),
        BYTEA => Value::Bytes(bytea::decode(text).map_err(|m| fail(m.to_owned()))?),
        JSON | JSONB => Value::Json(parse_json(text).map_err(fail)?),
        POINT => parse_point(text).map(|(x, y)| Value::Point { x, y }).map_err(fail)?,
        CIRCLE => parse_circle(text).map(|(x, y, radius)| Value::Circle { x, y, radius }).map_err(fail)?,
        _ => match array_element(type_oid) {
            Some(_) if text.is_empty() => Value::Null,
            Some(elem) => array::parse(text, |s| decode_element(elem, s)).map_err(fail)?,
            None => Value::Text(text.to_owned()),
        },
    })
}

/// [`decode_text`] for a cell that may be SQL `NULL` (JSON `null` in Neon's rows).
///
/// ```
/// use edgepg::types::{decode_cell, oid};
/// use edgepg::Value;
/// assert_eq!(decode_cell(oid::INT4, None)?, Value::Null);
/// assert_eq!(decode_cell(oid::BOOL, Some("t"))?, Value::Bool(true));
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn decode_cell(type_oid: u32, cell: Option<&str>) -> Result<Value> {
    match cell {
        None => Ok(Value::Null),
        Some(text) => decode_text(type_oid, text),
    }
}

/// One array element (never `NULL`: the array parser handles those).
fn decode_element(elem: Elem, s: std::borrow::Cow<'_, str>) -> Result<Value, String> {
    let err = |m: String| format!("array element {:?}: {m}", s.as_ref());
    Ok(match elem {
        Elem::Bool => Value::Bool(parse_bool(&s)),
        Elem::Bytea => Value::Bytes(bytea::decode(&s).map_err(|m| err(m.to_owned()))?),
        Elem::Int => Value::Int(parse_int(&s).map_err(err)?),
        Elem::BigInt => Value::BigInt(parse_int(&s).map_err(err)?),
        Elem::Float => Value::Float(parse_float(&s).map_err(err)?),
        Elem::Point => parse_point(&s).map(|(x, y)| Value::Point { x, y }).map_err(err)?,
        Elem::Json => Value::Json(parse_json(&s).map_err(err)?),
        Elem::Numeric => Value::Numeric(s.into_owned()),
        Elem::Date => Value::Date(s.into_owned()),
        Elem::Timestamp => Value::Timestamp(s.into_owned()),
        Elem::Timestamptz => Value::Timestamptz(s.into_owned()),
        Elem::Interval => Value::Interval(s.into_owned()),
        Elem::Text => Value::Text(s.into_owned()),
    })
}

/// pg-types' `parseBool`.
fn parse_bool(s: &str) -> bool {
    matches!(s, "TRUE" | "t" | "true" | "y" | "yes" | "on" | "1")
}

fn parse_int(s: &str) -> Result<i64, String> {
    s.parse::<i64>().map_err(|e| format!("{s:?} is not an integer: {e}"))
}

/// PostgreSQL prints floats as Rust parses them (`1.5`, `1e+30`, `NaN`, `Infinity`, `-Infinity`).
fn parse_float(s: &str) -> Result<f64, String> {
    s.parse::<f64>().map_err(|e| format!("{s:?} is not a number: {e}"))
}

/// `JSON.parse`, numbers included (see [`json`]); a float beyond the `f64` range, a lone
/// surrogate escape and nesting deeper than 128 are errors here.
fn parse_json(s: &str) -> Result<serde_json::Value, String> {
    json::parse(s).map_err(|e| format!("invalid JSON: {e}"))
}

/// `(x,y)`
fn parse_point(s: &str) -> Result<(f64, f64), String> {
    let inner = s.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
    let (x, y) = inner.and_then(|r| r.split_once(',')).ok_or_else(|| format!("{s:?} is not a point"))?;
    Ok((parse_float(x)?, parse_float(y)?))
}

/// `<(x,y),r>`
fn parse_circle(s: &str) -> Result<(f64, f64, f64), String> {
    let bad = || format!("{s:?} is not a circle");
    let inner = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')).ok_or_else(bad)?;
    let close = inner.find(')').ok_or_else(bad)?;
    let (point, rest) = inner.split_at(close + 1);
    let radius = rest.strip_prefix(',').ok_or_else(bad)?;
    let (x, y) = parse_point(point)?;
    Ok((x, y, parse_float(radius)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(oid: u32, text: &str) -> Value {
        match decode_text(oid, text) {
            Ok(v) => v,
            Err(e) => panic!("{oid} {text:?}: {e}"),
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(d(oid::BOOL, "t"), Value::Bool(true));
        assert_eq!(d(oid::BOOL, "f"), Value::Bool(false));
        assert_eq!(d(oid::BOOL, "yes"), Value::Bool(true));
        assert_eq!(d(oid::BOOL, "T"), Value::Bool(false));
        assert_eq!(d(oid::INT8, "-9223372036854775808"), Value::BigInt(i64::MIN));
        assert_eq!(d(oid::OID, "4294967295"), Value::Int(4_294_967_295));
        assert!(matches!(d(oid::FLOAT8, "NaN"), Value::Float(f) if f.is_nan()));
        assert_eq!(d(oid::FLOAT4, "-Infinity"), Value::Float(f64::NEG_INFINITY));
        assert_eq!(d(oid::FLOAT8, "1e+30"), Value::Float(1e30));
        assert_eq!(d(oid::TIMESTAMPTZ, "2024-01-01 00:00:00+00"), Value::Timestamptz("2024-01-01 00:00:00+00".into()));
        assert_eq!(d(oid::TIME, "12:00:00"), Value::Text("12:00:00".into()));
        assert_eq!(d(oid::INTERVAL, "1 day"), Value::Interval("1 day".into()));
        assert_eq!(d(oid::UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".into());
        assert_eq!(d(oid::NAME_ARRAY, "{a,b}"), Value::Text("{a,b}".into()));
        assert_eq!(d(oid::JSONB, r#"{"a": [1, null]}"#), Value::Json(serde_json::json!({"a": [1, null]})));
    }

    #[test]
    fn geometry() {
        assert_eq!(d(oid::POINT, "(-1.5,2e+30)"), Value::Point { x: -1.5, y: 2e30 });
        assert_eq!(d(oid::CIRCLE, "<(1,-2),3.25>"), Value::Circle { x: 1.0, y: -2.0, radius: 3.25 });
        for bad in ["", "(1,2", "1,2)", "(1)", "(a,b)"] {
            assert!(decode_text(oid::POINT, bad).is_err(), "{bad}");
        }
        for bad in ["", "<(1,2)>", "<(1,2),>", "(1,2),3", "<(1,2)3>"] {
            assert!(decode_text(oid::CIRCLE, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn typed_arrays() {
        assert_eq!(
            d(oid::NUMERIC_ARRAY, "{1.50,NaN,NULL}"),
            Value::Array(vec![Value::Numeric("1.50".into()), Value::Numeric("NaN".into()), Value::Null])
        );
        assert_eq!(d(oid::INT8_ARRAY, "{1,-2}"), Value::Array(vec![Value::BigInt(1), Value::BigInt(-2)]));
        assert_eq!(d(oid::BOOL_ARRAY, "{t,f}"), Value::Array(vec![Value::Bool(true), Value::Bool(false)]));
        assert_eq!(d(oid::BYTEA_ARRAY, r#"{"\\x00ff"}"#), Value::Array(vec![Value::Bytes(vec![0, 255])]));
        assert_eq!(d(oid::POINT_ARRAY, r#"{"(1,2)"}"#), Value::Array(vec![Value::Point { x: 1.0, y: 2.0 }]));
        assert_eq!(
            d(oid::JSON_ARRAY, r#"{"{\"a\":1}"}"#),
            Value::Array(vec![Value::Json(serde_json::json!({"a": 1}))])
        );
        assert_eq!(d(oid::INT4_ARRAY, ""), Value::Null);
        let err = decode_text(oid::INT4_ARRAY, "{1,x}").unwrap_err();
        assert!(matches!(err, Error::Decode { type_oid: 1007, .. }), "{err}");
        assert!(decode_text(oid::INT4_ARRAY, "{1,2").is_err());
    }

    #[test]
    fn errors_name_the_oid() {
        let err = decode_text(oid::INT4, "12a").unwrap_err();
        assert!(matches!(&err, Error::Decode { type_oid: 23, message } if message.contains("12a")), "{err}");
        assert!(decode_text(oid::JSON, "{").is_err());
        assert!(decode_text(oid::FLOAT8, "").is_err());
    }

    #[test]
    fn cells() {
        assert_eq!(decode_cell(oid::TEXT, None).ok(), Some(Value::Null));
        assert_eq!(decode_cell(oid::TEXT, Some("")).ok(), Some(Value::Text(String::new())));
    }
}
