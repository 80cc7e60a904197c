//! `sql!` templates and drizzle's `sql.raw`, `sql.identifier`, `sql.join`, `sql.empty`,
//! `sql.placeholder`, `sql.param`.

use std::borrow::Cow;

use super::{Chunk, Placeholder, Sql, SqlArg};
use crate::types::Value;

/// Builds a fragment from a format string whose `{}` holes take arguments (drizzle's
/// `` sql`...${x}...` ``). Values become parameters; columns, tables, fragments, subqueries
/// and query builders are embedded. `{{` and `}}` print braces. The number of holes is checked
/// at compile time.
///
/// ```
/// use edgepg::{sql, pg::*};
/// let users = table("users").column("meta", jsonb("meta")).build();
/// let meta = users.col("meta").unwrap();
/// let cond = sql!("{}->>'a' = {}", meta, "1");
/// assert_eq!(cond.to_sql().unwrap().sql, r#""users"."meta"->>'a' = $1"#);
/// ```
#[macro_export]
macro_rules! sql {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{
        const _: () = ::core::assert!(
            $crate::sql::__count_holes($fmt) == 0usize $(+ $crate::__one!($arg))*,
            "sql!: the number of {{}} holes differs from the number of arguments"
        );
        #[allow(unused_mut)]
        let mut __t = $crate::sql::SqlTemplate::new($fmt);
        $( __t.arg($arg); )*
        __t.finish()
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __one {
    ($x:expr) => {
        1usize
    };
}

/// Counts `{}` holes in a template (compile-time check of [`sql!`](crate::sql!)).
#[doc(hidden)]
pub const fn __count_holes(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if i + 1 < b.len() && ((b[i] == b'{' && b[i + 1] == b'{') || (b[i] == b'}' && b[i + 1] == b'}')) {
            i += 2;
        } else if i + 1 < b.len() && b[i] == b'{' && b[i + 1] == b'}' {
            n += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    n
}

/// The state behind [`sql!`](crate::sql!): splits the template at each hole.
#[doc(hidden)]
pub struct SqlTemplate {
    rest: &'static str,
    chunks: Vec<Chunk>,
}

fn text(s: &'static str) -> Cow<'static, str> {
    if s.contains("{{") || s.contains("}}") {
        Cow::Owned(s.replace("{{", "{").replace("}}", "}"))
    } else {
        Cow::Borrowed(s)
    }
}

impl SqlTemplate {
    /// Starts a template.
    pub fn new(fmt: &'static str) -> Self {
        SqlTemplate { rest: fmt, chunks: Vec::with_capacity(4) }
    }

    fn next_hole(&self) -> Option<usize> {
        let b = self.rest.as_bytes();
        let mut i = 0;
        while i + 1 < b.len() {
            match (b[i], b[i + 1]) {
                (b'{', b'{') | (b'}', b'}') => i += 2,
                (b'{', b'}') => return Some(i),
                _ => i += 1,
            }
        }
        None
    }

    /// Fills the next hole.
    pub fn arg(&mut self, a: impl SqlArg) {
        if let Some(i) = self.next_hole() {
            let (before, after) = (&self.rest[..i], &self.rest[i + 2..]);
            if !before.is_empty() {
                self.chunks.push(Chunk::Str(text(before)));
            }
            self.rest = after;
        }
        a.push_to(&mut self.chunks);
    }

    /// The finished fragment.
    pub fn finish(mut self) -> Sql {
        if !self.rest.is_empty() {
            self.chunks.push(Chunk::Str(text(self.rest)));
        }
        Sql::from_chunks(self.chunks)
    }
}

/// `sql.raw(text)`: inserted verbatim. Never pass user input here.
pub fn raw(s: impl Into<Cow<'static, str>>) -> Sql {
    Sql::from_chunks(vec![Chunk::Str(s.into())])
}

/// `sql.identifier(name)`: a quoted identifier (no splitting on dots).
///
/// ```
/// assert_eq!(edgepg::sql::identifier("a\"b.c").to_sql().unwrap().sql, r#""a""b.c""#);
/// ```
pub fn identifier(name: impl Into<Cow<'static, str>>) -> Sql {
    Sql::from_chunks(vec![Chunk::Name(name.into())])
}

/// `sql.empty()`: renders nothing.
pub fn empty() -> Sql {
    Sql::default()
}

/// `sql.join(chunks, separator)`; `None` joins with nothing between.
///
/// ```
/// use edgepg::sql::{self, join, raw};
/// let s = join([edgepg::sql!("{}", 1), edgepg::sql!("{}", 2)], Some(raw(", ")));
/// assert_eq!(s.to_sql().unwrap().sql, "$1, $2");
/// ```
pub fn join<I, A>(items: I, separator: Option<Sql>) -> Sql
where
    I: IntoIterator<Item = A>,
    A: SqlArg,
{
    let mut chunks = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            if let Some(sep) = &separator {
                chunks.push(Chunk::Sql(sep.clone()));
            }
        }
        item.push_to(&mut chunks);
    }
    Sql::from_chunks(chunks)
}

/// `sql.placeholder(name)`: a parameter filled at execute time.
pub fn placeholder(name: &str) -> Placeholder {
    Placeholder { name: name.into(), encoder: None }
}

/// `sql.param(value)`: exactly one parameter, even for arrays (`sql.param([1,2])` is `$1`).
pub fn param(v: impl Into<Value>) -> Sql {
    Sql::from_chunks(vec![Chunk::Param(v.into(), None)])
}

/// `sql.param(value, column)`: one parameter encoded by the column's encoder.
///
/// ```
/// use edgepg::pg::*;
/// let t = table("t").column("tags", text("tags").array()).build();
/// let q = edgepg::sql!("select {}", param_with(vec!["a", "b"], &t.col("tags").unwrap())).to_sql().unwrap();
/// assert_eq!(q.params, vec![edgepg::QueryParam::Value(edgepg::Value::Text(r#"{"a","b"}"#.into()))]);
/// ```
pub fn param_with(v: impl Into<Value>, column: &crate::schema::Column) -> Sql {
    Sql::from_chunks(vec![Chunk::Param(v.into(), Some(column.clone()))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_and_braces() {
        assert_eq!(__count_holes("a {} b {{}} c {}"), 2);
        let s = crate::sql!("json_build_object('a', {}) {{x}}", 1);
        assert_eq!(s.to_sql().unwrap().sql, "json_build_object('a', $1) {x}");
    }

    #[test]
    fn array_argument_expands_to_a_list() {
        let s = crate::sql!("x in {}", vec![1, 2, 3]);
        let q = s.to_sql().unwrap();
        assert_eq!(q.sql, "x in ($1, $2, $3)");
        assert_eq!(q.params.len(), 3);
        let empty: Vec<i32> = vec![];
        assert_eq!(crate::sql!("x in {}", empty).to_sql().unwrap().sql, "x in ()");
    }
}
