// edgepg/neon-serverless: the Postgres wire protocol inside a WebSocket, through the one
// edgepg-gateway of the run, under Node 20 with the `ws` package as the WebSocket constructor.
// Transactions (commit, rollback, tx.rollback(), savepoints, isolation and read only), faults
// (a session killed mid-transaction, a wrong password, an unreachable endpoint, a timeout),
// flights counted by the gateway, and parity: the same scenarios through drizzle-orm 0.45.4's
// neon-serverless + @neondatabase/serverless 1.2.0 end in the same outcomes and database state.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ws from 'ws';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle, neonConfig as eNeonConfig, Pool as EPool, Client as EClient, DatabaseError } from 'edgepg/neon-serverless';
import { drizzle as httpDrizzle } from 'edgepg/neon-http';
import { g, freshDatabase, oracle } from './gateway.mjs';

const golden = new URL('../golden/node_modules/', import.meta.url);
const { orm: dOrm, pg: dPg, neonConfig: dNeonConfig, Pool: DPool } = await oracle();
const { drizzle: dDrizzle } = await import(new URL('drizzle-orm/neon-serverless/index.js', golden));

const wsHost = new URL(g.ws).host;
for (const c of [eNeonConfig, dNeonConfig]) {
  c.webSocketConstructor = ws;
  c.useSecureWebSocket = false;
  c.wsProxy = () => `${wsHost}/v2`;
}

let database;
let oracleDb;
let admin; // edgepg over HTTP: checks the state through another connection
const pools = [];

function tables({ pg }) {
  const users = pg.pgTable('users', { id: pg.serial('id').primaryKey(), name: pg.text('name').notNull().unique() });
  const posts = pg.pgTable('posts', { id: pg.serial('id').primaryKey(), userId: pg.integer('user_id').notNull(), title: pg.text('title').notNull() });
  const accounts = pg.pgTable('accounts', { id: pg.integer('id').primaryKey(), balance: pg.integer('balance').notNull() });
  return { users, posts, accounts };
}
const eT = tables({ pg: ePg });
const dT = tables({ pg: dPg });

const DDL = [
  'create table users (id serial primary key, name text not null unique)',
  'create table posts (id serial primary key, user_id integer not null, title text not null)',
  'create table accounts (id integer primary key, balance integer not null)',
];

async function reset(url) {
  const h = httpDrizzle({ connection: { connectionString: url, endpoint: g.sql } });
  await h.execute(eOrm.sql.raw('drop table if exists users, posts, accounts'));
  for (const d of DDL) await h.execute(eOrm.sql.raw(d));
  await h.execute(eOrm.sql.raw("insert into users (name) values ('ann'), ('bob')"));
  await h.execute(eOrm.sql.raw('insert into accounts values (1, 100), (2, 100), (3, 100), (4, 100)'));
}

async function state(url) {
  const h = httpDrizzle({ connection: { connectionString: url, endpoint: g.sql } });
  const q = async (text) => (await h.execute(eOrm.sql.raw(text))).rows;
  return { users: await q('select * from users order by id'), posts: await q('select * from posts order by id'), accounts: await q('select * from accounts order by id') };
}

function edgepg(url, config) {
  const db = eDrizzle({ connection: url, ...config });
  pools.push(db.$client);
  return db;
}

async function framesIn(name) {
  const s = await (await fetch(g.stats)).json();
  return s.databases[name]?.wsFramesIn ?? 0;
}

before(async () => {
  database = await freshDatabase('edgepg_ts_ws');
  oracleDb = await freshDatabase('edgepg_ts_ws_oracle');
  admin = httpDrizzle({ connection: { connectionString: database.url, endpoint: g.sql } });
});
after(async () => {
  for (const p of pools) await p.end().catch(() => {});
  await database?.drop();
  await oracleDb?.drop();
});

test('connect + first statement is one flight; a transaction of N statements is N + 1 flights', async () => {
  await reset(database.url);
  const client = new EClient(database.url);
  await client.connect();
  const db = eDrizzle(client);
  const { accounts } = eT;
  const f0 = await framesIn('edgepg_ts_ws');
  assert.deepEqual(await db.select().from(accounts).where(eOrm.eq(accounts.id, 1)), [{ id: 1, balance: 100 }]);
  assert.equal(await framesIn('edgepg_ts_ws') - f0, 1, 'startup + password + the first statement in one message');
  const value = await db.transaction(async (tx) => {
    await tx.update(accounts).set({ balance: eOrm.sql`${accounts.balance} - 10` }).where(eOrm.eq(accounts.id, 1));
    await tx.update(accounts).set({ balance: eOrm.sql`${accounts.balance} + 10` }).where(eOrm.eq(accounts.id, 2));
    const rows = await tx.select().from(accounts).orderBy(accounts.id).limit(2);
    return rows.map((r) => r.balance);
  });
  assert.deepEqual(value, [90, 110], 'the callback\'s value');
  assert.equal(await framesIn('edgepg_ts_ws') - f0, 1 + 4, '3 statements (begin rides with the first) + commit');
  // an empty transaction sends nothing
  assert.equal(await db.transaction(async () => 'nothing'), 'nothing');
  assert.equal(await framesIn('edgepg_ts_ws') - f0, 1 + 4);
  await client.end();
  assert.deepEqual((await state(database.url)).accounts.slice(0, 2), [{ id: 1, balance: 90 }, { id: 2, balance: 110 }]);
});

test('rollback on throw, tx.rollback(), a failing savepoint inside a committing transaction, 23505', async () => {
  await reset(database.url);
  const db = edgepg(database.url);
  const { users, posts } = eT;
  const boom = new Error('boom');
  await assert.rejects(db.transaction(async (tx) => {
    await tx.insert(posts).values({ userId: 1, title: 'lost' });
    throw boom;
  }), (e) => e === boom);
  await assert.rejects(db.transaction(async (tx) => {
    await tx.insert(posts).values({ userId: 1, title: 'lost too' });
    tx.rollback();
  }), (e) => e instanceof eOrm.TransactionRollbackError);
  const kept = await db.transaction(async (tx) => {
    await tx.insert(posts).values({ userId: 1, title: 'outer' });
    const inner = await tx.transaction(async (sp) => {
      await sp.insert(posts).values({ userId: 2, title: 'inner' });
      await sp.insert(users).values({ name: 'ann' }); // 23505: the savepoint is rolled back
    }).catch((e) => e.cause.code);
    await tx.transaction(async (sp) => {
      await sp.insert(posts).values({ userId: 2, title: 'second savepoint' });
    });
    return inner;
  });
  assert.equal(kept, '23505');
  await assert.rejects(db.transaction(async (tx) => {
    await tx.insert(posts).values({ userId: 1, title: 'not kept' });
    await tx.insert(users).values({ name: 'bob' });
  }), (e) => e instanceof eOrm.DrizzleQueryError && e.cause instanceof DatabaseError && e.cause.code === '23505' && e.cause.constraint === 'users_name_key');
  assert.deepEqual((await state(database.url)).posts.map((p) => p.title), ['outer', 'second savepoint']);
});

test('isolation level, read only (25006) and deferrable are honoured', async () => {
  await reset(database.url);
  const db = edgepg(database.url);
  const level = await db.transaction(async (tx) => (await tx.execute(eOrm.sql`show transaction_isolation`)).rows[0].transaction_isolation, { isolationLevel: 'serializable', accessMode: 'read only', deferrable: true });
  assert.equal(level, 'serializable');
  await assert.rejects(db.transaction(async (tx) => {
    await tx.insert(eT.posts).values({ userId: 1, title: 'x' });
  }, { accessMode: 'read only' }), (e) => e.cause?.code === '25006');
  await assert.rejects(db.transaction(async () => {}, { isolationLevel: 'serializable; drop table users' }), /isolationLevel/);
  assert.equal((await state(database.url)).posts.length, 0);
});

test('four concurrent transactions on one pool', async () => {
  await reset(database.url);
  const db = edgepg(database.url, {});
  const { accounts } = eT;
  // each holds its row's lock across a sleep: run one after another they would take 4 sleeps
  const add = (id, n) => db.transaction(async (tx) => {
    await tx.update(accounts).set({ balance: eOrm.sql`${accounts.balance} - 1` }).where(eOrm.eq(accounts.id, id));
    await tx.execute(eOrm.sql`select pg_sleep(0.05)`);
    const [a] = await tx.update(accounts).set({ balance: eOrm.sql`${accounts.balance} + ${n + 1}` }).where(eOrm.eq(accounts.id, id)).returning();
    return a.balance;
  });
  assert.deepEqual(await Promise.all([add(1, -3), add(2, 4), add(3, 6), add(4, -7)]), [97, 104, 106, 93]);
  assert.ok(db.$client.totalCount >= 2 && db.$client.totalCount <= 4, `connections: ${db.$client.totalCount}`);
  assert.equal(db.$client.idleCount, db.$client.totalCount);
  assert.deepEqual((await state(database.url)).accounts.map((a) => a.balance), [97, 104, 106, 93]);
});

test('a session killed mid-transaction: a typed error, PostgreSQL rolled back, the connection not reused', async () => {
  await reset(database.url);
  const db = edgepg(database.url);
  const { accounts } = eT;
  await db.execute(eOrm.sql`select 1`);
  const err = await db.transaction(async (tx) => {
    await tx.update(accounts).set({ balance: 0 }).where(eOrm.eq(accounts.id, 1));
    await tx.execute(eOrm.sql`select pg_terminate_backend(pg_backend_pid())`);
  }).then(() => assert.fail('the transaction must fail'), (e) => e);
  assert.ok(err instanceof eOrm.DrizzleQueryError, String(err));
  assert.ok(err.cause.code === '57P01' || err.cause.kind === 'connect', `${err.cause.code} ${err.cause.kind} ${err.cause.message}`);
  assert.equal(db.$client.totalCount, 0, 'the broken connection left the pool');
  assert.equal((await state(database.url)).accounts[0].balance, 100, 'PostgreSQL rolled back');
  // the pool goes on with a new connection
  assert.deepEqual(await db.select().from(accounts).where(eOrm.eq(accounts.id, 1)), [{ id: 1, balance: 100 }]);
});

test('a wrong password, an unreachable endpoint, no WebSocket constructor: typed errors', async () => {
  const u = new URL(database.url);
  u.password = 'wrong';
  const bad = edgepg(u.toString());
  await assert.rejects(bad.execute(eOrm.sql`select 1`), (e) => e.cause instanceof DatabaseError && /password authentication failed/.test(e.cause.message));
  const client = new EClient(database.url);
  client.neonConfig.wsProxy = () => '127.0.0.1:1/v2';
  await assert.rejects(client.connect(), (e) => e.kind === 'connect' && /failed|terminated/.test(e.message));
  await assert.rejects(client.query('select 1'), (e) => e.kind === 'connect');
  if (globalThis.WebSocket === undefined) {
    const c = new EClient(database.url);
    c.neonConfig.webSocketConstructor = null;
    await assert.rejects(c.connect(), /webSocketConstructor/);
  }
  assert.throws(() => new EClient('not a url'), (e) => e.kind === 'config');
});

test('a timeout while a statement runs cancels it and leaves no session behind', async () => {
  const pool = new EPool({ connectionString: database.url, query_timeout: 700 });
  pools.push(pool);
  const db = eDrizzle(pool);
  await db.execute(eOrm.sql`select 1`);
  const started = Date.now();
  await assert.rejects(db.execute(eOrm.sql`select pg_sleep(60)`), (e) => e.cause?.kind === 'timeout');
  assert.equal(pool.totalCount, 0);
  const deadline = Date.now() + 10_000;
  let left;
  do {
    left = (await admin.execute(eOrm.sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like '%pg_sleep(60)%'`)).rows[0].n;
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  assert.equal(left, 0, 'the sleeping statement was cancelled');
  assert.ok(Date.now() - started < 30_000);
});

test('.prepare(name) parses once per connection; pipelineConnect false; the raw Client and Pool', async () => {
  await reset(database.url);
  const client = new EClient(database.url);
  client.neonConfig.pipelineConnect = false;
  await client.connect();
  const db = eDrizzle(client);
  const { users } = eT;
  const q = db.select().from(users).where(eOrm.eq(users.id, eOrm.sql.placeholder('id'))).prepare('user_by_id');
  assert.deepEqual(await q.execute({ id: 1 }), [{ id: 1, name: 'ann' }]);
  assert.deepEqual(await q.execute({ id: 2 }), [{ id: 2, name: 'bob' }]);
  const r = await client.query('select name, statement from pg_prepared_statements');
  assert.deepEqual(r.rows.map((x) => x.name), ['user_by_id']);
  const other = db.select().from(users).prepare('user_by_id');
  await assert.rejects(other.execute(), (e) => /Prepared statements must be unique/.test(e.cause?.message));
  const arr = await client.query({ text: 'select $1::int as a, $2::text as b, $3::int[] as c', values: [1, null, [1, 2]], rowMode: 'array' });
  assert.deepEqual(arr.rows, [[1, null, [1, 2]]]);
  await client.end();
  const pool = new EPool(database.url);
  const pc = await pool.connect();
  assert.equal((await pc.query('select $1::text as x', ['y'])).rows[0].x, 'y');
  pc.release();
  assert.equal(pool.idleCount, 1);
  assert.equal((await pool.query('select 2 as two')).rows[0].two, 2);
  await pool.end();
  await assert.rejects(pool.query('select 1'), /after calling end/);
});

test('drizzle({ connection, ws }); poolQueryViaFetch: statements over HTTP, transactions over the WebSocket', async () => {
  await reset(database.url);
  const before = eNeonConfig.webSocketConstructor;
  eNeonConfig.webSocketConstructor = undefined;
  const db = eDrizzle({ connection: { connectionString: database.url, max: 2 }, ws });
  pools.push(db.$client);
  assert.equal(eNeonConfig.webSocketConstructor, ws, 'drizzle({ ws }) sets neonConfig.webSocketConstructor, as drizzle does');
  eNeonConfig.webSocketConstructor = before;
  assert.equal((await db.execute(eOrm.sql`select 1 as one`)).rows[0].one, 1);

  const pool = new EPool(database.url);
  pools.push(pool);
  pool.neonConfig.poolQueryViaFetch = true;
  pool.neonConfig.fetchEndpoint = (host, port) => `http://${host}:${port}/sql`;
  const viaFetch = eDrizzle(pool);
  const stat = async () => (await (await fetch(g.stats)).json()).databases.edgepg_ts_ws;
  const s0 = await stat();
  assert.deepEqual(await viaFetch.select().from(eT.users).where(eOrm.eq(eT.users.id, 1)), [{ id: 1, name: 'ann' }]);
  assert.equal((await pool.query('select $1::int + 1 as n', [41])).rows[0].n, 42);
  const s1 = await stat();
  assert.deepEqual([s1.requests - s0.requests, s1.wsConnections - s0.wsConnections], [2, 0], 'two HTTP requests, no socket');
  const n = await viaFetch.transaction(async (tx) => (await tx.select().from(eT.users)).length);
  assert.equal(n, 2);
  const s2 = await stat();
  assert.deepEqual([s2.requests - s1.requests, s2.wsConnections - s1.wsConnections], [0, 1], 'the transaction on a WebSocket');
});

test('relational queries over the WebSocket', async () => {
  await reset(database.url);
  await admin.execute(eOrm.sql`insert into posts (user_id, title) values (1, 'p1'), (1, 'p2'), (2, 'p3')`);
  const make = ({ orm }, t) => ({
    ...t,
    usersRelations: orm.relations(t.users, ({ many }) => ({ posts: many(t.posts) })),
    postsRelations: orm.relations(t.posts, ({ one }) => ({ user: one(t.users, { fields: [t.posts.userId], references: [t.users.id] }) })),
  });
  const db = edgepg(database.url, { schema: make({ orm: eOrm }, eT) });
  const rows = await db.transaction((tx) => tx.query.users.findMany({ with: { posts: { columns: { title: true } } }, orderBy: (u, { asc }) => asc(u.id) }));
  assert.deepEqual(rows, [{ id: 1, name: 'ann', posts: [{ title: 'p1' }, { title: 'p2' }] }, { id: 2, name: 'bob', posts: [{ title: 'p3' }] }]);
  assert.deepEqual(await db.query.posts.findFirst({ where: (p, { eq }) => eq(p.title, 'p3'), with: { user: true } }), { id: 3, userId: 2, title: 'p3', user: { id: 2, name: 'bob' } });
});

// ---------------------------------------------------------------- parity with the real thing

/** One scenario, written once against drizzle's API; returns what a user observes. */
async function scenario(db, { orm }, { users, posts, accounts }) {
  const out = {};
  const settle = (p) => p.then((v) => ({ ok: v }), (e) => ({ error: e.constructor.name === 'TransactionRollbackError' ? 'rollback' : (e.cause?.code ?? e.message) }));
  out.commit = await settle(db.transaction(async (tx) => {
    const [u] = await tx.insert(users).values({ name: 'cy' }).returning();
    await tx.insert(posts).values([{ userId: u.id, title: 'a' }, { userId: u.id, title: 'b' }]);
    return (await tx.select({ n: orm.count() }).from(posts))[0].n;
  }));
  out.rollback = await settle(db.transaction(async (tx) => {
    await tx.insert(posts).values({ userId: 1, title: 'gone' });
    tx.rollback();
  }));
  out.savepoints = await settle(db.transaction(async (tx) => {
    await tx.update(accounts).set({ balance: 50 }).where(orm.eq(accounts.id, 1));
    const inner = await settle(tx.transaction(async (sp) => {
      await sp.update(accounts).set({ balance: 0 }).where(orm.eq(accounts.id, 2));
      await sp.insert(users).values({ name: 'ann' });
    }));
    const nested = await tx.transaction(async (sp) => sp.transaction(async (sp2) => (await sp2.select().from(accounts).where(orm.eq(accounts.id, 2)))[0].balance));
    return { inner, nested };
  }));
  out.isolation = await settle(db.transaction(async (tx) => (await tx.execute(orm.sql`show transaction_isolation`)).rows[0], { isolationLevel: 'repeatable read' }));
  out.readOnly = await settle(db.transaction(async (tx) => tx.delete(posts), { accessMode: 'read only' }));
  out.unique = await settle(db.transaction(async (tx) => {
    await tx.insert(posts).values({ userId: 2, title: 'kept?' });
    await tx.insert(users).values({ name: 'bob' });
  }));
  out.concurrent = await settle(Promise.all([1, 2, 3, 4].map((id) => db.transaction(async (tx) => {
    const [a] = await tx.update(accounts).set({ balance: orm.sql`${accounts.balance} + ${id}` }).where(orm.eq(accounts.id, id)).returning();
    return a.balance;
  }))));
  out.execute = await settle(db.execute(orm.sql`select ${'x'}::text as t, 1::int8 as big, now() = now() as b`).then((r) => ({ rows: r.rows, command: r.command, rowCount: r.rowCount })));
  out.update = await settle(db.update(accounts).set({ balance: 1 }).where(orm.eq(accounts.id, 4)).then((r) => ({ rowCount: r.rowCount, command: r.command })));
  out.prepared = await settle(db.select().from(users).where(orm.eq(users.name, orm.sql.placeholder('n'))).prepare('by_name').execute({ n: 'cy' }));
  return out;
}

test('parity: the same scenario through drizzle-orm/neon-serverless + @neondatabase/serverless and through edgepg', async () => {
  await reset(oracleDb.url);
  await reset(database.url);
  const dPool = new DPool({ connectionString: oracleDb.url });
  const theirs = await scenario(dDrizzle(dPool), { orm: dOrm }, dT);
  await dPool.end();
  const ours = await scenario(edgepg(database.url), { orm: eOrm }, eT);
  assert.deepEqual(ours, theirs);
  assert.deepEqual(await state(database.url), await state(oracleDb.url));
  assert.equal(theirs.savepoints.ok.inner.error, '23505');
});
