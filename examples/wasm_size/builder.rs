//! Size probe (builder only): `scripts/wasm-size.sh` builds this and `driver.rs` for wasm32 and
//! reports what the HTTP driver adds. Not a usage example.

use edgepg::pg::*;

edgepg::pg_table! {
    pub users = "users" { id: serial("id").primary_key(), name: text("name").not_null(), age: integer("age") }
}

/// Renders a typical select and an insert; returns the SQL length (keeps the code alive).
#[no_mangle]
pub extern "C" fn render(n: i32) -> usize {
    let q = select().from(users::TABLE).filter(and([eq(users::id, n), gt(users::age, 30)])).limit(10).to_sql();
    let i = insert(users::TABLE).values([users::Insert { id: None, name: "Ann".into(), age: Some(n) }]).to_sql();
    q.map(|q| q.sql.len()).unwrap_or(0) + i.map(|q| q.sql.len()).unwrap_or(0)
}
