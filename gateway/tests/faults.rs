//! Faults with real processes: the gateway killed mid-query, PostgreSQL restarted
//! under a running gateway, a client that disconnects mid-batch, a timeout and an abort during
//! a long statement. Each must give the client a typed error within its deadline, commit
//! nothing (checked through another connection), leave no session of the faulted request in
//! `pg_stat_activity`, and leave the gateway serving.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::assert::wait_for;
use common::{db_name, fresh_database, gateway, query_rows, spawn_gateway, Gateway};
use edgepg::driver::ws::{connect, TransactionConfig};
use edgepg::driver::Abort;
use edgepg::neon_http::NeonHttp;
use edgepg::sql::raw;
use edgepg::{Error, Value};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// How long a faulted statement would run if nothing stopped it.
const LONG: &str = "select pg_sleep(30)";

/// A fresh database (on the shared cluster) with an empty table `t`.
async fn setup(prefix: &str) -> String {
    let conn = fresh_database(gateway(), prefix).await;
    query_rows(gateway(), &conn, "create table t (id int)", json!([])).await;
    conn
}

/// Rows of `t`, read through the shared gateway (another connection than the faulted one).
async fn rows_of_t(conn: &str) -> usize {
    query_rows(gateway(), conn, "select count(*) from t", json!([])).await[0][0].as_str().unwrap().parse().unwrap()
}

/// Sessions of database `db` that are running something or sit in a transaction, seen from
/// the `postgres` database.
async fn busy_sessions(g: &Gateway, db: &str) -> usize {
    let rows = query_rows(
        g,
        &g.conn_str_for("postgres"),
        "select count(*) from pg_stat_activity where datname = $1 and state <> 'idle'",
        json!([db]),
    )
    .await;
    rows[0][0].as_str().unwrap().parse().unwrap()
}

/// The outcome every fault must have: nothing committed, no busy session left within 10 s.
/// Returns how long the sessions took to go.
async fn assert_nothing_left(conn: &str) -> Duration {
    let db = db_name(conn);
    let t0 = Instant::now();
    wait_for("the faulted session to be gone", Duration::from_secs(10), || async {
        busy_sessions(gateway(), &db).await == 0
    })
    .await;
    let gone = t0.elapsed();
    assert_eq!(rows_of_t(conn).await, 0, "nothing committed");
    gone
}

/// One line of the fault table (`cargo test --test faults -- --nocapture` prints them).
fn report(fault: &str, error: &Error, error_after: Duration, sessions_gone_after: Duration) {
    let kind = format!("{error:?}");
    let kind = kind.split(['(', ' ', '{']).next().unwrap_or("");
    eprintln!(
        "fault table | {fault} | Error::{kind} after {} ms | sessions gone {} ms later |",
        error_after.as_millis(),
        sessions_gone_after.as_millis()
    );
}

fn http(gw: &Gateway, conn: &str) -> NeonHttp {
    NeonHttp::builder(conn).endpoint(&gw.sql).timeout(Duration::from_secs(60)).build().unwrap()
}

/// `conn` (a connection string of the shared gateway) pointed at `gw`.
fn through(gw: &Gateway, conn: &str) -> String {
    conn.replacen(&gateway().addr, &gw.addr, 1)
}

async fn assert_serves(gw: &Gateway, conn: &str) {
    let r = http(gw, conn).query("select 1 as one", &[]).await.expect("the gateway still serves");
    assert_eq!(r.rows.len(), 1);
}

#[tokio::test]
async fn the_gateway_killed_mid_query() {
    let conn = setup("fault_kill").await;
    let gw = spawn_gateway(&["--postgres", &gateway().postgres]);
    let pid = gw.ready["pid"].as_u64().unwrap();
    let mine = through(&gw, &conn);
    // one HTTP batch and one WebSocket transaction, both inside their long statement
    let db = http(&gw, &mine);
    let batch = tokio::spawn(async move {
        let r = db.batch([raw("insert into t values (1)"), raw(LONG)]).await;
        (r, Instant::now())
    });
    let mut ws = connect(&gw.ws, &mine).await.unwrap();
    let tx = tokio::spawn(async move {
        let r = ws
            .transaction(TransactionConfig::default(), async |tx| {
                tx.query("insert into t values (2)", &[]).await?;
                tx.query(LONG, &[]).await
            })
            .await;
        (r, Instant::now())
    });
    let db = db_name(&conn);
    wait_for("both statements running", Duration::from_secs(10), || async { busy_sessions(gateway(), &db).await == 2 })
        .await;
    let status = Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
    let killed = Instant::now();
    assert!(status.success());

    let (r, done) = batch.await.unwrap();
    let took = done - killed;
    let e = r.unwrap_err();
    assert!(matches!(e, Error::Connect(_)), "HTTP: {e:?}");
    assert!(took < Duration::from_secs(10), "HTTP error after {took:?}");
    let (r, done) = tx.await.unwrap();
    let ws_took = done - killed;
    let ws_e = r.unwrap_err();
    assert!(matches!(ws_e, Error::Connect(_)), "WebSocket: {ws_e:?}");
    assert!(ws_took < Duration::from_secs(10), "WebSocket error after {ws_took:?}");
    // PostgreSQL notices the dead gateway within client_connection_check_interval
    let gone = assert_nothing_left(&conn).await;
    report("gateway killed (SIGKILL) mid-statement, HTTP batch (from the kill)", &e, took, gone);
    report("gateway killed (SIGKILL) mid-statement, WebSocket transaction (from the kill)", &ws_e, ws_took, gone);
    // a new gateway on the same PostgreSQL serves at once
    let again = spawn_gateway(&["--postgres", &gateway().postgres]);
    assert_serves(&again, &through(&again, &conn)).await;
}

/// `pg_ctl` of the PostgreSQL server binaries, as the embedded cluster finds them.
fn pg_ctl() -> PathBuf {
    let from_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("pg_ctl")).find(|p| p.is_file()))
        .unwrap_or_default();
    from_path
        .or_else(|| {
            let mut dirs: Vec<PathBuf> =
                std::fs::read_dir("/usr/lib/postgresql").ok()?.flatten().map(|e| e.path().join("bin/pg_ctl")).collect();
            dirs.sort();
            dirs.into_iter().rev().find(|p| p.is_file())
        })
        .expect("pg_ctl")
}

/// Restarts the cluster in `data` (as the `postgres` user when we are root, as the gateway
/// runs it).
fn restart_postgres(data: &Path) {
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let mut cmd = if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(pg_ctl());
        c
    } else {
        Command::new(pg_ctl())
    };
    // the server's output goes to its log (with a pipe, the server would hold it open)
    let log = data.parent().expect("cluster dir").join("postgres.log");
    let status = cmd
        .arg("-D")
        .arg(data)
        .arg("-l")
        .arg(&log)
        .args(["-w", "-m", "fast", "restart"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("pg_ctl restart");
    assert!(status.success(), "pg_ctl restart failed; see {}", log.display());
}

#[tokio::test]
async fn postgres_restarted_under_a_running_gateway() {
    // a cluster of its own: restarting the shared one would fault the other tests
    let dir = std::env::temp_dir().join(format!("edgepg-fault-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut perms = std::fs::metadata(&dir).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&dir, perms).unwrap();
    let gw = spawn_gateway(&["--embedded", &dir.join("pg").display().to_string()]);
    let conn = gw.connection_string.clone();
    let db = http(&gw, &conn);
    db.query("create table t (id int)", &[]).await.unwrap();
    // warm the pool with several sessions
    let warm: Vec<_> = (0..4).map(|_| db.query("select pg_sleep(0.2)", &[])).collect();
    for r in futures_util::future::join_all(warm).await {
        r.unwrap();
    }
    // a WebSocket transaction with an uncommitted insert, and an HTTP statement running
    let mut ws = connect(&gw.ws, &conn).await.unwrap();
    ws.query("begin", &[]).await.unwrap();
    ws.query("insert into t values (1)", &[]).await.unwrap();
    let running = {
        let db = db.clone();
        tokio::spawn(async move { (db.batch([raw("insert into t values (2)"), raw(LONG)]).await, Instant::now()) })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let restarted = Instant::now();
    restart_postgres(&dir.join("pg/pgdata"));

    let (r, done) = running.await.unwrap();
    let took = done.saturating_duration_since(restarted);
    let e = r.unwrap_err();
    // PostgreSQL's 57P01 "terminating connection due to administrator command", or the socket
    // closing under the gateway (500 "connection to PostgreSQL failed")
    assert!(
        matches!(&e, Error::Database(_) if e.code() == Some("57P01")) || matches!(&e, Error::Http { status: 500, .. }),
        "{e:?}"
    );
    assert!(took < Duration::from_secs(20), "after {took:?}");
    report("PostgreSQL restarted (pg_ctl -m fast), HTTP batch running (from the restart)", &e, took, Duration::ZERO);
    let t0 = Instant::now();
    let e = ws.query("commit", &[]).await.unwrap_err();
    assert!(matches!(&e, Error::Database(_) if e.code() == Some("57P01")) || matches!(e, Error::Connect(_)), "{e:?}");
    report("PostgreSQL restarted, WebSocket transaction open (next statement)", &e, t0.elapsed(), Duration::ZERO);

    // the pool recovers by itself: dead idle sessions are dropped, new ones opened
    for _ in 0..8 {
        db.query("select 1", &[]).await.expect("served after the restart");
    }
    let mut ws = connect(&gw.ws, &conn).await.unwrap();
    let n = ws.query("select count(*)::int as n from t", &[]).await.unwrap();
    assert_eq!(n.rows[0][0], Value::Int(0), "nothing of either transaction committed");
    let busy = db
        .query(
            "select count(*)::int from pg_stat_activity where datname = current_database() and state <> 'idle' \
             and pid <> pg_backend_pid()",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(busy.rows[0][0], Value::Int(0));
    drop((ws, gw));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_client_that_disconnects_mid_batch() {
    let conn = setup("fault_disconnect").await;
    let g = gateway();
    // HTTP: the request is sent, then the socket closes while the batch sleeps
    let body = json!({"queries": [
        {"query": "insert into t values (1)", "params": []},
        {"query": LONG, "params": []},
        {"query": "insert into t values (2)", "params": []},
    ]})
    .to_string();
    let mut s = TcpStream::connect(&g.addr).await.unwrap();
    let head = format!(
        "POST /sql HTTP/1.1\r\nHost: x\r\nNeon-Connection-String: {conn}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(body.as_bytes()).await.unwrap();
    let db = db_name(&conn);
    wait_for("the batch to run", Duration::from_secs(10), || async { busy_sessions(g, &db).await == 1 }).await;
    drop(s);
    let gone = assert_nothing_left(&conn).await;
    eprintln!(
        "fault table | client closes its socket mid-batch (HTTP) | — | sessions gone {} ms later |",
        gone.as_millis()
    );

    // WebSocket: the socket goes away inside a transaction
    let mut ws = connect(&g.ws, &conn).await.unwrap();
    ws.query("begin", &[]).await.unwrap();
    ws.query("insert into t values (3)", &[]).await.unwrap();
    drop(ws);
    let gone = assert_nothing_left(&conn).await;
    eprintln!(
        "fault table | client drops its WebSocket mid-transaction | — | sessions gone {} ms later |",
        gone.as_millis()
    );
    assert_serves(g, &conn).await;
}

#[tokio::test]
async fn a_timeout_and_an_abort_during_a_long_statement() {
    let conn = setup("fault_timeout").await;
    let g = gateway();
    let db = http(g, &conn);
    let batch = || [raw("insert into t values (1)"), raw(LONG)];

    // HTTP, timeout
    let t0 = Instant::now();
    let e = db.with_timeout(Duration::from_millis(500)).batch(batch()).await.unwrap_err();
    let took = t0.elapsed();
    assert!(matches!(e, Error::Timeout(_)), "{e:?}");
    assert!(took < Duration::from_secs(3), "after {took:?}");
    report("HTTP batch, client timeout 500 ms", &e, took, assert_nothing_left(&conn).await);

    // HTTP, abort
    let abort = Abort::new();
    let later = abort.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        later.abort();
    });
    let t0 = Instant::now();
    let e = db.with_abort(&abort).batch(batch()).await.unwrap_err();
    let took = t0.elapsed();
    assert!(matches!(e, Error::Aborted), "{e:?}");
    assert!(took < Duration::from_secs(3), "after {took:?}");
    report("HTTP batch, aborted at 500 ms", &e, took, assert_nothing_left(&conn).await);

    // WebSocket, timeout inside a transaction: the statement is cancelled, the session dropped
    let socket = edgepg::driver::ws::TokioSocket::open(&g.ws).await.unwrap().with_timeout(Duration::from_millis(500));
    let mut ws = edgepg::driver::ws::Client::new(socket, &conn).unwrap();
    let t0 = Instant::now();
    let e = ws
        .transaction(TransactionConfig::default(), async |tx| {
            tx.query("insert into t values (2)", &[]).await?;
            tx.query(LONG, &[]).await
        })
        .await
        .unwrap_err();
    let took = t0.elapsed();
    assert!(matches!(e, Error::Timeout(_)), "{e:?}");
    assert!(took < Duration::from_secs(3), "after {took:?}");
    report("WebSocket transaction, socket timeout 500 ms", &e, took, assert_nothing_left(&conn).await);
    assert_serves(g, &conn).await;
}
