#!/usr/bin/env bash
# Runs a command with a RELEASE edgepg-gateway up (benchmarks must not measure a debug build).
#
#   bench/gateway/with-release-gateway.sh CMD [ARGS...]
#
# If EDGEPG_GATEWAY_READY names a running gateway's ready file (e.g. under scripts/with-gateway.sh),
# the release gateway is started in front of the same PostgreSQL (its "postgres" URL); otherwise
# it starts its own embedded PostgreSQL. CMD then sees EDGEPG_GATEWAY_READY pointing at the release
# gateway's ready file (with its "pid"), and EDGEPG_BENCH_RELEASE=1. Everything it started is
# stopped and removed afterwards, whatever CMD's outcome.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# EDGEPG_GATEWAY_BIN=path: use that binary as is (e.g. a copy built from another commit).
if [ -n "${EDGEPG_GATEWAY_BIN:-}" ]; then
    bin="$EDGEPG_GATEWAY_BIN"
else
    CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}" cargo build --quiet --release -p edgepg-gateway --bin edgepg-gateway
    bin="$root/target/release/edgepg-gateway"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/edgepg-bench.XXXXXX")
chmod 755 "$dir" # the embedded PostgreSQL runs as an unprivileged user when we are root
if [ -n "${EDGEPG_GATEWAY_READY:-}" ] && [ -s "$EDGEPG_GATEWAY_READY" ]; then
    upstream=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).postgres' "$EDGEPG_GATEWAY_READY")
    "$bin" --postgres "$upstream" --listen 127.0.0.1:0 --ready-file "$dir/ready.json" \
        >"$dir/gateway.log" 2>&1 </dev/null &
else
    "$bin" --embedded "$dir/pg" --listen 127.0.0.1:0 --ready-file "$dir/ready.json" \
        >"$dir/gateway.log" 2>&1 </dev/null &
fi
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
        echo "release edgepg-gateway did not start:" >&2
        cat "$dir/gateway.log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -s "$dir/ready.json" ] || { echo "release edgepg-gateway was not ready in 90 s" >&2; cat "$dir/gateway.log" >&2; exit 1; }
export EDGEPG_GATEWAY_READY="$dir/ready.json" EDGEPG_BENCH_RELEASE=1
status=0
"$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- release edgepg-gateway log (last 40 lines) ---" >&2
    tail -n 40 "$dir/gateway.log" >&2 || true
fi
exit "$status"
