// The packed npm package against real PostgreSQL through edgepg-gateway: Drizzle code, unchanged
// but for the import lines, returns what drizzle-orm + neon-http returns.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, and, gt, desc, sql, count, inArray, NeonDbError, DrizzleQueryError } from 'edgepg';
import { pgTable, serial, text, integer, bigint, numeric, jsonb, timestamp, date, boolean, pgEnum, alias } from 'edgepg/pg-core';
import { drizzle } from 'edgepg/neon-http';
import { g } from './gateway.mjs';

const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  age: integer('age'),
  big: bigint('big', { mode: 'bigint' }),
  small: bigint('small', { mode: 'number' }),
  price: numeric('price', { precision: 10, scale: 2 }),
  meta: jsonb('meta'),
  mood: mood('mood'),
  active: boolean('active').notNull().default(true),
  born: date('born'),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  token: text('token').$defaultFn(() => 'tok'),
});
const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  authorId: integer('author_id').notNull(),
  title: text('title').notNull(),
});

let db;
let dbName;
let admin;
const stats = async () => (await (await fetch(g.stats)).json()).databases[dbName];

before(async () => {
  admin = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
  dbName = `ts_e2e_${process.pid}`;
  await admin.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
  await admin.execute(sql.raw(`create database "${dbName}"`));
  const url = new URL(g.connectionString);
  url.pathname = `/${dbName}`;
  db = drizzle({ connection: { connectionString: url.toString(), endpoint: g.sql } });
  await db.execute(sql`create type mood as enum ('sad', 'ok', 'happy')`);
  await db.execute(sql`create table users (id serial primary key, name text not null unique, age int check (age >= 0),
    big bigint, small bigint, price numeric(10,2), meta jsonb, mood mood, active boolean not null default true, born date,
    created_at timestamp not null default now(), token text)`);
  await db.execute(sql`create table posts (id serial primary key, author_id int not null references users(id), title text not null)`);
});

after(async () => {
  if (admin) await admin.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
});

test('insert … returning gives drizzle-typed rows', async () => {
  const [ann] = await db.insert(users).values({ name: 'Ann', age: 31, big: 9007199254740993n, small: 5, price: '12.50',
    meta: { tags: ['a'], n: 1 }, mood: 'happy', born: '1990-05-06' }).returning();
  assert.equal(ann.id, 1);
  assert.equal(ann.big, 9007199254740993n);
  assert.equal(ann.small, 5);
  assert.equal(ann.price, '12.50');
  assert.deepEqual(ann.meta, { tags: ['a'], n: 1 });
  assert.equal(ann.mood, 'happy');
  assert.equal(ann.active, true);
  assert.equal(ann.born, '1990-05-06');
  assert.ok(ann.createdAt instanceof Date && !Number.isNaN(ann.createdAt.getTime()));
  assert.equal(ann.token, 'tok');
  const rows = await db.insert(users).values([{ name: 'Bo' }, { name: 'Cy', age: 7 }]).returning({ id: users.id, name: users.name });
  assert.deepEqual(rows, [{ id: 2, name: 'Bo' }, { id: 3, name: 'Cy' }]);
});

test('select: partial, joins (null for no match), aggregates, aliases, $count', async () => {
  await db.insert(posts).values([{ authorId: 1, title: 'Hello' }, { authorId: 1, title: 'World' }]);
  const partial = await db.select({ name: users.name, info: { age: users.age } }).from(users).where(eq(users.id, 1));
  assert.deepEqual(partial, [{ name: 'Ann', info: { age: 31 } }]);
  const joined = await db.select().from(users).leftJoin(posts, eq(posts.authorId, users.id)).where(inArray(users.id, [2, 3])).orderBy(users.id);
  assert.equal(joined.length, 2);
  assert.equal(joined[0].users.name, 'Bo');
  assert.equal(joined[0].posts, null);
  const counts = await db.select({ name: users.name, n: count(posts.id) }).from(users).leftJoin(posts, eq(posts.authorId, users.id))
    .groupBy(users.name).orderBy(desc(count(posts.id)), users.name);
  assert.deepEqual(counts, [{ name: 'Ann', n: 2 }, { name: 'Bo', n: 0 }, { name: 'Cy', n: 0 }]);
  const parent = alias(users, 'parent');
  const self = await db.select({ a: users.name, b: parent.name }).from(users).innerJoin(parent, eq(parent.id, users.id)).where(eq(users.id, 3));
  assert.deepEqual(self, [{ a: 'Cy', b: 'Cy' }]);
  assert.equal(await db.$count(users), 3);
  assert.equal(await db.$count(users, gt(users.age, 10)), 1);
  const sq = db.select({ id: users.id, up: sql`upper(${users.name})`.as('up') }).from(users).as('sq');
  assert.deepEqual(await db.select({ up: sq.up }).from(sq).where(eq(sq.id, 2)), [{ up: 'BO' }]);
});

test('update/delete with returning; prepared statements with placeholders', async () => {
  const up = await db.update(users).set({ age: 8 }).where(eq(users.name, 'Cy')).returning({ age: users.age });
  assert.deepEqual(up, [{ age: 8 }]);
  const p = db.select({ name: users.name }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare('by_id');
  assert.deepEqual(await p.execute({ id: 2 }), [{ name: 'Bo' }]);
  assert.deepEqual(await p.execute({ id: 3 }), [{ name: 'Cy' }]);
  const del = await db.delete(posts).where(eq(posts.title, 'World')).returning();
  assert.equal(del.length, 1);
  const raw = await db.execute(sql`select count(*)::int as n from ${posts}`);
  assert.deepEqual(raw.rows, [{ n: 1 }]);
  assert.equal(raw.command, 'SELECT');
});

test('db.batch: one HTTP request, one transaction, results per statement', async () => {
  const before = await stats();
  const [a, b, c] = await db.batch([
    db.insert(posts).values({ authorId: 2, title: 'b1' }).returning({ id: posts.id }),
    db.update(users).set({ age: 9 }).where(eq(users.id, 2)),
    db.select({ n: count() }).from(posts),
  ]);
  const afterStats = await stats();
  assert.equal(afterStats.requests - before.requests, 1);
  assert.equal(afterStats.queries - before.queries, 3);
  assert.equal(a.length, 1);
  assert.equal(b.rowCount, 1);
  assert.deepEqual(c, [{ n: 2 }]);
  await assert.rejects(db.batch([db.insert(posts).values({ authorId: 1, title: 'x' }), db.insert(users).values({ name: 'Ann' })]),
    (e) => e instanceof NeonDbError && e.code === '23505');
  assert.equal(await db.$count(posts, eq(posts.title, 'x')), 0);
});

test('errors: DrizzleQueryError wrapping a NeonDbError with every field', async () => {
  const e = await db.insert(users).values({ name: 'Ann' }).catch((x) => x);
  assert.ok(e instanceof DrizzleQueryError, String(e));
  assert.equal(e.message, 'Failed query: insert into "users" ("id", "name", "age", "big", "small", "price", "meta", "mood", "active", "born", "created_at", "token") values (default, $1, default, default, default, default, default, default, default, default, default, $2)\nparams: Ann,tok');
  assert.ok(e.cause instanceof NeonDbError);
  assert.equal(e.cause.code, '23505');
  assert.equal(e.cause.constraint, 'users_name_key');
  assert.equal(e.cause.detail, 'Key (name)=(Ann) already exists.');
  assert.equal(e.cause.table, 'users');
  const check = await db.insert(users).values({ name: 'Neg', age: -1 }).catch((x) => x);
  assert.equal(check.cause.code, '23514');
  assert.throws(() => db.transaction(async () => {}), /No transactions support in neon-http driver/);
});

test('bad input from JS: a clear Error, and nothing is sent', async () => {
  const before = await stats();
  assert.throws(() => drizzle({}), /needs a connection string/);
  assert.throws(() => drizzle('mysql://u:p@h/db'), /connection string/);
  await assert.rejects(async () => db.insert(users).values({ name: 'Big', age: 2 ** 40 }), /does not fit/);
  assert.throws(() => db.insert(users).values([]), /at least one value/);
  assert.throws(() => db.update(users).set({}), /No values to set/);
  assert.throws(() => db.select().from(42), /expected a table/);
  assert.throws(() => eq(users.nope, 1), /left operand is undefined/);
  await assert.rejects(async () => db.select({ x: users.id }).from(posts), /not part of the query|not in the query|users/);
  const afterStats = await stats();
  assert.equal(afterStats.requests, before.requests, 'nothing reached the gateway');
});

test('logger: true prints drizzle\'s "Query: … -- params: […]"', async () => {
  const lines = [];
  const orig = console.log;
  console.log = (s) => lines.push(s);
  try {
    const url = new URL(g.connectionString);
    url.pathname = `/${dbName}`;
    const logged = drizzle({ connection: { connectionString: url.toString(), endpoint: g.sql }, logger: true });
    await logged.select({ id: users.id }).from(users).where(eq(users.name, 'Bo'));
  } finally {
    console.log = orig;
  }
  assert.deepEqual(lines, ['Query: select "id" from "users" where "users"."name" = $1 -- params: ["Bo"]']);
});

test('insert: a column with a default and $onUpdate is left to its default, a falsy default included', () => {
  const t = pgTable('ou', {
    id: serial('id').primaryKey(),
    n: integer('n').default(0).$onUpdate(() => 5),
    m: integer('m').$onUpdate(() => 7),
  });
  const q = drizzle.mock().insert(t).values({}).toSQL();
  // drizzle 0.45 runs $onUpdate for `n` (it tests `!column.default`): a documented difference
  assert.deepEqual(q, { sql: 'insert into "ou" ("id", "n", "m") values (default, default, $1)', params: [7] });
});

test('entities: is() with drizzle\'s classes, and drizzle-orm\'s own is() recognizes edgepg\'s objects', async () => {
  const { is, Table, Column, SQL: Sql, View, DrizzleError, TransactionRollbackError, DrizzleQueryError: Dqe } = await import('edgepg');
  const { PgTable, PgColumn } = await import('edgepg/pg-core');
  assert.ok(is(users, Table) && is(users, PgTable) && !is(users, Column) && !is(users, View));
  assert.ok(is(users.id, Column) && is(users.id, PgColumn) && !is(users.id, Table));
  assert.ok(is(sql`1`, Sql) && !is(sql`1`, Table) && !is(null, Table) && !is('x', Table));
  assert.throws(() => is(users, class NotAnEntity {}), /doesn't look like a Drizzle entity/);
  const rb = new TransactionRollbackError();
  assert.ok(rb instanceof DrizzleError && is(rb, DrizzleError) && rb.message === 'Rollback' && rb.name === 'DrizzleError');
  assert.ok(new Dqe('select 1', [], undefined) instanceof Error);
  const golden = new URL('../golden/node_modules/', import.meta.url);
  const d = await import(new URL('drizzle-orm/index.js', golden));
  const dpg = await import(new URL('drizzle-orm/pg-core/index.js', golden));
  assert.ok(d.is(users, d.Table) && d.is(users, dpg.PgTable) && d.is(users.id, d.Column) && d.is(users.id, dpg.PgColumn));
  assert.ok(d.is(sql`1`, d.SQL) && !d.is(users, d.SQL));
});

test('sequences and roles in sql are their quoted names (a documented difference: drizzle sends the object as a parameter)', async () => {
  const { pgSequence, pgRole, pgSchema, PgDialect } = await import('edgepg/pg-core');
  const seq = pgSequence('note_ids', { startWith: 10 });
  const appSeq = pgSchema('app').sequence('app_ids');
  const role = pgRole('e2e_reader');
  const d = new PgDialect();
  assert.deepEqual(d.sqlToQuery(sql`alter sequence ${seq} restart`), { sql: 'alter sequence "note_ids" restart', params: [] });
  assert.deepEqual(d.sqlToQuery(sql`drop sequence ${appSeq}`), { sql: 'drop sequence "app"."app_ids"', params: [] });
  assert.deepEqual(d.sqlToQuery(sql`grant select on ${users} to ${role}`), { sql: 'grant select on "users" to "e2e_reader"', params: [] });
  await db.execute(sql`create sequence ${seq} start with 10`);
  const r = await db.execute(sql`select nextval(${'note_ids'}) as n`);
  assert.deepEqual(r.rows, [{ n: '10' }]);
  await db.execute(sql`drop sequence ${seq}`);
  await db.execute(sql`drop role if exists ${role}`);
  await db.execute(sql`create role ${role}`);
  await db.execute(sql`grant select on ${users} to ${role}`);
  await db.execute(sql`revoke select on ${users} from ${role}`);
  await db.execute(sql`drop role ${role}`);
});
