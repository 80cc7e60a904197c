//! drizzle-kit's migration SQL, byte for byte: for every step of `tests/kit/expected/` (written
//! by drizzle-kit 0.31 itself, `tests/kit/generate.mjs`), `edgepg::kit::migration_sql` of the
//! step's previous and new snapshots must equal the step's `.sql` file. Steps edgepg cannot
//! generate yet are listed in `tests/kit/pending.json`, which must be exactly the failing ones.

use std::path::Path;

#[test]
fn every_step_is_drizzle_kits_sql() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kit/expected");
    let journal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta/_journal.json")).unwrap()).unwrap();
    let empty = r#"{"tables":{},"enums":{},"schemas":{}}"#.to_owned();
    let mut prev = empty;
    let mut failing = vec![];
    let entries = journal["entries"].as_array().unwrap();
    for e in entries {
        let (idx, tag) = (e["idx"].as_u64().unwrap(), e["tag"].as_str().unwrap());
        let next = std::fs::read_to_string(dir.join(format!("meta/{idx:04}_snapshot.json"))).unwrap();
        let want = std::fs::read_to_string(dir.join(format!("{tag}.sql"))).unwrap();
        match edgepg::kit::migration_sql(&prev, &next) {
            Ok(got) if got == want => {}
            Ok(got) => {
                eprintln!("{tag}:\n--- drizzle-kit\n{want}\n--- edgepg\n{got}\n");
                failing.push(tag.to_owned());
            }
            Err(e) => {
                eprintln!("{tag}: {e}");
                failing.push(tag.to_owned());
            }
        }
        prev = next;
    }
    let pending: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kit/pending.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(failing, pending, "tests/kit/pending.json must list exactly the steps that fail");
    println!("{} of {} steps are drizzle-kit's SQL byte for byte", entries.len() - failing.len(), entries.len());
}
