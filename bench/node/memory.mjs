// Memory over 10,000 queries that differ only in their values (distinct 1536-float embeddings):
// values are slots, never part of a statement's shape, so the shape cache holds one entry and
// memory stays flat. Executes through ONE edgepg-gateway (a real[] column, `&&` with the
// embedding as its parameter) and renders `.toSQL()` of a pgvector `<->` ordering. Prints the
// JS heap, the wasm module's memory and the process's RSS after a GC every 1,000 queries.
// Run: node --expose-gc memory.mjs, with EDGEPG_GATEWAY_READY (scripts/with-gateway.sh).
import { readFileSync } from 'node:fs';
import { sql, arrayOverlaps, l2Distance, shapeCacheStats } from 'edgepg';
import { pgTable, integer, real, vector } from 'edgepg/pg-core';
import { drizzle } from 'edgepg/neon-http';

const ready = process.env.EDGEPG_GATEWAY_READY;
if (!ready) throw new Error('bench/node/memory.mjs needs EDGEPG_GATEWAY_READY (run it under scripts/with-gateway.sh)');
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const g = JSON.parse(readFileSync(ready, 'utf8'));
const QUERIES = Number(process.env.BENCH_QUERIES ?? 10000);
const DIM = 1536;

const db = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
const items = pgTable('bench_mem', { id: integer('id').primaryKey(), emb: real('emb').array().notNull() });
const docs = pgTable('bench_docs', { id: integer('id'), embedding: vector('embedding', { dimensions: DIM }) });
await db.execute(sql`drop table if exists bench_mem`);
await db.execute(sql`create table bench_mem (id int primary key, emb real[] not null)`);
await db.execute(sql`insert into bench_mem values (1, array[0.5]::real[])`);

let seed = 1;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const embedding = () => Array.from({ length: DIM }, rnd);
const mb = (n) => (n / 1048576).toFixed(1);

function sample(i) {
  globalThis.gc();
  const m = process.memoryUsage();
  const c = shapeCacheStats();
  return { queries: i, 'heapUsed MB': mb(m.heapUsed), 'wasm MB': mb(c.wasmBytes), 'rss MB': mb(m.rss), shapes: c.shapes };
}

const shapes0 = shapeCacheStats().shapes;
const rows = [sample(0)];
for (let i = 1; i <= QUERIES; i++) {
  const e = embedding();
  const found = await db.select({ id: items.id }).from(items).where(arrayOverlaps(items.emb, e)).limit(1);
  if (found.length > 1) throw new Error('unexpected rows');
  db.select({ id: docs.id }).from(docs).orderBy(l2Distance(docs.embedding, e)).limit(5).toSQL();
  if (i % 1000 === 0) rows.push(sample(i));
}
console.log(`memory over ${QUERIES} executions + ${QUERIES} renders with distinct ${DIM}-float embeddings:`);
console.table(rows);
const [first, last] = [rows[1], rows[rows.length - 1]];
const grew = (k) => (Number(last[k]) - Number(first[k])).toFixed(1);
console.log(`from query 1000 to ${QUERIES}: JS heap ${grew('heapUsed MB')} MB, wasm ${grew('wasm MB')} MB, rss ${grew('rss MB')} MB; ` +
  `shapes added: ${shapeCacheStats().shapes - shapes0}`);
await db.execute(sql`drop table bench_mem`);
