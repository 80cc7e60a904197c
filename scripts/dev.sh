#!/usr/bin/env bash
# `make dev`: an embedded PostgreSQL + edgepg-gateway, the demo program through the HTTP driver,
# then the gateway keeps running (its URLs printed) until Ctrl-C, which stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${EDGEPG_PORT:-4444}"
cargo build --quiet -p edgepg-gateway --bin edgepg-gateway
cargo build --quiet --example dev
mkdir -p .dev
chmod 755 .dev
rm -f .dev/ready.json
target/debug/edgepg-gateway --embedded .dev/pg --listen "127.0.0.1:$port" --ready-file .dev/ready.json &
pid=$!
stop() {
    trap - INT TERM EXIT
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT
for _ in $(seq 1 900); do
    [ -s .dev/ready.json ] && break
    kill -0 "$pid" 2>/dev/null || { echo "edgepg-gateway did not start" >&2; exit 1; }
    sleep 0.1
done
field() { node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('.dev/ready.json','utf8'))['$1'])"; }
url=$(field connectionString)
sql=$(field sql)
echo
echo "== demo: schema, upsert, batch insert, join — through the SQL-over-HTTP driver =="
EDGEPG_DATABASE_URL="$url" EDGEPG_SQL_ENDPOINT="$sql" target/debug/examples/dev
echo
echo "edgepg-gateway is running (Ctrl-C stops it and its PostgreSQL):"
echo "  SQL over HTTP : $sql"
echo "  WebSocket     : $(field ws)"
echo "  stats         : $(field stats)"
echo "  connection    : $url"
wait "$pid"
