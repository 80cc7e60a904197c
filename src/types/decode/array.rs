//! PostgreSQL array literals (`{1,2}`, `{{"a b",NULL}}`, `[0:1]={x,y}`), parsed as
//! postgres-array 2.0.0 does.
//!
//! The rules (all of postgres-array's, for every literal PostgreSQL prints):
//! - a leading dimension decoration (`[1:2]=`, `[0:0][1:2]=`) is skipped up to its `=`;
//! - `{` opens a (nested) array and `}` closes it, outside quotes;
//! - `,` ends an unquoted element; an unquoted element that is exactly `NULL` is SQL `NULL`, an
//!   empty unquoted element is skipped;
//! - `"` starts and ends a quoted element, which is always a string (also `""` and `"NULL"`);
//! - `\` makes the next character literal (only a quote loses its meaning this way: like
//!   postgres-array, an escaped `{`, `}` or `,` outside quotes still acts as one);
//! - only `,` separates elements (the `box` type's `;` is not supported, as in pg-types).
//!
//! Where postgres-array would return something for a text PostgreSQL never prints, this parser
//! errs instead: a literal that does not start with `{` (after the decoration), characters after
//! the closing `}`, unbalanced braces, and nesting deeper than [`MAX_DEPTH`] (PostgreSQL allows
//! 6 dimensions).

use std::borrow::Cow;

use crate::Value;

/// The deepest nesting accepted (PostgreSQL's limit is 6 dimensions).
const MAX_DEPTH: usize = 64;

/// What one nesting level has read so far.
#[derive(Default)]
struct Level {
    entries: Vec<Value>,
    /// Characters of the current element taken from non-contiguous places (after an escape).
    owned: String,
    /// The contiguous run of source bytes `start..end` of the current element not yet copied
    /// into `owned`.
    span: Option<(usize, usize)>,
}

impl Level {
    fn recorded(&self) -> bool {
        self.span.is_some() || !self.owned.is_empty()
    }

    /// Adds the source byte at `at` to the current element.
    fn record(&mut self, src: &str, at: usize) -> Result<(), String> {
        match self.span {
            Some((start, end)) if end == at => self.span = Some((start, at + 1)),
            Some((start, end)) => {
                self.owned.push_str(slice(src, start, end)?);
                self.span = Some((at, at + 1));
            }
            None => self.span = Some((at, at + 1)),
        }
        Ok(())
    }

    /// postgres-array's `newEntry(includeEmpty)`: ends the current element, if there is one.
    fn new_entry<F>(&mut self, src: &str, quoted: bool, element: &mut F) -> Result<(), String>
    where
        F: FnMut(Cow<'_, str>) -> Result<Value, String>,
    {
        if !quoted && !self.recorded() {
            return Ok(());
        }
        let span = self.span.take();
        let text: Cow<'_, str> = match (span, self.owned.is_empty()) {
            (None, _) => Cow::Owned(std::mem::take(&mut self.owned)),
            (Some((s, e)), true) => Cow::Borrowed(slice(src, s, e)?),
            (Some((s, e)), false) => {
                let mut owned = std::mem::take(&mut self.owned);
                owned.push_str(slice(src, s, e)?);
                Cow::Owned(owned)
            }
        };
        let value = if !quoted && text == "NULL" { Value::Null } else { element(text)? };
        self.entries.push(value);
        Ok(())
    }
}

fn slice(src: &str, start: usize, end: usize) -> Result<&str, String> {
    src.get(start..end).ok_or_else(|| "array element is not valid UTF-8".to_owned())
}

/// Parses the array literal `src`, turning every non-`NULL` element into a value with `element`
/// (which gets the element's text, unquoted and unescaped).
///
/// The result is a [`Value::Array`], with nested [`Value::Array`]s for multi-dimensional arrays.
pub(crate) fn parse<F>(src: &str, mut element: F) -> Result<Value, String>
where
    F: FnMut(Cow<'_, str>) -> Result<Value, String>,
{
    let bytes = src.as_bytes();
    let mut pos = 0;
    if bytes.first() == Some(&b'[') {
        // consumeDimensions: up to and including the first `=` (with escapes honoured).
        loop {
            match bytes.get(pos) {
                None => return Ok(Value::Array(Vec::new())),
                Some(b'\\') => pos += 2,
                Some(b'=') => {
                    pos += 1;
                    break;
                }
                Some(_) => pos += 1,
            }
        }
    }
    if bytes.get(pos) != Some(&b'{') {
        return Err(format!("malformed array literal {src:?}: expected '{{'"));
    }
    let mut stack: Vec<Level> = Vec::new();
    let mut quote = false;
    while let Some(&b) = bytes.get(pos) {
        let (c, at, escaped) = if b == b'\\' {
            pos += 2;
            match bytes.get(pos - 1) {
                Some(&c) => (c, pos - 1, true),
                None => break, // a trailing backslash records nothing
            }
        } else {
            pos += 1;
            (b, pos - 1, false)
        };
        match c {
            b'{' if !quote && stack.len() >= MAX_DEPTH => {
                return Err(format!("array literal nested deeper than {MAX_DEPTH} levels"));
            }
            b'{' if !quote => stack.push(Level::default()),
            b'}' if !quote => {
                let Some(mut level) = stack.pop() else {
                    return Err(format!("malformed array literal {src:?}: unbalanced '}}'"));
                };
                level.new_entry(src, false, &mut element)?;
                let array = Value::Array(level.entries);
                match stack.last_mut() {
                    Some(parent) => parent.entries.push(array),
                    None if pos == bytes.len() => return Ok(array),
                    None => return Err(format!("malformed array literal {src:?}: characters after the closing '}}'")),
                }
            }
            b'"' if !escaped => {
                let Some(level) = stack.last_mut() else { break };
                if quote {
                    level.new_entry(src, true, &mut element)?;
                }
                quote = !quote;
            }
            b',' if !quote => {
                if let Some(level) = stack.last_mut() {
                    level.new_entry(src, false, &mut element)?;
                }
            }
            _ => {
                if let Some(level) = stack.last_mut() {
                    level.record(src, at)?;
                }
            }
        }
    }
    Err("array dimension not balanced".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> Result<Value, String> {
        parse(src, |s| Ok(Value::Text(s.into_owned())))
    }

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn arr(v: Vec<Value>) -> Value {
        Value::Array(v)
    }

    #[test]
    fn flat_and_empty() {
        assert_eq!(text("{}"), Ok(arr(vec![])));
        assert_eq!(text("{a,b,c}"), Ok(arr(vec![t("a"), t("b"), t("c")])));
        assert_eq!(text("{1}"), Ok(arr(vec![t("1")])));
    }

    #[test]
    fn nulls_and_quoted_nulls() {
        assert_eq!(text(r#"{NULL,"NULL",null,""}"#), Ok(arr(vec![Value::Null, t("NULL"), t("null"), t("")])));
    }

    #[test]
    fn empty_unquoted_elements_are_skipped() {
        assert_eq!(text("{,a,,b,}"), Ok(arr(vec![t("a"), t("b")])));
    }

    #[test]
    fn quoted_elements_and_escapes() {
        let src = r#"{"a,b","q\"uote","back\\slash","{brace}","}","", lead ,"é😀",é😀}"#;
        let want = vec![
            t("a,b"),
            t("q\"uote"),
            t("back\\slash"),
            t("{brace}"),
            t("}"),
            t(""),
            t(" lead "),
            t("é😀"),
            t("é😀"),
        ];
        assert_eq!(text(src), Ok(arr(want)));
        // An escaped multi-byte character, and several escapes in a row.
        assert_eq!(text(r#"{"\é\\\"x"}"#), Ok(arr(vec![t("é\\\"x")])));
    }

    #[test]
    fn elements_borrow_when_they_can() {
        let mut borrowed = Vec::new();
        let v = parse(r#"{abc,"d e","f\"g"}"#, |s| {
            borrowed.push(matches!(s, Cow::Borrowed(_)));
            Ok(Value::Text(s.into_owned()))
        });
        assert_eq!(v, Ok(arr(vec![t("abc"), t("d e"), t("f\"g")])));
        assert_eq!(borrowed, [true, true, false]);
    }

    #[test]
    fn nested() {
        assert_eq!(text("{{a,b},{c,NULL}}"), Ok(arr(vec![arr(vec![t("a"), t("b")]), arr(vec![t("c"), Value::Null])])));
        assert_eq!(text("{{{1}},{{2}}}"), Ok(arr(vec![arr(vec![arr(vec![t("1")])]), arr(vec![arr(vec![t("2")])])])));
        assert_eq!(text("{{}}"), Ok(arr(vec![arr(vec![])])));
        // postgres-array keeps a pending element of the outer level until that level ends.
        assert_eq!(text("{a{b}}"), Ok(arr(vec![arr(vec![t("b")]), t("a")])));
    }

    #[test]
    fn dimension_decorations() {
        assert_eq!(text("[0:1]={a,b}"), Ok(arr(vec![t("a"), t("b")])));
        assert_eq!(text("[1:1][-2:-1]={{1,2}}"), Ok(arr(vec![arr(vec![t("1"), t("2")])])));
        // postgres-array returns [] when there is no `=`.
        assert_eq!(text("[1:2]"), Ok(arr(vec![])));
    }

    #[test]
    fn escaped_structure_outside_quotes_still_counts() {
        // postgres-array only lets an escape neutralise quotes.
        assert_eq!(text(r"{a\,b}"), Ok(arr(vec![t("a"), t("b")])));
        assert_eq!(text(r#"{a\"b}"#), Ok(arr(vec![t("a\"b")])));
    }

    #[test]
    fn malformed() {
        for bad in ["", "a", "{", "{a", "{{a}", "{a}}", "{a},", r#"{"a}"#, "{a\\", "{a}b", "x{a}"] {
            assert!(text(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = |n: usize| format!("{}{}", "{".repeat(n), "}".repeat(n));
        assert!(text(&deep(MAX_DEPTH)).is_ok());
        assert!(text(&deep(MAX_DEPTH + 1)).is_err());
        assert!(text(&deep(100_000)).is_err());
    }

    #[test]
    fn element_errors_propagate() {
        let r = parse("{1,x}", |s| s.parse::<i64>().map(Value::Int).map_err(|e| e.to_string()));
        assert!(r.is_err());
    }
}
