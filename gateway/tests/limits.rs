//! The gateway's caps, deadlines and policies, each on a gateway of its own started
//! with small limits in front of the shared PostgreSQL: session caps (global and per role)
//! with a bounded queue, client connection and WebSocket caps, header and body deadlines, the
//! WebSocket idle timeout, the statement timeout, the `trust` refusal and `--allow-origin`.

mod common;

use std::time::{Duration, Instant};

use common::assert::{assert_gateway_error, wait_for, ERROR_KEYS};
use common::ws::{password, query, startup, WsPg};
use common::{fresh_database, gateway, gateway_that_fails, query_rows, request, spawn_gateway, spawn_gateway_env, sql};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A WebSocket session authenticated as `user` on `db` through `gw`.
async fn ws_session(gw: &common::Gateway, user: &str, pw: &str, db: &str) -> WsPg {
    let mut ws = WsPg::connect(gw).await;
    let mut hello = startup(user, db);
    hello.extend_from_slice(&password(pw));
    ws.send(&hello).await;
    let msgs = ws.recv_until(b'Z').await;
    assert!(msgs.iter().all(|m| m.tag != b'E'), "{user} could not log in: {msgs:?}");
    ws
}

/// The first ErrorResponse a refused WebSocket gets: (SQLSTATE, message).
async fn ws_refusal(gw: &common::Gateway, user: &str, pw: &str, db: &str) -> (String, String) {
    let mut ws = WsPg::connect(gw).await;
    let mut hello = startup(user, db);
    hello.extend_from_slice(&password(pw));
    ws.send(&hello).await;
    loop {
        let m = ws.recv().await.expect("an ErrorResponse before the close");
        if m.tag == b'E' {
            return (m.field(b'C').unwrap_or_default(), m.field(b'M').unwrap_or_default());
        }
    }
}

fn db_of(conn: &str) -> String {
    common::db_name(conn)
}

async fn sessions_of(db: &str) -> usize {
    let g = gateway();
    let rows = query_rows(
        g,
        &g.conn_str_for("postgres"),
        "select count(*) from pg_stat_activity where datname = $1",
        json!([db]),
    )
    .await;
    rows[0][0].as_str().expect("count").parse().expect("number")
}

/// Creates (once) a login role with `pw`.
async fn role(name: &str, pw: &str) {
    let g = gateway();
    // test-only SQL with fixed literals: CREATE ROLE takes no parameters
    let sql = format!(
        "do $$ begin create role {name} login password '{pw}'; exception when duplicate_object then null; end $$"
    );
    query_rows(g, &g.conn_str_for("postgres"), &sql, json!([])).await;
}

#[tokio::test]
async fn session_caps_queue_then_refuse_with_a_clear_status() {
    let shared = gateway();
    let conn = fresh_database(shared, "caps").await;
    let db = db_of(&conn);
    // configured through the environment, as a container would
    let gw = spawn_gateway_env(
        &["--postgres", &shared.postgres],
        &[("EDGEPG_MAX_SESSIONS", "2"), ("EDGEPG_QUEUE_TIMEOUT", "1s"), ("EDGEPG_MAX_QUEUED", "3")],
    );
    let pw = gw.password();
    let a = ws_session(&gw, "postgres", &pw, &db).await;
    let mut b = ws_session(&gw, "postgres", &pw, &db).await;
    assert_eq!(sessions_of(&db).await, 2);

    // full: an HTTP request waits the queue timeout, then 503 with the cap and the flag named
    let started = Instant::now();
    let r = sql(&gw, &gw.conn_str_for(&db), &[], &json!({"query": "select 1"})).await;
    let waited = started.elapsed();
    assert_gateway_error(
        &r,
        503,
        "edgepg-gateway is busy: all 2 PostgreSQL sessions of the gateway are in use (raise --max-sessions); waited 1 s",
    );
    assert!(waited >= Duration::from_millis(900), "answered after {waited:?}: it did not wait");
    // and a WebSocket gets PostgreSQL's own too_many_connections
    let (code, message) = ws_refusal(&gw, "postgres", &pw, &db).await;
    assert_eq!(code, "53300");
    assert!(message.contains("--max-sessions"), "{message}");
    assert_eq!(sessions_of(&db).await, 2, "never more sessions than the cap");

    // queued, not refused: a session that frees up within the timeout is handed over
    let gw_conn = gw.conn_str_for(&db);
    let waiting = tokio::spawn({
        let addr = gw.addr.clone();
        async move {
            let body = json!({"query": "select 41 + 1 as n"}).to_string();
            request(&addr, "POST", "/sql", &[("Neon-Connection-String", &gw_conn)], body.as_bytes()).await
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.send(&query("select 1")).await; // still alive before it goes
    b.recv_until(b'Z').await;
    b.close().await;
    drop(b);
    let r = waiting.await.unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["rows"][0]["n"], 42);

    // the queue is bounded: with the cap held by two sockets, only 3 may wait
    let c = ws_session(&gw, "postgres", &pw, &db).await;
    let mut waiters = Vec::new();
    for _ in 0..5 {
        let (addr, c) = (gw.addr.clone(), gw.conn_str_for(&db));
        waiters.push(tokio::spawn(async move {
            let body = json!({"query": "select 1"}).to_string();
            request(&addr, "POST", "/sql", &[("Neon-Connection-String", &c)], body.as_bytes()).await
        }));
    }
    let mut full = 0;
    for w in waiters {
        let r = w.await.unwrap();
        assert_eq!(r.status, 503, "{}", r.text());
        full += r.json()["message"].as_str().unwrap().contains("requests are already waiting") as usize;
    }
    assert_eq!(full, 2, "5 callers, 3 queue places");
    drop((a, c));
    // once the sockets are gone, everything works again and no session lingers past the cap
    wait_for("a free session", Duration::from_secs(10), || async {
        sql(&gw, &gw.conn_str_for(&db), &[], &json!({"query": "select 1"})).await.status == 200
    })
    .await;
    assert!(sessions_of(&db).await <= 2);
}

#[tokio::test]
async fn a_role_at_its_cap_does_not_block_the_others() {
    let shared = gateway();
    let conn = fresh_database(shared, "caps_user").await;
    let db = db_of(&conn);
    role("edgepg_cap_a", "pw_a").await;
    role("edgepg_cap_b", "pw_b").await;
    let gw =
        spawn_gateway(&["--postgres", &shared.postgres, "--max-sessions-per-user", "1", "--queue-timeout", "300ms"]);
    let addr = gw.addr.clone();
    let a = ws_session(&gw, "edgepg_cap_a", "pw_a", &db).await;
    let conn_a = format!("postgresql://edgepg_cap_a:pw_a@{addr}/{db}");
    let conn_b = format!("postgresql://edgepg_cap_b:pw_b@{addr}/{db}");
    let r = sql(&gw, &conn_a, &[], &json!({"query": "select 1"})).await;
    assert_gateway_error(
        &r,
        503,
        "edgepg-gateway is busy: all 1 PostgreSQL sessions allowed for user 'edgepg_cap_a' are in use \
         (raise --max-sessions-per-user); waited 0.3 s",
    );
    let r = sql(&gw, &conn_b, &[], &json!({"query": "select current_user as u"})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["rows"][0]["u"], "edgepg_cap_b");
    // B's idle pooled session is closed to make room when B needs a WebSocket
    let b = ws_session(&gw, "edgepg_cap_b", "pw_b", &db).await;
    drop((a, b));
    wait_for("A's session back", Duration::from_secs(10), || async {
        sql(&gw, &conn_a, &[], &json!({"query": "select 1"})).await.status == 200
    })
    .await;
}

#[tokio::test]
async fn connection_and_websocket_caps() {
    let shared = gateway();
    let gw = spawn_gateway(&["--postgres", &shared.postgres, "--max-connections", "2", "--max-websockets", "1"]);
    // two idle client connections fill the cap: the third is answered 503 and closed
    let c1 = TcpStream::connect(&gw.addr).await.unwrap();
    let c2 = TcpStream::connect(&gw.addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let r = request(&gw.addr, "GET", "/_edgepg/stats", &[], b"").await;
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(
        r.json()["message"],
        "edgepg-gateway is busy: all 2 client connections are open (raise --max-connections)"
    );
    drop((c1, c2));
    wait_for("a free connection slot", Duration::from_secs(5), || async {
        request(&gw.addr, "GET", "/_edgepg/stats", &[], b"").await.status == 200
    })
    .await;

    // one WebSocket at a time (an upgraded socket leaves the connection cap)
    let pw = gw.password();
    let first = ws_session(&gw, "postgres", &pw, "edgepg").await;
    let upgrade = [
        ("Connection", "Upgrade"),
        ("Upgrade", "websocket"),
        ("Sec-WebSocket-Version", "13"),
        ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];
    let r = request(&gw.addr, "GET", "/v2", &upgrade, b"").await;
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["msg"], "edgepg-gateway is busy: all 1 WebSockets are open (raise --max-websockets)");
    drop(first);
    wait_for("a free WebSocket slot", Duration::from_secs(5), || async {
        let r = request(&gw.addr, "GET", "/v2", &upgrade, b"").await;
        r.status == 101
    })
    .await;
}

#[tokio::test]
async fn slow_clients_lose_their_slot() {
    let shared = gateway();
    let gw = spawn_gateway(&[
        "--postgres",
        &shared.postgres,
        "--max-connections",
        "1",
        "--header-timeout",
        "300ms",
        "--body-timeout",
        "300ms",
    ]);
    // headers that never end: the connection is closed at the deadline
    let mut slow = TcpStream::connect(&gw.addr).await.unwrap();
    slow.write_all(b"POST /sql HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await.expect("closed in time");
    assert!(started.elapsed() < Duration::from_secs(3), "closed after {:?}", started.elapsed());
    // its slot is free again
    wait_for("the slot back", Duration::from_secs(5), || async {
        request(&gw.addr, "GET", "/_edgepg/stats", &[], b"").await.status == 200
    })
    .await;

    // a body that stops halfway: 408 at the deadline
    let mut slow = TcpStream::connect(&gw.addr).await.unwrap();
    let head = format!(
        "POST /sql HTTP/1.1\r\nHost: x\r\nNeon-Connection-String: {}\r\nContent-Length: 100\r\n\r\n{{\"query\":",
        gw.connection_string
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await.expect("answered in time");
    let text = String::from_utf8_lossy(&buf);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("the request body did not arrive within 0.3 s"), "{text}");
}

#[tokio::test]
async fn an_idle_websocket_is_closed_and_its_transaction_rolled_back() {
    let shared = gateway();
    let conn = fresh_database(shared, "ws_idle").await;
    let db = db_of(&conn);
    query_rows(shared, &conn, "create table t (id int)", json!([])).await;
    let gw = spawn_gateway(&["--postgres", &shared.postgres, "--ws-idle-timeout", "500ms"]);
    let mut ws = ws_session(&gw, "postgres", &gw.password(), &db).await;
    ws.send(&query("begin; insert into t values (1)")).await;
    ws.recv_until(b'Z').await;
    // traffic keeps it open
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        ws.send(&query("select 1")).await;
        ws.recv_until(b'Z').await;
    }
    let started = Instant::now();
    let m = ws.recv().await.expect("an ErrorResponse before the close");
    assert_eq!(m.tag, b'E');
    assert_eq!(m.field(b'C').as_deref(), Some("57P05"));
    assert_eq!(
        m.field(b'M').as_deref(),
        Some("edgepg-gateway closed the WebSocket: no traffic for 0.5 s (--ws-idle-timeout)")
    );
    assert!(ws.recv().await.is_none());
    assert!(started.elapsed() < Duration::from_secs(2));
    wait_for("the idle session to end", Duration::from_secs(10), || async {
        common::assert::open_transactions(shared, &conn).await == 0
    })
    .await;
    assert_eq!(query_rows(shared, &conn, "select count(*) from t", json!([])).await[0][0], "0", "rolled back");
}

#[tokio::test]
async fn statement_timeout_applies_to_http_and_websocket_sessions() {
    let shared = gateway();
    let gw = spawn_gateway(&["--postgres", &shared.postgres, "--statement-timeout", "200ms"]);
    let started = Instant::now();
    let r = sql(&gw, &gw.connection_string, &[], &json!({"query": "select pg_sleep(5)"})).await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.json()["code"], "57014");
    assert_eq!(r.json()["message"], "canceling statement due to statement timeout");
    assert!(started.elapsed() < Duration::from_secs(3));
    // a client may still choose its own
    let r = sql(&gw, &gw.connection_string, &[], &json!({"query": "show statement_timeout"})).await;
    assert_eq!(r.json()["rows"][0]["statement_timeout"], "200ms");
    let mut ws = ws_session(&gw, "postgres", &gw.password(), "edgepg").await;
    ws.send(&query("select pg_sleep(5)")).await;
    let msgs = ws.recv_until(b'Z').await;
    let e = msgs.iter().find(|m| m.tag == b'E').expect("an error");
    assert_eq!(e.field(b'C').as_deref(), Some("57014"));
}

/// Lets `edgepg_trust_probe` in without a password (a `trust` line at the top of the shared
/// cluster's pg_hba.conf, for that role only), runs `f`, and takes the line out again.
async fn with_trusted_role<F, Fut>(f: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let g = gateway();
    let admin = g.conn_str_for("postgres");
    role("edgepg_trust_probe", "unused").await;
    let hba = query_rows(g, &admin, "show hba_file", json!([])).await[0][0].as_str().unwrap().to_string();
    let original = std::fs::read_to_string(&hba).expect("read pg_hba.conf");
    let line = "host all edgepg_trust_probe 127.0.0.1/32 trust # edgepg limits test\n";
    let kept: String =
        original.lines().filter(|l| !l.contains("# edgepg limits test")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&hba, format!("{line}{kept}")).expect("write pg_hba.conf");
    query_rows(g, &admin, "select pg_reload_conf()", json!([])).await;
    let outcome = std::panic::AssertUnwindSafe(f());
    let outcome = futures_util::FutureExt::catch_unwind(outcome).await;
    std::fs::write(&hba, kept).expect("restore pg_hba.conf");
    query_rows(g, &admin, "select pg_reload_conf()", json!([])).await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

#[tokio::test]
async fn a_server_that_trusts_is_refused_unless_allowed() {
    with_trusted_role(|| async {
        let shared = gateway();
        let pg_port = shared.postgres.rsplit_once(':').unwrap().1.split('/').next().unwrap().to_string();
        // the check at start: the role of --postgres gets in with a made-up password
        let url = format!("postgres://edgepg_trust_probe@127.0.0.1:{pg_port}/postgres");
        let (status, stderr) = gateway_that_fails(&["--postgres", &url]);
        assert_eq!(status.code(), Some(1));
        assert!(stderr.contains("let user 'edgepg_trust_probe' in without asking for a password"), "{stderr}");
        assert!(stderr.contains("--allow-trust"), "{stderr}");

        // and per session, for roles the start check could not see
        let gw = spawn_gateway(&["--postgres", &shared.postgres]);
        let conn = format!("postgresql://edgepg_trust_probe:any-password@{}/postgres", gw.addr);
        let r = sql(&gw, &conn, &[], &json!({"query": "select 1"})).await;
        assert_eq!(r.status, 500, "{}", r.text());
        let body = r.json();
        assert_eq!(body.as_object().unwrap().len(), ERROR_KEYS.len());
        assert!(body["message"].as_str().unwrap().contains("without asking for a password"), "{body}");
        let (code, message) = ws_refusal(&gw, "edgepg_trust_probe", "any-password", "postgres").await;
        assert_eq!(code, "28000");
        assert!(message.contains("--allow-trust"), "{message}");

        // with the flag, served
        let gw = spawn_gateway(&["--postgres", &url, "--allow-trust"]);
        let conn = format!("postgresql://edgepg_trust_probe:any-password@{}/postgres", gw.addr);
        let r = sql(&gw, &conn, &[], &json!({"query": "select current_user as u"})).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["rows"][0]["u"], "edgepg_trust_probe");
    })
    .await;
}

#[tokio::test]
async fn allow_origin_checks_requests_and_websockets() {
    let shared = gateway();
    let gw =
        spawn_gateway(&["--postgres", &shared.postgres, "--allow-origin", "http://good.example,http://localhost:5173"]);
    let conn = gw.connection_string.clone();
    let body = json!({"query": "select 1 as one"}).to_string();
    let post = |origin: Option<&'static str>| {
        let (addr, conn, body) = (gw.addr.clone(), conn.clone(), body.clone());
        async move {
            let mut h = vec![("Neon-Connection-String", conn.as_str())];
            if let Some(o) = origin {
                h.push(("Origin", o));
            }
            request(&addr, "POST", "/sql", &h, body.as_bytes()).await
        }
    };
    let r = post(Some("http://good.example")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://good.example"));
    assert_eq!(r.header("vary"), Some("origin"));
    let r = post(Some("http://evil.example")).await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["message"], "origin 'http://evil.example' is not allowed by the gateway's --allow-origin");
    // servers, Workers and CLIs send no Origin
    let r = post(None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    // the preflight too
    let r = request(&gw.addr, "OPTIONS", "/sql", &[("Origin", "http://localhost:5173")], b"").await;
    assert_eq!(r.header("access-control-allow-origin"), Some("http://localhost:5173"));
    let r = request(&gw.addr, "OPTIONS", "/sql", &[("Origin", "http://evil.example")], b"").await;
    assert_eq!(r.status, 403);

    let upgrade = |origin: &'static str| {
        let addr = gw.addr.clone();
        async move {
            let h = [
                ("Connection", "Upgrade"),
                ("Upgrade", "websocket"),
                ("Sec-WebSocket-Version", "13"),
                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                ("Origin", origin),
            ];
            let mut s = TcpStream::connect(&addr).await.unwrap();
            let mut raw = "GET /v2 HTTP/1.1\r\nHost: x\r\n".to_string();
            for (k, v) in h {
                raw.push_str(&format!("{k}: {v}\r\n"));
            }
            raw.push_str("\r\n");
            s.write_all(raw.as_bytes()).await.unwrap();
            let mut buf = [0u8; 512];
            let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await.unwrap().unwrap();
            String::from_utf8_lossy(&buf[..n]).into_owned()
        }
    };
    assert!(upgrade("http://evil.example").await.starts_with("HTTP/1.1 403"));
    assert!(upgrade("http://good.example").await.starts_with("HTTP/1.1 101"));

    // without the flag: any origin, like Neon
    let r = sql(shared, &shared.connection_string, &[("Origin", "http://evil.example")], &json!({"query": "select 1"}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}
