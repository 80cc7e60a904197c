//! drizzle-kit's migration SQL from two schema snapshots: the statements
//! `drizzle-kit generate` writes for the change from `prev` to `next`, in its order and its
//! text. The snapshots are drizzle-kit 0.31's (`meta/NNNN_snapshot.json`, version 7, PostgreSQL).
//!
//! Covered so far: schemas and enums (create, added values), tables (create with primary keys,
//! composite primary keys, unique and check constraints, identity columns; drop), columns (add,
//! drop, type, default, not null), indexes (create, drop), foreign keys (add, drop), unique and
//! check constraints (add, drop). `tests/kit.rs` checks every step of `tests/kit/expected/`
//! (written by drizzle-kit itself) byte for byte. Not covered yet: writing snapshots from edgepg
//! schemas, renames, sequences, views, policies, roles, generated columns.
//!
//! ```
//! let prev = r#"{"tables":{},"enums":{},"schemas":{}}"#;
//! let next = r#"{"tables":{"public.t":{"name":"t","schema":"","columns":{"id":{"name":"id","type":"serial","primaryKey":true,"notNull":true}},
//!   "indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"checkConstraints":{}}},"enums":{},"schemas":{}}"#;
//! let sql = edgepg::kit::migration_sql(prev, next).unwrap();
//! assert_eq!(sql, "CREATE TABLE \"t\" (\n\t\"id\" serial PRIMARY KEY NOT NULL\n);\n");
//! ```

mod json;
mod snapshot;

use json::J;
pub use snapshot::KitSchema;

use crate::{Error, Result};

/// drizzle-kit's separator between statements (`breakpoints: true`).
pub const BREAKPOINT: &str = "--> statement-breakpoint\n";

/// The migration file drizzle-kit writes for the change `prev` → `next` (snapshot JSON texts):
/// its statements joined by [`BREAKPOINT`]; empty when nothing changed.
pub fn migration_sql(prev: &str, next: &str) -> Result<String> {
    Ok(statements(prev, next)?.join(BREAKPOINT))
}

/// drizzle-kit's snapshot of `schema` (`meta/NNNN_snapshot.json` without `id`/`prevId`), as
/// drizzle-kit writes it (`JSON.stringify(…, null, 2)`).
pub fn snapshot(schema: &KitSchema) -> Result<String> {
    Ok(snapshot::snapshot_json(schema)?.to_pretty())
}

/// drizzle-kit's `generate` for a Rust schema (native targets): the next migration of the
/// folder `out` (`NNNN_<name>.sql`, `meta/NNNN_snapshot.json`, the journal entry), the files
/// drizzle-kit 0.31 writes. A folder started by drizzle-kit is continued, and the other way
/// round. Returns the new migration's tag, `None` when nothing changed. Renames are a drop and
/// an add (drizzle-kit asks): review the SQL.
#[cfg(not(target_arch = "wasm32"))]
pub fn generate(out: &std::path::Path, schema: &KitSchema, name: &str) -> Result<Option<String>> {
    let io = |what: &str, e: std::io::Error| Error::Config(format!("{what}: {e}"));
    let meta = out.join("meta");
    let journal_path = meta.join("_journal.json");
    let mut journal = match std::fs::read_to_string(&journal_path) {
        Ok(text) => json::parse(&text)
            .map_err(|e| Error::Config(format!("{}: not a drizzle-kit journal: {e}", journal_path.display())))?,
        Err(_) => json::parse(r#"{"version":"7","dialect":"postgresql","entries":[]}"#).map_err(Error::Config)?,
    };
    let last_idx =
        journal.get("entries").and_then(|e| e.items().last()).and_then(|e| e.get("idx")).map(|i| i.to_text());
    let prev = match &last_idx {
        Some(idx) => {
            let p = meta.join(format!("{:0>4}_snapshot.json", idx));
            std::fs::read_to_string(&p).map_err(|e| io(&format!("the snapshot {} cannot be read", p.display()), e))?
        }
        None => r#"{"id":"00000000-0000-0000-0000-000000000000","tables":{},"enums":{},"schemas":{}}"#.to_owned(),
    };
    let next = snapshot::snapshot_json(schema)?;
    let sql = migration_sql(&prev, &next.to_pretty()).map_err(|e| match e {
        Error::Config(m) if m.starts_with("the previous snapshot") => Error::Config(format!("{}: {m}", out.display())),
        other => other,
    })?;
    if sql.is_empty() {
        return Ok(None);
    }
    let idx = last_idx.and_then(|i| i.parse::<u64>().ok()).map_or(0, |i| i + 1);
    let tag = format!("{idx:04}_{name}");
    std::fs::create_dir_all(&meta).map_err(|e| io("cannot create the folder", e))?;
    std::fs::write(out.join(format!("{tag}.sql")), &sql).map_err(|e| io("cannot write the migration", e))?;
    let prev_id = json::parse(&prev).ok().map(|p| p.str("id").to_owned()).filter(|i| !i.is_empty());
    let mut entries = vec![
        ("id".to_owned(), J::Str(random_uuid())),
        ("prevId".to_owned(), J::Str(prev_id.unwrap_or_else(|| "00000000-0000-0000-0000-000000000000".into()))),
    ];
    if let J::Obj(rest) = next {
        entries.extend(rest);
    }
    std::fs::write(meta.join(format!("{idx:04}_snapshot.json")), J::Obj(entries).to_pretty())
        .map_err(|e| io("cannot write the snapshot", e))?;
    let when = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    let entry = J::Obj(vec![
        ("idx".into(), J::Num(idx.into())),
        ("version".into(), J::Str("7".into())),
        ("when".into(), J::Num(when.into())),
        ("tag".into(), J::Str(tag.clone())),
        ("breakpoints".into(), J::Bool(true)),
    ]);
    if let J::Obj(top) = &mut journal {
        match top.iter_mut().find(|(k, _)| k == "entries") {
            Some((_, J::Arr(list))) => list.push(entry),
            _ => top.push(("entries".into(), J::Arr(vec![entry]))),
        }
    }
    std::fs::write(&journal_path, journal.to_pretty()).map_err(|e| io("cannot write the journal", e))?;
    Ok(Some(tag))
}

/// A version-4 UUID from the system's randomness (drizzle-kit's snapshot ids are random).
#[cfg(not(target_arch = "wasm32"))]
fn random_uuid() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The statements of [`migration_sql`], in drizzle-kit's order.
pub fn statements(prev: &str, next: &str) -> Result<Vec<String>> {
    let prev = json::parse(prev).map_err(|e| Error::Config(format!("the previous snapshot: {e}")))?;
    let next = json::parse(next).map_err(|e| Error::Config(format!("the new snapshot: {e}")))?;
    Diff { prev: &prev, next: &next }.run()
}

struct Diff<'a> {
    prev: &'a J,
    next: &'a J,
}

/// `"schema"."name"`, or `"name"` in the default schema.
fn qualified(schema: &str, name: &str) -> String {
    if schema.is_empty() {
        format!("\"{name}\"")
    } else {
        format!("\"{schema}\".\"{name}\"")
    }
}

fn table_name(t: &J) -> String {
    qualified(t.str("schema"), t.str("name"))
}

/// drizzle-kit's `parseType`: native types as written, other types (enums) quoted, with their
/// schema unless it is `public`, and the array suffix kept outside the quotes.
fn parse_type(type_schema: &str, ty: &str) -> String {
    const NATIVE: &[&str] = &[
        "uuid",
        "smallint",
        "integer",
        "bigint",
        "boolean",
        "text",
        "varchar",
        "serial",
        "bigserial",
        "decimal",
        "numeric",
        "real",
        "json",
        "jsonb",
        "time",
        "timestamp",
        "date",
        "interval",
        "double precision",
        "char",
        "vector",
        "geometry",
        "halfvec",
        "sparsevec",
        "bit",
    ];
    let split = ty.find('[').unwrap_or(ty.len());
    let (base, arrays) = ty.split_at(split);
    if NATIVE.iter().any(|n| ty.starts_with(n)) {
        return format!("{base}{arrays}");
    }
    let prefix =
        if !type_schema.is_empty() && type_schema != "public" { format!("\"{type_schema}\".") } else { String::new() };
    format!("{prefix}\"{base}\"{arrays}")
}

/// A default value as drizzle-kit writes it (the snapshot keeps SQL text, or a JSON literal).
fn default_sql(v: &J) -> Option<String> {
    match v {
        J::Null => None,
        J::Str(s) => Some(s.clone()),
        other => Some(other.to_text()),
    }
}

fn identity(col: &J, schema: &str) -> String {
    let Some(id) = col.get("identity").filter(|i| !i.is_null()) else { return String::new() };
    let name = qualified(schema, id.str("name"));
    let mut s = format!(
        " GENERATED {} AS IDENTITY (sequence name {name}",
        if id.str("type") == "always" { "ALWAYS" } else { "BY DEFAULT" }
    );
    for (key, word) in [
        ("increment", "INCREMENT BY"),
        ("minValue", "MINVALUE"),
        ("maxValue", "MAXVALUE"),
        ("startWith", "START WITH"),
        ("cache", "CACHE"),
    ] {
        let v = id.str(key);
        if !v.is_empty() {
            s.push_str(&format!(" {word} {v}"));
        }
    }
    if id.get("cycle").is_some_and(|c| c.as_bool()) {
        s.push_str(" CYCLE");
    }
    s.push(')');
    s
}

/// A column's definition after its name: type, primary key, default, not null, identity.
fn column_def(col: &J, schema: &str, in_create: bool) -> String {
    let ty = parse_type(col.str("typeSchema"), col.str("type"));
    let pk = if col.bool("primaryKey") { " PRIMARY KEY" } else { "" };
    let default = col.get("default").and_then(default_sql).map(|d| format!(" DEFAULT {d}")).unwrap_or_default();
    let has_identity = col.get("identity").is_some_and(|i| !i.is_null());
    // CREATE TABLE leaves NOT NULL to the identity; ADD COLUMN writes both
    let not_null = if col.bool("notNull") && !(in_create && has_identity) { " NOT NULL" } else { "" };
    let unique = if in_create && col.bool("isUnique") {
        format!(
            " CONSTRAINT \"{}\" UNIQUE{}",
            col.str("uniqueName"),
            if col.bool("nullsNotDistinct") { " NULLS NOT DISTINCT" } else { "" }
        )
    } else {
        String::new()
    };
    format!("{ty}{pk}{default}{not_null}{unique}{}", identity(col, schema))
}

fn create_table(t: &J) -> String {
    let schema = t.str("schema");
    let mut s = format!("CREATE TABLE {} (\n", table_name(t));
    let cols: Vec<String> =
        t.entries("columns").map(|(_, c)| format!("\t\"{}\" {}", c.str("name"), column_def(c, schema, true))).collect();
    s.push_str(&cols.join(",\n"));
    if let Some((_, pk)) = t.entries("compositePrimaryKeys").next() {
        s.push_str(&format!(",\n\tCONSTRAINT \"{}\" PRIMARY KEY({})", pk.str("name"), quoted_list(pk.get("columns"))));
    }
    for (_, u) in t.entries("uniqueConstraints") {
        s.push_str(&format!(",\n\tCONSTRAINT \"{}\" {}", u.str("name"), unique_body(u)));
    }
    for (_, c) in t.entries("checkConstraints") {
        s.push_str(&format!(",\n\tCONSTRAINT \"{}\" CHECK ({})", c.str("name"), c.str("value")));
    }
    s.push_str("\n);\n");
    s
}

/// `"a","b"`.
fn quoted_list(v: Option<&J>) -> String {
    v.map(|a| a.items().map(|c| format!("\"{}\"", c.as_str())).collect::<Vec<_>>().join(",")).unwrap_or_default()
}

fn unique_body(u: &J) -> String {
    format!(
        "UNIQUE{}({})",
        if u.bool("nullsNotDistinct") { " NULLS NOT DISTINCT" } else { "" },
        quoted_list(u.get("columns"))
    )
}

fn create_index(t: &J, i: &J) -> String {
    let cols: Vec<String> = i
        .get("columns")
        .map(|c| c.items().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let expr = if c.bool("isExpression") {
                c.str("expression").to_owned()
            } else {
                format!("\"{}\"", c.str("expression"))
            };
            let opclass = c.str("opclass");
            let asc = c.get("asc").is_none_or(|a| a.as_bool());
            let order = if !opclass.is_empty() {
                format!(" {opclass}")
            } else if asc {
                String::new()
            } else {
                " DESC".into()
            };
            let nulls = c.str("nulls");
            let nulls = if (asc && nulls == "last") || !opclass.is_empty() {
                String::new()
            } else {
                format!(" NULLS {}", nulls.to_uppercase())
            };
            format!("{expr}{order}{nulls}")
        })
        .collect();
    let with: Vec<String> = i.entries("with").map(|(k, v)| format!("{k}={}", v.to_text())).collect();
    format!(
        "CREATE {}{} \"{}\" ON {} USING {} ({}){}{};",
        if i.bool("isUnique") { "UNIQUE INDEX" } else { "INDEX" },
        if i.bool("concurrently") { " CONCURRENTLY" } else { "" },
        i.str("name"),
        table_name(t),
        i.str("method"),
        cols.join(","),
        if with.is_empty() { String::new() } else { format!(" WITH ({})", with.join(",")) },
        match i.str("where") {
            "" => String::new(),
            w => format!(" WHERE {w}"),
        }
    )
}

fn create_fk(t: &J, fk: &J) -> String {
    let schema_to = match fk.str("schemaTo") {
        "" => "public",
        s => s,
    };
    let action = |k: &str, word: &str| match fk.str(k) {
        "" => String::new(),
        a => format!(" {word} {a}"),
    };
    format!(
        "ALTER TABLE {} ADD CONSTRAINT \"{}\" FOREIGN KEY ({}) REFERENCES {}({}){}{};",
        table_name(t),
        fk.str("name"),
        quoted_list(fk.get("columnsFrom")),
        qualified(schema_to, fk.str("tableTo")),
        quoted_list(fk.get("columnsTo")),
        action("onDelete", "ON DELETE"),
        action("onUpdate", "ON UPDATE"),
    )
}

/// The keyed entries of `section` in `next`'s table that are new or changed since `prev`'s (with
/// the two swapped: those gone or changed).
fn added<'t>(prev: &J, next: &'t J, section: &str) -> Vec<&'t J> {
    next.entries(section)
        .filter(|(k, v)| prev.get(section).and_then(|s| s.get(k)) != Some(*v))
        .map(|(_, v)| v)
        .collect()
}

/// Which entries of an altered table's section [`per_table`] visits.
#[derive(Clone, Copy)]
enum Side {
    /// In the new version, new or changed.
    Added,
    /// In the old version, gone or changed.
    Dropped,
}

/// One statement per entry of `section` that changed on `side`, table after table (drizzle-kit
/// groups each kind of statement across tables).
fn per_table(altered: &[(&J, &J)], section: &str, side: Side, f: impl Fn(&J, &J) -> String) -> Vec<String> {
    let mut out = vec![];
    for (old, t) in altered {
        let entries = match side {
            Side::Added => added(old, t, section),
            Side::Dropped => added(t, old, section),
        };
        out.extend(entries.into_iter().map(|e| f(t, e)));
    }
    out
}

impl Diff<'_> {
    fn run(&self) -> Result<Vec<String>> {
        let (p, n) = (self.prev, self.next);
        let mut out: Vec<String> = vec![];
        // schemas
        for (name, _) in n.entries("schemas") {
            if p.get("schemas").and_then(|s| s.get(name)).is_none() {
                out.push(format!("CREATE SCHEMA \"{name}\";\n"));
            }
        }
        // enums: created, then values added to existing ones
        for (key, e) in n.entries("enums") {
            match p.get("enums").and_then(|s| s.get(key)) {
                None => {
                    let values: Vec<String> = e
                        .get("values")
                        .map(|v| v.items().map(|x| format!("'{}'", x.as_str().replace('\'', "''"))).collect())
                        .unwrap_or_default();
                    out.push(format!(
                        "CREATE TYPE {} AS ENUM({});",
                        qualified(e.str("schema"), e.str("name")),
                        values.join(", ")
                    ));
                }
                Some(old) => {
                    let old_values: Vec<&str> =
                        old.get("values").map(|v| v.items().map(J::as_str).collect()).unwrap_or_default();
                    let new_values: Vec<&str> =
                        e.get("values").map(|v| v.items().map(J::as_str).collect()).unwrap_or_default();
                    if new_values.iter().filter(|v| old_values.contains(v)).ne(old_values.iter()) {
                        return Err(unsupported("an enum whose values were removed or reordered"));
                    }
                    for (i, v) in new_values.iter().enumerate() {
                        if !old_values.contains(v) {
                            let before = new_values[i + 1..]
                                .iter()
                                .find(|x| old_values.contains(x))
                                .map(|b| format!(" BEFORE '{b}'"))
                                .unwrap_or_default();
                            out.push(format!(
                                "ALTER TYPE {} ADD VALUE '{v}'{before};",
                                qualified(e.str("schema"), e.str("name"))
                            ));
                        }
                    }
                }
            }
        }
        let prev_table = |key: &str| p.get("tables").and_then(|t| t.get(key));
        let created: Vec<&J> = n.entries("tables").filter(|(k, _)| prev_table(k).is_none()).map(|(_, t)| t).collect();
        let altered: Vec<(&J, &J)> = n.entries("tables").filter_map(|(k, t)| prev_table(k).map(|o| (o, t))).collect();
        for t in &created {
            out.push(create_table(t));
        }
        for (key, t) in p.entries("tables") {
            if n.get("tables").and_then(|x| x.get(key)).is_none() {
                out.push(format!("DROP TABLE {} CASCADE;", table_name(t)));
            }
        }
        // unique and check constraints dropped (or changed: dropped, then added again)
        let drop_constraint =
            |t: &J, c: &J| format!("ALTER TABLE {} DROP CONSTRAINT \"{}\";", table_name(t), c.str("name"));
        out.extend(per_table(&altered, "uniqueConstraints", Side::Dropped, drop_constraint));
        out.extend(per_table(&altered, "checkConstraints", Side::Dropped, drop_constraint));
        out.extend(per_table(&altered, "foreignKeys", Side::Dropped, |t, fk| format!("{}\n", drop_constraint(t, fk))));
        out.extend(per_table(&altered, "indexes", Side::Dropped, |t, i| {
            format!("DROP INDEX {};", qualified(t.str("schema"), i.str("name")))
        }));
        for (old, t) in &altered {
            let had_pk = old.entries("compositePrimaryKeys").next().is_some();
            let changed_pk = !added(old, t, "compositePrimaryKeys").is_empty() && had_pk;
            if !added(t, old, "compositePrimaryKeys").is_empty() || changed_pk {
                return Err(unsupported("a changed composite primary key"));
            }
        }
        // column alterations
        for (old, t) in &altered {
            for (name, col) in t.entries("columns") {
                let Some(before) = old.get("columns").and_then(|c| c.get(name)) else { continue };
                if before == col {
                    continue;
                }
                out.extend(self.alter_column(t, before, col)?);
            }
        }
        out.extend(per_table(&altered, "compositePrimaryKeys", Side::Added, |t, pk| {
            format!(
                "ALTER TABLE {} ADD CONSTRAINT \"{}\" PRIMARY KEY({});",
                table_name(t),
                pk.str("name"),
                quoted_list(pk.get("columns"))
            )
        }));
        for (old, t) in &altered {
            for (name, col) in t.entries("columns") {
                if old.get("columns").and_then(|c| c.get(name)).is_none() {
                    out.push(format!(
                        "ALTER TABLE {} ADD COLUMN \"{}\" {};",
                        table_name(t),
                        col.str("name"),
                        column_def(col, t.str("schema"), false)
                    ));
                }
            }
        }
        for t in &created {
            for (_, fk) in t.entries("foreignKeys") {
                out.push(create_fk(t, fk));
            }
        }
        for t in &created {
            for (_, i) in t.entries("indexes") {
                out.push(create_index(t, i));
            }
        }
        out.extend(per_table(&altered, "foreignKeys", Side::Added, create_fk));
        out.extend(per_table(&altered, "indexes", Side::Added, create_index));
        for (old, t) in &altered {
            for (name, col) in old.entries("columns") {
                if t.get("columns").and_then(|c| c.get(name)).is_none() {
                    out.push(format!("ALTER TABLE {} DROP COLUMN \"{}\";", table_name(t), col.str("name")));
                }
            }
        }
        out.extend(per_table(&altered, "uniqueConstraints", Side::Added, |t, u| {
            format!("ALTER TABLE {} ADD CONSTRAINT \"{}\" {};", table_name(t), u.str("name"), unique_body(u))
        }));
        out.extend(per_table(&altered, "checkConstraints", Side::Added, |t, c| {
            format!("ALTER TABLE {} ADD CONSTRAINT \"{}\" CHECK ({});", table_name(t), c.str("name"), c.str("value"))
        }));
        for (key, e) in p.entries("enums") {
            if n.get("enums").and_then(|x| x.get(key)).is_none() {
                return Err(unsupported(&format!("dropping the enum {}", e.str("name"))));
            }
        }
        for (name, _) in p.entries("schemas") {
            if n.get("schemas").and_then(|x| x.get(name)).is_none() {
                out.push(format!("DROP SCHEMA \"{name}\";\n"));
            }
        }
        Ok(out)
    }

    /// drizzle-kit's statements for one altered column: type, default, not null.
    fn alter_column(&self, t: &J, before: &J, col: &J) -> Result<Vec<String>> {
        let table = table_name(t);
        let name = col.str("name");
        let mut out = vec![];
        for k in ["primaryKey", "identity", "generated", "typeSchema"] {
            if before.get(k) != col.get(k) {
                return Err(unsupported(&format!("a change of {k} on column {name}")));
            }
        }
        if before.str("type") != col.str("type") {
            out.push(format!(
                "ALTER TABLE {table} ALTER COLUMN \"{name}\" SET DATA TYPE {};",
                parse_type(col.str("typeSchema"), col.str("type"))
            ));
            if let Some(d) = col.get("default").and_then(default_sql) {
                out.push(format!("ALTER TABLE {table} ALTER COLUMN \"{name}\" SET DEFAULT {d};"));
            }
        }
        let (d0, d1) = (before.get("default").and_then(default_sql), col.get("default").and_then(default_sql));
        if d0 != d1 && before.str("type") == col.str("type") {
            match d1 {
                Some(d) => out.push(format!("ALTER TABLE {table} ALTER COLUMN \"{name}\" SET DEFAULT {d};")),
                None => out.push(format!("ALTER TABLE {table} ALTER COLUMN \"{name}\" DROP DEFAULT;")),
            }
        }
        if before.bool("notNull") != col.bool("notNull") {
            let what = if col.bool("notNull") { "SET" } else { "DROP" };
            out.push(format!("ALTER TABLE {table} ALTER COLUMN \"{name}\" {what} NOT NULL;"));
        }
        Ok(out)
    }
}

fn unsupported(what: &str) -> Error {
    Error::Config(format!("edgepg cannot generate this migration yet: {what}"))
}
