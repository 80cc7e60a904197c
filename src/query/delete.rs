//! DELETE (where, returning, CTEs).

use super::select::condition;
use super::subquery::render_with;
use super::{Selection, Subquery};
use crate::schema::Table;
use crate::sql::{Chunk, Query, RenderSql, Renderer, Sql};
use crate::Result;

/// A DELETE statement.
///
/// ```
/// use edgepg::pg::*;
/// let users = table("users").column("id", serial("id")).build();
/// let q = delete(&users).filter(in_array(users.col("id").unwrap(), [1, 2])).returning().to_sql().unwrap();
/// assert_eq!(q.sql, r#"delete from "users" where "users"."id" in ($1, $2) returning "id""#);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Delete {
    pub(crate) table: Table,
    pub(crate) with: Vec<Subquery>,
    where_: Option<Sql>,
    returning: Option<Selection>,
}

impl Delete {
    pub(crate) fn new(table: Table, with: Vec<Subquery>) -> Self {
        Delete { table, with, where_: None, returning: None }
    }
    /// `where <cond>`
    pub fn filter(mut self, cond: impl Into<Option<Sql>>) -> Self {
        self.where_ = condition(cond);
        self
    }
    /// `returning` every column.
    pub fn returning(mut self) -> Self {
        self.returning = Some(Selection::of_table(&self.table));
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

impl RenderSql for Delete {
    fn render(&self, r: &mut Renderer) -> Result<()> {
        render_with(r, &self.with)?;
        r.push("delete from ");
        r.chunk(&Chunk::Table(self.table.table_name().clone()))?;
        if let Some(w) = &self.where_ {
            r.push(" where ");
            r.sql(w)?;
        }
        if let Some(ret) = &self.returning {
            r.push(" returning ");
            ret.render(r, true)?;
        }
        Ok(())
    }
}
