#!/usr/bin/env bash
# Installs what `make test` / `make dev` need, idempotently. Only the package registries and
# rustup are reachable on CI machines: nothing here downloads from GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "setup: adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
        rustup component add "$comp"
    fi
done

# wasm-bindgen CLI (wasm-bindgen, wasm-bindgen-test-runner) for `make pkg` and `make browser`:
# exactly the version of the wasm-bindgen crate in Cargo.lock. Not `--locked`: 0.2.130's own lock
# asks for a webpki-roots release the registry does not serve.
wbg=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -n "$wbg" ] && { [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ] ||
    ! need wasm-bindgen-test-runner; }; then
    echo "setup: cargo install wasm-bindgen-cli $wbg"
    cargo install wasm-bindgen-cli --version "$wbg" --force
fi

# wasm-pack (named by the product design): builds the npm package and runs the Chromium tests,
# with the tools above (it never downloads: both scripts pass --mode no-install).
wp=0.15.1
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $wp" ]; then
    echo "setup: cargo install wasm-pack $wp"
    cargo install wasm-pack --version "$wp" --locked --force
fi

# worker-build (workers-rs) for the Rust Worker template (`make worker`): the release matching the
# worker crate (0.8.x). wrangler.toml's build command runs it offline (WASM_BINDGEN_BIN,
# WASM_OPT_BIN, ESBUILD_BIN: the tools above and in tools/).
wb=0.8.7
if [ "$(worker-build --version 2>/dev/null)" != "$wb" ]; then
    echo "setup: cargo install worker-build $wb"
    cargo install worker-build --version "$wb" --locked --force
fi

if ! need node || ! need npm; then
    echo "setup: installing Node.js and npm from Debian's packages"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi

# npm folders, each pinned by its package-lock.json; reinstalled only when the lock changes.
#   tests/golden:  drizzle-orm (the oracle for golden SQL)
#   tests/node:    @neondatabase/serverless + ws (conformance against the gateway)
#   tests/pgtypes: pg-types 2.2 (the oracle for JS-facing decoded values)
#   tests/ts:      typescript (type tests of the packed package)
#   tests/kit:     drizzle-kit 0.31 (the oracle for generated migration folders)
#   tools:         binaryen 132 (wasm-opt for `make pkg`; never Debian's 108) and wrangler 4.86
#                  (the newest on Node 20: workerd, miniflare, esbuild for the load tests)
for dir in tests/golden tests/node tests/pgtypes tests/ts tests/kit tools; do
    [ -f "$dir/package-lock.json" ] || continue
    stamp="$dir/node_modules/.edgepg-installed-lock"
    if ! cmp -s "$dir/package-lock.json" "$stamp"; then
        echo "setup: npm ci in $dir"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        cp "$dir/package-lock.json" "$stamp"
    fi
done

# PostgreSQL server binaries for edgepg-gateway --embedded (tests and `make dev`).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! need initdb; then
    echo "setup: installing PostgreSQL from Debian's packages"
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi

# Headless Chromium and its ChromeDriver for `make browser` and `make load` (Debian's packages).
if ! need chromium || ! need chromedriver; then
    echo "setup: installing Chromium and ChromeDriver from Debian's packages"
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
