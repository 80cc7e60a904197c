//! The drivers in headless Chromium (wasm-bindgen-test), against the real edgepg-gateway: the
//! SQL-over-HTTP driver (requests are cross-origin `fetch`es from the test page (CORS), batches,
//! typed database errors, aborts and timeouts) and, with the `ws` feature, the WebSocket driver
//! over the browser's `WebSocket` (queries, transactions, typed errors, timeouts that cancel).
//!
//! Run with `make browser`: `scripts/browser-tests.sh` starts nothing itself, it reads the ready
//! file of the gateway `scripts/with-gateway.sh` started and passes its URLs in at compile time
//! (`EDGEPG_TEST_SQL_URL`, `EDGEPG_TEST_WS_URL`, `EDGEPG_TEST_DATABASE_URL`) and builds with
//! `--features ws`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use edgepg::driver::Abort;
use edgepg::neon_http::NeonHttp;
use edgepg::pg::*;
use edgepg::{Error, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client() -> NeonHttp {
    let (Some(conn), Some(sql)) = (option_env!("EDGEPG_TEST_DATABASE_URL"), option_env!("EDGEPG_TEST_SQL_URL")) else {
        panic!("EDGEPG_TEST_DATABASE_URL / EDGEPG_TEST_SQL_URL were not set at compile time: run `make browser`");
    };
    NeonHttp::builder(conn).endpoint(sql).build().expect("client")
}

/// `setTimeout` as a future (no timer crate: `js_sys` only).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let set_timeout: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("setTimeout"))
            .expect("setTimeout")
            .unchecked_into();
        set_timeout.call2(&JsValue::NULL, &resolve, &JsValue::from(ms)).expect("setTimeout call");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("timer");
}

/// A table name no other run uses.
fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64)
}

#[wasm_bindgen_test]
async fn query_from_the_browser_crosses_origins() {
    let db = client();
    let r =
        db.query("select $1::int + 1 as n, $2::text as s", &[Value::Int(41), Value::from("from the browser")]).await;
    let r = r.expect("query");
    assert_eq!(r.rows, vec![vec![Value::Int(42), Value::from("from the browser")]]);
    assert_eq!(r.command, "SELECT");
}

#[wasm_bindgen_test]
async fn builders_render_and_rows_come_back_typed() {
    let db = client();
    let name = unique("browser_users");
    let users = table(name.as_str())
        .column("id", serial("id").primary_key())
        .column("name", text("name").not_null())
        .column("age", integer("age"))
        .build();
    db.query(&format!("create table \"{name}\" (id serial primary key, name text not null, age integer)"), &[])
        .await
        .expect("create table");
    let inserted = db
        .execute(
            insert(&users)
                .values([InsertRow::new().set("name", "Ann").set("age", 31), InsertRow::new().set("name", "Bo")])
                .returning(),
        )
        .await;
    assert_eq!(inserted.expect("insert").row_count, Some(2));
    let rows = db
        .execute(
            select().from(&users).filter(gt(users.col("age").unwrap(), 30)).order_by([asc(users.col("id").unwrap())]),
        )
        .await
        .expect("select")
        .objects()
        .expect("objects");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0]["name"].as_str(), rows[0]["age"].as_i64()), (Some("Ann"), Some(31)));
    db.query(&format!("drop table \"{name}\""), &[]).await.expect("drop table");
}

#[wasm_bindgen_test]
async fn batch_is_one_transaction() {
    let db = client();
    // A temporary table lives as long as the batch's transaction: nothing is left behind.
    let results = db
        .batch([
            raw("create temp table t (id int primary key, v text)"),
            raw("insert into t values (1, 'a'), (2, 'b')"),
            raw("update t set v = v || '!' where id = 2"),
            raw("select id, v from t order by id"),
        ])
        .await
        .expect("batch");
    assert_eq!(results.len(), 4);
    assert_eq!((results[1].command.as_str(), results[1].row_count), ("INSERT", Some(2)));
    assert_eq!(results[2].row_count, Some(1));
    assert_eq!(results[3].rows, vec![vec![Value::Int(1), Value::from("a")], vec![Value::Int(2), Value::from("b!")]]);

    // One failing statement fails the whole batch with the database's error.
    let err = db
        .batch([
            raw("create temp table u (id int primary key)"),
            raw("insert into u values (1)"),
            raw("insert into u values (1)"),
        ])
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("23505"), "{err:?}");
}

#[wasm_bindgen_test]
async fn database_errors_are_typed() {
    let err = client().query("select 1/0", &[]).await.unwrap_err();
    assert_eq!(err.code(), Some("22012"), "{err:?}");
    let d = err.database().expect("a database error");
    assert_eq!(d.message, "division by zero");
    assert_eq!(d.severity.as_deref(), Some("ERROR"));
}

#[wasm_bindgen_test]
async fn abort_stops_a_running_query() {
    let db = client();
    let abort = Abort::new();
    let fire = abort.clone();
    wasm_bindgen_futures::spawn_local(async move {
        sleep(100).await;
        fire.abort();
    });
    let t0 = js_sys::Date::now();
    let err = db.with_abort(&abort).query("select pg_sleep(5)", &[]).await.unwrap_err();
    assert!(matches!(err, Error::Aborted), "{err:?}");
    let elapsed = js_sys::Date::now() - t0;
    assert!(elapsed < 3000.0, "aborted after {elapsed} ms");
    // Already aborted: fails at once.
    assert!(matches!(db.with_abort(&abort).query("select 1", &[]).await, Err(Error::Aborted)));
}

#[wasm_bindgen_test]
async fn timeout_fails_a_slow_query() {
    let t0 = js_sys::Date::now();
    let err = client().with_timeout(Duration::from_millis(300)).query("select pg_sleep(5)", &[]).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(d) if d == Duration::from_millis(300)), "{err:?}");
    let elapsed = js_sys::Date::now() - t0;
    assert!(elapsed < 3000.0, "timed out after {elapsed} ms");
}

/// The WebSocket driver over the browser's own `WebSocket`.
#[cfg(feature = "ws")]
mod ws {
    use super::*;
    use edgepg::driver::ws::{connect, Client, JsWebSocket, TransactionConfig};

    fn urls() -> (&'static str, &'static str) {
        match (option_env!("EDGEPG_TEST_WS_URL"), option_env!("EDGEPG_TEST_DATABASE_URL")) {
            (Some(ws), Some(conn)) => (ws, conn),
            _ => {
                panic!("EDGEPG_TEST_WS_URL / EDGEPG_TEST_DATABASE_URL were not set at compile time: run `make browser`")
            }
        }
    }

    async fn ws_client() -> Client<JsWebSocket> {
        let (ws, conn) = urls();
        connect(ws, conn).await.expect("connect")
    }

    /// A fresh `accounts` table (1 → 100, 2 → 0), made over the WebSocket.
    async fn accounts(db: &mut Client<JsWebSocket>) -> String {
        let name = unique("browser_ws_accounts");
        db.simple_query(&format!(
            "create table \"{name}\" (id int primary key, balance int not null); \
             insert into \"{name}\" values (1, 100), (2, 0)"
        ))
        .await
        .expect("create table");
        name
    }

    /// The balances as another connection (the HTTP driver) sees them.
    async fn balances(name: &str) -> Vec<Value> {
        let r = client().query(&format!("select balance from \"{name}\" order by id"), &[]).await.expect("balances");
        r.rows.into_iter().map(|mut r| r.remove(0)).collect()
    }

    #[wasm_bindgen_test]
    async fn ws_query_from_the_browser() {
        let mut db = ws_client().await;
        let r = db
            .query("select $1::int + 1 as n, $2::text as s", &[Value::Int(41), Value::from("over a WebSocket")])
            .await;
        assert_eq!(r.expect("query").rows, vec![vec![Value::Int(42), Value::from("over a WebSocket")]]);
        let r = db.execute(raw("select 'again' as s")).await.expect("second query");
        assert_eq!(r.rows, vec![vec![Value::from("again")]]);
        assert!(db.is_usable());
        db.end().await;
    }

    #[wasm_bindgen_test]
    async fn ws_transactions_commit_and_roll_back() {
        let mut db = ws_client().await;
        let name = accounts(&mut db).await;
        let moved = db
            .transaction(TransactionConfig::default(), async |tx| {
                tx.query(&format!("update \"{name}\" set balance = balance - 30 where id = 1"), &[]).await?;
                tx.query(&format!("update \"{name}\" set balance = balance + 30 where id = 2"), &[]).await?;
                let total = tx.query(&format!("select sum(balance)::int from \"{name}\""), &[]).await?;
                Ok::<_, Error>(total.rows[0][0].clone())
            })
            .await
            .expect("commit");
        assert_eq!(moved, Value::Int(100));
        assert_eq!(db.transaction_status(), b'I');
        assert_eq!(balances(&name).await, [Value::Int(70), Value::Int(30)]);

        let err = db
            .transaction(TransactionConfig::default(), async |tx| {
                tx.query(&format!("update \"{name}\" set balance = 0 where id = 1"), &[]).await?;
                Err::<(), _>(Error::InvalidQuery("changed my mind".into()))
            })
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidQuery(ref m) if m == "changed my mind"), "{err:?}");
        assert_eq!(db.transaction_status(), b'I');
        assert_eq!(balances(&name).await, [Value::Int(70), Value::Int(30)], "rolled back");
        db.query(&format!("drop table \"{name}\""), &[]).await.expect("drop table");
        db.end().await;
    }

    #[wasm_bindgen_test]
    async fn ws_unique_violation_is_a_database_error() {
        let mut db = ws_client().await;
        let name = accounts(&mut db).await;
        let err = db.query(&format!("insert into \"{name}\" values (2, 5)"), &[]).await.unwrap_err();
        let Error::Database(d) = &err else { panic!("not a database error: {err:?}") };
        assert_eq!(d.code.as_deref(), Some("23505"), "{err:?}");
        assert_eq!(d.severity.as_deref(), Some("ERROR"));
        // the connection goes on
        db.query(&format!("drop table \"{name}\""), &[]).await.expect("drop table");
        db.end().await;
    }

    #[wasm_bindgen_test]
    async fn ws_wrong_password_is_a_typed_error() {
        let (ws, conn) = urls();
        let (scheme, rest) = conn.split_once("://").expect("a connection string");
        let (userinfo, host) = rest.split_once('@').expect("user and password");
        let user = userinfo.split(':').next().unwrap_or_default();
        let mut db = connect(ws, &format!("{scheme}://{user}:wrong-password@{host}")).await.expect("connect");
        let err = db.query("select 1", &[]).await.unwrap_err();
        assert!(matches!(err, Error::Database(_)), "{err:?}");
        assert!(err.to_string().contains("password authentication failed"), "{err}");
        assert!(!db.is_usable() || db.query("select 1", &[]).await.is_err());
    }

    #[wasm_bindgen_test]
    async fn ws_unreachable_endpoint_is_a_connect_error() {
        let (_, conn) = urls();
        let t0 = js_sys::Date::now();
        let err = connect("ws://127.0.0.1:1/v2", conn).await.unwrap_err();
        assert!(matches!(err, Error::Connect(_)), "{err:?}");
        assert!(js_sys::Date::now() - t0 < 3000.0, "failed after {} ms", js_sys::Date::now() - t0);
        let err = connect("not a url", conn).await.unwrap_err();
        assert!(matches!(err, Error::Connect(_)), "{err:?}");
    }

    #[wasm_bindgen_test]
    async fn ws_timeout_cancels_the_statement() {
        let (ws, conn) = urls();
        let socket = JsWebSocket::open(ws).await.expect("open").with_timeout(Duration::from_millis(300));
        let mut db = Client::new(socket, conn).expect("client");
        db.query("select 1", &[]).await.expect("select 1");
        let sql = format!("select pg_sleep(30) as \"{}\"", unique("browser_ws_sleep"));
        let t0 = js_sys::Date::now();
        let err = db.query(&sql, &[]).await.unwrap_err();
        assert!(matches!(err, Error::Timeout(d) if d == Duration::from_millis(300)), "{err:?}");
        assert!(js_sys::Date::now() - t0 < 3000.0, "timed out after {} ms", js_sys::Date::now() - t0);
        assert!(!db.is_usable());
        // the CancelRequest (on a new WebSocket) stopped the sleep: no session runs it any more
        let running = || async {
            let r = client()
                .query("select count(*)::int from pg_stat_activity where query = $1", &[Value::from(sql.as_str())])
                .await
                .expect("pg_stat_activity");
            r.rows[0][0].clone()
        };
        let mut left = running().await;
        for _ in 0..50 {
            if left == Value::Int(0) {
                break;
            }
            sleep(100).await;
            left = running().await;
        }
        assert_eq!(left, Value::Int(0), "the timed-out statement is still running");
    }
}
