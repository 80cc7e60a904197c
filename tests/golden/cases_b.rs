//! Golden cases, part b.
#![allow(unused_imports)]

use super::{check, Cases, D1, D2, S};
use edgepg::pg::*;
use edgepg::{sql, Value};
use serde_json::json;

pub fn register(c: &mut Cases) {
    let s = S::new();
    let _ = (&s, D1, D2);
    let _ = &c;

    // ---- aggregates -------------------------------------------------------------------------
    c.add(
        "agg/all_in_one",
        select_fields(fields![
            a: count(),
            b: count_of(s.u("id")),
            c: count_distinct(s.u("name")),
            d: sum(s.u("id")),
            e: sum_distinct(s.u("id")),
            f: avg(s.u("id")),
            g: avg_distinct(s.u("id")),
            h: min(s.u("id")),
            i: max(s.u("createdAt"))
        ])
        .from(&s.users),
    );
    c.add("agg/count_column", select_fields(fields![n: count_of(s.u("email"))]).from(&s.users));
    c.add("agg/min", select_fields(fields![m: min(s.u("name"))]).from(&s.users));
    c.add("agg/max", select_fields(fields![m: max(s.u("createdAt"))]).from(&s.users));
    c.add("agg/sum_sql_expr", select_fields(fields![s: sum(sql!("{} * 2", s.u("id")))]).from(&s.users));
    c.add(
        "agg/count_with_join",
        select_fields(fields![n: count_of(s.p("id"))])
            .from(&s.users)
            .left_join(&s.posts, eq(s.p("authorId"), s.u("id"))),
    );
    c.add("agg/dollar_count_awaited", count_rows(&s.cities, None));
    c.add("agg/dollar_count_awaited_filter", count_rows(&s.cities, eq(s.c("id"), 1)));
    c.add("agg/dollar_count_awaited_schema", count_rows(&s.my_schema_users, gt(s.msu_("id"), 3)));
    c.add("agg/dollar_count_sql_object", Sql::from(count_rows(&s.users, eq(s.u("verified"), true))));
    c.add(
        "agg/dollar_count_embedded",
        select_fields(
            fields![id: s.u("id"), postCount: Sql::from(count_rows(&s.posts, eq(s.p("authorId"), s.u("id"))))],
        )
        .from(&s.users),
    );
    c.add(
        "agg/dollar_count_embedded_no_filter",
        select_fields(fields![id: s.u("id"), total: Sql::from(count_rows(&s.cities, None))]).from(&s.users),
    );

    // ---- cte --------------------------------------------------------------------------------
    c.add("cte/basic", {
        let sq = cte("sq")
            .as_(select_fields(fields![id: s.u("id"), name: s.u("name")]).from(&s.users).filter(eq(s.u("id"), 1)));
        with([&sq]).select().from(&sq)
    });
    c.add("cte/two", {
        let sq = cte("sq")
            .as_(select_fields(fields![id: s.u("id"), name: s.u("name")]).from(&s.users).filter(eq(s.u("id"), 1)));
        let sq2 = cte("sq2").as_(select_fields(fields![n: sql!("count(*)").as_("n")]).from(&s.users));
        with([&sq, &sq2])
            .select_fields(fields![id: sq.field("id").unwrap(), n: sq2.field("n").unwrap()])
            .from(&sq)
            .cross_join(&sq2)
    });
    c.add("cte/explicit_fields_sql", {
        let nums = cte("nums").fields(fields![n: sql!("n").as_("n")]).as_(sql!("select generate_series(1,3) as n"));
        with([&nums]).select().from(&nums)
    });
    c.add("cte/nested_selection_leaf", {
        let w = cte("w").as_(select_fields(fields![id: s.u("id"), info: { name: s.u("name") }]).from(&s.users));
        let info = w.field("info").unwrap();
        with([&w]).select_fields(fields![n: info.get("name")]).from(&w).filter(gt(w.field("id").unwrap(), 1))
    });
    c.add("cte/nested_selection_all", {
        let w = cte("w").as_(
            select_fields(fields![id: s.u("id"), info: { name: s.u("name"), email: s.u("email") }]).from(&s.users),
        );
        with([&w]).select().from(&w)
    });
    c.add("join/subquery_sql_fields", {
        let sq = select_fields(fields![
            pid: sql!("{} * 10", s.p("id")).as_("pid"),
            aid: sql!("{} + 0", s.p("authorId")).as_("aid")
        ])
        .from(&s.posts)
        .as_("sq");
        select().from(&s.users).left_join(&sq, eq(sq.field("aid").unwrap(), s.u("id")))
    });
    c.add("cte/in_join", {
        let sq = cte("sq").as_(
            select_fields(fields![id: s.p("id"), authorId: s.p("authorId")])
                .from(&s.posts)
                .filter(eq(s.p("title"), "t")),
        );
        with([&sq])
            .select_fields(fields![name: s.u("name"), postId: sq.field("id").unwrap()])
            .from(&s.users)
            .left_join(&sq, eq(sq.field("authorId").unwrap(), s.u("id")))
            .filter(eq(s.u("id"), 2))
    });
    c.add("cte/where_on_cte_column", {
        let sq = cte("sq")
            .as_(select_fields(fields![id: s.u("id"), up: sql!("upper({})", s.u("name")).as_("up")]).from(&s.users));
        with([&sq]).select().from(&sq).filter(and([gt(sq.field("id").unwrap(), 5), eq(sq.field("up").unwrap(), "X")]))
    });
    c.add("cte/insert_in_cte", {
        let ins = cte("ins").as_(
            insert(&s.cities).values([InsertRow::new().set("name", "x")]).returning_fields(fields![id: s.c("id")]),
        );
        with([&ins]).select().from(&ins)
    });
    c.add("cte/update_in_cte", {
        let upd = cte("upd").as_(
            update(&s.users)
                .set(SetValues::new().set("name", "x"))
                .filter(eq(s.u("id"), 1))
                .returning_fields(fields![id: s.u("id")]),
        );
        with([&upd]).select().from(&upd)
    });
    c.add("cte/delete_in_cte", {
        let del =
            cte("del").as_(delete(&s.posts).filter(eq(s.p("authorId"), 1)).returning_fields(fields![id: s.p("id")]));
        with([&del]).select_fields(fields![n: count()]).from(&del)
    });
    c.add("cte/with_insert", {
        let sq = cte("sq").as_(select_fields(fields![name: s.u("name")]).from(&s.users).filter(eq(s.u("id"), 1)));
        with([&sq])
            .insert(&s.cities)
            .values([InsertRow::new().set("name", sql!("(select {} from {})", sq.field("name").unwrap(), &sq))])
    });
    c.add("cte/with_insert_select", {
        let sq = cte("sq").as_(
            select_fields(fields![id: s.u("id"), name: s.u("name")]).from(&s.users).filter(eq(s.u("verified"), true)),
        );
        with([&sq]).insert(&s.cities).select(select().from(&sq))
    });
    c.add("cte/with_update", {
        let ids =
            cte("ids").as_(select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("verified"), false)));
        with([&ids])
            .update(&s.users)
            .set(SetValues::new().set("verified", true))
            .filter(in_select(s.u("id"), select_fields(fields![id: ids.field("id").unwrap()]).from(&ids)))
    });
    c.add("cte/with_delete", {
        let ids =
            cte("ids").as_(select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("verified"), true)));
        with([&ids])
            .delete(&s.users)
            .filter(in_select(s.u("id"), select_fields(fields![id: ids.field("id").unwrap()]).from(&ids)))
    });
    c.add("cte/select_distinct", {
        let sq = cte("sq").as_(select_fields(fields![name: s.u("name")]).from(&s.users));
        with([&sq]).select_distinct().from(&sq)
    });
    c.add("cte/query_builder", {
        let qb = QueryBuilder::new();
        let sq = cte("sq").as_(qb.select_fields(fields![id: s.c("id")]).from(&s.cities).filter(eq(s.c("name"), "x")));
        with([&sq]).select().from(&sq).limit(3)
    });

    // ---- subquery ---------------------------------------------------------------------------
    let sub = || {
        select_fields(fields![id: s.u("id"), nm: sql!("upper({})", s.u("name")).as_("nm")]).from(&s.users).as_("sub")
    };
    c.add("subquery/from_with_sql_alias", {
        let sq = sub();
        select().from(&sq).filter(gt(sq.field("id").unwrap(), 1))
    });
    c.add("subquery/partial_from_subquery", {
        let sq = sub();
        select_fields(fields![nm: sq.field("nm").unwrap()]).from(&sq)
    });
    c.add("subquery/join_aliased_field_in_where", {
        let sq = sub();
        select_fields(fields![name: s.u("name"), id: sq.field("id").unwrap(), nm: sq.field("nm").unwrap()])
            .from(&s.users)
            .left_join(&sq, eq(sq.field("id").unwrap(), s.u("id")))
            .filter(eq(sq.field("nm").unwrap(), "X"))
    });
    c.add(
        "subquery/in_where_in_array",
        s.uw(in_select(
            s.u("id"),
            select_fields(fields![id: s.p("authorId")]).from(&s.posts).filter(like(s.p("title"), "a%")),
        )),
    );
    c.add(
        "subquery/in_where_exists",
        select_fields(fields![name: s.u("name")]).from(&s.users).filter(exists(
            select_fields(fields![id: s.p("id")])
                .from(&s.posts)
                .filter(and([eq(s.p("authorId"), s.u("id")), eq(s.p("title"), "t")])),
        )),
    );
    c.add(
        "subquery/scalar_in_select",
        select_fields(fields![
            id: s.u("id"),
            postCount: sql!("({})", select_fields(fields![c: count()]).from(&s.posts).filter(eq(s.p("authorId"), s.u("id")))).as_("post_count")
        ])
        .from(&s.users),
    );
    c.add(
        "subquery/eq_scalar_subquery",
        s.uw(eq(
            s.u("cityId"),
            select_fields(fields![id: s.c("id")]).from(&s.cities).filter(eq(s.c("name"), "Paris")).limit(1),
        )),
    );
    c.add("subquery/nested", {
        let inner = select_fields(fields![id: s.u("id")]).from(&s.users).filter(gt(s.u("id"), 1)).as_("inner");
        let outer = select_fields(fields![id: inner.field("id").unwrap()])
            .from(&inner)
            .filter(lt(inner.field("id").unwrap(), 100))
            .as_("outer");
        select().from(&outer).limit(7)
    });
    c.add("subquery/params_order", {
        let sq = select_fields(fields![id: s.p("id"), authorId: s.p("authorId")])
            .from(&s.posts)
            .filter(eq(s.p("title"), "first"))
            .limit(2)
            .as_("sq");
        select_fields(fields![name: s.u("name"), pid: sq.field("id").unwrap()])
            .from(&s.users)
            .inner_join(&sq, eq(sq.field("authorId").unwrap(), s.u("id")))
            .filter(eq(s.u("name"), "second"))
            .limit(3)
    });

    // ---- set operations ---------------------------------------------------------------------
    let q_u = || select_fields(fields![id: s.u("id")]).from(&s.users);
    let q_c = || select_fields(fields![id: s.c("id")]).from(&s.cities);
    let q_p = || select_fields(fields![id: s.p("id")]).from(&s.posts);
    c.add("setops/union_method", q_u().union(q_c()));
    c.add("setops/union_all_method", q_u().union_all(q_c()));
    c.add("setops/intersect_method", q_u().intersect(q_c()));
    c.add("setops/intersect_all_method", q_u().intersect_all(q_c()));
    c.add("setops/except_method", q_u().except(q_c()));
    c.add("setops/except_all_method", q_u().except_all(q_c()));
    c.add("setops/union_fn", union(q_u(), q_c()));
    c.add("setops/union_all_fn", union_all(q_u(), q_c()));
    c.add("setops/intersect_fn", intersect(q_u(), q_c()));
    c.add("setops/intersect_all_fn", intersect_all(q_u(), q_c()));
    c.add("setops/except_fn", except(q_u(), q_c()));
    c.add("setops/except_all_fn", except_all(q_u(), q_c()));
    c.add("setops/chained_intersect", q_u().intersect(q_c()).intersect(q_p()));
    c.add("setops/except_then_except_all", q_u().except(q_c()).except_all(q_p()));
    c.add("setops/union_fn_three", union(union(q_u(), q_c()), q_p()));
    c.add(
        "setops/union_all_order_limit_offset",
        select_fields(fields![id: s.u("id"), name: s.u("name")])
            .from(&s.users)
            .union_all(select_fields(fields![id: s.c("id"), name: s.c("name")]).from(&s.cities))
            .order_by([desc(s.u("id"))])
            .limit(10)
            .offset(5),
    );
    c.add("setops/union_fn_three_order_limit", union(union(q_u(), q_c()), q_p()).order_by([asc(s.u("id"))]).limit(3));
    c.add("setops/union_order_by_sql", q_u().union(q_c()).order_by([sql!("1 desc")]));
    c.add("setops/union_only_limit", q_u().union(q_c()).limit(4));
    c.add(
        "setops/union_with_params",
        s.uw(eq(s.u("id"), 1))
            .union(select_fields(fields![id: s.c("id")]).from(&s.cities).filter(eq(s.c("name"), "x"))),
    );
    c.add("setops/union_left_has_limit", select_fields(fields![id: s.u("id")]).from(&s.users).limit(1).union(q_c()));
    c.add(
        "setops/union_mismatched_count",
        select_fields(fields![id: s.u("id")])
            .from(&s.users)
            .union(select_fields(fields![id: s.c("id"), name: s.c("name")]).from(&s.cities)),
    );
    c.add(
        "setops/method_mismatched_names",
        select_fields(fields![id: s.u("id")])
            .from(&s.users)
            .union(select_fields(fields![idx: s.c("id")]).from(&s.cities)),
    );
    c.add(
        "setops/callback_standalone",
        select_fields(fields![id: s.u("id")]).from(&s.users).union_all(union_all(
            select_fields(fields![id: s.c("id")]).from(&s.cities),
            select_fields(fields![id: s.p("id")]).from(&s.posts),
        )),
    );
    c.add(
        "setops/callback_method",
        select_fields(fields![id: s.u("id")]).from(&s.users).except(intersect(
            select_fields(fields![id: s.c("id")]).from(&s.cities),
            select_fields(fields![id: s.p("id")]).from(&s.posts),
        )),
    );
    c.add("subquery/sql_field_without_alias", {
        let sq = select_fields(fields![x: sql!("1")]).from(&s.users).as_("sq");
        select_fields(fields![x: sq.field("x").unwrap()]).from(&sq)
    });
    c.add("subquery/sql_field_without_alias_star", {
        let sq = select_fields(fields![x: sql!("1")]).from(&s.users).as_("sq");
        select().from(&sq)
    });
    c.add(
        "setops/union_mismatched_fields",
        union(
            select_fields(fields![id: s.u("id")]).from(&s.users),
            select_fields(fields![name: s.c("name")]).from(&s.cities),
        ),
    );

    // ---- locking ----------------------------------------------------------------------------
    c.add("lock/for_update", s.uw(eq(s.u("id"), 1)).for_(LockStrength::Update, LockOptions::new()));
    c.add("lock/for_share", s.uw(eq(s.u("id"), 1)).for_(LockStrength::Share, LockOptions::new()));
    c.add("lock/for_no_key_update", s.uw(eq(s.u("id"), 1)).for_(LockStrength::NoKeyUpdate, LockOptions::new()));
    c.add("lock/for_key_share", s.uw(eq(s.u("id"), 1)).for_(LockStrength::KeyShare, LockOptions::new()));
    c.add("lock/of_one_table", s.uw(eq(s.u("id"), 1)).for_(LockStrength::Update, LockOptions::new().of(&s.users)));
    c.add(
        "lock/of_two_tables",
        select_fields(fields![id: s.u("id")])
            .from(&s.users)
            .inner_join(&s.cities, eq(s.u("cityId"), s.c("id")))
            .for_(LockStrength::Update, LockOptions::new().of(&s.users).of(&s.cities)),
    );
    c.add("lock/nowait", s.uw(eq(s.u("id"), 1)).for_(LockStrength::NoKeyUpdate, LockOptions::new().no_wait()));
    c.add("lock/skip_locked", s.uw(eq(s.u("id"), 1)).for_(LockStrength::Share, LockOptions::new().skip_locked()));
    c.add(
        "lock/of_skip_locked",
        s.uw(eq(s.u("id"), 1)).for_(LockStrength::Share, LockOptions::new().skip_locked().of(&s.users)),
    );
    c.add(
        "lock/nowait_and_skip_locked",
        s.uw(eq(s.u("id"), 1)).for_(LockStrength::Update, LockOptions::new().no_wait().skip_locked()),
    );
    c.add(
        "lock/of_alias",
        select_fields(fields![id: s.par("id")])
            .from(&s.parent)
            .for_(LockStrength::Update, LockOptions::new().of(&s.parent)),
    );
    c.add(
        "lock/of_schema_table",
        select_fields(fields![id: s.msu_("id")])
            .from(&s.my_schema_users)
            .for_(LockStrength::Update, LockOptions::new().of(&s.my_schema_users)),
    );

    // ---- insert -----------------------------------------------------------------------------
    c.add("insert/single", insert(&s.cities).values([InsertRow::new().set("name", "Paris")]));
    c.add("insert/users_defaults", insert(&s.users).values([InsertRow::new().set("name", "a")]));
    c.add(
        "insert/users_all_fields",
        insert(&s.users).values([InsertRow::new()
            .set("id", 1)
            .set("name", "n")
            .set("email", "e")
            .set("verified", true)
            .set("meta", json!({"k": 1}))
            .set("tags", vec!["a"])
            .set("mood", "ok")
            .set("cityId", 2)
            .set("createdAt", D1)
            .set("updatedAt", "2024-01-01 00:00:00+00")
            .set("token", "t")]),
    );
    c.add(
        "insert/multi_row",
        insert(&s.users).values([
            InsertRow::new().set("name", "a").set("email", "e"),
            InsertRow::new()
                .set("name", "b")
                .set("verified", true)
                .set("meta", json!({"a": 1}))
                .set("tags", vec!["x", "y"]),
        ]),
    );
    c.add(
        "insert/multi_row_cities",
        insert(&s.cities).values([
            InsertRow::new().set("name", "a"),
            InsertRow::new().set("id", 7).set("name", "b"),
            InsertRow::new().set("name", sql!("upper({})", "c")),
        ]),
    );
    c.add(
        "insert/explicit_null",
        insert(&s.users).values([InsertRow::new().set("id", 5).set("name", "x").set("email", Value::Null)]),
    );
    c.add("insert/undefined_is_default", insert(&s.cities).values([InsertRow::new().set("name", "x")]));
    c.add("insert/sql_value", insert(&s.users).values([InsertRow::new().set("name", sql!("lower({})", "A"))]));
    c.add("insert/returning_all", insert(&s.cities).values([InsertRow::new().set("name", "x")]).returning());
    c.add(
        "insert/returning_partial_sql",
        insert(&s.cities)
            .values([InsertRow::new().set("name", "x")])
            .returning_fields(fields![id: s.c("id"), up: sql!("upper({})", s.c("name"))]),
    );
    c.add(
        "insert/on_conflict_do_nothing",
        insert(&s.cities).values([InsertRow::new().set("name", "x")]).on_conflict_do_nothing(),
    );
    c.add(
        "insert/on_conflict_do_nothing_target",
        insert(&s.cities)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_nothing_on(ConflictTarget::columns([s.c("id")])),
    );
    c.add(
        "insert/on_conflict_do_nothing_array_target",
        insert(&s.cities)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_nothing_on(ConflictTarget::columns([s.c("id"), s.c("name")])),
    );
    c.add(
        "insert/on_conflict_do_nothing_target_where",
        insert(&s.cities).values([InsertRow::new().set("id", 1).set("name", "x")]).on_conflict_do_nothing_on(
            ConflictTarget::columns([s.c("id"), s.c("name")]).target_where(ne(s.c("name"), "x")),
        ),
    );
    c.add(
        "insert/on_conflict_do_nothing_returning",
        insert(&s.cities)
            .values([InsertRow::new().set("name", "x")])
            .on_conflict_do_nothing()
            .returning_fields(fields![id: s.c("id")]),
    );
    // drizzle drops a `where` given without a target; edgepg's on_conflict_do_nothing() has no where.
    c.add(
        "insert/on_conflict_do_nothing_where_without_target",
        insert(&s.cities).values([InsertRow::new().set("name", "x")]).on_conflict_do_nothing(),
    );
    c.add(
        "insert/on_conflict_do_update",
        insert(&s.cities)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_update(ConflictTarget::columns([s.c("id")]), SetValues::new().set("name", "y")),
    );
    c.add(
        "insert/on_conflict_do_update_users_onupdate",
        insert(&s.users)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_update(ConflictTarget::columns([s.u("id")]), SetValues::new().set("name", "y")),
    );
    c.add(
        "insert/on_conflict_do_update_full",
        insert(&s.users)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_update_where(
                ConflictTarget::columns([s.u("id")]).target_where(eq(s.u("verified"), true)),
                SetValues::new().set("name", raw("excluded.name")),
                gt(s.u("id"), 5),
            )
            .returning_fields(fields![id: s.u("id")]),
    );
    c.add(
        "insert/on_conflict_do_update_array_target",
        insert(&s.cities).values([InsertRow::new().set("id", 1).set("name", "x")]).on_conflict_do_update(
            ConflictTarget::columns([s.c("id"), s.c("name")]),
            SetValues::new().set("name", "y"),
        ),
    );
    c.add(
        "insert/on_conflict_do_update_where_deprecated",
        insert(&s.cities).values([InsertRow::new().set("id", 1).set("name", "x")]).on_conflict_do_update_where(
            ConflictTarget::columns([s.c("id")]),
            SetValues::new().set("name", "y"),
            eq(s.c("name"), "z"),
        ),
    );
    c.add(
        "insert/on_conflict_do_update_where_and_target_where",
        insert(&s.cities)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_update_deprecated_where(
                ConflictTarget::columns([s.c("id")]).target_where(eq(s.c("id"), 1)),
                SetValues::new().set("name", "y"),
                eq(s.c("name"), "z"),
            ),
    );
    c.add(
        "insert/on_conflict_do_update_excluded_identifier",
        insert(&s.cities).values([InsertRow::new().set("id", 1).set("name", "x")]).on_conflict_do_update(
            ConflictTarget::columns([s.c("id")]),
            SetValues::new().set("name", sql!("excluded.{}", identifier("name"))),
        ),
    );
    c.add(
        "insert/on_conflict_do_update_set_column_expr",
        insert(&s.cities).values([InsertRow::new().set("id", 1).set("name", "x")]).on_conflict_do_update(
            ConflictTarget::columns([s.c("id")]),
            SetValues::new().set("name", sql!("{} || {}", s.c("name"), "-dup")),
        ),
    );
    c.add(
        "insert/on_conflict_do_update_empty_set",
        insert(&s.cities)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_update(ConflictTarget::columns([s.c("id")]), SetValues::new()),
    );
    c.add(
        "insert/on_conflict_do_update_set_where_only",
        insert(&s.users).values([InsertRow::new().set("id", 1).set("name", "x")]).on_conflict_do_update_where(
            ConflictTarget::columns([s.u("id"), s.u("email")]),
            SetValues::new().set("verified", true).set("meta", json!({"a": 1})),
            eq(s.u("verified"), false),
        ),
    );
    c.add("insert/values_empty", insert(&s.cities).values(Vec::<InsertRow>::new()));
    c.add(
        "insert/select_qb",
        insert(&s.cities).select(select_fields(fields![id: s.u("id"), name: s.u("name")]).from(&s.users)),
    );
    c.add(
        "insert/select_keys_other_order",
        insert(&s.cities).select(select_fields(fields![name: s.c("name"), id: s.c("id")]).from(&s.cities)),
    );
    c.add("insert/select_sql", insert(&s.cities).select(sql!("select 1, 'a'")));
    c.add(
        "insert/select_callback",
        insert(&s.cities).select(
            QueryBuilder::new()
                .select_fields(fields![id: s.u("id"), name: s.u("name")])
                .from(&s.users)
                .filter(eq(s.u("verified"), true)),
        ),
    );
    c.add(
        "insert/select_returning_on_conflict",
        insert(&s.cities)
            .select(select_fields(fields![id: s.u("id"), name: s.u("name")]).from(&s.users))
            .on_conflict_do_nothing()
            .returning(),
    );
    c.add(
        "insert/overriding_system_value",
        insert(&s.everything).overriding_system_value().values([InsertRow::new().set("nn", "x").set("idAlways", 5)]),
    );
    c.add(
        "insert/everything_many_types",
        insert(&s.everything).values([InsertRow::new()
            .set("i", 1)
            .set("bn", 2)
            .set("bb", Value::BigInt(3))
            .set("num", "1.23")
            .set("numN", 1.5)
            .set("numB", Value::BigInt(99))
            .set("b", true)
            .set("j", json!({"a": [1]}))
            .set("jb", json!({"b": "c"}))
            .set("ts", D1)
            .set("tsp", D2)
            .set("tss", "2024-01-01 00:00:00")
            .set("d", "2024-01-02")
            .set("dd", D1)
            .set("pt", (1.0, 2.0))
            .set("ptxy", json!({"x": 3, "y": 4}))
            .set("ln", (1.0, 2.0, 3.0))
            .set("lnabc", json!({"a": 4, "b": 5, "c": 6}))
            .set("vec", vec![1, 2, 3])
            .set("hv", vec![1, 2, 3])
            .set("ia", vec![1, 2])
            .set("ia2", vec![vec![1, 2], vec![3, 4]])
            .set("ta", vec!["x", "y z"])
            .set("mood", "sad")
            .set("smood", "b")
            .set("moods", vec!["ok"])
            .set("cust", "MiXeD")
            .set("withDef", 8)
            .set("nn", "req")]),
    );
    c.add("insert/schema_table", insert(&s.my_schema_users).values([InsertRow::new().set("name", "x")]).returning());
    c.add("insert/prefixed_table_all_defaults", insert(&s.prefixed).values([InsertRow::new()]));
    c.add("insert/placeholder_value", insert(&s.cities).values([InsertRow::new().set("name", placeholder("name"))]));

    // ---- update -----------------------------------------------------------------------------
    c.add(
        "update/set_values",
        update(&s.users).set(SetValues::new().set("name", "x").set("verified", true)).filter(eq(s.u("id"), 1)),
    );
    c.add(
        "update/set_order_follows_table",
        update(&s.users).set(SetValues::new().set("verified", true).set("name", "x")).filter(eq(s.u("id"), 1)),
    );
    c.add(
        "update/set_sql_null_returning_partial",
        update(&s.users)
            .set(SetValues::new().set("name", sql!("upper({})", s.u("name"))).set("cityId", Value::Null))
            .filter(eq(s.u("id"), 1))
            .returning_fields(fields![id: s.u("id"), name: s.u("name")]),
    );
    c.add(
        "update/returning_all",
        update(&s.cities).set(SetValues::new().set("name", "x")).filter(eq(s.c("id"), 1)).returning(),
    );
    c.add("update/no_where", update(&s.cities).set(SetValues::new().set("name", "x")));
    c.add(
        "update/explicit_on_update_column",
        update(&s.users)
            .set(SetValues::new().set("name", "x").set("updatedAt", "2024-01-01 00:00:00+00"))
            .filter(eq(s.u("id"), 1)),
    );
    c.add(
        "update/from",
        update(&s.users)
            .set(SetValues::new().set("cityId", s.c("id")))
            .from(&s.cities)
            .filter(and([eq(s.c("name"), "Paris"), eq(s.u("id"), 1)]))
            .returning_fields(fields![id: s.u("id"), cityName: s.c("name")]),
    );
    c.add(
        "update/from_join_returning_all",
        update(&s.users)
            .set(SetValues::new().set("name", "y"))
            .from(&s.posts)
            .left_join(&s.cities, eq(s.c("id"), s.u("cityId")))
            .filter(eq(s.p("authorId"), s.u("id")))
            .returning(),
    );
    c.add(
        "update/from_returning_all",
        update(&s.users)
            .set(SetValues::new().set("name", "x"))
            .from(&s.cities)
            .filter(eq(s.c("id"), s.u("cityId")))
            .returning(),
    );
    c.add(
        "update/from_join",
        update(&s.users)
            .set(SetValues::new().set("name", "x"))
            .from(&s.cities)
            .left_join(&s.posts, eq(s.p("authorId"), s.u("id")))
            .filter(eq(s.c("id"), s.u("cityId"))),
    );
    c.add("update/set_empty", update(&s.users).set(SetValues::new()));
    // `{ email: undefined }`: undefined keys are not set at all.
    c.add("update/set_only_undefined", update(&s.users).set(SetValues::new()));
    c.add(
        "update/set_undefined_dropped",
        update(&s.users).set(SetValues::new().set("name", "x")).filter(eq(s.u("id"), 1)),
    );
    c.add(
        "update/schema_table",
        update(&s.my_schema_users).set(SetValues::new().set("name", "x")).filter(eq(s.msu_("id"), 1)).returning(),
    );
    c.add(
        "update/everything_encodings",
        update(&s.everything)
            .set(
                SetValues::new()
                    .set("jb", json!({"a": 1}))
                    .set("ts", D1)
                    .set("dd", D2)
                    .set("bb", Value::BigInt(5))
                    .set("pt", (1.0, 2.0))
                    .set("ln", (1.0, 2.0, 3.0))
                    .set("vec", vec![1, 2, 3])
                    .set("ia", vec![1, 2])
                    .set("ia2", vec![vec![1], vec![2]])
                    .set("ta", vec!["q"])
                    .set("cust", "ABC")
                    .set("numN", 2.5),
            )
            .filter(eq(s.e("i"), 1)),
    );

    // ---- delete -----------------------------------------------------------------------------
    c.add("delete/plain", delete(&s.users));
    c.add("delete/where", delete(&s.users).filter(eq(s.u("id"), 1)));
    c.add("delete/returning_all", delete(&s.cities).filter(eq(s.c("id"), 1)).returning());
    c.add(
        "delete/returning_partial",
        delete(&s.users).filter(in_array(s.u("id"), [1, 2])).returning_fields(fields![id: s.u("id")]),
    );
    c.add(
        "delete/returning_sql",
        delete(&s.users)
            .filter(eq(s.u("id"), 1))
            .returning_fields(fields![id: s.u("id"), up: sql!("upper({})", s.u("name"))]),
    );
    c.add(
        "delete/schema_table",
        delete(&s.my_schema_users).filter(eq(s.msu_("id"), 1)).returning_fields(fields![id: s.msu_("id")]),
    );
    c.add("delete/with_cte_select", {
        let old = cte("old").as_(select_fields(fields![id: s.p("id")]).from(&s.posts).filter(lt(s.p("id"), 100)));
        with([&old])
            .delete(&s.posts)
            .filter(in_select(s.p("id"), select_fields(fields![id: old.field("id").unwrap()]).from(&old)))
            .returning_fields(fields![id: s.p("id")])
    });
}

#[test]
fn golden_part_b() {
    let mut c = Cases::default();
    register(&mut c);
    check(c);
}
