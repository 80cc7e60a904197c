#!/usr/bin/env bash
# `make dev`: an embedded PostgreSQL + edgepg-gateway, the demo program through the HTTP driver,
# then the Rust Worker template (worker/) under `wrangler dev` against the gateway (its own
# database `worker` with the schema of docs/worker-api.md), a smoke request, and the URLs.
# Everything keeps running until Ctrl-C, which stops the Worker, the gateway and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${EDGEPG_PORT:-4444}"
worker_port="${EDGEPG_WORKER_PORT:-8787}"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false CI=true NO_UPDATE_NOTIFIER=1
export WRANGLER_LOG_PATH="$PWD/.dev/wrangler-logs"
cargo build --quiet -p edgepg-gateway --bin edgepg-gateway
cargo build --quiet --example dev
mkdir -p .dev
chmod 755 .dev
rm -f .dev/ready.json
target/debug/edgepg-gateway --embedded .dev/pg --listen "127.0.0.1:$port" --ready-file .dev/ready.json &
pid=$!
wpid=""
stop() {
    trap - INT TERM EXIT
    if [ -n "$wpid" ]; then
        kill -TERM "$wpid" 2>/dev/null || true
        wait "$wpid" 2>/dev/null || true
    fi
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
echo "== the Rust Worker template (worker/) under wrangler dev =="
EDGEPG_GATEWAY_READY=.dev/ready.json node tests/worker/dev-db.mjs >.dev/worker.vars
worker_url=$(sed -n 's/^DATABASE_URL=//p' .dev/worker.vars)
tools/node_modules/.bin/wrangler dev --ip 127.0.0.1 --port "$worker_port" --show-interactive-dev-session=false \
    --var "DATABASE_URL:$worker_url" --var "DATABASE_ENDPOINT:$sql" --var "DATABASE_WS_URL:$(field ws)" \
    >.dev/wrangler.log 2>&1 &
wpid=$!
base="http://127.0.0.1:$worker_port"
for _ in $(seq 1 1800); do # the first run builds the Worker (worker-build): a few minutes
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    kill -0 "$wpid" 2>/dev/null || { echo "wrangler dev stopped; see .dev/wrangler.log" >&2; tail -20 .dev/wrangler.log >&2; exit 1; }
    sleep 0.2
done
curl -fsS "$base/health" >/dev/null 2>&1 || { echo "the Worker did not answer; see .dev/wrangler.log" >&2; exit 1; }
echo "GET  /health -> $(curl -sS "$base/health")"
email="dev-$(date +%s)@example.com"
echo "POST /users  -> $(curl -sS -X POST "$base/users" -H 'content-type: application/json' \
    -d "{\"name\":\"Dev\",\"email\":\"$email\"}")"
echo "GET  /users?limit=3 -> $(curl -sS "$base/users?limit=3")"
# an interactive transaction over the WebSocket: two users, one merged into the other
a=$(curl -sS -X POST "$base/users" -H 'content-type: application/json' -d "{\"name\":\"A\",\"email\":\"a-$email\"}" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
b=$(curl -sS -X POST "$base/users" -H 'content-type: application/json' -d "{\"name\":\"B\",\"email\":\"b-$email\"}" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
echo "POST /users/merge {from: $a, into: $b} -> $(curl -sS -X POST "$base/users/merge" -H 'content-type: application/json' -d "{\"from\":$a,\"into\":$b}")"
echo
echo "Running (Ctrl-C stops the Worker, the gateway and its PostgreSQL):"
echo "  Worker API    : $base  (docs/worker-api.md; logs in .dev/wrangler.log)"
echo "  SQL over HTTP : $sql"
echo "  WebSocket     : $(field ws)"
echo "  stats         : $(field stats)"
echo "  connection    : $url"
wait "$pid"
