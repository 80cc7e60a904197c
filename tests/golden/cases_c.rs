//! Golden cases, part c.
#![allow(unused_imports)]

use super::{check, Cases, D1, D2, S};
use edgepg::pg::*;
use edgepg::{sql, Value};
use serde_json::json;

pub fn register(c: &mut Cases) {
    let s = S::new();
    let _ = (&s, D1, D2);
    let _ = &c;

    // ---- types ------------------------------------------------------------------------------
    c.add("types/select_all_everything", select().from(&s.everything));
    c.add("types/insert_default_row", insert(&s.everything).values([InsertRow::new().set("nn", "x")]));
    c.add(
        "types/insert_generated_ignored",
        insert(&s.everything).values([InsertRow::new().set("nn", "x").set("gen", "y")]),
    );
    c.add("types/eq_jsonb_object", s.uw(eq(s.u("meta"), json!({"a": 1, "b": [true, null]}))));
    c.add("types/eq_json_object", s.ew(eq(s.e("j"), json!({"k": "v"}))));
    c.add("types/eq_jsonb_array", s.ew(eq(s.e("jb"), json!([1, "two"]))));
    c.add("types/eq_jsonb_string", s.ew(eq(s.e("jb"), "str")));
    c.add("types/eq_timestamp_date", s.ew(eq(s.e("ts"), D1)));
    c.add("types/eq_timestamptz_date", s.ew(eq(s.e("tsp"), D1)));
    c.add("types/eq_timestamp_string", s.ew(eq(s.e("tss"), "2024-01-02 03:04:05")));
    c.add("types/eq_timestamp_string_tz", s.ew(eq(s.e("tssp"), "2024-01-02 03:04:05.678+00")));
    c.add("types/eq_date_string", s.ew(eq(s.e("d"), "2024-01-02")));
    c.add("types/eq_date_date", s.ew(eq(s.e("dd"), D1)));
    c.add("types/between_timestamps", s.ew(between(s.e("ts"), D1, D2)));
    c.add("types/in_array_timestamps", s.ew(in_array(s.e("ts"), [D1, D2])));
    c.add("types/eq_numeric", s.ew(eq(s.e("num"), "1.23")));
    c.add("types/eq_numeric_number", s.ew(eq(s.e("numN"), 1.5)));
    c.add("types/eq_numeric_bigint", s.ew(eq(s.e("numB"), Value::BigInt(123))));
    c.add("types/eq_bigint_bigint", s.ew(eq(s.e("bb"), Value::BigInt(9007199254740993))));
    c.add("types/eq_bigint_number", s.ew(eq(s.e("bn"), 42)));
    c.add("types/eq_real", s.ew(eq(s.e("r"), 1.25)));
    c.add("types/eq_bool", s.ew(eq(s.e("b"), false)));
    c.add("types/eq_uuid", s.ew(eq(s.e("u"), "00000000-0000-0000-0000-000000000001")));
    c.add("types/eq_time", s.ew(eq(s.e("tm"), "12:34:56")));
    c.add("types/eq_interval", s.ew(eq(s.e("iv"), "1 day")));
    c.add("types/eq_inet", s.ew(eq(s.e("inet"), "10.0.0.1")));
    c.add("types/eq_point_tuple", s.ew(eq(s.e("pt"), (1.0, 2.0))));
    c.add("types/eq_point_xy", s.ew(eq(s.e("ptxy"), json!({"x": 1.5, "y": -2}))));
    c.add("types/eq_line_tuple", s.ew(eq(s.e("ln"), (1.0, 2.0, 3.0))));
    c.add("types/eq_line_abc", s.ew(eq(s.e("lnabc"), json!({"a": 1, "b": 2, "c": 3}))));
    c.add("types/eq_vector", s.ew(eq(s.e("vec"), vec![1.0, 2.0, 3.0])));
    c.add("types/eq_halfvec", s.ew(eq(s.e("hv"), vec![0.5, 1.0, 1.5])));
    c.add("types/eq_sparsevec", s.ew(eq(s.e("sv"), "{1:1,3:2}/5")));
    c.add("types/eq_bit", s.ew(eq(s.e("bits"), "10101010")));
    c.add("types/eq_int_array", s.ew(eq(s.e("ia"), vec![1, 2])));
    c.add("types/eq_int_array_empty", s.ew(eq(s.e("ia"), Vec::<i32>::new())));
    c.add("types/eq_int_array_2d", s.ew(eq(s.e("ia2"), vec![vec![1, 2], vec![3, 4]])));
    c.add("types/eq_text_array", s.ew(eq(s.e("ta"), vec!["x", "y"])));
    c.add("types/eq_text_array_escaping", s.ew(eq(s.e("ta"), vec!["a\"b", "c\\d", "e f", "", "g,h"])));
    c.add("types/eq_text_array_users", s.uw(eq(s.u("tags"), vec!["t1"])));
    c.add("types/eq_enum_array", s.ew(eq(s.e("moods"), vec!["sad", "ok"])));
    c.add("types/eq_schema_enum", s.ew(eq(s.e("smood"), "a")));
    c.add("types/eq_custom", s.ew(eq(s.e("cust"), "HeLLo")));
    c.add("types/in_array_custom", s.ew(in_array(s.e("cust"), ["A", "B"])));

    // ---- vector distance helpers ------------------------------------------------------------
    c.add(
        "vector/l2_order_by",
        select_fields(fields![i: s.e("i")])
            .from(&s.everything)
            .order_by([l2_distance(s.e("vec"), vec![1.0, 2.0, 3.0])])
            .limit(5),
    );
    c.add(
        "vector/l1_select",
        select_fields(fields![d: l1_distance(s.e("vec"), vec![1.0, 2.0, 3.0])]).from(&s.everything),
    );
    c.add("vector/inner_product_where", s.ew(lt(inner_product(s.e("vec"), vec![1.0, 2.0, 3.0]), 0.5)));
    c.add(
        "vector/cosine_similarity_select",
        select_fields(fields![sim: sql!("1 - ({})", cosine_distance(s.e("vec"), vec![1.0, 2.0, 3.0]))])
            .from(&s.everything),
    );
    c.add("vector/cosine_distance_column", s.ew(lt(cosine_distance(s.e("vec"), Sql::from(s.e("hv"))), 1)));
    c.add(
        "vector/hamming_order_by",
        select_fields(fields![i: s.e("i")]).from(&s.everything).order_by([hamming_distance(s.e("bits"), "10101010")]),
    );
    c.add(
        "vector/jaccard_select",
        select_fields(fields![d: jaccard_distance(s.e("bits"), "10101010")]).from(&s.everything),
    );

    // ---- sql template -----------------------------------------------------------------------
    c.add("sql/params", sql!("select {}, {}, {}, {}, {}", 1, "a", true, None::<i32>, 1.5));
    c.add("sql/nested_numbering", sql!("select {}, ({}), {}", 1, sql!("{} + {}", 2, 3), 4));
    c.add("sql/raw", sql!("select {}", raw("1 + 1")));
    c.add("sql/raw_alone", raw("select 1"));
    c.add("sql/join_no_separator", join([sql!("a"), sql!("b"), sql!("c")], None));
    c.add(
        "sql/join_with_separator",
        sql!("select {} from {}", join([s.u("id"), s.u("name")], Some(sql!(", "))), &s.users),
    );
    c.add("sql/join_values_raw_separator", join([1, 2, 3].map(|v| sql!("{}", v)), Some(raw(" + "))));
    c.add("sql/join_empty", sql!("select {}", join(Vec::<Sql>::new(), Some(sql!(", ")))));
    c.add("sql/identifier", sql!("select {} from {}", identifier("col"), identifier("tbl")));
    c.add("sql/identifier_quote_and_dot", sql!("select {}", identifier("we\"ird.na\"me")));
    c.add("sql/empty", sql!("select 1{}", empty()));
    c.add("sql/placeholder", sql!("select {}, {}", placeholder("x"), 2));
    c.add("sql/param_array", sql!("select {}", param(vec![1, 2, 3])));
    c.add("sql/param_with_column_encoder", sql!("select {}", param_with(vec!["a", "b"], &s.u("tags"))));
    c.add("sql/array_expansion", sql!("select * from t where id in {}", vec![1, 2, 3]));
    c.add("sql/array_empty", sql!("select * from t where id in {}", Vec::<i32>::new()));
    c.add("sql/aliased_reference", sql!("order by {}", sql!("lower(x)").as_("lx")));
    c.add("sql/mapwith_same_sql", sql!("select count(*) from {}", &s.users).map_with(Decoder::Number));
    c.add(
        "sql/inline_params",
        sql!("select {}, {}, {}, {}, {}", 1, "it's", None::<i32>, true, json!({"a": 1})).inline_params(),
    );
    c.add(
        "sql/inline_params_array",
        sql!("select * from t where id in {}", vec![Value::from(1), Value::from("b")]).inline_params(),
    );
    c.add("sql/inline_params_nested", sql!("select {}, {}, {}", 1, sql!("{}", 2).inline_params(), 3));
    c.add("sql/if_false", sql!("select 1{}", sql!(" where x").if_(false)));
    c.add("sql/if_true", sql!("select 1{}", sql!(" where x").if_(true)));
    c.add("sql/undefined_chunk", sql!("a{}b", None::<Sql>));
    c.add("sql/column_qualified", sql!("{} = {}", s.u("id"), 1));
    c.add("sql/schema_column", sql!("{} = {}", s.msu_("id"), 1));
    c.add("sql/alias_column_and_table", sql!("select {} from {}", s.par("id"), &s.parent));
    c.add("sql/table", sql!("select * from {}", &s.users));
    c.add("sql/schema_table", sql!("select * from {}", &s.my_schema_users));
    c.add("sql/enum", sql!("select 'sad'::{}", &s.mood));
    c.add("sql/schema_enum", sql!("select 'a'::{}", &s.smood));
    c.add("sql/schema_entity", sql!("drop schema if exists {} cascade", &s.my_schema));
    c.add(
        "sql/query_builder_inside",
        sql!(
            "select {}, exists {}, {}",
            0,
            select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("id"), 2)),
            3
        ),
    );
    c.add("sql/subquery_inside", {
        let sq = select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("id"), 1)).as_("sq");
        sql!("select * from {}", &sq)
    });
    c.add("sql/date_param_raw", sql!("select {}", D1));
    c.add("sql/bigint_param_raw", sql!("select {}", Value::BigInt(5)));
    c.add("sql/bytes_param_raw", sql!("select {}", Value::Bytes(vec![1, 2, 255])));
    c.add("sql/object_param_raw", sql!("select {}", json!({"a": 1, "b": [1, 2]})));
    c.add(
        "sql/in_where_with_column_and_array",
        s.uw(sql!("{} in {} and {} <> {}", s.u("id"), vec![1, 2], s.u("name"), "x")),
    );

    // ---- placeholders / prepare -------------------------------------------------------------
    c.add(
        "prepare/select_where_get_query",
        select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("id"), placeholder("id"))),
    );
    c.add(
        "prepare/select_where_to_sql",
        select_fields(fields![id: s.u("id")]).from(&s.users).filter(eq(s.u("id"), placeholder("id"))),
    );
    c.add(
        "prepare/limit_offset",
        select_fields(fields![id: s.u("id")]).from(&s.users).limit(placeholder("lim")).offset(placeholder("off")),
    );
    c.add(
        "prepare/like",
        select_fields(fields![id: s.u("id")]).from(&s.users).filter(like(s.u("name"), placeholder("pat"))),
    );
    c.add(
        "prepare/in_array_placeholders",
        select_fields(fields![id: s.u("id")])
            .from(&s.users)
            .filter(in_array(s.u("id"), [placeholder("a"), placeholder("b")])),
    );
    c.add(
        "prepare/in_array_single_placeholder",
        select_fields(fields![id: s.u("id")]).from(&s.users).filter(in_select(s.u("id"), placeholder("ids"))),
    );
    c.add("prepare/insert", insert(&s.cities).values([InsertRow::new().set("name", placeholder("name"))]));
    c.add(
        "prepare/insert_defaultfn_frozen",
        insert(&s.users).values([InsertRow::new().set("name", placeholder("name")).set("meta", placeholder("meta"))]),
    );
    c.add(
        "prepare/update",
        update(&s.users)
            .set(SetValues::new().set("name", placeholder("name")))
            .filter(eq(s.u("id"), placeholder("id"))),
    );
    c.add(
        "prepare/delete",
        delete(&s.users).filter(eq(s.u("id"), placeholder("id"))).returning_fields(fields![id: s.u("id")]),
    );

    // ---- alias ------------------------------------------------------------------------------
    c.add("alias/select_all", select().from(&s.parent));
    c.add(
        "alias/partial_where_order",
        select_fields(fields![id: s.par("id")])
            .from(&s.parent)
            .filter(eq(s.par("name"), "x"))
            .order_by([desc(s.par("id"))]),
    );
    c.add("alias/two_aliases_join", {
        let a = s.users.alias("a");
        let b = s.users.alias("b");
        let (ac, bc) = (|k: &str| a.col(k).unwrap(), |k: &str| b.col(k).unwrap());
        select_fields(fields![aName: ac("name"), bName: bc("name")])
            .from(&a)
            .inner_join(&b, eq(ac("cityId"), bc("cityId")))
            .filter(ne(ac("id"), bc("id")))
    });
    c.add("alias/schema_table", select().from(&s.msu).filter(eq(s.msu.col("id").unwrap(), 1)));
    c.add(
        "alias/schema_table_join",
        select_fields(fields![name: s.u("name"), other: s.msu.col("name").unwrap()])
            .from(&s.users)
            .inner_join(&s.msu, eq(s.msu.col("id").unwrap(), s.u("id"))),
    );
    c.add("alias/in_subquery", {
        let sq = select_fields(fields![id: s.par("id")]).from(&s.parent).filter(is_not_null(s.par("email"))).as_("sq");
        select_fields(fields![id: sq.field("id").unwrap()]).from(&sq)
    });

    // ---- identifiers ------------------------------------------------------------------------
    let wid = s.weird.col("id").unwrap();
    c.add("identifiers/weird_select", select().from(&s.weird).filter(eq(&wid, 1)));
    c.add("identifiers/weird_insert_returning", insert(&s.weird).values([InsertRow::new().set("id", 1)]).returning());
    c.add("identifiers/weird_update", update(&s.weird).set(SetValues::new().set("id", 2)).filter(eq(&wid, 1)));
    c.add("identifiers/weird_delete", delete(&s.weird).filter(eq(&wid, 1)));
    c.add("identifiers/weird_alias", {
        let w = s.weird.alias("a\"b");
        let id = w.col("id").unwrap();
        select_fields(fields![id: id.clone()]).from(&w).filter(eq(id, 1))
    });
    c.add("identifiers/weird_join", select().from(&s.weird).left_join(&s.cities, eq(s.c("id"), &wid)));
    c.add(
        "identifiers/schema_everywhere",
        select_fields(fields![id: s.msu_("id"), n: count()])
            .from(&s.my_schema_users)
            .filter(gt(s.msu_("id"), 1))
            .group_by([s.msu_("id")])
            .having(gt(count(), 0))
            .order_by([desc(s.msu_("id"))]),
    );
    c.add(
        "identifiers/schema_update_returning_all",
        update(&s.my_schema_users).set(SetValues::new().set("name", "y")).returning(),
    );
    c.add(
        "identifiers/schema_insert_on_conflict",
        insert(&s.my_schema_users)
            .values([InsertRow::new().set("id", 1).set("name", "x")])
            .on_conflict_do_update(ConflictTarget::columns([s.msu_("id")]), SetValues::new().set("name", "y")),
    );
    c.add(
        "identifiers/schema_in_subquery",
        s.uw(in_select(s.u("id"), select_fields(fields![id: s.msu_("id")]).from(&s.my_schema_users))),
    );
    let pid = s.prefixed.col("id").unwrap();
    c.add("identifiers/prefixed_select_where", select().from(&s.prefixed).filter(eq(&pid, 1)));
    c.add("identifiers/prefixed_update_delete", delete(&s.prefixed).filter(eq(&pid, 1)).returning());

    // ---- casing: a table's columns declared without a name, with a casing applied -----------
    let cased = table("cased")
        .column("id", serial("").primary_key())
        .column("firstName", text(""))
        .column("lastName", text("Surname"))
        .column("createdAt", timestamp("").with_timezone().default_now())
        .build();
    let snake = cased.with_casing(Casing::SnakeCase);
    let sc = |k: &str| snake.col(k).unwrap();
    let snake2 = snake.alias("c2");
    let snakey = table("snakey").column("user_id", integer("")).column("full_name", text("")).build();
    let camel = snakey.with_casing(Casing::CamelCase);
    c.add("casing/snake_select", select().from(&snake).filter(eq(sc("firstName"), "a")));
    c.add(
        "casing/snake_insert",
        insert(&snake)
            .values([InsertRow::new().set("firstName", "a").set("lastName", "b")])
            .returning_fields(fields![id: sc("id"), firstName: sc("firstName")]),
    );
    c.add(
        "casing/snake_update",
        update(&snake).set(SetValues::new().set("firstName", "x")).filter(eq(sc("id"), 1)).returning(),
    );
    c.add(
        "casing/snake_sql_template",
        select_fields(fields![x: sql!("{} || {}", sc("firstName"), sc("lastName"))]).from(&snake),
    );
    c.add(
        "casing/snake_alias_join",
        select_fields(fields![a: sc("firstName"), b: snake2.col("createdAt").unwrap()])
            .from(&snake)
            .left_join(&snake2, eq(snake2.col("id").unwrap(), sc("id"))),
    );
    c.add(
        "casing/snake_on_conflict",
        insert(&snake)
            .values([InsertRow::new().set("firstName", "a")])
            .on_conflict_do_update(ConflictTarget::columns([sc("firstName")]), SetValues::new().set("lastName", "z")),
    );
    c.add(
        "casing/camel_select",
        select()
            .from(&camel)
            .filter(gt(camel.col("user_id").unwrap(), 1))
            .order_by([Sql::from(camel.col("full_name").unwrap())]),
    );
    c.add("casing/none", select().from(&cased).filter(eq(cased.col("firstName").unwrap(), "a")));

    // ---- views: read by name like a CTE, never in a `with` clause ---------------------------
    let active = view("active_users").as_(
        select_fields(fields![id: s.u("id"), name: s.u("name"), up: sql!("upper({})", s.u("name")).as_("up")])
            .from(&s.users)
            .filter(eq(s.u("verified"), true)),
    );
    let av = |k: &str| active.field(k).unwrap();
    let ev_table = table("ev").column("id", integer("id")).column("title", text("title")).build();
    let existing = view("ev").as_(select().from(&ev_table));
    let post_ids =
        view("post_ids").as_(select_fields(fields![id: s.p("id"), authorId: s.p("authorId")]).from(&s.posts));
    let sv = view("sv").schema("my_schema").as_(select_fields(fields![id: s.u("id")]).from(&s.users));
    let smv_table = table("smv").schema("my_schema").column("id", integer("id")).build();
    let smv = view("smv").schema("my_schema").as_(select().from(&smv_table));
    c.add("view/select_all", select().from(&active));
    c.add(
        "view/select_fields_where",
        select_fields(fields![n: av("name"), u: av("up")]).from(&active).filter(eq(av("id"), 1)),
    );
    c.add("view/left_join", select().from(&s.users).left_join(&active, eq(av("id"), s.u("id"))));
    c.add("view/existing", select().from(&existing).filter(eq(existing.field("id").unwrap(), 2)));
    c.add(
        "view/materialized",
        select_fields(fields![a: post_ids.field("authorId").unwrap()])
            .from(&post_ids)
            .filter(gt(post_ids.field("id").unwrap(), 3)),
    );
    c.add("view/schema", select().from(&sv).filter(eq(sv.field("id").unwrap(), 4)));
    c.add("view/schema_materialized_existing", select().from(&smv));
    c.add(
        "view/schema_existing_where_join",
        select_fields(fields![id: smv.field("id").unwrap(), name: s.u("name")])
            .from(&smv)
            .inner_join(&s.users, eq(s.u("id"), smv.field("id").unwrap()))
            .filter(gt(smv.field("id").unwrap(), 1)),
    );
    c.add("view/in_sql", sql!("select * from {} where {} > {}", &active, av("id"), 1));
    c.add("view/schema_in_sql", sql!("select count(*) from {}", &sv));
    c.add("view/refresh", refresh_materialized_view(&post_ids).into_sql());
    c.add("view/refresh_concurrently", refresh_materialized_view(&post_ids).concurrently().into_sql());
    c.add("view/refresh_with_no_data", refresh_materialized_view(&post_ids).with_no_data().into_sql());
    c.add("view/refresh_schema", refresh_materialized_view(&smv).into_sql());
    c.add("view/refresh_both", refresh_materialized_view(&post_ids).concurrently().with_no_data().into_sql());
}

#[test]
fn golden_part_c() {
    let mut c = Cases::default();
    register(&mut c);
    check(c);
}
