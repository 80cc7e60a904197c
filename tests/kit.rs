//! drizzle-kit's migration SQL, byte for byte: for every step of `tests/kit/expected/` (written
//! by drizzle-kit 0.31 itself, `tests/kit/generate.mjs`), `edgepg::kit::migration_sql` of the
//! step's previous and new snapshots must equal the step's `.sql` file. Steps edgepg cannot
//! generate yet are listed in `tests/kit/pending.json`, which must be exactly the failing ones.

#![cfg(not(target_arch = "wasm32"))] // reads tests/kit/expected from the filesystem

use std::path::Path;

#[test]
fn every_step_is_drizzle_kits_sql() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kit/expected");
    let journal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta/_journal.json")).unwrap()).unwrap();
    let empty = r#"{"tables":{},"enums":{},"schemas":{}}"#.to_owned();
    let mut prev = empty;
    let mut failing = vec![];
    let entries = journal["entries"].as_array().unwrap();
    for e in entries {
        let (idx, tag) = (e["idx"].as_u64().unwrap(), e["tag"].as_str().unwrap());
        let next = std::fs::read_to_string(dir.join(format!("meta/{idx:04}_snapshot.json"))).unwrap();
        let want = std::fs::read_to_string(dir.join(format!("{tag}.sql"))).unwrap();
        match edgepg::kit::migration_sql(&prev, &next) {
            Ok(got) if got == want => {}
            Ok(got) => {
                eprintln!("{tag}:\n--- drizzle-kit\n{want}\n--- edgepg\n{got}\n");
                failing.push(tag.to_owned());
            }
            Err(e) => {
                eprintln!("{tag}: {e}");
                failing.push(tag.to_owned());
            }
        }
        prev = next;
    }
    let pending: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kit/pending.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(failing, pending, "tests/kit/pending.json must list exactly the steps that fail");
    println!("{} of {} steps are drizzle-kit's SQL byte for byte", entries.len() - failing.len(), entries.len());
}

/// Step 43 of tests/kit/steps.mjs, written with the Rust schema API.
fn step_43() -> edgepg::kit::KitSchema {
    use edgepg::pg::*;
    let mood = pg_enum("mood", ["sad", "ok", "happy"]);
    let app = pg_schema("app");
    let users = table("users")
        .column("id", serial("id").primary_key())
        .column("name", text("name").not_null())
        .column("age", bigint("age"))
        .column("role", text("role"))
        .column("active", boolean("active").not_null().default(true))
        .column("email", varchar("email").length(320))
        .column("born", date("born"))
        .column("wakeAt", time("wake_at"))
        .column("grace", interval("grace"))
        .column("uid", uuid("uid").default_random().not_null())
        .column("invitedBy", integer("invited_by"))
        .build_with(|t| {
            Ok(vec![
                index("users_active_idx").on([t.col("name")?]).where_(sql!("{} = true", t.col("active")?)).into(),
                foreign_key([t.col("invitedBy")?], [t.col("id")?]).named("users_invited_by_fk").into(),
            ])
        })
        .unwrap();
    let posts = table("posts")
        .column("id", serial("id").primary_key())
        .column("userId", integer("user_id").not_null().references("users", "id").on_delete(FkAction::Cascade))
        .column("title", text("title").not_null())
        .column("meta", jsonb("meta"))
        .column("price", numeric("price").precision(10).scale(2))
        .column("createdAt", timestamp("created_at").with_timezone().not_null().default_now())
        .column("updatedAt", timestamp("updated_at").precision(3))
        .column("labels", text("labels").array())
        .column("scores", integer("scores").array().default(Vec::<i64>::new()))
        .column("raw", json("raw"))
        .column("ratio", double_precision("ratio"))
        .build_with(|t| {
            Ok(vec![
                unique_index("posts_user_title_idx").on([t.col("userId")?, t.col("title")?]).into(),
                index("posts_meta_idx").using("gin", [t.col("meta")?]).into(),
            ])
        })
        .unwrap();
    let post_tags = table("post_tags")
        .column("postId", integer("post_id").not_null().references("posts", "id"))
        .column("tag", text("tag").not_null())
        .build_with(|t| Ok(vec![primary_key([t.col("postId")?, t.col("tag")?]).into()]))
        .unwrap();
    let settings = app
        .table("settings")
        .column("key", text("key").primary_key())
        .column("value", text("value"))
        .column("updatedAt", timestamp("updated_at").default_now())
        .build();
    let events = table("events")
        .column("id", bigserial("id").primary_key())
        .column("level", smallint("level").not_null().default(0))
        .column("code", char("code").length(10))
        .column("userId", integer("user_id"))
        .build_with(|t| {
            Ok(vec![
                unique(Some("events_level_code_unique"))
                    .on([t.col("level")?, t.col("code")?])
                    .nulls_not_distinct()
                    .into(),
                index("events_level_idx").on([IndexColumn::from(t.col("level")?).desc()]).into(),
            ])
        })
        .unwrap();
    edgepg::kit::KitSchema {
        tables: vec![users, posts, post_tags, settings, events],
        enums: vec![mood],
        schemas: vec!["app".into()],
    }
}

#[test]
fn a_rust_schema_gives_drizzle_kits_snapshot_and_continues_its_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kit/expected");
    let want_text = std::fs::read_to_string(dir.join("meta/0043_snapshot.json")).unwrap();
    let mut want: serde_json::Value = serde_json::from_str(&want_text).unwrap();
    want.as_object_mut().unwrap().retain(|k, _| k != "id" && k != "prevId");
    let got_text = edgepg::kit::snapshot(&step_43()).unwrap();
    let got: serde_json::Value = serde_json::from_str(&got_text).unwrap();
    assert_eq!(got, want);
    // the column order too (serde_json's maps sort their keys): the text, line by line
    let cols = |t: &str| {
        t.lines().filter(|l| l.starts_with("        \"") && l.ends_with("{")).map(str::to_owned).collect::<Vec<_>>()
    };
    assert_eq!(cols(&got_text), cols(&want_text));
    // in fact the whole text, but for drizzle-kit's random ids
    let without_ids = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("  \"id\"") && !l.starts_with("  \"prevId\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_ids(&got_text), without_ids(&want_text));

    // a folder drizzle-kit wrote up to step 42, continued by edgepg with step 43's schema
    let out = std::env::temp_dir().join(format!("edgepg-kit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("meta")).unwrap();
    let journal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta/_journal.json")).unwrap()).unwrap();
    let mut first = journal.clone();
    first["entries"].as_array_mut().unwrap().truncate(43);
    std::fs::write(out.join("meta/_journal.json"), serde_json::to_string_pretty(&first).unwrap()).unwrap();
    for e in first["entries"].as_array().unwrap() {
        let (idx, tag) = (e["idx"].as_u64().unwrap(), e["tag"].as_str().unwrap());
        std::fs::copy(dir.join(format!("{tag}.sql")), out.join(format!("{tag}.sql"))).unwrap();
        let snap = format!("meta/{idx:04}_snapshot.json");
        std::fs::copy(dir.join(&snap), out.join(&snap)).unwrap();
    }
    let tag = edgepg::kit::generate(&out, &step_43(), "named_fk_table_self_ref").unwrap();
    assert_eq!(tag.as_deref(), Some("0043_named_fk_table_self_ref"));
    assert_eq!(
        std::fs::read_to_string(out.join("0043_named_fk_table_self_ref.sql")).unwrap(),
        std::fs::read_to_string(dir.join("0043_named_fk_table_self_ref.sql")).unwrap()
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("meta/0043_snapshot.json")).unwrap()).unwrap();
    assert_eq!(written["prevId"], "00000000-0000-4000-8000-000000000043", "chained to drizzle-kit's last snapshot");
    let mut written = written;
    written.as_object_mut().unwrap().retain(|k, _| k != "id" && k != "prevId");
    assert_eq!(written, want);
    assert_eq!(edgepg::kit::generate(&out, &step_43(), "again").unwrap(), None, "nothing changed");
    std::fs::remove_dir_all(&out).unwrap();
}
