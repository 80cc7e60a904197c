//! Rendering cost of the standard query (issue target: <= 1 µs per render natively):
//! 3 columns from users left join posts, where and(eq, gt, inArray of 3), order by desc,
//! limit, offset. `render` renders a built query; `build_and_render` includes building it.

use criterion::{criterion_group, criterion_main, Criterion};
use edgepg::pg::*;
use std::hint::black_box;

edgepg::pg_table! {
    pub users = "users" { id: serial("id").primary_key(), name: text("name").not_null(), age: integer("age") }
}
edgepg::pg_table! {
    pub posts = "posts" { id: serial("id").primary_key(), author_id: integer("author_id").not_null(), title: text("title").not_null() }
}

fn standard() -> Select {
    select_fields(fields![id: users::id, name: users::name, title: posts::title])
        .from(users::TABLE)
        .left_join(posts::TABLE, eq(posts::author_id, users::id))
        .filter(and([eq(users::name, "Ann"), gt(users::age, 30), in_array(users::id, [1, 2, 3])]))
        .order_by([desc(users::id)])
        .limit(10)
        .offset(20)
}

fn bench(c: &mut Criterion) {
    let q = standard();
    assert_eq!(
        q.to_sql().unwrap().sql,
        r#"select "users"."id", "users"."name", "posts"."title" from "users" left join "posts" on "posts"."author_id" = "users"."id" where ("users"."name" = $1 and "users"."age" > $2 and "users"."id" in ($3, $4, $5)) order by "users"."id" desc limit $6 offset $7"#
    );
    c.bench_function("render", |b| b.iter(|| black_box(&q).to_sql().unwrap()));
    c.bench_function("build_and_render", |b| b.iter(|| black_box(standard()).to_sql().unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
