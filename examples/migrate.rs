//! `cargo run --example migrate -- --url <connection string> --folder <dir> [--endpoint <url>]`:
//! applies a drizzle-kit folder's pending migrations over SQL-over-HTTP in one transaction and
//! prints what it applied (the Rust twin of `npx edgepg migrate`).

use edgepg::migrate::{migrate_http, MigrateConfig, Migrations};
use edgepg::neon_http::NeonHttp;

const USAGE: &str =
    "usage: migrate --url <connection string> --folder <dir> [--endpoint <url>] [--table <name>] [--schema <name>]";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()).await {
        eprintln!("migrate: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let mut opts = std::collections::HashMap::new();
    for pair in args.chunks(2) {
        match pair {
            [k, v] if k.starts_with("--") => {
                opts.insert(k[2..].to_owned(), v.clone());
            }
            _ => return Err(USAGE.into()),
        }
    }
    let url = opts.get("url").cloned().or_else(|| std::env::var("DATABASE_URL").ok()).ok_or(USAGE)?;
    let folder = opts.get("folder").ok_or(USAGE)?;
    let mut db = NeonHttp::builder(url);
    if let Some(e) = opts.get("endpoint") {
        db = db.endpoint(e);
    }
    let db = db.build().map_err(|e| e.to_string())?;
    let migrations = Migrations::read_folder(folder).map_err(|e| e.to_string())?;
    let mut config = MigrateConfig::default();
    if let Some(t) = opts.get("table") {
        config.table = t.clone();
    }
    if let Some(s) = opts.get("schema") {
        config.schema = s.clone();
    }
    let applied = migrate_http(&db, &migrations, &config).await.map_err(|e| e.to_string())?;
    if applied.is_empty() {
        println!("nothing to apply: the database is up to date");
    } else {
        println!("applied {}: {}", applied.len(), applied.join(", "));
    }
    Ok(())
}
