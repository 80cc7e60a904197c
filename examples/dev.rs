//! The `make dev` demo: creates a small schema through the HTTP driver, inserts and queries
//! with the builder, and prints the rows. Expects a running `edgepg-gateway` and two variables:
//! `EDGEPG_DATABASE_URL` (the connection string) and `EDGEPG_SQL_ENDPOINT` (the gateway's `/sql`).

use edgepg::neon_http::NeonHttp;
use edgepg::pg::*;

edgepg::pg_table! {
    pub users = "users" {
        id: serial("id").primary_key(),
        name: text("name").not_null(),
        email: text("email").not_null().unique(),
        age: integer("age"),
    }
}
edgepg::pg_table! {
    pub posts = "posts" {
        id: serial("id").primary_key(),
        author_id: integer("author_id").not_null(),
        title: text("title").not_null(),
        created_at: timestamp("created_at").default_now().not_null(),
    }
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct AuthorPost {
    name: String,
    title: Option<String>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("EDGEPG_DATABASE_URL").map_err(|_| "EDGEPG_DATABASE_URL is not set")?;
    let endpoint = std::env::var("EDGEPG_SQL_ENDPOINT").map_err(|_| "EDGEPG_SQL_ENDPOINT is not set")?;
    let db = NeonHttp::builder(url).endpoint(endpoint).build()?;

    // Schema (idempotent): two statements, one HTTP round trip, one transaction.
    db.batch([
        sql!("create table if not exists users (id serial primary key, name text not null, email text not null unique, age integer)"),
        sql!("create table if not exists posts (id serial primary key, author_id integer not null references users(id), title text not null, created_at timestamp not null default now())"),
    ])
    .await?;

    // Upsert a user and get it back.
    let ann: Option<users::Row> = db
        .first(
            insert(users::TABLE)
                .values([users::Insert {
                    id: None,
                    name: "Ann".into(),
                    email: "ann@example.com".into(),
                    age: Some(31),
                }])
                .on_conflict_do_update(ConflictTarget::columns([users::email]), SetValues::new().col(users::age, 31))
                .returning(),
        )
        .await?;
    let ann = ann.ok_or("the upsert returned no row")?;
    println!("upserted: {ann:?}");

    // Insert two posts in one batch (one round trip).
    let post = |title: &str| {
        insert(posts::TABLE).values([posts::Insert {
            id: None,
            author_id: ann.id,
            title: title.into(),
            created_at: None,
        }])
    };
    db.batch([post("Hello from edgepg"), post("Drizzle's API, in Rust")]).await?;

    // Join and read typed rows.
    let rows: Vec<AuthorPost> = db
        .all(
            select_fields(fields![name: users::name, title: posts::title])
                .from(users::TABLE)
                .left_join(posts::TABLE, eq(posts::author_id, users::id))
                .filter(eq(users::id, ann.id))
                .order_by([desc(posts::id)])
                .limit(5),
        )
        .await?;
    println!("latest posts of {}:", ann.name);
    for r in &rows {
        println!("  - {:?}", r.title);
    }
    let n = db.execute(sql!("select count(*) as n from {}", posts::TABLE)).await?;
    println!("posts in the table: {:?}", n.rows[0][0]);
    Ok(())
}
