//! drizzle-kit migrations folders, applied as drizzle-orm applies them, and atomically.
//!
//! The folder is drizzle-kit's: `meta/_journal.json`, `<tag>.sql` split on
//! `--> statement-breakpoint`. The bookkeeping is drizzle's table `drizzle.__drizzle_migrations`
//! (`id`, `hash` = sha256 of the file, `created_at` = the journal's `when`), and a migration is
//! pending when its `when` is later than the newest `created_at`: a database migrated by drizzle
//! is continued by edgepg and the other way round.
//!
//! Beyond drizzle: every pending migration is applied in ONE transaction (over HTTP, one batch
//! request), under a transaction-scoped advisory lock, so a failing statement leaves the schema
//! and the bookkeeping as they were ([`Error::Migration`] names the migration), and two
//! migrators started at once cannot both apply. A migration already applied whose file changed
//! since is an error (drizzle ignores it): the database no longer matches the folder.
//!
//! ```no_run
//! # async fn run() -> edgepg::Result<()> {
//! use edgepg::migrate::{migrate_http, MigrateConfig, Migrations};
//! use edgepg::neon_http::NeonHttp;
//! let db = NeonHttp::builder("postgresql://u:p@ep-x.neon.tech/app").build()?;
//! // natively from the folder; anywhere from the files embedded at build time:
//! let migrations = Migrations::read_folder("drizzle")?;
//! let embedded = Migrations::from_files(include_str!("../worker/drizzle/meta/_journal.json"), |tag| {
//!     (tag == "0000_users_and_posts").then(|| include_str!("../worker/drizzle/0000_users_and_posts.sql").to_owned())
//! })?;
//! let applied = migrate_http(&db, &migrations, &MigrateConfig::default()).await?;
//! println!("applied {applied:?}");
//! # let _ = embedded; Ok(()) }
//! ```

use sha2::{Digest, Sha256};

use crate::neon_http::NeonHttp;
use crate::sql::{identifier, param, raw, Sql};
use crate::{Error, Result, Value};

const BREAKPOINT: &str = "--> statement-breakpoint";
/// The key of `pg_advisory_xact_lock` (the same as the npm package's: "edgepgmi" in ASCII).
const LOCK_KEY: i64 = 7306930263656500585;
const CHANGED: &str = "edgepg: the migrations table changed while migrating";

/// One migration of a drizzle-kit folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The journal's `tag` (`0000_init`).
    pub tag: String,
    /// The journal's `when`, in ms: the bookkeeping's `created_at`.
    pub when: i64,
    /// The file split on `--> statement-breakpoint`.
    pub statements: Vec<String>,
    /// sha256 of the file, hex (drizzle's `hash`).
    pub hash: String,
}

/// A folder's migrations, in journal order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migrations(pub Vec<Migration>);

impl Migrations {
    /// The migrations of a journal (`meta/_journal.json`'s text) whose files `file(tag)` gives
    /// (`None`: missing). Works without a filesystem, e.g. with `include_str!`.
    pub fn from_files(journal: &str, file: impl Fn(&str) -> Option<String>) -> Result<Migrations> {
        let bad = |m: String| Error::Config(format!("meta/_journal.json: {m}"));
        let j: serde_json::Value =
            serde_json::from_str(journal).map_err(|e| bad(format!("not a drizzle-kit journal: {e}")))?;
        let entries = j.get("entries").and_then(|e| e.as_array()).ok_or_else(|| bad("no \"entries\" array".into()))?;
        let mut out: Vec<Migration> = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let tag = e.get("tag").and_then(|t| t.as_str()).ok_or_else(|| bad(format!("entry {i} has no tag")))?;
            let when =
                e.get("when").and_then(|w| w.as_i64()).ok_or_else(|| bad(format!("entry {tag} has no \"when\"")))?;
            if out.last().is_some_and(|m| m.when > when) {
                return Err(bad(format!("entry {tag}: its \"when\" is earlier than the one before it")));
            }
            let text =
                file(tag).ok_or_else(|| Error::Config(format!("No file {tag}.sql found (journal entry {i})")))?;
            let hash = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            let statements = text.split(BREAKPOINT).map(str::to_owned).collect();
            out.push(Migration { tag: tag.to_owned(), when, statements, hash });
        }
        Ok(Migrations(out))
    }

    /// The migrations of the drizzle-kit folder `dir` (native targets).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn read_folder(dir: impl AsRef<std::path::Path>) -> Result<Migrations> {
        let dir = dir.as_ref();
        let journal_path = dir.join("meta").join("_journal.json");
        let journal = std::fs::read_to_string(&journal_path).map_err(|e| {
            Error::Config(format!("Can't find meta/_journal.json file ({}: {e})", journal_path.display()))
        })?;
        Migrations::from_files(&journal, |tag| std::fs::read_to_string(dir.join(format!("{tag}.sql"))).ok()).map_err(
            |e| match e {
                Error::Config(m) => Error::Config(format!("{}: {m}", dir.display())),
                other => other,
            },
        )
    }
}

/// Where the bookkeeping lives (drizzle's `migrationsTable`, `migrationsSchema`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateConfig {
    /// Default `__drizzle_migrations`.
    pub table: String,
    /// Default `drizzle`.
    pub schema: String,
}

impl Default for MigrateConfig {
    fn default() -> Self {
        MigrateConfig { table: "__drizzle_migrations".into(), schema: "drizzle".into() }
    }
}

/// The bookkeeping's statements, drizzle's text.
struct Book<'a>(&'a MigrateConfig);

impl Book<'_> {
    fn table(&self) -> Sql {
        identifier(self.0.schema.clone()).append(raw(".")).append(identifier(self.0.table.clone()))
    }
    fn lock(&self) -> Sql {
        raw("select pg_advisory_xact_lock(").append(param(Value::BigInt(LOCK_KEY))).append(raw("::int8)"))
    }
    fn create_schema(&self) -> Sql {
        raw("CREATE SCHEMA IF NOT EXISTS ").append(identifier(self.0.schema.clone()))
    }
    fn create_table(&self) -> Sql {
        raw("\n\t\tCREATE TABLE IF NOT EXISTS ").append(self.table()).append(raw(
            " (\n\t\t\tid SERIAL PRIMARY KEY,\n\t\t\thash text NOT NULL,\n\t\t\tcreated_at bigint\n\t\t)\n\t",
        ))
    }
    fn applied(&self) -> Sql {
        raw("select hash, created_at from ").append(self.table()).append(raw(" order by created_at"))
    }
    fn insert(&self, m: &Migration) -> Sql {
        raw("insert into ")
            .append(self.table())
            .append(raw(" (\"hash\", \"created_at\") values("))
            .append(param(Value::Text(m.hash.clone())))
            .append(raw(", "))
            .append(param(Value::BigInt(m.when)))
            .append(raw(")"))
    }
    /// Fails (22P02 with [`CHANGED`]) unless the table still has `count` rows.
    fn unchanged(&self, count: i64) -> Sql {
        raw("select cast(")
            .append(param(Value::Text(CHANGED.into())))
            .append(raw("::text || left(s.n::text, 0) as int) from (select count(*) as n from "))
            .append(self.table())
            .append(raw(") s where s.n <> "))
            .append(param(Value::BigInt(count)))
    }
}

/// What is pending after `applied` (`(hash, created_at)` in created_at order), by drizzle's rule;
/// an applied migration whose hash differs from its file is an error.
fn pending<'m>(migrations: &'m Migrations, applied: &[(String, i64)]) -> Result<Vec<&'m Migration>> {
    for m in &migrations.0 {
        if let Some((hash, _)) = applied.iter().find(|(_, when)| *when == m.when) {
            if *hash != m.hash {
                return Err(Error::Config(format!(
                    "migration {} was applied with another content (hash {hash}, its file now {}): a migration must \
                     not change once applied; restore the file, or add a new migration",
                    m.tag, m.hash
                )));
            }
        }
    }
    let last = applied.last().map(|(_, when)| *when);
    Ok(migrations.0.iter().filter(|m| last.is_none_or(|l| l < m.when)).collect())
}

fn rows_applied(r: &crate::driver::QueryResult) -> Result<Vec<(String, i64)>> {
    r.rows
        .iter()
        .map(|row| match row.as_slice() {
            [Value::Text(h), Value::Int(w) | Value::BigInt(w)] => Ok((h.clone(), *w)),
            [Value::Text(h), Value::Text(w)] => {
                w.parse().map(|w| (h.clone(), w)).map_err(|_| Error::Protocol("created_at is not an integer".into()))
            }
            _ => Err(Error::Protocol("unexpected row in the migrations table".into())),
        })
        .collect()
}

fn is_changed(e: &Error) -> bool {
    e.code() == Some("22P02") && e.to_string().contains(CHANGED)
}

fn statements(book: &Book<'_>, todo: &[&Migration]) -> Vec<Sql> {
    let mut out = vec![];
    for m in todo {
        out.extend(m.statements.iter().filter(|s| !s.trim().is_empty()).map(|s| raw(s.clone())));
        out.push(book.insert(m));
    }
    out
}

/// Applies the pending `migrations` over SQL-over-HTTP, all in ONE batch request (one
/// transaction) under an advisory lock; returns the tags applied. A failing statement is
/// [`Error::Migration`] naming the migration, with nothing applied.
pub async fn migrate_http(db: &NeonHttp, migrations: &Migrations, config: &MigrateConfig) -> Result<Vec<String>> {
    let book = Book(config);
    for attempt in 0..2 {
        let read = db.batch([book.lock(), book.create_schema(), book.create_table(), book.applied()]).await?;
        let applied = rows_applied(read.last().ok_or_else(|| Error::Protocol("no result".into()))?)?;
        let todo = pending(migrations, &applied)?;
        if todo.is_empty() {
            return Ok(vec![]);
        }
        let count = i64::try_from(applied.len()).unwrap_or(i64::MAX);
        let mut batch = vec![book.lock(), book.unchanged(count)];
        batch.extend(statements(&book, &todo));
        match db.batch(batch).await {
            Ok(_) => return Ok(todo.iter().map(|m| m.tag.clone()).collect()),
            // another migrator applied between the two requests: read again (once)
            Err(e) if is_changed(&e) && attempt == 0 => continue,
            Err(e) => return Err(Error::Migration { tag: locate(db, &book, &todo).await, source: Box::new(e) }),
        }
    }
    Err(Error::Config("the migrations table keeps changing: is another migrator running?".into()))
}

/// Which migration failed (a batch's error does not say which statement raised it): the
/// migrations are tried again, one more each time, in batches that always roll back.
async fn locate(db: &NeonHttp, book: &Book<'_>, todo: &[&Migration]) -> String {
    for k in 0..todo.len() {
        let mut batch = vec![book.lock()];
        batch.extend(statements(book, &todo[..=k]));
        batch.push(book.unchanged(-1));
        match db.batch(batch).await {
            Err(e) if is_changed(&e) => continue,
            _ => return todo[k].tag.clone(),
        }
    }
    todo.last().map(|m| m.tag.clone()).unwrap_or_default()
}

/// Applies the pending `migrations` over a WebSocket connection, in ONE interactive transaction
/// under an advisory lock; returns the tags applied.
#[cfg(feature = "pgwire")]
pub async fn migrate_ws<S: crate::driver::pgwire::Socket>(
    db: &mut crate::driver::pgwire::Client<S>,
    migrations: &Migrations,
    config: &MigrateConfig,
) -> Result<Vec<String>> {
    let book = Book(config);
    db.transaction(crate::driver::pgwire::TransactionConfig::default(), async |tx| {
        for s in [book.lock(), book.create_schema(), book.create_table()] {
            tx.execute(s).await?;
        }
        let applied = rows_applied(&tx.execute(book.applied()).await?)?;
        let todo = pending(migrations, &applied)?;
        for m in &todo {
            let run = async {
                for s in m.statements.iter().filter(|s| !s.trim().is_empty()) {
                    tx.execute(raw(s.clone())).await?;
                }
                tx.execute(book.insert(m)).await
            };
            if let Err(e) = run.await {
                return Err(Error::Migration { tag: m.tag.clone(), source: Box::new(e) });
            }
        }
        Ok(todo.iter().map(|m| m.tag.clone()).collect())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(entries: &[(&str, i64)]) -> String {
        let e: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, (t, w))| format!(r#"{{"idx":{i},"version":"7","when":{w},"tag":"{t}","breakpoints":true}}"#))
            .collect();
        format!(r#"{{"version":"7","dialect":"postgresql","entries":[{}]}}"#, e.join(","))
    }

    #[test]
    fn files_split_hash_and_pend_as_drizzle_does() {
        let m = Migrations::from_files(&journal(&[("0000_a", 10), ("0001_b", 20)]), |t| {
            Some(format!("select 1;\n{BREAKPOINT}\nselect '{t}';"))
        })
        .unwrap();
        assert_eq!(m.0[0].statements, ["select 1;\n", "\nselect '0000_a';"]);
        // sha256 of the file's text, hex (node's createHash('sha256'))
        assert_eq!(m.0[0].hash, "7bb0985d132092571aaf6e5744b4f795e9d6526b35dc9a86799b6488292cde25");
        let applied = vec![(m.0[0].hash.clone(), 10)];
        assert_eq!(pending(&m, &applied).unwrap().iter().map(|m| m.tag.as_str()).collect::<Vec<_>>(), ["0001_b"]);
        assert!(pending(&m, &[("0".repeat(64), 10)]).is_err(), "a changed file is an error");
        let missing = Migrations::from_files(&journal(&[("0000_a", 10)]), |_| None).unwrap_err();
        assert!(missing.to_string().contains("0000_a.sql"), "{missing}");
        assert!(Migrations::from_files("{", |_| None).is_err());
        assert!(Migrations::from_files(&journal(&[("0000_a", 20), ("0001_b", 10)]), |_| Some(String::new())).is_err());
    }
}
