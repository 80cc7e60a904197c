//! Assertions shared by the integration tests.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{query_rows, Gateway, HttpResponse};

/// Headers of the JS driver: raw text output, array rows.
pub const RAW_ARRAY: &[(&str, &str)] = &[("Neon-Raw-Text-Output", "true"), ("Neon-Array-Mode", "true")];

/// The 17 keys of an error body, in Neon's order.
pub const ERROR_KEYS: [&str; 17] = [
    "message",
    "code",
    "detail",
    "hint",
    "position",
    "internalPosition",
    "internalQuery",
    "severity",
    "where",
    "table",
    "column",
    "schema",
    "dataType",
    "constraint",
    "file",
    "line",
    "routine",
];

/// A gateway-level error: exact status and message, `code`/`severity` "", the rest null.
pub fn assert_gateway_error(r: &HttpResponse, status: u16, message: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let body = r.json();
    let obj = body.as_object().expect("object");
    let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    let mut expected = ERROR_KEYS.to_vec();
    expected.sort();
    assert_eq!(keys, expected, "17 keys");
    assert_eq!(body["message"], message);
    assert_eq!(body["code"], "");
    assert_eq!(body["severity"], "");
    for key in ERROR_KEYS.iter().filter(|k| !matches!(**k, "message" | "code" | "severity")) {
        assert!(body[key].is_null(), "{key} should be null: {body}");
    }
    // Key order of Neon's encoder.
    let text = r.text();
    let positions: Vec<usize> = ERROR_KEYS.iter().map(|k| text.find(&format!("\"{k}\":")).expect(k)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "key order: {text}");
}

/// A PostgreSQL error (400) with `code` and `message`; returns the body.
pub fn assert_pg_error(r: &HttpResponse, code: &str, message: &str) -> Value {
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let body = r.json();
    assert_eq!(body.as_object().map(|o| o.len()), Some(17), "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["message"], message, "{body}");
    body
}

/// `neon-request-id` is a lower-case UUID v4.
pub fn assert_uuid_v4(id: Option<&str>) {
    let id = id.expect("neon-request-id header");
    let parts: Vec<&str> = id.split('-').collect();
    assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12], "{id}");
    assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{id}");
    assert!(parts[2].starts_with('4'), "{id}");
    assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'), "{id}");
}

/// Polls `check` every 50 ms until it holds or `timeout` passes (then panics).
pub async fn wait_for<F, Fut>(what: &str, timeout: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sessions of the connection string's database that sit in an open transaction.
pub async fn open_transactions(gw: &Gateway, conn: &str) -> usize {
    query_rows(
        gw,
        conn,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
        json!([]),
    )
    .await[0][0]
        .as_str()
        .expect("count")
        .parse()
        .expect("number")
}
