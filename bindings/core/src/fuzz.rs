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

    /// The describe reader and serde_json agree on every input: the same value, or both refuse.
    #[test]
    fn the_json_reader_agrees_with_serde_json() {
        const JSON: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"a\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud800\"",
            "\"\\n\"",
            "\"",
            "\\",
            "0",
            "-",
            "1",
            "9",
            ".",
            "e",
            "E+",
            "-0",
            "01",
            "1e400",
            "18446744073709551616",
            "-9223372036854775809",
            "0.1",
            "true",
            "false",
            "null",
            " ",
            "\u{1}",
            "é",
        ];
        run(
            "json reader vs serde_json",
            43,
            |r| r.text(JSON, 24),
            |s| {
                let ours = crate::describe::json::parse(s);
                let theirs: Result<serde_json::Value, _> = serde_json::from_str(s);
                match (ours, theirs) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{s:?}"),
                    (Err(_), Err(_)) => {}
                    (Ok(a), Err(e)) => panic!("the reader takes {s:?} as {a}, serde_json refuses it: {e}"),
                    (Err(e), Ok(b)) => panic!("the reader refuses {s:?} ({e}), serde_json reads {b}"),
                }
            },
        );
    }
}
