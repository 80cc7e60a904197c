include!("schema.in");

fn main() {
    // A text column tested against integers.
    let _ = in_array(users::name, [1, 2]);
}
