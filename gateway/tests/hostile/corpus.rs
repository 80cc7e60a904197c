//! The corpus of `tests/hostile/corpus.json` on the Rust side: its value encodings, its columns
//! as column builders, its outcomes, and how a value decoded by the Rust driver compares with
//! the JS value a case expects.

use edgepg::pg::*;
use edgepg::Value;
use serde_json::{Map, Value as Json};

/// The corpus, read from the file both suites share.
pub fn corpus() -> Json {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/hostile/corpus.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ------------------------------------------------------------------ the corpus's encodings

/// What a corpus value stands for on the JS side (`format.value` in corpus.json).
#[derive(Debug, Clone)]
pub enum Js {
    Null,
    Bool(bool),
    Num(f64),
    /// A JS `BigInt`, in decimal.
    Big(String),
    Str(String),
    /// A JS `Date` as its `toISOString()`; `None` is an Invalid Date.
    Date(Option<String>),
    Bytes(Vec<u8>),
    Arr(Vec<Js>),
    /// A json column's document.
    Json(Json),
    /// Something no Rust value can hold (a lone surrogate, NaN in a JSON document, …).
    Foreign(String),
}

/// A corpus value as what it stands for.
pub fn decode(j: &Json) -> Js {
    match j {
        Json::Null => Js::Null,
        Json::Bool(b) => Js::Bool(*b),
        Json::Number(n) => Js::Num(n.as_f64().expect("a number")),
        Json::String(s) => Js::Str(s.clone()),
        Json::Array(a) => Js::Arr(a.iter().map(decode).collect()),
        Json::Object(o) => {
            let (k, a) = single(o).unwrap_or_else(|| panic!("corpus: a plain object outside $json: {j}"));
            match k {
                "$number" => Js::Num(number(a)),
                "$bigint" => Js::Big(a.as_str().expect("$bigint text").to_string()),
                "$date" => {
                    Js::Date(Some(a.as_str().expect("$date text")).filter(|s| *s != "Invalid").map(String::from))
                }
                "$bytes" => Js::Bytes(hex(a.as_str().expect("$bytes hex"))),
                "$bytesCycle" => Js::Bytes((0..count(a)).map(|i| (i % 256) as u8).collect()),
                "$fill" => Js::Arr(vec![decode(&a[0]); count(&a[1])]),
                "$json" => json_doc(a).map_or_else(Js::Foreign, Js::Json),
                "$toJSON" => Js::Foreign("an object with toJSON()".into()),
                _ => string_of(j).map_or_else(Js::Foreign, Js::Str),
            }
        }
    }
}

/// The single `$key` of an encoded value.
fn single(o: &Map<String, Json>) -> Option<(&str, &Json)> {
    let (k, v) = o.iter().next()?;
    (o.len() == 1 && k.starts_with('$')).then_some((k.as_str(), v))
}

fn count(j: &Json) -> usize {
    j.as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or_else(|| panic!("corpus: not a count: {j}"))
}

fn number(a: &Json) -> f64 {
    match a.as_str().expect("$number text") {
        "NaN" => f64::NAN,
        "Infinity" => f64::INFINITY,
        "-Infinity" => f64::NEG_INFINITY,
        s => s.parse().unwrap_or_else(|e| panic!("corpus: $number {s}: {e}")),
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

/// A string encoding (`"…"`, `$repeat`, `$concat`, `$utf16`); `Err` when Rust cannot hold it.
pub fn string_of(j: &Json) -> Result<String, String> {
    if let Some(s) = j.as_str() {
        return Ok(s.to_string());
    }
    let (k, a) = j.as_object().and_then(single).ok_or_else(|| format!("corpus: not a string: {j}"))?;
    match k {
        "$repeat" => Ok(string_of(&a[0])?.repeat(count(&a[1]))),
        "$concat" => a.as_array().expect("$concat parts").iter().map(string_of).collect(),
        "$utf16" => {
            let units: Vec<u16> =
                a.as_array().expect("$utf16 units").iter().map(|u| u.as_u64().expect("unit") as u16).collect();
            String::from_utf16(&units).map_err(|_| "a lone surrogate".to_string())
        }
        _ => panic!("corpus: unknown encoding {k}"),
    }
}

/// A json document (encodings inside it expanded); `Err` when serde_json cannot hold it.
fn json_doc(j: &Json) -> Result<Json, String> {
    Ok(match j {
        Json::Array(a) => Json::Array(a.iter().map(json_doc).collect::<Result<_, _>>()?),
        Json::Object(o) => match single(o) {
            None => Json::Object(o.iter().map(|(k, v)| Ok((k.clone(), json_doc(v)?))).collect::<Result<_, String>>()?),
            Some((k, a)) => match k {
                "$wide" => Json::Object((0..count(a)).map(|i| (format!("k{i}"), Json::from(i))).collect()),
                "$range" => Json::Array((0..count(a)).map(Json::from).collect()),
                "$nest" | "$nestObj" => {
                    let mut x = json_doc(&a[1])?;
                    for _ in 0..count(&a[0]) {
                        x = if k == "$nest" { Json::Array(vec![x]) } else { serde_json::json!({ "a": x }) };
                    }
                    x
                }
                "$object" => Json::Object(
                    a.as_array()
                        .expect("$object entries")
                        .iter()
                        .map(|e| Ok((string_of(&e[0])?, json_doc(&e[1])?)))
                        .collect::<Result<_, String>>()?,
                ),
                "$number" => {
                    let f = number(a);
                    if !f.is_finite() || (f == 0.0 && f.is_sign_negative()) {
                        return Err(format!("{f} in a JSON document"));
                    }
                    Json::from(f)
                }
                "$repeat" | "$concat" | "$utf16" => Json::String(string_of(j)?),
                other => return Err(format!("{other} in a JSON document")),
            },
        },
        other => other.clone(),
    })
}

/// The parameter the Rust driver gets for `js`: what drizzle hands its driver for the JS value
/// (a safe integer is an `Int`, so integer columns check their range as the npm package does;
/// other numbers are `Float`s printed as `String(n)`; a Date is its `toISOString()`).
pub fn to_param(js: &Js) -> Result<Value, String> {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    Ok(match js {
        Js::Null => Value::Null,
        Js::Bool(b) => Value::Bool(*b),
        Js::Num(f) if f.fract() == 0.0 && f.abs() <= SAFE && !(*f == 0.0 && f.is_sign_negative()) => {
            Value::Int(*f as i64)
        }
        Js::Num(f) => Value::Float(*f),
        Js::Big(s) => Value::BigInt(s.parse().map_err(|_| format!("BigInt {s} beyond 64 bits"))?),
        Js::Str(s) => Value::Text(s.clone()),
        Js::Date(Some(iso)) => Value::Text(iso.clone()),
        Js::Date(None) => return Err("an Invalid Date".into()),
        Js::Bytes(b) => Value::Bytes(b.clone()),
        Js::Arr(a) => Value::Array(a.iter().map(to_param).collect::<Result<_, _>>()?),
        Js::Json(d) => Value::Json(d.clone()),
        Js::Foreign(why) => return Err(why.clone()),
    })
}

// ------------------------------------------------------------------ columns

/// A corpus column (`format.column`).
pub struct Col<'a>(pub &'a Json);

impl Col<'_> {
    pub fn s(&self, k: &str) -> Option<&str> {
        self.0.get(k).and_then(Json::as_str)
    }
    pub fn n(&self, k: &str) -> Option<u32> {
        self.0.get(k).and_then(Json::as_u64).map(|n| u32::try_from(n).expect("small"))
    }
    pub fn ty(&self) -> &str {
        self.s("type").expect("column type")
    }
    pub fn dims(&self) -> u32 {
        self.n("dims").unwrap_or(0)
    }
    /// A Date-mode date/timestamp: JS reads a `Date`, Rust reads PostgreSQL's text (`pg`).
    pub fn date_mode(&self) -> bool {
        match self.ty() {
            "date" => self.s("mode") == Some("date"),
            "timestamp" => self.s("mode") != Some("string"),
            _ => false,
        }
    }

    /// The column builder, named `v`.
    pub fn builder(&self) -> ColumnBuilder {
        let mut b = match self.ty() {
            "text" => text("v"),
            "varchar" => varchar("v"),
            "char" => char("v"),
            "integer" => integer("v"),
            "smallint" => smallint("v"),
            "bigint" => bigint("v"),
            "real" => real("v"),
            "doublePrecision" => double_precision("v"),
            "numeric" => numeric("v"),
            "boolean" => boolean("v"),
            "date" => date("v"),
            "timestamp" => timestamp("v"),
            "json" => json("v"),
            "jsonb" => jsonb("v"),
            "uuid" => uuid("v"),
            "interval" => interval("v"),
            "time" => time("v"),
            "inet" => inet("v"),
            "customType" => custom("v", self.s("dataType").expect("dataType")),
            "pgEnum" => pg_enum(self.s("enumName").expect("enumName"), self.enum_values()).column("v"),
            other => panic!("corpus: no column builder {other}"),
        };
        if let Some(n) = self.n("length") {
            b = b.length(n);
        }
        if let Some(p) = self.n("precision") {
            b = b.precision(p);
        }
        if let Some(s) = self.n("scale") {
            b = b.scale(s);
        }
        if self.0.get("withTimezone") == Some(&Json::Bool(true)) {
            b = b.with_timezone();
        }
        b = match self.s("mode") {
            Some("bigint") => b.mode_bigint(),
            Some("number") => b.mode_number(),
            Some("string") => b.mode_string(),
            Some("date") => b.mode_date(),
            _ => b,
        };
        for _ in 0..self.dims() {
            b = b.array();
        }
        b
    }

    pub fn enum_values(&self) -> Vec<String> {
        let values = self.0["values"].as_array().expect("enum values");
        values.iter().map(|v| v.as_str().expect("enum value").to_string()).collect()
    }

    /// `h_<type>_<config…>`, as the JS suite names it.
    pub fn table_name(&self) -> String {
        let mut parts = vec![self.ty().to_string()];
        parts.extend(self.n("length").map(|n| n.to_string()));
        parts.extend(self.n("precision").map(|n| n.to_string()));
        parts.extend(self.n("scale").map(|n| n.to_string()));
        parts.extend(self.s("mode").map(String::from));
        if self.0.get("withTimezone") == Some(&Json::Bool(true)) {
            parts.push("tz".into());
        }
        parts.extend(self.s("dataType").map(String::from));
        parts.extend(self.s("enumName").map(String::from));
        if self.dims() > 0 {
            parts.push(format!("dims{}", self.dims()));
        }
        let name = format!("h_{}", parts.join("_")).to_lowercase();
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
    }
}

// ------------------------------------------------------------------ comparison

fn same_f64(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// PostgreSQL's text of a value decoded by OID.
pub fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s)
        | Value::Numeric(s)
        | Value::Date(s)
        | Value::Timestamp(s)
        | Value::Timestamptz(s)
        | Value::Interval(s) => Some(s),
        _ => None,
    }
}

fn pg_f64(s: &str) -> Option<f64> {
    match s {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => s.parse().ok(),
    }
}

/// Whether `got` (decoded by OID, as the Rust driver does) is the JS value `want` read through a
/// column of `col`'s kind: numbers of `bigint({ mode: 'number' })` and `numeric({ mode: 'number' })`
/// compare as JS numbers, a Date-mode column compares PostgreSQL's text with `pg`.
pub fn matches(got: &Value, want: &Js, col: &Col, pg: Option<&str>) -> bool {
    if col.date_mode() && col.dims() == 0 && !got.is_null() {
        return text_of(got) == Some(pg.expect("corpus: a Date-mode case needs `pg`"));
    }
    match (want, got) {
        (Js::Null, g) => g.is_null(),
        (Js::Bool(b), Value::Bool(g)) => b == g,
        (Js::Num(f), Value::Int(i) | Value::BigInt(i)) => same_f64(*i as f64, *f),
        (Js::Num(f), Value::Float(g)) => same_f64(*g, *f),
        (Js::Num(f), Value::Numeric(s)) => pg_f64(s).is_some_and(|g| same_f64(g, *f)),
        (Js::Big(s), Value::BigInt(i)) => i.to_string() == *s,
        (Js::Big(s), Value::Numeric(t)) => s == t,
        (Js::Str(s), g) => text_of(g) == Some(s.as_str()),
        (Js::Bytes(b), Value::Bytes(g)) => b == g,
        (Js::Arr(items), Value::Array(g)) => {
            let elem = element(col);
            items.len() == g.len() && items.iter().zip(g).all(|(w, x)| matches(x, w, &Col(&elem), None))
        }
        (Js::Json(d), Value::Json(g)) => d == g,
        _ => false,
    }
}

/// The element column of an array column.
fn element(col: &Col) -> Json {
    let mut e = col.0.clone();
    e["dims"] = Json::from(col.dims().saturating_sub(1));
    e
}

pub fn show(v: &Value) -> String {
    let s = format!("{v:?}");
    if s.len() > 200 {
        format!("{}… ({} chars)", &s[..s.char_indices().nth(200).map_or(s.len(), |(i, _)| i)], s.len())
    } else {
        s
    }
}

// ------------------------------------------------------------------ outcomes

pub enum Outcome {
    Roundtrip,
    Returns(Js),
    Error {
        text: String,
        before: Option<bool>,
    },
    /// Identifiers: success under other names.
    Stored,
    Skip(String),
}

pub fn outcome(j: &Json) -> Outcome {
    if j == "roundtrip" {
        return Outcome::Roundtrip;
    }
    if let Some(e) = j.get("error") {
        return Outcome::Error {
            text: e.as_str().expect("error text").to_string(),
            before: j.get("before").and_then(Json::as_bool),
        };
    }
    if let Some(r) = j.get("returns") {
        return Outcome::Returns(decode(r));
    }
    if let Some(s) = j.get("skip") {
        return Outcome::Skip(s.as_str().expect("skip reason").to_string());
    }
    if j.get("stored").is_some() {
        return Outcome::Stored;
    }
    panic!("corpus: unknown outcome {j}")
}
