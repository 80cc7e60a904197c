//! The stable-toolchain fuzz harness shared by the library's targets (`src/fuzz.rs`) and the
//! gateway's (`gateway/src/fuzz.rs`, which includes this file by path): a deterministic input
//! generator and a runner that turns a panic into a failure naming the target, seed and input.
#![allow(dead_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};

/// xorshift64*: deterministic per seed, so a failure is reproducible from the seed printed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// A string of up to `max` pieces drawn from `alphabet` (whole tokens, not only chars).
    pub(crate) fn text(&mut self, alphabet: &[&str], max: usize) -> String {
        let n = self.below(max + 1);
        (0..n).map(|_| alphabet[self.below(alphabet.len())]).collect()
    }
    pub(crate) fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }
    /// `seed` with a few random edits (flip, insert, delete, duplicate a slice).
    pub(crate) fn mutate(&mut self, seed: &[u8]) -> Vec<u8> {
        let mut v = seed.to_vec();
        for _ in 0..=self.below(4) {
            let at = self.below(v.len() + 1);
            match self.below(4) {
                0 if at < v.len() => v[at] ^= 1 << self.below(8),
                1 => v.insert(at, self.next() as u8),
                2 if at < v.len() => {
                    v.remove(at);
                }
                _ if at < v.len() => {
                    let end = (at + self.below(8)).min(v.len());
                    let piece = v[at..end].to_vec();
                    v.splice(at..at, piece);
                }
                _ => v.push(self.next() as u8),
            }
        }
        v
    }
}

/// How many inputs each target gets.
pub(crate) fn iterations() -> u64 {
    std::env::var("EDGEPG_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000)
}

/// Runs `f` on `iterations()` inputs made by `make`; a panic names the target, the seed and the
/// input. Returns the executions.
pub(crate) fn run<I: std::fmt::Debug>(
    target: &str,
    seed: u64,
    mut make: impl FnMut(&mut Rng) -> I,
    f: impl Fn(&I),
) -> u64 {
    let mut rng = Rng(seed | 1);
    let n = iterations();
    for i in 0..n {
        let input = make(&mut rng);
        if catch_unwind(AssertUnwindSafe(|| f(&input))).is_err() {
            panic!("fuzz target {target} panicked (seed {seed}, iteration {i}) on {input:?}");
        }
    }
    if std::env::var_os("EDGEPG_FUZZ_REPORT").is_some() {
        eprintln!("fuzz: {target}: {n} executions, 0 panics");
    }
    n
}

pub(crate) fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Tokens of PostgreSQL's text output of every type family (numbers, dates, arrays, json, bytea,
/// intervals...), for generating cells.
pub(crate) const CELL: &[&str] = &[
    "0",
    "1",
    "9",
    "-",
    "+",
    ".",
    "e",
    "E",
    ":",
    " ",
    "T",
    "Z",
    "t",
    "f",
    "{",
    "}",
    "(",
    ")",
    ",",
    "\"",
    "\\",
    "NULL",
    "NaN",
    "Infinity",
    "-infinity",
    "BC",
    "AD",
    "\\x",
    "ff",
    "0a",
    "[",
    "]",
    "null",
    "true",
    "x",
    "é",
    "😀",
    "\u{0}",
    "'",
    "years",
    "days",
    "mons",
    "00:00:00",
    "2024-02-29",
    "294276",
    "-0",
];
