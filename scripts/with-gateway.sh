#!/usr/bin/env bash
# Runs a command with ONE edgepg-gateway (and its embedded PostgreSQL) up for its whole duration.
# The command finds it through EDGEPG_GATEWAY_READY (the gateway's ready file: URLs, connection
# string). Everything is stopped and removed afterwards, whatever the command's outcome.
#
# Environment (optional):
#   EDGEPG_GATEWAY_PROFILE=release   build and run the release gateway (benchmarks); default debug
#   EDGEPG_GATEWAY_BIN=path          run this binary as is (e.g. one built from another commit)
#   EDGEPG_GATEWAY_UPSTREAM=url      in front of this PostgreSQL (--postgres) instead of an embedded one
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${EDGEPG_GATEWAY_PROFILE:-debug}"
if [ -n "${EDGEPG_GATEWAY_BIN:-}" ]; then
    bin="$EDGEPG_GATEWAY_BIN"
elif [ "$profile" = release ]; then
    cargo build --quiet --release -p edgepg-gateway --bin edgepg-gateway
    bin=target/release/edgepg-gateway
else
    cargo build --quiet -p edgepg-gateway --bin edgepg-gateway
    bin=target/debug/edgepg-gateway
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/edgepg-test.XXXXXX")
chmod 755 "$dir" # the embedded PostgreSQL runs as an unprivileged user when we are root
if [ -n "${EDGEPG_GATEWAY_UPSTREAM:-}" ]; then
    source=(--postgres "$EDGEPG_GATEWAY_UPSTREAM")
else
    source=(--embedded "$dir/pg")
fi
"$bin" "${source[@]}" --listen 127.0.0.1:0 --ready-file "$dir/ready.json" >"$dir/gateway.log" 2>&1 </dev/null &
pid=$!
cleanup() {
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 900); do
    [ -s "$dir/ready.json" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "edgepg-gateway ($profile) did not start:" >&2
        cat "$dir/gateway.log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -s "$dir/ready.json" ] || { echo "edgepg-gateway was not ready in 90 s" >&2; cat "$dir/gateway.log" >&2; exit 1; }
export EDGEPG_GATEWAY_READY="$dir/ready.json"
status=0
"$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- edgepg-gateway ($profile) log (last 40 lines) ---" >&2
    tail -n 40 "$dir/gateway.log" >&2 || true
fi
exit "$status"
