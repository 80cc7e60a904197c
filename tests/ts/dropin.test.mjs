// Drop-in cases taken from drizzle-orm's own integration tests (integration-tests/tests/pg,
// tests/relational) and from apps moved to edgepg: each case runs the same code twice, once with
// drizzle-orm 0.45.4 + @neondatabase/serverless (the oracle, tests/golden/node_modules) and once
// with edgepg, each on a fresh database of the one gateway, and the two outcomes must be equal:
// values, thrown errors (class name and message), and the shapes of results and errors.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ws from 'ws';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eHttp } from 'edgepg/neon-http';
import * as eNs from 'edgepg/neon-serverless';
import { neon as neon010, neonConfig as neonConfig010 } from 'neon-serverless-0.10';
import { g, freshDatabase, oracle } from './gateway.mjs';

const golden = new URL('../golden/node_modules/', import.meta.url);
const d = await oracle();
const dNs = await import(new URL('drizzle-orm/neon-serverless/index.js', golden));

const wsHost = new URL(g.ws).host;
for (const c of [eNs.neonConfig, d.neonConfig]) {
  c.webSocketConstructor = ws;
  c.useSecureWebSocket = false;
  c.wsProxy = () => `${wsHost}/v2`;
}

/** One side of a comparison: the library's modules, and databases on its own fresh database. */
function side(name, orm, pg, httpDrizzle, http, wsDrizzle, Pool, Client) {
  return { name, orm, pg, httpDrizzle, http, wsDrizzle, Pool, Client, url: undefined, pools: [] };
}
const D = side('drizzle', d.orm, d.pg, d.drizzle, (url, cfg) => d.drizzle(d.neon(url), cfg), dNs.drizzle, d.Pool, d.Client);
const E = side('edgepg', eOrm, ePg, eHttp, (url, cfg) => eHttp({ connection: { connectionString: url, endpoint: g.sql }, ...cfg }),
  eNs.drizzle, eNs.Pool, eNs.Client);
neonConfig010.fetchEndpoint = () => g.sql;
const dbs = [];

before(async () => {
  for (const s of [D, E]) {
    const db = await freshDatabase(`ts_dropin_${s.name}_${process.pid}`);
    dbs.push(db);
    s.url = db.url;
  }
});

after(async () => {
  for (const s of [D, E]) for (const p of s.pools) await p.end().catch(() => {});
  for (const db of dbs) await db.drop();
});

/** A pool of the side's own client library on its database (ended after the suite). */
function poolOf(s, url = s.url) {
  return keep(s, new s.Pool({ connectionString: url }));
}

/** Ends `pool` after the suite; an idle connection closed by the database's drop is no error. */
function keep(s, pool) {
  pool.on?.('error', () => {});
  s.pools.push(pool);
  return pool;
}

/** What a case gave, comparable across the two libraries: errors by class name and message
 * (and `extra` keys), class instances by their class name and own enumerable keys. */
async function outcome(f, extra = []) {
  try {
    return { ok: plain(await f()) };
  } catch (e) {
    const err = { threw: e?.constructor?.name, message: e?.message };
    for (const k of extra) err[k] = e?.[k];
    return err;
  }
}

function plain(x) {
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? '<function>' : x;
  if (Array.isArray(x)) return x.map(plain);
  if (x instanceof Date || x instanceof Uint8Array) return x;
  const out = {};
  for (const k of Object.keys(x)) out[k] = plain(x[k]);
  return out;
}

/** Runs `f(side)` for drizzle and for edgepg; their outcomes must be equal. */
async function same(f, extra) {
  const want = await outcome(() => f(D), extra);
  const got = await outcome(() => f(E), extra);
  assert.deepStrictEqual(got, want);
  return want;
}

// ------------------------------------------------------------------ silent wrong results

test('a join condition given as a callback sees the joined selection (pg-common: join on aliased sql from select / with clause)', async () => {
  const want = await same(async (s) => {
    const db = s.http(s.url);
    const { sql, eq } = s.orm;
    const users = db.$with('users').as(db.select({ id: sql`id`.as('userId'), name: sql`name`.as('userName') })
      .from(sql`(select 1 as id, 'John' as name) as users`));
    const cities = db.$with('cities').as(db.select({ id: sql`id`.as('cityId'), name: sql`name`.as('cityName') })
      .from(sql`(select 1 as id, 'Paris' as name) as cities`));
    const a = await db.with(users, cities).select({ userId: users.id, name: users.name, cityId: cities.id, cityName: cities.name })
      .from(users).leftJoin(cities, (cols) => eq(cols.cityId, cols.userId));
    const b = await db.select({ userId: sql`users.id`.as('userId'), cityId: sql`cities.id`.as('cityId'), cityName: sql`cities.name` })
      .from(sql`(select 1 as id) as users`).leftJoin(sql`(select 2 as id, 'Rome' as name) as cities`, (cols) => eq(cols.cityId, cols.userId));
    return { a, b, sql: db.select({ id: sql`users.id`.as('userId') }).from(sql`users`).leftJoin(sql`cities`, (c) => eq(c.id, 1)).toSQL() };
  });
  assert.deepStrictEqual(want.ok.b, [{ userId: 1, cityId: null, cityName: null }]);
});

test('a left-joined subquery over a view gives null for unmatched rows (pg-common: join view as subquery)', async () => {
  const want = await same(async (s) => {
    const db = s.http(s.url);
    const { sql, eq } = s.orm;
    const users = s.pg.pgTable('users_join_view', { id: s.pg.serial('id').primaryKey(), name: s.pg.text('name').notNull(),
      cityId: s.pg.integer('city_id').notNull() });
    const newYorkers = s.pg.pgView('new_yorkers').as((qb) => qb.select().from(users).where(eq(users.cityId, 1)));
    await db.execute(sql`create table ${users} (id serial not null primary key, name text not null, city_id integer not null)`);
    await db.execute(sql`create view ${newYorkers} as select * from ${users} where city_id = 1`);
    await db.insert(users).values([{ name: 'John', cityId: 1 }, { name: 'Jane', cityId: 2 }]);
    const sq = db.select().from(newYorkers).as('new_yorkers_sq');
    return db.select().from(users).leftJoin(sq, eq(users.id, sq.id)).orderBy(users.id);
  });
  assert.equal(want.ok[1].new_yorkers_sq, null);
});

test('a one-field subquery used as a field decodes as its field (pg-common: select from subquery with count)', async () => {
  const want = await same(async (s) => {
    const db = s.http(s.url);
    const { sql, eq, count } = s.orm;
    const cities = s.pg.pgTable('sq_cities', { id: s.pg.serial('id').primaryKey(), name: s.pg.text('name').notNull() });
    const people = s.pg.pgTable('sq_people', { id: s.pg.serial('id').primaryKey(), cityId: s.pg.integer('city_id') });
    await db.execute(sql`create table ${cities} (id serial primary key, name text not null)`);
    await db.execute(sql`create table ${people} (id serial primary key, city_id integer)`);
    await db.insert(cities).values([{ name: 'Paris' }, { name: 'London' }]);
    await db.insert(people).values([{ cityId: 1 }, { cityId: 2 }, { cityId: 2 }]);
    return db.select({
      population: db.select({ count: count().as('count') }).from(people).where(eq(people.cityId, cities.id)).as('population'),
      mapped: db.select({ n: sql`'7'`.mapWith(Number).as('n') }).from(people).limit(1).as('mapped'),
      name: cities.name,
    }).from(cities).orderBy(cities.id);
  });
  assert.deepStrictEqual(want.ok[1], { population: 2, mapped: 7, name: 'London' });
});

// relational: drizzle's relational test schema, in part (tests/relational/pg.schema.ts)
function relSchema(s) {
  const { pgTable, serial, text, integer } = s.pg;
  const users = pgTable('rel_users', { id: serial('id').primaryKey(), name: text('name').notNull() });
  const groups = pgTable('rel_groups', { id: serial('id').primaryKey(), name: text('name').notNull() });
  const usersToGroups = pgTable('rel_users_to_groups', { id: serial('id').primaryKey(),
    userId: integer('user_id').notNull(), groupId: integer('group_id').notNull() });
  const notInSchema = pgTable('rel_comment_likes', { id: serial('id').primaryKey(), userId: integer('user_id') });
  const { relations } = s.orm;
  return {
    users, groups, usersToGroups,
    usersRelations: relations(users, ({ many }) => ({ usersToGroups: many(usersToGroups), likes: many(notInSchema) })),
    groupsRelations: relations(groups, ({ many }) => ({ usersToGroups: many(usersToGroups) })),
    usersToGroupsRelations: relations(usersToGroups, ({ one }) => ({
      user: one(users, { fields: [usersToGroups.userId], references: [users.id] }),
      group: one(groups, { fields: [usersToGroups.groupId], references: [groups.id] }),
    })),
    // a table outside the schema object: drizzle keeps its relations aside
    notInSchemaRelations: relations(notInSchema, ({ one }) => ({ user: one(users, { fields: [notInSchema.userId], references: [users.id] }) })),
  };
}

test('relational columns: {} selects no column; with nothing else selected it throws DrizzleError (relational: Get select {}, deep select {})', async () => {
  const want = await same(async (s) => {
    const schema = relSchema(s);
    const db = s.http(s.url, { schema });
    const { sql } = s.orm;
    await db.execute(sql`create table rel_users (id serial primary key, name text not null)`);
    await db.execute(sql`create table rel_groups (id serial primary key, name text not null)`);
    await db.execute(sql`create table rel_users_to_groups (id serial primary key, user_id int not null, group_id int not null)`);
    await db.insert(schema.users).values([{ id: 1, name: 'Dan' }, { id: 2, name: 'Andrew' }]);
    await db.insert(schema.groups).values([{ id: 1, name: 'Group1' }]);
    await db.insert(schema.usersToGroups).values([{ userId: 1, groupId: 1 }, { userId: 2, groupId: 1 }]);
    const junction = await db.query.users.findMany({ columns: {}, orderBy: (u, { asc }) => asc(u.id),
      with: { usersToGroups: { columns: {}, with: { group: true } } } });
    const stray = await db.query.users.findMany({ columns: { nope: true, name: true }, orderBy: (u, { asc }) => asc(u.id) });
    const none = await outcome(() => db.query.users.findMany({ columns: {} }));
    const noneFirst = await outcome(() => db.query.users.findFirst({ columns: {} }));
    const missing = await outcome(() => db.query.users.findMany({ with: { likes: true } }));
    return { junction, stray, none, noneFirst, isDrizzleError: none.threw === 'DrizzleError', missing: missing.threw !== undefined };
  });
  assert.equal(want.ok.isDrizzleError, true);
  assert.deepStrictEqual(want.ok.junction[0], { usersToGroups: [{ group: { id: 1, name: 'Group1' } }] });
});

// ------------------------------------------------------------------ differences that broke drizzle code

test('a plain function as the neon-http client is called as (client.query ?? client)(sql, params, options) (neon-http: $withAuth tests)', async () => {
  const want = await same(async (s) => {
    const calls = [];
    const client = (...args) => {
      calls.push(args[2]);
      return Promise.reject(new Error('stand-in'));
    };
    client.transaction = (queries, options) => {
      calls.push({ transaction: options });
      return Promise.reject(new Error('stand-in'));
    };
    const users = s.pg.pgTable('auth_users', { id: s.pg.serial('id').primaryKey(), name: s.pg.text('name') });
    const db = s.httpDrizzle({ client, schema: { users } });
    const { sql, eq } = s.orm;
    const runs = [
      () => db.select().from(users),
      () => db.insert(users).values({ name: 'x' }),
      () => db.insert(users).values({ name: 'x' }).returning(),
      () => db.update(users).set({ name: 'y' }).where(eq(users.id, 1)),
      () => db.delete(users),
      () => db.$count(users),
      () => db.execute(sql`select 1`),
      () => db.query.users.findFirst(),
      () => db.$withAuth('token').select().from(users),
      () => db.$withAuth('token').$count(users),
      () => db.$withAuth('token').refreshMaterializedView(s.pg.pgMaterializedView('mv').as((qb) => qb.select().from(users))),
    ];
    for (const r of runs) await r().catch(() => null);
    return calls.map((o) => ({ ...o, enumerable: Object.keys(o) }));
  });
  assert.deepStrictEqual(want.ok[0], { arrayMode: true, fullResults: true, enumerable: ['arrayMode', 'fullResults'] });
});

test('drizzle(neon(url)) works with @neondatabase/serverless 0.10 (no client.query)', async () => {
  const rows = async (s) => {
    const db = s.httpDrizzle(neon010(s.url));
    const { sql } = s.orm;
    const t = s.pg.pgTable('old_client', { id: s.pg.serial('id').primaryKey(), meta: s.pg.jsonb('meta'), at: s.pg.date('at') });
    await db.execute(sql`create table if not exists old_client (id serial primary key, meta jsonb, at date)`);
    await db.insert(t).values({ meta: { a: [1, 2] }, at: '2024-02-29' });
    const [b] = await db.batch([db.select().from(t), db.execute(sql`select count(*)::int as n from old_client`)]);
    return { all: await db.select().from(t), count: await db.$count(t), b };
  };
  const want = await same(rows);
  assert.deepStrictEqual(want.ok.all, [{ id: 1, meta: { a: [1, 2] }, at: '2024-02-29' }]);
});

test('validation where drizzle does it: set operators and insert … select at build, prepare() renders (pg-common)', async () => {
  await same(async (s) => {
    const db = s.http(s.url);
    const { sql } = s.orm;
    const a = s.pg.pgTable('v_a', { id: s.pg.integer('id'), name: s.pg.text('name') });
    const b = s.pg.pgTable('v_b', { id: s.pg.integer('id'), name: s.pg.text('name') });
    const c = (f) => outcome(async () => { f(); });
    return {
      union: await c(() => db.select({ id: a.id, name: a.name }).from(a).union(db.select({ name: b.name, id: b.id }).from(b))),
      unionFn: await c(() => db.select({ id: a.id }).from(a).union(({ union }) => union(db.select({ id: b.id }).from(b), db.select({ x: b.id }).from(b)))),
      standalone: await c(() => s.pg.union(db.select({ id: a.id }).from(a), db.select({ name: b.name }).from(b))),
      insertSelect: await c(() => db.insert(a).select(db.select({ name: b.name, id: b.id }).from(b))),
      insertSelectOk: await c(() => db.insert(a).select(db.select({ id: b.id, name: b.name }).from(b))),
      notJoined: await c(() => db.select({ name: b.name }).from(a).prepare('q1')),
      rawField: await c(() => db.select().from(db.$with('sq').as(db.select({ name: sql`upper(${b.name})` }).from(b))).prepare('q2')),
      setUndefined: await c(() => db.update(a).set({ name: undefined })),
      aliasTwice: await c(() => db.select().from(a).leftJoin(b, sql`true`).leftJoin(b, sql`true`)),
    };
  });
});

test('keys that are not columns are ignored in values() and set(), as drizzle ignores them', async () => {
  await same(async (s) => {
    const db = s.http(s.url);
    const { sql, eq } = s.orm;
    const t = s.pg.pgTable('loose_keys', { id: s.pg.serial('id').primaryKey(), name: s.pg.text('name') });
    await db.execute(sql`create table loose_keys (id serial primary key, name text)`);
    const body = { name: 'from a request', role: 'admin', __proto_pollution: 1 };
    const inserted = await db.insert(t).values(body).returning();
    const updated = await db.update(t).set({ name: 'changed', isAdmin: true }).where(eq(t.id, 1)).returning();
    const onlyUnknown = await outcome(() => db.update(t).set({ nope: 1 }).where(eq(t.id, 1)));
    return { inserted, updated, rejected: onlyUnknown.threw !== undefined, rows: await db.select().from(t) };
  });
});

test('getUsedTables(), the top-level placeholder() and relations() of tables outside the schema (pg-common, neon-http-batch)', async () => {
  await same(async (s) => {
    const db = s.http(s.url, { schema: relSchema(s) });
    const { sql, eq, placeholder } = s.orm;
    const t = s.pg.pgTable('ph_t', { id: s.pg.integer('id'), name: s.pg.text('name') });
    const u = s.pg.pgTable('ph_u', { id: s.pg.integer('id') });
    await db.execute(sql`create table ph_t (id int, name text)`);
    await db.insert(t).values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
    const q = db.select().from(t).where(eq(t.id, placeholder('id'))).prepare('by_id');
    return {
      used: db.select().from(t).leftJoin(u, eq(t.id, u.id)).getUsedTables(),
      usedSql: db.select().from(sql`${t}`).getUsedTables(),
      row: await q.execute({ id: 2 }),
      query: Object.keys(db.query).sort(),
    };
  });
});

test('an HTTP batch gives each statement in drizzle\'s array mode, and NeonDbError carries every field key', async () => {
  await same(async (s) => {
    const db = s.http(s.url);
    const { sql } = s.orm;
    const t = s.pg.pgTable('batch_t', { id: s.pg.integer('id'), name: s.pg.text('name') });
    await db.execute(sql`create table batch_t (id int, name text)`);
    const r = await db.batch([db.insert(t).values({ id: 1, name: 'a' }), db.execute(sql`select id, name from batch_t`),
      db.update(t).set({ name: 'b' }), db.select().from(t)]);
    const shape = (x) => (Array.isArray(x) ? x : { command: x.command, rowCount: x.rowCount, rowAsArray: x.rowAsArray, rows: x.rows,
      fields: x.fields.map((f) => f.name), viaNeonFetch: x.viaNeonFetch });
    const err = await db.execute(sql`select 1/0`).catch((e) => e.cause);
    return { batch: r.map(shape), error: { name: err.name, keys: Object.keys(err), code: err.code, message: err.message } };
  });
});

// ------------------------------------------------------------------ the WebSocket driver and its clients

test('WebSocket: pg\'s DatabaseError and Result shapes (length, name, every field key; Field, _parsers, _types, RowCtor)', async () => {
  const want = await same(async (s) => {
    const db = s.wsDrizzle(poolOf(s));
    const { sql } = s.orm;
    const err = await db.execute(sql`select 1/0`).catch((e) => e.cause ?? e);
    const r = await db.execute(sql`select 1 as a, 'x'::text as b, now()::date as c`);
    return {
      error: { cls: err.constructor.name, keys: Object.keys(err), name: err.name, length: err.length, code: err.code, message: err.message },
      result: { cls: r.constructor.name, keys: Object.keys(r), fields: r.fields.map((f) => [f.constructor.name, Object.keys(f), f.dataTypeID]),
        parsers: r._parsers.map((p) => typeof p), types: typeof r._types.getTypeParser, RowCtor: r.RowCtor, rows: r.rows.map((x) => Object.keys(x)) },
    };
  });
  assert.equal(want.ok.error.name, 'error');
});

test('WebSocket: SQL without parameters is a simple query: several statements run, one result each (migrations without breakpoints)', async () => {
  await same(async (s) => {
    const pool = poolOf(s);
    const db = s.wsDrizzle(pool);
    const { sql } = s.orm;
    await db.execute(sql.raw('create table multi_a (id int); insert into multi_a values (1), (2)'));
    const two = await pool.query('select 1 as a; select 2 as b');
    const viaDb = await db.execute(sql.raw('select count(*)::int as n from multi_a; select 2 as b'));
    const one = await pool.query('select $1::int as p', [5]);
    return {
      two: two.map((r) => r.rows), viaDb: viaDb.map((r) => r.rows), one: one.rows,
      tx: await db.transaction(async (tx) => (await tx.execute(sql.raw('insert into multi_a values (3); select count(*)::int as n from multi_a')))[1].rows),
    };
  });
});

test('WebSocket: the connection string\'s startup parameters reach PostgreSQL (options -c, application_name)', async () => {
  await same(async (s) => {
    const u = new URL(s.url);
    // Neon's `endpoint=<id>` (for clients without SNI) is for the proxy: the gateway removes it
    u.searchParams.set('options', 'endpoint=ep-local-1 -c search_path=from_options,public -c statement_timeout=12345');
    u.searchParams.set('application_name', 'dropin-app');
    const pool = poolOf(s, u.toString());
    const r = await pool.query('select current_setting(\'search_path\') as sp, current_setting(\'statement_timeout\') as st, current_setting(\'application_name\') as app');
    return r.rows;
  });
});

test('WebSocket: a Client and a Pool from a config object without a connection string (pg\'s ClientConfig)', async () => {
  await same(async (s) => {
    const u = new URL(s.url);
    const config = { host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password), database: u.pathname.slice(1) };
    const client = new s.Client(config);
    await client.connect();
    const a = (await client.query('select current_database() = $1 as same', [config.database])).rows;
    await client.end();
    const pool = keep(s, new s.Pool({ ...config, max: 1 }));
    return { a, b: (await s.wsDrizzle(pool).execute(s.orm.sql`select 2 as two`)).rows };
  });
});

test('WebSocket: drizzle() takes @neondatabase/serverless\'s own Pool and Client (queries, transactions, rollback)', async () => {
  const run = async (s, client) => {
    const db = s.wsDrizzle(client);
    const { sql, eq } = s.orm;
    const t = s.pg.pgTable('foreign_t', { id: s.pg.serial('id').primaryKey(), name: s.pg.text('name').notNull(), at: s.pg.timestamp('at') });
    await db.execute(sql`drop table if exists foreign_t`);
    await db.execute(sql`create table foreign_t (id serial primary key, name text not null, at timestamp)`);
    await db.insert(t).values({ name: 'a', at: new Date('2024-01-02T03:04:05.678Z') });
    await db.transaction(async (tx) => {
      await tx.insert(t).values({ name: 'b' });
      await tx.transaction(async (sp) => {
        await sp.insert(t).values({ name: 'rolled back' });
        sp.rollback();
      }).catch(() => {});
    });
    const rolled = await outcome(() => db.transaction(async (tx) => {
      await tx.insert(t).values({ name: 'c' });
      tx.rollback();
    }));
    return { rows: await db.select().from(t).orderBy(t.id), rolled: rolled.threw, where: await db.select({ n: t.name }).from(t).where(eq(t.id, 2)) };
  };
  // drizzle with neon's Pool is the oracle for edgepg with neon's Pool, and with neon's Client
  const want = await outcome(() => run(D, poolOf(D)));
  const foreignPool = keep(E, new d.Pool({ connectionString: E.url }));
  assert.deepStrictEqual(await outcome(() => run(E, foreignPool)), want);
  const foreignClient = new d.Client({ connectionString: E.url });
  await foreignClient.connect();
  try {
    assert.deepStrictEqual(await outcome(() => run(E, foreignClient)), want);
  } finally {
    await foreignClient.end();
  }
  assert.deepStrictEqual(want.ok.rows.map((r) => r.name), ['a', 'b']);
});

test('neon-serverless drizzle() names what it was given when it cannot use it', () => {
  assert.throws(() => eNs.drizzle(42), /got number/);
  assert.throws(() => eNs.drizzle({ client: { end() {} } }), /an object without query\(\)/);
});

// ------------------------------------------------------------------ drizzle's exported helpers

test('drizzle\'s exported helpers behave as drizzle\'s (arrays, placeholders, names, params, entity classes, loggers)', async () => {
  await same(async (s) => {
    const { orm, pg } = s;
    const db = s.http(s.url);
    const t = pg.pgTable('helpers_t', { id: pg.integer('id'), name: pg.text('name') });
    const sch = pg.pgSchema('helpers_s');
    const st = sch.table('in_schema', { id: pg.integer('id') });
    const v = pg.pgView('helpers_v').as((qb) => qb.select().from(t));
    const sq = db.select().from(t).as('sq');
    const cte = db.$with('cte').as(db.select().from(t));
    const lines = [];
    new orm.DefaultLogger({ writer: { write: (m) => lines.push(m) } }).logQuery('select $1, $2', [1, { a: 'b' }]);
    const rels = orm.relations(t, ({ one }) => ({ self: one(t, { fields: [t.id], references: [t.id] }) }));
    const arrays = ['{}', '{a,b}', '{"a,b","c\\"d",NULL}', '{{1,2},{3,4}}', '{"",x}', '{a\\\\b}'];
    return {
      parsed: arrays.map((a) => pg.parsePgArray(a)),
      nested: pg.parsePgNestedArray('{1,{2,3}}', 1),
      made: pg.makePgArray(['a', 'b"c', 'd\\e', 1, true, ['x', 2]]),
      same: [orm.haveSameKeys({ a: 1, b: 2 }, { a: 0, b: 0 }), orm.haveSameKeys({ a: 1, b: 2 }, { b: 0, a: 0 })],
      filled: orm.fillPlaceholders([1, orm.placeholder('x'), 'y'], { x: 42 }),
      unfilled: (await outcome(async () => orm.fillPlaceholders([orm.sql.placeholder('nope')], {}))).message,
      wrappers: [orm.isSQLWrapper(orm.sql`1`), orm.isSQLWrapper(t.id), orm.isSQLWrapper(t), orm.isSQLWrapper(sch), orm.isSQLWrapper(1),
        orm.isSQLWrapper(orm.placeholder('p')), db.select().from(t).where(orm.eq(t.id, 1)).getSQL !== undefined],
      tables: [orm.isTable(t), orm.isTable(v), orm.isView(v), orm.isView(t), orm.getViewName(v), orm.getTableUniqueName(t), orm.getTableUniqueName(st)],
      kinds: [orm.is(sq, orm.Subquery), orm.is(cte, orm.WithSubquery), orm.is(cte, orm.Subquery), orm.is(orm.placeholder('p'), orm.Placeholder),
        orm.is(rels, orm.Relations), orm.is(db.insert(t).values({ id: 1 }), orm.QueryPromise), orm.is(pg.integer('i'), orm.ColumnBuilder),
        orm.is(sch, pg.PgSchema), pg.isPgSchema(sch), pg.isPgEnum(pg.pgEnum('e', ['a'])), pg.isPgView(v), orm.is(db, pg.PgDatabase)],
      sql: db.select({ n: orm.sql`${orm.name('name')}`, p: orm.sql`${orm.param(5)}`, b: orm.sql`${orm.bindIfParam(7, t.id)}` }).from(t).toSQL(),
      aliased: db.select().from(orm.aliasedTable(t, 'tt')).toSQL(),
      log: lines,
      encoders: [orm.isDriverValueEncoder(t.id), orm.noopMapper.mapToDriverValue(3), orm.noopDecoder.mapFromDriverValue('x')],
      used: pg.extractUsedTable(t),
    };
  });
});

test('withReplicas: reads go to a replica, writes and execute to the primary (drizzle\'s routing)', async () => {
  await same(async (s) => {
    const { sql } = s.orm;
    const primary = s.http(s.url);
    const t = s.pg.pgTable('replica_t', { id: s.pg.integer('id') });
    await primary.execute(sql`create table replica_t (id int)`);
    const seen = [];
    // a "replica" that records what it is asked for and answers from the same database
    const replica = s.http(s.url, { logger: { logQuery: (q) => seen.push(`replica: ${q}`) } });
    const logged = s.http(s.url, { logger: { logQuery: (q) => seen.push(`primary: ${q}`) } });
    const db = s.pg.withReplicas(logged, [replica]);
    await db.insert(t).values({ id: 1 });
    const rows = await db.select().from(t);
    const n = await db.$count(t);
    await db.update(t).set({ id: 2 });
    await db.execute(sql`select 1`);
    return { rows, n, seen, primary: db.$primary === logged, replicas: db.$replicas.length };
  });
});

test('WebSocket migrate(): a migration file with several statements and no breakpoints applies (simple query)', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const folder = mkdtempSync(join(tmpdir(), 'edgepg-dropin-'));
  try {
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql',
      entries: [{ idx: 0, version: '7', when: 1700000000000, tag: '0000_init', breakpoints: false }] }));
    writeFileSync(join(folder, '0000_init.sql'), 'create table mig_a (id int);\ncreate table mig_b (id int);\ninsert into mig_a values (1);\n');
    const dMigrate = (await import(new URL('drizzle-orm/neon-serverless/migrator.js', golden))).migrate;
    const { migrate: eMigrate } = await import('edgepg/neon-serverless/migrator');
    await same(async (s) => {
      const db = s.wsDrizzle(poolOf(s));
      await (s === D ? dMigrate : eMigrate)(db, { migrationsFolder: folder });
      const { sql } = s.orm;
      return { a: (await db.execute(sql`select * from mig_a`)).rows, b: (await db.execute(sql`select count(*)::int as n from mig_b`)).rows };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('review cases: SQL sources with joins, non-boolean column flags, $onUpdate with unknown keys, mapToDriverValue', async () => {
  await same(async (s) => {
    const db = s.http(s.url, { schema: relSchema(s) });
    const { sql, eq } = s.orm;
    const users = s.pg.pgTable('rv_users', { id: s.pg.integer('id'), name: s.pg.text('name'), u: s.pg.text('u').$onUpdate(() => 'x') });
    await db.execute(sql`create table rv_users (id int, name text, u text)`);
    await db.insert(users).values({ id: 1, name: 'a' });
    const D = new Date('2024-01-02T03:04:05.678Z');
    const m = s.pg.pgTable('rv_m', { j: s.pg.jsonb('j'), a2: s.pg.text('a2').array().array(), ts: s.pg.timestamp('ts'),
      d: s.pg.date('d', { mode: 'date' }), n: s.pg.numeric('n', { mode: 'number' }), px: s.pg.point('px', { mode: 'xy' }), l: s.pg.line('l') });
    await db.execute(sql`create table rel_users (id serial primary key, name text not null)`);
    await db.insert(relSchema(s).users).values({ id: 1, name: 'Dan' });
    return {
      sqlJoin: await db.select().from(sql`(select 1 as x) a`).leftJoin(users, sql`true`),
      sqlJoinCallback: await db.select().from(sql`(select 1 as x) a`).leftJoin(users, (t) => eq(t.rv_users.id, 1)),
      nullFlag: await db.query.users.findMany({ columns: { name: null } }),
      numberFlags: await db.query.users.findMany({ columns: { name: 1, id: 0 } }),
      onUpdateOnly: db.update(users).set({ foo: 1 }).toSQL(),
      driver: [m.j.mapToDriverValue({ a: [1] }), m.a2.mapToDriverValue([['x', 'y"'], [null]]), m.ts.mapToDriverValue(D),
        m.d.mapToDriverValue(D), m.n.mapToDriverValue(1.5), m.px.mapToDriverValue({ x: 1, y: 2 }), m.l.mapToDriverValue([1, 2, 3])],
    };
  });
});

test('WebSocket: a failing commit is a DrizzleQueryError whose cause is the database error, and statements are logged', async () => {
  await same(async (s) => {
    const logged = [];
    const db = s.wsDrizzle(poolOf(s), { logger: { logQuery: (q) => logged.push(q) } });
    const { sql } = s.orm;
    const t = s.pg.pgTable('deferred_t', { id: s.pg.integer('id') });
    await db.execute(sql`create table deferred_t (id int unique deferrable initially deferred)`);
    const failed = await outcome(() => db.transaction(async (tx) => {
      await tx.insert(t).values([{ id: 1 }, { id: 1 }]);
    }), ['cause']);
    const sp = await outcome(() => db.transaction(async (tx) => {
      await tx.transaction(async (inner) => inner.insert(t).values({ id: 2 }));
      await tx.setTransaction({ isolationLevel: 'serializable' }).catch(() => {});
    }));
    return { failed: { ...failed, cause: { code: failed.cause?.code, cls: failed.cause?.constructor?.name } }, sp,
      logged: logged.filter((q) => !q.startsWith('create')), rows: (await db.execute(sql`select count(*)::int as n from deferred_t`)).rows };
  });
});

test('every pg-core column type and mode: columnType, getSQLType(), mapToDriverValue and mapFromDriverValue as drizzle\'s', async () => {
  // edgepg takes these from one table of facts per column type (ColumnType::facts in the crate)
  await same((s) => {
    const p = s.pg;
    const when = new Date('2024-01-02T03:04:05.678Z');
    const citext = p.customType({ dataType: () => 'citext', toDriver: (v) => `<${v}>`, fromDriver: (v) => `[${v}]` });
    const t = p.pgTable('facts_all', {
      integer: p.integer('a'), smallint: p.smallint('b'), bigint: p.bigint('c', { mode: 'number' }),
      bigint64: p.bigint('d', { mode: 'bigint' }), serial: p.serial('e'), smallserial: p.smallserial('f'),
      bigserial: p.bigserial('g', { mode: 'number' }), bigserial64: p.bigserial('h', { mode: 'bigint' }),
      numeric: p.numeric('i'), numericNumber: p.numeric('j', { mode: 'number' }), numericBig: p.numeric('k', { mode: 'bigint' }),
      decimal: p.decimal('l', { precision: 10, scale: 2 }), real: p.real('m'), double: p.doublePrecision('n'),
      boolean: p.boolean('o'), text: p.text('q'), varchar: p.varchar('r', { length: 9 }), char: p.char('s', { length: 2 }),
      uuid: p.uuid('t'), json: p.json('u'), jsonb: p.jsonb('v'), ts: p.timestamp('w'), tstz: p.timestamp('x', { withTimezone: true }),
      tsString: p.timestamp('y', { mode: 'string', precision: 3 }), date: p.date('z', { mode: 'date' }), dateString: p.date('aa'),
      time: p.time('ab'), interval: p.interval('ac'), inet: p.inet('ad'), cidr: p.cidr('ae'), macaddr: p.macaddr('af'),
      macaddr8: p.macaddr8('ag'), point: p.point('ah'), pointXy: p.point('ai', { mode: 'xy' }), line: p.line('aj'),
      lineAbc: p.line('ak', { mode: 'abc' }), vector: p.vector('al', { dimensions: 3 }), halfvec: p.halfvec('am', { dimensions: 3 }),
      sparsevec: p.sparsevec('an', { dimensions: 3 }), bit: p.bit('ao', { dimensions: 3 }), custom: citext('ap'),
      ints: p.integer('aq').array(), points: p.point('ar').array(), dates: p.date('as', { mode: 'date' }).array().array(),
    });
    const write = { integer: 7, smallint: 7, bigint: 7, bigint64: 7n, serial: 7, smallserial: 7, bigserial: 7, bigserial64: 7n,
      numeric: '1.50', numericNumber: 1.5, numericBig: 12n, decimal: '1.50', real: 1.5, double: 1.5, boolean: true, text: 'x',
      varchar: 'x', char: 'x', uuid: '00000000-0000-0000-0000-000000000000', json: { a: [1] }, jsonb: [1, 'x'], ts: when,
      tstz: when, tsString: '2024-01-02 03:04:05.678', date: when, dateString: '2024-01-02', time: '03:04', interval: '1 day',
      inet: '10.0.0.1', cidr: '10.0.0.0/8', macaddr: '08:00:2b:01:02:03', macaddr8: '08:00:2b:01:02:03:04:05', point: [1, 2],
      pointXy: { x: 1, y: 2 }, line: [1, 2, 3], lineAbc: { a: 1, b: 2, c: 3 }, vector: [1, 2, 3], halfvec: [1, 2, 3],
      sparsevec: '{1:1}/3', bit: '101', custom: 'x', ints: [1, null, 3], points: [[1, 2]], dates: [[when, null]] };
    const read = { integer: '7', smallint: 7, bigint: '7', bigint64: '7', serial: '7', smallserial: '7', bigserial: '7',
      bigserial64: '7', numeric: 1.5, numericNumber: '1.5', numericBig: '12', decimal: '1.50', real: '1.5', double: 1.5,
      boolean: true, text: 'x', varchar: 'x', char: 'x', uuid: 'u', json: '{"a":1}', jsonb: { a: 1 }, ts: '2024-01-02 03:04:05.678',
      tstz: '2024-01-02 03:04:05.678+00', tsString: '2024-01-02 03:04:05.678', date: '2024-01-02', dateString: '2024-01-02',
      time: '03:04:00', interval: '1 day', inet: '10.0.0.1', cidr: '10.0.0.0/8', macaddr: 'm', macaddr8: 'm8',
      point: '(1,2)', pointXy: { x: 1, y: 2 }, line: '{1,2,3}', lineAbc: '{1,2,3}', vector: '[1,2,3]', halfvec: '[1,2,3]',
      sparsevec: '{1:1}/3', bit: '101', custom: 'x', ints: '{1,2,3}', points: ['(1,2)'], dates: [['2024-01-02', null]] };
    const attempt = (f) => {
      try {
        return f();
      } catch (e) {
        return { threw: e?.message };
      }
    };
    const out = {};
    for (const k of Object.keys(write)) {
      const c = t[k];
      out[k] = { columnType: c.columnType, sqlType: c.getSQLType(), to: attempt(() => c.mapToDriverValue(write[k])),
        from: attempt(() => c.mapFromDriverValue(read[k])) };
    }
    return out;
  });
  // Deliberate difference: drizzle's parsePgArray reads NULL as the string 'NULL' (an integer
  // array's text gives NaN); edgepg reads it as null, as PostgreSQL means it.
  const ints = eOrm.sql`x`.mapWith(ePg.pgTable('facts_null', { ints: ePg.integer('ints').array() }).ints);
  assert.deepEqual(ints._decoder('{1,NULL,3}'), [1, null, 3]);
});
