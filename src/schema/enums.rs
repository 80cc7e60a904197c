//! `pgEnum` and `pgSchema`.

use std::sync::Arc;

use super::column::ColumnBuilder;
use super::column_type::ColumnType;
use super::table::TableBuilder;

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
    /// A column of this enum type.
    pub fn column(&self, name: &str) -> ColumnBuilder {
        ColumnBuilder::new(name, ColumnType::Enum(self.clone()))
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

/// A Postgres schema (drizzle's `pgSchema`): tables and enums declared through it are
/// qualified with its name.
///
/// ```
/// use edgepg::pg::*;
/// let s = pg_schema("my_schema");
/// let users = s.table("users").column("id", serial("id")).build();
/// assert_eq!(select().from(&users).to_sql().unwrap().sql, r#"select "id" from "my_schema"."users""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgSchema {
    name: String,
}

/// Declares a schema (drizzle's `pgSchema(name)`).
pub fn pg_schema(name: &str) -> PgSchema {
    PgSchema { name: name.into() }
}

impl PgSchema {
    /// The schema's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Starts a table in this schema.
    pub fn table(&self, name: &str) -> TableBuilder {
        TableBuilder::new(name).schema(&self.name)
    }
    /// Declares a sequence in this schema.
    pub fn sequence(&self, name: &str, options: super::IdentityOptions) -> super::PgSequence {
        super::PgSequence { name: name.into(), schema: Some(self.name.clone()), options }
    }
    /// Declares an enum in this schema.
    pub fn enum_<I, S>(&self, name: &str, values: I) -> PgEnum
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        PgEnum(Arc::new(EnumDef {
            name: name.into(),
            schema: Some(self.name.clone()),
            values: values.into_iter().map(Into::into).collect(),
        }))
    }
}

/// drizzle's `pgTableCreator`: a table factory that rewrites every table name.
///
/// ```
/// use edgepg::pg::*;
/// let app = table_creator(|n| format!("app_{n}"));
/// assert_eq!(app("things").column("id", serial("id")).build().name(), "app_things");
/// ```
pub fn table_creator<F>(f: F) -> impl Fn(&str) -> TableBuilder
where
    F: Fn(&str) -> String,
{
    move |name| TableBuilder::new(&f(name))
}
