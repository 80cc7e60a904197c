//! The Rust client over TCP (`edgepg::driver::tcp`) straight to the PostgreSQL behind the gateway
//! (no gateway in between): the same wire core as over a WebSocket, authenticating as plain
//! PostgreSQL asks (SCRAM-SHA-256 here), with drizzle's transactions and savepoints, typed rows,
//! database errors, a wrong password, an unreachable port, a refused sslmode, a timeout that
//! cancels the running statement on the server, and a pool (the same pool as the WebSocket
//! driver's) that caps, reuses and drops connections.

mod common;

use std::time::Duration;

use common::gateway;
use edgepg::driver::pgwire::{Client, TransactionConfig};
use edgepg::driver::tcp::{connect, TcpSocket};
use edgepg::pg::*;
use edgepg::{Error, Value};

edgepg::pg_table! {
    pub tcp_accounts = "tcp_accounts" {
        id: integer("id").primary_key(),
        balance: integer("balance").not_null(),
        note: text("note"),
    }
}

/// The PostgreSQL behind the gateway, reached directly over TCP.
fn direct() -> String {
    format!("{}?sslmode=disable", gateway().postgres)
}

#[tokio::test]
async fn statements_transactions_and_savepoints_over_tcp() {
    let mut db = connect(&direct()).await.unwrap();
    assert_eq!(db.auth_method(), "scram-sha-256", "plain PostgreSQL asks for SCRAM");
    db.query("drop table if exists tcp_accounts", &[]).await.unwrap();
    db.query(
        "create table tcp_accounts (id int primary key, balance int not null check (balance >= 0), note text)",
        &[],
    )
    .await
    .unwrap();
    db.execute(insert(tcp_accounts::TABLE).values([
        InsertRow::new().set("id", 1).set("balance", 100).set("note", "a'b"),
        InsertRow::new().set("id", 2).set("balance", 0),
    ]))
    .await
    .unwrap();
    let rows: Vec<tcp_accounts::Row> =
        db.execute(select().from(tcp_accounts::TABLE).order_by([asc(tcp_accounts::id)])).await.unwrap().all().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].id, rows[0].balance, rows[0].note.as_deref()), (1, 100, Some("a'b")));
    assert_eq!(rows[1].note, None);
    // a committed transaction, a rolled-back savepoint inside it
    let total = db
        .transaction(TransactionConfig::default(), async |tx| {
            tx.query("update tcp_accounts set balance = balance - 30 where id = 1", &[]).await?;
            let inner = tx
                .transaction(async |tx2| {
                    tx2.query("update tcp_accounts set balance = 1 where id = 2", &[]).await?;
                    tx2.query("update tcp_accounts set balance = -1 where id = 1", &[]).await
                    // 23514
                })
                .await;
            assert_eq!(inner.unwrap_err().code(), Some("23514"));
            tx.query("update tcp_accounts set balance = balance + 30 where id = 2", &[]).await?;
            let r = tx.query("select sum(balance)::int from tcp_accounts", &[]).await?;
            Ok::<_, Error>(r.rows[0][0].clone())
        })
        .await
        .unwrap();
    assert_eq!(total, Value::Int(100));
    let r = db.query("select balance from tcp_accounts order by id", &[]).await.unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(70)], vec![Value::Int(30)]], "the savepoint's update was rolled back");
    // an error in the callback rolls the whole transaction back
    let err = db
        .transaction(TransactionConfig::default(), async |tx| {
            tx.query("update tcp_accounts set balance = 0 where id = 1", &[]).await?;
            tx.query("insert into tcp_accounts values (2, 5)", &[]).await // 23505
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("23505"), "{err}");
    assert_eq!(db.transaction_status(), b'I');
    let r = db.query("select balance from tcp_accounts where id = $1", &[1.into()]).await.unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(70)]]);
    // a database error names its SQLSTATE and leaves the connection usable
    let e = db.query("select * from no_such_table_tcp", &[]).await.unwrap_err();
    assert_eq!(e.code(), Some("42P01"), "{e}");
    assert!(db.query("select 1", &[]).await.is_ok());
    db.query("drop table tcp_accounts", &[]).await.unwrap();
    db.end().await;
}

#[tokio::test]
async fn bad_passwords_hosts_and_sslmodes_are_typed_errors() {
    let wrong = direct().replacen(&format!(":{}@", gateway().password()), ":not-the-password@", 1);
    assert_ne!(wrong, direct());
    let e = connect(&wrong).await.unwrap_err();
    assert_eq!(e.code(), Some("28P01"), "a wrong password is PostgreSQL's own error: {e}");
    // a port nothing listens on: refused at once
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let started = std::time::Instant::now();
    let e = connect(&format!("postgresql://u:p@127.0.0.1:{port}/db")).await.unwrap_err();
    assert!(matches!(e, Error::Connect(_)), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(10), "no hang");
    let e = connect(&format!("{}?sslmode=require", gateway().postgres)).await.unwrap_err();
    assert!(matches!(e, Error::Config(ref m) if m.contains("sslmode=require")), "{e:?}");
    assert!(matches!(connect("not a url").await.unwrap_err(), Error::Config(_)));
}

#[tokio::test]
async fn a_timeout_cancels_the_statement_on_the_server() {
    let cs = ConnectionStringParts::of(&direct());
    let socket = TcpSocket::open(&cs.host, cs.port).await.unwrap().with_timeout(Duration::from_millis(300));
    let mut db: Client<TcpSocket> = Client::authenticated(socket, &direct()).await.unwrap();
    let marker = "tcp_cancel_marker_7d1";
    let e = db.query(&format!("select pg_sleep(30), '{marker}'"), &[]).await.unwrap_err();
    assert!(matches!(e, Error::Timeout(_)), "{e:?}");
    assert!(db.query("select 1", &[]).await.is_err(), "a timed-out connection is not reused");
    // the CancelRequest reached the server: the sleep is gone well before its 30 s
    let mut watcher = connect(&direct()).await.unwrap();
    let mut running = i64::MAX;
    for _ in 0..50 {
        let r = watcher
            .query(
                "select count(*)::int8 from pg_stat_activity where query like $1 and pid <> pg_backend_pid()",
                &[format!("%{marker}%").into()],
            )
            .await
            .unwrap();
        running = match &r.rows[0][0] {
            Value::Int(n) | Value::BigInt(n) => *n,
            other => panic!("a count, got {other:?}"),
        };
        if running == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(running, 0, "the cancelled statement still runs on the server");
    watcher.end().await;
}

/// Host and port of a connection string.
struct ConnectionStringParts {
    host: String,
    port: u16,
}

impl ConnectionStringParts {
    fn of(url: &str) -> Self {
        let c = edgepg::driver::ConnectionString::parse(url).unwrap();
        ConnectionStringParts { host: c.host().to_owned(), port: c.port().unwrap_or(5432) }
    }
}

#[tokio::test]
async fn a_tcp_pool_caps_reuses_and_drops_what_it_must() {
    let mut setup = connect(&direct()).await.unwrap();
    setup.query("drop table if exists tcp_pool", &[]).await.unwrap();
    setup.query("create table tcp_pool (id int primary key, n int not null)", &[]).await.unwrap();
    setup.query("insert into tcp_pool values (1, 0)", &[]).await.unwrap();
    // its own application_name, so that only the pool's sessions are counted
    let pool = edgepg::driver::tcp::Pool::new(&format!("{}&application_name=tcp_pool_test", direct()), 3).unwrap();
    let marker = "tcp_pool_marker_51";
    let most_at_once = std::sync::atomic::AtomicI64::new(0);
    let seen = &most_at_once;
    let add = |n: i32| {
        let pool = &pool;
        async move {
            pool.transaction(TransactionConfig::default(), async |tx| {
                // each holds the row lock while the others queue on it: they overlap for real
                tx.query("update tcp_pool set n = n + $1 where id = 1", &[n.into()]).await?;
                tx.query(&format!("select pg_sleep(0.1), '{marker}'"), &[]).await?;
                let r = tx
                    .query("select count(*)::int from pg_stat_activity where application_name = 'tcp_pool_test'", &[])
                    .await?;
                if let Value::Int(k) = r.rows[0][0] {
                    seen.fetch_max(k, std::sync::atomic::Ordering::Relaxed);
                }
                Ok(())
            })
            .await
        }
    };
    let results = tokio::join!(add(1), add(2), add(3), add(4), add(5));
    for r in [results.0, results.1, results.2, results.3, results.4] {
        r.unwrap();
    }
    let r = setup.query("select n from tcp_pool", &[]).await.unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(15)]], "five transactions, none lost");
    assert_eq!(pool.idle_count(), 3, "all three connections back in the pool");
    // 5 tasks wanted a connection; the pool had its 3 open at once, never a fourth
    let most = most_at_once.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(most, 3, "the pool's sessions seen at once");
    // a connection left inside a transaction is not reused
    {
        let mut c = pool.get().await.unwrap();
        c.client_mut().unwrap().query("begin", &[]).await.unwrap();
    }
    assert_eq!(pool.idle_count(), 2);
    pool.end().await;
    assert_eq!(pool.idle_count(), 0);
    assert!(matches!(pool.query("select 1", &[]).await, Err(Error::Connect(_))));
    setup.query("drop table tcp_pool", &[]).await.unwrap();
    setup.end().await;
}
