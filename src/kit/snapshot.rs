//! drizzle-kit 0.31's schema snapshot of Rust schemas (`pg_table!`, runtime tables, enums,
//! `pg_schema`): drizzle-kit's `generatePgSnapshot`, the twin of the npm package's `kit.js`.

use super::json::J;
use crate::schema::{Column, ColumnType, IdentityKind, IndexOrder, NullsOrder, PgEnum, Table, TableExtra};
use crate::sql::{Sql, ValueOrSql};
use crate::{Error, Result, Value};

/// What a schema module exports, for a snapshot: tables, enums and schema names.
#[derive(Debug, Clone, Default)]
pub struct KitSchema {
    /// The tables.
    pub tables: Vec<Table>,
    /// The enums (`pg_enum`).
    pub enums: Vec<PgEnum>,
    /// The `pg_schema` names.
    pub schemas: Vec<String>,
}

fn s(v: impl Into<String>) -> J {
    J::Str(v.into())
}

fn obj(entries: Vec<(&str, J)>) -> J {
    J::Obj(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// An SQL fragment as drizzle's `dialect.sqlToQuery(sql).sql` writes it.
fn render(sql: &Sql) -> Result<String> {
    Ok(sql.to_sql()?.sql)
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// drizzle-kit's `buildArrayString`.
fn array_string(values: &[Value]) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::Int(i) | Value::BigInt(i) => i.to_string(),
            Value::Float(f) => crate::types::js_number(*f),
            Value::Bool(b) => b.to_string(),
            Value::Array(a) => array_string(a),
            Value::Json(j) => format!("\"{}\"", j.to_string().replace('"', "\\\"")),
            Value::Text(t) => format!("\"{t}\""),
            other => format!("\"{}\"", other.js_string()),
        })
        .collect();
    format!("{{{}}}", items.join(","))
}

/// A column default as drizzle-kit writes it into the snapshot.
fn default_of(d: &ValueOrSql, sql_type: &str) -> Result<Option<J>> {
    let lowered = sql_type.to_lowercase();
    Ok(Some(match d {
        ValueOrSql::Sql(sql) => s(render(sql)?),
        ValueOrSql::Placeholder(_) => return Ok(None),
        ValueOrSql::Value(v) => match v {
            Value::Null => return Ok(None),
            Value::Text(t) => s(quote(t)),
            Value::Json(j) if lowered == "json" || lowered == "jsonb" => s(format!("'{j}'::{lowered}")),
            Value::Json(serde_json::Value::String(t)) => s(quote(t)),
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) | Value::BigInt(i) => J::Num((*i).into()),
            Value::Float(f) => serde_json::Number::from_f64(*f).map(J::Num).unwrap_or(J::Null),
            Value::Array(a) if lowered.ends_with(']') => s(format!("'{}'", array_string(a))),
            other => s(quote(&other.js_string())),
        },
    }))
}

fn enum_of(ty: &ColumnType) -> Option<&PgEnum> {
    match ty {
        ColumnType::Enum(e) => Some(e),
        ColumnType::Array { base, .. } => enum_of(base),
        _ => None,
    }
}

fn column(c: &Column, table: &Table) -> Result<(J, Option<(String, J)>)> {
    let d = c.def();
    let sql_type = d.ty.sql_type();
    let mut out = vec![("name", s(&d.name)), ("type", s(&sql_type))];
    if let Some(e) = enum_of(&d.ty) {
        out.push(("typeSchema", s(e.schema().unwrap_or("public"))));
    }
    out.push(("primaryKey", J::Bool(d.primary)));
    out.push(("notNull", J::Bool(d.not_null)));
    if let Some(g) = &d.generated {
        out.push(("generated", obj(vec![("as", s(render(g)?)), ("type", s("stored"))])));
    }
    if let Some(id) = &d.identity {
        let o = &id.options;
        let increment = o.increment.unwrap_or(1);
        let (min, max) = match sql_type.as_str() {
            "integer" => ("-2147483648", "2147483647"),
            "bigint" => ("-9223372036854775808", "9223372036854775807"),
            _ => ("-32768", "32767"),
        };
        let min_value =
            o.min_value.map(|v| v.to_string()).unwrap_or_else(|| if increment < 0 { min.into() } else { "1".into() });
        let max_value =
            o.max_value.map(|v| v.to_string()).unwrap_or_else(|| if increment < 0 { "-1".into() } else { max.into() });
        let start = o.start_with.map(|v| v.to_string()).unwrap_or_else(|| {
            if increment < 0 {
                max_value.clone()
            } else {
                min_value.clone()
            }
        });
        out.push((
            "identity",
            obj(vec![
                ("type", s(if id.kind == IdentityKind::Always { "always" } else { "byDefault" })),
                ("name", s(o.name.clone().unwrap_or_else(|| format!("{}_{}_seq", table.name(), d.name)))),
                ("schema", s(table.schema().unwrap_or("public"))),
                ("increment", s(increment.to_string())),
                ("startWith", s(start)),
                ("minValue", s(min_value)),
                ("maxValue", s(max_value)),
                ("cache", s(o.cache.unwrap_or(1).to_string())),
                ("cycle", J::Bool(o.cycle)),
            ]),
        ));
    }
    if let Some(v) = d.default.as_ref().map(|v| default_of(v, &sql_type)).transpose()?.flatten() {
        out.push(("default", v));
    }
    let unique = d.unique.as_ref().map(|u| {
        let entry = obj(vec![
            ("name", s(&u.name)),
            ("nullsNotDistinct", J::Bool(u.nulls_not_distinct)),
            ("columns", J::Arr(vec![s(&d.name)])),
        ]);
        (u.name.clone(), entry)
    });
    Ok((obj(out), unique))
}

fn names(cols: &[Column]) -> J {
    J::Arr(cols.iter().map(|c| s(&c.def().name)).collect())
}

fn table(t: &Table) -> Result<J> {
    let mut columns = vec![];
    let mut uniques = vec![];
    for c in t.columns() {
        let (entry, unique) = column(c, t)?;
        columns.push((c.def().name.clone(), entry));
        uniques.extend(unique);
    }
    let (mut indexes, mut pks, mut checks) = (vec![], vec![], vec![]);
    for extra in t.extras() {
        let name = extra.name(t);
        match extra {
            TableExtra::Index(i) => {
                let cols = i
                    .columns
                    .iter()
                    .map(|c| match (&c.column, &c.expr) {
                        (Some(col), _) => {
                            let asc = c.order != Some(IndexOrder::Desc);
                            let mut e = vec![
                                ("expression", s(&col.def().name)),
                                ("isExpression", J::Bool(false)),
                                ("asc", J::Bool(asc)),
                                ("nulls", s(if c.nulls == Some(NullsOrder::First) { "first" } else { "last" })),
                            ];
                            if let Some(op) = &c.op {
                                e.push(("opclass", s(op)));
                            }
                            Ok(obj(e))
                        }
                        (None, Some(expr)) => Ok(obj(vec![
                            ("expression", s(render(expr)?)),
                            ("asc", J::Bool(true)),
                            ("isExpression", J::Bool(true)),
                            ("nulls", s("last")),
                        ])),
                        (None, None) => Err(Error::InvalidQuery(format!("index {name} has an empty column"))),
                    })
                    .collect::<Result<Vec<_>>>()?;
                let mut e = vec![("name", s(&name)), ("columns", J::Arr(cols)), ("isUnique", J::Bool(i.unique))];
                if let Some(w) = &i.where_ {
                    e.push(("where", s(render(w)?)));
                }
                e.push(("concurrently", J::Bool(i.concurrently)));
                e.push(("method", s(i.method.clone().unwrap_or_else(|| "btree".into()))));
                e.push(("with", J::Obj(i.with.iter().map(|(k, v)| (k.clone(), s(v))).collect())));
                indexes.push((name, obj(e)));
            }
            TableExtra::PrimaryKey(p) => {
                pks.push((name.clone(), obj(vec![("name", s(&name)), ("columns", names(&p.columns))])))
            }
            TableExtra::Unique(u) => {
                let mut e = vec![];
                if let Some(n) = &u.name {
                    e.push(("name", s(n)));
                }
                e.push(("nullsNotDistinct", J::Bool(u.nulls_not_distinct)));
                e.push(("columns", names(&u.columns)));
                uniques.push((name, obj(e)));
            }
            TableExtra::Check(c) => {
                checks.push((name.clone(), obj(vec![("name", s(&name)), ("value", s(render(&c.sql)?))])))
            }
            TableExtra::ForeignKey(_) | TableExtra::Policy(_) => {}
        }
    }
    let fks = t
        .foreign_keys()
        .into_iter()
        .map(|fk| {
            let name = TableExtra::ForeignKey(fk.clone()).name(t);
            let action = |a: Option<crate::schema::FkAction>| s(a.unwrap_or_default().as_str());
            let e = obj(vec![
                ("name", s(&name)),
                ("tableFrom", s(t.name())),
                ("tableTo", s(&fk.foreign_table)),
                ("columnsFrom", J::Arr(fk.columns.iter().map(s).collect())),
                ("columnsTo", J::Arr(fk.foreign_columns.iter().map(s).collect())),
                ("onDelete", action(fk.on_delete)),
                ("onUpdate", action(fk.on_update)),
            ]);
            (name, e)
        })
        .collect();
    let entries = |v: Vec<(String, J)>| J::Obj(v);
    Ok(obj(vec![
        ("name", s(t.name())),
        ("schema", s(t.schema().unwrap_or(""))),
        ("columns", J::Obj(columns)),
        ("indexes", entries(indexes)),
        ("foreignKeys", entries(fks)),
        ("compositePrimaryKeys", entries(pks)),
        ("uniqueConstraints", entries(uniques)),
        ("policies", J::Obj(vec![])),
        ("checkConstraints", entries(checks)),
        ("isRLSEnabled", J::Bool(t.rls_enabled())),
    ]))
}

/// The snapshot of `schema` (without `id`/`prevId`), as a JSON value in drizzle-kit's key order.
pub(super) fn snapshot_json(schema: &KitSchema) -> Result<J> {
    // in name order (drizzle-kit lists a schema module's tables in the order of their export
    // names; a Rust schema has none, and the order means nothing to drizzle-kit when it reads)
    let mut sorted: Vec<&Table> = schema.tables.iter().collect();
    sorted.sort_by(|a, b| a.name().cmp(b.name()));
    let tables = sorted
        .into_iter()
        .map(|t| Ok((format!("{}.{}", t.schema().unwrap_or("public"), t.name()), table(t)?)))
        .collect::<Result<Vec<_>>>()?;
    let enums = schema
        .enums
        .iter()
        .map(|e| {
            let sch = e.schema().unwrap_or("public");
            let entry = obj(vec![
                ("name", s(e.name())),
                ("schema", s(sch)),
                ("values", J::Arr(e.values().iter().map(s).collect())),
            ]);
            (format!("{sch}.{}", e.name()), entry)
        })
        .collect();
    let empty = || J::Obj(vec![]);
    Ok(obj(vec![
        ("version", s("7")),
        ("dialect", s("postgresql")),
        ("tables", J::Obj(tables)),
        ("enums", J::Obj(enums)),
        ("schemas", J::Obj(schema.schemas.iter().map(|n| (n.clone(), s(n))).collect())),
        ("sequences", empty()),
        ("roles", empty()),
        ("policies", empty()),
        ("views", empty()),
        ("_meta", obj(vec![("columns", empty()), ("schemas", empty()), ("tables", empty())])),
    ]))
}
