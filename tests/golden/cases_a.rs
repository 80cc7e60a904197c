//! Golden cases, part a.
#![allow(unused_imports)]

use super::{check, Cases, D1, D2, S};
use edgepg::pg::*;
use edgepg::{sql, Value};

pub fn register(c: &mut Cases) {
    let s = S::new();
    let _ = (&s, D1, D2);

    // ---- select ----
    c.add("select/all_columns", select().from(&s.users));
    c.add("select/partial", select_fields(fields![id: s.u("id"), name: s.u("name")]).from(&s.users));
    c.add(
        "select/nested_object",
        select_fields(fields![id: s.u("id"), info: { name: s.u("name"), email: s.u("email") }, lower: sql!("lower({})", s.u("name"))]).from(&s.users),
    );
    c.add("select/sql_field", select_fields(fields![n: sql!("count(*)")]).from(&s.users));
    c.add(
        "select/sql_field_as",
        select_fields(fields![lower: sql!("lower({})", s.u("name")).as_("lower_name")]).from(&s.users),
    );
    c.add(
        "select/sql_field_with_param",
        select_fields(fields![id: s.u("id"), plus: sql!("{} + {}", s.u("id"), 5)]).from(&s.users),
    );
    c.add("select/schema_table_all", select().from(&s.my_schema_users));
    c.add("select/schema_table_where", select().from(&s.my_schema_users).filter(eq(s.msu_("id"), 1)));
    c.add("select/prefixed_table", select().from(&s.prefixed));
    c.add("select/from_sql", select_fields(fields![x: sql!("x")]).from(sql!("generate_series(1, 3) as g(x)")));
    c.add("select/distinct_partial", select_distinct_fields(fields![name: s.u("name")]).from(&s.users));
    c.add("select/distinct_all", select_distinct().from(&s.cities));
    c.add(
        "select/distinct_on_one",
        select_distinct_on_fields([s.u("cityId")], fields![cityId: s.u("cityId"), name: s.u("name")])
            .from(&s.users)
            .order_by([Sql::from(s.u("cityId")), desc(s.u("createdAt"))]),
    );
    c.add(
        "select/distinct_on_two",
        select_distinct_on_fields([s.u("cityId"), s.u("mood")], fields![id: s.u("id")])
            .from(&s.users)
            .order_by([s.u("cityId"), s.u("mood")]),
    );
    c.add("select/count_field", select_fields(fields![n: count()]).from(&s.users));
    c.add(
        "select/wrapped_subquery_field",
        select_fields(
            fields![id: s.u("id"), cityCount: sql!("({})", select_fields(fields![n: count()]).from(&s.cities))],
        )
        .from(&s.users),
    );
    c.add("select/from_subquery", {
        let sq = select_fields(fields![id: s.u("id"), nm: sql!("upper({})", s.u("name")).as_("nm")])
            .from(&s.users)
            .as_("sub");
        select().from(&sq)
    });
    c.add("select/from_alias", select().from(&s.parent).filter(eq(s.par("id"), 1)));
    c.add(
        "select/field_of_unjoined_table",
        select_fields(fields![id: s.u("id"), cityName: s.c("name")]).from(&s.users),
    );
    c.add("select/dynamic_where_limit", {
        let mut q = select_fields(fields![id: s.u("id")]).from(&s.users);
        if true {
            q = q.filter(eq(s.u("id"), 1));
        }
        if true {
            q = q.limit(2);
        }
        q
    });
    c.add("select/dynamic_nothing", {
        #[allow(unused_mut)]
        let mut q = select_fields(fields![id: s.u("id")]).from(&s.users);
        if false {
            q = q.filter(eq(s.u("id"), 1));
        }
        if false {
            q = q.limit(2);
        }
        q
    });
    c.add(
        "select/dynamic_where_twice_last_wins",
        select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("id"), 1)).filter(eq(s.u("id"), 2)),
    );
    c.add("select/query_builder", QueryBuilder::new().select().from(&s.cities).filter(eq(s.c("id"), 1)));
    c.add(
        "select/where_callback",
        select_fields(fields![id: s.u("id"), nm: sql!("lower({})", s.u("name")).as_("nm")])
            .from(&s.users)
            .filter_with(|f| eq(f.get("nm").unwrap().clone(), "x")),
    );

    // ---- joins ----
    c.add("joins/left_full", select().from(&s.users).left_join(&s.cities, eq(s.u("cityId"), s.c("id"))));
    c.add(
        "joins/left_partial",
        select_fields(fields![userName: s.u("name"), cityName: s.c("name")])
            .from(&s.users)
            .left_join(&s.cities, eq(s.u("cityId"), s.c("id"))),
    );
    c.add("joins/inner_full", select().from(&s.users).inner_join(&s.cities, eq(s.u("cityId"), s.c("id"))));
    c.add(
        "joins/inner_partial",
        select_fields(fields![userName: s.u("name"), cityName: s.c("name")])
            .from(&s.users)
            .inner_join(&s.cities, eq(s.u("cityId"), s.c("id"))),
    );
    c.add("joins/right_full", select().from(&s.users).right_join(&s.cities, eq(s.u("cityId"), s.c("id"))));
    c.add(
        "joins/right_partial",
        select_fields(fields![userName: s.u("name"), cityName: s.c("name")])
            .from(&s.users)
            .right_join(&s.cities, eq(s.u("cityId"), s.c("id"))),
    );
    c.add("joins/full_full", select().from(&s.users).full_join(&s.cities, eq(s.u("cityId"), s.c("id"))));
    c.add(
        "joins/full_partial",
        select_fields(fields![userName: s.u("name"), cityName: s.c("name")])
            .from(&s.users)
            .full_join(&s.cities, eq(s.u("cityId"), s.c("id"))),
    );
    c.add("joins/cross_full", select().from(&s.users).cross_join(&s.cities));
    c.add(
        "joins/cross_partial",
        select_fields(fields![userName: s.u("name"), cityName: s.c("name")]).from(&s.users).cross_join(&s.cities),
    );
    c.add(
        "joins/multiple_partial",
        select_fields(fields![userName: s.u("name"), cityName: s.c("name"), title: s.p("title")])
            .from(&s.users)
            .left_join(&s.cities, eq(s.u("cityId"), s.c("id")))
            .inner_join(&s.posts, eq(s.p("authorId"), s.u("id")))
            .filter(eq(s.u("id"), 1)),
    );
    c.add(
        "joins/multiple_full",
        select()
            .from(&s.posts)
            .inner_join(&s.users, eq(s.p("authorId"), s.u("id")))
            .left_join(&s.cities, eq(s.u("cityId"), s.c("id"))),
    );
    c.add(
        "joins/self_alias_partial",
        select_fields(fields![name: s.u("name"), parentName: s.par("name")])
            .from(&s.users)
            .left_join(&s.parent, eq(s.par("id"), s.u("cityId"))),
    );
    c.add("joins/self_alias_full", select().from(&s.users).left_join(&s.parent, eq(s.par("id"), s.u("cityId"))));
    c.add("joins/subquery_partial", {
        let sq = select_fields(
            fields![id: s.p("id"), authorId: s.p("authorId"), upTitle: sql!("upper({})", s.p("title")).as_("up_title")],
        )
        .from(&s.posts)
        .as_("sub");
        select_fields(
            fields![name: s.u("name"), postId: sq.field("id").unwrap(), upTitle: sq.field("upTitle").unwrap()],
        )
        .from(&s.users)
        .left_join(&sq, eq(sq.field("authorId").unwrap(), s.u("id")))
    });
    c.add("joins/subquery_full", {
        let sq = select_fields(fields![id: s.p("id"), authorId: s.p("authorId")])
            .from(&s.posts)
            .filter(eq(s.p("title"), "t"))
            .as_("sub");
        select().from(&s.users).left_join(&sq, eq(sq.field("authorId").unwrap(), s.u("id"))).filter(eq(s.u("id"), 2))
    });
    c.add("joins/left_lateral", {
        let sq = select_fields(fields![id: s.p("id"), authorId: s.p("authorId")])
            .from(&s.posts)
            .filter(eq(s.p("authorId"), s.u("id")))
            .limit(2)
            .as_("p");
        select_fields(fields![name: s.u("name"), postId: sq.field("id").unwrap()])
            .from(&s.users)
            .left_join_lateral(&sq, sql!("true"))
    });
    c.add("joins/inner_lateral", {
        let sq = select_fields(fields![id: s.p("id")])
            .from(&s.posts)
            .filter(eq(s.p("authorId"), s.u("id")))
            .limit(1)
            .as_("p");
        select_fields(fields![name: s.u("name"), postId: sq.field("id").unwrap()])
            .from(&s.users)
            .inner_join_lateral(&sq, sql!("true"))
    });
    c.add("joins/cross_lateral", {
        let sq = select_fields(fields![id: s.p("id")]).from(&s.posts).filter(eq(s.p("authorId"), s.u("id"))).as_("p");
        select_fields(fields![name: s.u("name"), postId: sq.field("id").unwrap()])
            .from(&s.users)
            .cross_join_lateral(&sq)
    });
    c.add("joins/lateral_full_select", {
        let sq = select_fields(fields![id: s.p("id"), title: s.p("title")])
            .from(&s.posts)
            .filter(eq(s.p("authorId"), s.u("id")))
            .limit(3)
            .as_("p");
        select().from(&s.users).left_join_lateral(&sq, sql!("true")).filter(eq(s.u("id"), 9))
    });
    c.add(
        "joins/and_on",
        select_fields(fields![name: s.u("name"), title: s.p("title")])
            .from(&s.users)
            .left_join(&s.posts, and([eq(s.p("authorId"), s.u("id")), eq(s.p("title"), "x")])),
    );
    // a callback `on` sees the selection, joined sources included: it resolves to these columns
    c.add(
        "joins/on_callback",
        select_fields(fields![name: s.u("name"), city: s.c("name")])
            .from(&s.users)
            .left_join(&s.cities, eq(s.c("name"), s.u("name"))),
    );
    c.add(
        "joins/on_callback_full_selection",
        select().from(&s.users).inner_join(&s.cities, eq(s.c("id"), s.u("cityId"))),
    );
    c.add(
        "joins/sql_on",
        select_fields(fields![name: s.u("name"), city: s.c("name")])
            .from(&s.users)
            .left_join(&s.cities, sql!("{} = {}", s.u("cityId"), s.c("id"))),
    );
    c.add(
        "joins/schema_table_partial",
        select_fields(fields![name: s.u("name"), otherName: s.msu_("name")])
            .from(&s.users)
            .inner_join(&s.my_schema_users, eq(s.msu_("id"), s.u("id"))),
    );
    c.add(
        "joins/schema_table_full_same_name",
        select().from(&s.users).inner_join(&s.my_schema_users, eq(s.msu_("id"), s.u("id"))),
    );
    c.add("joins/schema_alias", select().from(&s.users).left_join(&s.msu, eq(s.msu.col("id").unwrap(), s.u("id"))));
    c.add(
        "joins/with_where_order_limit",
        select_fields(fields![name: s.u("name"), city: s.c("name")])
            .from(&s.users)
            .inner_join(&s.cities, eq(s.u("cityId"), s.c("id")))
            .filter(like(s.c("name"), "P%"))
            .order_by([asc(s.c("name")), desc(s.u("id"))])
            .limit(5),
    );
    c.add(
        "joins/three_tables_comments",
        select_fields(fields![title: s.p("title"), text: s.cm("text")])
            .from(&s.posts)
            .left_join(&s.comments, eq(s.cm("postId"), s.p("id")))
            .left_join(&s.users, eq(s.u("id"), s.p("authorId")))
            .filter(is_not_null(s.cm("id"))),
    );

    // ---- where ----
    c.add("where/eq_value", s.uw(eq(s.u("id"), 1)));
    c.add("where/ne_value", s.uw(ne(s.u("id"), 2)));
    c.add("where/gt_value", s.uw(gt(s.u("id"), 3)));
    c.add("where/gte_value", s.uw(gte(s.u("id"), 4)));
    c.add("where/lt_value", s.uw(lt(s.u("id"), 5)));
    c.add("where/lte_value", s.uw(lte(s.u("id"), 6)));
    c.add("where/eq_string", s.uw(eq(s.u("name"), "alice")));
    c.add("where/eq_bool", s.uw(eq(s.u("verified"), true)));
    c.add("where/eq_enum", s.uw(eq(s.u("mood"), "happy")));
    c.add("where/eq_column", s.uw(eq(s.u("id"), s.u("cityId"))));
    c.add("where/gt_column", s.uw(gt(s.u("id"), s.u("cityId"))));
    c.add("where/eq_null", s.uw(eq(s.u("email"), None::<&str>)));
    c.add("where/ne_null", s.uw(ne(s.u("email"), None::<&str>)));
    c.add("where/eq_sql_value", s.uw(eq(s.u("id"), sql!("1 + 1"))));
    c.add("where/like", s.uw(like(s.u("name"), "a%")));
    c.add("where/ilike", s.uw(ilike(s.u("name"), "A%")));
    c.add("where/not_like", s.uw(not_like(s.u("name"), "%x")));
    c.add("where/not_ilike", s.uw(not_ilike(s.u("name"), "%X")));
    c.add("where/in_array", s.uw(in_array(s.u("id"), [1, 2, 3])));
    c.add("where/in_array_strings", s.uw(in_array(s.u("name"), ["a", "b"])));
    c.add("where/in_array_empty", s.uw(in_array(s.u("id"), Vec::<i32>::new())));
    c.add("where/not_in_array", s.uw(not_in_array(s.u("id"), [1, 2])));
    c.add("where/not_in_array_empty", s.uw(not_in_array(s.u("id"), Vec::<i32>::new())));
    c.add(
        "where/in_array_subquery",
        s.uw(in_select(s.u("id"), select_fields(fields![id: s.p("authorId")]).from(&s.posts))),
    );
    c.add(
        "where/not_in_array_subquery",
        s.uw(not_in_select(
            s.u("id"),
            select_fields(fields![id: s.p("authorId")]).from(&s.posts).filter(eq(s.p("title"), "t")),
        )),
    );
    c.add("where/is_null", s.uw(is_null(s.u("email"))));
    c.add("where/is_not_null", s.uw(is_not_null(s.u("email"))));
    c.add("where/between", s.uw(between(s.u("id"), 1, 10)));
    c.add("where/not_between", s.uw(not_between(s.u("id"), 1, 10)));
    c.add(
        "where/exists",
        s.uw(exists(select_fields(fields![one: sql!("1")]).from(&s.posts).filter(eq(s.p("authorId"), s.u("id"))))),
    );
    c.add(
        "where/not_exists",
        s.uw(not_exists(select_fields(fields![one: sql!("1")]).from(&s.posts).filter(eq(s.p("authorId"), s.u("id"))))),
    );
    c.add("where/and_two", s.uw(and([eq(s.u("id"), 1), eq(s.u("name"), "a")])));
    c.add("where/or_two", s.uw(or([eq(s.u("id"), 1), eq(s.u("id"), 2)])));
    c.add("where/and_or_nested", s.uw(or([and([eq(s.u("id"), 1), eq(s.u("name"), "a")]), eq(s.u("id"), 3)])));
    c.add("where/and_with_undefined", s.uw(and([Some(eq(s.u("id"), 1)), None, Some(eq(s.u("name"), "b"))])));
    c.add("where/and_single", s.uw(and([eq(s.u("id"), 1)])));
    c.add("where/and_single_with_undefined", s.uw(and([None, Some(eq(s.u("id"), 1))])));
    c.add("where/and_empty", s.uw(and(Vec::<Sql>::new())));
    c.add("where/or_only_undefined", s.uw(or([None::<Sql>, None])));
    c.add("where/not_eq", s.uw(not(eq(s.u("id"), 1))));
    c.add("where/not_and", s.uw(not(and([eq(s.u("id"), 1), eq(s.u("name"), "a")]))));
    c.add("where/sql_template", s.uw(sql!("{}->>'a' = {}", s.u("meta"), "1")));
    c.add("where/array_contains_text", s.uw(array_contains(s.u("tags"), vec!["a", "b"])));
    c.add("where/array_contained_text", s.uw(array_contained(s.u("tags"), vec!["a", "b"])));
    c.add("where/array_overlaps_text", s.uw(array_overlaps(s.u("tags"), vec!["a", "b"])));
    c.add("where/array_contains_int", s.ew(array_contains(s.e("ia"), vec![1, 2])));
    c.add("where/array_contained_int", s.ew(array_contained(s.e("ia"), vec![1, 2])));
    c.add("where/array_overlaps_int", s.ew(array_overlaps(s.e("ia"), vec![1, 2])));
    c.add("where/array_contains_column", s.ew(array_contains(s.e("ia"), s.e("ia3"))));
    c.add("where/array_contains_empty", s.uw(array_contains(s.u("tags"), Vec::<&str>::new())));
    c.add("where/array_contained_empty", s.uw(array_contained(s.u("tags"), Vec::<&str>::new())));
    c.add("where/array_overlaps_empty", s.uw(array_overlaps(s.u("tags"), Vec::<&str>::new())));

    // ---- order / limit / offset ----
    c.add(
        "order/asc_desc_bare_sql",
        select_fields(fields![id: s.u("id")]).from(&s.users).order_by([
            asc(s.u("name")),
            desc(s.u("id")),
            Sql::from(s.u("email")),
            sql!("{} desc nulls last", s.u("createdAt")),
        ]),
    );
    c.add("order/limit_offset", select_fields(fields![id: s.u("id")]).from(&s.users).limit(10).offset(20));
    c.add("order/limit0_offset0", select_fields(fields![id: s.u("id")]).from(&s.users).limit(0).offset(0));
    c.add("order/offset_only", select_fields(fields![id: s.u("id")]).from(&s.users).offset(5));
    c.add(
        "order/limit_placeholder",
        select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("id"), 1)).limit(placeholder("lim")),
    );
    c.add(
        "order/multiple_order_by_calls",
        select_fields(fields![id: s.u("id")]).from(&s.users).order_by([s.u("name")]).order_by([desc(s.u("id"))]),
    );
    c.add(
        "order/order_by_callback_alias",
        select_fields(fields![id: s.u("id"), nm: sql!("lower({})", s.u("name")).as_("nm")])
            .from(&s.users)
            .order_by_with(|f| [desc(f.get("nm").unwrap().clone())]),
    );
    c.add("order/order_by_aliased_field", {
        let nm = sql!("lower({})", s.u("name")).as_("nm");
        select_fields(fields![id: s.u("id"), nm: nm.clone()]).from(&s.users).order_by([nm])
    });
    c.add(
        "order/full_clause_order",
        select_fields(fields![cityId: s.u("cityId"), n: count()])
            .from(&s.users)
            .filter(gt(s.u("id"), 0))
            .group_by([s.u("cityId")])
            .having(gt(count(), 1))
            .order_by([desc(s.u("cityId"))])
            .limit(10)
            .offset(5)
            .for_(LockStrength::Update, LockOptions::new()),
    );

    // ---- group / having ----
    c.add(
        "group/by_column",
        select_fields(fields![cityId: s.u("cityId"), n: count()]).from(&s.users).group_by([s.u("cityId")]),
    );
    c.add(
        "group/by_two_columns",
        select_fields(fields![cityId: s.u("cityId"), mood: s.u("mood"), n: count()])
            .from(&s.users)
            .group_by([s.u("cityId"), s.u("mood")]),
    );
    c.add(
        "group/by_sql",
        select_fields(fields![day: sql!("date_trunc('day', {})", s.u("createdAt")), n: count()])
            .from(&s.users)
            .group_by([sql!("date_trunc('day', {})", s.u("createdAt"))]),
    );
    c.add(
        "group/by_callback_alias",
        select_fields(fields![day: sql!("date_trunc('day', {})", s.u("createdAt")).as_("day"), n: count()])
            .from(&s.users)
            .group_by_with(|f| [f.get("day").unwrap().clone()]),
    );
    c.add(
        "group/having",
        select_fields(fields![cityId: s.u("cityId"), n: count()])
            .from(&s.users)
            .group_by([s.u("cityId")])
            .having(gt(count(), 5)),
    );
    c.add(
        "group/having_sql",
        select_fields(fields![cityId: s.u("cityId")])
            .from(&s.users)
            .group_by([s.u("cityId")])
            .having(sql!("count(*) > {}", 5)),
    );
    c.add(
        "group/having_callback",
        select_fields(fields![cityId: s.u("cityId"), n: count()])
            .from(&s.users)
            .group_by([s.u("cityId")])
            .having_with(|f| gt(f.get("n").unwrap().clone(), 5)),
    );
    c.add(
        "group/having_callback_alias",
        select_fields(fields![cityId: s.u("cityId"), n: sql!("count(*)").as_("n")])
            .from(&s.users)
            .group_by([s.u("cityId")])
            .having_with(|f| gt(f.get("n").unwrap().clone(), 5)),
    );
    c.add(
        "group/with_join",
        select_fields(fields![city: s.c("name"), n: count_of(s.u("id"))])
            .from(&s.cities)
            .left_join(&s.users, eq(s.u("cityId"), s.c("id")))
            .group_by([s.c("name")])
            .order_by([desc(count_of(s.u("id")))]),
    );
}

#[test]
fn golden_part_a() {
    let mut c = Cases::default();
    register(&mut c);
    check(c);
}
