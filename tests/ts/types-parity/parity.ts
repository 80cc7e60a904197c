// Type parity with drizzle-orm 0.45.4's own .d.ts (tests/golden/node_modules): the same code
// written against both packages must infer the same types.
import * as e from 'edgepg';
import * as ep from 'edgepg/pg-core';
import { drizzle as edrizzle } from 'edgepg/neon-http';
import * as d from 'drizzle-orm';
import * as dp from 'drizzle-orm/pg-core';
import { drizzle as ddrizzle } from 'drizzle-orm/neon-http';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): T | void {}

const eUsers = ep.pgTable('users', {
  id: ep.serial('id').primaryKey(),
  name: ep.text('name').notNull(),
  age: ep.integer('age'),
  big: ep.bigint('big', { mode: 'bigint' }),
  price: ep.numeric('price'),
  meta: ep.jsonb('meta').$type<{ tags: string[] }>(),
  active: ep.boolean('active').notNull().default(true),
  at: ep.timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
const dUsers = dp.pgTable('users', {
  id: dp.serial('id').primaryKey(),
  name: dp.text('name').notNull(),
  age: dp.integer('age'),
  big: dp.bigint('big', { mode: 'bigint' }),
  price: dp.numeric('price'),
  meta: dp.jsonb('meta').$type<{ tags: string[] }>(),
  active: dp.boolean('active').notNull().default(true),
  at: dp.timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
const ePosts = ep.pgTable('posts', { id: ep.serial('id').primaryKey(), authorId: ep.integer('author_id').notNull(), title: ep.text('title').notNull() });
const dPosts = dp.pgTable('posts', { id: dp.serial('id').primaryKey(), authorId: dp.integer('author_id').notNull(), title: dp.text('title').notNull() });

const edb = edrizzle('postgresql://u:p@h.tld/db');
const ddb = ddrizzle('postgresql://u:p@h.tld/db');

expect<Equal<typeof eUsers.$inferSelect, typeof dUsers.$inferSelect>>();
expect<Equal<typeof eUsers.$inferInsert, typeof dUsers.$inferInsert>>();
expect<Equal<e.InferSelectModel<typeof eUsers>, d.InferSelectModel<typeof dUsers>>>();
expect<Equal<e.InferInsertModel<typeof eUsers>, d.InferInsertModel<typeof dUsers>>>();

async function queries() {
  const eAll = await edb.select().from(eUsers);
  const dAll = await ddb.select().from(dUsers);
  expect<Equal<typeof eAll, typeof dAll>>();

  const ePart = await edb.select({ id: eUsers.id, nested: { n: eUsers.name, a: eUsers.age } }).from(eUsers);
  const dPart = await ddb.select({ id: dUsers.id, nested: { n: dUsers.name, a: dUsers.age } }).from(dUsers);
  expect<Equal<typeof ePart, typeof dPart>>();

  const eJoin = await edb.select().from(eUsers).leftJoin(ePosts, e.eq(ePosts.authorId, eUsers.id));
  const dJoin = await ddb.select().from(dUsers).leftJoin(dPosts, d.eq(dPosts.authorId, dUsers.id));
  expect<Equal<typeof eJoin, typeof dJoin>>();

  const eInner = await edb.select({ u: eUsers.name, t: ePosts.title }).from(eUsers).innerJoin(ePosts, e.eq(ePosts.authorId, eUsers.id));
  const dInner = await ddb.select({ u: dUsers.name, t: dPosts.title }).from(dUsers).innerJoin(dPosts, d.eq(dPosts.authorId, dUsers.id));
  expect<Equal<typeof eInner, typeof dInner>>();

  const eRet = await edb.insert(eUsers).values({ name: 'a' }).returning();
  const dRet = await ddb.insert(dUsers).values({ name: 'a' }).returning();
  expect<Equal<typeof eRet, typeof dRet>>();

  const eRetP = await edb.update(eUsers).set({ age: 1 }).returning({ id: eUsers.id });
  const dRetP = await ddb.update(dUsers).set({ age: 1 }).returning({ id: dUsers.id });
  expect<Equal<typeof eRetP, typeof dRetP>>();

  const eDel = await edb.delete(ePosts).returning({ t: ePosts.title });
  const dDel = await ddb.delete(dPosts).returning({ t: dPosts.title });
  expect<Equal<typeof eDel, typeof dDel>>();

  const eCount = await edb.$count(eUsers);
  const dCount = await ddb.$count(dUsers);
  expect<Equal<typeof eCount, typeof dCount>>();

  const eAgg = await edb.select({ n: e.count(), s: e.sum(eUsers.age), mx: e.max(eUsers.at) }).from(eUsers);
  const dAgg = await ddb.select({ n: d.count(), s: d.sum(dUsers.age), mx: d.max(dUsers.at) }).from(dUsers);
  expect<Equal<typeof eAgg, typeof dAgg>>();

  const [eb1, eb2] = await edb.batch([edb.select({ id: eUsers.id }).from(eUsers), edb.insert(ePosts).values({ authorId: 1, title: 't' }).returning()]);
  const [db1, db2] = await ddb.batch([ddb.select({ id: dUsers.id }).from(dUsers), ddb.insert(dPosts).values({ authorId: 1, title: 't' }).returning()]);
  expect<Equal<typeof eb1, typeof db1>>();
  expect<Equal<typeof eb2, typeof db2>>();

  const eSq = edb.select({ id: eUsers.id, up: e.sql<string>`upper(${eUsers.name})`.as('up') }).from(eUsers).as('sq');
  const dSq = ddb.select({ id: dUsers.id, up: d.sql<string>`upper(${dUsers.name})`.as('up') }).from(dUsers).as('sq');
  const eFromSq = await edb.select().from(eSq);
  const dFromSq = await ddb.select().from(dSq);
  expect<Equal<typeof eFromSq, typeof dFromSq>>();
}
void queries;

// Relational queries: the same schema and configs, the same row types as drizzle infers.
const eUsersRel = e.relations(eUsers, ({ many }) => ({ posts: many(ePosts) }));
const dUsersRel = d.relations(dUsers, ({ many }) => ({ posts: many(dPosts) }));
const ePostsRel = e.relations(ePosts, ({ one }) => ({ author: one(eUsers, { fields: [ePosts.authorId], references: [eUsers.id] }) }));
const dPostsRel = d.relations(dPosts, ({ one }) => ({ author: one(dUsers, { fields: [dPosts.authorId], references: [dUsers.id] }) }));
const eGroups = ep.pgTable('groups', { id: ep.serial('id').primaryKey(), ownerId: ep.integer('owner_id') });
const dGroups = dp.pgTable('groups', { id: dp.serial('id').primaryKey(), ownerId: dp.integer('owner_id') });
const eGroupsRel = e.relations(eGroups, ({ one }) => ({ owner: one(eUsers, { fields: [eGroups.ownerId], references: [eUsers.id] }) }));
const dGroupsRel = d.relations(dGroups, ({ one }) => ({ owner: one(dUsers, { fields: [dGroups.ownerId], references: [dUsers.id] }) }));
const eSchema = { users: eUsers, posts: ePosts, groups: eGroups, eUsersRel, ePostsRel, eGroupsRel };
const dSchema = { users: dUsers, posts: dPosts, groups: dGroups, dUsersRel, dPostsRel, dGroupsRel };
const erdb = edrizzle('postgresql://u:p@h.tld/db', { schema: eSchema });
const drdb = ddrizzle('postgresql://u:p@h.tld/db', { schema: dSchema });
expect<Equal<keyof typeof erdb.query, keyof typeof drdb.query>>();

async function relational() {
  const eAll = await erdb.query.users.findMany();
  const dAll = await drdb.query.users.findMany();
  expect<Equal<typeof eAll, typeof dAll>>();

  const eFirst = await erdb.query.posts.findFirst();
  const dFirst = await drdb.query.posts.findFirst();
  expect<Equal<typeof eFirst, typeof dFirst>>();

  const eWith = await erdb.query.users.findMany({ with: { posts: true } });
  const dWith = await drdb.query.users.findMany({ with: { posts: true } });
  expect<Equal<typeof eWith, typeof dWith>>();

  const eCols = await erdb.query.users.findMany({
    columns: { id: true, name: true },
    with: { posts: { columns: { title: true }, where: (p, { gt }) => gt(p.id, 1), orderBy: (p, { desc }) => [desc(p.id)], limit: 2, with: { author: { columns: { age: true } } } } },
  });
  const dCols = await drdb.query.users.findMany({
    columns: { id: true, name: true },
    with: { posts: { columns: { title: true }, where: (p, { gt }) => gt(p.id, 1), orderBy: (p, { desc }) => [desc(p.id)], limit: 2, with: { author: { columns: { age: true } } } } },
  });
  expect<Equal<typeof eCols, typeof dCols>>();

  const eOmit = await erdb.query.users.findFirst({ columns: { meta: false, big: false }, extras: { up: e.sql<string>`upper(${eUsers.name})`.as('up') } });
  const dOmit = await drdb.query.users.findFirst({ columns: { meta: false, big: false }, extras: { up: d.sql<string>`upper(${dUsers.name})`.as('up') } });
  expect<Equal<typeof eOmit, typeof dOmit>>();

  const eExtraFn = await erdb.query.posts.findMany({ extras: (p, { sql }) => ({ len: sql<number>`length(${p.title})`.as('len') }), offset: 1 });
  const dExtraFn = await drdb.query.posts.findMany({ extras: (p, { sql }) => ({ len: sql<number>`length(${p.title})`.as('len') }), offset: 1 });
  expect<Equal<typeof eExtraFn, typeof dExtraFn>>();

  // one() through a nullable column: the owner may be missing (| null), as drizzle types it.
  const eOwner = await erdb.query.groups.findMany({ with: { owner: { with: { posts: { columns: { id: true } } } } } });
  const dOwner = await drdb.query.groups.findMany({ with: { owner: { with: { posts: { columns: { id: true } } } } } });
  expect<Equal<typeof eOwner, typeof dOwner>>();

  const eNoRel = await erdb.query.posts.findMany({ with: { author: undefined } });
  const dNoRel = await drdb.query.posts.findMany({ with: { author: undefined } });
  expect<Equal<typeof eNoRel, typeof dNoRel>>();

  // Unknown keys are errors, as in drizzle.
  // @ts-expect-error: no such column
  erdb.query.users.findMany({ columns: { nope: true } });
  // @ts-expect-error: no such relation
  erdb.query.users.findMany({ with: { nope: true } });
  // @ts-expect-error: findFirst takes no limit
  erdb.query.users.findFirst({ limit: 1 });
  // @ts-expect-error: a nested one() relation takes no where
  erdb.query.posts.findMany({ with: { author: { where: e.eq(eUsers.id, 1) } } });
}
void relational;
