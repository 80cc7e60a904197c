//! INSERT: values with drizzle's default rules, insert-from-select, on conflict, returning.

use std::sync::Arc;

use super::subquery::render_with;
use super::update::SetValues;
use super::{Select, Selection, Subquery};
use crate::schema::{Column, Table};
use crate::sql::{Chunk, Query, RenderSql, Renderer, Sql, ValueOrSql};
use crate::{Error, Result};

/// One row to insert: column keys to values. Keys that are not set get the column's
/// `$defaultFn`, then `$onUpdate` (when it has no `.default`), then the keyword `default`.
///
/// ```
/// use edgepg::{pg::*, Value};
/// let row = InsertRow::new().set("name", "Ann").set("email", Value::Null);
/// assert_eq!(row.len(), 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct InsertRow {
    entries: Vec<(String, ValueOrSql)>,
}

impl InsertRow {
    /// An empty row (every column gets its default).
    pub fn new() -> Self {
        InsertRow::default()
    }
    /// Sets the column under `key` (a value, `Value::Null`, SQL, or a placeholder).
    pub fn set(mut self, key: &str, v: impl Into<ValueOrSql>) -> Self {
        self.entries.retain(|(k, _)| k != key);
        self.entries.push((key.into(), v.into()));
        self
    }
    /// Number of columns set.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// `true` when no column is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Converts into an [`InsertRow`]: runtime rows and `pg_table!` insert structs.
pub trait IntoInsertRow {
    /// The row.
    fn into_insert_row(self) -> InsertRow;
}
impl IntoInsertRow for InsertRow {
    fn into_insert_row(self) -> InsertRow {
        self
    }
}

/// `insert(table)` before `.values(...)` / `.select(...)`.
#[must_use]
pub struct InsertBuilder {
    pub(crate) table: Table,
    pub(crate) with: Vec<Subquery>,
    pub(crate) overriding: bool,
}

#[derive(Clone, Debug)]
enum Body {
    Rows(Vec<Vec<Chunk>>),
    Select(Arc<dyn RenderSql>),
}

impl std::fmt::Debug for dyn RenderSql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<statement>")
    }
}

/// An INSERT statement.
///
/// ```
/// use edgepg::pg::*;
/// let cities = table("cities").column("id", serial("id").primary_key()).column("name", text("name").not_null()).build();
/// let q = insert(&cities)
///     .values([InsertRow::new().set("id", 1).set("name", "Paris")])
///     .on_conflict_do_update(
///         ConflictTarget::columns([cities.col("id").unwrap()]),
///         SetValues::new().set("name", "Paris"),
///     )
///     .to_sql()
///     .unwrap();
/// assert_eq!(q.sql, r#"insert into "cities" ("id", "name") values ($1, $2) on conflict ("id") do update set "name" = $3"#);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Insert {
    table: Table,
    with: Vec<Subquery>,
    overriding: bool,
    body: Body,
    on_conflict: Option<Sql>,
    returning: Option<Selection>,
    error: Option<Error>,
}

/// The columns (and optional `where`) of an `on conflict` target.
#[derive(Clone, Debug, Default)]
pub struct ConflictTarget {
    columns: Vec<Column>,
    target_where: Option<Sql>,
}

impl ConflictTarget {
    /// `on conflict ("a","b")`
    pub fn columns<I: IntoIterator<Item = C>, C: Into<Column>>(cols: I) -> Self {
        ConflictTarget { columns: cols.into_iter().map(Into::into).collect(), target_where: None }
    }
    /// `on conflict (...) where <cond>` (drizzle's `targetWhere`, or `where` of
    /// `onConflictDoNothing`).
    pub fn target_where(mut self, cond: impl Into<Option<Sql>>) -> Self {
        self.target_where = super::select::condition(cond);
        self
    }
    fn render_columns(&self, out: &mut Vec<Chunk>) {
        // drizzle joins escaped names with "," and no space.
        let names: Vec<String> =
            self.columns.iter().map(|c| format!("\"{}\"", c.name().replace('"', "\"\""))).collect();
        out.push(Chunk::Str(format!("({})", names.join(",")).into()));
        if let Some(w) = &self.target_where {
            out.push(Sql::str(" where "));
            out.push(Chunk::Sql(w.clone()));
        }
    }
}

impl InsertBuilder {
    /// `overriding system value` (for identity columns generated always).
    pub fn overriding_system_value(mut self) -> Self {
        self.overriding = true;
        self
    }

    /// The rows to insert; at least one.
    pub fn values<I: IntoIterator<Item = R>, R: IntoInsertRow>(self, rows: I) -> Insert {
        let mut error = None;
        let mut out = Vec::new();
        for row in rows {
            match build_row(&self.table, row.into_insert_row()) {
                Ok(r) => out.push(r),
                Err(e) => {
                    error.get_or_insert(e);
                }
            }
        }
        if out.is_empty() && error.is_none() {
            error = Some(Error::invalid("values() must be called with at least one value"));
        }
        self.finish(Body::Rows(out), error)
    }

    /// `insert into t (...) select ...`: a select whose fields match the table's columns in
    /// order, or raw SQL.
    pub fn select(self, q: impl Into<InsertSelect>) -> Insert {
        let (body, error) = match q.into() {
            InsertSelect::Select(s) => {
                let cols = Selection::of_table(&self.table);
                let ok = cols.keys().eq(s.selected_fields().keys());
                let e = (!ok).then(|| Error::invalid("Insert select error: selected fields are not the same or are in a different order compared to the table definition"));
                (Body::Select(Arc::new(*s)), e)
            }
            InsertSelect::Sql(s) => (Body::Select(Arc::new(s)), None),
        };
        self.finish(body, error)
    }

    fn finish(self, body: Body, error: Option<Error>) -> Insert {
        Insert {
            table: self.table,
            with: self.with,
            overriding: self.overriding,
            body,
            on_conflict: None,
            returning: None,
            error,
        }
    }
}

/// The source of an insert-from-select.
pub enum InsertSelect {
    /// A select builder.
    Select(Box<Select>),
    /// Raw SQL.
    Sql(Sql),
}
impl From<Select> for InsertSelect {
    fn from(s: Select) -> Self {
        InsertSelect::Select(Box::new(s))
    }
}
impl From<Sql> for InsertSelect {
    fn from(s: Sql) -> Self {
        InsertSelect::Sql(s)
    }
}

fn default_value(c: &Column) -> Chunk {
    let d = c.def();
    if let Some(f) = &d.default_fn {
        return f().into_chunk(Some(c));
    }
    if let (None, Some(f)) = (&d.default, &d.on_update_fn) {
        return f().into_chunk(Some(c));
    }
    Sql::str("default")
}

fn build_row(table: &Table, row: InsertRow) -> Result<Vec<Chunk>> {
    for (k, _) in &row.entries {
        table.col_index(k)?;
    }
    let mut out = Vec::with_capacity(table.columns().len());
    for c in table.columns().iter().filter(|c| !c.def().excluded_from_insert()) {
        let chunk = match row.entries.iter().find(|(k, _)| k == c.key()) {
            Some((_, v)) => v.clone().into_chunk(Some(c)),
            None => default_value(c),
        };
        out.push(chunk);
    }
    Ok(out)
}

impl Insert {
    fn fail(mut self, e: Error) -> Self {
        self.error.get_or_insert(e);
        self
    }

    /// `returning` every column.
    pub fn returning(mut self) -> Self {
        self.returning = Some(Selection::of_table(&self.table));
        self
    }
    /// `returning <fields>`.
    pub fn returning_fields(mut self, fields: Selection) -> Self {
        self.returning = Some(fields);
        self
    }
    /// The `returning` fields, if any.
    pub fn returning_selection(&self) -> Option<&Selection> {
        self.returning.as_ref()
    }

    /// `on conflict do nothing` (drizzle drops a `where` given without a target).
    pub fn on_conflict_do_nothing(mut self) -> Self {
        self.on_conflict = Some(Sql::from_chunks(vec![Sql::str("do nothing")]));
        self
    }

    /// `on conflict (<target>) [where ...] do nothing`.
    pub fn on_conflict_do_nothing_on(mut self, target: ConflictTarget) -> Self {
        let mut c = Vec::new();
        target.render_columns(&mut c);
        c.push(Sql::str(" do nothing"));
        self.on_conflict = Some(Sql::from_chunks(c));
        self
    }

    /// `on conflict (<target>) [where ...] do update set ...` (SET gets `$onUpdate` columns
    /// too). Use [`on_conflict_do_update_where`](Insert::on_conflict_do_update_where) for a
    /// `where` after the SET.
    pub fn on_conflict_do_update(self, target: ConflictTarget, set: SetValues) -> Self {
        self.on_conflict_do_update_where(target, set, None)
    }

    /// `... do update set ... where <set_where>` (drizzle's `setWhere`).
    pub fn on_conflict_do_update_where(
        mut self,
        target: ConflictTarget,
        set: SetValues,
        set_where: impl Into<Option<Sql>>,
    ) -> Self {
        let set_sql = match set.build(&self.table) {
            Ok(s) => s,
            Err(e) => return self.fail(e),
        };
        let mut c = Vec::new();
        target.render_columns(&mut c);
        c.push(Sql::str(" do update set "));
        c.push(Chunk::Sql(set_sql));
        if let Some(w) = super::select::condition(set_where) {
            c.push(Sql::str(" where "));
            c.push(Chunk::Sql(w));
        }
        self.on_conflict = Some(Sql::from_chunks(c));
        self
    }

    /// drizzle's deprecated `onConflictDoUpdate({ where })`: rendered where `setWhere` goes;
    /// combining it with a target `where` is an error, as in drizzle.
    pub fn on_conflict_do_update_deprecated_where(self, target: ConflictTarget, set: SetValues, where_: Sql) -> Self {
        if target.target_where.is_some() {
            return self.fail(Error::invalid(
                "You cannot use both \"where\" and \"targetWhere\"/\"setWhere\" at the same time - \"where\" is deprecated, use \"targetWhere\" or \"setWhere\" instead.",
            ));
        }
        self.on_conflict_do_update_where(target, set, where_)
    }

    /// Renders the statement.
    pub fn to_sql(&self) -> Result<Query> {
        Renderer::new().render_query(self)
    }
}

impl RenderSql for Insert {
    fn render(&self, r: &mut Renderer) -> Result<()> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        render_with(r, &self.with)?;
        r.push("insert into ");
        r.chunk(&Chunk::Table(self.table.table_name().clone()))?;
        r.push(" (");
        let mut first = true;
        for c in self.table.columns().iter().filter(|c| !c.def().excluded_from_insert()) {
            if !first {
                r.push(", ");
            }
            first = false;
            r.name(c.name());
        }
        r.push(") ");
        if self.overriding {
            r.push("overriding system value ");
        }
        match &self.body {
            Body::Rows(rows) => {
                r.push("values ");
                for (i, row) in rows.iter().enumerate() {
                    if i > 0 {
                        r.push(", ");
                    }
                    r.list(row)?;
                }
            }
            Body::Select(q) => q.render(r)?,
        }
        if let Some(c) = &self.on_conflict {
            r.push(" on conflict ");
            r.sql(c)?;
        }
        if let Some(ret) = &self.returning {
            r.push(" returning ");
            ret.render(r, true)?;
        }
        Ok(())
    }
}
