// Build+render throughput, side by side in one process: edgepg (npm package, wasm) vs
// drizzle-orm 0.45.4 `.toSQL()`. Prints ops/s and the ratio per query; ratios, not absolute times.
import * as dOrm from 'drizzle-orm';
import * as dPg from 'drizzle-orm/pg-core';
import { drizzle as dDrizzle } from 'drizzle-orm/neon-http';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle } from 'edgepg/neon-http';
import { schemaAndQueries } from './queries.mjs';

const drizzleQ = schemaAndQueries({ orm: dOrm, pg: dPg, mock: dDrizzle.mock });
const edgepgQ = schemaAndQueries({ orm: eOrm, pg: ePg, mock: eDrizzle.mock });

function opsPerSec(f, ms = Number(process.env.BENCH_MS ?? 400)) {
  for (let i = 0; i < 200; i++) f(); // warm up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < 50; i++) f();
    n += 50;
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

const rows = [];
let ratios = [];
for (const name of Object.keys(drizzleQ)) {
  const a = JSON.stringify(drizzleQ[name]().sql);
  const b = JSON.stringify(edgepgQ[name]().sql);
  if (a !== b) console.warn(`! ${name}: SQL differs\n  drizzle ${a}\n  edgepg  ${b}`);
  // interleave to share the machine's noise
  const d1 = opsPerSec(drizzleQ[name]);
  const e1 = opsPerSec(edgepgQ[name]);
  const d2 = opsPerSec(drizzleQ[name]);
  const e2 = opsPerSec(edgepgQ[name]);
  const d = (d1 + d2) / 2;
  const e = (e1 + e2) / 2;
  ratios.push(e / d);
  rows.push({ query: name, 'drizzle µs': (1e6 / d).toFixed(1), 'edgepg µs': (1e6 / e).toFixed(1), 'edgepg/drizzle ops/s': (e / d).toFixed(2) + '×' });
}
console.table(rows);
const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
console.log(`geometric mean: edgepg does ${geo.toFixed(2)}× drizzle-orm's build+render ops/s (goal ≥ 10×)`);
