//! What a statement reads from: tables, aliases, subqueries, CTEs, or raw SQL.

use super::{Selection, Subquery};
use crate::schema::Table;
use crate::sql::{Chunk, Renderer, Sql};
use crate::typed::TableDecl;
use crate::Result;

/// A FROM/JOIN target.
#[derive(Clone, Debug)]
pub enum Source {
    /// A table or an alias of one.
    Table(Table),
    /// A subquery (`.as_("sq")`) or a CTE.
    Subquery(Subquery),
    /// Raw SQL (`from(sql!("generate_series(1, 3) as g(x)"))`).
    Sql(Sql),
}

/// Converts into a [`Source`]: tables (runtime or declared), subqueries, CTEs, SQL.
pub trait IntoSource {
    /// The source.
    fn into_source(self) -> Source;
}

impl IntoSource for Source {
    fn into_source(self) -> Source {
        self
    }
}
impl IntoSource for Table {
    fn into_source(self) -> Source {
        Source::Table(self)
    }
}
impl IntoSource for &Table {
    fn into_source(self) -> Source {
        Source::Table(self.clone())
    }
}
impl IntoSource for Subquery {
    fn into_source(self) -> Source {
        Source::Subquery(self)
    }
}
impl IntoSource for &Subquery {
    fn into_source(self) -> Source {
        Source::Subquery(self.clone())
    }
}
impl IntoSource for Sql {
    fn into_source(self) -> Source {
        Source::Sql(self)
    }
}
impl<T: TableDecl> IntoSource for T {
    fn into_source(self) -> Source {
        Source::Table(T::table().clone())
    }
}

impl Source {
    /// drizzle's `getTableLikeName`: the alias, or the table's name; `None` for SQL.
    pub fn name(&self) -> Option<&str> {
        match self {
            Source::Table(t) => Some(t.name()),
            Source::Subquery(s) => Some(s.alias()),
            Source::Sql(_) => None,
        }
    }

    /// The fields a full `select()` reads from it.
    pub(crate) fn selection(&self) -> Selection {
        match self {
            Source::Table(t) => Selection::of_table(t),
            Source::Subquery(s) => s.fields().clone(),
            Source::Sql(_) => Selection::new(),
        }
    }

    /// FROM / JOIN / UPDATE target: `"schema"."table" "alias"` for aliases.
    pub(crate) fn render(&self, r: &mut Renderer) -> Result<()> {
        match self {
            Source::Table(t) if t.is_alias() => {
                if let Some(s) = t.schema() {
                    r.name(s);
                    r.push(".");
                }
                r.name(t.original_name());
                r.push(" ");
                r.name(t.name());
                Ok(())
            }
            Source::Table(t) => r.chunk(&Chunk::Table(t.table_name().clone())),
            Source::Subquery(s) => r.chunk(&s.chunk()),
            Source::Sql(s) => r.sql(s),
        }
    }
}
