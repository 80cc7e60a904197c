//! What may fill a hole of [`sql!`](crate::sql!).

use std::sync::Arc;

use super::{Aliased, Chunk, Placeholder, Sql};
use crate::schema::{Column, PgEnum, PgRole, PgSchema, PgSequence, Table};
use crate::types::Value;

/// Anything that can be embedded in a SQL fragment: values (as parameters), `Vec`s (as a
/// parenthesised list, like a JS array in drizzle's template), columns, tables, fragments,
/// aliased expressions, subqueries, placeholders, enums and query builders.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be embedded in SQL",
    label = "not a value, column, table, fragment or query",
    note = "values become parameters; wrap raw text with `edgepg::sql::raw` (never user input)"
)]
pub trait SqlArg {
    /// Appends this argument's chunks.
    fn push_to(self, out: &mut Vec<Chunk>);
}

impl SqlArg for Sql {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Sql(self));
    }
}
impl SqlArg for &Sql {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Sql(self.clone()));
    }
}
/// `None` renders nothing (drizzle's `undefined`), e.g. the result of `.if_(false)`.
impl SqlArg for Option<Sql> {
    fn push_to(self, out: &mut Vec<Chunk>) {
        if let Some(s) = self {
            out.push(Chunk::Sql(s));
        }
    }
}
impl SqlArg for Column {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Column(self));
    }
}
impl SqlArg for &Column {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Column(self.clone()));
    }
}
impl SqlArg for &Table {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Table(self.table_name().clone()));
    }
}
impl SqlArg for Table {
    fn push_to(self, out: &mut Vec<Chunk>) {
        (&self).push_to(out);
    }
}
impl SqlArg for Aliased {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Aliased(Arc::new(self)));
    }
}
impl SqlArg for Placeholder {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Placeholder(self));
    }
}
/// A schema renders as its quoted name (drizzle's `pgSchema` is an SQL wrapper of
/// `sql.identifier(name)`): `sql!("drop schema if exists {} cascade", &s)`.
impl SqlArg for &PgSchema {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Name(self.name().to_owned().into()));
    }
}

/// A sequence renders as its quoted, schema-qualified name (a deliberate difference: drizzle
/// sends the object as a parameter).
impl SqlArg for &PgSequence {
    fn push_to(self, out: &mut Vec<Chunk>) {
        if let Some(s) = &self.schema {
            out.push(Chunk::Name(s.clone().into()));
            out.push(Chunk::Str(".".into()));
        }
        out.push(Chunk::Name(self.name.clone().into()));
    }
}

/// A role renders as its quoted name.
impl SqlArg for &PgRole {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Name(self.name.clone().into()));
    }
}

impl SqlArg for &PgEnum {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Enum(self.clone()));
    }
}
impl SqlArg for Value {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Param(self, None));
    }
}
/// A `Vec` is a JS array: a parenthesised, comma-separated list of its elements.
impl<T: SqlArg> SqlArg for Vec<T> {
    fn push_to(self, out: &mut Vec<Chunk>) {
        let mut items = Vec::with_capacity(self.len());
        for x in self {
            let mut one = Vec::with_capacity(1);
            x.push_to(&mut one);
            items.push(if one.len() == 1 {
                one.pop().unwrap_or(Chunk::Str("".into()))
            } else {
                Chunk::Sql(Sql::from_chunks(one))
            });
        }
        out.push(Chunk::List(items));
    }
}

macro_rules! value_args {
    ($($t:ty),*) => {$(
        impl SqlArg for $t {
            fn push_to(self, out: &mut Vec<Chunk>) { out.push(Chunk::Param(Value::from(self), None)); }
        }
        impl SqlArg for Option<$t> {
            fn push_to(self, out: &mut Vec<Chunk>) { out.push(Chunk::Param(Value::from(self), None)); }
        }
    )*};
}
value_args!(i8, i16, i32, i64, u8, u16, u32, f32, f64, bool, &str, String, &String, serde_json::Value);

macro_rules! sql_from_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Sql {
            fn from(v: $t) -> Sql {
                let mut chunks = Vec::with_capacity(1);
                v.push_to(&mut chunks);
                Sql::from_chunks(chunks)
            }
        }
    )*};
}
sql_from_arg!(Column, &Column, Aliased, &Table, Placeholder);
