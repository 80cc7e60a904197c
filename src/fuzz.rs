//! Fuzzing of the code that reads untrusted input, on the stable toolchain: each
//! target is fed generated inputs (random bytes, strings over the alphabet its grammar uses, and
//! mutations of valid inputs) and must return `Ok` or `Err`, never panic. `cargo test` runs a
//! small budget per target (20,000 inputs); `make fuzz` a large one (`EDGEPG_FUZZ_ITERS`, default 10 million), and
//! prints the executions per target.
//!
//! Targets: the SQL-over-HTTP response parser and error mapping, the text decoders of every OID
//! family, the connection-string parser, and the WebSocket client's Postgres message decoder
//! (feature `ws`). The statement descriptions read from JS are fuzzed where they are read
//! (`bindings/core/src/fuzz.rs`), with this harness.

mod harness;

use harness::{lossy, run, CELL};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::decode_cell;

    /// OIDs of every family the decoders handle (and a few they do not).
    const OIDS: &[u32] = &[
        16, 17, 18, 19, 20, 21, 23, 25, 26, 114, 142, 199, 600, 601, 628, 651, 700, 701, 718, 790, 829, 869, 650, 1000,
        1001, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1040, 1041, 1042, 1043, 1082, 1083, 1114, 1115,
        1182, 1183, 1184, 1185, 1186, 1187, 1231, 1266, 1270, 1700, 2950, 2951, 3802, 3807, 3614, 3904, 0, 99999,
    ];

    /// The harness itself: a target that panics on some input is reported, not missed.
    #[test]
    #[should_panic(expected = "fuzz target canary panicked")]
    fn a_panicking_target_is_caught() {
        run("canary", 1, |r| r.below(100), |n| assert!(*n != 42, "reached"));
    }

    #[test]
    fn text_decoders() {
        run(
            "decode_cell",
            11,
            |r| (OIDS[r.below(OIDS.len())], r.text(CELL, 24)),
            |(oid, s)| {
                let _ = decode_cell(*oid, Some(s));
            },
        );
        run(
            "decode_cell (bytes)",
            12,
            |r| (OIDS[r.below(OIDS.len())], lossy(&r.bytes(40))),
            |(oid, s)| {
                let _ = decode_cell(*oid, Some(s));
            },
        );
    }

    #[test]
    fn connection_strings() {
        const URL: &[&str] = &[
            "postgres://",
            "postgresql://",
            "u",
            "p",
            ":",
            "@",
            "/",
            "?",
            "&",
            "=",
            "%",
            "%2F",
            "%zz",
            "[",
            "]",
            "::1",
            "host",
            "5432",
            "99999",
            "db",
            "sslmode",
            "require",
            "#",
            " ",
            "é",
            "\u{0}",
            ".",
            "-",
            "options",
        ];
        run(
            "ConnectionString::parse",
            21,
            |r| r.text(URL, 20),
            |s| {
                let _ = crate::driver::ConnectionString::parse(s);
            },
        );
    }

    #[test]
    fn http_responses_and_errors() {
        const JSON: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"fields\"",
            "\"rows\"",
            "\"command\"",
            "\"rowCount\"",
            "\"results\"",
            "\"name\"",
            "\"dataTypeID\"",
            "\"message\"",
            "\"code\"",
            "\"a\"",
            "1",
            "-1",
            "1e999",
            "null",
            "true",
            "\"\\u0000\"",
            "\"\\ud800\"",
            " ",
            "23",
            "1184",
            "\"SELECT\"",
            "0.5",
        ];
        let valid = br#"{"fields":[{"name":"a","dataTypeID":23,"tableID":0,"columnID":0,"dataTypeSize":4,"dataTypeModifier":-1,"format":"text"}],"rows":[["1"],[null]],"command":"SELECT","rowCount":2,"rowAsArray":true}"#;
        run(
            "http parse_single",
            31,
            |r| if r.below(2) == 0 { r.text(JSON, 40) } else { lossy(&r.mutate(valid)) },
            |s| {
                let _ = crate::driver::http::wire::parse_single(s);
            },
        );
        run(
            "http parse_batch",
            32,
            |r| format!("{{\"results\":[{}]}}", r.text(JSON, 30)),
            |s| {
                let _ = crate::driver::http::wire::parse_batch(s, 2);
            },
        );
        run(
            "http error_response",
            33,
            |r| (400 + r.below(200) as u16, r.text(JSON, 30)),
            |(status, s)| {
                let _ = crate::driver::http::wire::error_response(*status, s.clone());
            },
        );
    }

    #[cfg(feature = "pgwire")]
    #[test]
    fn websocket_client_messages() {
        use crate::driver::pgwire::{Connection, Pipeline, Startup};
        let startup = || Startup {
            user: "u".into(),
            password: "p".into(),
            database: "d".into(),
            application_name: None,
            params: vec![],
        };
        // what a server sends: auth ok, a parameter, the key, ready, a row description, a row,
        // a command tag, an error, ready
        let mut valid = vec![];
        let msg = |t: u8, body: &[u8], out: &mut Vec<u8>| {
            out.push(t);
            out.extend_from_slice(&((body.len() + 4) as i32).to_be_bytes());
            out.extend_from_slice(body);
        };
        msg(b'R', &0i32.to_be_bytes(), &mut valid);
        msg(b'S', b"server_version\x0017\x00", &mut valid);
        msg(b'K', &[0, 0, 0, 1, 0, 0, 0, 2], &mut valid);
        msg(b'Z', b"I", &mut valid);
        let mut rd = vec![0, 1];
        rd.extend_from_slice(b"a\x00");
        rd.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 23, 0, 4, 255, 255, 255, 255, 0, 0]);
        msg(b'T', &rd, &mut valid);
        msg(b'D', &[0, 1, 0, 0, 0, 1, b'7'], &mut valid);
        msg(b'C', b"SELECT 1\x00", &mut valid);
        msg(b'E', b"SERROR\x00C42P01\x00Mno table\x00\x00", &mut valid);
        msg(b'Z', b"I", &mut valid);
        run(
            "ws Connection::feed",
            51,
            |r| if r.below(3) == 0 { r.bytes(64) } else { r.mutate(&valid) },
            |bytes| {
                let (mut conn, _) = Connection::new(startup(), Pipeline::Off).expect("startup");
                let _ = conn.query("select 1", &[]);
                let _ = conn.query("select 2", &[]);
                // fed in two pieces: message boundaries mean nothing on the stream
                let cut = bytes.len() / 2;
                let _ = conn.feed(&bytes[..cut]);
                let _ = conn.feed(&bytes[cut..]);
            },
        );
    }
}
