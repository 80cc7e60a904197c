//! Table extras: indexes and constraints (drizzle's third `pgTable` argument).
//!
//! drizzle-orm never emits DDL; these are kept as data (names follow drizzle's defaults) for
//! tools and for parity with `getTableConfig`.

use super::column::{Column, FkAction};
use crate::sql::Sql;

/// Sort order of an index column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexOrder {
    /// `asc`
    Asc,
    /// `desc`
    Desc,
}

/// Null placement of an index column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NullsOrder {
    /// `nulls first`
    First,
    /// `nulls last`
    Last,
}

/// One column (or expression) of an index, with its options.
#[derive(Debug, Clone)]
pub struct IndexColumn {
    /// The indexed column, or `None` for an expression.
    pub column: Option<Column>,
    /// The indexed expression, for expression indexes.
    pub expr: Option<Sql>,
    /// `asc` / `desc`.
    pub order: Option<IndexOrder>,
    /// `nulls first` / `nulls last`.
    pub nulls: Option<NullsOrder>,
    /// Operator class.
    pub op: Option<String>,
}

impl From<Column> for IndexColumn {
    fn from(c: Column) -> Self {
        IndexColumn { column: Some(c), expr: None, order: None, nulls: None, op: None }
    }
}

impl From<Sql> for IndexColumn {
    fn from(s: Sql) -> Self {
        IndexColumn { column: None, expr: Some(s), order: None, nulls: None, op: None }
    }
}

impl IndexColumn {
    /// `.asc()`
    pub fn asc(mut self) -> Self {
        self.order = Some(IndexOrder::Asc);
        self
    }
    /// `.desc()`
    pub fn desc(mut self) -> Self {
        self.order = Some(IndexOrder::Desc);
        self
    }
    /// `.nullsFirst()`
    pub fn nulls_first(mut self) -> Self {
        self.nulls = Some(NullsOrder::First);
        self
    }
    /// `.nullsLast()`
    pub fn nulls_last(mut self) -> Self {
        self.nulls = Some(NullsOrder::Last);
        self
    }
    /// `.op('opclass')`
    pub fn op(mut self, op: &str) -> Self {
        self.op = Some(op.into());
        self
    }
}

/// `index(name)` / `uniqueIndex(name)`.
#[derive(Debug, Clone)]
pub struct Index {
    /// Index name.
    pub name: String,
    /// `uniqueIndex`.
    pub unique: bool,
    /// Indexed columns.
    pub columns: Vec<IndexColumn>,
    /// `.onOnly(...)`.
    pub only: bool,
    /// `.using(method, ...)`.
    pub method: Option<String>,
    /// `.where(sql)`.
    pub where_: Option<Sql>,
    /// `.concurrently()`.
    pub concurrently: bool,
    /// `.with({...})` storage parameters.
    pub with: Vec<(String, String)>,
}

/// `index(name)`.
pub fn index(name: &str) -> Index {
    Index {
        name: name.into(),
        unique: false,
        columns: Vec::new(),
        only: false,
        method: None,
        where_: None,
        concurrently: false,
        with: Vec::new(),
    }
}

/// `uniqueIndex(name)`.
pub fn unique_index(name: &str) -> Index {
    Index { unique: true, ..index(name) }
}

impl Index {
    /// `.on(cols...)`
    pub fn on<I: IntoIterator<Item = C>, C: Into<IndexColumn>>(mut self, cols: I) -> Self {
        self.columns = cols.into_iter().map(Into::into).collect();
        self
    }
    /// `.onOnly(cols...)`
    pub fn on_only<I: IntoIterator<Item = C>, C: Into<IndexColumn>>(self, cols: I) -> Self {
        Index { only: true, ..self.on(cols) }
    }
    /// `.using(method, cols...)`
    pub fn using<I: IntoIterator<Item = C>, C: Into<IndexColumn>>(self, method: &str, cols: I) -> Self {
        Index { method: Some(method.into()), ..self.on(cols) }
    }
    /// `.where(sql)`
    pub fn where_(mut self, cond: Sql) -> Self {
        self.where_ = Some(cond);
        self
    }
    /// `.concurrently()`
    pub fn concurrently(mut self) -> Self {
        self.concurrently = true;
        self
    }
    /// `.with({ key: value })`
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.with.push((key.into(), value.into()));
        self
    }
}

/// `primaryKey({ columns, name })`.
#[derive(Debug, Clone)]
pub struct PrimaryKey {
    /// Explicit name.
    pub name: Option<String>,
    /// Key columns.
    pub columns: Vec<Column>,
}

/// `primaryKey({ columns })`.
pub fn primary_key<I: IntoIterator<Item = Column>>(columns: I) -> PrimaryKey {
    PrimaryKey { name: None, columns: columns.into_iter().collect() }
}

impl PrimaryKey {
    /// `{ name }`
    pub fn named(mut self, name: &str) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// A foreign key (table-level, or derived from a column's `references`).
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKey {
    /// Explicit name.
    pub name: Option<String>,
    /// The referencing table's name.
    pub table: String,
    /// Referencing column names.
    pub columns: Vec<String>,
    /// Referenced table's name.
    pub foreign_table: String,
    /// Referenced column names.
    pub foreign_columns: Vec<String>,
    /// `on delete`.
    pub on_delete: Option<FkAction>,
    /// `on update`.
    pub on_update: Option<FkAction>,
}

/// `foreignKey({ columns, foreignColumns, name })`.
pub fn foreign_key<I, J>(columns: I, foreign_columns: J) -> ForeignKey
where
    I: IntoIterator<Item = Column>,
    J: IntoIterator<Item = Column>,
{
    let columns: Vec<Column> = columns.into_iter().collect();
    let foreign: Vec<Column> = foreign_columns.into_iter().collect();
    ForeignKey {
        name: None,
        table: columns.first().map(|c| c.owner.original.clone()).unwrap_or_default(),
        columns: columns.iter().map(|c| c.def.name.clone()).collect(),
        foreign_table: foreign.first().map(|c| c.owner.original.clone()).unwrap_or_default(),
        foreign_columns: foreign.iter().map(|c| c.def.name.clone()).collect(),
        on_delete: None,
        on_update: None,
    }
}

impl ForeignKey {
    /// `{ name }`
    pub fn named(mut self, name: &str) -> Self {
        self.name = Some(name.into());
        self
    }
    /// `.onDelete(action)`
    pub fn on_delete(mut self, a: FkAction) -> Self {
        self.on_delete = Some(a);
        self
    }
    /// `.onUpdate(action)`
    pub fn on_update(mut self, a: FkAction) -> Self {
        self.on_update = Some(a);
        self
    }
    /// drizzle's `getName()`: `<table>_<cols>_<foreign table>_<foreign cols>_fk` unless named.
    pub fn name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            let mut parts = vec![self.table.clone()];
            parts.extend(self.columns.iter().cloned());
            parts.push(self.foreign_table.clone());
            parts.extend(self.foreign_columns.iter().cloned());
            format!("{}_fk", parts.join("_"))
        })
    }
}

/// `check(name, sql)`.
#[derive(Debug, Clone)]
pub struct Check {
    /// Constraint name.
    pub name: String,
    /// The condition.
    pub sql: Sql,
}

/// `check(name, sql)`.
pub fn check(name: &str, sql: Sql) -> Check {
    Check { name: name.into(), sql }
}

/// `unique(name).on(cols...)`.
#[derive(Debug, Clone)]
pub struct Unique {
    /// Explicit name.
    pub name: Option<String>,
    /// Columns.
    pub columns: Vec<Column>,
    /// `.nullsNotDistinct()`.
    pub nulls_not_distinct: bool,
}

/// `unique(name)`; pass `None` for drizzle's default name.
pub fn unique(name: Option<&str>) -> Unique {
    Unique { name: name.map(Into::into), columns: Vec::new(), nulls_not_distinct: false }
}

impl Unique {
    /// `.on(cols...)`
    pub fn on<I: IntoIterator<Item = Column>>(mut self, cols: I) -> Self {
        self.columns = cols.into_iter().collect();
        self
    }
    /// `.nullsNotDistinct()`
    pub fn nulls_not_distinct(mut self) -> Self {
        self.nulls_not_distinct = true;
        self
    }
}

/// One entry of a table's extras.
#[derive(Debug, Clone)]
pub enum TableExtra {
    /// `index` / `uniqueIndex`
    Index(Index),
    /// `primaryKey`
    PrimaryKey(PrimaryKey),
    /// `foreignKey`
    ForeignKey(ForeignKey),
    /// `check`
    Check(Check),
    /// `unique`
    Unique(Unique),
    /// `pgPolicy` (row-level security)
    Policy(super::PgPolicy),
}

macro_rules! into_extra {
    ($($t:ident),*) => {$(
        impl From<$t> for TableExtra {
            fn from(v: $t) -> Self { TableExtra::$t(v) }
        }
    )*};
}
into_extra!(Index, PrimaryKey, ForeignKey, Check, Unique);

impl From<super::PgPolicy> for TableExtra {
    fn from(v: super::PgPolicy) -> Self {
        TableExtra::Policy(v)
    }
}
