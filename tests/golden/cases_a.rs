//! Golden cases, part a.
#![allow(unused_imports)]

use super::{check, Cases, S, D1, D2};
use edgepg::pg::*;
use edgepg::{sql, Value};

pub fn register(c: &mut Cases) {
    let s = S::new();
    let _ = (&s, D1, D2);
    let _ = &c;
}

#[test]
fn golden_part_a() {
    let mut c = Cases::default();
    register(&mut c);
    check(c);
}
