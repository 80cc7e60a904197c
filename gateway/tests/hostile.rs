//! Hostile values (`tests/hostile/corpus.json`, shared with `tests/ts/hostile.test.mjs`) through
//! the Rust driver against real PostgreSQL behind the gateway, over SQL-over-HTTP and over the
//! WebSocket: each value is inserted with the builders into a table of its column type, selected
//! back and compared exactly, or must be refused with the corpus's error; refusals said to happen
//! before sending are checked against the gateway's per-database counters (nothing arrived),
//! PostgreSQL's against the same counters (the statement arrived). Identifiers with quotes,
//! backslashes, unicode and more than 63 bytes are created, filled and read through the builders'
//! quoting. A canary table created first must be intact at the end, and the database must hold
//! exactly the tables the corpus creates.
//!
//! Every case runs; the failures of a driver are reported together.

mod common;
#[path = "hostile/corpus.rs"]
mod corpus;

use std::collections::BTreeSet;

use common::{db_name, fresh_database, gateway, stats};
use corpus::{corpus, decode, matches, outcome, show, string_of, text_of, to_param, Col, Outcome};
use edgepg::driver::ws::{connect, Client, TokioSocket};
use edgepg::driver::{Executable, QueryResult};
use edgepg::neon_http::NeonHttp;
use edgepg::pg::*;
use edgepg::Value;
use serde_json::Value as Json;

// ------------------------------------------------------------------ drivers

enum Db {
    Http(NeonHttp),
    Ws(Box<Client<TokioSocket>>),
}

impl Db {
    async fn run(&mut self, q: impl Executable) -> edgepg::Result<QueryResult> {
        match self {
            Db::Http(h) => h.execute(q).await,
            Db::Ws(c) => c.execute(q).await,
        }
    }
    fn label(&self) -> &'static str {
        match self {
            Db::Http(_) => "http",
            Db::Ws(_) => "ws",
        }
    }
    /// The counter that must not move for a refusal before sending, and the one that must move
    /// when PostgreSQL refuses.
    fn counters(&self) -> (&'static str, &'static str) {
        match self {
            Db::Http(_) => ("requests", "queries"),
            Db::Ws(_) => ("wsFramesIn", "wsFramesIn"),
        }
    }
    /// The case's outcome for this driver: `rust`, else (WebSocket) `ws`, else `expect`.
    fn outcome_of<'c>(&self, c: &'c Json) -> &'c Json {
        let ws = matches!(self, Db::Ws(_)).then(|| c.get("ws")).flatten();
        c.get("rust").or(ws).unwrap_or(&c["expect"])
    }
}

async fn counter(db: &str, key: &str) -> u64 {
    stats(gateway()).await["databases"][db][key].as_u64().unwrap_or(0)
}

fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// One driver's run over the corpus: its database, what it created, what went wrong.
struct Run<'a> {
    db: &'a mut Db,
    /// The database's name (the key of its counters in the gateway's stats).
    name: String,
    label: &'static str,
    failures: Vec<String>,
    /// Tables of the public schema and schemas the run created (the catalog must hold these).
    tables: BTreeSet<String>,
    schemas: BTreeSet<String>,
    enums: BTreeSet<String>,
}

impl Run<'_> {
    fn fail(&mut self, case: &str, m: impl std::fmt::Display) {
        self.failures.push(format!("{}: {case}: {m}", self.label));
    }

    /// The gateway's counters of this database: (the one that must not move for a refusal
    /// before sending, the one that must move when PostgreSQL refuses).
    async fn counters(&self) -> (u64, u64) {
        let (before, sent) = self.db.counters();
        (counter(&self.name, before).await, counter(&self.name, sent).await)
    }

    /// Checks error `e` against `{"error", "before"}`, with the counters read before the attempt.
    async fn check_error(&mut self, case: &str, e: &edgepg::Error, text: &str, before: Option<bool>, c0: (u64, u64)) {
        let msg = e.to_string();
        if !msg.contains(text) {
            self.fail(case, format!("error {msg:?} lacks {text:?}"));
        }
        let c1 = self.counters().await;
        match before {
            Some(true) if c1.0 != c0.0 => {
                self.fail(case, format!("refused before sending, yet the gateway saw it: {msg}"))
            }
            Some(false) if c1.1 == c0.1 => {
                self.fail(case, format!("PostgreSQL was to refuse it, yet nothing reached it: {msg}"))
            }
            _ => {}
        }
    }

    /// The canary, the enum types, one table per column kind.
    async fn set_up(&mut self, corpus: &Json) -> (Table, Vec<(String, Table)>) {
        let row = &corpus["canary"]["row"];
        let canary = table(corpus["canary"]["table"].as_str().expect("canary table"))
            .column("id", integer("id").primary_key())
            .column("secret", text("secret").not_null())
            .build();
        let ddl = sql!(
            "create table {} ({} integer primary key, {} text not null)",
            &canary,
            identifier("id"),
            identifier("secret")
        );
        self.db.run(ddl).await.expect("create the canary");
        let canary_row = InsertRow::new()
            .set("id", row["id"].as_i64().expect("canary id"))
            .set("secret", row["secret"].as_str().expect("canary secret"));
        self.db.run(insert(&canary).values([canary_row])).await.expect("the canary row");
        self.tables.insert(canary.name().to_string());
        let mut tables: Vec<(String, Table)> = Vec::new();
        for c in corpus["cases"].as_array().expect("cases") {
            let col = Col(&c["column"]);
            if col.ty() == "pgEnum" && self.enums.insert(col.s("enumName").expect("enumName").to_string()) {
                let values: Vec<String> = col.enum_values().iter().map(|v| quote_literal(v)).collect();
                let name = identifier(col.s("enumName").expect("enumName").to_string());
                self.db
                    .run(sql!("create type {} as enum ({})", name, raw(values.join(", "))))
                    .await
                    .expect("create type");
            }
            let tn = col.table_name();
            if tables.iter().any(|(n, _)| *n == tn) {
                continue;
            }
            let t = table(&tn).column("id", integer("id").primary_key()).column("v", col.builder()).build();
            let ty = t.col("v").expect("v").sql_type();
            let ddl =
                sql!("create table {} ({} integer primary key, {} {})", &t, identifier("id"), identifier("v"), raw(ty));
            self.db.run(ddl).await.unwrap_or_else(|e| panic!("{}: create table {tn}: {e}", self.label));
            self.tables.insert(tn.clone());
            tables.push((tn, t));
        }
        (canary, tables)
    }

    /// Every value case: insert, select back, compare (or the expected refusal).
    async fn values(&mut self, cases: &[Json], tables: &[(String, Table)]) {
        let mut skipped = 0;
        for (i, c) in cases.iter().enumerate() {
            let case = c["name"].as_str().expect("name");
            let col = Col(&c["column"]);
            let tn = col.table_name();
            let t = &tables.iter().find(|(n, _)| *n == tn).expect("table").1;
            let id = i32::try_from(i + 1).expect("id");
            let want = outcome(self.db.outcome_of(c));
            let value = match (to_param(&decode(&c["value"])), &want) {
                (_, Outcome::Skip(why)) => {
                    assert!(!why.is_empty(), "{case}: a skip needs its reason");
                    skipped += 1;
                    continue;
                }
                (Ok(p), _) => p,
                (Err(why), _) => {
                    self.fail(
                        case,
                        format!("the value cannot be expressed in Rust ({why}) and the case has no rust skip"),
                    );
                    continue;
                }
            };
            let c0 = self.counters().await;
            let mut inserted = false;
            let db = &mut *self.db;
            let res = async {
                if c.get("insert").and_then(Json::as_str) == Some("raw") {
                    let (idc, v) = (identifier("id"), identifier("v"));
                    let q = sql!("insert into {} ({}, {}) values ({}, {})", t, idc, v, param(id), param(value.clone()));
                    db.run(q).await?;
                } else {
                    db.run(insert(t).values([InsertRow::new().set("id", id).set("v", value.clone())])).await?;
                }
                inserted = true;
                db.run(select().from(t).filter(eq(t.col("id")?, id))).await
            }
            .await;
            match (&want, res) {
                (Outcome::Error { text, before }, Err(e)) => self.check_error(case, &e, text, *before, c0).await,
                (Outcome::Error { text, .. }, Ok(r)) => {
                    let got = r.rows.first().map(|r| show(&r[1]));
                    self.fail(case, format!("expected an error containing {text:?}, got {got:?}"));
                }
                (_, Err(e)) => self.fail(case, format!("unexpected error: {e}")),
                (Outcome::Roundtrip | Outcome::Returns(_), Ok(r)) => {
                    let expected = match &want {
                        Outcome::Returns(x) => x.clone(),
                        _ => decode(&c["value"]),
                    };
                    let pg = c.get("rustPg").or(c.get("pg")).map(|p| string_of(p).expect("pg text"));
                    match r.rows.as_slice() {
                        [row] if row.len() == 2 && row[0] == Value::Int(i64::from(id)) => {
                            if !matches(&row[1], &expected, &col, pg.as_deref()) {
                                let want = match (&pg, col.date_mode()) {
                                    (Some(pg), true) => format!("PostgreSQL's text {pg:?}"),
                                    _ => format!("{expected:?}"),
                                };
                                self.fail(case, format!("got {}, expected {want}", show(&row[1])));
                            }
                        }
                        rows => self.fail(case, format!("expected one row, got {} rows", rows.len())),
                    }
                    if let Some(pg) = pg {
                        let q = sql!(
                            "select {}::text from {} where {} = {}",
                            identifier("v"),
                            t,
                            identifier("id"),
                            param(id)
                        );
                        match self.db.run(q).await {
                            Ok(r) if r.rows.first().and_then(|r| text_of(&r[0])) == Some(pg.as_str()) => {}
                            Ok(r) => self.fail(case, format!("PostgreSQL's text is {:?}, expected {pg:?}", r.rows)),
                            Err(e) => self.fail(case, format!("v::text: {e}")),
                        }
                    }
                }
                (Outcome::Stored | Outcome::Skip(_), _) => self.fail(case, "not an outcome of a value"),
            }
            if !inserted {
                let q = sql!("select count(*)::int from {} where {} = {}", t, identifier("id"), param(id));
                match self.db.run(q).await {
                    Ok(r) if r.rows == vec![vec![Value::Int(0)]] => {}
                    other => self.fail(case, format!("a refused insert left something behind: {other:?}")),
                }
            }
            if let Db::Ws(c) = &*self.db {
                assert!(c.is_usable(), "{}: {case}: the WebSocket client is no longer usable", self.label);
            }
        }
        assert!(skipped < cases.len() / 10, "{}: {skipped} cases skipped", self.label);
    }

    /// Every identifier case: a table under that name, filled and read through the builders.
    async fn identifiers(&mut self, ids: &[Json]) {
        for c in ids {
            let case = format!("identifier {}", c["name"].as_str().expect("name"));
            let case = case.as_str();
            let want = outcome(self.db.outcome_of(c));
            if let Outcome::Skip(why) = &want {
                assert!(!why.is_empty(), "{case}: a skip needs its reason");
                continue;
            }
            let (Ok(tn), Ok(cn)) = (string_of(&c["table"]), string_of(&c["column"])) else {
                self.fail(case, "a name cannot be expressed in Rust and the case has no rust skip");
                continue;
            };
            let sn = c.get("schema").map(|s| string_of(s).expect("schema name"));
            let stored = |k: &str, given: &str| {
                c.get("stored")
                    .and_then(|s| s.get(k))
                    .map_or_else(|| given.to_string(), |s| string_of(s).expect("stored"))
            };
            let (st, sc) = (stored("table", &tn), stored("column", &cn));
            let ss = stored("schema", sn.as_deref().unwrap_or("public"));
            let make = |name: &str| {
                let b = match &sn {
                    Some(s) => pg_schema(s).table(name),
                    None => table(name),
                };
                b.column("id", integer("id").primary_key()).column("v", text(&cn)).build()
            };
            let t = make(&tn);
            let value = format!("{tn}/{cn}");
            let row = vec![vec![Value::Int(1), Value::Text(value.clone())]];
            let c0 = self.counters().await;
            let db = &mut *self.db;
            let res = async {
                if let Some(s) = &sn {
                    db.run(sql!("create schema {}", identifier(s.clone()))).await?;
                }
                let (idc, v) = (identifier("id"), identifier(cn.clone()));
                db.run(sql!("create table {} ({} integer primary key, {} text)", &t, idc, v)).await?;
                db.run(insert(&t).values([InsertRow::new().set("id", 1).set("v", value.as_str())])).await?;
                db.run(select().from(&t)).await
            }
            .await;
            match (&want, res) {
                (Outcome::Error { text, before }, Err(e)) => self.check_error(case, &e, text, *before, c0).await,
                (Outcome::Error { text, .. }, Ok(_)) => {
                    self.fail(case, format!("expected an error containing {text:?}"))
                }
                (_, Err(e)) => self.fail(case, format!("unexpected error: {e}")),
                (_, Ok(r)) => {
                    if r.rows != row {
                        self.fail(case, format!("read back {:?}", r.rows));
                    }
                    // the catalog holds the names PostgreSQL stored (truncated to 63 bytes)
                    let q = sql!(
                        "select n.nspname, c.relname, a.attname from pg_class c join pg_namespace n on n.oid = \
                         c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attnum = 2 where c.relname = {} \
                         and n.nspname = {}",
                        param(st.clone()),
                        param(ss.clone())
                    );
                    let names = vec![vec![Value::Text(ss.clone()), Value::Text(st.clone()), Value::Text(sc.clone())]];
                    match self.db.run(q).await {
                        Ok(r) if r.rows == names => {}
                        other => self.fail(case, format!("catalog: {other:?}, expected {ss:?}.{st:?} ({sc:?})")),
                    }
                    // a raw select names its columns as stored
                    match self.db.run(sql!("select * from {}", &t)).await {
                        Ok(r) if r.fields.iter().map(|f| f.name.as_str()).eq(["id", sc.as_str()]) => {}
                        other => self.fail(case, format!("field names of a raw select: {other:?}")),
                    }
                    if let Some(alias) = c.get("alias") {
                        let a = make(&string_of(alias).expect("alias"));
                        match self.db.run(select().from(&a)).await {
                            Ok(r) if r.rows == row => {}
                            other => {
                                self.fail(case, format!("the same table under a name sharing 63 bytes: {other:?}"))
                            }
                        }
                    }
                    if sn.is_some() {
                        self.schemas.insert(ss);
                    } else {
                        self.tables.insert(st);
                    }
                }
            }
        }
    }

    /// The canary row, and nothing but the corpus's tables, schemas and enum types.
    async fn catalog(&mut self, corpus: &Json, canary: &Table) {
        let row = &corpus["canary"]["row"];
        let want = vec![vec![
            Value::Int(row["id"].as_i64().expect("canary id")),
            Value::Text(row["secret"].as_str().expect("canary secret").into()),
        ]];
        match self.db.run(select().from(canary)).await {
            Ok(r) if r.rows == want => {}
            other => self.fail("the canary", format!("{other:?}")),
        }
        let checks = [
            ("tables", "select relname::text from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace"),
            ("schemas", "select nspname::text from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'"),
            ("enum types", "select typname::text from pg_type where typtype = 'e' and typnamespace = 'public'::regnamespace"),
        ];
        for (what, q) in checks {
            let expected = match what {
                "tables" => &self.tables,
                "schemas" => &self.schemas,
                _ => &self.enums,
            }
            .clone();
            let got: BTreeSet<String> = match self.db.run(raw(q)).await {
                Ok(r) => r.rows.iter().map(|row| text_of(&row[0]).expect("a name").to_string()).collect(),
                Err(e) => panic!("{}: {what}: {e}", self.label),
            };
            if got != expected {
                let extra: Vec<_> = got.difference(&expected).collect();
                let missing: Vec<_> = expected.difference(&got).collect();
                self.fail("the catalog", format!("{what}: unexpected {extra:?}, missing {missing:?}"));
            }
        }
    }
}

/// Runs the whole corpus through `db`, connected to the fresh database of `conn`; the failures.
async fn run_corpus(db: &mut Db, conn: &str) -> Vec<String> {
    let corpus = corpus();
    let label = db.label();
    let mut run = Run {
        db,
        name: db_name(conn),
        label,
        failures: Vec::new(),
        tables: BTreeSet::new(),
        schemas: ["public".to_string()].into(),
        enums: BTreeSet::new(),
    };
    let (canary, tables) = run.set_up(&corpus).await;
    run.values(corpus["cases"].as_array().expect("cases"), &tables).await;
    run.identifiers(corpus["identifiers"].as_array().expect("identifiers")).await;
    run.catalog(&corpus, &canary).await;
    run.failures
}

fn report(failures: &[String]) {
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test]
async fn hostile_values_over_http() {
    let conn = fresh_database(gateway(), "hostile_http").await;
    let mut db = Db::Http(NeonHttp::builder(&conn).endpoint(&gateway().sql).build().expect("client"));
    report(&run_corpus(&mut db, &conn).await);
}

#[tokio::test]
async fn hostile_values_over_websocket() {
    let conn = fresh_database(gateway(), "hostile_ws").await;
    let mut db = Db::Ws(Box::new(connect(&gateway().ws, &conn).await.expect("connect")));
    let failures = run_corpus(&mut db, &conn).await;
    if let Db::Ws(c) = db {
        c.end().await;
    }
    report(&failures);
}
