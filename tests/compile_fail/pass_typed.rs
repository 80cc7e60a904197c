include!("schema.in");

fn main() {
    // Matching types compile: integer columns take integers, columns of the same type, NULL.
    let _ = eq(users::id, 1);
    let _ = eq(users::id, posts::author_id);
    let _ = gt(users::score, 1.5);
    let _ = eq(users::age, None::<i32>);
    let _ = like(users::name, "a%");
    let _ = in_array(users::id, [1, 2, 3]);
    let _ = array_contains(users::tags, vec!["a"]);
    let _ = eq(users::name, edgepg::sql!("lower({})", "X"));
    let row = users::Insert { id: None, name: "Ann".into(), age: Some(3), score: None, tags: None, slug: None };
    let q = insert(users::TABLE).values([row]).to_sql().unwrap();
    assert_eq!(q.sql, r#"insert into "users" ("id", "name", "age", "score", "tags") values (default, $1, $2, default, default)"#);
}
