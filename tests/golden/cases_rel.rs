//! Golden cases: relational queries (`relations()` + `db.query.<table>.findMany/findFirst`).

use super::{check, Cases, S};
use edgepg::pg::*;
use edgepg::relational::{FindConfig, Relation, Relations, With};
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
    let none: [(&str, bool); 0] = [];
    c.add("relational/columns_empty", r.find_many("users", FindConfig::new().columns(none)).and_then(|q| q.to_sql()));
    c.add(
        "relational/columns_empty_junction",
        r.find_many(
            "users",
            FindConfig::new()
                .columns(none)
                .with("posts", FindConfig::new().columns(none).with("comments", FindConfig::all())),
        )
        .and_then(|q| q.to_sql()),
    );
    // the matrix of cases.mjs: every relation path, each option on its innermost level
    let paths: [(&str, &str, &[&str]); 8] = [
        ("cities_users", "cities", &["users"]),
        ("users_city", "users", &["city"]),
        ("users_posts", "users", &["posts"]),
        ("posts_author", "posts", &["author"]),
        ("posts_comments", "posts", &["comments"]),
        ("comments_post", "comments", &["post"]),
        ("users_posts_comments", "users", &["posts", "comments"]),
        ("comments_post_author", "comments", &["post", "author"]),
    ];
    let id = |t: &Table| t.col("id").unwrap();
    let variants: Vec<(&str, With)> = vec![
        ("all", With::All),
        ("include", FindConfig::new().columns([("id", true)]).into()),
        ("exclude", FindConfig::new().columns([("id", false)]).into()),
        ("order", FindConfig::new().order_by_with(move |t| vec![desc(id(t))]).into()),
        ("limit", FindConfig::new().limit(2).into()),
        ("offset", FindConfig::new().offset(1).into()),
        ("where", FindConfig::new().filter_with(move |t| gt(id(t), 5)).into()),
        (
            "combined",
            FindConfig::new()
                .filter_with(move |t| gt(id(t), 1))
                .order_by_with(move |t| vec![asc(id(t))])
                .limit(2)
                .offset(1)
                .into(),
        ),
        ("find_first", With::All),
    ];
    for (p, root, path) in paths {
        for (v, inner) in &variants {
            let mut w = inner.clone();
            for rel in path.iter().rev() {
                w = FindConfig::new().with(rel, w).into();
            }
            let With::Config(top) = w else { unreachable!() };
            let name: &'static str = Box::leak(format!("relational/matrix/{p}/{v}").into_boxed_str());
            let q = if *v == "find_first" { r.find_first(root, top) } else { r.find_many(root, top) };
            c.add(name, q.and_then(|q| q.to_sql()));
        }
    }
    let posts_titles = || FindConfig::new().columns([("title", true)]);
    let top: Vec<(&str, FindConfig)> = vec![
        ("where", FindConfig::new().filter_with(move |u| eq(col(u, "name"), "x"))),
        ("order_two", FindConfig::new().order_by_with(move |u| vec![desc(col(u, "verified")), asc(col(u, "id"))])),
        ("limit_offset", FindConfig::new().limit(5).offset(10)),
        ("offset_zero", FindConfig::new().limit(1)),
        ("negative_limit", FindConfig::new()),
        (
            "everything",
            FindConfig::new()
                .columns([("id", true), ("name", true)])
                .filter_with(move |u| and([gt(col(u, "id"), 1), is_not_null(col(u, "email"))]))
                .order_by_with(move |u| vec![desc(col(u, "id"))])
                .limit(3)
                .offset(2),
        ),
    ];
    for (n, cfg) in top {
        let name: &'static str = Box::leak(format!("relational/top/{n}").into_boxed_str());
        c.add(name, r.find_many("users", cfg.with("posts", posts_titles())).and_then(|q| q.to_sql()));
    }

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
    let selfish = Relations::new()
        .table("users", &s.users)
        .relation(
            "users",
            "inviter",
            Relation::one("users").fields(["cityId"]).references(["id"]).relation_name("invites"),
        )
        .relation("users", "invitees", Relation::many("users").relation_name("invites"));
    c.add(
        "relational/self",
        selfish
            .find_many(
                "users",
                FindConfig::new()
                    .columns([("id", true)])
                    .with("inviter", FindConfig::new().columns([("name", true)]))
                    .with("invitees", FindConfig::new().columns([("id", true)]).with("inviter", FindConfig::all())),
            )
            .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/self_first",
        selfish
            .find_first(
                "users",
                FindConfig::new()
                    .filter_with(move |u| eq(col(u, "id"), 1))
                    .with("invitees", FindConfig::new().order_by_with(move |u| vec![asc(col(u, "name"))]).limit(2)),
            )
            .and_then(|q| q.to_sql()),
    );
    c.add(
        "relational/junction",
        r.find_many(
            "users",
            FindConfig::new()
                .columns([("id", true)])
                .filter_with(move |u| is_not_null(col(u, "cityId")))
                .with(
                    "posts",
                    FindConfig::new()
                        .columns([("id", true)])
                        .filter_with(move |p| gt(col(p, "id"), 1))
                        .order_by_with(move |p| vec![desc(col(p, "id"))])
                        .limit(3)
                        .with(
                            "author",
                            FindConfig::new()
                                .columns([("name", true)])
                                .extras_with(move |a| vec![sql!("left({}, 1)", col(a, "name")).as_("initial")]),
                        ),
                )
                .order_by_with(move |u| vec![asc(col(u, "id"))])
                .limit(10),
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
