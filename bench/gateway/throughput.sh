#!/usr/bin/env bash
# Point-query throughput: edgepg-gateway's SQL-over-HTTP (wrk, keep-alive) against direct
# PostgreSQL (pgbench, extended protocol), in the same run, alternately, so both share the noise.
#
#   scripts/with-gateway.sh bench/gateway/throughput.sh     # or standalone: bench/gateway/throughput.sh
#
# The measured gateway is always a RELEASE build: unless EDGEPG_BENCH_RELEASE is set (by
# bench/gateway/with-release-gateway.sh) this script re-runs itself under that wrapper, which
# builds `cargo build --release -p edgepg-gateway` and starts it in front of the PostgreSQL of
# EDGEPG_GATEWAY_READY (or of its own embedded one). BENCH_ANY_GATEWAY=1 measures the gateway
# of EDGEPG_GATEWAY_READY as it is instead.
#
# Workload: table `point(id int primary key, v text)` with BENCH_ROWS rows in a database of its
# own (bench_gateway); one statement `select v from point where id = $1` with a random id.
#   pgbench -n -M extended -c C -j T -T S -f point.sql   (direct PostgreSQL URL)
#   wrk -c C -t T -d S --latency -s point.lua            (POST /sql, Neon-Connection-String)
# Environment: BENCH_SECONDS (15) per run, BENCH_ROUNDS (3) pairs of runs, BENCH_CLIENTS (16),
# BENCH_THREADS (2), BENCH_ROWS (10000), BENCH_WARMUP (3 s of each first, not reported),
# BENCH_MIN_RATIO (unset: report only; set: exit 1 when the median ratio is below it),
# BENCH_JSON (a file to write the figures to, as JSON).
# Exits non-zero on any non-2xx response, socket error or failed pgbench transaction.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ -z "${EDGEPG_BENCH_RELEASE:-}" ] && [ -z "${BENCH_ANY_GATEWAY:-}" ]; then
    exec "$here/with-release-gateway.sh" "$here/throughput.sh" "$@"
fi
[ -n "${EDGEPG_GATEWAY_READY:-}" ] || { echo "throughput.sh: EDGEPG_GATEWAY_READY is not set" >&2; exit 2; }
"$here/install.sh"

SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
ROUNDS="${BENCH_ROUNDS:-3}"
CLIENTS="${BENCH_CLIENTS:-16}"
THREADS="${BENCH_THREADS:-2}"
ROWS="${BENCH_ROWS:-10000}"
WARMUP="${BENCH_WARMUP:-3}"

field() { node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]]' "$EDGEPG_GATEWAY_READY" "$1"; }
pg_url=$(field postgres)
conn=$(field connectionString)
sql_url=$(field sql)
stats_url=$(field stats)
gw_pid=$(field pid)
# the same URLs, on the benchmark's own database (no query string in ready-file URLs)
pg_db="${pg_url%/*}/bench_gateway"
conn_db="${conn%/*}/bench_gateway"

work=$(mktemp -d "${TMPDIR:-/tmp}/edgepg-throughput.XXXXXX")
trap 'rm -rf "$work"' EXIT

PGOPTIONS="-c client_min_messages=warning" psql -q -X -v ON_ERROR_STOP=1 "$pg_url" >/dev/null <<SQL
drop database if exists bench_gateway with (force);
create database bench_gateway;
SQL
PGOPTIONS="-c client_min_messages=warning" psql -q -X -v ON_ERROR_STOP=1 "$pg_db" >/dev/null <<SQL
create table point (id int primary key, v text not null);
insert into point select i, md5(i::text) from generate_series(1, $ROWS) i;
vacuum analyze point;
SQL
printf '\\set id random(1, %d)\nselect v from point where id = :id;\n' "$ROWS" >"$work/point.sql"

# One request by hand first: it must be a 200 with the row the table holds.
probe=$(curl -sS -o "$work/probe.json" -w '%{http_code}' -X POST "$sql_url" \
    -H "Neon-Connection-String: $conn_db" -H 'Neon-Raw-Text-Output: true' -H 'Neon-Array-Mode: true' \
    -H 'Content-Type: application/json' --data '{"query":"select v from point where id = $1","params":["42"]}')
expected="[[\"$(printf '%s' 42 | md5sum | cut -d' ' -f1)\"]]"
if [ "$probe" != 200 ] || ! grep -qF "\"rows\":$expected" "$work/probe.json"; then
    echo "throughput.sh: probe request failed: HTTP $probe $(cat "$work/probe.json")" >&2
    exit 1
fi

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$gw_pid/stat"; }
hz=$(getconf CLK_TCK)
requests_total() { curl -sS "$stats_url" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).requests))'; }

# wrk prints latencies as 812.00us / 1.35ms / 2.10s: to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; else if (v ~ /m$/) n *= 60000; printf "%.3f", n }'; }

# Runs pgbench for $1 seconds; sets PG_TPS PG_AVG PG_P50 PG_P99 PG_FAILED.
run_pgbench() {
    local secs=$1 tag=$2 out
    rm -f "$work"/pglog.*
    out=$(pgbench -n -M extended -c "$CLIENTS" -j "$THREADS" -T "$secs" -f "$work/point.sql" \
        --log --log-prefix="$work/pglog" --sampling-rate=0.1 "$pg_db" 2>&1) || { echo "$out" >&2; return 1; }
    echo "$out" >"$work/pgbench.$tag.txt"
    PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | tail -n1)
    PG_AVG=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$out")
    PG_FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
    PG_FAILED=${PG_FAILED:-0}
    # log lines: client_id transaction_no latency_us script_no epoch epoch_us
    read -r PG_P50 PG_P99 < <(cat "$work"/pglog.* | awk '{ print $3 }' | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan nan"; exit }
             i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
             printf "%.3f %.3f\n", v[i50] / 1000, v[i99] / 1000 }')
}

# Runs wrk for $1 seconds; sets WRK_RPS WRK_AVG WRK_P50 WRK_P99 WRK_ERRORS WRK_REQS GW_CPU_US.
run_wrk() {
    local secs=$1 tag=$2 out c0 c1 r0 r1
    c0=$(cpu_ticks)
    r0=$(requests_total)
    out=$(BENCH_CONN="$conn_db" BENCH_ROWS="$ROWS" wrk -c "$CLIENTS" -t "$THREADS" -d "${secs}s" --latency \
        -s "$here/point.lua" "$sql_url" 2>&1) || { echo "$out" >&2; return 1; }
    c1=$(cpu_ticks)
    r1=$(requests_total)
    echo "$out" >"$work/wrk.$tag.txt"
    WRK_RPS=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    WRK_AVG=$(to_ms "$(awk '$1 == "Latency" && NF >= 5 { print $2; exit }' <<<"$out")")
    WRK_P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    WRK_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    local non2xx sock
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
    sock=$(awk '/Socket errors:/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }' <<<"$out")
    WRK_ERRORS=$(( ${non2xx:-0} + ${sock:-0} ))
    WRK_REQS=$((r1 - r0))
    GW_CPU_US=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="$WRK_REQS" 'BEGIN { printf "%.1f", n ? t / hz * 1e6 / n : 0 }')
}

echo "edgepg-gateway point-query throughput: $CLIENTS connections, $THREADS load threads, $ROWS rows, ${SECONDS_PER_RUN} s per run, $ROUNDS rounds, $(nproc) CPUs"
echo "gateway: $(readlink "/proc/$gw_pid/exe" 2>/dev/null || echo "pid $gw_pid")"
if [ "$WARMUP" -gt 0 ]; then
    run_pgbench "$WARMUP" warm
    run_wrk "$WARMUP" warm
fi

errors=0
pg_tps=() wrk_rps=() wrk_p99=() pg_p99=() ratios=()
printf '\n%-5s %-8s %10s %8s %8s %8s %7s %12s\n' round tool "rate/s" "avg ms" "p50 ms" "p99 ms" errors "gw CPU us/req"
for r in $(seq 1 "$ROUNDS"); do
    run_pgbench "$SECONDS_PER_RUN" "r$r"
    printf '%-5s %-8s %10.0f %8.3f %8.3f %8.3f %7d %12s\n' "$r" pgbench "$PG_TPS" "$PG_AVG" "$PG_P50" "$PG_P99" "$PG_FAILED" -
    run_wrk "$SECONDS_PER_RUN" "r$r"
    printf '%-5s %-8s %10.0f %8.3f %8.3f %8.3f %7d %12s\n' "$r" wrk "$WRK_RPS" "$WRK_AVG" "$WRK_P50" "$WRK_P99" "$WRK_ERRORS" "$GW_CPU_US"
    errors=$((errors + PG_FAILED + WRK_ERRORS))
    pg_tps+=("$PG_TPS") pg_p99+=("$PG_P99") wrk_rps+=("$WRK_RPS") wrk_p99+=("$WRK_P99")
    ratios+=("$(awk -v a="$WRK_RPS" -v b="$PG_TPS" 'BEGIN { printf "%.3f", a / b }')")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_pg=$(median "${pg_tps[@]}")
m_wrk=$(median "${wrk_rps[@]}")
m_ratio=$(median "${ratios[@]}")
echo
printf 'median pgbench (direct PostgreSQL): %.0f tps, p99 %s ms\n' "$m_pg" "$(median "${pg_p99[@]}")"
printf 'median wrk (gateway /sql):          %.0f req/s, p99 %s ms\n' "$m_wrk" "$(median "${wrk_p99[@]}")"
printf 'ratio gateway/pgbench per round: %s; median %s (goal >= 0.35)\n' "${ratios[*]}" "$m_ratio"
echo "errors (non-2xx + socket errors + failed pgbench transactions): $errors"

if [ -n "${BENCH_JSON:-}" ]; then
    cat >"$BENCH_JSON" <<JSON
{"clients":$CLIENTS,"seconds":$SECONDS_PER_RUN,"rounds":$ROUNDS,"rows":$ROWS,
 "pgbenchTps":[$(IFS=,; echo "${pg_tps[*]}")],"pgbenchP99Ms":[$(IFS=,; echo "${pg_p99[*]}")],
 "wrkRps":[$(IFS=,; echo "${wrk_rps[*]}")],"wrkP99Ms":[$(IFS=,; echo "${wrk_p99[*]}")],
 "ratios":[$(IFS=,; echo "${ratios[*]}")],"medianRatio":$m_ratio,"errors":$errors}
JSON
fi

PGOPTIONS="-c client_min_messages=warning" psql -q -X "$pg_url" -c 'drop database if exists bench_gateway with (force)' >/dev/null 2>&1 || true
[ "$errors" -eq 0 ] || { echo "throughput.sh: $errors errors" >&2; exit 1; }
if [ -n "${BENCH_MIN_RATIO:-}" ] && awk -v r="$m_ratio" -v m="$BENCH_MIN_RATIO" 'BEGIN { exit !(r < m) }'; then
    echo "throughput.sh: median ratio $m_ratio is below BENCH_MIN_RATIO=$BENCH_MIN_RATIO" >&2
    exit 1
fi
