//! Minimal PostgreSQL client built on `postgres-protocol`'s codec and SCRAM implementation.

pub mod conn;
pub mod error;
pub mod pool;
pub mod scram;
pub mod wire;

pub use conn::{PgConn, RowSink};
pub use error::{ConnectError, DbError, QueryError};
pub use pool::{Pool, PoolConfig, PoolKey, Upstream};
pub use wire::FieldDesc;
