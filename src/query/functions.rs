//! ORDER BY helpers, aggregates, `$count`, and pgvector distance operators.

use super::{select::condition, IntoSource, Source};
use crate::sql::{Chunk, Decoder, Query, Renderer, Sql, SqlArg};
use crate::types::Value;
use crate::Result;

fn wrap(pre: &'static str, e: impl SqlArg, post: &'static str) -> Sql {
    let mut chunks = vec![Sql::str(pre)];
    e.push_to(&mut chunks);
    chunks.push(Sql::str(post));
    Sql::from_chunks(chunks)
}

/// `expr asc`
pub fn asc(e: impl SqlArg) -> Sql {
    wrap("", e, " asc")
}
/// `expr desc`
pub fn desc(e: impl SqlArg) -> Sql {
    wrap("", e, " desc")
}

/// `count(*)`, decoded as a number.
pub fn count() -> Sql {
    wrap("count(", crate::sql::raw("*"), ")").map_with(Decoder::Number)
}
/// `count(expr)`
pub fn count_of(e: impl SqlArg) -> Sql {
    wrap("count(", e, ")").map_with(Decoder::Number)
}
/// `count(distinct expr)`
pub fn count_distinct(e: impl SqlArg) -> Sql {
    wrap("count(distinct ", e, ")").map_with(Decoder::Number)
}
/// `sum(expr)`, decoded as a string.
pub fn sum(e: impl SqlArg) -> Sql {
    wrap("sum(", e, ")").map_with(Decoder::String)
}
/// `sum(distinct expr)`
pub fn sum_distinct(e: impl SqlArg) -> Sql {
    wrap("sum(distinct ", e, ")").map_with(Decoder::String)
}
/// `avg(expr)`, decoded as a string.
pub fn avg(e: impl SqlArg) -> Sql {
    wrap("avg(", e, ")").map_with(Decoder::String)
}
/// `avg(distinct expr)`
pub fn avg_distinct(e: impl SqlArg) -> Sql {
    wrap("avg(distinct ", e, ")").map_with(Decoder::String)
}

fn min_max(f: &'static str, e: impl SqlArg) -> Sql {
    let s = wrap(f, e, ")");
    let dec = match s.chunks.get(1) {
        Some(Chunk::Column(c)) => Decoder::Column(c.clone()),
        _ => Decoder::String,
    };
    s.map_with(dec)
}
/// `min(expr)`, decoded like the column (or as a string).
pub fn min(e: impl SqlArg) -> Sql {
    min_max("min(", e)
}
/// `max(expr)`, decoded like the column (or as a string).
pub fn max(e: impl SqlArg) -> Sql {
    min_max("max(", e)
}

/// drizzle's `db.$count(source, filter)`.
///
/// Embedded in a select (via `Into<Sql>`) it is `(select count(*) from t where ...)`;
/// on its own, [`to_sql`](Count::to_sql) gives `select count(*) as count from t where ...;`.
#[derive(Clone, Debug)]
pub struct Count {
    source: Source,
    filter: Option<Sql>,
}

/// `$count(source, filter)`.
pub fn count_rows(source: impl IntoSource, filter: impl Into<Option<Sql>>) -> Count {
    Count { source: source.into_source(), filter: condition(filter) }
}

impl Count {
    fn body(&self, r: &mut Renderer, head: &str) -> Result<()> {
        r.push(head);
        r.push(" from ");
        match &self.source {
            Source::Table(t) => r.chunk(&Chunk::Table(t.table_name().clone()))?,
            other => other.render(r)?,
        }
        if let Some(f) = &self.filter {
            r.push(" where ");
            r.sql(f)?;
        }
        Ok(())
    }
    /// The standalone statement (note drizzle's trailing semicolon).
    pub fn to_sql(&self) -> Result<Query> {
        let mut r = Renderer::new();
        self.body(&mut r, "select count(*) as count")?;
        r.push(";");
        Ok(r.finish())
    }
}

impl crate::sql::RenderSql for Count {
    fn render(&self, r: &mut Renderer) -> Result<()> {
        self.body(r, "select count(*)")
    }
}

impl From<Count> for Sql {
    fn from(c: Count) -> Sql {
        Sql::from_chunks(vec![Chunk::Query(std::sync::Arc::new(c))]).map_with(Decoder::Number)
    }
}

/// The right side of a vector distance: a vector (sent as JSON text, e.g. `[1,2,3]`) or SQL.
pub trait VectorArg {
    #[doc(hidden)]
    fn into_chunk(self) -> Chunk;
}
impl VectorArg for Vec<f32> {
    fn into_chunk(self) -> Chunk {
        Chunk::Param(Value::Text(Value::from(self).js_json()), None)
    }
}
impl VectorArg for Vec<f64> {
    fn into_chunk(self) -> Chunk {
        Chunk::Param(Value::Text(Value::from(self).js_json()), None)
    }
}
impl VectorArg for &str {
    fn into_chunk(self) -> Chunk {
        Chunk::Param(Value::from(self), None)
    }
}
impl VectorArg for Sql {
    fn into_chunk(self) -> Chunk {
        Chunk::Sql(self)
    }
}
impl VectorArg for crate::schema::Column {
    fn into_chunk(self) -> Chunk {
        Chunk::Column(self)
    }
}
impl VectorArg for &crate::schema::Column {
    fn into_chunk(self) -> Chunk {
        Chunk::Column(self.clone())
    }
}

macro_rules! distances {
    ($($(#[$m:meta])* $name:ident => $op:literal;)*) => {$(
        $(#[$m])*
        pub fn $name(column: impl SqlArg, value: impl VectorArg) -> Sql {
            let mut chunks = Vec::with_capacity(3);
            column.push_to(&mut chunks);
            chunks.push(Sql::str($op));
            chunks.push(value.into_chunk());
            Sql::from_chunks(chunks)
        }
    )*};
}
distances! {
    /// `column <-> value`
    l2_distance => " <-> ";
    /// `column <+> value`
    l1_distance => " <+> ";
    /// `column <#> value`
    inner_product => " <#> ";
    /// `column <=> value`
    cosine_distance => " <=> ";
    /// `column <~> value`
    hamming_distance => " <~> ";
    /// `column <%> value`
    jaccard_distance => " <%> ";
}
