//! Fuzzing of the gateway's readers of untrusted bytes, with the library's stable
//! harness (`src/fuzz/harness.rs`): each target gets generated and mutated inputs and must
//! answer `Ok` or `Err`, never panic, and what it writes must be valid JSON. `cargo test` runs
//! 20,000 inputs per target; `make fuzz` runs `EDGEPG_FUZZ_ITERS` (default 10 million).
//!
//! Targets: the PostgreSQL backend message decoder (framing, RowDescription, DataRow,
//! ErrorResponse, CommandComplete, authentication requests) and the JSON written from what it
//! decodes (rows in every mode, error bodies); the WebSocket startup and password packets; the
//! `Neon-Connection-String` parser; the `/sql` request body.

#[path = "../../src/fuzz/harness.rs"]
mod harness;

use bytes::{BufMut, BytesMut};
use harness::{run, Rng};

use crate::errors::SqlError;
use crate::json_out::ResultWriter;
use crate::pg::conn::RowSink;
use crate::pg::{wire, FieldDesc};

/// A valid backend stream to mutate: authentication, parameters, a result, an error.
fn backend_seed() -> Vec<u8> {
    let mut out = BytesMut::new();
    let mut msg = |tag: u8, body: &[u8]| wire::encode_backend(tag, body, &mut out);
    msg(b'R', &[0, 0, 0, 10, b'S', b'C', b'R', b'A', b'M', b'-', b'S', b'H', b'A', b'-', b'2', b'5', b'6', 0, 0]);
    msg(b'R', &[0, 0, 0, 5, 1, 2, 3, 4]);
    msg(b'R', &[0, 0, 0, 0]);
    msg(b'S', b"server_version\x0015.8\x00");
    msg(b'K', &[0, 0, 1, 0, 0, 0, 2, 0]);
    let mut rd = BytesMut::new();
    rd.put_i16(3);
    for (name, oid) in [("id", 23u32), ("tags", 1009), ("doc", 3802)] {
        rd.put_slice(name.as_bytes());
        rd.put_u8(0);
        rd.put_u32(16384);
        rd.put_i16(1);
        rd.put_u32(oid);
        rd.put_i16(-1);
        rd.put_i32(-1);
        rd.put_i16(0);
    }
    msg(b'T', &rd);
    let mut dr = BytesMut::new();
    dr.put_i16(3);
    for v in [&b"42"[..], b"{a,\"b c\",NULL}", b"{\"k\":[1,2.5e3]}"] {
        dr.put_i32(v.len() as i32);
        dr.put_slice(v);
    }
    msg(b'D', &dr);
    msg(b'C', b"SELECT 1\x00");
    msg(b'E', b"SERROR\x00C42P01\x00Mrelation \"x\" does not exist\x00P15\x00\x00");
    msg(b'Z', b"I");
    out.to_vec()
}

/// Decodes every message of `input` the way the gateway does, and writes what it decoded as
/// JSON (all four output modes), which must parse.
fn backend_stream(input: &[u8]) {
    let mut buf = BytesMut::from(input);
    let mut fields: Vec<FieldDesc> = Vec::new();
    let mut rows: Vec<Vec<Option<Vec<u8>>>> = Vec::new();
    while let Ok(Some(msg)) = wire::split_message(&mut buf) {
        let body = msg.body();
        match msg.tag {
            b'T' => fields = wire::row_description(body).unwrap_or_default(),
            b'D' => {
                if let Ok(row) = wire::data_row(body) {
                    rows.push(row.into_iter().map(|v| v.map(<[u8]>::to_vec)).collect());
                }
            }
            b'E' | b'N' => {
                if let Ok(e) = wire::error_fields(body) {
                    let e = SqlError::Postgres { status: hyper::StatusCode::BAD_REQUEST, error: e };
                    assert_json(&e.to_json());
                }
            }
            b'C' => {
                if let Ok(tag) = wire::command_tag(body) {
                    let _ = crate::json_out::parse_command_tag(&tag);
                }
            }
            b'R' => {
                let _ = wire::auth_request(body);
            }
            _ => {}
        }
    }
    for (raw, array) in [(true, true), (true, false), (false, true), (false, false)] {
        let mut out = Vec::new();
        let mut w = ResultWriter::new(&mut out, raw, array, 1 << 20);
        let mut ok = w.fields(&fields).is_ok();
        for row in &rows {
            let row: Vec<Option<&[u8]>> = row.iter().map(|v| v.as_deref()).collect();
            // a row wider or narrower than the description is the writer's to refuse
            ok = ok && w.row(&row).is_ok();
        }
        if ok {
            w.finish(Some("SELECT 1"));
            // json and jsonb text is pasted as PostgreSQL wrote it (valid JSON, the server's
            // contract): where the generated text breaks that contract only raw mode is checked
            if raw || upholds_json_contract(&fields, &rows) {
                assert_json(&out);
            }
        }
    }
}

/// Every json/jsonb cell is valid JSON, and there are no json arrays (whose elements are pasted
/// too).
fn upholds_json_contract(fields: &[FieldDesc], rows: &[Vec<Option<Vec<u8>>>]) -> bool {
    rows.iter().all(|row| {
        fields.iter().zip(row).all(|(f, v)| match (f.type_oid, v) {
            (114 | 3802, Some(v)) => serde_json::from_slice::<serde_json::Value>(v).is_ok(),
            (199 | 3807, Some(_)) => false,
            _ => true,
        })
    })
}

fn assert_json(bytes: &[u8]) {
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
        panic!("invalid JSON written ({e}): {}", String::from_utf8_lossy(bytes));
    }
}

#[test]
fn backend_messages() {
    let seed = backend_seed();
    run(
        "gateway backend messages",
        0x6a7e_0001,
        |r: &mut Rng| match r.below(3) {
            0 => r.bytes(64),
            _ => r.mutate(&seed),
        },
        |b: &Vec<u8>| backend_stream(b),
    );
}

/// A RowDescription of random types over DataRows of values made from the text decoders'
/// alphabet: the non-raw JSON conversion of every type family.
#[test]
fn result_values_in_every_type() {
    const OIDS: &[u32] = &[
        16, 17, 18, 19, 20, 21, 23, 25, 26, 114, 142, 600, 700, 701, 790, 1000, 1005, 1007, 1009, 1016, 1021, 1022,
        1082, 1083, 1114, 1115, 1182, 1184, 1185, 1186, 1231, 1266, 1700, 2950, 3802, 3807, 1020, 0, 99999,
    ];
    run(
        "gateway result values",
        0x6a7e_0002,
        |r: &mut Rng| {
            let oid = OIDS[r.below(OIDS.len())];
            let cell = if r.below(8) == 0 { harness::lossy(&r.bytes(16)) } else { r.text(harness::CELL, 12) };
            (oid, cell)
        },
        |(oid, cell): &(u32, String)| {
            let mut body = BytesMut::new();
            body.put_i16(1);
            body.put_slice(b"v\0");
            body.put_u32(0);
            body.put_i16(0);
            body.put_u32(*oid);
            body.put_i16(-1);
            body.put_i32(-1);
            body.put_i16(0);
            let mut stream = BytesMut::new();
            wire::encode_backend(b'T', &body, &mut stream);
            let mut row = BytesMut::new();
            row.put_i16(1);
            row.put_i32(cell.len() as i32);
            row.put_slice(cell.as_bytes());
            wire::encode_backend(b'D', &row, &mut stream);
            backend_stream(&stream);
        },
    );
}

#[test]
fn websocket_startup_and_password() {
    let mut seed = BytesMut::new();
    postgres_protocol::message::frontend::startup_message([("user", "u"), ("database", "d")], &mut seed).unwrap();
    postgres_protocol::message::frontend::password_message(b"secret", &mut seed).unwrap();
    postgres_protocol::message::frontend::query("SELECT 1", &mut seed).unwrap();
    let seed = seed.to_vec();
    run(
        "gateway websocket startup",
        0x6a7e_0003,
        |r: &mut Rng| if r.below(4) == 0 { r.bytes(40) } else { r.mutate(&seed) },
        |b: &Vec<u8>| {
            let mut buf = BytesMut::from(&b[..]);
            while let Ok(Some(_)) = crate::websocket::parse_startup(&mut buf) {}
            let mut buf = BytesMut::from(&b[..]);
            let _ = crate::websocket::parse_startup(&mut buf);
            let _ = crate::websocket::parse_password(&mut buf);
        },
    );
}

#[test]
fn connection_strings() {
    const ALPHABET: &[&str] = &[
        "postgres://",
        "postgresql://",
        "user",
        ":",
        "@",
        "pw",
        "%",
        "%40",
        "%zz",
        "%2",
        "host",
        ".",
        "neon.tech",
        "/",
        "db",
        "?",
        "sslmode=require",
        "&",
        "options=",
        "[",
        "]",
        "::1",
        "5432",
        "99999",
        "#",
        " ",
        "é",
        "\u{0}",
    ];
    run(
        "gateway connection strings",
        0x6a7e_0004,
        |r: &mut Rng| (r.text(ALPHABET, 14), r.below(2) == 0),
        |(s, auth): &(String, bool)| {
            let _ = crate::conn_string::parse(s, *auth);
        },
    );
}

#[test]
fn sql_request_bodies() {
    let seed = br#"{"queries":[{"query":"select $1::int, $2","params":[1,null,"x",[1,[2,"a\"b"]],{"k":true}],"arrayMode":true}]}"#;
    run(
        "gateway /sql bodies",
        0x6a7e_0005,
        |r: &mut Rng| if r.below(5) == 0 { r.bytes(48) } else { r.mutate(seed) },
        |b: &Vec<u8>| {
            let _ = serde_json::from_slice::<crate::sql_over_http::Payload>(b);
        },
    );
}
