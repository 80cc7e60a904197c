//! Golden tests: every case in `expected.json` (written by `generate.mjs` from drizzle-orm
//! itself) is built again with edgepg; SQL must match byte for byte and params by value.
//!
//! Each `cases_*.rs` file registers the cases of one area. `all_expected_cases_are_covered`
//! fails when a case in `expected.json` has no Rust counterpart and is not listed in
//! [`DIFFERENCES`] with a reason.

mod schema;

mod cases_a;
mod cases_b;
mod cases_c;
mod cases_rel;
mod cases_schema;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use edgepg::{Query, QueryParam, Value};
use serde_json::Value as J;

pub use schema::{D1, D2, S};

/// Cases where edgepg deliberately differs from drizzle, with the reason. They are not
/// compared (the list is checked: every entry must name a real case).
pub const DIFFERENCES: &[(&str, &str)] = &[(
    "sql/date_param_raw",
    "a JS Date passed raw (not bound to a column) stays a Date object for the JS driver to serialise; \
     edgepg has no date value type and takes dates as ISO-8601 text, which is what the Neon driver sends",
)];

/// What a case produced.
pub type Outcome = edgepg::Result<Query>;

/// Anything a case can return.
pub trait IntoOutcome {
    fn outcome(self) -> Outcome;
}
macro_rules! outcome_via_to_sql {
    ($($t:ty),*) => {$(
        impl IntoOutcome for $t { fn outcome(self) -> Outcome { self.to_sql() } }
    )*};
}
outcome_via_to_sql!(
    edgepg::query::Select,
    edgepg::query::Insert,
    edgepg::query::Update,
    edgepg::query::Delete,
    edgepg::Sql,
    edgepg::query::Count
);
impl IntoOutcome for Outcome {
    fn outcome(self) -> Outcome {
        self
    }
}

pub fn expected() -> &'static J {
    static E: OnceLock<J> = OnceLock::new();
    E.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/expected.json"))
            .expect("expected.json");
        serde_json::from_str(&text).expect("valid json")
    })
}

/// The cases one area file registers.
#[derive(Default)]
pub struct Cases {
    pub list: Vec<(&'static str, Outcome)>,
}

impl Cases {
    pub fn add(&mut self, name: &'static str, q: impl IntoOutcome) {
        assert!(!self.list.iter().any(|(n, _)| *n == name), "duplicate case {name}");
        self.list.push((name, q.outcome()));
    }
}

fn param_json(p: &QueryParam) -> J {
    match p {
        QueryParam::Placeholder(n) => serde_json::json!({ "$placeholder": n }),
        QueryParam::Value(v) => value_json(v),
    }
}

fn value_json(v: &Value) -> J {
    match v {
        Value::BigInt(i) => serde_json::json!({ "$bigint": i.to_string() }),
        Value::Bytes(b) => serde_json::json!({ "$bytes": b.iter().map(|x| format!("{x:02x}")).collect::<String>() }),
        Value::Array(a) => J::Array(a.iter().map(value_json).collect()),
        other => other.to_json(),
    }
}

fn same_json(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Compares every registered case with drizzle's output; panics with all mismatches.
pub fn check(cases: Cases) {
    let exp = &expected()["cases"];
    let mut failures = Vec::new();
    for (name, got) in &cases.list {
        if DIFFERENCES.iter().any(|(n, _)| n == name) {
            continue;
        }
        let Some(want) = exp.get(*name) else {
            failures.push(format!("{name}: not in expected.json"));
            continue;
        };
        match (want.get("error"), got) {
            (Some(msg), Err(e)) => {
                if msg.as_str() != Some(&e.to_string()) {
                    failures.push(format!("{name}: error\n  want {msg}\n  got  {e}"));
                }
            }
            (Some(msg), Ok(q)) => failures.push(format!("{name}: want error {msg}, got sql {:?}", q.sql)),
            (None, Err(e)) => failures.push(format!("{name}: unexpected error: {e}")),
            (None, Ok(q)) => {
                let sql = want["sql"].as_str().unwrap_or_default();
                let params: Vec<J> = q.params.iter().map(param_json).collect();
                let want_params = want["params"].as_array().cloned().unwrap_or_default();
                if q.sql != sql {
                    failures.push(format!("{name}: sql\n  want {sql}\n  got  {}", q.sql));
                } else if !same_json(&J::Array(params.clone()), &J::Array(want_params.clone())) {
                    failures.push(format!(
                        "{name}: params\n  want {}\n  got  {}",
                        J::Array(want_params),
                        J::Array(params)
                    ));
                }
            }
        }
    }
    println!("golden: {} cases compared, {} mismatches", cases.list.len(), failures.len());
    assert!(failures.is_empty(), "{} golden mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// Names registered by all area files (each file exposes `register`).
fn all_registered() -> BTreeMap<&'static str, ()> {
    let mut c = Cases::default();
    cases_a::register(&mut c);
    cases_b::register(&mut c);
    cases_c::register(&mut c);
    cases_rel::register(&mut c);
    c.list.into_iter().map(|(n, _)| (n, ())).collect()
}

#[test]
fn all_expected_cases_are_covered() {
    let registered = all_registered();
    let exp = expected()["cases"].as_object().expect("cases");
    for (n, _) in DIFFERENCES {
        assert!(exp.contains_key(*n), "DIFFERENCES names unknown case {n}");
    }
    let missing: Vec<&String> = exp
        .keys()
        .filter(|k| !registered.contains_key(k.as_str()) && !DIFFERENCES.iter().any(|(n, _)| n == k))
        .collect();
    println!("golden coverage: {} of {} expected cases registered", registered.len(), exp.len());
    assert!(missing.is_empty(), "{} expected cases have no Rust counterpart:\n{:#?}", missing.len(), missing);
}
