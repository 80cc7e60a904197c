//! Size probe (builder + SQL-over-HTTP driver + decoding); see `builder.rs`.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use edgepg::pg::*;

edgepg::pg_table! {
    pub users = "users" { id: serial("id").primary_key(), name: text("name").not_null(), age: integer("age") }
}

/// Renders the same statements as `builder.rs`.
#[no_mangle]
pub extern "C" fn render(n: i32) -> usize {
    let q = select().from(users::TABLE).filter(and([eq(users::id, n), gt(users::age, 30)])).limit(10).to_sql();
    let i = insert(users::TABLE).values([users::Insert { id: None, name: "Ann".into(), age: Some(n) }]).to_sql();
    q.map(|q| q.sql.len()).unwrap_or(0) + i.map(|q| q.sql.len()).unwrap_or(0)
}

/// Executes them through the driver (polled once: enough to link everything in).
#[no_mangle]
pub extern "C" fn run(n: i32) -> usize {
    let fut = async move {
        let db = edgepg::neon_http::connect("postgres://u:p@ep-x.eu.aws.neon.tech/db")?;
        let rows: Vec<users::Row> = db.all(select().from(users::TABLE).filter(eq(users::id, n))).await?;
        let b =
            db.batch([insert(users::TABLE).values([users::Insert { id: None, name: "A".into(), age: None }])]).await?;
        Ok::<usize, edgepg::Error>(rows.len() + b.len())
    };
    let mut fut = Box::pin(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(n)) => n,
        _ => 0,
    }
}
