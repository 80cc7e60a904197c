//! Table definitions from their JSON description (what `pgTable(...)` records in JS).

use serde_json::Value as J;

use super::{bad, short, str_of, Registry};
use edgepg::schema::{self as s, ColumnBuilder, IdentityOptions};
use edgepg::Result;

impl Registry {
    /// Registers a table described as
    /// `{"name", "schema"?, "columns":[{"key", "name", "type", "cfg"?, "notNull"?, "primary"?,
    /// "unique"?: {"name"?, "nnd"?}, "default"?: node, "defaultNow"?, "defaultRandom"?, "hasDefaultFn"?,
    /// "generated"?: node, "identity"?: "always"|"byDefault", "array"?: [size|null, …]}]}`.
    /// Returns its id.
    ///
    /// ```
    /// use edgepg_js::describe::Registry;
    /// let mut r = Registry::new();
    /// let id = r.define_table(&serde_json::json!({"name": "users", "columns": [
    ///     {"key": "id", "name": "id", "type": "serial", "primary": true},
    ///     {"key": "name", "name": "name", "type": "text", "notNull": true}]}))?;
    /// assert_eq!(r.table(id.into())?.columns().len(), 2);
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn define_table(&mut self, j: &J) -> Result<u32> {
        let name = str_of(j, "name")?;
        let mut b = s::table(name);
        if let Some(schema) = j.get("schema").and_then(J::as_str) {
            b = b.schema(schema);
        }
        for c in j.get("columns").and_then(J::as_array).ok_or_else(|| bad("a table needs \"columns\""))? {
            let key = str_of(c, "key")?;
            b = b.column(key, self.column(c)?);
        }
        self.push(b.build())
    }

    fn column(&self, c: &J) -> Result<ColumnBuilder> {
        // declared without a name: the key is the name, and a casing applies to it
        let name = if c.get("keyAsName").and_then(J::as_bool) == Some(true) { "" } else { str_of(c, "name")? };
        let label = if name.is_empty() { str_of(c, "key")? } else { name };
        let ty = str_of(c, "type")?;
        let cfg = c.get("cfg").unwrap_or(&J::Null);
        let num = |k: &str| cfg.get(k).and_then(J::as_u64).and_then(|n| u32::try_from(n).ok());
        let mut b = match ty {
            "custom" => s::custom(name, cfg.get("dataType").and_then(J::as_str).unwrap_or("text")),
            "enum" => {
                let values: Vec<&str> = cfg
                    .get("values")
                    .and_then(J::as_array)
                    .map(|a| a.iter().filter_map(J::as_str).collect())
                    .unwrap_or_default();
                let enum_name = cfg.get("enumName").and_then(J::as_str).unwrap_or(name);
                let e = match cfg.get("enumSchema").and_then(J::as_str) {
                    Some(schema) => s::pg_schema(schema).enum_(enum_name, values),
                    None => s::pg_enum(enum_name, values),
                };
                e.column(name)
            }
            other => match s::builder_named(other, name, num("dimensions")) {
                Some(b) => b.map_err(|e| bad(format!("column \"{label}\": {e}")))?,
                None => return Err(bad(format!("column \"{label}\": unknown column type \"{other}\""))),
            },
        };
        if let Some(n) = num("length") {
            b = b.length(n);
        }
        if let Some(n) = num("precision") {
            b = b.precision(n);
        }
        if let Some(n) = num("scale") {
            b = b.scale(n);
        }
        if cfg.get("withTimezone").and_then(J::as_bool) == Some(true) {
            b = b.with_timezone();
        }
        if let Some(f) = cfg.get("fields").and_then(J::as_str) {
            b = b.fields(f);
        }
        if let Some(values) = cfg.get("enumValues").and_then(J::as_array) {
            b = b.enum_values(values.iter().filter_map(J::as_str));
        }
        b = match cfg.get("mode").and_then(J::as_str) {
            Some("string") => b.mode_string(),
            Some("date") => b.mode_date(),
            Some("number") => b.mode_number(),
            Some("bigint") => b.mode_bigint(),
            Some("xy") => b.mode_xy(),
            Some("abc") => b.mode_abc(),
            _ => b,
        };
        if let Some(dims) = c.get("array").and_then(J::as_array) {
            for d in dims {
                b = match d.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => b.array_sized(n),
                    None => b.array(),
                };
            }
        }
        let flag = |k: &str| c.get(k).and_then(J::as_bool) == Some(true);
        if flag("notNull") {
            b = b.not_null();
        }
        if flag("primary") {
            b = b.primary_key();
        }
        if let Some(u) = c.get("unique").filter(|u| !u.is_null()) {
            b = b.unique_with(u.get("name").and_then(J::as_str), u.get("nnd").and_then(J::as_bool) == Some(true));
        }
        if flag("defaultNow") {
            b = b.default_now();
        }
        // a JS `$defaultFn` / `$onUpdate`: the functions stay in JS; drizzle counts them as defaults
        if flag("hasDefaultFn") {
            b = b.has_default_elsewhere();
        }
        if flag("defaultRandom") {
            b = b.default_random();
        }
        if let Some(d) = c.get("default").filter(|d| !d.is_null()) {
            b = b.default(self.value_or_sql(d)?);
        }
        if let Some(g) = c.get("generated").filter(|g| !g.is_null()) {
            b = b.generated_always_as(self.sql(g)?);
        }
        match c.get("identity").and_then(J::as_str) {
            Some("always") => b = b.generated_always_as_identity(IdentityOptions::default()),
            Some("byDefault") => b = b.generated_by_default_as_identity(IdentityOptions::default()),
            Some(other) => return Err(bad(format!("column \"{label}\": unknown identity {other:?} in {}", short(c)))),
            None => {}
        }
        Ok(b)
    }
}
