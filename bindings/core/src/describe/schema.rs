//! Table definitions from their typed description (what `pgTable(...)` records in JS).

use super::contract::{self, Column, Identity, Table};
use super::{bad, Registry};
use edgepg::schema::{self as s, ColumnBuilder, IdentityOptions};
use edgepg::Result;

impl Registry {
    /// Registers a table ([`Table`]); returns its id.
    ///
    /// ```
    /// use edgepg_js::describe::Registry;
    /// let mut r = Registry::new();
    /// let id = r.define_table_json(r#"{"name": "users", "columns": [
    ///     {"key": "id", "name": "id", "type": "serial", "primary": true},
    ///     {"key": "name", "name": "name", "type": "text", "notNull": true}]}"#)?;
    /// assert_eq!(r.table(id.into())?.columns().len(), 2);
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn define_table(&mut self, t: Table<'_>) -> Result<u32> {
        let mut b = s::table(t.name()?);
        if let Some(schema) = t.schema()? {
            b = b.schema(schema);
        }
        for c in t.columns()? {
            b = b.column(c.key()?, self.column(c)?);
        }
        self.push(b.build())
    }

    /// [`define_table`](Registry::define_table) of the description's JSON text.
    pub fn define_table_json(&mut self, json: &str) -> Result<u32> {
        let j = contract::parse(json)?;
        self.define_table(Table::read(&j)?)
    }

    fn column(&self, c: Column<'_>) -> Result<ColumnBuilder> {
        // declared without a name: the key is the name, and a casing applies to it
        let key = c.key()?;
        let name = match c.name()? {
            Some(n) => n,
            None if c.flag("keyAsName") => "",
            None => key,
        };
        let label = if name.is_empty() { key } else { name };
        let ty = c.builder()?;
        let mut b = match ty {
            "custom" => s::custom(name, c.cfg_str("dataType").unwrap_or("text")),
            "enum" => {
                let values = c.cfg_strs("values").unwrap_or_default();
                let enum_name = c.cfg_str("enumName").unwrap_or(name);
                let e = match c.cfg_str("enumSchema") {
                    Some(schema) => s::pg_schema(schema).enum_(enum_name, values),
                    None => s::pg_enum(enum_name, values),
                };
                e.column(name)
            }
            other => match s::builder_named(other, name, c.cfg_u32("dimensions")) {
                Some(b) => b.map_err(|e| bad(format!("column \"{label}\": {e}")))?,
                None => return Err(bad(format!("column \"{label}\": unknown column type \"{other}\""))),
            },
        };
        if let Some(n) = c.cfg_u32("length") {
            b = b.length(n);
        }
        if let Some(n) = c.cfg_u32("precision") {
            b = b.precision(n);
        }
        if let Some(n) = c.cfg_u32("scale") {
            b = b.scale(n);
        }
        if c.cfg_flag("withTimezone") {
            b = b.with_timezone();
        }
        if let Some(f) = c.cfg_str("fields") {
            b = b.fields(f);
        }
        if let Some(values) = c.cfg_strs("enumValues") {
            b = b.enum_values(values);
        }
        b = match c.cfg_str("mode") {
            Some("string") => b.mode_string(),
            Some("date") => b.mode_date(),
            Some("number") => b.mode_number(),
            Some("bigint") => b.mode_bigint(),
            Some("xy") => b.mode_xy(),
            Some("abc") => b.mode_abc(),
            _ => b,
        };
        for d in c.array() {
            b = match d {
                Some(n) => b.array_sized(n),
                None => b.array(),
            };
        }
        if c.flag("notNull") {
            b = b.not_null();
        }
        if c.flag("primary") {
            b = b.primary_key();
        }
        if let Some((name, nnd)) = c.unique() {
            b = b.unique_with(name, nnd);
        }
        if c.flag("defaultNow") {
            b = b.default_now();
        }
        // a JS `$defaultFn` / `$onUpdate`: the functions stay in JS; drizzle counts them as defaults
        if c.flag("hasDefaultFn") {
            b = b.has_default_elsewhere();
        }
        if c.flag("defaultRandom") {
            b = b.default_random();
        }
        if let Some(d) = c.default()? {
            b = b.default(self.value_or_sql(d)?);
        }
        if let Some(g) = c.generated()? {
            b = b.generated_always_as(self.sql(g)?);
        }
        match c.identity()? {
            Some(Identity::Always) => b = b.generated_always_as_identity(IdentityOptions::default()),
            Some(Identity::ByDefault) => b = b.generated_by_default_as_identity(IdentityOptions::default()),
            None => {}
        }
        Ok(b)
    }
}
