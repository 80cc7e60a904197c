//! The SQL-over-HTTP session pool: a session is reused request after request (no new
//! PostgreSQL session per request), and nothing a request leaves in it reaches the next one
//! (the reset is sent right behind each request's last statement).

mod common;

use common::{fresh_database, gateway, query_rows, spawn_gateway};
use serde_json::json;

/// The backend pid and the value of `probe` in one request.
async fn probe(gw: &common::Gateway, conn: &str, probe: &str) -> (String, serde_json::Value) {
    let rows = query_rows(gw, conn, &format!("select pg_backend_pid()::text, ({probe})"), json!([])).await;
    (rows[0][0].as_str().unwrap().to_string(), rows[0][1].clone())
}

#[tokio::test]
async fn one_session_serves_request_after_request_and_keeps_nothing_between_them() {
    let shared = gateway();
    let conn = fresh_database(shared, "pool_reset").await;
    let db = common::db_name(&conn);
    // a gateway of its own, so that this test alone uses its pool
    let gw = spawn_gateway(&["--postgres", &shared.postgres]);
    let conn = gw.conn_str_for(&db);
    let (pid, _) = probe(&gw, &conn, "1").await;

    // what a request may leave behind in its session
    query_rows(&gw, &conn, "select set_config('search_path', 'leaked', false)", json!([])).await;
    query_rows(&gw, &conn, "select pg_advisory_lock(4242)", json!([])).await;
    // another session sees the lock free at once, not only when the pooled one is next used
    let rows = query_rows(
        shared,
        &shared.conn_str_for(&db),
        "select pg_try_advisory_lock(4242), pg_advisory_unlock(4242)",
        json!([]),
    )
    .await;
    assert_eq!(rows[0][0], "t");
    query_rows(&gw, &conn, "create temp table leaked_temp (x int)", json!([])).await;
    query_rows(&gw, &conn, "prepare leaked_stmt as select 1", json!([])).await;
    query_rows(&gw, &conn, "listen leaked_channel", json!([])).await;
    // a batch too: its reset goes behind the COMMIT
    let r = common::sql(
        &gw,
        &conn,
        &[],
        &json!({"queries": [{"query": "select set_config('application_name', 'leaked_app', false)"}]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());

    for (check, clean) in [
        ("current_setting('search_path')", json!("\"$user\", public")),
        ("current_setting('application_name')", json!("")),
        ("(select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid())::int", json!("0")),
        ("to_regclass('pg_temp.leaked_temp') is null", json!("t")),
        ("(select count(*) from pg_prepared_statements)::int", json!("0")),
        ("(select count(*) from pg_listening_channels())::int", json!("0")),
    ] {
        let (same_pid, value) = probe(&gw, &conn, check).await;
        assert_eq!(same_pid, pid, "the pooled session is reused");
        assert_eq!(value, clean, "{check}");
    }

    // 50 more requests, one at a time: still that one session
    for _ in 0..50 {
        assert_eq!(probe(&gw, &conn, "1").await.0, pid);
    }
}

#[tokio::test]
async fn copy_from_stdin_is_refused_clearly_and_the_session_stays_usable() {
    let g = gateway();
    let conn = fresh_database(g, "pool_copy").await;
    query_rows(g, &conn, "create table t (x int)", json!([])).await;
    for body in [
        json!({"query": "copy t from stdin"}),
        json!({"queries": [{"query": "insert into t values (1)"}, {"query": "COPY t FROM STDIN"}]}),
    ] {
        let r = common::sql(g, &conn, &[], &body).await;
        assert_eq!(r.status, 400, "{}", r.text());
        let message = r.json()["message"].as_str().unwrap().to_string();
        assert!(message.contains("COPY FROM STDIN is not supported by edgepg-gateway"), "{message}");
        let rows = query_rows(g, &conn, "select count(*) from t", json!([])).await;
        assert_eq!(rows[0][0], "0");
    }
}
