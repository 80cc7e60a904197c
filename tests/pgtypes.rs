//! Golden vectors for text decoding: `tests/pgtypes/expected.json` holds, for texts PostgreSQL 15
//! printed, what pg-types 2.2.0 (the parsers of `@neondatabase/serverless`) returns to
//! JavaScript. For every vector, `decode_text` then `js_value(..).to_tagged_json()` must give the
//! same JSON, and objects must list their keys in the same order. `tests/pgtypes/generate.mjs`
//! writes the file (see its header).

use std::fmt;

use edgepg::types::{decode_text, js_value, oid, JsDate, JsForm};
use edgepg::Value;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The shape of a JSON document with the order of object keys (serde_json's own map is sorted
/// in this crate); scalars are compared elsewhere.
#[derive(Debug)]
enum Ordered {
    Scalar,
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element()? {
                    out.push(v);
                }
                Ok(Ordered::Array(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some(kv) = map.next_entry()? {
                    out.push(kv);
                }
                Ok(Ordered::Object(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(serde::Deserialize)]
struct Vector {
    oid: u32,
    text: String,
    /// For the key order only (serde_json's own float parsing is not exact: see `js_exact`).
    js: Ordered,
    #[serde(skip)]
    js_exact: serde_json::Value,
    source: String,
}

#[derive(serde::Deserialize)]
struct Golden {
    generator: String,
    vectors: Vec<Vector>,
}

fn golden() -> Golden {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pgtypes/expected.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut golden: Golden = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    // The `json` decoder reads every number exactly (unit-tested in src/types/decode/json.rs).
    let Ok(Value::Json(exact)) = decode_text(oid::JSON, &text) else { panic!("{path}: not JSON") };
    for (i, v) in golden.vectors.iter_mut().enumerate() {
        v.js_exact = exact["vectors"][i]["js"].clone();
    }
    golden
}

/// Vectors edgepg does not decode like pg-types, with the reason. They are checked to still
/// differ, so that this list shrinks when the reason goes away.
const DIFFERENCES: &[(&str, &str)] = &[];

/// `true` when every `Object` lists the keys of the expected object, in the same order.
fn same_key_order(form: &JsForm, expected: &Ordered) -> bool {
    match (form, expected) {
        (JsForm::Object(kv), Ordered::Object(e)) => {
            kv.len() == e.len() && kv.iter().zip(e).all(|((k, v), (ek, ev))| k == ek && same_key_order(v, ev))
        }
        (JsForm::Array(a), Ordered::Array(e)) => a.iter().zip(e).all(|(v, ev)| same_key_order(v, ev)),
        _ => true,
    }
}

fn decode(v: &Vector) -> Value {
    decode_text(v.oid, &v.text).unwrap_or_else(|e| panic!("{} ({}): {e}", v.source, v.oid))
}

#[test]
fn every_vector_matches_pg_types() {
    let golden = golden();
    assert!(golden.generator.starts_with("pg-types 2.2.0"), "{}", golden.generator);
    assert!(golden.vectors.len() > 250, "only {} vectors", golden.vectors.len());
    let mut failures = Vec::new();
    for (source, why) in DIFFERENCES {
        let Some(v) = golden.vectors.iter().find(|v| v.source == *source) else {
            panic!("DIFFERENCES names {source:?}, which is not a vector")
        };
        let same =
            decode_text(v.oid, &v.text).is_ok_and(|value| js_value(v.oid, &value).to_tagged_json() == v.js_exact);
        assert!(!same, "{source} now matches pg-types; remove it from DIFFERENCES ({why})");
    }
    for v in golden.vectors.iter().filter(|v| DIFFERENCES.iter().all(|(s, _)| *s != v.source)) {
        let value = match decode_text(v.oid, &v.text) {
            Ok(value) => value,
            Err(e) => {
                failures.push(format!("{} (oid {}, text {:?}): decode error {e}", v.source, v.oid, v.text));
                continue;
            }
        };
        let form = js_value(v.oid, &value);
        let got = form.to_tagged_json();
        let want = &v.js_exact;
        if got != *want {
            failures.push(format!("{} (oid {}, text {:?}):\n    got  {got}\n    want {want}", v.source, v.oid, v.text));
        } else if !same_key_order(&form, &v.js) {
            failures.push(format!("{} (oid {}): key order differs: {form:?} vs {:?}", v.source, v.oid, v.js));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors differ:\n{}",
        failures.len(),
        golden.vectors.len(),
        failures.join("\n")
    );
}

/// The OIDs pg-types 2.2 has a text parser for (docs/protocol.md §4.2).
#[rustfmt::skip]
const PARSED: [u32; 47] = [
    16, 20, 21, 23, 26, 700, 701, 1082, 1114, 1184, 1186, 17, 114, 3802, 600, 718,
    1000, 1001, 1005, 1007, 1028, 1016, 1021, 1022, 1231, 1115, 1182, 1185, 1187, 199, 3807, 1017,
    651, 1008, 1009, 1014, 1015, 1040, 1041, 1183, 1270, 2951, 791, 3907,
    // no parser in pg-types, but a dedicated Value variant here
    1700, 1083, 1266,
];

#[test]
fn every_type_of_the_spec_has_vectors() {
    let golden = golden();
    for oid in PARSED.into_iter().chain([2950, 25, 1043, 790, 869, 3904, 2278]) {
        assert!(golden.vectors.iter().any(|v| v.oid == oid), "no vector for OID {oid}");
    }
}

fn elements(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().flat_map(elements).collect(),
        other => vec![other],
    }
}

#[test]
fn rust_types_keep_everything() {
    for v in golden().vectors.into_iter().filter(|v| DIFFERENCES.iter().all(|(s, _)| *s != v.source)) {
        let value = decode(&v);
        let text = v.text.clone();
        let all = |ok: fn(&Value) -> bool| elements(&value).into_iter().all(|e| e.is_null() || ok(e));
        let ok = match v.oid {
            oid::INT8 => value == Value::BigInt(text.parse().unwrap()),
            oid::INT2 | oid::INT4 | oid::OID => value == Value::Int(text.parse().unwrap()),
            oid::NUMERIC => value == Value::Numeric(text),
            oid::DATE => value == Value::Date(text),
            oid::TIMESTAMP => value == Value::Timestamp(text),
            oid::TIMESTAMPTZ => value == Value::Timestamptz(text),
            oid::INTERVAL => value == Value::Interval(text),
            oid::TIME | oid::TIMETZ => value == Value::Text(text),
            oid::BYTEA => matches!(value, Value::Bytes(_)),
            oid::JSON | oid::JSONB => matches!(value, Value::Json(_)),
            oid::FLOAT4 | oid::FLOAT8 => matches!(value, Value::Float(_)),
            oid::INT8_ARRAY => all(|e| matches!(e, Value::BigInt(_))),
            oid::NUMERIC_ARRAY => all(|e| matches!(e, Value::Numeric(_))),
            oid::INT4_ARRAY => all(|e| matches!(e, Value::Int(_))),
            oid::TIMESTAMPTZ_ARRAY => all(|e| matches!(e, Value::Timestamptz(_))),
            oid::TEXT_ARRAY | oid::UUID_ARRAY | oid::MONEY_ARRAY => all(|e| matches!(e, Value::Text(_))),
            o if PARSED.contains(&o) => true,
            _ => value == Value::Text(text),
        };
        assert!(ok, "{} (oid {}): {value:?}", v.source, v.oid);
    }
}

#[test]
fn numeric_keeps_digits_that_js_numbers_lose() {
    let digits = "12345678901234567890.12345678901234567890";
    assert_eq!(decode_text(oid::NUMERIC, digits).unwrap(), Value::Numeric(digits.into()));
    assert_eq!(decode_text(oid::INT8, "9007199254740993").unwrap(), Value::BigInt(9_007_199_254_740_993));
    let arr = decode_text(oid::NUMERIC_ARRAY, "{12345678901234567890.123}").unwrap();
    assert_eq!(arr, Value::Array(vec![Value::Numeric("12345678901234567890.123".into())]));
    assert_eq!(js_value(oid::NUMERIC_ARRAY, &arr), JsForm::Array(vec![JsForm::Number(12_345_678_901_234_567_000.0)]));
}

#[test]
fn dates_say_how_to_build_them() {
    let local = js_value(oid::DATE, &decode_text(oid::DATE, "0044-03-15 BC").unwrap());
    let want = JsDate::Local { year: -43, month: 3, day: 15, hour: 0, minute: 0, second: 0, millisecond: 0 };
    assert_eq!(local, JsForm::Date(want));
    let ts = js_value(oid::TIMESTAMP, &decode_text(oid::TIMESTAMP, "2024-01-31 12:34:56.123456").unwrap());
    let want = JsDate::Local { year: 2024, month: 1, day: 31, hour: 12, minute: 34, second: 56, millisecond: 123 };
    assert_eq!(ts, JsForm::Date(want));
    let tz = js_value(oid::TIMESTAMPTZ, &decode_text(oid::TIMESTAMPTZ, "2024-01-31 04:34:56.789-08").unwrap());
    assert_eq!(tz, JsForm::Date(JsDate::EpochMs(1_706_704_496_789.0)));
    let inf = js_value(oid::TIMESTAMPTZ, &decode_text(oid::TIMESTAMPTZ, "-infinity").unwrap());
    assert_eq!(inf, JsForm::Number(f64::NEG_INFINITY));
    assert_eq!(js_value(oid::DATE, &Value::Date("not a date".into())), JsForm::Null);
}

#[test]
fn arrays_nest_and_unescape() {
    let v = decode_text(oid::TEXT_ARRAY, r#"[0:1]={{"a\"b",NULL},{"","NULL"}}"#).unwrap();
    let t = |s: &str| Value::Text(s.into());
    assert_eq!(v, Value::Array(vec![Value::Array(vec![t("a\"b"), Value::Null]), Value::Array(vec![t(""), t("NULL")])]));
}
