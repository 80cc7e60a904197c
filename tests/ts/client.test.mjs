// drizzle(client) with a neon() function of @neondatabase/serverless 1.2.0: queries go through
// that client (its fetch function, endpoint and auth), and give what drizzle-orm 0.45.4 gives with
// the same client. Against real PostgreSQL through edgepg-gateway.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle } from 'edgepg/neon-http';
import { g, freshDatabase, oracle } from './gateway.mjs';

const { orm: dOrm, pg: dPg, drizzle: dDrizzle, neon, neonConfig, NeonDbError: NeonClientError } = await oracle();
let fetches = 0;
neonConfig.fetchFunction = (...args) => {
  fetches++;
  return fetch(...args);
};

let url;
let database;

const tables = (pg) => ({
  items: pg.pgTable('items', {
    id: pg.serial('id').primaryKey(),
    name: pg.text('name').notNull().unique(),
    at: pg.timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    big: pg.bigint('big', { mode: 'bigint' }),
    meta: pg.jsonb('meta'),
  }),
});

before(async () => {
  database = await freshDatabase(`ts_client_${process.pid}`);
  url = database.url;
});

after(() => database?.drop());

async function scenario({ orm, pg, db }) {
  const { items } = tables(pg);
  await db.execute(orm.sql`drop table if exists items`);
  await db.execute(orm.sql`create table items (id serial primary key, name text not null unique, at timestamptz not null default '2024-01-02 03:04:05.678+00', big bigint, meta jsonb)`);
  const out = {};
  out.inserted = await db.insert(items).values([{ name: 'a', big: 9007199254740993n, meta: { k: [1] } }, { name: 'b' }]).returning();
  out.selected = await db.select({ id: items.id, name: items.name }).from(items).where(orm.gt(items.id, 1));
  out.count = await db.$count(items);
  out.raw = (await db.execute(orm.sql`select ${items.name}, ${items.big} from ${items} order by ${items.id}`)).rows;
  out.batch = await db.batch([db.update(items).set({ name: 'c' }).where(orm.eq(items.id, 2)).returning({ name: items.name }), db.select({ n: orm.count() }).from(items)]);
  const e = await db.insert(items).values({ name: 'a' }).catch((x) => x);
  out.error = { message: e.message, cause: e.cause?.constructor?.name, code: e.cause?.code, constraint: e.cause?.constraint };
  return out;
}

test('queries go through the neon() client, one fetch per query, one per batch', async () => {
  const client = neon(url);
  const db = eDrizzle(client);
  assert.equal(db.$client, client);
  assert.equal(eDrizzle({ client }).$client, client);
  const before = fetches;
  await db.execute(eOrm.sql`select 1`);
  await db.batch([db.execute(eOrm.sql`select 1`), db.execute(eOrm.sql`select 2`)]);
  assert.equal(fetches - before, 2);
});

test('the same results as drizzle-orm with the same client', async () => {
  const d = await scenario({ orm: dOrm, pg: dPg, db: dDrizzle({ client: neon(url) }) });
  const e = await scenario({ orm: eOrm, pg: ePg, db: eDrizzle(neon(url)) });
  assert.deepEqual(e, d);
  assert.equal(e.error.cause, 'NeonDbError');
  assert.equal(e.error.code, '23505');
  assert.equal(typeof e.inserted[0].big, 'bigint');
  assert.ok(e.inserted[0].at instanceof Date);
});

test('$withAuth: the token goes out through the client', async () => {
  const db = eDrizzle(neon(url)).$withAuth('jwt-token');
  const e = await db.execute(eOrm.sql`select 1`).catch((x) => x);
  assert.ok(e.cause instanceof NeonClientError, String(e));
  // the gateway, like Neon's non-auth proxy, refuses a JWT: the refusal proves it was sent
  assert.match(e.cause.message, /missing authentication credentials/);
});

test("casing: 'snake_case' names key-named columns, rows keep the keys, as in drizzle-orm", async () => {
  const run = async ({ pg, orm, db }) => {
    const people = pg.pgTable('people', { id: pg.serial().primaryKey(), firstName: pg.text().notNull(), homeTown: pg.text('HomeTown') });
    await db.execute(orm.sql`drop table if exists people`);
    await db.execute(orm.sql`create table people (id serial primary key, first_name text not null, "HomeTown" text)`);
    const ins = await db.insert(people).values({ firstName: 'Ann', homeTown: 'Oslo' }).returning();
    const sel = await db.select({ n: people.firstName }).from(people).where(orm.eq(people.firstName, 'Ann'));
    return { ins, sel };
  };
  const d = await run({ pg: dPg, orm: dOrm, db: dDrizzle({ client: neon(url), casing: 'snake_case' }) });
  const e = await run({ pg: ePg, orm: eOrm, db: eDrizzle({ connection: { connectionString: url, endpoint: g.sql }, casing: 'snake_case' }) });
  assert.deepEqual(e, d);
  assert.deepEqual(e.ins, [{ id: 1, firstName: 'Ann', homeTown: 'Oslo' }]);
  assert.throws(() => eDrizzle({ connection: url, casing: 'kebab' }), /unknown casing/);
});
