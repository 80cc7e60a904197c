include!("schema.in");

fn main() {
    // `name` is `not null` without a default: it must be given.
    let _ = users::Insert { id: None, age: None, score: None, tags: None, slug: None };
}
