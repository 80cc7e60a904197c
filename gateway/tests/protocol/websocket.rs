//! Postgres-over-WebSocket (docs/protocol.md §5).

use std::time::Duration;

use serde_json::json;

use crate::common::ws::{self, WsPg};
use crate::common::{self, db_name, fresh_database, gateway};

#[tokio::test]
async fn websocket_pipelined_startup_password_and_query_in_one_frame() {
    let gw = gateway();
    let cs = fresh_database(gw, "wspipe").await;
    let db = db_name(&cs);
    let mut c = WsPg::connect(gw).await;
    let mut frame = ws::startup("postgres", &db);
    frame.extend_from_slice(&ws::password(&gw.password()));
    frame.extend_from_slice(&ws::query(
        "SELECT 1 AS x, current_database() AS db, current_setting('application_name') AS app",
    ));
    c.send(&frame).await;

    // AuthenticationCleartextPassword comes alone, in its own frame.
    assert_eq!(c.recv_frame().await, Some(vec![b'R', 0, 0, 0, 8, 0, 0, 0, 3]));
    let startup = c.recv_until(b'Z').await;
    assert_eq!((startup[0].tag, startup[0].body.clone()), (b'R', vec![0, 0, 0, 0]));
    let params: Vec<String> = startup.iter().filter(|m| m.tag == b'S').map(|m| m.cstr()).collect();
    for p in ["server_version", "client_encoding", "TimeZone", "IntervalStyle", "application_name"] {
        assert!(params.contains(&p.to_string()), "ParameterStatus {p} missing: {params:?}");
    }
    assert_eq!(startup.iter().filter(|m| m.tag == b'K').count(), 1);
    assert_eq!(startup.last().map(|m| m.body.clone()), Some(vec![b'I']));

    let result = c.recv_until(b'Z').await;
    let tags: Vec<u8> = result.iter().map(|m| m.tag).collect();
    assert_eq!(tags, b"TDCZ".to_vec());
    assert_eq!(result[1].data_row(), vec![Some("1".into()), Some(db.clone()), Some("ws-test".into())]);
    assert_eq!(result[2].cstr(), "SELECT 1");
    c.close().await;

    // Exact per-database counters: one connection, one frame in, every frame out.
    let stats = common::stats(gw).await;
    assert_eq!(
        stats["databases"][&db],
        json!({"requests": 0, "queries": 0, "wsConnections": 1, "wsFramesIn": 1, "wsFramesOut": c.frames_received})
    );
}

#[tokio::test]
async fn websocket_authentication_errors() {
    let gw = gateway();
    let mut c = WsPg::connect(gw).await;
    let mut frame = ws::startup("postgres", "edgepg");
    frame.extend_from_slice(&ws::password("wrong"));
    frame.extend_from_slice(&ws::query("SELECT 1"));
    c.send(&frame).await;
    let msgs = c.recv_until(b'E').await;
    assert_eq!(msgs.iter().map(|m| m.tag).collect::<Vec<_>>(), b"RE".to_vec());
    let e = &msgs[1];
    assert_eq!(e.field(b'S').as_deref(), Some("ERROR"));
    assert_eq!(e.field(b'C').as_deref(), Some("28P01"));
    assert_eq!(e.field(b'M').as_deref(), Some("password authentication failed for user 'postgres'"));
    assert!(c.recv().await.is_none(), "closed after the error");

    // Unknown database: PostgreSQL's own error is relayed.
    let mut c = WsPg::connect(gw).await;
    let mut frame = ws::startup("postgres", "no_such_db_ws");
    frame.extend_from_slice(&ws::password(&gw.password()));
    c.send(&frame).await;
    let msgs = c.recv_until(b'E').await;
    let e = msgs.last().expect("error");
    assert_eq!(e.field(b'C').as_deref(), Some("3D000"));
    assert_eq!(e.field(b'M').as_deref(), Some("database \"no_such_db_ws\" does not exist"));
    assert!(c.recv().await.is_none());
}

#[tokio::test]
async fn websocket_ssl_request_split_frames_extended_query_and_text_frame() {
    let gw = gateway();
    let mut c = WsPg::connect(gw).await;
    c.send(&ws::ssl_request()).await;
    assert_eq!(c.recv_frame().await, Some(b"N".to_vec()));
    // Startup and password split across frames at arbitrary points.
    let startup = ws::startup("postgres", "edgepg");
    c.send(&startup[..3]).await;
    c.send(&startup[3..]).await;
    assert_eq!(c.recv_frame().await, Some(vec![b'R', 0, 0, 0, 8, 0, 0, 0, 3]));
    let pw = ws::password(&gw.password());
    c.send(&pw[..7]).await;
    c.send(&pw[7..]).await;
    let startup_msgs = c.recv_until(b'Z').await;
    assert_eq!(startup_msgs[0].body, vec![0, 0, 0, 0]);

    c.send(&ws::extended("SELECT $1::int + 1 AS n", &["41"])).await;
    let msgs = c.recv_until(b'Z').await;
    assert_eq!(msgs.iter().map(|m| m.tag).collect::<Vec<_>>(), b"12TDCZ".to_vec());
    assert_eq!(msgs[3].data_row(), vec![Some("42".into())]);
    // A transaction spans messages: interactive transactions work over WebSockets.
    c.send(&ws::query("BEGIN; SELECT txid_current() IS NOT NULL")).await;
    let msgs = c.recv_until(b'Z').await;
    assert_eq!(msgs.last().map(|m| m.body.clone()), Some(vec![b'T']));

    // A text frame ends the connection (§5.3).
    c.send_text("SELECT 1").await;
    assert!(c.recv().await.is_none());
    assert!(c.closed);
}

#[tokio::test]
async fn websocket_cancel_request_as_first_packet() {
    let gw = gateway();
    let mut a = WsPg::connect(gw).await;
    let mut frame = ws::startup("postgres", "edgepg");
    frame.extend_from_slice(&ws::password(&gw.password()));
    a.send(&frame).await;
    let msgs = a.recv_until(b'Z').await;
    let key = msgs.iter().find(|m| m.tag == b'K').expect("BackendKeyData");
    let pid = i32::from_be_bytes([key.body[0], key.body[1], key.body[2], key.body[3]]);
    let secret = i32::from_be_bytes([key.body[4], key.body[5], key.body[6], key.body[7]]);
    a.send(&ws::query("SELECT pg_sleep(30)")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mut b = WsPg::connect(gw).await;
    b.send(&ws::cancel_request(pid, secret)).await;
    assert!(b.recv().await.is_none(), "the cancel connection is closed without an answer");

    let msgs = a.recv_until(b'Z').await;
    let e = msgs.iter().find(|m| m.tag == b'E').expect("error");
    assert_eq!(e.field(b'C').as_deref(), Some("57014"));
    assert_eq!(e.field(b'M').as_deref(), Some("canceling statement due to user request"));
}
