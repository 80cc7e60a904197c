#!/usr/bin/env bash
# Runs a command with a RELEASE edgepg-gateway up (benchmarks must not measure a debug build).
#
#   bench/gateway/with-release-gateway.sh CMD [ARGS...]
#
# If EDGEPG_GATEWAY_READY names a running gateway's ready file (e.g. under scripts/with-gateway.sh),
# the release gateway is started in front of the same PostgreSQL (its "postgres" URL); otherwise
# it starts its own embedded PostgreSQL. CMD then sees EDGEPG_GATEWAY_READY pointing at the release
# gateway's ready file (with its "pid"), and EDGEPG_BENCH_RELEASE=1. EDGEPG_GATEWAY_BIN=path runs
# that binary instead (e.g. one built from another commit). scripts/with-gateway.sh does the rest.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -n "${EDGEPG_GATEWAY_READY:-}" ] && [ -s "$EDGEPG_GATEWAY_READY" ]; then
    EDGEPG_GATEWAY_UPSTREAM=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).postgres' "$EDGEPG_GATEWAY_READY")
    export EDGEPG_GATEWAY_UPSTREAM
fi
export EDGEPG_GATEWAY_PROFILE=release EDGEPG_BENCH_RELEASE=1
exec "$root/scripts/with-gateway.sh" "$@"
