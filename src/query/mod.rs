//! Query builders (drizzle's pg-core §2): select, insert, update, delete, CTEs, subqueries,
//! set operations, conditions and functions. Every builder renders through the one renderer.

mod conditions;
mod delete;
mod functions;
mod insert;
mod select;
mod selection;
mod source;
mod subquery;
mod update;

pub use conditions::*;
pub use delete::Delete;
pub use functions::*;
pub use insert::{ConflictTarget, Insert, InsertBuilder, InsertRow, InsertSelect, IntoInsertRow};
pub use select::{
    except, except_all, intersect, intersect_all, union, union_all, Limit, LockOptions, LockStrength, Select,
    SelectBuilder,
};
pub use selection::{Field, Selection};
pub use source::{IntoSource, Source};
pub use subquery::{cte, refresh_materialized_view, view, CteBuilder, RefreshMaterializedView, Statement, Subquery};
pub use update::{SetValues, Update, UpdateBuilder};

use select::Distinct;

use crate::schema::Table;
use crate::sql::Sql;

/// Something that names one table: runtime tables and `pg_table!` tables.
pub trait IntoTable {
    /// The table.
    fn into_table(self) -> Table;
}
impl IntoTable for Table {
    fn into_table(self) -> Table {
        self
    }
}
impl IntoTable for &Table {
    fn into_table(self) -> Table {
        self.clone()
    }
}
impl<T: crate::typed::TableDecl> IntoTable for T {
    fn into_table(self) -> Table {
        T::table().clone()
    }
}

/// Statement entry points, optionally with CTEs (drizzle's `db` / `new QueryBuilder()` and
/// `db.with(...)`).
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct QueryBuilder {
    with: Vec<Subquery>,
}

impl QueryBuilder {
    /// A builder with no CTEs.
    pub fn new() -> Self {
        QueryBuilder::default()
    }
    fn sel(&self, fields: Option<Selection>, distinct: Distinct) -> SelectBuilder {
        SelectBuilder { fields, with: self.with.clone(), distinct }
    }
    /// `select()`: every column of the source (and of joined tables, as nested objects).
    pub fn select(&self) -> SelectBuilder {
        self.sel(None, Distinct::None)
    }
    /// `select({...})`
    pub fn select_fields(&self, fields: Selection) -> SelectBuilder {
        self.sel(Some(fields), Distinct::None)
    }
    /// `selectDistinct()`
    pub fn select_distinct(&self) -> SelectBuilder {
        self.sel(None, Distinct::All)
    }
    /// `selectDistinct({...})`
    pub fn select_distinct_fields(&self, fields: Selection) -> SelectBuilder {
        self.sel(Some(fields), Distinct::All)
    }
    /// `selectDistinctOn([...])`
    pub fn select_distinct_on<I: IntoIterator<Item = S>, S: Into<Sql>>(&self, on: I) -> SelectBuilder {
        self.sel(None, Distinct::On(on.into_iter().map(Into::into).collect()))
    }
    /// `selectDistinctOn([...], {...})`
    pub fn select_distinct_on_fields<I: IntoIterator<Item = S>, S: Into<Sql>>(
        &self,
        on: I,
        fields: Selection,
    ) -> SelectBuilder {
        self.sel(Some(fields), Distinct::On(on.into_iter().map(Into::into).collect()))
    }
    /// `insert(table)`
    pub fn insert(&self, t: impl IntoTable) -> InsertBuilder {
        InsertBuilder { table: t.into_table(), with: self.with.clone(), overriding: false }
    }
    /// `update(table)`
    pub fn update(&self, t: impl IntoTable) -> UpdateBuilder {
        UpdateBuilder { table: t.into_table(), with: self.with.clone() }
    }
    /// `delete(table)`
    pub fn delete(&self, t: impl IntoTable) -> Delete {
        Delete::new(t.into_table(), self.with.clone())
    }
}

/// `with(cte, ...)`: statements that start with `with "a" as (...)`.
pub fn with<'a, I: IntoIterator<Item = &'a Subquery>>(ctes: I) -> QueryBuilder {
    QueryBuilder { with: ctes.into_iter().cloned().collect() }
}
/// `select()`
pub fn select() -> SelectBuilder {
    QueryBuilder::new().select()
}
/// `select({...})`
pub fn select_fields(fields: Selection) -> SelectBuilder {
    QueryBuilder::new().select_fields(fields)
}
/// `selectDistinct()`
pub fn select_distinct() -> SelectBuilder {
    QueryBuilder::new().select_distinct()
}
/// `selectDistinct({...})`
pub fn select_distinct_fields(fields: Selection) -> SelectBuilder {
    QueryBuilder::new().select_distinct_fields(fields)
}
/// `selectDistinctOn([...])`
pub fn select_distinct_on<I: IntoIterator<Item = S>, S: Into<Sql>>(on: I) -> SelectBuilder {
    QueryBuilder::new().select_distinct_on(on)
}
/// `selectDistinctOn([...], {...})`
pub fn select_distinct_on_fields<I: IntoIterator<Item = S>, S: Into<Sql>>(on: I, fields: Selection) -> SelectBuilder {
    QueryBuilder::new().select_distinct_on_fields(on, fields)
}
/// `insert(table)`
pub fn insert(t: impl IntoTable) -> InsertBuilder {
    QueryBuilder::new().insert(t)
}
/// `update(table)`
pub fn update(t: impl IntoTable) -> UpdateBuilder {
    QueryBuilder::new().update(t)
}
/// `delete(table)`
pub fn delete(t: impl IntoTable) -> Delete {
    QueryBuilder::new().delete(t)
}
