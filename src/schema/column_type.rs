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
        self.facts().class_name
    }

    /// Everything edgepg knows of this column type besides its SQL text ([`sql_type`](Self::sql_type)):
    /// ONE exhaustive table, so that a new column type does not compile until each fact is
    /// given (no catch-all anywhere reads a column type). An array column reads and nests as its
    /// base type does, element-wise.
    ///
    /// ```
    /// use edgepg::schema::{ColumnType, DateMode, ReadAs, WriteAs};
    /// let t = ColumnType::Timestamp { precision: None, with_timezone: true, mode: DateMode::Date };
    /// let f = t.facts();
    /// assert_eq!((f.class_name, f.read, f.write), ("PgTimestamp", ReadAs::Timestamptz, WriteAs::Iso));
    /// assert_eq!(f.read.js_tag(), "timestamptz");
    /// ```
    pub fn facts(&self) -> Facts {
        use ColumnType::*;
        use NestedAs::{Exact, Json as Plain, TimestampText};
        const I32: WriteAs = WriteAs::Int { min: i32::MIN as i64, max: i32::MAX as i64, ty: "integer" };
        const I16: WriteAs = WriteAs::Int { min: i16::MIN as i64, max: i16::MAX as i64, ty: "smallint" };
        const I64: WriteAs = WriteAs::Int { min: i64::MIN, max: i64::MAX, ty: "bigint" };
        let f = |class_name, read, write, nested| Facts { class_name, read, write, nested };
        let parsed = |class_name| f(class_name, ReadAs::Parsed, WriteAs::AsIs, Plain);
        match self {
            Integer => f("PgInteger", ReadAs::Int, I32, Plain),
            SmallInt => f("PgSmallInt", ReadAs::Int, I16, Plain),
            BigInt(IntMode::Number) => f("PgBigInt53", ReadAs::Number, I64, Exact),
            BigInt(IntMode::BigInt) => f("PgBigInt64", ReadAs::BigInt, WriteAs::BigInt, Exact),
            // drizzle's PgSerial and PgSmallSerial keep a string as it is (no parseInt)
            Serial => f("PgSerial", ReadAs::Parsed, I32, Plain),
            SmallSerial => f("PgSmallSerial", ReadAs::Parsed, I16, Plain),
            BigSerial(IntMode::Number) => f("PgBigSerial53", ReadAs::Number, I64, Exact),
            BigSerial(IntMode::BigInt) => f("PgBigSerial64", ReadAs::BigInt, WriteAs::BigInt, Exact),
            Numeric { mode: NumericMode::String, .. } => f("PgNumeric", ReadAs::String, WriteAs::AsIs, Exact),
            Numeric { mode: NumericMode::Number, .. } => f("PgNumericNumber", ReadAs::Number, WriteAs::Digits, Exact),
            Numeric { mode: NumericMode::BigInt, .. } => f("PgNumericBigInt", ReadAs::BigInt, WriteAs::Digits, Exact),
            Real => f("PgReal", ReadAs::Float, WriteAs::AsIs, Plain),
            DoublePrecision => f("PgDoublePrecision", ReadAs::Float, WriteAs::AsIs, Plain),
            Boolean => parsed("PgBoolean"),
            Text => parsed("PgText"),
            Varchar { .. } => parsed("PgVarchar"),
            Char { .. } => parsed("PgChar"),
            Uuid => parsed("PgUUID"),
            Json => f("PgJson", ReadAs::Json, WriteAs::Json, Plain),
            Jsonb => f("PgJsonb", ReadAs::Json, WriteAs::Json, Plain),
            Timestamp { mode: DateMode::Date, with_timezone: true, .. } => {
                f("PgTimestamp", ReadAs::Timestamptz, WriteAs::Iso, Plain)
            }
            Timestamp { mode: DateMode::Date, with_timezone: false, .. } => {
                f("PgTimestamp", ReadAs::Timestamp, WriteAs::Iso, Plain)
            }
            Timestamp { mode: DateMode::String, .. } => {
                f("PgTimestampString", ReadAs::Parsed, WriteAs::AsIs, TimestampText)
            }
            Date { mode: DateMode::Date } => f("PgDate", ReadAs::Day, WriteAs::Iso, Plain),
            Date { mode: DateMode::String } => parsed("PgDateString"),
            Time { .. } => parsed("PgTime"),
            Interval { .. } => parsed("PgInterval"),
            Inet => parsed("PgInet"),
            Cidr => parsed("PgCidr"),
            MacAddr => parsed("PgMacaddr"),
            MacAddr8 => parsed("PgMacaddr8"),
            Point(m) => {
                let class = if *m == GeoMode::Tuple { "PgPointTuple" } else { "PgPointObject" };
                f(class, ReadAs::Point(*m), WriteAs::Point(*m), Plain)
            }
            Line(m) => {
                let class = if *m == GeoMode::Tuple { "PgLine" } else { "PgLineABC" };
                f(class, ReadAs::Line(*m), WriteAs::Line(*m), Plain)
            }
            Vector(_) => f("PgVector", ReadAs::Vector, WriteAs::Vector, Plain),
            HalfVec(_) => f("PgHalfVector", ReadAs::Vector, WriteAs::Vector, Plain),
            SparseVec(_) => parsed("PgSparseVector"),
            Bit(_) => parsed("PgBinaryVector"),
            Array { base, .. } => {
                let b = base.facts();
                f("PgArray", b.read, WriteAs::Array, b.nested)
            }
            Enum(_) => parsed("PgEnumColumn"),
            Custom(c) => f("PgCustomColumn", ReadAs::Custom, WriteAs::Custom, NestedAs::of_custom(&c.data_type)),
        }
    }

    /// The innermost element type of an array column (the column type itself otherwise).
    pub fn base_type(&self) -> &ColumnType {
        match self {
            ColumnType::Array { base, .. } => base.base_type(),
            other => other,
        }
    }

    /// The values an integer column accepts (`integer`/`serial`, `smallint`/`smallserial`,
    /// `bigint` in number mode) and the type's name for the error message: its
    /// [`WriteAs::Int`] fact; the npm facade gets the bounds through a shape's plan.
    pub fn int_range(&self) -> Option<(i64, i64, &'static str)> {
        match self.facts().write {
            WriteAs::Int { min, max, ty } => Some((min, max, ty)),
            _ => None,
        }
    }

    /// drizzle's `mapToDriverValue`: turns a bound value into what the driver receives, as the
    /// type's [`WriteAs`] fact says. `Null` never reaches here (drizzle short-circuits it).
    /// Errors are plain messages; the caller adds the column name.
    pub(crate) fn encode(&self, v: &Value) -> Result<Value, String> {
        match self.facts().write {
            WriteAs::AsIs => Ok(v.clone()),
            WriteAs::Int { min, max, ty } => match v {
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
            },
            WriteAs::BigInt => match v {
                Value::Int(i) => Ok(Value::BigInt(*i)),
                other => Ok(other.clone()),
            },
            WriteAs::Digits => Ok(Value::Text(v.js_string())),
            WriteAs::Json => Ok(Value::Text(v.js_json())),
            WriteAs::Iso => match v {
                Value::Text(_) => Ok(v.clone()),
                other => Err(format!("expected an ISO-8601 date string, got {}", other.js_json())),
            },
            WriteAs::Point(mode) => encode_geo(true, mode, v),
            WriteAs::Line(mode) => encode_geo(false, mode, v),
            WriteAs::Vector => match v {
                Value::Array(_) | Value::Json(serde_json::Value::Array(_)) => Ok(Value::Text(v.js_json())),
                Value::Text(_) => Ok(v.clone()),
                other => Err(format!("expected an array of numbers, got {}", other.js_json())),
            },
            WriteAs::Array => match self {
                ColumnType::Array { base, .. } => encode_array(base, v, false),
                _ => Ok(v.clone()),
            },
            WriteAs::Custom => match self {
                ColumnType::Custom(CustomType { to_driver: Some(f), .. }) => f(v),
                _ => Ok(v.clone()),
            },
        }
    }
}

/// What edgepg knows of a column type (see [`ColumnType::facts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// drizzle's `columnType` class name.
    pub class_name: &'static str,
    /// How its values come back (drizzle's `mapFromDriverValue`).
    pub read: ReadAs,
    /// How its values are sent (drizzle's `mapToDriverValue`).
    pub write: WriteAs,
    /// How its values read inside a relational query's JSON.
    pub nested: NestedAs,
}

/// How a column's values come back, after the cell's OID parser: drizzle's `mapFromDriverValue`
/// of the column's class. The Rust row mapper and the npm facade's `rows.js` (which gets
/// [`js_tag`](ReadAs::js_tag) from wasm) both switch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// As the OID parser gives it (text, booleans, uuid, time, interval, enums, …).
    Parsed,
    /// `Number.parseInt` of a string (integer, smallint).
    Int,
    /// `Number(value)` (bigint in number mode, numeric in number mode).
    Number,
    /// `BigInt(value)` (bigint and numeric in bigint mode).
    BigInt,
    /// `String(value)` (numeric in its default mode).
    String,
    /// A float's text as a number (real, double precision).
    Float,
    /// `JSON.parse` of a string (json, jsonb).
    Json,
    /// A `Date` of a timestamp without time zone, read as UTC.
    Timestamp,
    /// A `Date` of a timestamp with time zone.
    Timestamptz,
    /// A `Date` of a `date` (mode `date`).
    Day,
    /// `[x, y]` or `{x, y}`.
    Point(GeoMode),
    /// `[a, b, c]` or `{a, b, c}`.
    Line(GeoMode),
    /// An array of numbers from `[1,2,3]` text (vector, halfvec).
    Vector,
    /// The custom type's own `fromDriver`.
    Custom,
}

impl ReadAs {
    /// The name `rows.js` knows this decoder by.
    pub fn js_tag(self) -> &'static str {
        match self {
            ReadAs::Parsed => "parsed",
            ReadAs::Int => "int",
            ReadAs::Number => "number",
            ReadAs::BigInt => "bigint",
            ReadAs::String => "string",
            ReadAs::Float => "float",
            ReadAs::Json => "json",
            ReadAs::Timestamp => "timestamp",
            ReadAs::Timestamptz => "timestamptz",
            ReadAs::Day => "day",
            ReadAs::Point(GeoMode::Tuple) => "pointTuple",
            ReadAs::Point(GeoMode::Object) => "pointObject",
            ReadAs::Line(GeoMode::Tuple) => "lineTuple",
            ReadAs::Line(GeoMode::Object) => "lineObject",
            ReadAs::Vector => "vector",
            ReadAs::Custom => "custom",
        }
    }
}

/// How a column's values are sent: drizzle's `mapToDriverValue` (in wasm for statements, and in
/// the facade's `PgColumn.mapToDriverValue`, which gets [`js_tag`](WriteAs::js_tag)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteAs {
    /// As given.
    AsIs,
    /// A whole number in `min..=max`, checked before sending (`ty` names the type in the error).
    Int {
        /// The smallest value accepted.
        min: i64,
        /// The largest value accepted.
        max: i64,
        /// The SQL type named in the error.
        ty: &'static str,
    },
    /// A JS number becomes a `BigInt` parameter.
    BigInt,
    /// `String(value)` (numeric in number or bigint mode).
    Digits,
    /// `JSON.stringify(value)`.
    Json,
    /// A `Date` as its ISO-8601 text (timestamp and date in mode `date`).
    Iso,
    /// `(x,y)` from `[x, y]` or `{x, y}`.
    Point(GeoMode),
    /// `{a,b,c}` from `[a, b, c]` or `{a, b, c}`.
    Line(GeoMode),
    /// An array of numbers as its JSON text.
    Vector,
    /// PostgreSQL's array text, each element as the base type writes it.
    Array,
    /// The custom type's own `toDriver`.
    Custom,
}

impl WriteAs {
    /// The name the facade's `mapToDriverValue` knows this encoder by.
    pub fn js_tag(self) -> &'static str {
        match self {
            WriteAs::AsIs => "asIs",
            WriteAs::Int { .. } => "int",
            WriteAs::BigInt => "bigint",
            WriteAs::Digits => "digits",
            WriteAs::Json => "json",
            WriteAs::Iso => "iso",
            WriteAs::Point(GeoMode::Tuple) => "pointTuple",
            WriteAs::Point(GeoMode::Object) => "pointObject",
            WriteAs::Line(GeoMode::Tuple) => "lineTuple",
            WriteAs::Line(GeoMode::Object) => "lineObject",
            WriteAs::Vector => "vector",
            WriteAs::Array => "array",
            WriteAs::Custom => "custom",
        }
    }
}

/// How a column's values read inside a relational query's JSON (`json_agg` of nested rows),
/// before its [`ReadAs`] decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NestedAs {
    /// As JSON gives it.
    Json,
    /// Numbers kept as their exact text (numeric, bigint: JSON numbers would round).
    Exact,
    /// A timestamp's JSON text (`2024-01-02T03:04:05`) back in PostgreSQL's text form.
    TimestampText,
    /// `bytea`'s `\x…` text as bytes.
    ByteA,
}

impl NestedAs {
    /// The name `rows.js` knows this form by.
    pub fn js_tag(self) -> &'static str {
        match self {
            NestedAs::Json => "json",
            NestedAs::Exact => "exact",
            NestedAs::TimestampText => "timestampText",
            NestedAs::ByteA => "bytea",
        }
    }

    /// A custom type's nested form, by its SQL type (`timestamp…`, `timestamptz…`, `bytea`).
    fn of_custom(data_type: &str) -> NestedAs {
        let t = data_type.trim().to_ascii_lowercase();
        let after =
            |p: &str| t.strip_prefix(p).map(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
        if after("timestamptz") == Some(true) || after("timestamp") == Some(true) {
            NestedAs::TimestampText
        } else if t == "bytea" {
            NestedAs::ByteA
        } else {
            NestedAs::Json
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

    /// One of every column type and mode.
    fn every_type() -> Vec<ColumnType> {
        use ColumnType::*;
        let mut all =
            vec![Integer, SmallInt, Serial, SmallSerial, Real, DoublePrecision, Boolean, Text, Uuid, Json, Jsonb];
        for m in [IntMode::Number, IntMode::BigInt] {
            all.extend([BigInt(m), BigSerial(m)]);
        }
        for mode in [NumericMode::String, NumericMode::Number, NumericMode::BigInt] {
            all.push(Numeric { precision: None, scale: None, mode });
        }
        for mode in [DateMode::Date, DateMode::String] {
            for with_timezone in [false, true] {
                all.push(Timestamp { precision: None, with_timezone, mode });
            }
            all.push(Date { mode });
        }
        for m in [GeoMode::Tuple, GeoMode::Object] {
            all.extend([Point(m), Line(m)]);
        }
        all.extend([
            Varchar { length: None },
            Char { length: None },
            Time { precision: None, with_timezone: false },
            Interval { fields: None, precision: None },
            Inet,
            Cidr,
            MacAddr,
            MacAddr8,
            Vector(3),
            HalfVec(3),
            SparseVec(3),
            Bit(3),
            Enum(crate::schema::pg_enum("e", ["a"])),
            Custom(CustomType { data_type: "citext".into(), to_driver: None }),
            Custom(CustomType { data_type: "timestamp(3) with time zone".into(), to_driver: None }),
            Custom(CustomType { data_type: "bytea".into(), to_driver: None }),
            Array { base: Box::new(Point(GeoMode::Object)), size: None },
        ]);
        all
    }

    /// The facade switches on the facts' tags (rows.js, pg-core.js) and throws on one it does
    /// not know: each tag a column type can have is a case there.
    #[test]
    fn the_facade_knows_every_fact_tag() {
        let src =
            |f: &str| std::fs::read_to_string(format!("{}/pkg-template/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let (rows, pg_core) = (src("rows.js"), src("pg-core.js"));
        let mut seen = std::collections::BTreeSet::new();
        for t in every_type() {
            let f = t.facts();
            assert!(!f.class_name.is_empty());
            for (tag, file, name) in [(f.read.js_tag(), &rows, "rows.js"), (f.nested.js_tag(), &rows, "rows.js")]
                .into_iter()
                .chain((f.write != WriteAs::Array).then_some((f.write.js_tag(), &pg_core, "pg-core.js")))
            {
                assert!(file.contains(&format!("case '{tag}':")), "{name} has no case for {tag:?} ({t:?})");
                seen.insert(tag);
            }
        }
        assert!(seen.len() >= 20, "{seen:?}");
        assert_eq!(ColumnType::Serial.facts().read, ReadAs::Parsed, "drizzle's PgSerial has no mapFromDriverValue");
        let custom_ts = ColumnType::Custom(CustomType { data_type: " TimestampTZ ".into(), to_driver: None });
        assert_eq!(custom_ts.facts().nested, NestedAs::TimestampText);
        let custom_other = ColumnType::Custom(CustomType { data_type: "timestamps".into(), to_driver: None });
        assert_eq!(custom_other.facts().nested, NestedAs::Json);
        let arr = ColumnType::Array {
            base: Box::new(ColumnType::Numeric { precision: None, scale: None, mode: NumericMode::Number }),
            size: None,
        };
        assert_eq!(
            (arr.facts().read, arr.facts().write, arr.facts().nested),
            (ReadAs::Number, WriteAs::Array, NestedAs::Exact)
        );
        assert_eq!(arr.base_type().facts().write, WriteAs::Digits);
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
