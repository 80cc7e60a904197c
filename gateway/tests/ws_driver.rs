//! The Rust WebSocket client (`edgepg::driver::ws`) against real PostgreSQL through the gateway's
//! WebSocket: drizzle's transactions (commit, rollback on error, savepoints, isolation and access
//! mode), database errors, flights per transaction, and a socket that dies mid-transaction.

mod common;

use common::{fresh_database, gateway, query_rows};
use edgepg::driver::ws::{connect, Client, Socket, TokioSocket, TransactionConfig};
use edgepg::pg::*;
use edgepg::{Error, Value};

edgepg::pg_table! {
    pub accounts = "accounts" {
        id: integer("id").primary_key(),
        balance: integer("balance").not_null(),
    }
}

/// A socket that counts the client's flights (binary messages sent).
struct Counting {
    inner: TokioSocket,
    sent: usize,
}
impl Socket for Counting {
    async fn send(&mut self, bytes: Vec<u8>) -> edgepg::Result<()> {
        self.sent += 1;
        self.inner.send(bytes).await
    }
    async fn recv(&mut self) -> edgepg::Result<Option<Vec<u8>>> {
        self.inner.recv().await
    }
    async fn close(&mut self) {
        self.inner.close().await
    }
}

async fn setup(prefix: &str) -> String {
    let conn = fresh_database(gateway(), prefix).await;
    let mut db = connect(&gateway().ws, &conn).await.unwrap();
    db.query("create table accounts (id int primary key, balance int not null check (balance >= 0))", &[])
        .await
        .unwrap();
    db.query("insert into accounts values (1, 100), (2, 0)", &[]).await.unwrap();
    db.end().await;
    conn
}

/// `[balance of 1, balance of 2]`, read through the gateway's HTTP side (another session).
async fn balances(conn: &str) -> Vec<i64> {
    let rows = query_rows(gateway(), conn, "select balance from accounts order by id", serde_json::json!([])).await;
    rows.iter().map(|r| r[0].as_str().and_then(|s| s.parse().ok()).expect("a balance")).collect()
}

async fn counting(conn: &str) -> Client<Counting> {
    Client::new(Counting { inner: TokioSocket::open(&gateway().ws).await.unwrap(), sent: 0 }, conn).unwrap()
}

#[tokio::test]
async fn commit_returns_the_value_in_n_plus_one_flights() {
    let conn = setup("ws_commit").await;
    let mut db = counting(&conn).await;
    // connect + first query: one flight
    let r = db.execute(select().from(accounts::TABLE).filter(eq(accounts::id, 1))).await.unwrap();
    let row: accounts::Row = r.first().unwrap().unwrap();
    assert_eq!((row.id, row.balance), (1, 100));
    let flights = |db: &Client<Counting>| db.socket().sent;
    assert_eq!(flights(&db), 1, "startup + password + first query in one flight");
    // a transaction of 3 statements: begin rides with the first, commit is the last: 4 flights
    let moved = db
        .transaction(TransactionConfig::default(), async |tx| {
            tx.execute(
                update(accounts::TABLE)
                    .set(SetValues::new().set("balance", sql!("balance - 30")))
                    .filter(eq(accounts::id, 1)),
            )
            .await?;
            tx.execute(
                update(accounts::TABLE)
                    .set(SetValues::new().set("balance", sql!("balance + 30")))
                    .filter(eq(accounts::id, 2)),
            )
            .await?;
            let r = tx.query("select sum(balance)::int as total from accounts", &[]).await?;
            Ok::<_, Error>(r.rows[0][0].clone())
        })
        .await
        .unwrap();
    assert_eq!(moved, Value::Int(100));
    assert_eq!(flights(&db), 1 + 4, "N statements + commit");
    assert_eq!(db.transaction_status(), b'I');
    assert_eq!(balances(&conn).await, [70, 30]);
    db.end().await;
}

#[tokio::test]
async fn errors_roll_back_and_savepoints_keep_the_outer_transaction() {
    let conn = setup("ws_rollback").await;
    let mut db = connect(&gateway().ws, &conn).await.unwrap();
    // an error in the callback: rollback, the error returned, nothing kept
    let err = db
        .transaction(TransactionConfig::default(), async |tx| {
            tx.query("update accounts set balance = 0 where id = 1", &[]).await?;
            tx.query("insert into accounts values (2, 5)", &[]).await // 23505
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("23505"), "{err}");
    assert_eq!(db.transaction_status(), b'I');
    assert_eq!(balances(&conn).await[0], 100);
    // a savepoint that fails inside a transaction that commits
    let kept = db
        .transaction(TransactionConfig::default(), async |tx| {
            tx.query("update accounts set balance = 90 where id = 1", &[]).await?;
            let inner = tx
                .transaction(async |tx2| {
                    tx2.query("update accounts set balance = 1 where id = 2", &[]).await?;
                    tx2.query("update accounts set balance = -1 where id = 1", &[]).await
                    // check violation
                })
                .await;
            assert_eq!(inner.unwrap_err().code(), Some("23514"));
            tx.query("select balance from accounts where id = 2", &[]).await
        })
        .await
        .unwrap();
    assert_eq!(kept.rows, vec![vec![Value::Int(0)]], "the savepoint's update was rolled back");
    assert_eq!(balances(&conn).await, [90, 0]);
    // isolation level and read only are honoured
    let iso = db
        .transaction(
            TransactionConfig {
                isolation_level: Some("serializable".into()),
                access_mode: Some("read only".into()),
                deferrable: None,
            },
            async |tx| {
                let level = tx.query("show transaction_isolation", &[]).await?;
                let write = tx.query("update accounts set balance = 5", &[]).await;
                Ok::<_, Error>((level.rows[0][0].clone(), write.unwrap_err().code().map(str::to_owned)))
            },
        )
        .await;
    // the failed write aborted the transaction: commit reports it as a rollback, not an error
    let (level, code) = iso.unwrap();
    assert_eq!(level, Value::Text("serializable".into()));
    assert_eq!(code.as_deref(), Some("25006"));
    db.end().await;
}

#[tokio::test]
async fn a_socket_that_dies_mid_transaction_is_a_typed_error_and_postgres_rolls_back() {
    let conn = setup("ws_drop").await;
    let mut db = connect(&gateway().ws, &conn).await.unwrap();
    let err = db
        .transaction(TransactionConfig::default(), async |tx| {
            tx.query("update accounts set balance = 0 where id = 1", &[]).await?;
            // the server side of this session ends the connection, as a dropped socket would
            tx.query("select pg_terminate_backend(pg_backend_pid())", &[]).await
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Database(_) | Error::Connect(_)), "{err:?}");
    assert!(!db.is_usable());
    assert!(matches!(db.query("select 1", &[]).await, Err(Error::Connect(_))));
    assert_eq!(balances(&conn).await[0], 100, "PostgreSQL rolled back");
    // a wrong password: the endpoint's error, typed
    let bad = conn.replacen(&gateway().password(), "wrong", 1);
    let mut db = connect(&gateway().ws, &bad).await.unwrap();
    let e = db.query("select 1", &[]).await.unwrap_err();
    assert!(e.to_string().contains("password authentication failed"), "{e}");
    // an unreachable endpoint
    let e = connect("ws://127.0.0.1:1/v2", &conn).await.unwrap_err();
    assert!(matches!(e, Error::Connect(_)), "{e:?}");
    // wss:// natively: a configuration error without the `rustls` feature; with it, the TLS
    // handshake against this plain-text endpoint fails, typed
    let e = connect(&gateway().ws.replacen("ws://", "wss://", 1), &conn).await.unwrap_err();
    assert!(matches!(&e, Error::Config(m) if m.contains("rustls")) || matches!(e, Error::Connect(_)), "{e:?}");
}

#[tokio::test]
async fn a_timeout_cancels_the_statement_and_leaves_no_session_behind() {
    let conn = setup("ws_timeout").await;
    let socket = TokioSocket::open(&gateway().ws).await.unwrap().with_timeout(std::time::Duration::from_millis(700));
    let mut db = Client::new(socket, &conn).unwrap();
    db.query("select 1", &[]).await.unwrap();
    let started = std::time::Instant::now();
    let e = db.query("select pg_sleep(60)", &[]).await.unwrap_err();
    assert!(matches!(e, Error::Timeout(_)), "{e:?}");
    assert!(!db.is_usable());
    common::assert::wait_for("the timed-out session to be gone", std::time::Duration::from_secs(10), || async {
        let rows = query_rows(
            gateway(),
            &conn,
            "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
            serde_json::json!([]),
        )
        .await;
        rows[0][0] == "0"
    })
    .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "the sleep was cancelled, not waited out");
}

#[tokio::test]
async fn four_concurrent_transactions_on_one_pool() {
    let conn = setup("ws_pool").await;
    let pool = edgepg::driver::ws::Pool::new(&gateway().ws, &conn, 4).unwrap();
    let add = |n: i32| {
        let pool = &pool;
        async move {
            pool.transaction(TransactionConfig::default(), async |tx| {
                // each holds its row lock while the others queue on it: they overlap for real
                tx.query("update accounts set balance = balance + $1 where id = 1", &[n.into()]).await?;
                tx.query("select pg_sleep(0.1)", &[]).await?;
                let r = tx.query("select count(*)::int from pg_stat_activity where datname = current_database() and backend_type = 'client backend'", &[]).await?;
                Ok(r.rows[0][0].clone())
            })
            .await
        }
    };
    let (a, b, c, d) = tokio::join!(add(1), add(2), add(3), add(4));
    let sessions: Vec<Value> = [a, b, c, d].into_iter().map(|r| r.unwrap()).collect();
    assert!(
        sessions.iter().any(|s| matches!(s, Value::Int(n) if *n >= 4)),
        "4 sessions were open at once: {sessions:?}"
    );
    assert_eq!(balances(&conn).await[0], 110);
    assert_eq!(pool.idle_count(), 4, "all four connections went back to the pool");
    // a connection left inside a transaction, or broken, is not reused
    {
        let mut c = pool.get().await.unwrap();
        c.client_mut().unwrap().query("begin", &[]).await.unwrap();
    }
    assert_eq!(pool.idle_count(), 3);
    pool.end().await;
    assert_eq!(pool.idle_count(), 0);
    assert!(matches!(pool.query("select 1", &[]).await, Err(Error::Connect(_))));
}

#[tokio::test]
async fn a_simple_query_runs_several_statements_in_one_text() {
    let conn = setup("ws_simple").await;
    let mut db = connect(&gateway().ws, &conn).await.unwrap();
    let r = db
        .simple_query(
            "create table notes (id int); insert into notes values (1), (2); select count(*)::int as n from notes",
        )
        .await
        .unwrap();
    assert_eq!(r.iter().map(|r| r.command.as_str()).collect::<Vec<_>>(), ["CREATE", "INSERT", "SELECT"]);
    assert_eq!((r[1].row_count, &r[2].rows), (Some(2), &vec![vec![Value::Int(2)]]));
    // the extended protocol refuses several statements, as PostgreSQL says
    let e = db.query("select 1; select 2", &[]).await.unwrap_err();
    assert_eq!(e.code(), Some("42601"), "{e}");
    // an error stops the text; the statements before it were one implicit transaction: undone
    let e =
        db.simple_query("insert into notes values (3); select 1/0; insert into notes values (4)").await.unwrap_err();
    assert_eq!(e.code(), Some("22012"));
    let n = db.simple_query("select count(*)::int from notes").await.unwrap();
    assert_eq!(n[0].rows, vec![vec![Value::Int(2)]]);
    db.end().await;
}

#[tokio::test]
async fn a_named_statement_is_parsed_once_per_connection() {
    let conn = setup("ws_named").await;
    let mut db = connect(&gateway().ws, &conn).await.unwrap();
    let sql = "select balance from accounts where id = $1";
    // a first run that fails after its Parse (the parameter is not an integer) leaves the name
    // usable: the next run closes and parses it again
    let e = db.query_named("by_id", sql, &[Value::Text("x".into())]).await.unwrap_err();
    assert_eq!(e.code(), Some("22P02"), "{e}");
    for (id, want) in [(1, 100), (2, 0), (1, 100)] {
        let r = db.query_named("by_id", sql, &[Value::Int(id)]).await.unwrap();
        assert_eq!(r.rows, vec![vec![Value::Int(want)]]);
    }
    let r = db.query("select name, statement from pg_prepared_statements", &[]).await.unwrap();
    assert_eq!(r.rows, vec![vec![Value::Text("by_id".into()), Value::Text(sql.into())]]);
    let e = db.query_named("by_id", "select 1", &[]).await.unwrap_err();
    assert!(e.to_string().contains("Prepared statements must be unique"), "{e}");
    db.end().await;
}
