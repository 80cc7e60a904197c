//! Errors (docs/protocol.md §3), limits (§3.4), routing, CORS and request ids (§1.2).

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::assert::{
    assert_gateway_error, assert_pg_error, assert_uuid_v4, open_transactions, wait_for, RAW_ARRAY,
};
use crate::common::{self, fresh_database, gateway, query_rows, request, spawn_gateway, sql};

#[tokio::test]
async fn gateway_level_errors() {
    let gw = gateway();
    let good = gw.connection_string.as_str();
    let body = json!({"query": "SELECT 1"}).to_string();
    let post = |headers: Vec<(&'static str, String)>, body: Vec<u8>| async move {
        let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        request(&gw.addr, "POST", "/sql", &h, &body).await
    };
    let cs = |v: &str| vec![("Neon-Connection-String", v.to_string())];

    let r = post(vec![], body.clone().into_bytes()).await;
    assert_gateway_error(&r, 400, "invalid header: neon-connection-string");
    let mut raw = format!("POST /sql HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n", body.len())
        .into_bytes();
    raw.extend_from_slice(b"Neon-Connection-String: postgres://u:p\xff@h/db\r\n\r\n");
    raw.extend_from_slice(body.as_bytes());
    assert_gateway_error(&common::raw_request(&gw.addr, &raw).await, 400, "invalid header: neon-connection-string");
    let cases = [
        ("not a url", "invalid connection string: relative URL without a base"),
        ("postgres://u:p@h:99999/db", "invalid connection string: invalid port number"),
        ("mysql://u:p@h/db", "incorrect scheme"),
        ("postgres://u:p@h", "missing database name"),
        ("postgres://h/db", "missing username"),
        ("postgres://postgres@h/db", "missing authentication credentials: required password"),
    ];
    for (conn, message) in cases {
        assert_gateway_error(&post(cs(conn), body.clone().into_bytes()).await, 400, message);
    }
    let mut h = cs(good);
    h.push(("Authorization", "Bearer abc.def.ghi".into()));
    assert_gateway_error(
        &post(h, body.clone().into_bytes()).await,
        400,
        "missing authentication credentials: required password",
    );
    let mut h = cs(good);
    h.push(("Neon-Batch-Isolation-Level", "serializable".into()));
    assert_gateway_error(&post(h, body.clone().into_bytes()).await, 400, "invalid isolation level");

    let bodies: [(&[u8], &str); 4] = [
        (b"{", "could not parse the HTTP request body: EOF while parsing an object at line 1 column 1"),
        (b"{}", "could not parse the HTTP request body: data did not match any variant of untagged enum Payload"),
        (b"not json", "could not parse the HTTP request body: expected ident at line 1 column 2"),
        (
            b"{\"query\": 1}",
            "could not parse the HTTP request body: data did not match any variant of untagged enum Payload",
        ),
    ];
    for (b, message) in bodies {
        assert_gateway_error(&post(cs(good), b.to_vec()).await, 400, message);
    }
    // Non-UTF-8 bodies are refused the same way.
    let r = post(cs(good), b"{\"query\":\"SELECT '\xff'\"}".to_vec()).await;
    assert_eq!(r.status, 400);
    let message = r.json()["message"].as_str().expect("message").to_string();
    assert!(message.starts_with("could not parse the HTTP request body: "), "{message}");

    // Wrong password and unknown role: Neon's message, code "" (and a pooled session for the
    // right password never serves a wrong one).
    assert_eq!(query_rows(gw, good, "SELECT 1", json!([])).await, vec![json!(["1"])]);
    let wrong = gw.conn_str_for("edgepg").replace(&gw.password(), "wrong-password");
    for _ in 0..2 {
        assert_gateway_error(
            &post(cs(&wrong), body.clone().into_bytes()).await,
            400,
            "password authentication failed for user 'postgres'",
        );
    }
    let unknown_role = format!("postgresql://nobody:pw@{}/edgepg", gw.addr);
    assert_gateway_error(
        &post(cs(&unknown_role), body.clone().into_bytes()).await,
        400,
        "password authentication failed for user 'nobody'",
    );

    // The gateway keeps serving; IPv6 literal hosts are accepted (host/port are not used).
    let v6 = format!("postgresql://postgres:{}@[::1]:5432/edgepg?sslmode=require", gw.password());
    assert_eq!(query_rows(gw, &v6, "SELECT 2", json!([])).await, vec![json!(["2"])]);
}

#[tokio::test]
async fn postgres_errors_carry_all_fields() {
    let gw = gateway();
    let cs = &gw.connection_string;
    let r = sql(gw, cs, RAW_ARRAY, &json!({"query": "SELECT 123 WHERE x"})).await;
    let body = assert_pg_error(&r, "42703", "column \"x\" does not exist");
    assert_eq!(body["position"], "18");
    assert_eq!(body["severity"], "ERROR");
    assert_eq!(body["file"], "parse_relation.c");
    assert_eq!(body["routine"], "errorMissingColumn");
    assert!(body["line"].as_str().expect("line is a string").parse::<u32>().is_ok());
    assert!(body["internalPosition"].is_null() && body["detail"].is_null());

    let r = sql(gw, cs, RAW_ARRAY, &json!({"query": "SELECT $1"})).await;
    assert_pg_error(&r, "08P01", "bind message supplies 0 parameters, but prepared statement \"\" requires 1");
    let r = sql(gw, cs, RAW_ARRAY, &json!({"query": "SELECT 1; SELECT 2"})).await;
    assert_pg_error(&r, "42601", "cannot insert multiple commands into a prepared statement");
    let r = sql(gw, cs, RAW_ARRAY, &json!({"query": "SELEC 1"})).await;
    let body = assert_pg_error(&r, "42601", "syntax error at or near \"SELEC\"");
    assert_eq!(body["position"], "1");
    // An error inside a function body: internal position and query.
    let r = sql(gw, cs, RAW_ARRAY, &json!({"query": "DO $$ BEGIN EXECUTE 'SELECT nope FROM pg_class'; END $$"})).await;
    let body = assert_pg_error(&r, "42703", "column \"nope\" does not exist");
    assert_eq!((body["position"].clone(), body["internalPosition"].clone()), (Value::Null, json!("8")));
    assert_eq!(body["internalQuery"], "SELECT nope FROM pg_class");
    assert!(body["where"].as_str().expect("where").contains("PL/pgSQL function inline_code_block"));

    // Unknown database: PostgreSQL's fields, status 400.
    let r = sql(gw, &gw.conn_str_for("no_such_db"), RAW_ARRAY, &json!({"query": "SELECT 1"})).await;
    let body = assert_pg_error(&r, "3D000", "database \"no_such_db\" does not exist");
    assert_eq!(body["severity"], "FATAL");
}

#[tokio::test]
async fn upstream_unreachable_is_500() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let gw = spawn_gateway(&["--postgres", &format!("postgres://127.0.0.1:{port}")]);
    let cs = format!("postgresql://postgres:pw@{}/edgepg", gw.addr);
    let r = sql(&gw, &cs, RAW_ARRAY, &json!({"query": "SELECT 1"})).await;
    assert_gateway_error(&r, 500, "could not connect to compute");
}

#[tokio::test]
async fn request_and_response_limits() {
    let shared = gateway();
    let gw =
        spawn_gateway(&["--postgres", &shared.postgres, "--max-request-bytes", "1000", "--max-response-bytes", "2000"]);
    let cs = fresh_database(shared, "limits").await;
    let cs_small = cs.replace(&shared.addr, &gw.addr);
    query_rows(shared, &cs, "CREATE TABLE t (id int)", json!([])).await;

    // 413 from Content-Length, and while streaming a chunked body.
    let big = json!({"query": "SELECT $1", "params": ["x".repeat(2000)]}).to_string();
    let r = request(&gw.addr, "POST", "/sql", &[("Neon-Connection-String", &cs_small)], big.as_bytes()).await;
    assert_gateway_error(&r, 413, "request is too large (max is 1000 bytes)");
    let mut chunked = Vec::new();
    for piece in big.as_bytes().chunks(300) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r = request(
        &gw.addr,
        "POST",
        "/sql",
        &[("Neon-Connection-String", &cs_small), ("Transfer-Encoding", "chunked")],
        &chunked,
    )
    .await;
    assert_gateway_error(&r, 413, "request is too large (max is 1000 bytes)");

    // 507 for one large value, for many rows, and inside a batch (which is rolled back).
    for q in ["SELECT repeat('x', 3000)", "SELECT generate_series(1, 1000)"] {
        let r = sql(&gw, &cs_small, RAW_ARRAY, &json!({ "query": q })).await;
        assert_gateway_error(&r, 507, "response is too large (max is 2000 bytes)");
    }
    let r = sql(
        &gw,
        &cs_small,
        RAW_ARRAY,
        &json!({"queries": [{"query": "INSERT INTO t VALUES (1)"}, {"query": "SELECT repeat('y', 5000)"}]}),
    )
    .await;
    assert_gateway_error(&r, 507, "response is too large (max is 2000 bytes)");
    // Still serving; nothing committed, nothing left open.
    assert_eq!(query_rows(&gw, &cs_small, "SELECT count(*) FROM t", json!([])).await, vec![json!(["0"])]);
    let under = sql(&gw, &cs_small, RAW_ARRAY, &json!({"query": "SELECT repeat('x', 1000)"})).await;
    assert_eq!(under.status, 200);
    wait_for("no open transaction", Duration::from_secs(5), || async { open_transactions(shared, &cs).await == 0 })
        .await;
}

// ---------------------------------------------------------------------------------------------
// Routing, CORS, request ids (§1.2)

#[tokio::test]
async fn cors_preflight_routing_and_request_ids() {
    let gw = gateway();
    let r = request(&gw.addr, "OPTIONS", "/sql", &[("Origin", "http://example.test")], b"").await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("allow"), Some("OPTIONS, POST"));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some(
            "Authorization, Neon-Connection-String, Neon-Raw-Text-Output, Neon-Array-Mode, Neon-Pool-Opt-In, \
             Neon-Batch-Read-Only, Neon-Batch-Isolation-Level, Neon-Batch-Deferrable, Content-Type"
        )
    );
    assert_eq!(r.header("access-control-max-age"), Some("86400"));
    assert_uuid_v4(r.header("neon-request-id"));

    let mut ids = Vec::new();
    for (method, path) in [("GET", "/sql"), ("POST", "/other"), ("GET", "/"), ("OPTIONS", "/v2"), ("PUT", "/sql")] {
        let r = request(&gw.addr, method, path, &[], b"").await;
        assert_eq!((r.status, r.text()), (400, "\"query is not supported\"".to_string()), "{method} {path}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_uuid_v4(r.header("neon-request-id"));
        ids.push(r.header("neon-request-id").map(str::to_string));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "request ids are unique");

    let r = request(&gw.addr, "GET", "/_edgepg/stats", &[], b"").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_uuid_v4(r.header("neon-request-id"));

    // An upgrade request without a key is refused.
    let r = request(&gw.addr, "GET", "/v2", &[("Connection", "Upgrade"), ("Upgrade", "websocket")], b"").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"msg": "missing Sec-WebSocket-Key header"}));
}
