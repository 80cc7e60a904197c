#!/usr/bin/env bash
# Runs a command with ONE edgepg-gateway (and its embedded PostgreSQL) up for its whole duration.
# The command finds it through EDGEPG_GATEWAY_READY (the gateway's ready file: URLs, connection
# string). Everything is stopped and removed afterwards, whatever the command's outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p edgepg-gateway --bin edgepg-gateway
dir=$(mktemp -d "${TMPDIR:-/tmp}/edgepg-test.XXXXXX")
chmod 755 "$dir" # the embedded PostgreSQL runs as an unprivileged user when we are root
target/debug/edgepg-gateway --embedded "$dir/pg" --listen 127.0.0.1:0 --ready-file "$dir/ready.json" \
    >"$dir/gateway.log" 2>&1 </dev/null &
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
        echo "edgepg-gateway did not start:" >&2
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
    echo "--- edgepg-gateway log (last 40 lines) ---" >&2
    tail -n 40 "$dir/gateway.log" >&2 || true
fi
exit "$status"
