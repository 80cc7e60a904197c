//! The Rust migrator (`edgepg::migrate`) against real PostgreSQL through the gateway: a folder
//! applied over HTTP and over a WebSocket with drizzle's bookkeeping; all pending migrations in
//! one transaction (a failing statement leaves schema and bookkeeping as they were, and the error
//! names the migration); two migrators at once apply once. (Interoperability with drizzle-orm's
//! own migrator is tested through the npm package, tests/ts/migrate.test.mjs: the same rules.)

mod common;

use common::{fresh_database, gateway, query_rows};
use edgepg::driver::ws::connect;
use edgepg::migrate::{migrate_http, migrate_ws, MigrateConfig, Migrations};
use edgepg::neon_http::NeonHttp;
use edgepg::Error;

const STEPS: &[(&str, i64, &str)] = &[
    ("0000_init", 1733000000000, "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"name\" text NOT NULL\n);\n--> statement-breakpoint\nCREATE UNIQUE INDEX \"users_name_idx\" ON \"users\" USING btree (\"name\");"),
    ("0001_posts", 1733000100000, "CREATE TABLE \"posts\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"user_id\" integer NOT NULL\n);\n--> statement-breakpoint\nALTER TABLE \"posts\" ADD CONSTRAINT \"posts_user_id_users_id_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\"(\"id\") ON DELETE cascade ON UPDATE no action;"),
    ("0002_email", 1733000200000, "ALTER TABLE \"users\" ADD COLUMN \"email\" text;"),
];
const BROKEN: (&str, i64, &str) =
    ("0003_broken", 1733000300000, "CREATE TABLE \"kept_if_not_atomic\" (\"id\" integer);\n--> statement-breakpoint\nALTER TABLE \"missing\" ADD COLUMN \"x\" integer;");

/// A drizzle-kit folder of `steps`, written to a temporary directory and read back.
fn folder(steps: &[(&str, i64, &str)]) -> Migrations {
    let dir = std::env::temp_dir().join(format!("edgepg-migrate-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(dir.join("meta")).unwrap();
    let entries: Vec<serde_json::Value> = steps
        .iter()
        .enumerate()
        .map(|(i, (tag, when, _))| serde_json::json!({ "idx": i, "version": "7", "when": when, "tag": tag, "breakpoints": true }))
        .collect();
    let journal = serde_json::json!({ "version": "7", "dialect": "postgresql", "entries": entries });
    std::fs::write(dir.join("meta/_journal.json"), journal.to_string()).unwrap();
    for (tag, _, text) in steps {
        std::fs::write(dir.join(format!("{tag}.sql")), text).unwrap();
    }
    let m = Migrations::read_folder(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    m
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
}

fn http(conn: &str) -> NeonHttp {
    NeonHttp::builder(conn).endpoint(&gateway().sql).build().unwrap()
}

/// `(tables in public, bookkeeping rows)`.
async fn state(conn: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let g = gateway();
    let tables = query_rows(
        g,
        conn,
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
        serde_json::json!([]),
    )
    .await;
    let exists =
        query_rows(g, conn, "select to_regclass('drizzle.__drizzle_migrations') is not null", serde_json::json!([]))
            .await;
    let book = if exists[0][0] == "t" {
        query_rows(
            g,
            conn,
            "select hash, created_at from drizzle.__drizzle_migrations order by created_at",
            serde_json::json!([]),
        )
        .await
    } else {
        vec![]
    };
    (tables, book)
}

#[tokio::test]
async fn applies_with_drizzles_bookkeeping_over_http_and_websocket() {
    let conn = fresh_database(gateway(), "rs_migrate").await;
    let all = folder(STEPS);
    let first = Migrations(all.0[..2].to_vec());
    assert_eq!(
        migrate_http(&http(&conn), &first, &MigrateConfig::default()).await.unwrap(),
        ["0000_init", "0001_posts"]
    );
    let mut ws = connect(&gateway().ws, &conn).await.unwrap();
    assert_eq!(migrate_ws(&mut ws, &all, &MigrateConfig::default()).await.unwrap(), ["0002_email"]);
    assert!(migrate_ws(&mut ws, &all, &MigrateConfig::default()).await.unwrap().is_empty());
    ws.end().await;
    assert!(migrate_http(&http(&conn), &all, &MigrateConfig::default()).await.unwrap().is_empty());
    let (tables, book) = state(&conn).await;
    assert_eq!(tables, [serde_json::json!(["posts"]), serde_json::json!(["users"])]);
    let want: Vec<serde_json::Value> = all.0.iter().map(|m| serde_json::json!([m.hash, m.when.to_string()])).collect();
    assert_eq!(book, want, "sha256 of each file, the journal's when");
}

#[tokio::test]
async fn a_failing_statement_applies_nothing_and_names_the_migration() {
    for over_ws in [false, true] {
        let conn = fresh_database(gateway(), "rs_migrate_atomic").await;
        let first = folder(&STEPS[..1]);
        migrate_http(&http(&conn), &first, &MigrateConfig::default()).await.unwrap();
        let before = state(&conn).await;
        let mut steps = STEPS.to_vec();
        steps.push(BROKEN);
        let broken = folder(&steps);
        let e = if over_ws {
            let mut ws = connect(&gateway().ws, &conn).await.unwrap();
            let e = migrate_ws(&mut ws, &broken, &MigrateConfig::default()).await.unwrap_err();
            ws.end().await;
            e
        } else {
            migrate_http(&http(&conn), &broken, &MigrateConfig::default()).await.unwrap_err()
        };
        match &e {
            Error::Migration { tag, .. } => assert_eq!(tag, "0003_broken", "ws: {over_ws}"),
            other => panic!("ws: {over_ws}: {other:?}"),
        }
        assert_eq!(e.code(), Some("42P01"), "{e}");
        assert_eq!(state(&conn).await, before, "ws: {over_ws}: 0001, 0002 and 0003's first statement rolled back");
    }
}

#[tokio::test]
async fn two_migrators_at_once_apply_once() {
    let conn = fresh_database(gateway(), "rs_migrate_race").await;
    let all = folder(STEPS);
    let (one, two, config) = (http(&conn), http(&conn), MigrateConfig::default());
    let (a, b, c) = tokio::join!(migrate_http(&one, &all, &config), migrate_http(&two, &all, &config), async {
        let mut ws = connect(&gateway().ws, &conn).await.unwrap();
        let r = migrate_ws(&mut ws, &all, &config).await;
        ws.end().await;
        r
    });
    let mut counts = [a.unwrap().len(), b.unwrap().len(), c.unwrap().len()];
    counts.sort();
    assert_eq!(counts, [0, 0, 3]);
    assert_eq!(state(&conn).await.1.len(), 3, "each migration recorded once");
}
