//! Column SQL types: drizzle's `getSQLType()` text and `mapToDriverValue` encoders.

use std::fmt;
use std::sync::Arc;

use super::enums::PgEnum;
use crate::types::{js_number, param_number, Value};

/// How a `bigint`/`bigserial` column is read on the JS side (drizzle's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IntMode {
    /// JS `number` (drizzle `mode: 'number'`). Parameters stay numbers.
    #[default]
    Number,
    /// JS `BigInt` (drizzle `mode: 'bigint'`). Parameters become [`Value::BigInt`].
    BigInt,
}

/// How a `numeric` column is read on the JS side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumericMode {
    /// Strings (the default): parameters are passed unchanged.
    #[default]
    String,
    /// JS numbers: parameters are sent as `String(value)`.
    Number,
    /// JS `BigInt`: parameters are sent as `String(value)`.
    BigInt,
}

/// `date`/`timestamp` mode: a JS `Date` or the raw string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateMode {
    /// JS `Date` objects; parameters must be ISO-8601 strings (`Date.toISOString()`).
    Date,
    /// Strings passed through unchanged.
    String,
}

/// `point` mode: `[x, y]` or `{ x, y }`; `line` mode: `[a, b, c]` or `{ a, b, c }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GeoMode {
    /// A tuple (JS array).
    #[default]
    Tuple,
    /// An object (`{x, y}` for points, `{a, b, c}` for lines).
    Object,
}

/// A user-supplied encoder for a custom column type (drizzle's `toDriver`).
pub type CustomEncoder = Arc<dyn Fn(&Value) -> Result<Value, String> + Send + Sync>;

/// A custom column type (drizzle's `customType`).
#[derive(Clone)]
pub struct CustomType {
    /// The SQL type name (`dataType()`), e.g. `citext`.
    pub data_type: String,
    /// Optional parameter encoder.
    pub to_driver: Option<CustomEncoder>,
}

impl fmt::Debug for CustomType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomType").field("data_type", &self.data_type).finish_non_exhaustive()
    }
}

impl PartialEq for CustomType {
    fn eq(&self, other: &Self) -> bool {
        self.data_type == other.data_type
    }
}

/// The SQL type of a column, with the options drizzle keeps for it.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum ColumnType {
    Integer,
    SmallInt,
    BigInt(IntMode),
    Serial,
    SmallSerial,
    BigSerial(IntMode),
    Numeric { precision: Option<u32>, scale: Option<u32>, mode: NumericMode },
    Real,
    DoublePrecision,
    Boolean,
    Text,
    Varchar { length: Option<u32> },
    Char { length: Option<u32> },
    Uuid,
    Json,
    Jsonb,
    Timestamp { precision: Option<u32>, with_timezone: bool, mode: DateMode },
    Date { mode: DateMode },
    Time { precision: Option<u32>, with_timezone: bool },
    Interval { fields: Option<String>, precision: Option<u32> },
    Inet,
    Cidr,
    MacAddr,
    MacAddr8,
    Point(GeoMode),
    Line(GeoMode),
    Vector(u32),
    HalfVec(u32),
    SparseVec(u32),
    Bit(u32),
    Array { base: Box<ColumnType>, size: Option<u32> },
    Enum(PgEnum),
    Custom(CustomType),
}

impl ColumnType {
    /// The SQL type exactly as drizzle's `getSQLType()` prints it.
    ///
    /// ```
    /// use edgepg::schema::{ColumnType, DateMode};
    /// let t = ColumnType::Timestamp { precision: Some(6), with_timezone: true, mode: DateMode::Date };
    /// assert_eq!(t.sql_type(), "timestamp (6) with time zone"); // drizzle's space quirk
    /// ```
    pub fn sql_type(&self) -> String {
        use ColumnType::*;
        let p = |p: &Option<u32>| p.map(|p| format!("({p})")).unwrap_or_default();
        let tz = |b: bool| if b { " with time zone" } else { "" };
        match self {
            Integer => "integer".into(),
            SmallInt => "smallint".into(),
            BigInt(_) => "bigint".into(),
            Serial => "serial".into(),
            SmallSerial => "smallserial".into(),
            BigSerial(_) => "bigserial".into(),
            Numeric { precision: Some(pr), scale: Some(s), .. } => format!("numeric({pr}, {s})"),
            Numeric { precision: Some(pr), .. } => format!("numeric({pr})"),
            Numeric { .. } => "numeric".into(),
            Real => "real".into(),
            DoublePrecision => "double precision".into(),
            Boolean => "boolean".into(),
            Text => "text".into(),
            Varchar { length } => format!("varchar{}", p(length)),
            Char { length } => format!("char{}", p(length)),
            Uuid => "uuid".into(),
            Json => "json".into(),
            Jsonb => "jsonb".into(),
            Timestamp { precision, with_timezone, mode: DateMode::Date } => {
                let pr = precision.map(|p| format!(" ({p})")).unwrap_or_default();
                format!("timestamp{pr}{}", tz(*with_timezone))
            }
            Timestamp { precision, with_timezone, .. } => {
                format!("timestamp{}{}", p(precision), tz(*with_timezone))
            }
            Date { .. } => "date".into(),
            Time { precision, with_timezone } => format!("time{}{}", p(precision), tz(*with_timezone)),
            Interval { fields, precision } => {
                let f = fields.as_deref().map(|f| format!(" {f}")).unwrap_or_default();
                let pr = precision.filter(|p| *p != 0).map(|p| format!("({p})")).unwrap_or_default();
                format!("interval{f}{pr}")
            }
            Inet => "inet".into(),
            Cidr => "cidr".into(),
            MacAddr => "macaddr".into(),
            MacAddr8 => "macaddr8".into(),
            Point(_) => "point".into(),
            Line(_) => "line".into(),
            Vector(d) => format!("vector({d})"),
            HalfVec(d) => format!("halfvec({d})"),
            SparseVec(d) => format!("sparsevec({d})"),
            Bit(d) => format!("bit({d})"),
            Array { base, size } => {
                format!("{}[{}]", base.sql_type(), size.map(|s| s.to_string()).unwrap_or_default())
            }
            Enum(e) => e.sql_name(),
            Custom(c) => c.data_type.clone(),
        }
    }

    /// drizzle's `columnType` class name (`PgInteger`, `PgTimestampString`, ...).
    pub fn class_name(&self) -> &'static str {
        use ColumnType::*;
        match self {
            Integer => "PgInteger",
            SmallInt => "PgSmallInt",
            BigInt(IntMode::Number) => "PgBigInt53",
            BigInt(IntMode::BigInt) => "PgBigInt64",
            Serial => "PgSerial",
            SmallSerial => "PgSmallSerial",
            BigSerial(IntMode::Number) => "PgBigSerial53",
            BigSerial(IntMode::BigInt) => "PgBigSerial64",
            Numeric { mode: NumericMode::String, .. } => "PgNumeric",
            Numeric { mode: NumericMode::Number, .. } => "PgNumericNumber",
            Numeric { mode: NumericMode::BigInt, .. } => "PgNumericBigInt",
            Real => "PgReal",
            DoublePrecision => "PgDoublePrecision",
            Boolean => "PgBoolean",
            Text => "PgText",
            Varchar { .. } => "PgVarchar",
            Char { .. } => "PgChar",
            Uuid => "PgUUID",
            Json => "PgJson",
            Jsonb => "PgJsonb",
            Timestamp { mode: DateMode::Date, .. } => "PgTimestamp",
            Timestamp { .. } => "PgTimestampString",
            Date { mode: DateMode::Date } => "PgDate",
            Date { .. } => "PgDateString",
            Time { .. } => "PgTime",
            Interval { .. } => "PgInterval",
            Inet => "PgInet",
            Cidr => "PgCidr",
            MacAddr => "PgMacaddr",
            MacAddr8 => "PgMacaddr8",
            Point(GeoMode::Tuple) => "PgPointTuple",
            Point(GeoMode::Object) => "PgPointObject",
            Line(GeoMode::Tuple) => "PgLine",
            Line(GeoMode::Object) => "PgLineABC",
            Vector(_) => "PgVector",
            HalfVec(_) => "PgHalfVector",
            SparseVec(_) => "PgSparseVector",
            Bit(_) => "PgBinaryVector",
            Array { .. } => "PgArray",
            Enum(_) => "PgEnumColumn",
            Custom(_) => "PgCustomColumn",
        }
    }

    /// The values an integer column accepts (`integer`/`serial`, `smallint`/`smallserial`): the
    /// one home of this check; the npm facade gets the bounds through a shape's plan. The third
    /// item names the type in the error message.
    pub fn int_range(&self) -> Option<(i64, i64, &'static str)> {
        use ColumnType::*;
        match self {
            Integer | Serial => Some((i64::from(i32::MIN), i64::from(i32::MAX), "integer")),
            SmallInt | SmallSerial => Some((i64::from(i16::MIN), i64::from(i16::MAX), "smallint")),
            BigInt(IntMode::Number) | BigSerial(IntMode::Number) => Some((i64::MIN, i64::MAX, "bigint")),
            _ => None,
        }
    }

    /// drizzle's `mapToDriverValue`: turns a bound value into what the driver receives.
    /// `Null` never reaches here (drizzle short-circuits it). Errors are plain messages; the
    /// caller adds the column name.
    pub(crate) fn encode(&self, v: &Value) -> Result<Value, String> {
        use ColumnType::*;
        if let Some((min, max, ty)) = self.int_range() {
            return match v {
                Value::Int(i) if *i < min || *i > max => Err(format!("{i} is out of range for type {ty}")),
                // a JS number that is not a whole number in range is refused here, before sending;
                // a whole one is sent as its exact digits (String(-2**63) would be
                // "-9223372036854776000", which PostgreSQL refuses)
                Value::Float(f) if !f.is_finite() || f.fract() != 0.0 => {
                    Err(format!("{} is not a whole number (type {ty})", js_number(*f)))
                }
                Value::Float(f) if *f < min as f64 || *f >= max as f64 + 1.0 => {
                    Err(format!("{} is out of range for type {ty}", js_number(*f)))
                }
                Value::Float(f) => Ok(Value::Int(*f as i64)),
                _ => Ok(v.clone()),
            };
        }
        match self {
            BigInt(IntMode::BigInt) | BigSerial(IntMode::BigInt) => match v {
                Value::Int(i) => Ok(Value::BigInt(*i)),
                other => Ok(other.clone()),
            },
            Numeric { mode: NumericMode::Number | NumericMode::BigInt, .. } => Ok(Value::Text(v.js_string())),
            Json | Jsonb => Ok(Value::Text(v.js_json())),
            Timestamp { mode: DateMode::Date, .. } | Date { mode: DateMode::Date } => match v {
                Value::Text(_) => Ok(v.clone()),
                other => Err(format!("expected an ISO-8601 date string, got {}", other.js_json())),
            },
            Point(mode) | Line(mode) => encode_geo(matches!(self, Point(_)), *mode, v),
            Vector(_) | HalfVec(_) => match v {
                Value::Array(_) | Value::Json(serde_json::Value::Array(_)) => Ok(Value::Text(v.js_json())),
                Value::Text(_) => Ok(v.clone()),
                other => Err(format!("expected an array of numbers, got {}", other.js_json())),
            },
            Array { base, .. } => encode_array(base, v, false),
            Custom(CustomType { to_driver: Some(f), .. }) => f(v),
            _ => Ok(v.clone()),
        }
    }
}

fn json_elems(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Array(a) => Some(a.clone()),
        Value::Json(serde_json::Value::Array(a)) => Some(a.iter().cloned().map(Value::Json).collect()),
        _ => None,
    }
}

fn encode_geo(point: bool, mode: GeoMode, v: &Value) -> Result<Value, String> {
    let keys: &[&str] = if point { &["x", "y"] } else { &["a", "b", "c"] };
    let parts: Vec<String> = match (mode, v) {
        (GeoMode::Object, Value::Json(serde_json::Value::Object(o))) => {
            keys.iter().map(|k| o.get(*k).map_or("undefined".into(), |x| Value::Json(x.clone()).js_string())).collect()
        }
        (GeoMode::Tuple, _) => match json_elems(v) {
            Some(a) if a.len() >= keys.len() => a[..keys.len()].iter().map(Value::js_string).collect(),
            _ => return Err(format!("expected an array of {} numbers, got {}", keys.len(), v.js_json())),
        },
        (GeoMode::Object, other) => {
            return Err(format!("expected an object with keys {}, got {}", keys.join(", "), other.js_json()))
        }
    };
    let body = parts.join(",");
    Ok(Value::Text(if point { format!("({body})") } else { format!("{{{body}}}") }))
}

/// `PgArray.mapToDriverValue` + `makePgArray`.
fn encode_array(base: &ColumnType, v: &Value, nested: bool) -> Result<Value, String> {
    let Some(items) = json_elems(v) else {
        return Err(format!("expected an array, got {}", v.js_json()));
    };
    let mut mapped = Vec::with_capacity(items.len());
    for item in &items {
        mapped.push(match item {
            Value::Null | Value::Json(serde_json::Value::Null) => Value::Null,
            _ => match base {
                ColumnType::Array { base: inner, .. } => encode_array(inner, item, true)?,
                _ => base.encode(item)?,
            },
        });
    }
    if nested {
        return Ok(Value::Array(mapped));
    }
    Ok(Value::Text(make_pg_array(&mapped)))
}

/// drizzle's `makePgArray`: `{1,2}`, `{"a","b"}`, nested `{{1,2},{3,4}}`.
pub(crate) fn make_pg_array(items: &[Value]) -> String {
    let mut out = String::from("{");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Value::Array(a) => out.push_str(&make_pg_array(a)),
            Value::Json(serde_json::Value::Array(a)) => {
                out.push_str(&make_pg_array(&a.iter().cloned().map(Value::Json).collect::<Vec<_>>()))
            }
            Value::Text(s) | Value::Json(serde_json::Value::String(s)) => {
                out.push('"');
                out.push_str(&s.replace('\\', "\\\\").replace('"', "\\\""));
                out.push('"');
            }
            Value::Float(f) => out.push_str(&param_number(*f)),
            other => out.push_str(&other.js_string()),
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_only_for_integer_columns() {
        let int = ColumnType::Integer;
        assert_eq!(int.encode(&Value::Float(3.0)).unwrap(), Value::Int(3));
        assert_eq!(int.encode(&Value::Float(1.5)).unwrap_err(), "1.5 is not a whole number (type integer)");
        assert_eq!(int.encode(&Value::Float(f64::NAN)).unwrap_err(), "NaN is not a whole number (type integer)");
        assert_eq!(
            int.encode(&Value::Float(f64::INFINITY)).unwrap_err(),
            "Infinity is not a whole number (type integer)"
        );
        assert_eq!(int.encode(&Value::Float(1e21)).unwrap_err(), "1e+21 is out of range for type integer");
        assert_eq!(int.encode(&Value::Float(2147483648.0)).unwrap_err(), "2147483648 is out of range for type integer");
        let big = ColumnType::BigInt(IntMode::Number);
        assert_eq!(big.encode(&Value::Float(-9223372036854775808.0)).unwrap(), Value::Int(i64::MIN));
        assert_eq!(
            big.encode(&Value::Float(9223372036854775808.0)).unwrap_err(),
            "9223372036854776000 is out of range for type bigint"
        );
        let arr = ColumnType::Array { base: Box::new(ColumnType::Integer), size: None };
        assert!(arr.encode(&Value::Array(vec![Value::Int(1), Value::Float(f64::NAN)])).is_err());
    }

    #[test]
    fn pg_array_literals() {
        let t = ColumnType::Array { base: Box::new(ColumnType::Text), size: None };
        assert_eq!(t.encode(&Value::from(vec!["x", "y\"z"])).unwrap(), Value::Text(r#"{"x","y\"z"}"#.into()));
        let i2 = ColumnType::Array {
            base: Box::new(ColumnType::Array { base: Box::new(ColumnType::Integer), size: None }),
            size: None,
        };
        let v = Value::from(vec![vec![1, 2], vec![3, 4]]);
        assert_eq!(i2.encode(&v).unwrap(), Value::Text("{{1,2},{3,4}}".into()));
        assert_eq!(i2.sql_type(), "integer[][]");
    }

    #[test]
    fn integer_range_is_checked() {
        assert!(ColumnType::Integer.encode(&Value::Int(1 << 40)).is_err());
        assert!(ColumnType::SmallInt.encode(&Value::Int(40_000)).is_err());
        assert_eq!(ColumnType::Integer.encode(&Value::Int(7)).unwrap(), Value::Int(7));
    }

    #[test]
    fn geometry_encoders() {
        let p = ColumnType::Point(GeoMode::Tuple).encode(&Value::from((1.0, 2.5))).unwrap();
        assert_eq!(p, Value::Text("(1,2.5)".into()));
        let l = ColumnType::Line(GeoMode::Object)
            .encode(&Value::Json(serde_json::json!({"a": 1, "b": 2, "c": 3})))
            .unwrap();
        assert_eq!(l, Value::Text("{1,2,3}".into()));
        assert!(ColumnType::Point(GeoMode::Tuple).encode(&Value::from("x")).is_err());
    }
}
