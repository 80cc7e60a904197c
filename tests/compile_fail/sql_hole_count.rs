fn main() {
    // Two holes, one argument.
    let _ = edgepg::sql!("select {}, {}", 1);
}
