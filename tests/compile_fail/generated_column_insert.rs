include!("schema.in");

fn main() {
    // Generated columns are never inserted: only `None` fits.
    let _ = users::Insert { id: None, name: "a".into(), age: None, score: None, tags: None, slug: Some("x".to_string()) };
}
