//! The typed face rejects wrong-typed comparisons at compile time (trybuild).
//! `.stderr` files hold the expected compiler messages; regenerate with `TRYBUILD=overwrite`.

#[test]
fn typed_face() {
    let t = trybuild::TestCases::new();
    t.pass("tests/compile_fail/pass_typed.rs");
    t.compile_fail("tests/compile_fail/eq_wrong_value_type.rs");
    t.compile_fail("tests/compile_fail/eq_wrong_column_type.rs");
    t.compile_fail("tests/compile_fail/in_array_wrong_type.rs");
    t.compile_fail("tests/compile_fail/insert_missing_required.rs");
    t.compile_fail("tests/compile_fail/generated_column_insert.rs");
    t.compile_fail("tests/compile_fail/sql_hole_count.rs");
}
