//! Schema metadata: drizzle's `getTableConfig` (recorded in expected.json) vs edgepg's runtime
//! schema built in `schema.rs`: SQL types, flags, constraint and index names.

use edgepg::pg::*;
use serde_json::{json, Value as J};

use super::{expected, S};

fn column_json(c: &Column) -> J {
    let d = c.def();
    json!({
        "name": d.name,
        "sqlType": c.sql_type(),
        "columnType": d.ty.class_name(),
        "notNull": d.not_null,
        "hasDefault": d.has_default,
        "hasDefaultFn": d.default_fn.is_some(),
        "hasOnUpdateFn": d.on_update_fn.is_some(),
        "primary": d.primary,
        "isUnique": d.unique.is_some(),
        "generated": d.generated.as_ref().map(|_| "always"),
        "identity": d.identity.as_ref().map(|i| match i.kind { IdentityKind::Always => "always", IdentityKind::ByDefault => "byDefault" }),
    })
}

fn action(a: Option<FkAction>) -> &'static str {
    a.unwrap_or_default().as_str()
}

fn table_json(t: &Table) -> J {
    let mut indexes = vec![];
    let mut pks = vec![];
    let mut checks = vec![];
    let mut uniques = vec![];
    for e in t.extras() {
        match e {
            TableExtra::Index(i) => indexes.push(json!({
                "name": i.name,
                "unique": i.unique,
                "method": i.method.clone().unwrap_or_else(|| "btree".into()),
                "columns": i.columns.iter().map(|c| json!({
                    "name": c.column.as_ref().map(|c| c.name().to_owned()),
                    "order": if c.order == Some(IndexOrder::Desc) { "desc" } else { "asc" },
                    "nulls": if c.nulls == Some(NullsOrder::First) { "first" } else { "last" },
                })).collect::<Vec<_>>(),
                "where": i.where_.as_ref().map(|w| w.to_sql().unwrap().sql),
            })),
            TableExtra::PrimaryKey(p) => pks
                .push(json!({ "name": e.name(t), "columns": p.columns.iter().map(|c| c.name()).collect::<Vec<_>>() })),
            TableExtra::Check(c) => checks.push(json!({ "name": c.name, "sql": c.sql.to_sql().unwrap().sql })),
            TableExtra::Unique(u) => uniques.push(json!({
                "name": e.name(t),
                "columns": u.columns.iter().map(|c| c.name()).collect::<Vec<_>>(),
                "nullsNotDistinct": u.nulls_not_distinct,
            })),
            TableExtra::ForeignKey(_) => {}
        }
    }
    let fks: Vec<J> = t
        .foreign_keys()
        .iter()
        .map(|f| {
            json!({
                "name": f.name(),
                "onDelete": action(f.on_delete),
                "onUpdate": action(f.on_update),
                "columns": f.columns,
                "foreignTable": f.foreign_table,
                "foreignColumns": f.foreign_columns,
            })
        })
        .collect();
    json!({
        "name": t.name(),
        "schema": t.schema(),
        "columns": t.columns().iter().map(column_json).collect::<Vec<_>>(),
        "indexes": indexes,
        "foreignKeys": fks,
        "primaryKeys": pks,
        "checks": checks,
        "uniqueConstraints": uniques,
    })
}

/// Keeps only the keys edgepg models, so the comparison is exact on those.
fn project(want: &J, got: &J) -> J {
    match (want, got) {
        (J::Object(w), J::Object(g)) => J::Object(
            w.iter().filter(|(k, _)| g.contains_key(*k)).map(|(k, v)| (k.clone(), project(v, &g[k]))).collect(),
        ),
        (J::Array(w), J::Array(g)) => {
            J::Array(w.iter().zip(g.iter().chain(std::iter::repeat(&J::Null))).map(|(a, b)| project(a, b)).collect())
        }
        _ => want.clone(),
    }
}

#[test]
fn schema_matches_get_table_config() {
    let s = S::new();
    let tables = [
        ("cities", &s.cities),
        ("users", &s.users),
        ("posts", &s.posts),
        ("comments", &s.comments),
        ("my_schema.users", &s.my_schema_users),
        ("everything", &s.everything),
        ("prefixed", &s.prefixed),
        ("weird", &s.weird),
    ];
    let want_tables = &expected()["schema"]["tables"];
    let mut compared = 0;
    for (key, t) in tables {
        let got = table_json(t);
        let want = project(&want_tables[key], &got);
        if want != got {
            let (w, g) = (want.to_string(), got.to_string());
            let at = w.chars().zip(g.chars()).take_while(|(a, b)| a == b).count();
            panic!(
                "schema of {key} differs at char {at}:\n want …{}\n got  …{}",
                &w[at.saturating_sub(80)..(at + 120).min(w.len())],
                &g[at.saturating_sub(80)..(at + 120).min(g.len())]
            );
        }
        compared += t.columns().len();
    }
    for (e, want) in [(&s.mood, 0), (&s.smood, 1)] {
        let w = &expected()["schema"]["enums"][want];
        assert_eq!(json!({ "name": e.name(), "schema": e.schema(), "values": e.values() }), *w);
    }
    println!("schema: {compared} columns of 8 tables match getTableConfig");
}
