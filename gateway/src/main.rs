//! edgepg-gateway (work in progress).
fn main() {}
