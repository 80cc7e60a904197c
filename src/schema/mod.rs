//! The runtime schema (drizzle's pg-core): tables, columns with every type and modifier,
//! enums, schemas, indexes and constraints. Everything here is data, so tables can be declared
//! at run time; [`pg_table!`](crate::pg_table) builds the same data with a typed face.

mod casing;
mod column;
mod column_type;
mod enums;
mod extras;
mod security;
mod table;

pub use casing::Casing;
pub use column::*;
pub use column_type::{
    ColumnType, CustomEncoder, CustomType, DateMode, Facts, GeoMode, IntMode, NestedAs, NumericMode, ReadAs, WriteAs,
};
pub use enums::{pg_enum, PgEnum};
pub use extras::*;
pub use security::{pg_policy, pg_role, pg_sequence, PgPolicy, PgRole, PgSequence};
pub use table::{pg_schema, table, table_creator, PgSchema, Table, TableBuilder};
