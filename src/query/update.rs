//! UPDATE (set with values/SQL/columns, `$onUpdate` columns, from, joins, returning) and the
//! SET builder shared with `onConflictDoUpdate`.

use super::select::{condition, render_joins, Join};
use super::subquery::render_with;
use super::{Field, IntoSource, Selection, Source, Subquery};
use crate::schema::{Column, Table};
use crate::sql::{Chunk, Query, RenderSql, Renderer, Sql, ValueOrSql};
use crate::typed::{Col, Operand, TableDecl};
use crate::{Error, Result};

/// Values for `set`: column key to value, SQL, column or placeholder. Columns are written in
/// table-definition order, and `$onUpdate` columns are added automatically.
///
/// ```
/// use edgepg::{sql, pg::*};
/// let users = table("users").column("id", serial("id")).column("name", text("name")).build();
/// let q = update(&users)
///     .set(SetValues::new().set("name", sql!("upper({})", users.col("name").unwrap())))
///     .filter(eq(users.col("id").unwrap(), 1))
///     .to_sql()
///     .unwrap();
/// assert_eq!(q.sql, r#"update "users" set "name" = upper("users"."name") where "users"."id" = $1"#);
/// ```
#[derive(Clone, Debug, Default)]
pub struct SetValues {
    entries: Vec<(String, SetValue)>,
}

#[derive(Clone, Debug)]
enum SetValue {
    Value(ValueOrSql),
    Bound(Chunk),
}

impl SetValues {
    /// No values yet.
    pub fn new() -> Self {
        SetValues::default()
    }
    /// Sets the column under `key`.
    pub fn set(mut self, key: &str, v: impl Into<ValueOrSql>) -> Self {
        self.entries.retain(|(k, _)| k != key);
        self.entries.push((key.into(), SetValue::Value(v.into())));
        self
    }
    /// Sets a typed column; the value must match its SQL type.
    pub fn col<T: TableDecl, ST, V: Operand<ST>>(mut self, c: Col<T, ST>, v: V) -> Self {
        let col = c.column();
        let chunk = v.into_operand(Some(&col));
        self.entries.retain(|(k, _)| k != col.key());
        self.entries.push((col.key().into(), SetValue::Bound(chunk)));
        self
    }
    /// `true` when nothing is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// drizzle's `mapUpdateSet` + `buildUpdateSet`.
    pub(crate) fn build(&self, table: &Table) -> Result<Sql> {
        if self.entries.is_empty() {
            return Err(Error::invalid("No values to set"));
        }
        for (k, _) in &self.entries {
            table.col_index(k)?;
        }
        let mut chunks = Vec::new();
        for c in table.columns() {
            let given = self.entries.iter().find(|(k, _)| k == c.key()).map(|(_, v)| v);
            let value = match (given, &c.def().on_update_fn) {
                (Some(SetValue::Value(v)), _) => v.clone().into_chunk(Some(c)),
                (Some(SetValue::Bound(ch)), _) => ch.clone(),
                (None, Some(f)) => f().into_chunk(Some(c)),
                (None, None) => continue,
            };
            if !chunks.is_empty() {
                chunks.push(Sql::str(", "));
            }
            chunks.push(Chunk::Name(c.name().to_owned().into()));
            chunks.push(Sql::str(" = "));
            chunks.push(value);
        }
        Ok(Sql::from_chunks(chunks))
    }
}

/// `update(table)` before `.set(...)`.
#[must_use]
pub struct UpdateBuilder {
    pub(crate) table: Table,
    pub(crate) with: Vec<Subquery>,
}

impl UpdateBuilder {
    /// The values to set; an empty set is an error (`No values to set`).
    pub fn set(self, values: SetValues) -> Update {
        let (set, error) = match values.build(&self.table) {
            Ok(s) => (s, None),
            Err(e) => (Sql::default(), Some(e)),
        };
        Update {
            table: self.table,
            with: self.with,
            set,
            from: None,
            joins: Vec::new(),
            where_: None,
            returning: None,
            error,
        }
    }
}

/// An UPDATE statement.
#[derive(Clone, Debug)]
#[must_use]
pub struct Update {
    table: Table,
    with: Vec<Subquery>,
    set: Sql,
    from: Option<Source>,
    joins: Vec<Join>,
    where_: Option<Sql>,
    returning: Option<Selection>,
    error: Option<Error>,
}

impl Update {
    /// `from <source>`
    pub fn from(mut self, source: impl IntoSource) -> Self {
        self.from = Some(source.into_source());
        self
    }
    fn join(mut self, kind: &'static str, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        let source = source.into_source();
        if let Some(n) = source.name() {
            if self.joins.iter().any(|j| j.source.name() == Some(n)) {
                self.error.get_or_insert(Error::invalid(format!("Alias \"{n}\" is already used in this query")));
            }
        }
        self.joins.push(Join { kind, lateral: false, source, on: condition(on) });
        self
    }
    /// `left join <source> on <cond>` (after `from`).
    pub fn left_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("left", source, on)
    }
    /// `right join`
    pub fn right_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("right", source, on)
    }
    /// `inner join`
    pub fn inner_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("inner", source, on)
    }
    /// `full join`
    pub fn full_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("full", source, on)
    }
    /// `where <cond>`
    pub fn filter(mut self, cond: impl Into<Option<Sql>>) -> Self {
        self.where_ = condition(cond);
        self
    }
    /// `returning` every column (plus the `from`/joined tables as nested objects).
    pub fn returning(mut self) -> Self {
        let mut sel = Selection::of_table(&self.table);
        let extra = self.from.iter().chain(self.joins.iter().map(|j| &j.source));
        for s in extra {
            if let (Some(n), false) = (s.name(), matches!(s, Source::Sql(_))) {
                sel.set(n, Field::Nested(s.selection()));
            }
        }
        self.returning = Some(sel);
        self
    }
    /// `returning <fields>`
    pub fn returning_fields(mut self, fields: Selection) -> Self {
        self.returning = Some(fields);
        self
    }
    /// The `returning` fields, if any.
    pub fn returning_selection(&self) -> Option<&Selection> {
        self.returning.as_ref()
    }
    /// Renders the statement.
    pub fn to_sql(&self) -> Result<Query> {
        Renderer::new().render_query(self)
    }
}

impl RenderSql for Update {
    fn render(&self, r: &mut Renderer) -> Result<()> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        render_with(r, &self.with)?;
        r.push("update ");
        Source::Table(self.table.clone()).render(r)?;
        r.push(" set ");
        r.sql(&self.set)?;
        if let Some(f) = &self.from {
            r.push(" from ");
            f.render(r)?;
        }
        render_joins(r, &self.joins)?;
        if let Some(w) = &self.where_ {
            r.push(" where ");
            r.sql(w)?;
        }
        if let Some(ret) = &self.returning {
            r.push(" returning ");
            ret.render(r, self.from.is_none())?;
        }
        Ok(())
    }
}

impl From<Column> for ValueOrSql {
    fn from(c: Column) -> Self {
        ValueOrSql::Sql(Sql::from_chunks(vec![Chunk::Column(c)]))
    }
}
impl From<&Column> for ValueOrSql {
    fn from(c: &Column) -> Self {
        ValueOrSql::from(c.clone())
    }
}
