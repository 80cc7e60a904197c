//! `pgEnum`: enum types (a column of one is `PgEnum::column`, in `column.rs`).

use std::sync::Arc;

/// A Postgres enum type (drizzle's `pgEnum`). Cheap to clone.
///
/// ```
/// use edgepg::pg::*;
/// let mood = pg_enum("mood", ["sad", "ok", "happy"]);
/// let t = table("people").column("mood", mood.column("mood")).build();
/// assert_eq!(t.col("mood").unwrap().sql_type(), "mood");
/// assert_eq!(mood.values(), ["sad", "ok", "happy"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PgEnum(Arc<EnumDef>);

#[derive(Debug, PartialEq)]
struct EnumDef {
    name: String,
    schema: Option<String>,
    values: Vec<String>,
}

impl PgEnum {
    /// The enum's name.
    pub fn name(&self) -> &str {
        &self.0.name
    }
    /// The schema it was declared in, if any.
    pub fn schema(&self) -> Option<&str> {
        self.0.schema.as_deref()
    }
    /// The allowed values, in declaration order.
    pub fn values(&self) -> &[String] {
        &self.0.values
    }
    /// An enum of `schema` (`PgSchema::enum_`).
    pub(crate) fn in_schema(name: &str, schema: Option<String>, values: Vec<String>) -> PgEnum {
        PgEnum(Arc::new(EnumDef { name: name.into(), schema, values }))
    }
    /// The type name drizzle prints for the column (`getSQLType()`: the bare enum name).
    pub(crate) fn sql_name(&self) -> String {
        self.0.name.clone()
    }
}

/// Declares an enum type (drizzle's `pgEnum(name, values)`).
pub fn pg_enum<I, S>(name: &str, values: I) -> PgEnum
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    PgEnum(Arc::new(EnumDef { name: name.into(), schema: None, values: values.into_iter().map(Into::into).collect() }))
}
