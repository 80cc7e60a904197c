//! Non-raw JSON output (`Neon-Raw-Text-Output` not `true`): PostgreSQL text values converted
//! to JSON types as Neon's proxy does (docs/protocol.md §2.3).
//!
//! `bool` → true/false, `int2`/`int4` → number, `float4`/`float8` → number (NaN and
//! ±Infinity stay strings), `json`/`jsonb` → embedded JSON, builtin array types → JSON arrays
//! (elements converted by element type), anything else → string.

use crate::json_text::push_str;

/// A value PostgreSQL sent could not be converted (→ 500 `could not parse postgres response`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionError(pub String);

const BOOL: u32 = 16;
const INT2: u32 = 21;
const INT4: u32 = 23;
const JSON: u32 = 114;
const FLOAT4: u32 = 700;
const FLOAT8: u32 = 701;
const JSONB: u32 = 3802;
const BOX_ARRAY: u32 = 1020;

/// Builtin array type OID → element type OID (`pg_type` where `typcategory = 'A'` and
/// `oid < 10000`, PostgreSQL 15). Arrays of user-defined types are not known here and are
/// returned as strings.
const ARRAY_ELEMENTS: &[(u32, u32)] = &[
    (22, 21),
    (30, 26),
    (143, 142),
    (199, 114),
    (210, 71),
    (270, 75),
    (271, 5069),
    (272, 81),
    (273, 83),
    (629, 628),
    (651, 650),
    (719, 718),
    (775, 774),
    (791, 790),
    (1000, 16),
    (1001, 17),
    (1002, 18),
    (1003, 19),
    (1005, 21),
    (1006, 22),
    (1007, 23),
    (1008, 24),
    (1009, 25),
    (1010, 27),
    (1011, 28),
    (1012, 29),
    (1013, 30),
    (1014, 1042),
    (1015, 1043),
    (1016, 20),
    (1017, 600),
    (1018, 601),
    (1019, 602),
    (1020, 603),
    (1021, 700),
    (1022, 701),
    (1027, 604),
    (1028, 26),
    (1034, 1033),
    (1040, 829),
    (1041, 869),
    (1115, 1114),
    (1182, 1082),
    (1183, 1083),
    (1185, 1184),
    (1187, 1186),
    (1231, 1700),
    (1263, 2275),
    (1270, 1266),
    (1561, 1560),
    (1563, 1562),
    (2201, 1790),
    (2207, 2202),
    (2208, 2203),
    (2209, 2204),
    (2210, 2206),
    (2211, 2205),
    (2949, 2970),
    (2951, 2950),
    (3221, 3220),
    (3335, 3310),
    (3643, 3614),
    (3644, 3642),
    (3645, 3615),
    (3735, 3734),
    (3770, 3769),
    (3807, 3802),
    (3905, 3904),
    (3907, 3906),
    (3909, 3908),
    (3911, 3910),
    (3913, 3912),
    (3927, 3926),
    (4073, 4072),
    (4090, 4089),
    (4097, 4096),
    (4192, 4191),
    (6151, 4451),
    (6150, 4532),
    (6152, 4533),
    (6153, 4534),
    (6155, 4535),
    (6157, 4536),
];

fn array_element(oid: u32) -> Option<u32> {
    ARRAY_ELEMENTS.iter().find(|(a, _)| *a == oid).map(|(_, e)| *e)
}

/// Writes the JSON form of PostgreSQL text `val` of type `type_oid` to `out`.
pub fn write_value(out: &mut Vec<u8>, val: &str, type_oid: u32) -> Result<(), ConversionError> {
    if let Some(elem) = array_element(type_oid) {
        // Neon always uses ','; box[] is the one builtin array whose delimiter is ';'.
        let delim = if type_oid == BOX_ARRAY { ';' } else { ',' };
        return write_array(out, val, elem, delim);
    }
    match type_oid {
        BOOL => out.extend_from_slice(if val == "t" { b"true" } else { b"false" }),
        INT2 | INT4 => {
            let n: i32 = val.parse().map_err(|e| ConversionError(format!("parse int error: {e}")))?;
            out.extend_from_slice(n.to_string().as_bytes());
        }
        FLOAT4 | FLOAT8 => {
            let f: f64 = val.parse().map_err(|e| ConversionError(format!("parse float error: {e}")))?;
            if f.is_finite() {
                let _ = serde_json::to_writer(&mut *out, &f);
            } else {
                push_str(out, val);
            }
        }
        // json/jsonb text output is valid JSON.
        JSON | JSONB => out.extend_from_slice(val.as_bytes()),
        _ => push_str(out, val),
    }
    Ok(())
}

fn unbalanced() -> ConversionError {
    ConversionError("unbalanced array".into())
}

/// Parses an array's text form (`{…}`, optionally `[1:2]={…}`) into a JSON array.
fn write_array(out: &mut Vec<u8>, mut text: &str, elem: u32, delim: char) -> Result<(), ConversionError> {
    // Bounds decoration such as `[1:1][-2:-1]={…}` cannot be represented in JSON: drop it.
    if text.starts_with('[') {
        text = text.split_once('=').ok_or_else(unbalanced)?.1;
    }
    let rest = parse_inner(out, text.trim_start(), elem, delim)?;
    if !rest.is_empty() {
        return Err(unbalanced());
    }
    Ok(())
}

/// Reads one `{…}` level; returns the unread rest.
fn parse_inner<'a>(out: &mut Vec<u8>, text: &'a str, elem: u32, delim: char) -> Result<&'a str, ConversionError> {
    let mut text = text.strip_prefix('{').ok_or_else(unbalanced)?;
    out.push(b'[');
    // `{}` is an empty array.
    if let Some(rest) = text.trim_start().strip_prefix('}') {
        out.push(b']');
        return Ok(rest.trim_start());
    }
    let mut quoted = String::new();
    let mut first = true;
    loop {
        if !first {
            out.push(b',');
        }
        first = false;
        text = parse_item(out, &mut quoted, text, elem, delim)?;
        match text.strip_prefix(delim) {
            Some(next) => text = next,
            None => break,
        }
    }
    let rest = text.strip_prefix('}').ok_or_else(unbalanced)?;
    out.push(b']');
    Ok(rest.trim_start())
}

fn parse_item<'a>(
    out: &mut Vec<u8>,
    quoted: &mut String,
    text: &'a str,
    elem: u32,
    delim: char,
) -> Result<&'a str, ConversionError> {
    let text = text.trim_start();
    if text.starts_with('{') {
        return parse_inner(out, text, elem, delim);
    }
    if let Some(rest) = text.strip_prefix('"') {
        let rest = parse_quoted(quoted, rest)?;
        write_value(out, quoted, elem)?;
        return Ok(rest);
    }
    let end = text.find([delim, '}']).ok_or_else(unbalanced)?;
    let (item, rest) = text.split_at(end);
    let item = item.trim_end();
    if item == "NULL" {
        out.extend_from_slice(b"null");
    } else {
        write_value(out, item, elem)?;
    }
    Ok(rest)
}

/// Un-escapes a quoted element (opening quote already consumed) into `quoted`.
fn parse_quoted<'a>(quoted: &mut String, mut text: &'a str) -> Result<&'a str, ConversionError> {
    quoted.clear();
    loop {
        let i = text.find(['\\', '"']).ok_or_else(|| ConversionError("unbalanced quoted string".into()))?;
        quoted.push_str(&text[..i]);
        let end = text.as_bytes()[i];
        text = &text[i + 1..];
        if end == b'"' {
            return Ok(text.trim_start());
        }
        let mut chars = text.chars();
        let escaped = chars.next().ok_or_else(|| ConversionError("unbalanced quoted string".into()))?;
        quoted.push(escaped);
        text = chars.as_str();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn conv(val: &str, oid: u32) -> Value {
        let mut out = Vec::new();
        write_value(&mut out, val, oid).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn scalars() {
        assert_eq!(conv("foo", 25), json!("foo"));
        assert_eq!(conv("42", INT4), json!(42));
        assert_eq!(conv("-7", INT2), json!(-7));
        assert_eq!(conv("42", 20), json!("42"));
        assert_eq!(conv("42.42", FLOAT8), json!(42.42));
        assert_eq!(conv("NaN", FLOAT4), json!("NaN"));
        assert_eq!(conv("-Infinity", FLOAT8), json!("-Infinity"));
        assert_eq!(conv("t", BOOL), json!(true));
        assert_eq!(conv("f", BOOL), json!(false));
        assert_eq!(conv(r#"{"a": [1, null]}"#, JSONB), json!({"a": [1, null]}));
        assert_eq!(conv("1.50", 1700), json!("1.50"));
    }

    #[test]
    fn arrays() {
        assert_eq!(conv("{1,2,NULL}", 1007), json!([1, 2, null]));
        assert_eq!(conv("{{1,2},{3,4}}", 1007), json!([[1, 2], [3, 4]]));
        assert_eq!(conv("[0:1]={1,2}", 1007), json!([1, 2]));
        assert_eq!(conv("{}", 1009), json!([]));
        assert_eq!(conv(r#"{a,"b c","NULL",NULL,"q\"\\"}"#, 1009), json!(["a", "b c", "NULL", null, "q\"\\"]));
        assert_eq!(conv("{t,f}", 1000), json!([true, false]));
        assert_eq!(conv(r#"{"{\"a\": 1}",null}"#, 3807), json!([{"a": 1}, null]));
        assert_eq!(conv("{1.5,NaN}", 1022), json!([1.5, "NaN"]));
        assert_eq!(conv("{(1,1),(0,0);(2,2),(1,1)}", BOX_ARRAY), json!(["(1,1),(0,0)", "(2,2),(1,1)"]));
        assert_eq!(conv("{1,2}", 1016), json!(["1", "2"]));
    }

    #[test]
    fn errors() {
        let mut out = Vec::new();
        assert!(write_value(&mut out, "{1,2", 1007).is_err());
        assert!(write_value(&mut out, "x", INT4).is_err());
        assert!(write_value(&mut out, r#"{"a}"#, 1009).is_err());
    }
}
