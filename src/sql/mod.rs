//! The SQL chunk tree (drizzle's `SQL`), the `sql!` template, and the one renderer.
//!
//! Every statement is a tree of [`Sql`] chunks; [`Renderer`](render) walks it once, quoting
//! identifiers and numbering parameters `$1..$n` in textual order. No other code concatenates
//! SQL, and values only ever become parameters (or, with `.inline_params()`, escaped literals).

mod arg;
mod render;
mod template;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::schema::{Column, PgEnum, TableName};
use crate::types::Value;
use crate::Error;

pub use arg::SqlArg;
pub use render::{Query, QueryParam};
#[doc(hidden)]
pub use render::{RenderSql, Renderer};
#[doc(hidden)]
pub use template::__count_holes;
pub use template::{empty, identifier, join, param, param_with, placeholder, raw, SqlTemplate};

/// A fragment of SQL (drizzle's `SQL`): literal text, identifiers, columns, tables,
/// parameters, nested fragments and subqueries. Cheap to clone.
///
/// Build one with [`sql!`](crate::sql!), [`raw`], [`identifier`], [`join`], or the
/// operators in [`crate::pg`].
///
/// ```
/// use edgepg::{sql, pg::*};
/// let q = sql!("select {}, ({}), {}", 1, sql!("{} + {}", 2, 3), 4).to_sql().unwrap();
/// assert_eq!(q.sql, "select $1, ($2 + $3), $4");
/// ```
#[derive(Clone, Default)]
pub struct Sql {
    pub(crate) chunks: Vec<Chunk>,
    pub(crate) inline: bool,
    pub(crate) decoder: Option<Decoder>,
}

/// How a selected SQL value is decoded (drizzle's `.mapWith`). Used by the drivers.
#[derive(Clone, Debug)]
pub enum Decoder {
    /// `Number(value)`
    Number,
    /// `String(value)`
    String,
    /// The column's own decoder.
    Column(Column),
}

/// A named parameter filled at execute time (drizzle's `sql.placeholder(name)`).
#[derive(Clone, Debug)]
pub struct Placeholder {
    /// The name looked up in the execute-time values.
    pub name: String,
    /// The column whose encoder runs on the filled value (inside `insert.values`, `eq`, ...).
    pub encoder: Option<Column>,
}

/// An aliased expression (drizzle's `SQL.Aliased`): `<sql> as "alias"` in a select list, and
/// just `"alias"` when referenced.
#[derive(Clone)]
pub struct Aliased {
    pub(crate) sql: Sql,
    pub(crate) alias: String,
    /// Selected through a subquery/CTE: rendered as the bare alias.
    pub(crate) is_selection_field: bool,
}

impl Aliased {
    /// The alias.
    pub fn alias(&self) -> &str {
        &self.alias
    }
    /// The expression.
    pub fn sql(&self) -> &Sql {
        &self.sql
    }
}

impl fmt::Debug for Aliased {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Aliased({:?} as {:?})", self.sql, self.alias)
    }
}

/// One piece of a fragment (internal; public only so traits can name it).
#[doc(hidden)]
#[derive(Clone)]
pub enum Chunk {
    /// Literal SQL text.
    Str(Cow<'static, str>),
    /// A quoted identifier.
    Name(Cow<'static, str>),
    /// A qualified column reference.
    Column(Column),
    /// A table reference (`"schema"."table"`, or the alias).
    Table(Arc<TableName>),
    /// A value, encoded by the column when one is given.
    Param(Value, Option<Column>),
    /// A placeholder parameter.
    Placeholder(Placeholder),
    /// A nested fragment (no parentheses).
    Sql(Sql),
    /// A JS array inside `sql`: `(a, b, c)`.
    List(Vec<Chunk>),
    /// A reference to an aliased expression: `"alias"`.
    Aliased(Arc<Aliased>),
    /// `(select ...) "alias"`, or `"alias"` for a CTE or view.
    Subquery(Arc<dyn SubqueryNode>),
    /// A query builder: `(select ...)`.
    Query(Arc<dyn RenderSql>),
    /// An enum type: `"schema"."name"`.
    Enum(PgEnum),
    /// An error found while building; rendering returns it.
    Error(Box<Error>),
}

/// What the renderer needs of a subquery, CTE or view (`crate::query::Subquery`): its alias,
/// the schema qualifying a view's name, whether it is read by name (CTEs, views), and its body.
pub trait SubqueryNode: fmt::Debug + Send + Sync {
    /// The alias.
    fn alias(&self) -> &str;
    /// The schema qualifying a view's name.
    fn schema(&self) -> Option<&str>;
    /// `true` for CTEs and views (referenced by name only).
    fn is_with(&self) -> bool;
    /// Renders the body (the statement in parentheses).
    fn render_body(&self, r: &mut Renderer) -> crate::Result<()>;
}

impl fmt::Debug for Chunk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Chunk::Str(s) => write!(f, "Str({s:?})"),
            Chunk::Name(n) => write!(f, "Name({n:?})"),
            Chunk::Column(c) => write!(f, "{c:?}"),
            Chunk::Table(t) => write!(f, "Table({:?})", t.name),
            Chunk::Param(v, _) => write!(f, "Param({v:?})"),
            Chunk::Placeholder(p) => write!(f, "Placeholder({:?})", p.name),
            Chunk::Sql(s) => write!(f, "{s:?}"),
            Chunk::List(l) => f.debug_list().entries(l).finish(),
            Chunk::Aliased(a) => write!(f, "Alias({:?})", a.alias),
            Chunk::Subquery(s) => write!(f, "{s:?}"),
            Chunk::Query(_) => f.write_str("Query(..)"),
            Chunk::Enum(e) => write!(f, "Enum({:?})", e.name()),
            Chunk::Error(e) => write!(f, "Error({e})"),
        }
    }
}

impl fmt::Debug for Sql {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Renderer::new().render_sql(self) {
            Ok(q) => write!(f, "Sql({:?}, {:?})", q.sql, q.params),
            Err(e) => write!(f, "Sql(<error: {e}>)"),
        }
    }
}

impl Sql {
    /// A fragment made of these chunks (no inlining, no decoder).
    pub fn from_chunks(chunks: Vec<Chunk>) -> Sql {
        Sql { chunks, inline: false, decoder: None }
    }
    pub(crate) fn str(s: &'static str) -> Chunk {
        Chunk::Str(Cow::Borrowed(s))
    }
    pub(crate) fn error(e: Error) -> Sql {
        Sql::from_chunks(vec![Chunk::Error(Box::new(e))])
    }

    /// `true` when the fragment renders nothing.
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Appends another fragment's chunks (drizzle's `append`).
    pub fn append(mut self, other: Sql) -> Sql {
        self.chunks.extend(other.chunks);
        self
    }

    /// `.as('alias')`: for select lists and CTE fields.
    ///
    /// ```
    /// use edgepg::{sql, pg::*};
    /// let users = table("users").column("name", text("name")).build();
    /// let name = users.col("name").unwrap();
    /// let q = select_fields(fields![lower: sql!("lower({})", name).as_("lower_name")]).from(&users);
    /// assert_eq!(q.to_sql().unwrap().sql, r#"select lower("name") as "lower_name" from "users""#);
    /// ```
    pub fn as_(self, alias: &str) -> Aliased {
        Aliased { sql: self, alias: alias.into(), is_selection_field: false }
    }

    /// `.mapWith(decoder)`: how the driver decodes this value. Does not change the SQL.
    pub fn map_with(mut self, decoder: Decoder) -> Sql {
        self.decoder = Some(decoder);
        self
    }

    /// The decoder set with [`map_with`](Sql::map_with).
    pub fn decoder(&self) -> Option<&Decoder> {
        self.decoder.as_ref()
    }

    /// `.inlineParams()`: values in this fragment render as escaped literals.
    ///
    /// ```
    /// use edgepg::sql;
    /// let q = sql!("select {}, {}", 1, "it's").inline_params().to_sql().unwrap();
    /// assert_eq!(q.sql, "select 1, 'it''s'");
    /// assert!(q.params.is_empty());
    /// ```
    pub fn inline_params(mut self) -> Sql {
        self.inline = true;
        self
    }

    /// `.if(cond)`: the fragment when `cond` holds, nothing otherwise.
    pub fn if_(self, cond: bool) -> Option<Sql> {
        cond.then_some(self)
    }

    /// Renders the fragment on its own (drizzle's `dialect.sqlToQuery(sql)`).
    pub fn to_sql(&self) -> crate::Result<Query> {
        Renderer::new().render_sql(self)
    }
}

/// A value or a SQL expression: what `default(...)`, `$defaultFn`, insert values and SET
/// values accept.
#[derive(Clone, Debug)]
pub enum ValueOrSql {
    /// A value, sent as a parameter (encoded by the column).
    Value(Value),
    /// SQL inlined as is.
    Sql(Sql),
    /// A placeholder filled at execute time (encoded by the column).
    Placeholder(String),
}

impl From<Sql> for ValueOrSql {
    fn from(s: Sql) -> Self {
        ValueOrSql::Sql(s)
    }
}
impl From<Placeholder> for ValueOrSql {
    fn from(p: Placeholder) -> Self {
        ValueOrSql::Placeholder(p.name)
    }
}

macro_rules! value_or_sql_from {
    ($($t:ty),*) => {$(
        impl From<$t> for ValueOrSql {
            fn from(v: $t) -> Self { ValueOrSql::Value(v.into()) }
        }
        impl From<Option<$t>> for ValueOrSql {
            fn from(v: Option<$t>) -> Self { ValueOrSql::Value(v.into()) }
        }
    )*};
}
value_or_sql_from!(
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    f32,
    f64,
    bool,
    &str,
    String,
    serde_json::Value,
    (f64, f64),
    (f64, f64, f64)
);

impl From<Value> for ValueOrSql {
    fn from(v: Value) -> Self {
        ValueOrSql::Value(v)
    }
}
impl<T: Into<Value>> From<Vec<T>> for ValueOrSql {
    fn from(v: Vec<T>) -> Self {
        ValueOrSql::Value(Value::from(v))
    }
}

impl ValueOrSql {
    /// As a chunk bound to `column` (values and placeholders go through its encoder).
    pub(crate) fn into_chunk(self, column: Option<&Column>) -> Chunk {
        match self {
            ValueOrSql::Value(v) => Chunk::Param(v, column.cloned()),
            ValueOrSql::Sql(s) => Chunk::Sql(s),
            ValueOrSql::Placeholder(name) => Chunk::Placeholder(Placeholder { name, encoder: column.cloned() }),
        }
    }
}
