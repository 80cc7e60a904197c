//! # edgepg
//!
//! Drizzle ORM's PostgreSQL API, rebuilt in Rust for native code and WebAssembly. Statements
//! render to SQL that is byte-identical to drizzle-orm 0.45 for the same call chain, with
//! values always sent as `$n` parameters and identifiers always quoted.
//!
//! ```
//! use edgepg::pg::*;
//! edgepg::pg_table! {
//!     pub users = "users" { id: serial("id").primary_key(), name: text("name").not_null(), age: integer("age") }
//! }
//! let q = select_fields(fields![id: users::id, name: users::name])
//!     .from(users::TABLE)
//!     .filter(and([eq(users::name, "Ann"), gt(users::age, 30)]))
//!     .order_by([desc(users::id)])
//!     .limit(10)
//!     .to_sql()?;
//! assert_eq!(q.sql, r#"select "id", "name" from "users" where ("users"."name" = $1 and "users"."age" > $2) order by "users"."id" desc limit $3"#);
//! # Ok::<(), edgepg::Error>(())
//! ```
//!
//! Start with [`pg`], which gathers everything a query needs.

#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]
#![cfg_attr(target_arch = "wasm32", deny(unsafe_code))]
#![warn(missing_docs)]

extern crate self as edgepg;

pub mod driver;
pub mod error;
#[cfg(test)]
mod fuzz;
pub mod kit;
pub mod migrate;
pub mod query;
pub mod relational;
pub mod schema;
pub mod sql;
pub mod typed;
pub mod types;

pub use error::{Error, Result};

/// Neon's SQL-over-HTTP driver (drizzle's `drizzle-orm/neon-http`): [`connect`](neon_http::connect),
/// [`NeonHttp`](neon_http::NeonHttp). The same as [`driver::http`].
pub mod neon_http {
    pub use crate::driver::http::*;
}
pub use sql::{Query, QueryParam, Sql};
pub use types::Value;

/// Everything for writing schemas and queries, in one import: `use edgepg::pg::*;`.
pub mod pg {
    pub use crate::query::*;
    pub use crate::schema::*;
    pub use crate::sql::{
        empty, identifier, join, param, param_with, placeholder, raw, Aliased, Decoder, Placeholder, Sql, ValueOrSql,
    };
    pub use crate::typed::{Col, Expr, Operand};
    pub use crate::{fields, pg_table, sql, Error, Query, QueryParam, Value};
}

#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
