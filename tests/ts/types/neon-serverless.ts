// Type tests of edgepg/neon-serverless (tsc --noEmit): drizzle's names, transactions typed by
// their callbacks, the Pool/Client of @neondatabase/serverless.
declare const ws: new (url: string) => { send(data: Uint8Array): void }; // the `ws` package's WebSocket
import { eq, relations, TransactionRollbackError } from 'edgepg';
import { pgTable, serial, text, integer } from 'edgepg/pg-core';
import { drizzle, Pool, Client, neonConfig, DatabaseError, type NeonDatabase, type NeonTransaction } from 'edgepg/neon-serverless';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): T | void {}

const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
const posts = pgTable('posts', { id: serial('id').primaryKey(), userId: integer('user_id').notNull(), title: text('title') });
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
const postsRelations = relations(posts, ({ one }) => ({ user: one(users, { fields: [posts.userId], references: [users.id] }) }));

neonConfig.webSocketConstructor = ws;
neonConfig.wsProxy = (host, port) => `${host}:${port}/v2`;
neonConfig.useSecureWebSocket = false;
neonConfig.pipelineConnect = false;
// @ts-expect-error: 'password' or false
neonConfig.pipelineConnect = 'scram';

const pool = new Pool({ connectionString: 'postgresql://u:p@localhost/db', max: 4 });
const db = drizzle(pool, { schema: { users, posts, usersRelations, postsRelations } });
expect<Equal<typeof db.$client, Pool>>();
const db2 = drizzle({ connection: 'postgresql://u:p@localhost/db', ws });
expect<Equal<typeof db2, NeonDatabase<Record<string, never>, Pool>>>();
const db3 = drizzle(new Client('postgresql://u:p@localhost/db'));
expect<Equal<typeof db3.$client, Client>>();

async function run() {
  const n = await db.transaction(async (tx) => {
    const rows = await tx.select().from(users).where(eq(users.id, 1));
    expect<Equal<typeof rows, { id: number; name: string }[]>>();
    const inner = await tx.transaction(async (sp) => {
      expect<Equal<typeof sp, NeonTransaction<{ users: typeof users; posts: typeof posts; usersRelations: typeof usersRelations; postsRelations: typeof postsRelations }>>>();
      return 'x' as const;
    });
    expect<Equal<typeof inner, 'x'>>();
    if (rows.length === 0) tx.rollback();
    const withPosts = await tx.query.users.findFirst({ with: { posts: true } });
    expect<Equal<typeof withPosts, { id: number; name: string; posts: { id: number; userId: number; title: string | null }[] } | undefined>>();
    return rows.length;
  }, { isolationLevel: 'serializable', accessMode: 'read only', deferrable: true });
  expect<Equal<typeof n, number>>();
  // @ts-expect-error: not an isolation level
  await db.transaction(async () => 1, { isolationLevel: 'snapshot' });
  const r = await pool.query<{ one: number }>('select 1 as one');
  expect<Equal<typeof r.rows, { one: number }[]>>();
  try {
    await db.execute('select 1');
  } catch (e) {
    if (e instanceof DatabaseError) expect<Equal<typeof e.code, string | undefined>>();
    if (e instanceof TransactionRollbackError) throw e;
  }
  await pool.end();
}
void run;
