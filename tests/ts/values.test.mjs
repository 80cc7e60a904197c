// Value parity: the same call chains through drizzle-orm 0.45.4 + @neondatabase/serverless 1.2.0
// (the real ones, from tests/golden/node_modules) and through edgepg's npm package, against the
// same database behind edgepg-gateway; what each returns must be equal.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle } from 'edgepg/neon-http';
import { g, freshDatabase, oracle } from './gateway.mjs';

const { orm: dOrm, pg: dPg, drizzle: dDrizzle, neon } = await oracle();
let database;

function schema({ orm, pg }) {
  const { sql } = orm;
  const users = pg.pgTable('users', {
    id: pg.serial('id').primaryKey(),
    name: pg.text('name').notNull(),
    version: pg.integer('version').default(1).$onUpdate(() => sql`version + 1`),
    touched: pg.integer('touched').$onUpdate(() => 7),
  });
  const posts = pg.pgTable('posts', { id: pg.serial('id').primaryKey(), authorId: pg.integer('author_id').notNull(), title: pg.text('title').notNull() });
  const things = pg.pgTableCreator((n) => `app_${n}`)('things', { id: pg.serial('id').primaryKey(), userId: pg.integer('user_id') });
  return { users, posts, things };
}

/** The cases: each gets `{ orm, pg, db, users, posts }` and returns a promise of what to compare. */
const cases = {
  'insert: $onUpdate fills only columns without a default': ({ db, users }) =>
    db.insert(users).values([{ name: 'Ann' }, { name: 'Bo' }, { name: 'Cy' }]).returning(),
  'update: $onUpdate applies': ({ db, users, orm }) => db.update(users).set({ name: 'Ann2' }).where(orm.eq(users.id, 1)).returning(),
  'count() in a subquery keeps its decoder in the outer query': async ({ db, users, posts, orm }) => {
    await db.insert(posts).values([{ authorId: 1, title: 'a' }, { authorId: 1, title: 'b' }, { authorId: 2, title: 'c' }]);
    const sq = db.select({ authorId: posts.authorId, n: orm.count().as('n') }).from(posts).groupBy(posts.authorId).as('sq');
    return db.select({ name: users.name, n: sq.n }).from(users).innerJoin(sq, orm.eq(sq.authorId, users.id)).orderBy(users.id);
  },
  '$count embedded in a select is a number': ({ db, users, posts, orm }) =>
    db.select({ id: users.id, posts: db.$count(posts, orm.eq(posts.authorId, users.id)) }).from(users).orderBy(users.id),
  '$count awaited, and its .then/.catch/.finally': async ({ db, posts }) => {
    const n = await db.$count(posts);
    const viaThen = await db.$count(posts).then((x) => x + 1);
    let fin = 0;
    const viaFinally = await db.$count(posts).finally(() => fin++);
    return [n, viaThen, viaFinally, fin];
  },
  'db.execute(sql): the full result, every field as the endpoint sent it': async ({ db, orm }) => {
    const r = await db.execute(orm.sql`select 1::int as a, 'x'::text as b, null::int8 as c, '{"k":[1]}'::jsonb as j`);
    return plain(r);
  },
  'db.execute(builder)': async ({ db, users, orm }) => plain(await db.execute(db.select({ id: users.id }).from(users).where(orm.eq(users.id, 2)))),
  'db.execute inside batch': async ({ db, users, orm }) => {
    const [a, b] = await db.batch([db.execute(orm.sql`select 2 as two`), db.select({ id: users.id }).from(users).where(orm.eq(users.id, 3))]);
    return [plain(a), b];
  },
  'join on the fields of a subquery of aliased sql expressions': ({ db, users, posts, orm }) => {
    const sq = db.select({ pid: sql(orm)`${posts.id} * 10`.as('pid'), aid: sql(orm)`${posts.authorId} + 0`.as('aid') }).from(posts).as('sq');
    return db.select().from(users).leftJoin(sq, orm.eq(sq.aid, users.id)).orderBy(users.id, sq.pid);
  },
  'a subquery joined, then another join': ({ db, users, posts, orm }) => {
    const sq = db.select({ id: posts.id, authorId: posts.authorId }).from(posts).where(orm.eq(posts.title, 'a')).as('sq');
    return db.select({ u: users.name, s: sq.id, p: posts.title }).from(users).leftJoin(sq, orm.eq(sq.authorId, users.id))
      .leftJoin(posts, orm.eq(posts.authorId, users.id)).orderBy(users.id, posts.id);
  },
  'a nested selection inside $with(name, fields)': ({ db, users, orm }) => {
    const w = db.$with('w').as(db.select({ id: users.id, info: { name: users.name, v: users.version } }).from(users));
    return db.with(w).select().from(w).orderBy(w.id);
  },
  'a leaf of a nested $with selection, referenced from outside': ({ db, users, orm }) => {
    const w = db.$with('w').as(db.select({ id: users.id, info: { name: users.name } }).from(users));
    return db.with(w).select({ n: w.info.name }).from(w).where(orm.gt(w.id, 1)).orderBy(w.info.name);
  },
  'a subquery of columns left-joined without a match is null': ({ db, users, posts, orm }) => {
    const sq = db.select({ id: posts.id, authorId: posts.authorId }).from(posts).where(orm.eq(posts.title, 'zzz')).as('sq');
    return db.select().from(users).leftJoin(sq, orm.eq(sq.authorId, users.id)).orderBy(users.id);
  },
  'update … from … left join … returning()': ({ db, users, posts, orm }) =>
    db.update(users).set({ name: 'y' }).from(posts).leftJoin(orm.sql`(select 1 as one) as o`, orm.sql`true`)
      .where(orm.and(orm.eq(posts.authorId, users.id), orm.eq(posts.title, 'b'))).returning(),
  'a pgTableCreator table in a full join is keyed by its JS name': async ({ db, users, things, orm }) => {
    await db.insert(things).values([{ userId: 1 }, { userId: 99 }]);
    return db.select().from(users).fullJoin(things, orm.eq(things.userId, users.id)).orderBy(users.id, things.id);
  },
  'update … from … returning()': ({ db, users, posts, orm }) =>
    db.update(users).set({ name: 'x' }).from(posts).where(orm.and(orm.eq(posts.authorId, users.id), orm.eq(posts.title, 'c'))).returning(),
  'views: select from a view and a materialized view, refresh it, getViewConfig': async ({ db, users, orm, pg }) => {
    const v = pg.pgView('vu').as((qb) => qb.select({ id: users.id, up: orm.sql`upper(${users.name})`.as('up') }).from(users));
    const mv = pg.pgMaterializedView('mvu', { id: pg.integer('id') }).tablespace('pg_default').existing();
    await db.execute(orm.sql`create view vu as select id, upper(name) as up from users`);
    await db.execute(orm.sql`create materialized view mvu as select id from users`);
    await db.refreshMaterializedView(mv);
    await db.refreshMaterializedView(mv).concurrently().catch((e) => e.cause?.code); // 55000: no unique index
    return {
      v: await db.select().from(v).orderBy(v.id),
      joined: await db.select({ up: v.up, id: mv.id }).from(v).innerJoin(mv, orm.eq(mv.id, v.id)).orderBy(v.id),
      keys: Object.keys(pg.getViewConfig(v)),
      mkeys: Object.keys(pg.getMaterializedViewConfig(mv)),
      tablespace: pg.getMaterializedViewConfig(mv).tablespace,
      isView: [orm.is(v, pg.PgView), orm.is(mv, pg.PgMaterializedView), orm.is(mv, orm.View), orm.is(v, orm.Table)],
    };
  },
  'sql with a schema object: its quoted name, no parameter': async ({ db, orm, pg }) => {
    const s = pg.pgSchema('values_schema');
    await db.execute(orm.sql`create schema if not exists ${s}`);
    const r = await db.execute(orm.sql`select nspname from pg_namespace where nspname = ${'values_schema'}`);
    await db.execute(orm.sql`drop schema if exists ${s} cascade`);
    return r.rows;
  },
};

const sql = (orm) => orm.sql;

/** A full result without neon's private parser objects (functions cannot be compared); a
 * field's tableID is the OID of a table each side created anew, so only its presence counts. */
function plain(r) {
  const { _parsers, _types, ...rest } = r;
  rest.fields = rest.fields.map((f) => ({ ...f, tableID: f.tableID > 0 ? 'a table' : f.tableID }));
  return { ...rest, keys: Object.keys(r), parsers: _parsers.length, types: typeof _types.getTypeParser };
}

let both;
before(async () => {
  database = await freshDatabase(`ts_values_${process.pid}`);
  const { url } = database;
  const d = { orm: dOrm, pg: dPg, db: dDrizzle({ client: neon(url) }) };
  const e = { orm: eOrm, pg: ePg, db: eDrizzle({ connection: { connectionString: url, endpoint: g.sql } }) };
  both = { drizzle: { ...d, ...schema(d) }, edgepg: { ...e, ...schema(e) } };
});

after(() => database?.drop());

async function reset(db, orm) {
  await db.execute(orm.sql`drop table if exists users, posts, app_things cascade`);
  await db.execute(orm.sql`create table app_things (id serial primary key, user_id int)`);
  await db.execute(orm.sql`create table users (id serial primary key, name text not null, version int default 1, touched int)`);
  await db.execute(orm.sql`create table posts (id serial primary key, author_id int not null, title text not null)`);
}

// Each case runs on fresh tables for each library, in order, so both see the same state.
for (const [name, run] of Object.entries(cases)) {
  test(name, async () => {
    const got = {};
    for (const side of ['drizzle', 'edgepg']) {
      const ns = both[side];
      await reset(both.edgepg.db, eOrm);
      // earlier cases build the state later ones read
      for (const [n, r] of Object.entries(cases)) {
        if (n === name) break;
        await r(ns);
      }
      got[side] = await run(ns);
    }
    assert.deepEqual(got.edgepg, got.drizzle);
  });
}
