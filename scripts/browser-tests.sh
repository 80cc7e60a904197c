#!/usr/bin/env bash
# Runs tests/browser.rs (the driver in headless Chromium, wasm-bindgen-test) against the gateway
# of scripts/with-gateway.sh: `scripts/with-gateway.sh scripts/browser-tests.sh`. The gateway's
# URLs go into the wasm test binary at compile time (there is no environment in a browser).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -n "${EDGEPG_GATEWAY_READY:-}" ] || {
    echo "browser-tests: EDGEPG_GATEWAY_READY is not set (run under scripts/with-gateway.sh)" >&2
    exit 1
}
read_ready() {
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
             const v = r[process.argv[2]];
             if (typeof v !== "string" || !v) { console.error(`no "${process.argv[2]}" in ${process.argv[1]}`); process.exit(1); }
             process.stdout.write(v)' "$EDGEPG_GATEWAY_READY" "$1"
}
EDGEPG_TEST_SQL_URL=$(read_ready sql)
EDGEPG_TEST_WS_URL=$(read_ready ws)
EDGEPG_TEST_DATABASE_URL=$(read_ready connectionString)
export EDGEPG_TEST_SQL_URL EDGEPG_TEST_WS_URL EDGEPG_TEST_DATABASE_URL

# wasm-pack drives chromedriver (Debian's, on PATH) through wasm-bindgen-test-runner (the
# crate's wasm-bindgen version, installed by scripts/setup.sh; --mode no-install never downloads);
# webdriver.json at the root adds Chromium's flags. wasm-pack hands the arguments it does not know
# to `cargo test`: `--features ws` builds the WebSocket driver and its tests; `-- <filter>` picks tests.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
exec wasm-pack test --headless --chrome --mode no-install --test browser --features ws "$@"
