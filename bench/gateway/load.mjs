// Load test of edgepg-gateway: LOAD_CLIENTS (64) concurrent clients for LOAD_SECONDS (60), each
// looping over a random mix of
//   http   one SQL-over-HTTP query (neon() of @neondatabase/serverless over Node's fetch),
//   batch  one SQL-over-HTTP transaction of 3 statements (sql.transaction([...])),
//   ws     one Postgres-over-WebSocket session (Client: connect, a query, BEGIN, INSERT, UPDATE,
//          COMMIT, a check, end),
// with every answer checked. Counts operations and errors per kind (with latency p50/p99), and
// samples the gateway process (the "pid" of the ready file): VmRSS and open file descriptors
// from /proc at the start, every 5 s, and at the end. Exits 1 on any error.
//
//   scripts/with-gateway.sh node bench/gateway/load.mjs            (the gateway under test there)
//   bench/gateway/with-release-gateway.sh node bench/gateway/load.mjs   (a release gateway)
//   LOAD_SECONDS=5 node bench/gateway/load.mjs, or node bench/gateway/load.mjs --smoke   (5 s smoke run)
//
// Environment: LOAD_SECONDS (60), LOAD_CLIENTS (64), LOAD_MIX ("http:5,batch:3,ws:2", weights),
// LOAD_MAX_RSS_GROWTH_MB (unset: report only; set: exit 1 if RSS grew more than that between the
// first 5-s sample and the end). Needs bench/node's packages (@neondatabase/serverless, ws):
// `cd bench/node && npm ci`.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

// bench/node's packages, or tests/node's (the same two, installed by make test's setup) for the
// smoke run in make test
let neonPkg, ws;
for (const where of ['../node/package.json', '../../tests/node/package.json']) {
  try {
    const require = createRequire(new URL(where, import.meta.url));
    neonPkg = require('@neondatabase/serverless');
    ws = require('ws');
    break;
  } catch {}
}
if (!neonPkg) {
  console.error(`bench/gateway/load.mjs needs @neondatabase/serverless and ws: cd bench/node && npm ci`);
  process.exit(2);
}
const { neon, neonConfig, Client } = neonPkg;

const ready = process.env.EDGEPG_GATEWAY_READY;
if (!ready) {
  console.error('bench/gateway/load.mjs needs EDGEPG_GATEWAY_READY (run it under scripts/with-gateway.sh)');
  process.exit(2);
}
const g = JSON.parse(readFileSync(ready, 'utf8'));
const SECONDS = process.argv.includes('--smoke') ? 5 : Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 64);
const MIX = Object.fromEntries(
  (process.env.LOAD_MIX ?? 'http:5,batch:3,ws:2').split(',').map((kv) => {
    const [k, w] = kv.split(':');
    return [k.trim(), Number(w)];
  }),
);
const KINDS = ['http', 'batch', 'ws'];
for (const k of Object.keys(MIX)) if (!KINDS.includes(k)) throw new Error(`LOAD_MIX: unknown kind ${k}`);

neonConfig.fetchEndpoint = g.sql;
neonConfig.webSocketConstructor = ws;
neonConfig.useSecureWebSocket = false;
neonConfig.wsProxy = () => `${new URL(g.ws).host}/v2`;

// ---- gateway process sampling ----------------------------------------------------------------
function sample() {
  const status = readFileSync(`/proc/${g.pid}/status`, 'utf8');
  const kb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  let fds = NaN;
  try {
    fds = readdirSync(`/proc/${g.pid}/fd`).length;
  } catch {}
  return { t: (performance.now() - t0) / 1000, rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), fds };
}
const mib = (kb) => (kb / 1024).toFixed(1);

// ---- setup: a database of its own ----------------------------------------------------------------
const admin = neon(g.connectionString);
await admin.query('drop database if exists bench_load with (force)');
await admin.query('create database bench_load');
const u = new URL(g.connectionString);
u.pathname = '/bench_load';
const url = u.toString();
const sql = neon(url);
await sql.query('create table items (id serial primary key, client int not null, n int not null, note text)');
await sql.query('create table counters (client int primary key, n int not null)');
await sql.query('insert into counters select i, 0 from generate_series(0, $1::int - 1) i', [CLIENTS]);

// ---- the operations ----------------------------------------------------------------------------------
function check(cond, what) {
  if (!cond) throw new Error(`unexpected result: ${what}`);
}

const ops = {
  async http(c, i) {
    if (i % 2) {
      const rows = await sql.query('select $1::int + 1 as x, $2::text as s', [i, `c${c}`]);
      check(rows.length === 1 && rows[0].x === i + 1 && rows[0].s === `c${c}`, JSON.stringify(rows));
    } else {
      const rows = await sql.query('select n from counters where client = $1', [c]);
      check(rows.length === 1 && Number.isInteger(rows[0].n), JSON.stringify(rows));
    }
  },
  async batch(c, i) {
    const [ins, upd, cnt] = await sql.transaction([
      sql`insert into items (client, n, note) values (${c}, ${i}, ${'batch'}) returning id`,
      sql`update counters set n = n + 1 where client = ${c} returning n`,
      sql`select count(*)::int as k from items where client = ${c}`,
    ]);
    check(ins.length === 1 && upd.length === 1 && cnt[0].k >= 1, JSON.stringify([ins, upd, cnt]));
  },
  async ws(c, i) {
    const client = new Client(url);
    client.on('error', () => {}); // surfaced by the awaited calls
    await client.connect();
    try {
      const r1 = await client.query('select $1::int * 2 as y', [i]);
      check(r1.rows[0].y === i * 2, JSON.stringify(r1.rows));
      await client.query('begin');
      const r2 = await client.query('insert into items (client, n, note) values ($1, $2, $3) returning id', [c, i, 'ws']);
      const r3 = await client.query('update counters set n = n + 1 where client = $1 returning n', [c]);
      await client.query('commit');
      check(r2.rowCount === 1 && r3.rowCount === 1, 'insert/update row counts');
      const r4 = await client.query('select note from items where id = $1', [r2.rows[0].id]);
      check(r4.rows[0]?.note === 'ws', JSON.stringify(r4.rows));
    } finally {
      await client.end();
    }
  },
};

const weights = KINDS.map((k) => MIX[k] ?? 0);
const total = weights.reduce((a, b) => a + b, 0);
function pick() {
  let x = Math.random() * total;
  for (let k = 0; k < KINDS.length; k++) if ((x -= weights[k]) < 0) return KINDS[k];
  return KINDS[KINDS.length - 1];
}

const stats = Object.fromEntries(KINDS.map((k) => [k, { ops: 0, errors: 0, lat: [], messages: new Map() }]));

// ---- run ---------------------------------------------------------------------------------------------
const t0 = performance.now();
const samples = [sample()];
const sampler = setInterval(() => samples.push(sample()), 5000);
const deadline = t0 + SECONDS * 1000;
console.log(
  `edgepg-gateway load: ${CLIENTS} clients, ${SECONDS} s, mix ${KINDS.map((k) => `${k}:${MIX[k] ?? 0}`).join(',')}; ` +
    `gateway pid ${g.pid} (${(() => {
      try {
        return readFileSync(`/proc/${g.pid}/cmdline`, 'utf8').split('\0')[0];
      } catch {
        return '?';
      }
    })()}), RSS at start ${mib(samples[0].rssKb)} MiB`,
);

async function clientLoop(c) {
  let i = 0;
  while (performance.now() < deadline) {
    const kind = pick();
    const s = stats[kind];
    const start = performance.now();
    try {
      await ops[kind](c, ++i);
      s.ops++;
      s.lat.push(performance.now() - start);
    } catch (e) {
      s.errors++;
      const m = String(e?.message ?? e).slice(0, 200);
      s.messages.set(m, (s.messages.get(m) ?? 0) + 1);
    }
  }
}
await Promise.all(Array.from({ length: CLIENTS }, (_, c) => clientLoop(c)));
const elapsed = (performance.now() - t0) / 1000;
clearInterval(sampler);
samples.push(sample());

// Consistency: every committed batch/ws transaction bumped its client's counter exactly once.
const [{ committed }] = await sql.query('select sum(n)::int as committed from counters');
const [{ inserted }] = await sql.query('select count(*)::int as inserted from items');
const consistent = committed === inserted && committed === stats.batch.ops + stats.ws.ops;
await admin.query('drop database if exists bench_load with (force)');

// ---- report ------------------------------------------------------------------------------------------
function pct(a, p) {
  if (!a.length) return NaN;
  const s = Float64Array.from(a).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
console.log(`\n${'kind'.padEnd(6)} ${'ops'.padStart(8)} ${'ops/s'.padStart(8)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
let errors = 0;
let opsTotal = 0;
for (const k of KINDS) {
  const s = stats[k];
  errors += s.errors;
  opsTotal += s.ops;
  console.log(
    `${k.padEnd(6)} ${String(s.ops).padStart(8)} ${(s.ops / elapsed).toFixed(0).padStart(8)} ${String(s.errors).padStart(7)} ` +
      `${pct(s.lat, 0.5).toFixed(2).padStart(8)} ${pct(s.lat, 0.99).toFixed(2).padStart(8)}`,
  );
  for (const [m, n] of s.messages) console.log(`    ${n} x ${m}`);
}
console.log(`total  ${String(opsTotal).padStart(8)} ${(opsTotal / elapsed).toFixed(0).padStart(8)} ${String(errors).padStart(7)}`);
console.log(
  `committed transactions ${committed}, rows inserted ${inserted}, successful batch+ws ops ${stats.batch.ops + stats.ws.ops}: ` +
    (consistent ? 'consistent' : 'MISMATCH'),
);
console.log('\ngateway samples (t s: VmRSS MiB, open fds):');
console.log('  ' + samples.map((s) => `${s.t.toFixed(0)}: ${mib(s.rssKb)} MiB ${s.fds} fds`).join(' | '));
const first = samples[0];
const base = samples.length > 2 ? samples[1] : first; // after the first 5 s: warm pool, allocator arenas
const last = samples[samples.length - 1];
const growth = (last.rssKb - base.rssKb) / 1024;
console.log(
  `gateway RSS: start ${mib(first.rssKb)} MiB, at ${base.t.toFixed(0)} s ${mib(base.rssKb)} MiB, end ${mib(last.rssKb)} MiB ` +
    `(peak VmHWM ${mib(last.hwmKb)} MiB); growth after warm-up ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MiB`,
);
try {
  const st = await (await fetch(g.stats)).json();
  console.log(`gateway stats: ${JSON.stringify({ requests: st.requests, queries: st.queries, wsConnections: st.wsConnections })}`);
} catch {}

let fail = errors > 0 || !consistent;
const maxGrowth = process.env.LOAD_MAX_RSS_GROWTH_MB;
if (maxGrowth !== undefined && growth > Number(maxGrowth)) {
  console.log(`RSS grew ${growth.toFixed(1)} MiB > LOAD_MAX_RSS_GROWTH_MB=${maxGrowth}`);
  fail = true;
}
console.log(fail ? 'FAILED' : 'ok');
process.exit(fail ? 1 : 0);
