// Cold start of a Worker template: a fresh workerd (Miniflare) per run, timed from its start to
// the first response of GET /health (which runs `select 1` through the gateway) and of a route
// that touches no database (404). Median of RUNS runs; a one-line JavaScript Worker gives
// workerd's own start-up time for reference. Not a test: it only prints.
//
//   scripts/with-gateway.sh node tests/worker/cold-start.mjs [rust] [ts] [drizzle] [edgepg]
//   (rust: the current worker/build; run tests/worker/run.sh rust or make worker first;
//    drizzle: the drizzle-orm + @neondatabase/serverless anchor Worker of bench/node, bundled
//    here with bench/node's esbuild — run `make bench` once so bench/node has its packages;
//    edgepg: the same minimal Worker with its imports moved to edgepg, bundled the same way
//    with the packed tarball bench/node installs: the like-for-like comparison, where the
//    templates carry whole apps)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { freshDatabase, gateway } from './gateway.mjs';
import { bundle, startWorker, unavailable } from './harness.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const here = path.dirname(new URL(import.meta.url).pathname);

/** A bench/node Worker (`drizzle-health` or `edgepg-health`), minified by esbuild like the
 * bundle-size bench; a wasm module it imports is copied beside it (workerd compiles it). */
async function benchBundle(name) {
  const bench = path.join(here, '../../bench/node');
  const { build } = await import(path.join(bench, 'node_modules/esbuild/lib/main.js'));
  const dir = mkdtempSync(path.join(os.tmpdir(), `edgepg-cold-${name}-`));
  await build({
    entryPoints: { index: path.join(bench, `workers/${name}.ts`) },
    bundle: true, minify: true, format: 'esm', platform: 'neutral', target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'],
    outdir: dir, loader: { '.wasm': 'copy' }, logLevel: 'error', absWorkingDir: bench,
  });
  return { scriptPath: path.join(dir, 'index.js'), compatibilityDate: '2026-04-01', compatibilityFlags: [], cleanup: () => rmSync(dir, { recursive: true }) };
}
const templates = process.argv.slice(2).length ? process.argv.slice(2) : ['rust'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

async function measure(b, bindings, path) {
  const times = { ready: [], first: [], total: [] };
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const w = await startWorker(b, bindings);
    const t1 = performance.now();
    const res = await w.fetch(path);
    await res.arrayBuffer();
    const t2 = performance.now();
    await w.dispose();
    times.ready.push(t1 - t0);
    times.first.push(t2 - t1);
    times.total.push(t2 - t0);
  }
  return `start→ready ${fmt(median(times.ready))}, first response ${fmt(median(times.first))}, total ${fmt(median(times.total))}`;
}

const g = gateway();
const db = await freshDatabase(g, 'worker_cold');
const bindings = { DATABASE_URL: db.url, DATABASE_ENDPOINT: g.sql };
try {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgepg-cold-'));
  writeFileSync(path.join(dir, 'index.js'), 'export default { fetch: () => new Response("ok") };\n');
  const plain = { scriptPath: path.join(dir, 'index.js'), compatibilityDate: '2026-04-01', compatibilityFlags: [], cleanup: () => rmSync(dir, { recursive: true }) };
  console.log(`median of ${RUNS} fresh workerd starts`);
  console.log(`  one-line JS Worker, GET /        : ${await measure(plain, {}, '/')}`);
  plain.cleanup();
  for (const t of templates) {
    if (t === 'drizzle' || t === 'edgepg') {
      const b = await benchBundle(`${t}-health`);
      const label = t === 'drizzle' ? 'drizzle+neon' : 'edgepg (same)';
      try {
        console.log(`  ${label.padEnd(13)} GET /nope            : ${await measure(b, bindings, '/nope')}`);
        console.log(`  ${label.padEnd(13)} GET /health          : ${await measure(b, bindings, '/health')}`);
      } finally {
        b.cleanup();
      }
      continue;
    }
    const why = unavailable(t);
    if (why) {
      console.log(`  ${t}: skipped (${why})`);
      continue;
    }
    const b = await bundle(t);
    try {
      console.log(`  ${t.padEnd(4)} GET /nope (no database)     : ${await measure(b, bindings, '/nope')}`);
      console.log(`  ${t.padEnd(4)} GET /health (select 1)      : ${await measure(b, bindings, '/health')}`);
    } finally {
      b.cleanup();
    }
  }
} finally {
  await db.drop();
}
