// Whole-path results benchmark, side by side in one process through ONE edgepg-gateway: raw
// `fetch` + `JSON.parse` (the floor), drizzle-orm 0.45.4 + @neondatabase/serverless 1.2.0
// (neon-http), and edgepg's npm package. What is measured is client CPU (process.cpuUsage: the
// gateway and PostgreSQL run in other processes), per query, as a user feels it: build the
// query, send it, get typed rows in JS. Ratios matter, not absolute times (noisy machines).
// Needs EDGEPG_GATEWAY_READY (scripts/with-gateway.sh). Never asserted in tests.
import { readFileSync } from 'node:fs';
import { neon, neonConfig } from '@neondatabase/serverless';
import * as dOrm from 'drizzle-orm';
import * as dPg from 'drizzle-orm/pg-core';
import { drizzle as dDrizzle } from 'drizzle-orm/neon-http';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle } from 'edgepg/neon-http';

const ready = process.env.EDGEPG_GATEWAY_READY;
if (!ready) throw new Error('bench/node/rows.mjs needs EDGEPG_GATEWAY_READY (run it under scripts/with-gateway.sh)');
const g = JSON.parse(readFileSync(ready, 'utf8'));
neonConfig.fetchEndpoint = () => g.sql;

const ROWS = Number(process.env.BENCH_ROWS ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function schema(pg) {
  return pg.pgTable('bench_rows', {
    id: pg.integer('id').primaryKey(),
    name: pg.text('name').notNull(),
    age: pg.integer('age').notNull(),
    price: pg.numeric('price', { precision: 10, scale: 2 }).notNull(),
    active: pg.boolean('active').notNull(),
    meta: pg.jsonb('meta').notNull(),
    createdAt: pg.timestamp('created_at', { withTimezone: true }).notNull(),
    note: pg.text('note'),
  });
}

// A relational schema on the same rows: each of the first REL_ROWS rows has 3 posts.
const REL_ROWS = Math.min(ROWS, 1000);
function relSchema(orm, pg, rows) {
  const posts = pg.pgTable('bench_posts', {
    id: pg.integer('id').primaryKey(),
    rowId: pg.integer('row_id').notNull(),
    title: pg.text('title').notNull(),
    at: pg.timestamp('at', { withTimezone: true }).notNull(),
    score: pg.numeric('score', { precision: 8, scale: 2 }).notNull(),
  });
  return {
    rows, posts,
    rowsRelations: orm.relations(rows, ({ many }) => ({ posts: many(posts) })),
    postsRelations: orm.relations(posts, ({ one }) => ({ row: one(rows, { fields: [posts.rowId], references: [rows.id] }) })),
  };
}

const dT = schema(dPg);
const eT = schema(ePg);
const ddb = dDrizzle({ client: neon(g.connectionString), schema: relSchema(dOrm, dPg, dT) });
const edb = eDrizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql }, schema: relSchema(eOrm, ePg, eT) });

await edb.execute(eOrm.sql`drop table if exists bench_rows`);
await edb.execute(eOrm.sql`create table bench_rows (id int primary key, name text not null, age int not null,
  price numeric(10,2) not null, active boolean not null, meta jsonb not null, created_at timestamptz not null, note text)`);
await edb.execute(eOrm.sql.raw(`insert into bench_rows select i, 'user ' || i, i % 90, (i * 1.25)::numeric(10,2), i % 2 = 0,
  jsonb_build_object('tags', jsonb_build_array('a', 'b'), 'n', i), timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute',
  case when i % 3 = 0 then null else 'note ' || i end from generate_series(1, ${ROWS}) i`));

await edb.execute(eOrm.sql`drop table if exists bench_posts`);
await edb.execute(eOrm.sql`create table bench_posts (id int primary key, row_id int not null, title text not null, at timestamptz not null, score numeric(8,2) not null)`);
await edb.execute(eOrm.sql.raw(`insert into bench_posts select i, 1 + (i - 1) / 3, 'post ' || i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second',
  (i % 1000) * 0.25 from generate_series(1, ${REL_ROWS * 3}) i`));

/** The relational workload's config (the same call for drizzle and edgepg). */
const relConfig = () => ({
  columns: { id: true, name: true, createdAt: true },
  limit: REL_ROWS,
  orderBy: (r, { asc }) => asc(r.id),
  with: { posts: { columns: { title: true, at: true, score: true } } },
});
// the raw floor sends drizzle's statement, rendered once
const REL_SQL = ddb.query.rows.findMany(relConfig()).toSQL().sql;

const headers = { 'Neon-Connection-String': g.connectionString, 'Neon-Raw-Text-Output': 'true', 'Neon-Array-Mode': 'true' };
const raw = (query, params) => fetch(g.sql, { method: 'POST', headers, body: JSON.stringify({ query, params }) }).then((r) => r.text()).then(JSON.parse);

const work = {
  'point select by id, 8 columns': {
    raw: (i) => raw('select "id", "name", "age", "price", "active", "meta", "created_at", "note" from "bench_rows" where "bench_rows"."id" = $1', [String(1 + (i % ROWS))]),
    drizzle: (i) => ddb.select().from(dT).where(dOrm.eq(dT.id, 1 + (i % ROWS))),
    edgepg: (i) => edb.select().from(eT).where(eOrm.eq(eT.id, 1 + (i % ROWS))),
    n: 300,
  },
  [`select() of ${ROWS} rows × 8 columns`]: {
    raw: () => raw('select "id", "name", "age", "price", "active", "meta", "created_at", "note" from "bench_rows"', []),
    drizzle: () => ddb.select().from(dT),
    edgepg: () => edb.select().from(eT),
    n: 6,
  },
  [`relational findMany: ${REL_ROWS} rows × 3 columns, each with 3 posts × 3 columns`]: {
    raw: () => raw(REL_SQL, [String(REL_ROWS)]),
    drizzle: () => ddb.query.rows.findMany(relConfig()),
    edgepg: () => edb.query.rows.findMany(relConfig()),
    n: 10,
  },
};

/** Client CPU milliseconds per call of `f`, run `n` times one after another. */
async function cpuPerCall(f, n) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await f(i);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}

// Same answers first: the benchmark compares equal work.
for (const [name, w] of Object.entries(work)) {
  const [d, e] = [await w.drizzle(0), await w.edgepg(0)];
  // (nested numerics compare by value: drizzle drops their trailing zeros, a documented difference)
  const norm = (rows) => JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? String(v) : k === 'score' ? Number(v) : v));
  if (norm(d) !== norm(e)) throw new Error(`${name}: edgepg's rows differ from drizzle's`);
}

const table = [];
for (const [name, w] of Object.entries(work)) {
  for (const k of ['raw', 'drizzle', 'edgepg']) await cpuPerCall(w[k], Math.max(2, w.n / 10)); // warm up
  const ms = { raw: [], drizzle: [], edgepg: [] };
  for (let r = 0; r < ROUNDS; r++) {
    // interleaved, so that the three share the machine's noise
    for (const k of ['raw', 'drizzle', 'edgepg']) ms[k].push(await cpuPerCall(w[k], w.n));
  }
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const [r, d, e] = [med(ms.raw), med(ms.drizzle), med(ms.edgepg)];
  table.push({
    work: name,
    'raw fetch+JSON.parse ms': r.toFixed(3),
    'drizzle+neon ms': d.toFixed(3),
    'edgepg ms': e.toFixed(3),
    'edgepg/drizzle': (e / d).toFixed(2) + '×',
    'overhead above raw: edgepg/drizzle': ((e - r) / (d - r)).toFixed(2) + '×',
  });
}
console.log('client CPU per query (median of rounds):');
console.table(table);
await edb.execute(eOrm.sql`drop table bench_rows`);
await edb.execute(eOrm.sql`drop table bench_posts`);
