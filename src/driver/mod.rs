//! Drivers: run statements against PostgreSQL through Neon's protocols.
//!
//! - [`http`] (also reachable as [`crate::neon_http`]): Neon's SQL-over-HTTP, one HTTP request
//!   per statement or per batch. Works natively and on wasm32 (the runtime's `fetch`).
//!
//! Every statement builder is [`Executable`]: it renders once to SQL + parameters and knows the
//! shape of its rows (drizzle's `mapResultRow`), so results map onto nested objects and serde
//! types the way drizzle maps them onto JS objects.

/// What the Rust crate names itself in `application_name` on every driver (a package URL, like
/// the neon driver's `pkg:npm/%40neondatabase/serverless@1.2.0`).
pub(crate) const APPLICATION_NAME: &str = concat!("pkg:cargo/edgepg@", env!("CARGO_PKG_VERSION"));

mod abort;
mod conn;
pub mod http;
#[cfg(feature = "pgwire")]
pub mod pgwire;
#[cfg(all(any(feature = "ws", feature = "tcp"), not(target_arch = "wasm32")))]
pub mod pool;
mod result;
#[cfg(all(feature = "tcp", not(target_arch = "wasm32")))]
pub mod tcp;
#[cfg(feature = "ws")]
pub mod ws;

use std::sync::Arc;

pub use abort::Abort;
pub use conn::ConnectionString;
pub use result::{FieldInfo, QueryResult};

use crate::query::{Count, Delete, Insert, Select, Selection, Update};
use crate::sql::{Query, Sql};
use crate::Result;
use result::RowShape;

/// A statement rendered once, with the shape of its rows: what drivers execute.
///
/// Reuse it to execute the same statement many times with different placeholder values
/// (drizzle's `.prepare()`).
///
/// ```
/// use edgepg::{pg::*, driver::Executable};
/// let users = table("users").column("id", serial("id")).build();
/// let p = select().from(&users).filter(eq(users.col("id")?, placeholder("id"))).prepare()?;
/// assert_eq!(p.query().sql, r#"select "id" from "users" where "users"."id" = $1"#);
/// # Ok::<(), edgepg::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Prepared {
    query: Query,
    shape: Option<Arc<RowShape>>,
}

impl Prepared {
    /// The rendered SQL and parameters.
    pub fn query(&self) -> &Query {
        &self.query
    }
    pub(crate) fn shape(&self) -> Option<Arc<RowShape>> {
        self.shape.clone()
    }
}

/// Something a driver can execute: every statement builder, a [`Sql`] fragment, a rendered
/// [`Query`], or a [`Prepared`] statement.
pub trait Executable {
    /// Renders the statement and records its row shape.
    fn prepare(&self) -> Result<Prepared>;
}

fn shaped(query: Query, sel: Option<&Selection>, joins: Option<&[(String, bool)]>) -> Prepared {
    Prepared { query, shape: sel.map(|s| RowShape::new(s, joins)) }
}

impl Executable for Select {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.to_sql()?, Some(self.selected_fields()), Some(self.joins_not_nullable())))
    }
}
impl Executable for Insert {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.to_sql()?, self.returning_selection(), None))
    }
}
impl Executable for Update {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.to_sql()?, self.returning_selection(), None))
    }
}
impl Executable for Delete {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.to_sql()?, self.returning_selection(), None))
    }
}
/// Rows are `{ count }` objects; [`NeonHttp::count`](crate::neon_http::NeonHttp::count) reads the number.
impl Executable for Count {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.to_sql()?, None, None))
    }
}
impl Executable for Sql {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.to_sql()?, None, None))
    }
}
impl Executable for Query {
    fn prepare(&self) -> Result<Prepared> {
        Ok(shaped(self.clone(), None, None))
    }
}
impl Executable for Prepared {
    fn prepare(&self) -> Result<Prepared> {
        Ok(self.clone())
    }
}
impl<T: Executable + ?Sized> Executable for &T {
    fn prepare(&self) -> Result<Prepared> {
        (**self).prepare()
    }
}
