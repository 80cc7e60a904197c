#!/usr/bin/env bash
# The gateway part of `make bench`: installs wrk if missing, builds a release edgepg-gateway, and
# with it up (in front of the PostgreSQL of EDGEPG_GATEWAY_READY if set, else its own embedded
# one) runs the point-query throughput comparison with pgbench (throughput.sh) and the 64-client
# mixed load test (load.mjs). Exits non-zero if either reports an error.
#
#   bench/gateway/run.sh                      # standalone
#   scripts/with-gateway.sh bench/gateway/run.sh
#   BENCH_SECONDS=5 BENCH_ROUNDS=1 LOAD_SECONDS=5 bench/gateway/run.sh   # quick
#
# Needs bench/node's packages for load.mjs (cd bench/node && npm ci).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/install.sh"
exec "$here/with-release-gateway.sh" bash -c '"$1/throughput.sh" && echo && node "$1/load.mjs"' run.sh "$here"
