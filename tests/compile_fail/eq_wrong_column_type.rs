include!("schema.in");

fn main() {
    // An integer column compared with a text column.
    let _ = eq(users::id, posts::title);
}
