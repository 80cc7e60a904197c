//! Fuzzing of the statement descriptions the facade sends (JSON from JS, untrusted as far as the
//! reader goes), with the library's stable harness (`src/fuzz/harness.rs`): any input must give
//! `Ok` or `Err`, never a panic (a panic in wasm kills the Worker isolate). `cargo test` runs
//! 20,000 inputs; `make fuzz` runs `EDGEPG_FUZZ_ITERS` (default 10 million).

#[path = "../../../src/fuzz/harness.rs"]
mod harness;

#[cfg(test)]
mod tests {
    use super::harness::run;

    #[test]
    fn statement_descriptions_from_js() {
        const DESC: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"t\"",
            "\"k\"",
            "\"select\"",
            "\"from\"",
            "\"where\"",
            "\"f\"",
            "\"a\"",
            "\"id\"",
            "\"s\"",
            "\"eq\"",
            "\"and\"",
            "\"c\"",
            "\"v\"",
            "0",
            "1",
            "4294967295",
            "-1",
            "null",
            "true",
            "\"raw\"",
            "\"x\"",
            "\"columns\"",
            "\"name\"",
            "\"type\"",
            "\"integer\"",
            "\"text\"",
        ];
        run(
            "describe shape",
            41,
            |r| r.text(DESC, 40),
            |s| {
                let mut reg = crate::describe::Registry::new();
                let _ = reg.shape(s);
            },
        );
    }
}
