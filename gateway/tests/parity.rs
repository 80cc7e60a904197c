//! Parity with the real JS client: for every case of `tests/node/cases.json` (each type OID of
//! docs/protocol.md §4.2 and more), the value edgepg decodes, in its JS-facing form, equals what
//! `@neondatabase/serverless` returns for the same query through the same gateway.

mod common;

use std::path::Path;
use std::process::Command;

use common::gateway;
use edgepg::neon_http::NeonHttp;
use edgepg::types::js_value;
use serde_json::Value as Json;

#[tokio::test]
async fn decoded_values_equal_neondatabase_serverless() {
    let g = gateway();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let node_dir = root.join("tests/node");
    let cases: Vec<Json> =
        serde_json::from_str(&std::fs::read_to_string(node_dir.join("cases.json")).unwrap()).unwrap();

    // The JS side: the real driver, through the same gateway.
    let ready = std::env::temp_dir().join(format!("edgepg-parity-{}.json", std::process::id()));
    std::fs::write(&ready, g.ready.to_string()).unwrap();
    let out = Command::new("node")
        .arg("parity-dump.mjs")
        .current_dir(&node_dir)
        .env("EDGEPG_GATEWAY_READY", &ready)
        .env("TZ", "UTC")
        .output()
        .expect("node runs (make test installs it)");
    let _ = std::fs::remove_file(&ready);
    assert!(out.status.success(), "parity-dump.mjs failed: {}", String::from_utf8_lossy(&out.stderr));
    let js: Vec<Json> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js.len(), cases.len());

    // The Rust side: the same query through edgepg's driver.
    let list: Vec<String> =
        cases.iter().enumerate().map(|(i, c)| format!("{} as c{i}", c["expr"].as_str().unwrap())).collect();
    let db = NeonHttp::builder(&g.connection_string).endpoint(&g.sql).build().unwrap();
    let r = db.query(&format!("select {}", list.join(", ")), &[]).await.unwrap();
    assert_eq!(r.rows.len(), 1);

    let mut mismatches = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let field = &r.fields[i];
        assert_eq!(u64::from(field.type_oid), case["oid"].as_u64().unwrap(), "{}: OID", case["name"]);
        let ours = js_value(field.type_oid, &r.rows[0][i]).to_tagged_json();
        if ours != js[i]["js"] {
            mismatches.push(format!("{}: edgepg {ours} vs neon {}", case["name"], js[i]["js"]));
        }
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}
