//! End-to-end tests of edgepg-gateway over real HTTP and WebSocket connections, against the
//! embedded PostgreSQL started by the shared fixture (see `common/mod.rs`).
//!
//! This file: result shapes, parameters, batches, session hygiene, cancellation, stats.
//! `protocol/errors.rs`: every error status and message, limits, CORS and routing.
//! `protocol/websocket.rs`: Postgres-over-WebSocket.

mod common;
#[path = "protocol/errors.rs"]
mod errors;
#[path = "protocol/websocket.rs"]
mod websocket;

use std::time::{Duration, Instant};

use common::assert::{assert_pg_error, assert_uuid_v4, open_transactions, wait_for, RAW_ARRAY};
use common::{db_name, fresh_database, gateway, query_rows, sql};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Single queries and result shapes (§2)

#[tokio::test]
async fn single_query_raw_array_mode_exact_body() {
    let gw = gateway();
    let r = sql(
        gw,
        &gw.connection_string,
        RAW_ARRAY,
        &json!({"query": "SELECT $1::int AS one, $2 AS two", "params": ["1", null]}),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_uuid_v4(r.header("neon-request-id"));
    assert_eq!(
        r.text(),
        r#"{"fields":[{"name":"one","dataTypeID":23,"tableID":0,"columnID":0,"dataTypeSize":4,"dataTypeModifier":-1,"format":"text"},{"name":"two","dataTypeID":25,"tableID":0,"columnID":0,"dataTypeSize":-1,"dataTypeModifier":-1,"format":"text"}],"rows":[["1",null]],"command":"SELECT","rowCount":1,"rowAsArray":true}"#
    );
}

#[tokio::test]
async fn object_mode_duplicates_and_per_query_array_mode() {
    let gw = gateway();
    let cs = &gw.connection_string;
    // No Neon-Array-Mode: objects; duplicate names are written twice (Neon HEAD).
    let r =
        sql(gw, cs, &[("Neon-Raw-Text-Output", "true")], &json!({"query": "SELECT 1 AS a, 2 AS a, NULL AS b"})).await;
    assert_eq!(r.status, 200);
    assert!(
        r.text().contains(r#""rows":[{"a":"1","a":"2","b":null}],"command":"SELECT","rowCount":1,"rowAsArray":false}"#),
        "{}",
        r.text()
    );
    // The per-query arrayMode overrides the header, both ways.
    let r = sql(gw, cs, RAW_ARRAY, &json!({"query": "SELECT 1 AS a", "arrayMode": false})).await;
    assert_eq!(r.json()["rows"], json!([{"a": "1"}]));
    assert_eq!(r.json()["rowAsArray"], false);
    let r = sql(gw, cs, &[("Neon-Array-Mode", "TRUE")], &json!({"query": "SELECT 1 AS a", "arrayMode": true})).await;
    assert_eq!(r.json()["rows"], json!([[1]]));
    // Only the exact value "true" counts.
    let r =
        sql(gw, cs, &[("Neon-Array-Mode", "TRUE"), ("Neon-Raw-Text-Output", "1")], &json!({"query": "SELECT 1 AS a"}))
            .await;
    assert_eq!(r.json()["rows"], json!([{"a": 1}]));
    // Batches honour arrayMode per query.
    let r = sql(
        gw,
        cs,
        &[("Neon-Raw-Text-Output", "true")],
        &json!({"queries": [{"query": "SELECT 1 AS a", "arrayMode": true}, {"query": "SELECT 2 AS b"}]}),
    )
    .await;
    let results = &r.json()["results"];
    assert_eq!(results[0]["rows"], json!([["1"]]));
    assert_eq!(results[0]["rowAsArray"], true);
    assert_eq!(results[1]["rows"], json!([{"b": "2"}]));
    assert_eq!(results[1]["rowAsArray"], false);
}

#[tokio::test]
async fn non_raw_json_mode_converts_types() {
    let gw = gateway();
    let q = "SELECT 1::int2 a, 2::int4 b, 3::int8 c, 1.5::float4 d, 'NaN'::float8 e, '-Infinity'::float8 e2, true f, \
             '{\"k\":[1]}'::json g, '{\"k\": 2}'::jsonb h, ARRAY[[1,2],[3,NULL]] i, ARRAY['x y','q\"', NULL] j, \
             1.50::numeric k, NULL::text l, '{}'::int[] m, '[0:1]={t,f}'::bool[] n, ARRAY['{\"z\":1}'::jsonb] o, \
             'hello'::text p, '2024-01-02'::date q";
    let r = sql(gw, &gw.connection_string, &[], &json!({ "query": q })).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["rows"][0],
        json!({
            "a": 1, "b": 2, "c": "3", "d": 1.5, "e": "NaN", "e2": "-Infinity", "f": true,
            "g": {"k": [1]}, "h": {"k": 2}, "i": [[1, 2], [3, null]], "j": ["x y", "q\"", null],
            "k": "1.50", "l": null, "m": [], "n": [true, false], "o": [{"z": 1}], "p": "hello", "q": "2024-01-02"
        })
    );
    // The same query in raw mode: every value is PostgreSQL's text.
    let r = sql(gw, &gw.connection_string, RAW_ARRAY, &json!({ "query": q })).await;
    assert_eq!(
        r.json()["rows"][0],
        json!([
            "1",
            "2",
            "3",
            "1.5",
            "NaN",
            "-Infinity",
            "t",
            "{\"k\":[1]}",
            "{\"k\": 2}",
            "{{1,2},{3,NULL}}",
            "{\"x y\",\"q\\\"\",NULL}",
            "1.50",
            null,
            "{}",
            "[0:1]={t,f}",
            "{\"{\\\"z\\\": 1}\"}",
            "hello",
            "2024-01-02"
        ])
    );
}

#[tokio::test]
async fn field_metadata_command_and_row_count() {
    let gw = gateway();
    let cs = fresh_database(gw, "meta").await;
    let run = |q: &'static str| {
        let cs = cs.clone();
        async move {
            let r = sql(gw, &cs, RAW_ARRAY, &json!({ "query": q })).await;
            assert_eq!(r.status, 200, "{q}: {}", r.text());
            r.json()
        }
    };
    let create = run("CREATE TABLE items (id serial PRIMARY KEY, name varchar(10) NOT NULL, price numeric(8,2))").await;
    assert_eq!((create["command"].clone(), create["rowCount"].clone()), (json!("CREATE"), Value::Null));
    assert_eq!(create["fields"], json!([]));
    assert_eq!(create["rows"], json!([]));
    let insert = run("INSERT INTO items (name, price) VALUES ('a', 1.5), ('b', 2)").await;
    assert_eq!((insert["command"].clone(), insert["rowCount"].clone()), (json!("INSERT"), json!(2)));
    let update = run("UPDATE items SET price = price + 1").await;
    assert_eq!((update["command"].clone(), update["rowCount"].clone()), (json!("UPDATE"), json!(2)));
    let oid =
        run("SELECT 'items'::regclass::oid").await["rows"][0][0].as_str().expect("oid").parse::<u64>().expect("n");
    let select = run("SELECT id, name, price FROM items ORDER BY id").await;
    assert_eq!(
        select["fields"],
        json!([
            {"name": "id", "dataTypeID": 23, "tableID": oid, "columnID": 1, "dataTypeSize": 4, "dataTypeModifier": -1, "format": "text"},
            {"name": "name", "dataTypeID": 1043, "tableID": oid, "columnID": 2, "dataTypeSize": -1, "dataTypeModifier": 14, "format": "text"},
            {"name": "price", "dataTypeID": 1700, "tableID": oid, "columnID": 3, "dataTypeSize": -1, "dataTypeModifier": 524294, "format": "text"}
        ])
    );
    assert_eq!(select["rows"], json!([["1", "a", "2.50"], ["2", "b", "3.00"]]));
    assert_eq!((select["command"].clone(), select["rowCount"].clone()), (json!("SELECT"), json!(2)));
    let delete = run("DELETE FROM items WHERE id = 1").await;
    assert_eq!((delete["command"].clone(), delete["rowCount"].clone()), (json!("DELETE"), json!(1)));
    let none = run("SELECT * FROM items WHERE false").await;
    assert_eq!(
        (none["command"].clone(), none["rowCount"].clone(), none["rows"].clone()),
        (json!("SELECT"), json!(0), json!([]))
    );
    let empty = run("").await;
    assert_eq!(empty, json!({"fields": [], "rows": [], "command": "", "rowCount": null, "rowAsArray": true}));
}

#[tokio::test]
async fn json_params_become_postgres_text() {
    let gw = gateway();
    let rows = query_rows(
        gw,
        &gw.connection_string,
        "SELECT $1::int, $2::bool, $3::jsonb, $4::int[], $5, $6::text IS NULL, $7::float8, $8::text[], $9::jsonb[]",
        json!([1, true, {"a": 1}, [1, 2, null], "x\"y", null, 1.5, ["a,b", "NULL", null], [{"k": "v"}]]),
    )
    .await;
    assert_eq!(
        rows,
        vec![json!([
            "1",
            "t",
            "{\"a\": 1}",
            "{1,2,NULL}",
            "x\"y",
            "t",
            "1.5",
            "{\"a,b\",\"NULL\",NULL}",
            "{\"{\\\"k\\\": \\\"v\\\"}\"}"
        ])]
    );
    // Untyped parameters are inferred by PostgreSQL (text).
    let r = sql(gw, &gw.connection_string, RAW_ARRAY, &json!({"query": "SELECT $1 AS p", "params": ["7"]})).await;
    assert_eq!(r.json()["fields"][0]["dataTypeID"], 25);
}

// ---------------------------------------------------------------------------------------------
// Batches (§1.7, §2.2)

#[tokio::test]
async fn batch_headers_start_the_transaction_and_are_echoed() {
    let gw = gateway();
    let cs = &gw.connection_string;
    let body = json!({"queries": [
        {"query": "SHOW transaction_isolation"},
        {"query": "SHOW transaction_read_only"},
        {"query": "SHOW transaction_deferrable"}
    ]});
    let mut headers = RAW_ARRAY.to_vec();
    headers.extend([
        ("Neon-Batch-Isolation-Level", "Serializable"),
        ("Neon-Batch-Read-Only", "true"),
        ("Neon-Batch-Deferrable", "true"),
    ]);
    let r = sql(gw, cs, &headers, &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("neon-batch-isolation-level"), Some("Serializable"));
    assert_eq!(r.header("neon-batch-read-only"), Some("true"));
    assert_eq!(r.header("neon-batch-deferrable"), Some("true"));
    let rows: Vec<Value> = r.json()["results"].as_array().expect("results").iter().map(|q| q["rows"].clone()).collect();
    assert_eq!(rows, vec![json!([["serializable"]]), json!([["on"]]), json!([["on"]])]);

    for (level, expected) in [
        ("ReadUncommitted", "read uncommitted"),
        ("ReadCommitted", "read committed"),
        ("RepeatableRead", "repeatable read"),
    ] {
        let mut headers = RAW_ARRAY.to_vec();
        headers.push(("Neon-Batch-Isolation-Level", level));
        let r = sql(gw, cs, &headers, &body).await;
        assert_eq!(r.header("neon-batch-isolation-level"), Some(level));
        assert_eq!(r.header("neon-batch-read-only"), None);
        assert_eq!(r.header("neon-batch-deferrable"), None);
        assert_eq!(r.json()["results"][0]["rows"], json!([[expected]]));
        assert_eq!(r.json()["results"][1]["rows"], json!([["off"]]));
    }

    // Without headers nothing is echoed; "false" is the same as absent.
    let mut headers = RAW_ARRAY.to_vec();
    headers.extend([("Neon-Batch-Read-Only", "false"), ("Neon-Batch-Deferrable", "false")]);
    let r = sql(gw, cs, &headers, &body).await;
    assert_eq!(r.status, 200);
    for h in ["neon-batch-isolation-level", "neon-batch-read-only", "neon-batch-deferrable"] {
        assert_eq!(r.header(h), None, "{h}");
    }
    assert_eq!(r.json()["results"][0]["rows"], json!([["read committed"]]));

    // Single queries are not wrapped in a transaction (and get no echo).
    let mut headers = RAW_ARRAY.to_vec();
    headers.push(("Neon-Batch-Read-Only", "true"));
    let r = sql(gw, cs, &headers, &json!({"query": "SHOW transaction_read_only"})).await;
    assert_eq!(r.json()["rows"], json!([["off"]]));
    assert_eq!(r.header("neon-batch-read-only"), None);

    // Empty batch.
    let r = sql(gw, cs, RAW_ARRAY, &json!({"queries": []})).await;
    assert_eq!((r.status, r.text()), (200, r#"{"results":[]}"#.to_string()));
}

#[tokio::test]
async fn batch_error_rolls_back() {
    let gw = gateway();
    let cs = fresh_database(gw, "rollback").await;
    query_rows(gw, &cs, "CREATE TABLE t (id int PRIMARY KEY)", json!([])).await;
    let r = sql(
        gw,
        &cs,
        RAW_ARRAY,
        &json!({"queries": [
            {"query": "INSERT INTO t VALUES ($1)", "params": [1]},
            {"query": "INSERT INTO t VALUES ($1)", "params": [2]},
            {"query": "INSERT INTO t VALUES ($1)", "params": [1]},
            {"query": "INSERT INTO t VALUES (3)"}
        ]}),
    )
    .await;
    let body = assert_pg_error(&r, "23505", "duplicate key value violates unique constraint \"t_pkey\"");
    assert_eq!(body["detail"], "Key (id)=(1) already exists.");
    assert_eq!(
        (body["schema"].clone(), body["table"].clone(), body["constraint"].clone()),
        (json!("public"), json!("t"), json!("t_pkey"))
    );
    assert_eq!(body["severity"], "ERROR");
    assert_eq!(r.header("neon-batch-isolation-level"), None);
    assert_eq!(query_rows(gw, &cs, "SELECT count(*) FROM t", json!([])).await, vec![json!(["0"])]);

    // A read-only batch refuses writes and leaves nothing behind.
    let mut headers = RAW_ARRAY.to_vec();
    headers.push(("Neon-Batch-Read-Only", "true"));
    let r = sql(gw, &cs, &headers, &json!({"queries": [{"query": "INSERT INTO t VALUES (5)"}]})).await;
    assert_pg_error(&r, "25006", "cannot execute INSERT in a read-only transaction");
    // A successful batch commits.
    let r = sql(
        gw,
        &cs,
        RAW_ARRAY,
        &json!({"queries": [{"query": "INSERT INTO t VALUES (7)"}, {"query": "INSERT INTO t VALUES (8)"}]}),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(query_rows(gw, &cs, "SELECT array_agg(id ORDER BY id) FROM t", json!([])).await, vec![json!(["{7,8}"])]);
    assert_eq!(open_transactions(gw, &cs).await, 0);
}

#[tokio::test]
async fn sessions_are_reset_and_never_left_in_a_transaction() {
    let gw = gateway();
    let cs = fresh_database(gw, "reset").await;
    let r = sql(gw, &cs, RAW_ARRAY, &json!({"query": "SET TimeZone = 'America/New_York'"})).await;
    assert_eq!(r.json()["command"], "SET");
    for _ in 0..3 {
        assert_eq!(query_rows(gw, &cs, "SHOW TimeZone", json!([])).await, vec![json!(["UTC"])]);
        assert_eq!(query_rows(gw, &cs, "SHOW IntervalStyle", json!([])).await, vec![json!(["postgres"])]);
    }
    // BEGIN over HTTP has no lasting effect: that session is discarded.
    let r = sql(gw, &cs, RAW_ARRAY, &json!({"query": "BEGIN"})).await;
    assert_eq!((r.status, r.json()["command"].clone()), (200, json!("BEGIN")));
    wait_for("no open transaction", Duration::from_secs(5), || async { open_transactions(gw, &cs).await == 0 }).await;
}

// ---------------------------------------------------------------------------------------------
// Cancellation (§1.7)

#[tokio::test]
async fn client_disconnect_cancels_the_running_query() {
    use tokio::io::AsyncWriteExt;
    let gw = gateway();
    let cs = fresh_database(gw, "cancel").await;
    let body = json!({"query": "SELECT pg_sleep(30) /* disconnect-me */"}).to_string();
    let mut stream = tokio::net::TcpStream::connect(&gw.addr).await.expect("connect");
    let req = format!(
        "POST /sql HTTP/1.1\r\nHost: x\r\nNeon-Connection-String: {cs}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.expect("send");
    let running =
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%disconnect-me%' AND pid <> pg_backend_pid()";
    let count =
        |cs: String| async move { query_rows(gw, &cs, running, json!([])).await[0][0].as_str().map(str::to_string) };
    wait_for("the query to run", Duration::from_secs(10), || async { count(cs.clone()).await.as_deref() == Some("1") })
        .await;
    let started = Instant::now();
    drop(stream);
    wait_for("the query to be cancelled", Duration::from_secs(5), || async {
        count(cs.clone()).await.as_deref() == Some("0")
    })
    .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(open_transactions(gw, &cs).await, 0);
    assert_eq!(query_rows(gw, &cs, "SELECT 'still serving'", json!([])).await, vec![json!(["still serving"])]);
}

// ---------------------------------------------------------------------------------------------
// Stats

#[tokio::test]
async fn stats_count_requests_and_queries_per_database() {
    let gw = gateway();
    let cs = fresh_database(gw, "stats").await;
    let db = db_name(&cs);
    let before = common::stats(gw).await;
    assert!(before["databases"][&db].is_null(), "{before}");
    query_rows(gw, &cs, "SELECT 1", json!([])).await;
    query_rows(gw, &cs, "SELECT 2", json!([])).await;
    let r = sql(
        gw,
        &cs,
        RAW_ARRAY,
        &json!({"queries": [{"query": "SELECT 1"}, {"query": "SELECT 2"}, {"query": "SELECT 3"}]}),
    )
    .await;
    assert_eq!(r.status, 200);
    let r = sql(gw, &cs, RAW_ARRAY, &json!({"query": "SELECT nope"})).await;
    assert_eq!(r.status, 400);
    let r = sql(gw, &cs, RAW_ARRAY, &json!({"queries": [{"query": "SELECT 1/0"}, {"query": "SELECT 2"}]})).await;
    assert_eq!(r.status, 400);
    let after = common::stats(gw).await;
    assert_eq!(
        after["databases"][&db],
        json!({"requests": 5, "queries": 7, "wsConnections": 0, "wsFramesIn": 0, "wsFramesOut": 0})
    );
    for key in ["requests", "queries", "wsConnections", "wsFramesIn", "wsFramesOut"] {
        assert!(after[key].as_u64().expect(key) >= before[key].as_u64().expect(key));
    }
    assert!(after["requests"].as_u64().expect("requests") >= before["requests"].as_u64().expect("requests") + 5);
}

#[tokio::test]
async fn stats_keep_only_databases_that_authenticated() {
    let gw = gateway();
    let cs = fresh_database(gw, "stats_auth").await;
    let db = db_name(&cs);
    // a database that does not exist, and a wrong password for one that does: over HTTP and
    // over a WebSocket, nothing of either name appears in /_edgepg/stats
    let nowhere = format!("nowhere_{}", std::process::id());
    let missing = cs.replacen(&format!("/{db}"), &format!("/{nowhere}"), 1);
    let r = sql(gw, &missing, RAW_ARRAY, &json!({"query": "SELECT 1"})).await;
    assert_ne!(r.status, 200);
    let wrong = cs.replacen(&gw.password(), "wrong", 1);
    let r = sql(gw, &wrong, RAW_ARRAY, &json!({"query": "SELECT 1"})).await;
    assert_ne!(r.status, 200);
    let mut ws = edgepg::driver::ws::connect(&gw.ws, &missing).await.unwrap();
    assert!(ws.query("select 1", &[]).await.is_err());
    let after = common::stats(gw).await;
    assert!(after["databases"][&nowhere].is_null(), "{after}");
    assert!(after["databases"][&db].is_null(), "a wrong password counts nothing for the database: {after}");
    // the right credentials do
    query_rows(gw, &cs, "SELECT 1", json!([])).await;
    assert_eq!(common::stats(gw).await["databases"][&db]["requests"], 1);
}
