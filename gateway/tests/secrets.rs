//! Files holding secrets are readable by their owner only: the ready file (its connection string
//! carries the password) and the embedded cluster's password file.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode() & 0o777
}

#[test]
fn the_ready_file_and_the_password_file_are_owner_only() {
    let ready = std::env::var("EDGEPG_GATEWAY_READY")
        .expect("EDGEPG_GATEWAY_READY is not set: run under scripts/with-gateway.sh (make test does)");
    let ready = Path::new(&ready);
    assert_eq!(mode(ready), 0o600, "{}", ready.display());
    // scripts/with-gateway.sh runs `--embedded <dir>/pg --ready-file <dir>/ready.json`
    let password = ready.parent().expect("a folder").join("pg").join("password");
    assert!(password.exists(), "{} does not exist", password.display());
    assert_eq!(mode(&password), 0o600, "{}", password.display());
}
