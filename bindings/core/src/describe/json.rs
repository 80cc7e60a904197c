//! A small JSON reader for what the facade sends (descriptions and values, written by
//! `JSON.stringify`), into serde_json's `Value` (which the module links anyway: parameter values
//! carry JSON documents). It replaces serde_json's own deserializer in this wasm module, where
//! that reader and its float parser cost ~20 KB; numbers go through `str::parse`, which is
//! exact (correctly rounded), so a JS number arrives as the same `f64`.
//!
//! What it refuses, with the messages the facade's users see: a lone UTF-16 surrogate in a string
//! (`JSON.stringify` writes one as a `\uD800` escape, which is not Unicode), nesting deeper than
//! 127 levels, and anything that is not JSON.

use serde_json::{Map, Number, Value as J};

/// The deepest nesting read (serde_json's own limit is 128).
const MAX_DEPTH: usize = 127;

/// Why a text is not a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// A `\uD800`-style escape without its pair.
    LoneSurrogate,
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Not JSON: what was expected, and the byte offset.
    Syntax(&'static str, usize),
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonError::LoneSurrogate => f.write_str(
                "a string contains a lone UTF-16 surrogate (half of a surrogate pair), which is not Unicode and cannot \
                 be sent to PostgreSQL; repair it first, e.g. with String.prototype.toWellFormed()",
            ),
            JsonError::TooDeep => {
                f.write_str("a value is nested too deeply: arrays and objects deeper than 127 levels are not supported")
            }
            JsonError::Syntax(what, at) => write!(f, "malformed description: expected {what} at byte {at}"),
        }
    }
}

/// Reads `text` (one JSON value, whitespace around it allowed).
pub fn parse(text: &str) -> Result<J, JsonError> {
    let mut r = Reader { s: text.as_bytes(), at: 0 };
    let v = r.value(0)?;
    r.ws();
    if r.at != r.s.len() {
        return Err(JsonError::Syntax("the end of the text", r.at));
    }
    Ok(v)
}

struct Reader<'a> {
    s: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn eat(&mut self, b: u8, what: &'static str) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            Err(JsonError::Syntax(what, self.at))
        }
    }

    fn word(&mut self, w: &'static str, v: J) -> Result<J, JsonError> {
        if self.s[self.at..].starts_with(w.as_bytes()) {
            self.at += w.len();
            Ok(v)
        } else {
            Err(JsonError::Syntax("a JSON value", self.at))
        }
    }

    fn value(&mut self, depth: usize) -> Result<J, JsonError> {
        self.ws();
        match self.peek() {
            Some(b'{') => {
                if depth >= MAX_DEPTH {
                    return Err(JsonError::TooDeep);
                }
                self.at += 1;
                let mut o = Map::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(J::Object(o));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    self.ws();
                    self.eat(b':', "`:`")?;
                    let v = self.value(depth + 1)?;
                    o.insert(k, v);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(J::Object(o));
                        }
                        _ => return Err(JsonError::Syntax("`,` or `}`", self.at)),
                    }
                }
            }
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return Err(JsonError::TooDeep);
                }
                self.at += 1;
                let mut a = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(J::Array(a));
                }
                loop {
                    a.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(J::Array(a));
                        }
                        _ => return Err(JsonError::Syntax("`,` or `]`", self.at)),
                    }
                }
            }
            Some(b'"') => self.string().map(J::String),
            Some(b't') => self.word("true", J::Bool(true)),
            Some(b'f') => self.word("false", J::Bool(false)),
            Some(b'n') => self.word("null", J::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(JsonError::Syntax("a JSON value", self.at)),
        }
    }

    fn number(&mut self) -> Result<J, JsonError> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while let Some(b'0'..=b'9') = r.peek() {
                r.at += 1;
            }
            r.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let first = self.at;
        if !digits(self) {
            return Err(JsonError::Syntax("a digit", self.at));
        }
        if self.s[first] == b'0' && self.at - first > 1 {
            return Err(JsonError::Syntax("no leading zero", first));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            integer = false;
            if !digits(self) {
                return Err(JsonError::Syntax("a digit", self.at));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !digits(self) {
                return Err(JsonError::Syntax("a digit", self.at));
            }
        }
        // the bytes are ASCII digits and signs: always a str
        let text = std::str::from_utf8(&self.s[start..self.at]).map_err(|_| JsonError::Syntax("a number", start))?;
        if integer {
            if let Ok(i) = text.parse::<i64>() {
                // `-0` is a float, as serde_json reads it
                if i == 0 && text.starts_with('-') {
                    return Ok(Number::from_f64(-0.0).map_or(J::Null, J::Number));
                }
                return Ok(J::Number(i.into()));
            }
            if let Ok(u) = text.parse::<u64>() {
                return Ok(J::Number(u.into()));
            }
        }
        let f: f64 = text.parse().map_err(|_| JsonError::Syntax("a number", start))?;
        Number::from_f64(f).map(J::Number).ok_or(JsonError::Syntax("a finite number", start))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self.s.get(self.at..self.at + 4).ok_or(JsonError::Syntax("four hex digits", self.at))?;
        let mut n = 0;
        for &b in h {
            n = n * 16 + u32::from(edgepg::types::hex_digit(b).ok_or(JsonError::Syntax("four hex digits", self.at))?);
        }
        self.at += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.eat(b'"', "a string")?;
        let mut out = String::new();
        loop {
            // copy the run up to the next quote or backslash at once (the text is UTF-8)
            let run = self.s[self.at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let Some(n) = run else { return Err(JsonError::Syntax("the end of a string", self.s.len())) };
            let chunk =
                std::str::from_utf8(&self.s[self.at..self.at + n]).map_err(|_| JsonError::Syntax("UTF-8", self.at))?;
            out.push_str(chunk);
            self.at += n;
            match self.s[self.at] {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    let e = self.peek().ok_or(JsonError::Syntax("an escape", self.at))?;
                    self.at += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = match hi {
                                0xD800..=0xDBFF => {
                                    if !self.s[self.at..].starts_with(b"\\u") {
                                        return Err(JsonError::LoneSurrogate);
                                    }
                                    self.at += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return Err(JsonError::LoneSurrogate);
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return Err(JsonError::LoneSurrogate),
                                c => c,
                            };
                            out.push(char::from_u32(c).ok_or(JsonError::LoneSurrogate)?);
                        }
                        _ => return Err(JsonError::Syntax("an escape", self.at - 1)),
                    }
                }
                _ => return Err(JsonError::Syntax("no control character in a string", self.at)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same value as serde_json reads, for every kind of JSON `JSON.stringify` writes.
    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"k":"select","a":[1,-2,3.5,-0.0,1e21,1.7976931348623157e308,5e-324,9007199254740993,18446744073709551615,18446744073709551616,-9223372036854775808,0.1,0.30000000000000004],"s":"a\"b\\c\/d\b\f\n\r\t\u0001é😀\ud83d\ude00","t":true,"f":false,"n":null,"o":{},"l":[]}"#,
            " [ 1 , { \"x\" : [ ] } ] ",
            "\"\"",
            "0",
            r#"{"dup":1,"dup":2}"#,
        ] {
            let ours = parse(text).unwrap();
            let theirs: J = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
            if let (Some(a), Some(b)) = (ours.get("a"), theirs.get("a")) {
                // floats bit for bit (PartialEq on Number would call -0 and 0 equal)
                let bits =
                    |v: &J| v.as_array().unwrap().iter().map(|n| n.as_f64().unwrap().to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(a), bits(b));
            }
        }
    }

    #[test]
    fn refuses_with_the_messages_users_see() {
        assert_eq!(parse(r#"["a\ud800b"]"#), Err(JsonError::LoneSurrogate));
        assert_eq!(parse(r#""\udc00""#), Err(JsonError::LoneSurrogate));
        assert_eq!(parse(r#""\ud800\u0041""#), Err(JsonError::LoneSurrogate));
        assert!(JsonError::LoneSurrogate.to_string().contains("lone UTF-16 surrogate"));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse(&deep), Err(JsonError::TooDeep));
        let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(parse(&ok).is_ok());
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "01x",
            "1.",
            "-",
            "tru",
            "\"a",
            "\"\\x\"",
            "[1] 2",
            "\"\u{1}\"",
            "NaN",
        ] {
            assert!(matches!(parse(bad), Err(JsonError::Syntax(..))), "{bad:?}");
        }
    }
}
