#!/usr/bin/env bash
# The Worker templates' e2e suite (api.test.mjs) for each template named (default: both):
#   rust  builds the Rust Worker first, through the root wrangler.toml's [build] command
#         (`wrangler deploy --dry-run --outdir worker/dist`: worker-build, offline), which also
#         prints the upload size;
#   ts    examples/ts-worker (the harness bundles it with wrangler); a missing template fails.
# Needs EDGEPG_GATEWAY_READY: run it under scripts/with-gateway.sh (make worker does).
set -euo pipefail
cd "$(dirname "$0")/../.."

export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false CI=true NO_UPDATE_NOTIFIER=1
export WRANGLER_LOG_PATH="${TMPDIR:-/tmp}/edgepg-worker-tests-wrangler-logs"
wrangler=tools/node_modules/.bin/wrangler
templates=("$@")
[ ${#templates[@]} -gt 0 ] || templates=(rust ts)

for t in "${templates[@]}"; do
    case "$t" in
    rust)
        echo "tests/worker: building the Rust Worker (worker-build via wrangler.toml)"
        rm -rf worker/dist
        log=$(mktemp)
        if ! "$wrangler" deploy --dry-run --outdir worker/dist >"$log" 2>&1; then
            tail -n 60 "$log" >&2
            rm -f "$log"
            echo "tests/worker: the Rust Worker did not build" >&2
            exit 1
        fi
        grep -E 'Total Upload' "$log" | sed 's/^/tests\/worker: rust bundle: /' || true
        rm -f "$log"
        ;;
    ts)
        if [ ! -f examples/ts-worker/wrangler.toml ]; then
            echo "tests/worker: the TypeScript Worker (examples/ts-worker/wrangler.toml) is missing" >&2
            exit 1
        fi
        ;;
    *)
        echo "tests/worker: unknown template $t (rust|ts)" >&2
        exit 2
        ;;
    esac
    echo "tests/worker: the API suite against the $t template"
    WORKER="$t" node --test --test-concurrency=1 tests/worker/api.test.mjs
done
