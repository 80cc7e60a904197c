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

# npm folders, each pinned by its package-lock.json; reinstalled only when the lock changes.
#   tests/golden:  drizzle-orm (the oracle for golden SQL)
#   tests/node:    @neondatabase/serverless + ws (conformance against the gateway)
#   tests/pgtypes: pg-types 2.2 (the oracle for JS-facing decoded values)
for dir in tests/golden tests/node tests/pgtypes; do
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
