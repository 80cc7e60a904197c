//! `json` / `jsonb` text to [`serde_json::Value`], with every number parsed exactly as
//! `JSON.parse` does: the crate enables serde_json's `float_roundtrip` feature, without which
//! many 16-17 digit floats (`-0.9121847152709961`, what `JSON.stringify` writes) come out one
//! unit in the last place off, and jsonb's 309-digit form of the largest double overflows.

use serde_json::Value as J;

/// Parses a JSON text (surrounding white space allowed, nothing else after the value).
pub(crate) fn parse(text: &str) -> Result<J, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_exact() {
        for lit in
            ["-0.9121847152709961", "1.3870078139007091e-15", "2.5419926643371586e-10", "2.2250738585072011e-308"]
        {
            let exact: f64 = lit.parse().unwrap_or(f64::NAN);
            let doc = format!(r#"{{"a\"1": "2.5e3", "b": [1, {lit}, -3, {lit}], "c": {lit}}}"#);
            let v = parse(&doc).unwrap_or_default();
            assert_eq!(v["b"][1].as_f64(), Some(exact), "{lit}");
            assert_eq!(v["b"][3].as_f64(), Some(exact), "{lit}");
            assert_eq!(v["c"].as_f64(), Some(exact), "{lit}");
            assert_eq!((v["b"][0].as_u64(), v["b"][2].as_i64()), (Some(1), Some(-3)));
            assert_eq!(v["a\"1"], J::String("2.5e3".into()));
        }
    }

    #[test]
    fn same_documents_as_serde_json() {
        for doc in
            [r#" {"x": [true, false, null, "s\u00e9"], "x": 1.5e300} "#, "12345678901234567890", "-0", "[]", "\"\""]
        {
            assert_eq!(parse(doc).ok(), serde_json::from_str::<J>(doc).ok(), "{doc}");
        }
        for bad in ["", "{", "[1,]", "1 2", "1e400", "nul", "\"\\ud800\""] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
