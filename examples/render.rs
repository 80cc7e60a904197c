//! Prints the SQL and parameters edgepg renders for a few Drizzle-style queries.
//! `make dev` runs it (the database-backed demo arrives with the HTTP driver).

use edgepg::pg::*;

edgepg::pg_table! {
    pub users = "users" {
        id: serial("id").primary_key(),
        name: text("name").not_null(),
        age: integer("age"),
    }
}
edgepg::pg_table! {
    pub posts = "posts" {
        id: serial("id").primary_key(),
        author_id: integer("author_id").not_null(),
        title: text("title").not_null(),
    }
}

fn show(label: &str, q: edgepg::Result<Query>) {
    match q {
        Ok(q) => println!("{label}:\n  {}\n  params: {:?}\n", q.sql, q.params),
        Err(e) => println!("{label}: error: {e}\n"),
    }
}

fn main() {
    show(
        "select + join",
        select_fields(fields![name: users::name, title: posts::title])
            .from(users::TABLE)
            .left_join(posts::TABLE, eq(posts::author_id, users::id))
            .filter(and([gt(users::age, 30), in_array(users::id, [1, 2, 3])]))
            .order_by([desc(users::id)])
            .limit(10)
            .to_sql(),
    );
    show(
        "upsert",
        insert(users::TABLE)
            .values([users::Insert { id: None, name: "Ann".into(), age: Some(31) }])
            .on_conflict_do_update(ConflictTarget::columns([users::id]), SetValues::new().col(users::name, "Ann"))
            .returning()
            .to_sql(),
    );
    show("update with no values", update(users::TABLE).set(SetValues::new()).to_sql());
}
