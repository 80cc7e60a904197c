#!/usr/bin/env bash
# Installs the packed tarball (make pkg) into this folder, then runs the type tests (tsc) and
# the node:test suites.
# Needs EDGEPG_GATEWAY_READY (scripts/with-gateway.sh) for the suites that query a database.
set -euo pipefail
cd "$(dirname "$0")"
version=$(node -p 'require("../../pkg/package.json").version')
tgz="../../edgepg-$version.tgz"
[ -f "$tgz" ] || { echo "tests/ts: $tgz is missing: run make pkg" >&2; exit 1; }
rm -rf node_modules/edgepg
npm install --no-save --no-audit --no-fund --loglevel=error "$tgz"
echo "tests/ts: tsc --noEmit (type tests; type parity with drizzle-orm's own .d.ts)"
npx tsc -p types
npx tsc -p types-parity
TZ=UTC node --test --test-concurrency=1 "$@" ./*.test.mjs parity.mjs
