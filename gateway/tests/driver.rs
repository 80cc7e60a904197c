//! The Rust SQL-over-HTTP driver against real PostgreSQL through the real gateway: builders
//! executed end to end, typed rows, batches (one request, one transaction), every error kind.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{db_name, fresh_database, gateway, spawn_gateway, stats};
use edgepg::driver::{Abort, Executable};
use edgepg::neon_http::{BatchOptions, IsolationLevel, NeonHttp};
use edgepg::pg::*;
use edgepg::{Error, Value};

edgepg::pg_table! {
    pub users = "users" {
        id: serial("id").primary_key(),
        name: text("name").not_null(),
        email: text("email").not_null().unique(),
        age: integer("age"),
        balance: numeric("balance"),
        joined: timestamp("joined").default_now().not_null(),
    }
}
edgepg::pg_table! {
    pub posts = "posts" {
        id: serial("id").primary_key(),
        author_id: integer("author_id").not_null(),
        title: text("title").not_null(),
        views: bigint("views"),
    }
}

const SCHEMA: &str = "create table users (id serial primary key, name text not null, email text not null unique, \
    age integer check (age >= 0), balance numeric(12,2), joined timestamp not null default now()); \
    create table posts (id serial primary key, author_id integer not null references users(id), title text not null, views bigint)";

fn client(conn: &str) -> NeonHttp {
    NeonHttp::builder(conn).endpoint(&gateway().sql).build().expect("client")
}

async fn fresh(prefix: &str) -> (NeonHttp, String) {
    let conn = fresh_database(gateway(), prefix).await;
    let db = client(&conn);
    for stmt in SCHEMA.split("; ") {
        db.query(stmt, &[]).await.expect("schema");
    }
    (db, conn)
}

fn user(name: &str, email: &str, age: Option<i32>) -> users::Insert {
    users::Insert { id: None, name: name.into(), email: email.into(), age, balance: None, joined: None }
}

#[tokio::test]
async fn builders_run_end_to_end_with_typed_rows() {
    let (db, _) = fresh("drv_crud").await;
    let ann: users::Row = db
        .first(insert(users::TABLE).values([user("Ann", "ann@x.io", Some(31))]).returning())
        .await
        .unwrap()
        .expect("returning row");
    assert_eq!((ann.id, ann.name.as_str(), ann.age, ann.balance.as_deref()), (1, "Ann", Some(31), None));
    assert!(ann.joined.len() >= 19, "timestamp text: {}", ann.joined);

    let res = db
        .execute(insert(users::TABLE).values([user("Bo", "bo@x.io", None), user("Cy", "cy@x.io", Some(7))]))
        .await
        .unwrap();
    assert_eq!((res.command.as_str(), res.row_count), ("INSERT", Some(2)));

    db.execute(insert(posts::TABLE).values([posts::Insert {
        id: None,
        author_id: 1,
        title: "Hi".into(),
        views: Some(9_007_199_254_740_993),
    }]))
    .await
    .unwrap();

    // Left join: users without posts get `posts: null` (drizzle's nullification).
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Joined {
        users: users::Row,
        posts: Option<posts::Row>,
    }
    let rows: Vec<Joined> = db
        .all(
            select()
                .from(users::TABLE)
                .left_join(posts::TABLE, eq(posts::author_id, users::id))
                .order_by([asc(users::id)]),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].posts.as_ref().map(|p| (p.title.as_str(), p.views)), Some(("Hi", Some(9_007_199_254_740_993))));
    assert_eq!(rows[1].posts, None);
    assert_eq!(rows[2].users.name, "Cy");

    // Partial select with a nested object and an aggregate.
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Info {
        name: String,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Partial {
        id: i32,
        info: Info,
        posts: i64,
    }
    let rows: Vec<Partial> = db
        .all(
            select_fields(fields![id: users::id, info: { name: users::name }, posts: count_of(posts::id)])
                .from(users::TABLE)
                .left_join(posts::TABLE, eq(posts::author_id, users::id))
                .group_by::<_, Sql>([users::id.into(), users::name.into()])
                .order_by([asc(users::id)]),
        )
        .await
        .unwrap();
    assert_eq!(rows[0], Partial { id: 1, info: Info { name: "Ann".into() }, posts: 1 });
    assert_eq!(rows[2].posts, 0);

    // Update with returning, delete, $count.
    let updated: Vec<users::Row> = db
        .all(
            update(users::TABLE)
                .set(SetValues::new().col(users::balance, "12.50"))
                .filter(eq(users::name, "Bo"))
                .returning(),
        )
        .await
        .unwrap();
    assert_eq!(updated[0].balance.as_deref(), Some("12.50"));
    let res = db.execute(delete(users::TABLE).filter(eq(users::name, "Cy"))).await.unwrap();
    assert_eq!((res.command.as_str(), res.row_count), ("DELETE", Some(1)));
    let n = db.execute(count_rows(users::TABLE, None)).await.unwrap();
    assert_eq!(n.objects().unwrap()[0]["count"], serde_json::json!(2));
    assert_eq!(db.count(count_rows(users::TABLE, gt(users::age, 30))).await.unwrap(), 1);
    let values =
        db.values(select_fields(fields![n: users::name]).from(users::TABLE).order_by([asc(users::id)])).await.unwrap();
    assert_eq!(values, vec![vec![Value::from("Ann")], vec![Value::from("Bo")]]);
}

#[tokio::test]
async fn upsert_and_prepared_placeholders() {
    let (db, _) = fresh("drv_upsert").await;
    let up = |age: i32| {
        insert(users::TABLE)
            .values([user("Ann", "ann@x.io", Some(age))])
            .on_conflict_do_update(ConflictTarget::columns([users::email]), SetValues::new().col(users::age, age))
            .returning()
    };
    let a: users::Row = db.first(up(1)).await.unwrap().unwrap();
    let b: users::Row = db.first(up(2)).await.unwrap().unwrap();
    assert_eq!((a.id, b.id, b.age), (1, 1, Some(2)));

    let p = select().from(users::TABLE).filter(eq(users::email, placeholder("email"))).prepare().unwrap();
    let found = db.execute_prepared(&p, &HashMap::from([("email", Value::from("ann@x.io"))])).await.unwrap();
    assert_eq!(found.all::<users::Row>().unwrap()[0].age, Some(2));
    let none = db.execute_prepared(&p, &HashMap::from([("email", Value::from("nope"))])).await.unwrap();
    assert!(none.rows.is_empty());
    assert!(
        matches!(db.execute_prepared(&p, &HashMap::new()).await, Err(Error::MissingPlaceholder(n)) if n == "email")
    );
}

#[tokio::test]
async fn batch_is_one_request_and_one_transaction() {
    let (db, conn) = fresh("drv_batch").await;
    let name = db_name(&conn);
    let before = stats(gateway()).await["databases"][&name].clone();
    let inserts: Vec<_> =
        (0..5).map(|i| insert(users::TABLE).values([user(&format!("u{i}"), &format!("u{i}@x.io"), None)])).collect();
    let results = db.batch(&inserts).await.unwrap();
    assert_eq!(results.len(), 5);
    assert!(results.iter().all(|r| r.command == "INSERT" && r.row_count == Some(1)));
    let after = stats(gateway()).await["databases"][&name].clone();
    assert_eq!(after["requests"].as_u64().unwrap() - before["requests"].as_u64().unwrap(), 1, "{after}");
    assert_eq!(after["queries"].as_u64().unwrap() - before["queries"].as_u64().unwrap(), 5, "{after}");

    // One statement fails: nothing of the batch stays.
    let err = db
        .batch([
            insert(users::TABLE).values([user("v", "v@x.io", None)]).to_sql().unwrap(),
            insert(users::TABLE).values([user("w", "u0@x.io", None)]).to_sql().unwrap(),
        ])
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("23505"));
    let n = db.query("select count(*) from users where name in ('v', 'w')", &[]).await.unwrap();
    assert_eq!(n.rows, vec![vec![Value::BigInt(0)]]);

    // Options reach PostgreSQL; results keep each statement's shape.
    let opts = BatchOptions::new().isolation_level(IsolationLevel::Serializable).read_only(true).deferrable(true);
    let r = db
        .batch_with(
            opts,
            [
                sql!("show transaction_isolation"),
                sql!("show transaction_read_only"),
                sql!("show transaction_deferrable"),
            ],
        )
        .await
        .unwrap();
    let shown: Vec<Value> = r.iter().map(|x| x.rows[0][0].clone()).collect();
    assert_eq!(shown, [Value::from("serializable"), Value::from("on"), Value::from("on")]);
    let err = db
        .batch_with(BatchOptions::new().read_only(true), [insert(users::TABLE).values([user("ro", "ro@x.io", None)])])
        .await;
    assert_eq!(err.unwrap_err().code(), Some("25006"));
    assert!(db.batch(Vec::<edgepg::Query>::new()).await.unwrap().is_empty());
}

#[tokio::test]
async fn database_errors_carry_every_field() {
    let (db, _) = fresh("drv_errors").await;
    db.execute(insert(users::TABLE).values([user("Ann", "ann@x.io", None)])).await.unwrap();
    let e = db.execute(insert(users::TABLE).values([user("Ann2", "ann@x.io", None)])).await.unwrap_err();
    let d = e.database().expect("database error");
    assert_eq!(d.code.as_deref(), Some("23505"));
    assert_eq!(d.severity.as_deref(), Some("ERROR"));
    assert_eq!(d.message, "duplicate key value violates unique constraint \"users_email_key\"");
    assert_eq!(d.detail.as_deref(), Some("Key (email)=(ann@x.io) already exists."));
    assert_eq!(
        (d.schema.as_deref(), d.table.as_deref(), d.constraint.as_deref()),
        (Some("public"), Some("users"), Some("users_email_key"))
    );
    assert!(d.file.is_some() && d.line.is_some() && d.routine.is_some());

    let e = db.execute(insert(users::TABLE).values([user("Neg", "neg@x.io", Some(-1))])).await.unwrap_err();
    assert_eq!(e.code(), Some("23514"));
    assert_eq!(e.database().unwrap().constraint.as_deref(), Some("users_age_check"));

    let e = db.query("select nope from users", &[]).await.unwrap_err();
    let d = e.database().unwrap();
    assert_eq!((d.code.as_deref(), d.position.as_deref()), (Some("42703"), Some("8")));

    let e = db.query("select $1::int", &[Value::from("x")]).await.unwrap_err();
    assert_eq!(e.code(), Some("22P02"));
    assert_eq!(e.to_string(), "invalid input syntax for type integer: \"x\" (SQLSTATE 22P02)");

    let e = db.query("select 1; select 2", &[]).await.unwrap_err();
    assert_eq!(e.database().unwrap().message, "cannot insert multiple commands into a prepared statement");

    // A value that does not fit the column never leaves the client.
    let big = insert(users::TABLE).values([{
        let mut r = edgepg::query::InsertRow::new();
        r = r.set("name", "x").set("email", "y").set("age", 1_i64 << 40);
        r
    }]);
    assert!(matches!(db.execute(big).await, Err(Error::Encode { .. })));

    let e = db.transaction(|_tx| async { Ok(()) }).await.unwrap_err();
    assert!(e.to_string().contains("No transactions support in neon-http driver"), "{e}");
    assert!(e.to_string().contains("WebSocket"), "{e}");
}

#[tokio::test]
async fn connection_and_auth_errors() {
    let g = gateway();
    let wrong = g.connection_string.replace(&format!(":{}@", g.password()), ":wrong@");
    let e = client(&wrong).query("select 1", &[]).await.unwrap_err();
    let d = e.database().expect("400 body");
    assert_eq!(d.message, "password authentication failed for user 'postgres'");
    assert_eq!(d.code.as_deref(), Some(""));
    assert_eq!(e.code(), None);

    let e = client(&g.conn_str_for("no_such_db")).query("select 1", &[]).await.unwrap_err();
    assert_eq!(e.code(), Some("3D000"));

    // A JWT travels as `Authorization: Bearer`, which a password-only endpoint refuses (Neon too).
    let jwt = NeonHttp::builder(&g.connection_string).endpoint(&g.sql).auth_token("a.b.c").build().unwrap();
    let e = jwt.query("select 1", &[]).await.unwrap_err();
    assert_eq!(e.database().unwrap().message, "missing authentication credentials: required password");
    let failing = NeonHttp::builder(&g.connection_string)
        .endpoint(&g.sql)
        .auth_token_provider(|| -> edgepg::neon_http::BoxFuture<'static, Result<String, String>> {
            Box::pin(async { Err("no session".to_string()) })
        })
        .build()
        .unwrap();
    let e = failing.query("select 1", &[]).await.unwrap_err();
    assert_eq!(e.to_string(), "Error getting auth token: no session");

    // Malformed connection strings fail before anything is sent.
    for bad in ["", "mysql://u:p@h/db", "postgres://h/db", "postgres://u:p@h:99999/db"] {
        assert!(matches!(NeonHttp::builder(bad).endpoint(&g.sql).build(), Err(Error::Config(_))), "{bad}");
    }
    assert!(matches!(NeonHttp::builder(&g.connection_string).endpoint("ftp://x").build(), Err(Error::Config(_))));

    // Nobody listening: a connect error, with the cause.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let a = l.local_addr().unwrap();
        drop(l);
        format!("http://{a}/sql")
    };
    let e = NeonHttp::builder(&g.connection_string)
        .endpoint(dead)
        .build()
        .unwrap()
        .query("select 1", &[])
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Connect(m) if !m.is_empty()), "{e:?}");

    // Not the SQL endpoint: an HTTP error with the body.
    let e = NeonHttp::builder(&g.connection_string)
        .endpoint(format!("{}/nope", g.http))
        .build()
        .unwrap()
        .query("select 1", &[])
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Http { status: 400, body } if body == "\"query is not supported\""), "{e:?}");
}

#[tokio::test]
async fn limits_timeouts_and_aborts() {
    let g = gateway();
    let small =
        spawn_gateway(&["--postgres", &g.postgres, "--max-request-bytes", "1024", "--max-response-bytes", "2048"]);
    let db = NeonHttp::builder(&small.connection_string).endpoint(&small.sql).build().unwrap();
    let e = db.query("select $1::text", &[Value::from("x".repeat(4096))]).await.unwrap_err();
    assert!(
        matches!(&e, Error::Http { status: 413, body } if body.contains("request is too large (max is 1024 bytes)")),
        "{e:?}"
    );
    let e = db.query("select repeat('x', 100) from generate_series(1, 100)", &[]).await.unwrap_err();
    assert!(
        matches!(&e, Error::Http { status: 507, body } if body.contains("response is too large (max is 2048 bytes)")),
        "{e:?}"
    );

    let db = client(&g.connection_string);
    let t0 = std::time::Instant::now();
    let e = db.with_timeout(Duration::from_millis(300)).query("select pg_sleep(20)", &[]).await.unwrap_err();
    assert!(matches!(e, Error::Timeout(d) if d == Duration::from_millis(300)), "{e:?}");
    assert!(t0.elapsed() < Duration::from_secs(10));

    let abort = Abort::new();
    let a2 = abort.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        a2.abort();
    });
    let e = db.with_abort(&abort).query("select pg_sleep(20)", &[]).await.unwrap_err();
    assert!(matches!(e, Error::Aborted), "{e:?}");
    // Already aborted: nothing is sent.
    assert!(matches!(db.with_abort(&abort).query("select 1", &[]).await, Err(Error::Aborted)));

    // The gateway cancelled both sleeps when the client went away.
    let mut left = i64::MAX;
    for _ in 0..50 {
        let r = db
            .query(
                "select count(*) from pg_stat_activity where query = 'select pg_sleep(20)' and state = 'active'",
                &[],
            )
            .await
            .unwrap();
        left = match r.rows[0][0] {
            Value::BigInt(n) => n,
            _ => -1,
        };
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "the abandoned queries are still running");
}

#[tokio::test]
async fn values_decode_by_type() {
    let db = client(&gateway().connection_string);
    let r = db
        .query(
            "select 1::int2 a, 2::int4 b, 3::int8 c, 1.5::float8 d, 'NaN'::numeric e, true f, 'x'::text g, '\\x00ff'::bytea h, \
             '{\"k\":[1]}'::jsonb i, '2024-01-02'::date j, '2024-01-02 03:04:05.5'::timestamp k, '2024-01-02 03:04:05+02'::timestamptz l, \
             '1 day'::interval m, '(1,2)'::point n, '{{1,NULL},{3,4}}'::int4[] o, null::text p",
            &[],
        )
        .await
        .unwrap();
    let row = &r.rows[0];
    assert_eq!(
        row,
        &vec![
            Value::Int(1),
            Value::Int(2),
            Value::BigInt(3),
            Value::Float(1.5),
            Value::Numeric("NaN".into()),
            Value::Bool(true),
            Value::from("x"),
            Value::Bytes(vec![0, 255]),
            Value::Json(serde_json::json!({"k": [1]})),
            Value::Date("2024-01-02".into()),
            Value::Timestamp("2024-01-02 03:04:05.5".into()),
            Value::Timestamptz("2024-01-02 01:04:05+00".into()),
            Value::Interval("1 day".into()),
            Value::Point { x: 1.0, y: 2.0 },
            Value::Array(vec![
                Value::Array(vec![Value::Int(1), Value::Null]),
                Value::Array(vec![Value::Int(3), Value::Int(4)])
            ]),
            Value::Null,
        ]
    );
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"]);
    assert_eq!(r.fields[2].type_oid, 20);
    // Parameters of every kind arrive as PostgreSQL reads them.
    let r = db
        .query(
            "select $1::int8 a, $2::float8 b, $3::bytea c, $4::int4[] d, $5::jsonb e, $6::text f, $7::bool g",
            &[
                Value::BigInt(i64::MAX),
                Value::Float(0.1),
                Value::Bytes(vec![1, 2]),
                Value::from(vec![Some(1), None]),
                Value::Json(serde_json::json!({"a": "\"q\""})),
                Value::from("é\u{0}".trim_end_matches('\u{0}')),
                Value::Bool(false),
            ],
        )
        .await
        .unwrap();
    assert_eq!(
        r.rows[0],
        vec![
            Value::BigInt(i64::MAX),
            Value::Float(0.1),
            Value::Bytes(vec![1, 2]),
            Value::Array(vec![Value::Int(1), Value::Null]),
            Value::Json(serde_json::json!({"a": "\"q\""})),
            Value::from("é"),
            Value::Bool(false),
        ]
    );
}

/// drizzle's relational queries from Rust: one request, rows with their relations nested.
#[tokio::test]
async fn relational_queries_nest_rows_in_one_request() {
    use edgepg::relational::{FindConfig, Relation, Relations};
    use edgepg::typed::TableDecl;
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Author {
        name: String,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Post {
        title: String,
        author: Option<Author>,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct UserWithPosts {
        id: i32,
        name: String,
        posts: Vec<Post>,
    }
    let (db, conn) = fresh("drv_rel").await;
    db.execute(insert(users::TABLE).values([user("Ann", "ann@r.io", Some(31)), user("Bo", "bo@r.io", None)]))
        .await
        .unwrap();
    db.query("insert into posts (author_id, title) values (1, 'a1'), (1, 'a2'), (2, 'b1')", &[]).await.unwrap();
    let schema = Relations::new()
        .table("users", users::Table::table())
        .table("posts", posts::Table::table())
        .relation("users", "posts", Relation::many("posts"))
        .relation("posts", "author", Relation::one("users").fields(["author_id"]).references(["id"]));
    let q = schema
        .find_many(
            "users",
            FindConfig::new()
                .columns([("id", true), ("name", true)])
                .order_by_with(|u| vec![asc(u.col("id").unwrap())])
                .with(
                    "posts",
                    FindConfig::new()
                        .columns([("title", true)])
                        .order_by_with(|p| vec![desc(p.col("id").unwrap())])
                        .with("author", FindConfig::new().columns([("name", true)])),
                ),
        )
        .unwrap();
    let name = db_name(&conn);
    let before = stats(gateway()).await["databases"][&name]["requests"].as_u64().unwrap();
    let rows: Vec<UserWithPosts> = db.find_many(&q).await.unwrap();
    let after = stats(gateway()).await["databases"][&name]["requests"].as_u64().unwrap();
    assert_eq!(after - before, 1);
    let post = |t: &str, a: &str| Post { title: t.into(), author: Some(Author { name: a.into() }) };
    assert_eq!(
        rows,
        vec![
            UserWithPosts { id: 1, name: "Ann".into(), posts: vec![post("a2", "Ann"), post("a1", "Ann")] },
            UserWithPosts { id: 2, name: "Bo".into(), posts: vec![post("b1", "Bo")] },
        ]
    );
    let first = schema.find_first("users", FindConfig::new().filter_with(|u| eq(u.col("id").unwrap(), 2))).unwrap();
    let bo: Option<serde_json::Value> = db.find_first(&first).await.unwrap();
    assert_eq!(bo.unwrap()["name"], "Bo");
}
