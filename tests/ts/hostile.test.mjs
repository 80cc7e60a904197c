// Hostile values (tests/hostile/corpus.json, shared with gateway/tests/hostile.rs) round-tripped
// through real PostgreSQL behind edgepg-gateway by edgepg/neon-http and edgepg/neon-serverless,
// and by drizzle-orm 0.45.4 + @neondatabase/serverless 1.2.0 (neon-http and neon-serverless) as
// the oracle: every case's expected outcome is checked against the real packages too (its
// `drizzle` / `drizzleWs` field when they differ). Refusals that the corpus says happen before
// sending are checked against the gateway's per-database counters (nothing arrived); those that
// PostgreSQL makes, against the same counters (the statement arrived). Each driver works in its
// own database; a canary table, created first, must be intact at the end, and the database must
// hold exactly the tables the corpus creates.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ws from 'ws';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eHttp } from 'edgepg/neon-http';
import { drizzle as eWs, neonConfig as eNeonConfig } from 'edgepg/neon-serverless';
import { g, freshDatabase, oracle } from './gateway.mjs';

const corpus = JSON.parse(readFileSync(new URL('../hostile/corpus.json', import.meta.url), 'utf8'));
const golden = new URL('../golden/node_modules/', import.meta.url);
const { orm: dOrm, pg: dPg, drizzle: dHttp, neon, neonConfig: dNeonConfig } = await oracle();
const { drizzle: dWs } = await import(new URL('drizzle-orm/neon-serverless/index.js', golden));

const wsHost = new URL(g.ws).host;
for (const c of [eNeonConfig, dNeonConfig]) {
  c.webSocketConstructor = ws;
  c.useSecureWebSocket = false;
  c.wsProxy = () => `${wsHost}/v2`;
}

// ------------------------------------------------------------------ the corpus's encodings

/** A corpus value as the JS value it stands for (format.value in corpus.json). */
function decode(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decode);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const a = v[keys[0]];
    switch (keys[0]) {
      case '$number': return a === '-0' ? -0 : Number(a);
      case '$bigint': return BigInt(a);
      case '$date': return new Date(a === 'Invalid' ? NaN : a);
      case '$bytes': return Uint8Array.from(Buffer.from(a, 'hex'));
      case '$bytesCycle': return Uint8Array.from({ length: a }, (_, i) => i % 256);
      case '$repeat': return decode(a[0]).repeat(a[1]);
      case '$concat': return a.map(decode).join('');
      case '$utf16': return String.fromCharCode(...a);
      case '$fill': return Array.from({ length: a[1] }, () => decode(a[0]));
      case '$json': return decode(a);
      case '$wide': return Object.fromEntries(Array.from({ length: a }, (_, i) => [`k${i}`, i]));
      case '$range': return Array.from({ length: a }, (_, i) => i);
      case '$nest': {
        let x = decode(a[1]);
        for (let i = 0; i < a[0]; i++) x = [x];
        return x;
      }
      case '$nestObj': {
        let x = decode(a[1]);
        for (let i = 0; i < a[0]; i++) x = { a: x };
        return x;
      }
      case '$object': return Object.fromEntries(a.map(([k, x]) => [decode(k), decode(x)]));
      case '$toJSON': return { toJSON: () => decode(a) };
      default: throw new Error(`corpus: unknown encoding ${keys[0]}`);
    }
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
}

/** Exact equality: Object.is for numbers (NaN, -0), bytes as a Buffer (what pg-types gives in
 * Node) with equal contents, Dates by time value (Invalid included), plain objects by keys. */
function same(got, want) {
  if (typeof want === 'number') return typeof got === 'number' && Object.is(got, want);
  if (want instanceof Date) return got instanceof Date && Object.is(got.getTime(), want.getTime());
  if (want instanceof Uint8Array) return Buffer.isBuffer(got) && Buffer.compare(got, want) === 0;
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((x, i) => same(got[i], x));
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Object.getPrototypeOf(got) !== Object.prototype) return false;
    const kw = Object.keys(want);
    return Object.keys(got).length === kw.length && kw.every((k) => Object.hasOwn(got, k) && same(got[k], want[k]));
  }
  return got === want;
}

/** A short printable form of a value, for failure messages. */
function show(v) {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'Invalid' : v.toISOString()})`;
  if (v instanceof Uint8Array) return `${v.constructor.name}(${v.length}: ${Buffer.from(v).toString('hex').slice(0, 32)})`;
  if (v instanceof Error) return `${v.constructor.name}: ${messages(v)}`;
  let s;
  try {
    s = JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  } catch (e) {
    s = `<${e.message}>`;
  }
  return s === undefined ? String(v) : s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s;
}

/** The messages of an error and its causes. */
function messages(e) {
  const out = [];
  for (let x = e, i = 0; x !== undefined && x !== null && i < 5; x = x.cause, i++) out.push(String(x?.message ?? x));
  return out.join(' | ');
}

// ------------------------------------------------------------------ drivers

const edgepgSide = { orm: eOrm, pg: ePg };
const drizzleSide = { orm: dOrm, pg: dPg };
const DRIVERS = [
  {
    label: 'edgepg/neon-http',
    ...edgepgSide,
    edgepg: true,
    connect: (url) => eHttp({ connection: { connectionString: url, endpoint: g.sql } }),
    outcome: (c) => c.expect,
    // nothing reached the gateway / the statement reached PostgreSQL
    counters: { before: 'requests', sent: 'queries' },
  },
  {
    label: 'edgepg/neon-serverless',
    ...edgepgSide,
    edgepg: true,
    connect: (url) => eWs({ connection: url }),
    outcome: (c) => c.ws ?? c.expect,
    counters: { before: 'wsFramesIn', sent: 'wsFramesIn' },
  },
  {
    label: 'oracle: drizzle-orm/neon-http',
    ...drizzleSide,
    connect: (url) => dHttp({ client: neon(url) }),
    outcome: (c) => c.drizzle ?? c.expect,
  },
  {
    label: 'oracle: drizzle-orm/neon-serverless',
    ...drizzleSide,
    connect: (url) => {
      const db = dWs({ connection: url });
      // the database is dropped WITH (FORCE) at the end: a pooled client that still hears its
      // backend's "terminating connection" after pool.end() then must not turn it into an
      // uncaught error (pg-pool re-emits an idle client's error on the pool)
      db.$client.on('error', () => {});
      return db;
    },
    outcome: (c) => c.drizzleWs ?? c.drizzle ?? c.expect,
  },
];

/** The builder of a corpus column, named `v`, from pg-core `pg`. */
function columnOf(pg, col) {
  let b;
  if (col.type === 'customType') b = pg.customType({ dataType: () => col.dataType })('v');
  else if (col.type === 'pgEnum') b = pg.pgEnum(col.enumName, col.values)('v');
  else {
    const cfg = {};
    for (const k of ['length', 'precision', 'scale', 'mode', 'withTimezone']) if (col[k] !== undefined) cfg[k] = col[k];
    if (typeof pg[col.type] !== 'function') throw new Error(`corpus: no column builder ${col.type}`);
    b = Object.keys(cfg).length ? pg[col.type]('v', cfg) : pg[col.type]('v');
  }
  for (let i = 0; i < (col.dims ?? 0); i++) b = b.array();
  return b;
}

/** One table per distinct column: `h_<type>_<config…>`. */
function tableName(col) {
  const parts = [col.type, col.length, col.precision, col.scale, col.mode, col.withTimezone && 'tz', col.dataType, col.enumName, col.dims && `dims${col.dims}`];
  return `h_${parts.filter((p) => p !== undefined && p !== false && p !== null).join('_')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

const quoteLiteral = (s) => `'${s.replace(/'/g, "''")}'`;
const enums = new Map(corpus.cases.filter((c) => c.column.type === 'pgEnum').map((c) => [c.column.enumName, c.column.values]));
const columns = new Map(corpus.cases.map((c) => [tableName(c.column), c.column]));

/** Per-database counters of the gateway. */
async function counters(dbName) {
  const s = await (await fetch(g.stats)).json();
  return s.databases[dbName] ?? {};
}

// ------------------------------------------------------------------ one driver's run

const runs = new Map();
const cleanups = [];

before(async () => {
  // databases one after the other (CREATE DATABASE copies template1), then their tables side by side
  const databases = [];
  for (const d of DRIVERS) databases.push(await freshDatabase(`ts_hostile_${DRIVERS.indexOf(d)}_${process.pid}`));
  await Promise.all(DRIVERS.map((d, i) => setUp(d, databases[i])));
});

/** Driver `d` on its fresh database: the canary with its row, the corpus's enum types, one table
 * per column kind. */
async function setUp(d, database) {
  const db = d.connect(database.url);
  cleanups.push(async () => {
    await db.$client?.end?.().catch(() => {});
    await database.drop();
  });
  const { sql } = d.orm;
  const canary = d.pg.pgTable(corpus.canary.table, { id: d.pg.integer('id').primaryKey(), secret: d.pg.text('secret').notNull() });
  await db.execute(sql`create table ${canary} (${sql.identifier('id')} integer primary key, ${sql.identifier('secret')} text not null)`);
  await db.insert(canary).values(corpus.canary.row);
  for (const [name, values] of enums) {
    await db.execute(sql`create type ${sql.identifier(name)} as enum (${sql.raw(values.map(quoteLiteral).join(', '))})`);
  }
  const tables = new Map();
  for (const [name, col] of columns) {
    const t = d.pg.pgTable(name, { id: d.pg.integer('id').primaryKey(), v: columnOf(d.pg, col) });
    await db.execute(sql`create table ${t} (${sql.identifier('id')} integer primary key, ${sql.identifier('v')} ${sql.raw(t.v.getSQLType())})`);
    tables.set(name, t);
  }
  runs.set(d.label, { db, dbName: new URL(database.url).pathname.slice(1), canary, tables });
}

after(async () => {
  for (const c of cleanups) await c();
});

const isError = (want) => typeof want === 'object' && want !== null && 'error' in want;

/** The names PostgreSQL stores for identifier case `c` under outcome `want`. */
function storedNames(c, want) {
  const s = { ...c.stored, ...want?.stored };
  return { table: decode(s.table ?? c.table), column: decode(s.column ?? c.column), schema: decode(s.schema ?? c.schema ?? 'public') };
}

/** Checks `got` (a value or a thrown error) against outcome `want`; `moved` tells whether the
 * gateway saw the statement (undefined for the oracle). */
function check(c, want, got, threw, moved, label) {
  const where = `${label}: ${c.name}`;
  if (isError(want)) {
    assert.ok(threw, `${where}: expected an error containing ${JSON.stringify(want.error)}, got ${show(got)}`);
    assert.ok(got instanceof Error, `${where}: a thrown non-Error ${show(got)}`);
    assert.ok(messages(got).includes(want.error), `${where}: error ${JSON.stringify(messages(got))} lacks ${JSON.stringify(want.error)}`);
    if (moved !== undefined && want.before !== undefined) {
      assert.equal(moved, !want.before, want.before ? `${where}: refused before sending, yet the gateway saw it` : `${where}: PostgreSQL was to refuse it, yet nothing reached the gateway`);
    }
    return;
  }
  assert.ok(!threw, `${where}: expected ${want === 'roundtrip' ? 'a round trip' : show(decode(want.returns))}, got ${show(got)}`);
  const expected = want === 'roundtrip' ? decode(c.value) : decode(want.returns);
  assert.ok(same(got, expected), `${where}: got ${show(got)}, expected ${show(expected)}`);
}

/** Every value case through driver `d`, one subtest each. */
async function values(t, d) {
  await t.test(`${corpus.cases.length} hostile values`, async (t) => {
    const { db, dbName, tables } = runs.get(d.label);
    const { sql, eq } = d.orm;
    let id = 0;
    for (const c of corpus.cases) {
      await t.test(c.name, async () => {
        const tb = tables.get(tableName(c.column));
        const value = decode(c.value);
        const rowId = ++id;
        const want = d.outcome(c);
        const countersBefore = d.counters && isError(want) ? await counters(dbName) : undefined;
        let got;
        let threw = false;
        let inserted = false;
        try {
          if (c.insert === 'raw') await db.execute(sql`insert into ${tb} (${sql.identifier('id')}, ${sql.identifier('v')}) values (${rowId}, ${value})`);
          else await db.insert(tb).values({ id: rowId, v: value });
          inserted = true;
          const rows = await db.select().from(tb).where(eq(tb.id, rowId));
          assert.equal(rows.length, 1, `${d.label}: ${c.name}: one row back`);
          assert.equal(rows[0].id, rowId);
          got = rows[0].v;
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          got = e;
          threw = true;
        }
        let moved;
        if (countersBefore) {
          const after = await counters(dbName);
          const key = threw && want.before ? d.counters.before : d.counters.sent;
          moved = (after[key] ?? 0) !== (countersBefore[key] ?? 0);
        }
        check(c, want, got, threw, moved, d.label);
        if (c.pg !== undefined && !threw) {
          const r = await db.execute(sql`select ${sql.identifier('v')}::text as t from ${tb} where ${sql.identifier('id')} = ${rowId}`);
          assert.equal(r.rows[0].t, decode(c.pg), `${d.label}: ${c.name}: PostgreSQL's text`);
        }
        if (threw && !inserted) {
          // a refused value left no row behind
          const left = await db.execute(sql`select count(*)::int as n from ${tb} where ${sql.identifier('id')} = ${rowId}`);
          assert.equal(left.rows[0].n, 0, `${d.label}: ${c.name}: no row after a refused insert`);
        }
      });
    }
  });
}

/** Every identifier case through driver `d`. */
async function identifiers(t, d) {
  await t.test(`${corpus.identifiers.length} hostile identifiers`, async (t) => {
    const { db, dbName } = runs.get(d.label);
    const { sql, eq } = d.orm;
    for (const c of corpus.identifiers) {
      await t.test(c.name, async () => {
        const want = d.outcome(c);
        const tn = decode(c.table);
        const cn = decode(c.column);
        const sn = c.schema === undefined ? undefined : decode(c.schema);
        const names = storedNames(c, want);
        const make = (name) => (sn === undefined ? d.pg.pgTable : d.pg.pgSchema(sn).table)(name, { id: d.pg.integer('id').primaryKey(), v: d.pg.text(cn) });
        const value = `${tn}/${cn}`;
        const readBack = want?.value !== undefined ? decode(want.value) : value;
        const countersBefore = d.counters ? await counters(dbName) : undefined;
        let got;
        let threw = false;
        let tb;
        try {
          tb = make(tn);
          if (sn !== undefined) await db.execute(sql`create schema ${sql.identifier(sn)}`);
          await db.execute(sql`create table ${tb} (${sql.identifier('id')} integer primary key, ${sql.identifier(cn)} text)`);
          await db.insert(tb).values({ id: 1, v: value });
          got = await db.select().from(tb).where(eq(tb.id, 1));
        } catch (e) {
          got = e;
          threw = true;
        }
        if (isError(want)) {
          let moved;
          if (countersBefore) {
            const after = await counters(dbName);
            const key = want.before ? d.counters.before : d.counters.sent;
            moved = (after[key] ?? 0) !== (countersBefore[key] ?? 0);
          }
          check({ ...c, value }, want, got, threw, moved, d.label);
          return;
        }
        assert.ok(!threw, `${d.label}: ${c.name}: ${show(got)}`);
        assert.deepEqual(got, [{ id: 1, v: readBack }]);
        // the catalog holds the names PostgreSQL stored (truncated to 63 bytes)
        const cat = await db.execute(sql`select n.nspname as s, c.relname as t, a.attname as c from pg_class c
          join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attnum = 2
          where c.relname = ${names.table} and n.nspname = ${names.schema}`);
        assert.deepEqual(cat.rows.map((r) => ({ ...r })), [{ s: names.schema, t: names.table, c: names.column }]);
        // a raw select names its columns as stored
        const raw = await db.execute(sql`select * from ${tb}`);
        assert.deepEqual(raw.fields.map((f) => f.name), ['id', names.column]);
        if (c.alias !== undefined) {
          const alias = make(decode(c.alias));
          assert.deepEqual(await db.select().from(alias), [{ id: 1, v: readBack }], 'a name with the same first 63 bytes is the same table');
        }
      });
    }
  });
}

/** The canary row, and nothing but the corpus's tables, schemas and enum types. */
async function canary(t, d) {
  await t.test('the canary is intact and the database holds exactly the expected tables', async () => {
    const { db, canary, tables } = runs.get(d.label);
    const { sql } = d.orm;
    assert.deepEqual(await db.select().from(canary), [corpus.canary.row]);
    const n = await db.execute(sql`select count(*)::int as n from ${canary}`);
    assert.equal(n.rows[0].n, 1);
    const expected = [corpus.canary.table, ...tables.keys()];
    const created = corpus.identifiers.filter((c) => !isError(d.outcome(c)));
    for (const c of created) if (c.schema === undefined) expected.push(storedNames(c, d.outcome(c)).table);
    const r = await db.execute(sql`select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`);
    assert.deepEqual(r.rows.map((x) => x.relname).sort(), expected.sort());
    const schemas = await db.execute(sql`select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by nspname`);
    const expectedSchemas = ['public', ...created.filter((c) => c.schema !== undefined).map((c) => storedNames(c, d.outcome(c)).schema)];
    assert.deepEqual(schemas.rows.map((x) => x.nspname).sort(), expectedSchemas.sort());
    const types = await db.execute(sql`select typname from pg_type where typtype = 'e' and typnamespace = 'public'::regnamespace`);
    assert.deepEqual(types.rows.map((x) => x.typname).sort(), [...enums.keys()].sort());
  });
}

// The drivers run side by side (each in its own database, so the per-database counters stay
// exact); within a driver, cases run one after the other.
test('hostile corpus', { concurrency: DRIVERS.length }, async (t) => {
  await Promise.all(DRIVERS.map((d) => t.test(d.label, { concurrency: 1 }, async (t) => {
    await values(t, d);
    await identifiers(t, d);
    await canary(t, d);
  })));
});
