// Relational queries (relations() + db.query.<table>.findMany/findFirst): the same configs
// through drizzle-orm 0.45.4 + @neondatabase/serverless and through edgepg, against the same
// rows behind edgepg-gateway, return equal values; each query is one HTTP request.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle } from 'edgepg/neon-http';
import { g, freshDatabase, oracle } from './gateway.mjs';

const { orm: dOrm, pg: dPg, drizzle: dDrizzle, neon } = await oracle();
let database;
let both;

function schema({ orm, pg }) {
  const mood = pg.pgEnum('mood', ['sad', 'ok', 'happy']);
  const users = pg.pgTable('users', {
    id: pg.serial('id').primaryKey(),
    name: pg.text('name').notNull(),
    invitedBy: pg.integer('invited_by'),
    mood: mood('mood'),
    meta: pg.jsonb('meta'),
    createdAt: pg.timestamp('created_at', { withTimezone: true }).notNull(),
    born: pg.date('born'),
    score: pg.bigint('score', { mode: 'number' }),
    flags: pg.boolean('flags').array(),
  });
  const posts = pg.pgTable('posts', {
    id: pg.serial('id').primaryKey(),
    authorId: pg.integer('author_id').notNull(),
    title: pg.text('title').notNull(),
    at: pg.timestamp('at').notNull(),
  });
  const comments = pg.pgTable('comments', { id: pg.serial('id').primaryKey(), postId: pg.integer('post_id').notNull(), body: pg.text('body') });
  const usersRelations = orm.relations(users, ({ one, many }) => ({
    posts: many(posts),
    inviter: one(users, { fields: [users.invitedBy], references: [users.id], relationName: 'invites' }),
    invitees: many(users, { relationName: 'invites' }),
  }));
  const postsRelations = orm.relations(posts, ({ one, many }) => ({
    author: one(users, { fields: [posts.authorId], references: [users.id] }),
    comments: many(comments),
  }));
  const commentsRelations = orm.relations(comments, ({ one }) => ({ post: one(posts, { fields: [comments.postId], references: [posts.id] }) }));
  return { users, posts, comments, usersRelations, postsRelations, commentsRelations };
}

const queries = {
  'findMany, every column': ({ db }) => db.query.users.findMany({ orderBy: (u, { asc }) => asc(u.id) }),
  'findFirst with where': ({ db }) => db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, 2) }),
  'findFirst with no row is undefined': ({ db }) => db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, 999) }),
  'nested many, three levels, ordered': ({ db }) => db.query.users.findMany({
    columns: { id: true, name: true },
    with: { posts: { orderBy: (p, { desc }) => desc(p.id), with: { comments: { orderBy: (c, { asc }) => asc(c.id) } } } },
    orderBy: (u, { asc }) => asc(u.id),
  }),
  'one relations, nullable, and self relations by relationName': ({ db }) => db.query.users.findMany({
    columns: { id: true },
    with: { inviter: { columns: { name: true, createdAt: true } }, invitees: { columns: { id: true, born: true } } },
    orderBy: (u, { asc }) => asc(u.id),
  }),
  'many-to-one through the child, limits and offsets': ({ db }) => db.query.posts.findMany({
    with: { author: { columns: { name: true, meta: true, mood: true, flags: true, score: true } }, comments: { limit: 1, offset: 1 } },
    limit: 3,
    offset: 1,
    orderBy: (p, { asc }) => asc(p.id),
  }),
  'extras and exclusion': ({ db, orm }) => db.query.users.findMany({
    columns: { meta: false, flags: false },
    extras: (u, { sql }) => ({ upper: sql`upper(${u.name})`.as('upper'), n: sql`length(${u.name})`.mapWith(Number).as('n') }),
    orderBy: (u, { asc }) => asc(u.id),
    where: (u, { gt }) => gt(u.id, 1),
  }),
};

before(async () => {
  database = await freshDatabase(`ts_relational_${process.pid}`);
  const { url } = database;
  const e = eDrizzle({ connection: { connectionString: url, endpoint: g.sql } });
  for (const s of [
    eOrm.sql`create type mood as enum ('sad', 'ok', 'happy')`,
    eOrm.sql`create table users (id serial primary key, name text not null, invited_by int, mood mood, meta jsonb, created_at timestamptz not null, born date, score bigint, flags boolean[])`,
    eOrm.sql`create table posts (id serial primary key, author_id int not null, title text not null, at timestamp not null)`,
    eOrm.sql`create table comments (id serial primary key, post_id int not null, body text)`,
    eOrm.sql`insert into users (name, invited_by, mood, meta, created_at, born, score, flags) values
      ('Ann', null, 'happy', '{"a":[1,2],"b":{"c":true}}', '2024-01-02 03:04:05.678+00', '1990-05-06', 42, '{t,f}'),
      ('Bo', 1, null, null, '2024-02-03 04:05:06+00', null, null, null),
      ('Cy', 1, 'sad', '"text"', '2024-03-04 05:06:07.5+02', '2001-01-01', -7, '{}')`,
    eOrm.sql`insert into posts (author_id, title, at) values (1, 'a1', '2024-01-01 10:00:00'), (1, 'a2', '2024-01-02 11:00:00.25'), (2, 'b1', '2024-01-03 12:00:00'), (3, 'c1', '2024-01-04 13:00:00')`,
    eOrm.sql`insert into comments (post_id, body) values (1, 'x'), (1, null), (2, 'y'), (4, 'z')`,
  ]) await e.execute(s);
  const d = { orm: dOrm, pg: dPg };
  const ee = { orm: eOrm, pg: ePg };
  both = {
    drizzle: { ...d, db: dDrizzle({ client: neon(url), schema: schema(d) }) },
    edgepg: { ...ee, db: eDrizzle({ connection: { connectionString: url, endpoint: g.sql }, schema: schema(ee) }) },
  };
});
after(() => database?.drop());

for (const [name, run] of Object.entries(queries)) {
  test(`relational: ${name}`, async () => {
    const d = await run(both.drizzle);
    const before = (await (await fetch(g.stats)).json()).requests;
    const e = await run(both.edgepg);
    const after = (await (await fetch(g.stats)).json()).requests;
    assert.deepEqual(e, d);
    assert.equal(after - before, 1, 'one HTTP request for the whole query');
  });
}

test('relational: inside db.batch (one request) and prepared with placeholders', async () => {
  const run = async ({ db, orm }) => {
    const [a, b] = await db.batch([
      db.query.users.findFirst({ columns: { name: true }, with: { posts: { columns: { title: true } } }, where: (u, { eq }) => eq(u.id, 1) }),
      db.query.posts.findMany({ columns: { id: true }, with: { author: { columns: { name: true } } }, orderBy: (p, { asc }) => asc(p.id) }),
    ]);
    const p = db.query.users.findMany({ columns: { id: true }, where: (u, { gt, sql }) => gt(u.id, sql.placeholder('min')), limit: orm.sql.placeholder('n'), orderBy: (u, { asc }) => asc(u.id) }).prepare('q');
    return [a, b, await p.execute({ min: 1, n: 1 }), await p.execute({ min: 0, n: 5 })];
  };
  const d = await run(both.drizzle);
  const before = (await (await fetch(g.stats)).json()).requests;
  const e = await run(both.edgepg);
  assert.equal((await (await fetch(g.stats)).json()).requests - before, 3);
  assert.deepEqual(e, d);
});

test('relational: bad input is a clear Error, and nothing is sent', async () => {
  const { db } = both.edgepg;
  const before = (await (await fetch(g.stats)).json()).requests;
  await assert.rejects(async () => db.query.users.findMany({ with: { nope: true } }), /Relation "nope" not found in table "users"/);
  // drizzle ignores keys that are not columns: nothing left selected is its DrizzleError
  await assert.rejects(async () => db.query.users.findMany({ columns: { nope: true } }),
    (e) => e instanceof eOrm.DrizzleError && /No fields selected for table "users"/.test(e.message));
  assert.throws(() => db.query.users.findFirst({ limit: 2 }), /findFirst\(\) takes no limit/);
  await assert.rejects(async () => db.query.posts.findMany({ columns: { id: false, authorId: false, title: false, at: false } }), /No fields selected for table "posts"/);
  const u = ePg.pgTable('u', { id: ePg.serial('id').primaryKey(), a: ePg.integer('a'), b: ePg.integer('b') });
  const uRel = eOrm.relations(u, ({ one }) => ({ boss: one(u, { fields: [u.a, u.b], references: [u.id] }) }));
  const odd = eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql }, schema: { u, uRel } });
  await assert.rejects(async () => odd.query.u.findMany({ with: { boss: true } }), /relation "u.boss": fields and references must have the same length/);
  assert.equal((await (await fetch(g.stats)).json()).requests, before);
});

test('relational: nested numeric and bigint keep their exact values (drizzle rounds them: documented)', async () => {
  const make = ({ orm, pg }) => {
    const owners = pg.pgTable('owners', { id: pg.serial('id').primaryKey(), balance: pg.numeric('balance', { precision: 8, scale: 2 }) });
    const accounts = pg.pgTable('accounts', {
      id: pg.serial('id').primaryKey(),
      ownerId: pg.integer('owner_id').notNull(),
      balance: pg.numeric('balance', { precision: 8, scale: 2 }),
      big: pg.bigint('big', { mode: 'bigint' }),
      rate: pg.doublePrecision('rate'),
      doc: pg.jsonb('doc'),
    });
    const ownersRelations = orm.relations(owners, ({ many }) => ({ accounts: many(accounts) }));
    const accountsRelations = orm.relations(accounts, ({ one }) => ({ owner: one(owners, { fields: [accounts.ownerId], references: [owners.id] }) }));
    return { owners, accounts, ownersRelations, accountsRelations };
  };
  const e = eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql }, schema: make({ orm: eOrm, pg: ePg }) });
  const d = dDrizzle({ client: neon(database.url), schema: make({ orm: dOrm, pg: dPg }) });
  await e.execute(eOrm.sql`create table owners (id serial primary key, balance numeric(8,2))`);
  await e.execute(eOrm.sql`create table accounts (id serial primary key, owner_id int not null, balance numeric(8,2), big bigint, rate double precision, doc jsonb)`);
  await e.execute(eOrm.sql`insert into owners (balance) values (12.50)`);
  await e.execute(eOrm.sql`insert into accounts (owner_id, balance, big, rate, doc) values (1, 12.50, 9007199254740993, 0.1, '{"n": 1.50, "list": [1, 2]}')`);
  const q = (db) => db.query.owners.findMany({ with: { accounts: { with: { owner: true } } } });
  const [dr, er] = [await q(d), await q(e)];
  assert.equal(er[0].balance, '12.50'); // top level: both exact
  assert.equal(dr[0].balance, '12.50');
  assert.equal(er[0].accounts[0].balance, '12.50');
  assert.equal(dr[0].accounts[0].balance, '12.5', 'drizzle rounds a nested numeric');
  assert.equal(er[0].accounts[0].big, 9007199254740993n);
  assert.equal(dr[0].accounts[0].big, 9007199254740992n, 'drizzle rounds a nested bigint');
  assert.equal(er[0].accounts[0].owner.balance, '12.50');
  // everything else as drizzle has it
  const strip = (rows) => rows.map((o) => ({ ...o, accounts: o.accounts.map(({ balance, big, owner, ...a }) => ({ ...a, owner: { id: owner.id } })) }));
  assert.deepEqual(strip(er), strip(dr));
  assert.deepEqual(er[0].accounts[0].doc, { n: 1.5, list: [1, 2] });
  assert.equal(er[0].accounts[0].rate, 0.1);
});

// Nested values of the remaining kinds PostgreSQL writes differently in json than in text:
// interval, time/timetz, timestamps in string mode, date in date mode, arrays, bytea (customType).
// Each compared with drizzle; the differences found are asserted one by one below.
test('relational: nested interval, time, timestamps as strings, dates, arrays and bytea: their top-level forms (drizzle: json\'s for three, documented)', async () => {
  const make = ({ orm, pg }) => {
    const bytea = pg.customType({ dataType: () => 'bytea' });
    const hosts = pg.pgTable('hosts', { id: pg.serial('id').primaryKey() });
    const events = pg.pgTable('events', {
      id: pg.serial('id').primaryKey(),
      hostId: pg.integer('host_id').notNull(),
      span: pg.interval('span'),
      starts: pg.time('starts'),
      startsTz: pg.time('starts_tz', { withTimezone: true }),
      atText: pg.timestamp('at_text', { mode: 'string' }),
      atTzText: pg.timestamp('at_tz_text', { mode: 'string', withTimezone: true }),
      at: pg.timestamp('at', { withTimezone: true, precision: 6 }),
      day: pg.date('day', { mode: 'date' }),
      dayText: pg.date('day_text'),
      nums: pg.integer('nums').array(),
      tags: pg.text('tags').array(),
      blob: bytea('blob'),
    });
    const hostsRelations = orm.relations(hosts, ({ many }) => ({ events: many(events) }));
    const eventsRelations = orm.relations(events, ({ one }) => ({ host: one(hosts, { fields: [events.hostId], references: [hosts.id] }) }));
    return { hosts, events, hostsRelations, eventsRelations };
  };
  const e = eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql }, schema: make({ orm: eOrm, pg: ePg }) });
  const d = dDrizzle({ client: neon(database.url), schema: make({ orm: dOrm, pg: dPg }) });
  await e.execute(eOrm.sql`create table hosts (id serial primary key)`);
  await e.execute(eOrm.sql`create table events (id serial primary key, host_id int not null, span interval, starts time, starts_tz timetz,
    at_text timestamp, at_tz_text timestamptz, at timestamptz(6), day date, day_text date, nums int[], tags text[], blob bytea)`);
  await e.execute(eOrm.sql`insert into hosts default values`);
  await e.execute(eOrm.sql`insert into events (host_id, span, starts, starts_tz, at_text, at_tz_text, at, day, day_text, nums, tags, blob) values
    (1, '1 year 2 mons 3 days 04:05:06.5', '10:11:12.345', '10:11:12+05:30', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.5+01',
     '2024-06-01 12:00:00.123456+00', '2024-03-01', '0099-12-31', '{1,NULL,3}', '{"a,b","c\\"d",NULL}', '\\x00ff10'),
    (1, null, null, null, null, null, null, null, null, null, null, null)`);
  const q = (db) => db.query.hosts.findMany({ with: { events: { orderBy: (ev, { asc }) => asc(ev.id), with: { host: true } } } });
  const [dr, er] = [await q(d), await q(e)];
  const top = (db) => db.query.events.findMany({ orderBy: (ev, { asc }) => asc(ev.id) });
  const [dt, et] = [await top(d), await top(e)];
  assert.deepEqual(et, dt, 'top level: as drizzle');
  // nested: every value as the same column has it at the top level (timestamps as strings and
  // bytea included)…
  assert.deepEqual(er[0].events.map(({ host, ...ev }) => ev), et);
  assert.deepEqual(er[0].events.map(({ host }) => host), [{ id: 1 }, { id: 1 }]);
  // …where drizzle returns json's forms for those three (a documented difference), and
  // otherwise the same values as edgepg.
  const [ev] = dr[0].events;
  assert.equal(ev.atText, '2024-02-29T23:59:59.123456');
  assert.equal(ev.atTzText, '2024-02-29T22:59:59.5+00:00');
  assert.equal(ev.blob, '\\x00ff10');
  assert.equal(et[0].atText, '2024-02-29 23:59:59.123456');
  assert.equal(et[0].atTzText, '2024-02-29 22:59:59.5+00');
  const same = (rows) => rows.map(({ events, ...h }) => ({ ...h, events: events.map(({ atText, atTzText, blob, ...e }) => e) }));
  assert.deepEqual(same(er), same(dr));
});

// The json → text rule for timestamps kept as strings, checked against PostgreSQL's own two forms
// of the same values, in session time zones with whole-hour, half-hour and historical (seconds) offsets.
test('relational: nested timestamp strings equal PostgreSQL\'s text form in any session time zone', async () => {
  const { nestedTextForm } = await import('../../pkg-template/rows.js');
  const toText = nestedTextForm('timestampText');
  const values = ['2024-02-29 23:59:59.5+01', '1900-01-01 00:00:00+00', '0099-12-31 10:00:00 BC', '12024-01-01 00:00:00+00', 'infinity', '-infinity', '2000-06-15 12:30:00.000001+00'];
  const e = eDrizzle({ connection: { connectionString: database.url, endpoint: g.sql } });
  let checked = 0;
  for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam', 'Asia/Kathmandu']) {
    const sel = (type) => eOrm.sql.raw(`select json_build_array(${values.map((v) => `'${v}'::${type}`).join(', ')}) as j, array[${values.map((v) => `'${v}'::${type}::text`).join(', ')}] as t`);
    const [, tz, ts] = await e.batch([e.execute(eOrm.sql.raw(`set local time zone '${zone}'`)), e.execute(sel('timestamptz')), e.execute(sel('timestamp'))]);
    for (const r of [tz.rows[0], ts.rows[0]]) {
      assert.deepEqual(toText(r.j), r.t, zone);
      checked += r.t.length;
    }
  }
  assert.equal(checked, 70);
});
