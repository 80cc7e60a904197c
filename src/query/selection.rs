//! Select lists: fields, nested objects, and how they render.

use std::sync::Arc;

use super::Subquery;
use crate::schema::{Column, Table};
use crate::sql::{Aliased, Chunk, Renderer, Sql, SqlArg};
use crate::typed::{Dyn, Expr, Operand};
use crate::{Error, Result};

/// One selected field (drizzle: a column, `sql`, `sql.as(...)`, a subquery, or a nested
/// object of fields).
#[derive(Clone, Debug)]
pub enum Field {
    /// A column.
    Column(Column),
    /// A SQL expression without alias.
    Sql(Sql),
    /// An aliased expression (`... as "alias"`).
    Aliased(Aliased),
    /// A scalar subquery.
    Subquery(Subquery),
    /// A nested object of fields.
    Nested(Selection),
}

impl Field {
    /// The chunk that references this field from elsewhere in the statement.
    pub(crate) fn chunk(self) -> Chunk {
        match self {
            Field::Column(c) => Chunk::Column(c),
            Field::Sql(s) => Chunk::Sql(s),
            Field::Aliased(a) => Chunk::Aliased(Arc::new(a)),
            Field::Subquery(s) => s.chunk(),
            Field::Nested(_) => {
                Chunk::Error(Box::new(Error::invalid("a nested object of fields cannot be used as a SQL expression")))
            }
        }
    }

    /// A field of a nested object (for the callback forms).
    pub fn get(&self, key: &str) -> Field {
        match self {
            Field::Nested(s) => s.get(key).cloned().unwrap_or_else(|| missing(key)),
            _ => missing(key),
        }
    }
}

fn missing(key: &str) -> Field {
    Field::Sql(Sql::error(Error::invalid(format!("the selection has no field \"{key}\""))))
}

impl From<Column> for Field {
    fn from(c: Column) -> Self {
        Field::Column(c)
    }
}
impl From<&Column> for Field {
    fn from(c: &Column) -> Self {
        Field::Column(c.clone())
    }
}
impl From<Sql> for Field {
    fn from(s: Sql) -> Self {
        Field::Sql(s)
    }
}
impl From<Aliased> for Field {
    fn from(a: Aliased) -> Self {
        Field::Aliased(a)
    }
}
impl From<Subquery> for Field {
    fn from(s: Subquery) -> Self {
        Field::Subquery(s)
    }
}
impl From<Selection> for Field {
    fn from(s: Selection) -> Self {
        Field::Nested(s)
    }
}
/// A whole table as a field: a nested object of its columns.
impl From<&Table> for Field {
    fn from(t: &Table) -> Self {
        Field::Nested(Selection::of_table(t))
    }
}
impl<T: crate::typed::TableDecl, ST> From<crate::typed::Col<T, ST>> for Field {
    fn from(c: crate::typed::Col<T, ST>) -> Self {
        Field::Column(c.column())
    }
}

/// A select list: keyed fields in order (drizzle's selection object). Keys become the row
/// object's keys; nesting builds nested objects.
///
/// ```
/// use edgepg::{sql, pg::*};
/// let users = table("users").column("id", serial("id")).column("name", text("name")).build();
/// let (id, name) = (users.col("id").unwrap(), users.col("name").unwrap());
/// let sel = fields![id: id, info: { name: name.clone() }, lower: sql!("lower({})", name)];
/// assert_eq!(sel.keys().collect::<Vec<_>>(), ["id", "info", "lower"]);
/// let q = select_fields(sel).from(&users).to_sql().unwrap();
/// assert_eq!(q.sql, r#"select "id", "name", lower("name") from "users""#);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Selection {
    entries: Vec<(String, Field)>,
}

impl Selection {
    /// An empty selection.
    pub fn new() -> Self {
        Selection::default()
    }
    /// Adds (or replaces, keeping its place) the field under `key`.
    pub fn field(mut self, key: &str, f: impl Into<Field>) -> Self {
        self.set(key, f.into());
        self
    }
    pub(crate) fn set(&mut self, key: &str, f: Field) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = f,
            None => self.entries.push((key.to_owned(), f)),
        }
    }
    /// The field under `key`.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, f)| f)
    }
    /// Top-level keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
    /// Top-level entries in order.
    pub fn entries(&self) -> &[(String, Field)] {
        &self.entries
    }
    /// `true` when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Every column of a table, keyed by column key.
    pub fn of_table(t: &Table) -> Selection {
        Selection { entries: t.columns().iter().map(|c| (c.key().to_owned(), Field::Column(c.clone()))).collect() }
    }

    /// Leaf fields with their key paths, in order (drizzle's `orderSelectedFields`).
    pub fn leaves(&self) -> Vec<(Vec<String>, &Field)> {
        let mut out = Vec::new();
        self.collect(&mut Vec::new(), &mut out);
        out
    }

    fn collect<'a>(&'a self, prefix: &mut Vec<String>, out: &mut Vec<(Vec<String>, &'a Field)>) {
        for (k, f) in &self.entries {
            prefix.push(k.clone());
            match f {
                Field::Nested(s) => s.collect(prefix, out),
                leaf => out.push((prefix.clone(), leaf)),
            }
            prefix.pop();
        }
    }

    fn for_each_leaf<'a>(&'a self, f: &mut impl FnMut(&'a Field) -> Result<()>) -> Result<()> {
        for (_, field) in &self.entries {
            match field {
                Field::Nested(s) => s.for_each_leaf(f)?,
                leaf => f(leaf)?,
            }
        }
        Ok(())
    }

    /// Visits leaf fields in order without allocating paths.
    pub(crate) fn try_leaves<'a>(&'a self, mut f: impl FnMut(&'a Field) -> Result<()>) -> Result<()> {
        self.for_each_leaf(&mut f)
    }

    /// drizzle's `buildSelection`: single-table lists print top-level columns bare.
    pub(crate) fn render(&self, r: &mut Renderer, single_table: bool) -> Result<()> {
        let mut first = true;
        self.try_leaves(|field| {
            if !first {
                r.push(", ");
            }
            first = false;
            match field {
                Field::Aliased(a) if a.is_selection_field => r.name(&a.alias),
                Field::Aliased(a) => {
                    if single_table {
                        r.sql_bare_columns(&a.sql)?;
                    } else {
                        r.sql(&a.sql)?;
                    }
                    r.push(" as ");
                    r.name(&a.alias);
                }
                Field::Sql(s) if single_table => r.sql_bare_columns(s)?,
                Field::Sql(s) => r.sql(s)?,
                Field::Column(c) if single_table => r.name(c.name()),
                Field::Column(c) => r.chunk(&Chunk::Column(c.clone()))?,
                Field::Subquery(s) => r.chunk(&s.chunk())?,
                Field::Nested(_) => {}
            }
            Ok(())
        })
    }

    /// The same fields seen through a subquery or CTE named `owner`: columns are re-parented,
    /// aliased expressions become bare references, unaliased SQL cannot be referenced.
    pub(crate) fn proxied(&self, owner: &Arc<crate::schema::TableName>) -> Selection {
        let entries = self
            .entries
            .iter()
            .map(|(k, f)| {
                let f = match f {
                    Field::Column(c) => Field::Column(c.with_owner(owner.clone())),
                    Field::Aliased(a) => Field::Aliased(Aliased { is_selection_field: true, ..a.clone() }),
                    Field::Sql(_) => Field::Sql(Sql::error(Error::invalid(format!(
                        "You tried to reference \"{k}\" field from a subquery, which is a raw SQL field, but it doesn't have an alias declared. Please add an alias to the field using \".as('alias')\" method."
                    )))),
                    Field::Subquery(s) => Field::Subquery(s.clone()),
                    Field::Nested(s) => Field::Nested(s.proxied(owner)),
                };
                (k.clone(), f)
            })
            .collect();
        Selection { entries }
    }

    /// The same fields as a callback sees them: aliased expressions either as their SQL
    /// (`where`, `having`) or as a reference to the alias (`orderBy`, `groupBy`).
    pub(crate) fn view(&self, aliased_as_alias: bool) -> Selection {
        let entries = self
            .entries
            .iter()
            .map(|(k, f)| {
                let f = match f {
                    Field::Aliased(a) if !aliased_as_alias && !a.is_selection_field => Field::Sql(a.sql.clone()),
                    Field::Nested(s) => Field::Nested(s.view(aliased_as_alias)),
                    other => other.clone(),
                };
                (k.clone(), f)
            })
            .collect();
        Selection { entries }
    }
}

/// Builds a [`Selection`]: `fields![key: expr, nested: { key: expr }]`.
#[macro_export]
macro_rules! fields {
    (@acc $sel:expr ;) => { $sel };
    (@acc $sel:expr ; $key:ident : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $crate::fields!(@acc $sel.field(::core::stringify!($key), $crate::fields!($($inner)*)) ; $($($rest)*)?)
    };
    (@acc $sel:expr ; $key:ident : $val:expr $(, $($rest:tt)*)?) => {
        $crate::fields!(@acc $sel.field(::core::stringify!($key), $val) ; $($($rest)*)?)
    };
    ($($tt:tt)*) => { $crate::fields!(@acc $crate::query::Selection::new() ; $($tt)*) };
}

impl From<Field> for Sql {
    fn from(f: Field) -> Sql {
        Sql::from_chunks(vec![f.chunk()])
    }
}
impl SqlArg for Field {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(self.chunk());
    }
}
impl Expr for Field {
    type SqlType = Dyn;
    fn into_chunk(self) -> Chunk {
        self.chunk()
    }
    fn encoder(&self) -> Option<Column> {
        match self {
            Field::Column(c) => Some(c.clone()),
            _ => None,
        }
    }
}

impl<ST> Operand<ST> for Field {
    fn into_operand(self, _: Option<&Column>) -> Chunk {
        self.chunk()
    }
}
