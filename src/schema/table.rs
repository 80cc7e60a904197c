//! Tables: declared at run time (so the TS facade can define them too) or through
//! [`pg_table!`](crate::pg_table).

use std::fmt;
use std::sync::Arc;

use super::column::{Column, ColumnBuilder, ColumnDef, IdentityOptions, TableName};
use super::enums::PgEnum;
use super::extras::{ForeignKey, TableExtra};
use super::security::PgSequence;
use crate::{Error, Result};

/// A table. Cheap to clone (one reference count).
///
/// ```
/// use edgepg::pg::*;
/// let cities = table("cities")
///     .column("id", serial("id").primary_key())
///     .column("name", text("name").not_null())
///     .build();
/// assert_eq!(cities.columns().len(), 2);
/// assert_eq!(cities.col("name").unwrap().qualified_name(), r#""cities"."name""#);
/// ```
#[derive(Clone)]
pub struct Table(pub(crate) Arc<TableInner>);

pub(crate) struct TableInner {
    pub(crate) name: Arc<TableName>,
    pub(crate) columns: Vec<Column>,
    pub(crate) extras: Vec<TableExtra>,
    pub(crate) rls: bool,
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table").field("name", &self.0.name).field("columns", &self.0.columns).finish()
    }
}

impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Table {
    /// The name used in references (the alias for an alias).
    pub fn name(&self) -> &str {
        &self.0.name.name
    }
    /// The schema, if any.
    pub fn schema(&self) -> Option<&str> {
        self.0.name.schema.as_deref()
    }
    /// The table's real name.
    pub fn original_name(&self) -> &str {
        &self.0.name.original
    }
    /// `true` for [`alias`](Table::alias)es.
    pub fn is_alias(&self) -> bool {
        self.0.name.is_alias
    }
    /// The naming shared by its columns.
    pub fn table_name(&self) -> &Arc<TableName> {
        &self.0.name
    }
    /// Columns in declaration order.
    pub fn columns(&self) -> &[Column] {
        &self.0.columns
    }
    /// The column declared under `key`, or an error naming the table and key.
    pub fn col(&self, key: &str) -> Result<Column> {
        self.0
            .columns
            .iter()
            .find(|c| c.def.key == key)
            .cloned()
            .ok_or_else(|| Error::UnknownColumn { table: self.name().into(), column: key.into() })
    }
    /// Index of the column declared under `key`.
    pub fn col_index(&self, key: &str) -> Result<usize> {
        self.0
            .columns
            .iter()
            .position(|c| c.def.key == key)
            .ok_or_else(|| Error::UnknownColumn { table: self.name().into(), column: key.into() })
    }
    /// Table extras (indexes, constraints) in declaration order.
    pub fn extras(&self) -> &[TableExtra] {
        &self.0.extras
    }
    /// `.enableRLS()` was called.
    pub fn rls_enabled(&self) -> bool {
        self.0.rls
    }

    /// Every foreign key: column-level `references(...)` first, then table-level ones
    /// (drizzle's `getTableConfig(t).foreignKeys`).
    pub fn foreign_keys(&self) -> Vec<ForeignKey> {
        let mut out = Vec::new();
        for c in &self.0.columns {
            for r in &c.def.references {
                out.push(ForeignKey {
                    name: None,
                    table: self.original_name().into(),
                    columns: vec![c.def.name.clone()],
                    foreign_table: r.table.clone(),
                    foreign_columns: vec![r.column.clone()],
                    on_delete: r.on_delete,
                    on_update: r.on_update,
                });
            }
        }
        for e in &self.0.extras {
            if let TableExtra::ForeignKey(fk) = e {
                out.push(fk.clone());
            }
        }
        out
    }
    /// The same table with `casing` applied to the names of its columns declared without one
    /// (drizzle's `casing` option; see [`Casing`](super::Casing)).
    pub fn with_casing(&self, casing: super::Casing) -> Table {
        let columns = self
            .0
            .columns
            .iter()
            .map(|c| {
                if !c.def.key_as_name {
                    return c.clone();
                }
                let mut def = (*c.def).clone();
                def.name = casing.apply(&def.key);
                Column { owner: c.owner.clone(), def: Arc::new(def) }
            })
            .collect();
        Table(Arc::new(TableInner {
            name: self.0.name.clone(),
            columns,
            extras: self.0.extras.clone(),
            rls: self.0.rls,
        }))
    }

    /// drizzle's `alias(table, name)`: the same table under another name, for self-joins.
    ///
    /// ```
    /// use edgepg::pg::*;
    /// let users = table("users").column("id", serial("id")).build();
    /// let parent = users.alias("parent");
    /// let q = select().from(&parent).filter(eq(parent.col("id").unwrap(), 1));
    /// assert_eq!(q.to_sql().unwrap().sql, r#"select "id" from "users" "parent" where "parent"."id" = $1"#);
    /// ```
    pub fn alias(&self, alias: &str) -> Table {
        let name = Arc::new(TableName {
            schema: self.0.name.schema.clone(),
            name: alias.into(),
            original: self.0.name.original.clone(),
            is_alias: true,
        });
        let columns = self.0.columns.iter().map(|c| c.with_owner(name.clone())).collect();
        Table(Arc::new(TableInner { name, columns, extras: self.0.extras.clone(), rls: self.0.rls }))
    }
}

/// Declares a table (drizzle's `pgTable(name, columns, extras)`).
///
/// Columns are added with [`column`](TableBuilder::column) under a key (the name used for row
/// objects); a builder with an empty name takes the key as its database name.
#[must_use]
pub struct TableBuilder {
    name: String,
    schema: Option<String>,
    columns: Vec<(String, ColumnBuilder)>,
    rls: bool,
}

/// Starts a table declaration.
pub fn table(name: &str) -> TableBuilder {
    TableBuilder::new(name)
}

impl TableBuilder {
    /// A table named `name`.
    pub fn new(name: &str) -> Self {
        TableBuilder { name: name.into(), schema: None, columns: Vec::new(), rls: false }
    }
    /// Puts the table in a schema (see also [`PgSchema::table`](super::PgSchema::table)).
    pub fn schema(mut self, schema: &str) -> Self {
        self.schema = Some(schema.into());
        self
    }
    /// Adds a column under `key`.
    pub fn column(mut self, key: &str, column: ColumnBuilder) -> Self {
        self.columns.push((key.into(), column));
        self
    }
    /// `.enableRLS()`.
    pub fn enable_rls(mut self) -> Self {
        self.rls = true;
        self
    }
    /// Finishes the table.
    pub fn build(self) -> Table {
        let name = Arc::new(TableName {
            schema: self.schema,
            name: self.name.clone(),
            original: self.name.clone(),
            is_alias: false,
        });
        let columns = self
            .columns
            .into_iter()
            .map(|(key, b)| Column { owner: name.clone(), def: Arc::new(b.finish(&key, &self.name)) })
            .collect();
        Table(Arc::new(TableInner { name, columns, extras: Vec::new(), rls: self.rls }))
    }
    /// Finishes the table with extras built from its columns (drizzle's third `pgTable`
    /// argument). Errors from the callback (e.g. an unknown column key) are returned.
    ///
    /// ```
    /// use edgepg::pg::*;
    /// let t = table("t").column("a", integer("a")).column("b", integer("b"))
    ///     .build_with(|t| Ok(vec![primary_key([t.col("a")?, t.col("b")?]).into()]))
    ///     .unwrap();
    /// assert_eq!(t.extras()[0].name(&t), "t_a_b_pk");
    /// ```
    pub fn build_with<F>(self, extras: F) -> Result<Table>
    where
        F: FnOnce(&Table) -> Result<Vec<TableExtra>>,
    {
        let t = self.build();
        let extras = extras(&t)?;
        let inner = TableInner { name: t.0.name.clone(), columns: t.0.columns.clone(), extras, rls: t.0.rls };
        Ok(Table(Arc::new(inner)))
    }
}

impl ColumnDef {
    /// A column definition not yet attached to a table (for tests and tools).
    pub fn detached(key: &str, builder: ColumnBuilder) -> ColumnDef {
        builder.finish(key, "")
    }
}

impl TableExtra {
    /// The constraint or index name, with drizzle's defaults.
    pub fn name(&self, table: &Table) -> String {
        let cols = |cs: &[Column]| cs.iter().map(|c| c.def.name.clone()).collect::<Vec<_>>().join("_");
        match self {
            TableExtra::Index(i) => i.name.clone(),
            TableExtra::PrimaryKey(p) => {
                p.name.clone().unwrap_or_else(|| format!("{}_{}_pk", table.name(), cols(&p.columns)))
            }
            TableExtra::ForeignKey(f) => f.name(),
            TableExtra::Check(c) => c.name.clone(),
            TableExtra::Unique(u) => {
                u.name.clone().unwrap_or_else(|| format!("{}_{}_unique", table.name(), cols(&u.columns)))
            }
            TableExtra::Policy(p) => p.name.clone(),
        }
    }
}

/// A Postgres schema (drizzle's `pgSchema`): tables and enums declared through it are
/// qualified with its name.
///
/// ```
/// use edgepg::pg::*;
/// let s = pg_schema("my_schema");
/// let users = s.table("users").column("id", serial("id")).build();
/// assert_eq!(select().from(&users).to_sql().unwrap().sql, r#"select "id" from "my_schema"."users""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgSchema {
    name: String,
}

/// Declares a schema (drizzle's `pgSchema(name)`).
pub fn pg_schema(name: &str) -> PgSchema {
    PgSchema { name: name.into() }
}

impl PgSchema {
    /// The schema's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Starts a table in this schema.
    pub fn table(&self, name: &str) -> TableBuilder {
        TableBuilder::new(name).schema(&self.name)
    }
    /// Declares a sequence in this schema.
    pub fn sequence(&self, name: &str, options: IdentityOptions) -> PgSequence {
        PgSequence { name: name.into(), schema: Some(self.name.clone()), options }
    }
    /// Declares an enum in this schema.
    pub fn enum_<I, S>(&self, name: &str, values: I) -> PgEnum
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        PgEnum::in_schema(name, Some(self.name.clone()), values.into_iter().map(Into::into).collect())
    }
}

/// drizzle's `pgTableCreator`: a table factory that rewrites every table name.
///
/// ```
/// use edgepg::pg::*;
/// let app = table_creator(|n| format!("app_{n}"));
/// assert_eq!(app("things").column("id", serial("id")).build().name(), "app_things");
/// ```
pub fn table_creator<F>(f: F) -> impl Fn(&str) -> TableBuilder
where
    F: Fn(&str) -> String,
{
    move |name| TableBuilder::new(&f(name))
}
