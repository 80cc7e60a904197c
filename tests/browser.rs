//! The SQL-over-HTTP driver in headless Chromium (wasm-bindgen-test), against the real
//! edgepg-gateway: requests are cross-origin `fetch`es from the test page (CORS), batches,
//! typed database errors, aborts and timeouts.
//!
//! Run with `make browser`: `scripts/browser-tests.sh` starts nothing itself, it reads the ready
//! file of the gateway `scripts/with-gateway.sh` started and passes its URLs in at compile time
//! (`EDGEPG_TEST_SQL_URL`, `EDGEPG_TEST_DATABASE_URL`).
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
