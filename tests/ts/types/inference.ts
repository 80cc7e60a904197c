// Type tests (tsc --noEmit): an assertion that does not hold fails the compilation; so does a
// `@ts-expect-error` line that compiles.
import { eq, and, gt, sql, count, is, DrizzleError, TransactionRollbackError, type InferSelectModel, type InferInsertModel } from 'edgepg';
import { getTableConfig, uniqueKeyName, PgTable, PgColumn, PgView, pgView, pgMaterializedView, getViewConfig, pgTable, serial, text, integer, bigint, numeric, jsonb, timestamp, date, boolean, varchar, pgEnum, alias, point } from 'edgepg/pg-core';
import { drizzle } from 'edgepg/neon-http';
import { crudPolicy, authenticatedRole, authUid, usersSync } from 'edgepg/neon';
import { Cache, type CacheConfig, type MutationOption } from 'edgepg/cache/core';
import { pgPolicy, pgRole, pgSequence, index } from 'edgepg/pg-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): T | void {}

const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  age: integer('age'),
  big: bigint('big', { mode: 'bigint' }),
  small: bigint('small', { mode: 'number' }).notNull().default(0),
  price: numeric('price'),
  ratio: numeric('ratio', { mode: 'number' }),
  meta: jsonb('meta').$type<{ tags: string[] }>(),
  mood: mood('mood'),
  role: varchar('role', { enum: ['admin', 'user'] }).notNull(),
  active: boolean('active').notNull().default(true),
  born: date('born'),
  bornAt: date('born_at', { mode: 'date' }),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  createdText: timestamp('created_text', { mode: 'string' }),
  loc: point('loc', { mode: 'xy' }),
  tags: text('tags').array(),
});
const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  authorId: integer('author_id').notNull(),
  title: text('title').notNull(),
});

type User = typeof users.$inferSelect;
expect<Equal<User, {
  id: number; name: string; age: number | null; big: bigint | null; small: number; price: string | null; ratio: number | null;
  meta: { tags: string[] } | null; mood: 'sad' | 'ok' | 'happy' | null; role: 'admin' | 'user'; active: boolean;
  born: string | null; bornAt: Date | null; createdAt: Date; createdText: string | null; loc: { x: number; y: number } | null;
  tags: string[] | null;
}>>();
expect<Equal<InferSelectModel<typeof users>, User>>();

type NewUser = InferInsertModel<typeof users>;
expect<Equal<Pick<NewUser, 'name' | 'role'>, { name: string; role: 'admin' | 'user' }>>();
expect<Equal<undefined extends NewUser['id'] ? true : false, true>>();
expect<Equal<NewUser extends { id?: unknown; age?: unknown } ? true : false, true>>();

const db = drizzle('postgresql://u:p@host.tld/db');

async function selects() {
  const all = await db.select().from(users);
  expect<Equal<typeof all, User[]>>();

  const partial = await db.select({ id: users.id, name: users.name, n: count(), info: { age: users.age } }).from(users);
  expect<Equal<typeof partial, { id: number; name: string; n: number; info: { age: number | null } }[]>>();

  const joined = await db.select().from(users).leftJoin(posts, eq(posts.authorId, users.id));
  expect<Equal<typeof joined, { users: User; posts: typeof posts.$inferSelect | null }[]>>();

  const inner = await db.select({ title: posts.title, name: users.name }).from(posts).innerJoin(users, eq(users.id, posts.authorId));
  expect<Equal<typeof inner, { title: string; name: string }[]>>();

  const left = await db.select({ title: posts.title, name: users.name }).from(users).leftJoin(posts, eq(users.id, posts.authorId));
  expect<Equal<typeof left, { title: string | null; name: string }[]>>();

  const right = await db.select({ name: users.name }).from(users).rightJoin(posts, eq(users.id, posts.authorId));
  expect<Equal<typeof right, { name: string | null }[]>>();

  const parent = alias(users, 'parent');
  const self = await db.select({ a: users.name, b: parent.name }).from(users).leftJoin(parent, eq(parent.id, users.age));
  expect<Equal<typeof self, { a: string; b: string | null }[]>>();

  const lowered = await db.select({ l: sql<string>`lower(${users.name})` }).from(users).where(and(eq(users.id, 1), gt(users.age, 3)));
  expect<Equal<typeof lowered, { l: string }[]>>();

  const sq = db.select({ id: users.id, up: sql<string>`upper(${users.name})`.as('up') }).from(users).as('sq');
  const fromSq = await db.select({ up: sq.up }).from(sq);
  expect<Equal<typeof fromSq, { up: string }[]>>();

  const n = await db.$count(users);
  expect<Equal<typeof n, number>>();
}

async function writes() {
  const inserted = await db.insert(users).values({ name: 'Ann', role: 'admin' }).returning();
  expect<Equal<typeof inserted, User[]>>();
  const ids = await db.insert(users).values([{ name: 'a', role: 'user' }, { name: 'b', role: 'user', age: null }]).returning({ id: users.id });
  expect<Equal<typeof ids, { id: number }[]>>();
  const upd = await db.update(users).set({ age: 3 }).where(eq(users.id, 1)).returning({ age: users.age });
  expect<Equal<typeof upd, { age: number | null }[]>>();
  // $inferInsert is the plain model (drizzle's), values() also takes SQL and placeholders
  const plain: typeof users.$inferInsert = { name: 'Ann', role: 'admin' };
  expect<Equal<typeof users.$inferInsert['name'], string>>();
  await db.insert(users).values(plain);
  await db.insert(users).values({ name: sql`upper('x')`, role: 'user', age: sql.placeholder('age') });
  const del = await db.delete(posts).where(eq(posts.id, 1));
  expect<Equal<typeof del['rowCount'], number | null>>();
  const [a, b] = await db.batch([db.select({ id: users.id }).from(users), db.insert(posts).values({ authorId: 1, title: 't' }).returning()]);
  expect<Equal<typeof a, { id: number }[]>>();
  expect<Equal<typeof b, (typeof posts.$inferSelect)[]>>();
}

function mistakes() {
  // @ts-expect-error: a required column is missing
  db.insert(users).values({ name: 'Ann' });
  // @ts-expect-error: wrong value type for a column
  db.insert(users).values({ name: 1, role: 'user' });
  // @ts-expect-error: not one of the enum values
  db.insert(users).values({ name: 'x', role: 'root' });
  // @ts-expect-error: comparing an integer column with a string
  eq(users.id, 'x');
  // @ts-expect-error: no such column
  db.select({ x: users.nope }).from(users);
  // @ts-expect-error: set() with a wrong type
  db.update(users).set({ age: 'old' });
}

function setOperatorCallbacks() {
  const ids = db.select({ id: users.id }).from(users);
  const both = ids.unionAll(({ unionAll }) => unionAll(db.select({ id: users.id }).from(users), db.select({ id: users.id }).from(users)));
  const rows: Promise<{ id: number }[]> = both.then((r) => r);
  void rows;
  const n: Promise<number> = db.$count(users).finally(() => {});
  const m: Promise<number | string> = db.$count(users).catch(() => 'failed');
  void n;
  void m;
}

function entities(x: unknown) {
  if (is(x, PgTable)) {
    const name: string = x._.name;
    void name;
  }
  if (is(x, PgColumn)) {
    const n: string = x.name;
    void n;
  }
  const e: DrizzleError = new TransactionRollbackError();
  void e;
}

// a neon() function: callable (0.10.x is called itself), with `query` (1.x) and `transaction`
function clients(client: ((sql: TemplateStringsArray, ...params: unknown[]) => Promise<unknown>) & { query(sql: string, params?: unknown[], options?: Record<string, unknown>): Promise<unknown>; transaction(q: unknown[], o?: Record<string, unknown>): Promise<unknown[]>; tag: 1 }) {
  const a = drizzle(client);
  const b = drizzle({ client, logger: true });
  const c: typeof client = a.$client;
  const d: 1 = b.$withAuth('t').$client.tag;
  void c;
  void d;
  // @ts-expect-error: an object that cannot be called is not a neon() function
  drizzle({ query: async () => ({}), transaction: async () => [] });
}

function views() {
  const v = pgView('vu').as((qb) => qb.select({ id: users.id, up: sql<string>`upper(${users.name})`.as('up') }).from(users));
  const ev = pgMaterializedView('ev', { n: integer('n').notNull() }).withNoData().existing();
  async function q() {
    const rows = await db.select().from(v).where(eq(v.id, 1));
    expect<Equal<typeof rows, { id: number; up: string }[]>>();
    const mat = await db.select({ n: ev.n }).from(ev);
    expect<Equal<typeof mat, { n: number }[]>>();
    await db.refreshMaterializedView(ev).concurrently();
    const isView: boolean = is(v, PgView);
    void isView;
    const name: string = getViewConfig(v).name;
    void name;
  }
  void q;
}

function metadata() {
  const cfg = getTableConfig(users);
  const types: string[] = cfg.columns.map((c) => c.getSQLType());
  const fk: string | undefined = cfg.foreignKeys[0]?.getName();
  const u: string = uniqueKeyName(users, ['name']);
  void types;
  void fk;
  void u;
}

function rls() {
  const notes = pgTable('notes', { id: integer('id'), owner: text('owner').notNull() }, (t) => [
    ...crudPolicy({ role: authenticatedRole, read: true, modify: authUid(t.owner) }),
    pgPolicy('p', { for: 'select', to: pgRole('admin'), using: sql`true` }),
    index('notes_owner_idx').on(t.owner.desc().nullsFirst()),
  ]).enableRLS();
  const seq = pgSequence('s', { startWith: 1 });
  const rows = db.select({ id: notes.id }).from(notes).where(sql`${notes.id} < nextval(${seq})`);
  void rows;
  void pgTable.withRLS('x', { id: integer('id') });
  void usersSync.email;
}

function caching() {
  class MemoryCache extends Cache {
    strategy() {
      return 'explicit' as const;
    }
    async get(_key: string) {
      return undefined;
    }
    async put(_key: string, _response: unknown, _tables: string[], _isTag: boolean, _config?: CacheConfig) {}
    async onMutate(_params: MutationOption) {}
  }
  const cached = drizzle({ connection: 'postgresql://u:p@h.tld/db', cache: new MemoryCache() });
  const rows = cached.select({ id: users.id }).from(users).$withCache({ tag: 'ids', config: { ex: 60 } });
  void rows;
  void cached.$cache?.invalidate({ tables: ['users'] });
  // @ts-expect-error: $withCache takes a config object or false
  cached.select().from(users).$withCache(true);
}

function relational() {
  const rdb = drizzle({ connection: 'postgresql://u:p@h.tld/db', schema: { users } });
  const q = rdb.query.users.findMany({
    columns: { id: true },
    where: (u, { and: a, gt: g, eq: e }) => a(g(u.id, 1), e(u.name, 'x')),
    orderBy: (u, { desc: d }) => [d(u.id)],
    limit: 10,
    extras: (u, { sql: s }) => ({ n: s`length(${u.name})`.as('n') }),
    with: { posts: { columns: { title: true } } },
  });
  void q;
  // @ts-expect-error: findFirst takes no limit
  rdb.query.users.findFirst({ limit: 2 });
}

void relational;
void caching;
void rls;
void metadata;
void views;
void clients;
void entities;
void setOperatorCallbacks;
void selects;
void writes;
void mistakes;
