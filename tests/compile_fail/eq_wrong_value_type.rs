include!("schema.in");

fn main() {
    // An integer column compared with a string.
    let _ = eq(users::age, "x");
}
