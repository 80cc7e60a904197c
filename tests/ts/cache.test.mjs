// The query cache (drizzle 0.45's `cache` option, edgepg/cache/core): the same cache, called the
// same way, with the same keys, by drizzle-orm + @neondatabase/serverless and by edgepg, serving
// the same (cached or fresh) rows. Against real PostgreSQL through edgepg-gateway.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle } from 'edgepg/neon-http';
import { Cache, NoopCache, hashQuery } from 'edgepg/cache/core';
import { g, freshDatabase, oracle } from './gateway.mjs';

const { orm: dOrm, pg: dPg, drizzle: dDrizzle, neon } = await oracle();
const golden = new URL('../golden/node_modules/', import.meta.url);
const dCache = await import(new URL('drizzle-orm/cache/core/index.js', golden));
let database;

before(async () => {
  database = await freshDatabase(`ts_cache_${process.pid}`);
});
after(() => database?.drop());

/** An in-memory cache that logs every call (responses are kept, not logged: each library keeps
 * its own form of a response). */
function memoryCache(Base, strategy) {
  return new (class extends Base {
    constructor() {
      super();
      this.log = [];
      this.entries = new Map();
    }
    strategy() {
      return strategy;
    }
    async get(key, tables, isTag, autoInvalidate) {
      this.log.push(['get', key, tables, isTag, autoInvalidate, this.entries.has(key)]);
      return this.entries.get(key)?.response;
    }
    async put(key, response, tables, isTag, config) {
      this.log.push(['put', key, tables, isTag, config]);
      this.entries.set(key, { response, tables });
    }
    async onMutate(params) {
      this.log.push(['onMutate', params]);
      const tables = [params.tables ?? []].flat();
      for (const [k, e] of this.entries) if (e.tables.some((t) => tables.includes(t))) this.entries.delete(k);
    }
  })();
}

async function scenario({ orm, pg, db, cache }) {
  const items = pg.pgTable('items', { id: pg.integer('id').primaryKey(), name: pg.text('name').notNull() });
  await db.execute(orm.sql`drop table if exists items`);
  await db.execute(orm.sql`create table items (id int primary key, name text not null)`);
  const out = [];
  const list = () => db.select().from(items).where(orm.gt(items.id, 0)).orderBy(items.id).$withCache();
  await db.insert(items).values({ id: 1, name: 'a' });
  out.push(await list()); // miss, stored
  await db.execute(orm.sql`insert into items values (2, 'b')`); // raw: nothing tells the cache
  out.push(await list()); // hit: stale
  await db.update(items).set({ name: 'A' }).where(orm.eq(items.id, 1)); // invalidates "items"
  out.push(await list()); // miss: fresh
  out.push(await db.select({ n: items.name }).from(items).$withCache({ tag: 'names', config: { ex: 60 }, autoInvalidate: false }));
  out.push(await db.select({ n: items.name }).from(items).$withCache({ tag: 'names', config: { ex: 60 }, autoInvalidate: false }));
  out.push(await db.select({ id: items.id }).from(items).where(orm.eq(items.id, 2))); // no $withCache: explicit strategy
  await db.$cache.invalidate({ tables: ['items'] });
  await db.delete(items).where(orm.eq(items.id, 2));
  return { out, log: cache.log };
}

test("strategy 'explicit': the same calls, keys and rows as drizzle-orm", async () => {
  const dc = memoryCache(dCache.Cache, 'explicit');
  const ec = memoryCache(Cache, 'explicit');
  const d = await scenario({ orm: dOrm, pg: dPg, db: dDrizzle({ client: neon(database.url), cache: dc }), cache: dc });
  const e = await scenario({ orm: eOrm, pg: ePg, db: eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql }, cache: ec }), cache: ec });
  assert.deepEqual(e, d);
  assert.deepEqual(e.out[1], [{ id: 1, name: 'a' }], 'the second read was served from the cache');
  assert.deepEqual(e.out[2], [{ id: 1, name: 'A' }, { id: 2, name: 'b' }]);
  assert.equal(e.log.filter((l) => l[0] === 'onMutate').length, 4);
});

test("strategy 'all': every select is cached unless $withCache(false)", async () => {
  const run = async (orm, pg, makeDb, Base) => {
    const cache = memoryCache(Base, 'all');
    const db = makeDb(cache);
    const t = pg.pgTable('items', { id: pg.integer('id'), name: pg.text('name') });
    await db.select().from(t);
    await db.select().from(t);
    await db.select().from(t).$withCache(false);
    return cache.log;
  };
  const d = await run(dOrm, dPg, (cache) => dDrizzle({ client: neon(database.url), cache }), dCache.Cache);
  const e = await run(eOrm, ePg, (cache) => eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql }, cache }), Cache);
  assert.deepEqual(e, d);
  assert.equal(e.length, 3); // get (miss), put, get (hit)
});

test('NoopCache and hashQuery are drizzle\'s', async () => {
  assert.equal(await hashQuery('select $1', [1]), await dCache.hashQuery('select $1', [1]));
  assert.equal(new NoopCache().strategy(), 'all');
  assert.equal(await new NoopCache().get('k'), undefined);
  const db = eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql }, cache: new NoopCache() });
  assert.deepEqual((await db.execute(eOrm.sql`select 1 as one`)).rows, [{ one: 1 }]);
});
