// The API's handlers: Drizzle code, with edgepg's imports.
import { asc, eq, gt, inArray, sql } from 'edgepg';
import { getDb, openPool, type Db, type Env } from './db.js';
import { toHttpError } from './errors.js';
import { HttpError, json, noContent } from './http.js';
import { posts, toPost, toUser, users } from './schema.js';
import { migrate } from 'edgepg/neon-http/migrator';
import migrations from './migrations.js';
import { INT4_MAX, merge, newPosts, newUser, parseId, queryInt, readJsonObject, userPatch } from './validation.js';

const userNotFound = () => new HttpError(404, 'user not found');

/** `GET /health`: `select 1` through the driver; any failure (configuration included) is a 503. */
export async function health(env: Env): Promise<Response> {
  try {
    await getDb(env).execute(sql`select 1`);
    return json({ ok: true, database: true });
  } catch (e) {
    console.error('health check failed', e);
    const { body } = toHttpError(e);
    return json({ ok: false, error: body }, 503);
  }
}

/** `GET /users?limit=N&cursor=ID`: keyset pagination by id. */
export async function listUsers(db: Db, params: URLSearchParams): Promise<Response> {
  const limit = queryInt(params, 'limit', 1, 100) ?? 20;
  const cursor = queryInt(params, 'cursor', 0, INT4_MAX);
  const rows = await db
    .select()
    .from(users)
    .where(cursor === undefined ? undefined : gt(users.id, cursor))
    .orderBy(asc(users.id))
    .limit(limit);
  const last = rows.at(-1);
  return json({ users: rows.map(toUser), nextCursor: rows.length === limit && last ? last.id : null });
}

/** `POST /users` */
export async function createUser(db: Db, request: Request): Promise<Response> {
  const input = newUser(await readJsonObject(request));
  const [user] = await db.insert(users).values(input).returning();
  if (!user) throw new Error('insert … returning gave no row');
  return json(toUser(user), 201);
}

/** `GET /users/:id` (`?with=posts`: the user with their posts, one relational query) */
export async function getUser(db: Db, rawId: string, params: URLSearchParams): Promise<Response> {
  const id = parseId(rawId);
  const withParam = params.get('with');
  if (withParam !== null && withParam !== 'posts') throw new HttpError(400, 'with must be "posts"', { field: 'with' });
  if (id === undefined) throw userNotFound();
  if (withParam === 'posts') {
    const user = await db.query.users.findFirst({
      where: (u, { eq: e }) => e(u.id, id),
      with: { posts: { orderBy: (p, { asc: a }) => a(p.id) } },
    });
    if (!user) throw userNotFound();
    return json({ ...toUser(user), posts: user.posts.map(toPost) });
  }
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw userNotFound();
  return json(toUser(user));
}

/** `PATCH /users/:id` */
export async function updateUser(db: Db, rawId: string, request: Request): Promise<Response> {
  const id = parseId(rawId);
  const patch = userPatch(await readJsonObject(request));
  if (id === undefined) throw userNotFound();
  const [user] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  if (!user) throw userNotFound();
  return json(toUser(user));
}

/** `DELETE /users/:id` (their posts go too: `on delete cascade`). */
export async function deleteUser(db: Db, rawId: string): Promise<Response> {
  const id = parseId(rawId);
  if (id === undefined) throw userNotFound();
  const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  if (deleted.length === 0) throw userNotFound();
  return noContent();
}

/** `GET /users/:id/posts`: the user check and the posts in one round trip. */
export async function listUserPosts(db: Db, rawId: string): Promise<Response> {
  const id = parseId(rawId);
  if (id === undefined) throw userNotFound();
  const [found, rows] = await db.batch([
    db.select({ id: users.id }).from(users).where(eq(users.id, id)),
    db.select().from(posts).where(eq(posts.userId, id)).orderBy(asc(posts.id)),
  ]);
  if (found.length === 0) throw userNotFound();
  return json({ posts: rows.map(toPost) });
}

/** `POST /posts/batch`: every insert in ONE `db.batch` (one HTTP request, one transaction). */
export async function createPosts(db: Db, request: Request): Promise<Response> {
  const input = newPosts(await readJsonObject(request));
  if (input.userId < 0 || input.userId > INT4_MAX) throw userNotFound();
  const [first, ...rest] = input.posts.map((p) =>
    db
      .insert(posts)
      .values({ userId: input.userId, title: p.title, ...(p.body === undefined ? {} : { body: p.body }) })
      .returning(),
  );
  if (!first) throw new HttpError(400, 'posts must not be empty', { field: 'posts' });
  let results;
  try {
    results = await db.batch([first, ...rest]);
  } catch (e) {
    throw toHttpError(e, { foreignKey: 404 }); // 23503: the user does not exist
  }
  return json({ posts: results.flat().map(toPost) }, 201);
}

/**
 * `POST /users/merge` `{"from", "into"}`: in ONE interactive transaction (over a WebSocket),
 * `from`'s posts move to `into` and `from` is deleted. Either user missing: 404, and the
 * transaction is rolled back (nothing changed). The pool lives for this request only.
 */
export async function mergeUsers(env: Env, request: Request, ctx: ExecutionContext): Promise<Response> {
  const { from, into } = merge(await readJsonObject(request));
  if ([from, into].some((id) => id < 0 || id > INT4_MAX)) throw userNotFound();
  const db = openPool(env);
  try {
    const counts = await db.transaction(async (tx) => {
      // both rows locked until commit: neither can be deleted or merged meanwhile
      const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, [from, into])).for('update');
      if (found.length !== 2) throw userNotFound(); // rolls the transaction back
      const moved = await tx.update(posts).set({ userId: into }).where(eq(posts.userId, from)).returning({ id: posts.id });
      const deleted = await tx.delete(users).where(eq(users.id, from)).returning({ id: users.id });
      return { movedPosts: moved.length, deletedUsers: deleted.length };
    });
    return json({ into, ...counts });
  } finally {
    ctx.waitUntil(db.$client.end());
  }
}

/**
 * `POST /admin/migrate`: applies the drizzle-kit folder `drizzle/` bundled into the Worker
 * (`src/migrations.ts`, written by `npm run db:bundle`), all pending migrations in ONE
 * transaction (one HTTP request). Needs `Authorization: Bearer <ADMIN_TOKEN>`; refused (403)
 * while the `ADMIN_TOKEN` secret is not set.
 */
export async function adminMigrate(env: Env, request: Request): Promise<Response> {
  const token = env.ADMIN_TOKEN;
  if (!token) throw new HttpError(403, 'admin routes are disabled: set the ADMIN_TOKEN secret');
  const given = request.headers.get('authorization') ?? '';
  if (!(await sameSecret(given, `Bearer ${token}`))) throw new HttpError(401, 'a valid Authorization: Bearer <ADMIN_TOKEN> is required');
  const { applied } = await migrate(getDb(env), { migrations });
  return json({ applied });
}

/** Compares secrets without leaking where they differ (hashes of both, compared in full). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
