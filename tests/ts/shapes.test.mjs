// The statement-shape cache is safe by construction: with a cache of 2 shapes, resets happen in
// the middle of `Promise.all` fan-outs and batches, and every statement still runs with its own
// SQL and values (each result is checked against what the database holds). Values never become
// part of a shape. Against real PostgreSQL through edgepg-gateway.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, gt, sql, l2Distance, setShapeCacheLimit, shapeCacheStats, DrizzleQueryError, NeonDbError } from 'edgepg';
import { pgTable, integer, text } from 'edgepg/pg-core';
import { drizzle } from 'edgepg/neon-http';

import { g, freshDatabase } from './gateway.mjs';

const t = pgTable('shape_t', { id: integer('id').notNull(), v: text('v').notNull() });
const N = 30;
let db;
let database;

before(async () => {
  database = await freshDatabase(`ts_shapes_${process.pid}`);
  db = drizzle({ connection: { connectionString: database.url, endpoint: g.sql } });
  await db.execute(sql`create table shape_t (id int not null, v text not null)`);
  await db.insert(t).values(Array.from({ length: N }, (_, i) => ({ id: i, v: `v${i}` })));
});

after(() => {
  setShapeCacheLimit(4000);
  return database?.drop();
});

/** Query k: its own shape (the `+ k` is SQL text), its own value; the expected rows. */
function query(k) {
  const id = (k * 7) % N;
  const shifted = sql`${t.id} + ${sql.raw(String(k))}`.mapWith(Number).as('shifted');
  if (k % 2) return [db.select({ id: t.id, v: t.v, shifted }).from(t).where(eq(t.id, id)), [{ id, v: `v${id}`, shifted: id + k }]];
  const rows = [];
  for (let i = id + 1; i < N; i++) rows.push({ id: i, shifted: i + k });
  return [db.select({ id: t.id, shifted }).from(t).where(gt(t.id, id)).orderBy(t.id), rows];
}

test('Promise.all over 60 shapes with a cache of 2: every statement gets its own SQL and values', async () => {
  setShapeCacheLimit(2);
  try {
    const list = Array.from({ length: 60 }, (_, k) => query(k));
    const results = await Promise.all(list.map(([q]) => q));
    results.forEach((rows, k) => assert.deepEqual(rows, list[k][1], `query ${k}`));
    assert.ok(shapeCacheStats().shapes <= 2);
  } finally {
    setShapeCacheLimit(4000);
  }
});

test('db.batch whose items straddle cache resets: one request, each result its own', async () => {
  setShapeCacheLimit(2);
  try {
    const list = Array.from({ length: 24 }, (_, k) => query(k + 100));
    const results = await db.batch(list.map(([q]) => q));
    results.forEach((rows, k) => assert.deepEqual(rows, list[k][1], `batch item ${k}`));
    // two batches concurrently, while single queries reset the cache too
    const a = Array.from({ length: 6 }, (_, k) => query(k + 200));
    const b = Array.from({ length: 6 }, (_, k) => query(k + 300));
    const c = Array.from({ length: 6 }, (_, k) => query(k + 400));
    const [ra, rb, ...rc] = await Promise.all([db.batch(a.map(([q]) => q)), db.batch(b.map(([q]) => q)), ...c.map(([q]) => q)]);
    ra.forEach((rows, k) => assert.deepEqual(rows, a[k][1]));
    rb.forEach((rows, k) => assert.deepEqual(rows, b[k][1]));
    rc.forEach((rows, k) => assert.deepEqual(rows, c[k][1]));
  } finally {
    setShapeCacheLimit(4000);
  }
});

test('a failing statement whose shape was evicted while in flight still reports its own SQL and params', async () => {
  setShapeCacheLimit(2);
  try {
    const failing = db.select({ x: sql`${t.id} / ${0}`.mapWith(Number) }).from(t).where(eq(t.id, 3));
    const [e] = await Promise.all([failing.catch((x) => x), ...Array.from({ length: 10 }, (_, k) => query(k + 500)[0])]);
    assert.ok(e instanceof DrizzleQueryError, String(e));
    assert.equal(e.query, 'select "id" / $1 from "shape_t" where "shape_t"."id" = $2');
    assert.deepEqual(e.params, [0, 3]);
    assert.ok(e.cause instanceof NeonDbError);
    assert.equal(e.cause.code, '22012');
  } finally {
    setShapeCacheLimit(4000);
  }
});

test('values never become part of a shape: embeddings, limits, offsets and arrays are slots', () => {
  const items = pgTable('shape_items', { id: integer('id'), embedding: integer('embedding').array() });
  const start = shapeCacheStats().shapes;
  let seed = 3;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let first;
  for (let i = 0; i < 300; i++) {
    const vec = Array.from({ length: 1536 }, rnd);
    const q = db.select({ id: items.id }).from(items).orderBy(l2Distance(items.embedding, vec)).limit(1 + i).offset(1 + (i % 7)).toSQL();
    first ??= q.sql;
    assert.equal(q.sql, first);
    assert.deepEqual(q.params, [JSON.stringify(vec), 1 + i, 1 + (i % 7)]);
  }
  assert.equal(first, 'select "id" from "shape_items" order by "shape_items"."embedding" <-> $1 limit $2 offset $3');
  assert.equal(shapeCacheStats().shapes - start, 1, 'one shape for 300 distinct embeddings and limits');
  // drizzle's rules for what a number does to the SQL: a negative limit and a 0 offset are left out
  assert.equal(db.select({ id: items.id }).from(items).limit(-1).offset(0).toSQL().sql, 'select "id" from "shape_items"');
});
