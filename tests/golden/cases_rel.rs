//! Golden cases: relational queries (`relations()` + `db.query.<table>.findMany/findFirst`).

use super::{check, Cases, S};
use edgepg::pg::*;
use edgepg::relational::{FindConfig, Relation, Relations};
use edgepg::sql;

fn schema(s: &S) -> Relations {
    Relations::new()
        .table("cities", &s.cities)
        .table("users", &s.users)
        .table("posts", &s.posts)
        .table("comments", &s.comments)
        .relation("cities", "users", Relation::many("users"))
        .relation("users", "city", Relation::one("cities").fields(["cityId"]).references(["id"]))
        .relation("users", "posts", Relation::many("posts"))
        .relation("posts", "author", Relation::one("users").fields(["authorId"]).references(["id"]))
        .relation("posts", "comments", Relation::many("comments"))
        .relation("comments", "post", Relation::one("posts").fields(["postId"]).references(["id"]))
}

pub fn register(c: &mut Cases) {
    let s = S::new();
    let r = schema(&s);
    let col = |t: &Table, k: &str| t.col(k).unwrap();
    c.add("relational/find_many_plain", r.find_many("users", FindConfig::new()).and_then(|q| q.to_sql()));
    c.add("relational/find_first_plain", r.find_first("users", FindConfig::new()).and_then(|q| q.to_sql()));
    c.add(
        "relational/columns_include",
        r.find_many("users", FindConfig::new().columns([("id", true), ("name", true)])).and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/columns_exclude",
        r.find_many("users", FindConfig::new().columns([("meta", false), ("tags", false)])).and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/with_many",
        r.find_many("cities", FindConfig::new().with("users", FindConfig::all())).and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/with_one",
        r.find_many("posts", FindConfig::new().with("author", FindConfig::all())).and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/nested_three_levels",
        r.find_many("users", FindConfig::new().with("posts", FindConfig::new().with("comments", FindConfig::all())))
            .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/with_columns",
        r.find_many(
            "users",
            FindConfig::new().columns([("id", true)]).with("posts", FindConfig::new().columns([("title", true)])),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/where_callback",
        r.find_many("users", FindConfig::new().filter_with(move |u| eq(col(u, "id"), 1))).and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/where_nested",
        r.find_many(
            "users",
            FindConfig::new().with("posts", FindConfig::new().filter_with(move |p| like(col(p, "title"), "%a%"))),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/order_limit_offset",
        r.find_many("users", FindConfig::new().order_by_with(move |u| vec![desc(col(u, "id"))]).limit(10).offset(5))
            .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/nested_order_limit",
        r.find_many(
            "posts",
            FindConfig::new()
                .with("comments", FindConfig::new().order_by_with(move |cm| vec![asc(col(cm, "id"))]).limit(3)),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/extras_object",
        r.find_many(
            "users",
            FindConfig::new()
                .columns([("id", true)])
                .extras_with(move |u| vec![sql!("lower({})", col(u, "name")).as_("lower")]),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/extras_callback_with",
        r.find_many(
            "users",
            FindConfig::new()
                .columns([("id", true)])
                .extras_with(move |u| vec![sql!("upper({})", col(u, "name")).as_("up")])
                .with("city", FindConfig::all()),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/one_nested",
        r.find_many(
            "comments",
            FindConfig::new()
                .with("post", FindConfig::new().with("author", FindConfig::new().columns([("name", true)]))),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/find_first_where_with",
        r.find_first(
            "users",
            FindConfig::new()
                .filter_with(move |u| eq(col(u, "id"), 2))
                .with("city", FindConfig::all())
                .with("posts", FindConfig::all()),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/limit_placeholder",
        r.find_many("users", FindConfig::new().columns([("id", true)]).limit(placeholder("n")))
            .and_then(|q| q.to_sql()),
    );
    // `with: { posts: false }` is the same as leaving the relation out
    c.add(
        "relational/with_false",
        r.find_many("users", FindConfig::new().columns([("id", true)]).with("city", FindConfig::all()))
            .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/many_ordered_agg",
        r.find_many(
            "cities",
            FindConfig::new().with(
                "users",
                FindConfig::new().columns([("name", true)]).order_by_with(move |u| vec![asc(col(u, "name"))]),
            ),
        )
        .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/no_fields",
        r.find_many("cities", FindConfig::new().columns([("id", false), ("name", false)])).and_then(|q| q.to_sql()),
    );
    let loose = Relations::new().table("cities", &s.cities).table("posts", &s.posts).relation(
        "cities",
        "posts",
        Relation::many("posts"),
    );
    c.add(
        "relational/not_enough_information",
        loose.find_many("cities", FindConfig::new().with("posts", FindConfig::all())).and_then(|q| q.to_sql()),
    );
    let two = Relations::new()
        .table("users", &s.users)
        .table("posts", &s.posts)
        .relation("users", "posts", Relation::many("posts"))
        .relation("posts", "author", Relation::one("users").fields(["authorId"]).references(["id"]))
        .relation("posts", "editor", Relation::one("users").fields(["authorId"]).references(["id"]));
    c.add(
        "relational/ambiguous",
        two.find_many("users", FindConfig::new().with("posts", FindConfig::all())).and_then(|q| q.to_sql()),
    );
    let named = Relations::new()
        .table("users", &s.users)
        .table("posts", &s.posts)
        .relation("users", "authored", Relation::many("posts").relation_name("author"))
        .relation("users", "edited", Relation::many("posts").relation_name("editor"))
        .relation(
            "posts",
            "author",
            Relation::one("users").fields(["authorId"]).references(["id"]).relation_name("author"),
        )
        .relation(
            "posts",
            "editor",
            Relation::one("users").fields(["authorId"]).references(["id"]).relation_name("editor"),
        );
    c.add(
        "relational/relation_name",
        named
            .find_many(
                "users",
                FindConfig::new()
                    .columns([("id", true)])
                    .with("authored", FindConfig::new().columns([("id", true)]))
                    .with("edited", FindConfig::new().columns([("title", true)])),
            )
            .and_then(|q| q.to_sql()),
    );
}

#[test]
fn golden_relational() {
    let mut c = Cases::default();
    register(&mut c);
    check(c);
}
