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

if ! need node || ! need npm; then
    echo "setup: installing Node.js and npm from Debian's packages"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi

# drizzle-orm (the oracle for golden SQL), pinned by tests/golden/package-lock.json.
stamp=tests/golden/node_modules/.edgepg-installed-lock
if [ ! -f tests/golden/node_modules/drizzle-orm/package.json ] || ! cmp -s tests/golden/package-lock.json "$stamp"; then
    echo "setup: npm ci in tests/golden"
    (cd tests/golden && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/golden/package-lock.json "$stamp"
fi
