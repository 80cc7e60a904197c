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
            TableExtra::ForeignKey(_) | TableExtra::Policy(_) => {}
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

/// expected.json's `rls` (drizzle's pgPolicy/pgRole/enableRLS/pgSequence metadata, made by
/// rls-metadata.mjs) against the same objects declared with edgepg's Rust face.
#[test]
fn rls_and_sequences_match_drizzle() {
    let rls = &expected()["rls"];
    let notes = table("notes")
        .column("id", integer("id"))
        .column("userId", text("user_id").not_null())
        .enable_rls()
        .build_with(|t| {
            Ok(vec![pg_policy("admins")
                .as_("restrictive")
                .for_("all")
                .to("admin")
                .to("postgres")
                .using(edgepg::sql!("true"))
                .with_check(edgepg::sql!("{} > 0", t.col("id")?))
                .into()])
        })
        .unwrap();
    assert_eq!(rls["enableRLS"], json!(notes.rls_enabled()));
    let policy = notes
        .extras()
        .iter()
        .find_map(|e| match e {
            TableExtra::Policy(p) => Some(p),
            _ => None,
        })
        .unwrap();
    let sql = |s: &Option<edgepg::Sql>| s.as_ref().map(|s| s.to_sql().unwrap().sql);
    let got = json!({ "name": policy.name, "as": policy.as_, "for": policy.for_, "to": policy.to,
        "using": sql(&policy.using), "withCheck": sql(&policy.with_check) });
    let want = rls["policies"].as_array().unwrap().iter().find(|p| p["name"] == "admins").unwrap();
    assert_eq!(&got, want);
    let admin = pg_role("admin").create_role(true).inherit(false);
    assert_eq!(
        rls["roles"][0],
        json!({ "name": admin.name, "existing": null, "createDb": admin.create_db, "createRole": admin.create_role, "inherit": admin.inherit })
    );
    let seq = pg_sequence("note_ids", IdentityOptions::default().start_with(10).increment(2));
    let app = pg_schema("app").sequence("app_ids", IdentityOptions::default());
    assert_eq!(rls["sequences"][0]["name"], json!(seq.name));
    assert_eq!(
        rls["sequences"][0]["options"],
        json!({ "startWith": seq.options.start_with, "increment": seq.options.increment })
    );
    assert_eq!(rls["sequences"][1], json!({ "name": app.name, "schema": app.schema, "options": null }));
}
