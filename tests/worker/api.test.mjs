// The Worker templates' API (docs/worker-api.md), end to end: the template chosen by WORKER
// (rust | ts) runs in workerd (Miniflare), talks to a real edgepg-gateway + PostgreSQL over
// SQL-over-HTTP, and every write is checked in the database itself.
//
//   scripts/with-gateway.sh tests/worker/run.sh [rust|ts]     (make worker runs both)
//   WORKER=ts scripts/with-gateway.sh node --test tests/worker/   (after a build of that template)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { freshDatabase, gateway, query, stats, withDatabase } from './gateway.mjs';
import { TEMPLATES, bundle, startWorker, unavailable } from './harness.mjs';

const TEMPLATE = process.env.WORKER ?? 'rust';
if (!TEMPLATES.includes(TEMPLATE)) throw new Error(`WORKER=${TEMPLATE}: expected one of ${TEMPLATES.join(', ')}`);
// a template that cannot run fails the suite loudly: nothing passes with nothing run
const missing = unavailable(TEMPLATE);
if (missing) throw new Error(`tests/worker: the ${TEMPLATE} template cannot run: ${missing}`);

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let g; // the gateway's ready file
let db; // { name, url } of this run's database
let built; // the template's bundle
let worker; // the Worker in workerd, bound to db

describe(`${TEMPLATE} Worker template (docs/worker-api.md)`, () => {
  before(async () => {
    g = gateway();
    db = await freshDatabase(g, `worker_${TEMPLATE}`);
    built = await bundle(TEMPLATE);
    if (built.size) console.log(`${TEMPLATE} bundle: ${built.size}`);
    worker = await startWorker(built, { DATABASE_URL: db.url, DATABASE_ENDPOINT: g.sql, DATABASE_WS_URL: g.ws });
  });
  after(async () => {
    await worker?.dispose();
    built?.cleanup();
    await db?.drop();
  });

  // ------------------------------------------------------------------ helpers

  /** One request to the Worker: { status, headers, text, json }. */
  async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
    const res = await worker.fetch(path, init);
    const text = await res.text();
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {}
    return { status: res.status, headers: res.headers, text, json };
  }

  const show = (r) => `${r.status} ${r.text}\n--- worker output ---\n${worker.output.slice(-3000)}`;

  function expectJson(r, status) {
    assert.equal(r.status, status, show(r));
    assert.match(r.headers.get('content-type') ?? '', /^application\/json\b/, show(r));
    assert.notEqual(r.json, undefined, show(r));
  }

  /** `{"error": {"message", "code"?, "field"?}}` with exactly the expected code and field. */
  function expectError(r, status, { code, field } = {}) {
    expectJson(r, status);
    const e = r.json.error;
    assert.equal(typeof e, 'object', show(r));
    assert.deepEqual(Object.keys(r.json), ['error'], show(r));
    assert.equal(typeof e.message, 'string', show(r));
    assert.ok(e.message.length > 0, show(r));
    for (const k of Object.keys(e)) assert.ok(['message', 'code', 'field'].includes(k), `unexpected key ${k}: ${show(r)}`);
    if (code !== undefined) assert.equal(e.code, code, show(r));
    if (field !== undefined) assert.equal(e.field, field, show(r));
    return e;
  }

  function assertUser(u) {
    assert.deepEqual(Object.keys(u).sort(), ['createdAt', 'email', 'id', 'name']);
    assert.ok(Number.isInteger(u.id), `id ${u.id}`);
    assert.equal(typeof u.name, 'string');
    assert.equal(typeof u.email, 'string');
    assert.match(u.createdAt, ISO_8601);
  }

  function assertPost(p) {
    assert.deepEqual(Object.keys(p).sort(), ['body', 'createdAt', 'id', 'title', 'userId']);
    assert.ok(Number.isInteger(p.id) && Number.isInteger(p.userId));
    assert.equal(typeof p.title, 'string');
    assert.equal(typeof p.body, 'string');
    assert.match(p.createdAt, ISO_8601);
  }

  const sql = (text, params) => query(g, db.url, text, params);
  const epochMs = `floor(extract(epoch from created_at) * 1000)::bigint as created_ms`;
  const dbUser = async (id) => (await sql(`select id, name, email, ${epochMs} from users where id = $1`, [id]))[0];
  const dbPosts = (userId) => sql(`select id, user_id, title, body, ${epochMs} from posts where user_id = $1 order by id`, [userId]);
  const count = async (table) => Number((await sql(`select count(*) as n from ${table}`))[0].n);

  /** The API's user equals PostgreSQL's row (createdAt to the millisecond). */
  function sameUser(api, row) {
    assert.ok(row, `user ${api.id} is not in the database`);
    assert.deepEqual([api.id, api.name, api.email], [Number(row.id), row.name, row.email]);
    assert.ok(Math.abs(Date.parse(api.createdAt) - Number(row.created_ms)) <= 1, `${api.createdAt} vs ${row.created_ms} ms`);
  }

  function samePost(api, row) {
    assert.ok(row, `post ${api.id} is not in the database`);
    assert.deepEqual([api.id, api.userId, api.title, api.body], [Number(row.id), Number(row.user_id), row.title, row.body]);
    assert.ok(Math.abs(Date.parse(api.createdAt) - Number(row.created_ms)) <= 1, `${api.createdAt} vs ${row.created_ms} ms`);
  }

  let serial = 0;
  const unique = (what) => `${what}${++serial}_${Date.now().toString(36)}`;

  /** A user created through the API (checked). */
  async function newUser(name = unique('user')) {
    const r = await call('POST', '/users', { name, email: `${name}@example.com` });
    expectJson(r, 201);
    return r.json;
  }

  const missingId = 2_000_000_000; // no row has it (ids are serial from 1)

  // ------------------------------------------------------------------ GET /health

  test('GET /health: 200 {"ok": true, "database": true}', async () => {
    const r = await call('GET', '/health');
    expectJson(r, 200);
    assert.deepEqual(r.json, { ok: true, database: true });
  });

  // ------------------------------------------------------------------ POST /users

  describe('POST /users', () => {
    test('201 with the user, stored as sent', async () => {
      const before = await count('users');
      const r = await call('POST', '/users', { name: 'Ann Lee', email: 'ann@example.com' });
      expectJson(r, 201);
      assertUser(r.json);
      assert.deepEqual([r.json.name, r.json.email], ['Ann Lee', 'ann@example.com']);
      assert.ok(Math.abs(Date.parse(r.json.createdAt) - Date.now()) < 60_000, r.json.createdAt);
      sameUser(r.json, await dbUser(r.json.id));
      assert.equal(await count('users'), before + 1);
    });

    test('unknown fields are ignored; names of 1 and 100 characters (code points) are valid', async () => {
      for (const name of ['x', 'é'.repeat(100), '😀'.repeat(100)]) {
        const email = `${unique('edge')}@example.com`;
        const r = await call('POST', '/users', { name, email, admin: true, id: 999 });
        expectJson(r, 201);
        assert.equal(r.json.name, name);
        assert.notEqual(r.json.id, 999);
        sameUser(r.json, await dbUser(r.json.id));
      }
    });

    test('409 (code 23505) on a duplicate email; nothing is stored', async () => {
      const u = await newUser();
      const before = await count('users');
      const r = await call('POST', '/users', { name: 'Other', email: u.email });
      expectError(r, 409, { code: '23505' });
      assert.equal(await count('users'), before);
      sameUser(u, await dbUser(u.id));
    });

    test('400 for a malformed or non-object body', async () => {
      const before = await count('users');
      for (const body of ['{"name": "Ann", ', 'not json', '', '[]', '"text"', '42', 'null']) {
        const r = await call('POST', '/users', body);
        const e = expectError(r, 400);
        assert.equal(e.field, undefined, show(r));
      }
      assert.equal(await count('users'), before);
    });

    test('400 naming the missing or invalid field', async () => {
      const before = await count('users');
      const ok = { name: 'Bo', email: 'bo-invalid@example.com' };
      const cases = [
        [{ email: ok.email }, 'name'],
        [{ ...ok, name: '' }, 'name'],
        [{ ...ok, name: 'x'.repeat(101) }, 'name'],
        [{ ...ok, name: 42 }, 'name'],
        [{ ...ok, name: null }, 'name'],
        [{ ...ok, name: ['Bo'] }, 'name'],
        [{ name: ok.name }, 'email'],
        [{ ...ok, email: 'bo.example.com' }, 'email'],
        [{ ...ok, email: '' }, 'email'],
        [{ ...ok, email: 7 }, 'email'],
        [{ ...ok, email: null }, 'email'],
      ];
      for (const [body, field] of cases) {
        const r = await call('POST', '/users', body);
        expectError(r, 400, { field });
      }
      assert.equal(await count('users'), before);
      assert.equal((await sql('select id from users where email = $1', [ok.email])).length, 0);
    });
  });

  // ------------------------------------------------------------------ GET /users

  describe('GET /users', () => {
    before(async () => {
      // Enough users for more than one default page (20).
      await sql(
        `insert into users (name, email) select 'seed ' || i, 'seed' || i || '-' || $1 || '@example.com' from generate_series(1, 25) i`,
        [Date.now()],
      );
    });

    const allIds = async () => (await sql('select id from users order by id')).map((r) => Number(r.id));

    test('default page: the first 20 users by id, nextCursor = the last id', async () => {
      const ids = await allIds();
      assert.ok(ids.length > 20);
      const r = await call('GET', '/users');
      expectJson(r, 200);
      assert.deepEqual(Object.keys(r.json).sort(), ['nextCursor', 'users']);
      r.json.users.forEach(assertUser);
      assert.deepEqual(
        r.json.users.map((u) => u.id),
        ids.slice(0, 20),
      );
      assert.equal(r.json.nextCursor, ids[19]);
      for (const u of r.json.users.slice(0, 3)) sameUser(u, await dbUser(u.id));
    });

    test('following nextCursor visits every user once, in id order', async () => {
      const ids = await allIds();
      for (const limit of [1, 7, ids.length, 100]) {
        const seen = [];
        let cursor = null;
        for (let page = 0; page < ids.length + 2; page++) {
          const r = await call('GET', `/users?limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`);
          expectJson(r, 200);
          const got = r.json.users.map((u) => u.id);
          assert.ok(got.length <= limit);
          if (cursor !== null) assert.ok(got.every((id) => id > cursor));
          seen.push(...got);
          // nextCursor = the last id when the page is full, else null.
          assert.equal(r.json.nextCursor, got.length === limit ? got.at(-1) : null, show(r));
          cursor = r.json.nextCursor;
          if (cursor === null) break;
        }
        assert.deepEqual(seen, ids, `limit ${limit}`);
      }
    });

    test('cursor: ids strictly greater; past the end → an empty page', async () => {
      const ids = await allIds();
      const r = await call('GET', `/users?cursor=${ids[4]}&limit=3`);
      expectJson(r, 200);
      assert.deepEqual(
        r.json.users.map((u) => u.id),
        ids.slice(5, 8),
      );
      const end = await call('GET', `/users?cursor=${ids.at(-1)}`);
      expectJson(end, 200);
      assert.deepEqual(end.json, { users: [], nextCursor: null });
      const zero = await call('GET', '/users?cursor=0&limit=2');
      expectJson(zero, 200);
      assert.deepEqual(
        zero.json.users.map((u) => u.id),
        ids.slice(0, 2),
      );
    });

    test('400 for a non-integer or out-of-range limit or cursor', async () => {
      for (const q of ['limit=0', 'limit=101', 'limit=-1', 'limit=abc', 'limit=1.5', 'limit=', 'limit=1e1', 'limit=99999999999999999999']) {
        expectError(await call('GET', `/users?${q}`), 400, { field: 'limit' });
      }
      for (const q of ['cursor=abc', 'cursor=1.5', 'cursor=', 'cursor=-1', 'cursor=99999999999999999999']) {
        expectError(await call('GET', `/users?${q}`), 400, { field: 'cursor' });
      }
    });
  });

  // ------------------------------------------------------------------ GET /users/:id

  describe('GET /users/:id', () => {
    test('200 with the user', async () => {
      const u = await newUser();
      const r = await call('GET', `/users/${u.id}`);
      expectJson(r, 200);
      assertUser(r.json);
      assert.deepEqual(r.json, u);
    });

    test('404 when absent (also for integers no row can have)', async () => {
      for (const id of [missingId, 0, 99999999999, -3]) expectError(await call('GET', `/users/${id}`), 404);
    });

    test('400 for a non-integer id', async () => {
      for (const id of ['abc', '1.5', '1e3', '0x10', '%20']) expectError(await call('GET', `/users/${id}`), 400);
    });

    test('?with=posts: the user and their posts ordered by id, in ONE request (a relational query)', async () => {
      const u = await newUser();
      const other = await newUser();
      expectJson(await call('POST', '/posts/batch', { userId: u.id, posts: [{ title: 'one' }, { title: 'two', body: 'b2' }] }), 201);
      expectJson(await call('POST', '/posts/batch', { userId: other.id, posts: [{ title: 'not mine' }] }), 201);
      const s0 = await stats(g, db.name);
      const r = await call('GET', `/users/${u.id}?with=posts`);
      const s1 = await stats(g, db.name);
      expectJson(r, 200);
      assert.equal(s1.requests - s0.requests, 1, `HTTP requests at the gateway: ${JSON.stringify({ s0, s1 })}`);
      assert.deepEqual(Object.keys(r.json), ['id', 'name', 'email', 'createdAt', 'posts']);
      const { posts, ...user } = r.json;
      assert.deepEqual(user, u);
      posts.forEach(assertPost);
      assert.deepEqual(posts, (await call('GET', `/users/${u.id}/posts`)).json.posts);
      const empty = await call('GET', `/users/${other.id}?with=posts`);
      assert.equal(empty.json.posts.length, 1);
      const none = await newUser();
      assert.deepEqual((await call('GET', `/users/${none.id}?with=posts`)).json.posts, []);
    });

    test('?with=posts: 404 when absent; 400 naming "with" for anything else', async () => {
      expectError(await call('GET', `/users/${missingId}?with=posts`), 404);
      expectError(await call('GET', `/users/1?with=comments`), 400, { field: 'with' });
    });
  });

  // ------------------------------------------------------------------ PATCH /users/:id

  describe('PATCH /users/:id', () => {
    test('200 with the updated user: name, email, or both', async () => {
      const u = await newUser();
      let r = await call('PATCH', `/users/${u.id}`, { name: 'Renamed' });
      expectJson(r, 200);
      assertUser(r.json);
      assert.deepEqual(r.json, { ...u, name: 'Renamed' });
      sameUser(r.json, await dbUser(u.id));

      const email = `${unique('moved')}@example.com`;
      r = await call('PATCH', `/users/${u.id}`, { email });
      expectJson(r, 200);
      assert.deepEqual(r.json, { ...u, name: 'Renamed', email });
      sameUser(r.json, await dbUser(u.id));

      const email2 = `${unique('both')}@example.com`;
      r = await call('PATCH', `/users/${u.id}`, { name: 'Both', email: email2, ignored: 1 });
      expectJson(r, 200);
      assert.deepEqual(r.json, { ...u, name: 'Both', email: email2 });
      sameUser(r.json, await dbUser(u.id));
    });

    test('400 for an empty, malformed or invalid body; nothing changes', async () => {
      const u = await newUser();
      for (const body of ['{}', '{"other": 1}', 'nope', '[]']) {
        const e = expectError(await call('PATCH', `/users/${u.id}`, body), 400);
        assert.equal(e.field, undefined);
      }
      const cases = [
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(101) }, 'name'],
        [{ name: null }, 'name'],
        [{ email: 'no-at-sign' }, 'email'],
        [{ name: 'Fine', email: 5 }, 'email'],
      ];
      for (const [body, field] of cases) expectError(await call('PATCH', `/users/${u.id}`, body), 400, { field });
      sameUser(u, await dbUser(u.id));
    });

    test('404 when absent; 400 for a non-integer id', async () => {
      expectError(await call('PATCH', `/users/${missingId}`, { name: 'Ghost' }), 404);
      expectError(await call('PATCH', '/users/abc', { name: 'Ghost' }), 400);
      assert.equal((await sql(`select id from users where name = 'Ghost'`)).length, 0);
    });

    test('409 (code 23505) when the email is taken; nothing changes', async () => {
      const a = await newUser();
      const b = await newUser();
      expectError(await call('PATCH', `/users/${b.id}`, { name: 'Taken', email: a.email }), 409, { code: '23505' });
      sameUser(a, await dbUser(a.id));
      sameUser(b, await dbUser(b.id));
    });
  });

  // ------------------------------------------------------------------ DELETE /users/:id

  describe('DELETE /users/:id', () => {
    test('204 with an empty body; the user and their posts are gone', async () => {
      const u = await newUser();
      const keep = await newUser();
      expectJson(await call('POST', '/posts/batch', { userId: u.id, posts: [{ title: 'a' }, { title: 'b' }] }), 201);
      expectJson(await call('POST', '/posts/batch', { userId: keep.id, posts: [{ title: 'kept' }] }), 201);
      const r = await call('DELETE', `/users/${u.id}`);
      assert.equal(r.status, 204, show(r));
      assert.equal(r.text, '');
      assert.equal(await dbUser(u.id), undefined);
      assert.equal((await dbPosts(u.id)).length, 0);
      sameUser(keep, await dbUser(keep.id));
      assert.equal((await dbPosts(keep.id)).length, 1);
      expectError(await call('GET', `/users/${u.id}`), 404);
    });

    test('404 when absent (or already deleted); 400 for a non-integer id', async () => {
      const u = await newUser();
      assert.equal((await call('DELETE', `/users/${u.id}`)).status, 204);
      const before = await count('users');
      expectError(await call('DELETE', `/users/${u.id}`), 404);
      expectError(await call('DELETE', `/users/${missingId}`), 404);
      expectError(await call('DELETE', '/users/abc'), 400);
      assert.equal(await count('users'), before);
    });
  });

  // ------------------------------------------------------------------ GET /users/:id/posts

  describe('GET /users/:id/posts', () => {
    test('200 {"posts": []} for a user without posts', async () => {
      const u = await newUser();
      const r = await call('GET', `/users/${u.id}/posts`);
      expectJson(r, 200);
      assert.deepEqual(r.json, { posts: [] });
    });

    test("200 with the user's posts only, ordered by id", async () => {
      const u = await newUser();
      const other = await newUser();
      expectJson(await call('POST', '/posts/batch', { userId: u.id, posts: [{ title: 'one' }, { title: 'two', body: 'b2' }] }), 201);
      expectJson(await call('POST', '/posts/batch', { userId: other.id, posts: [{ title: 'not mine' }] }), 201);
      expectJson(await call('POST', '/posts/batch', { userId: u.id, posts: [{ title: 'three' }] }), 201);
      const r = await call('GET', `/users/${u.id}/posts`);
      expectJson(r, 200);
      assert.deepEqual(Object.keys(r.json), ['posts']);
      r.json.posts.forEach(assertPost);
      const rows = await dbPosts(u.id);
      assert.deepEqual(
        r.json.posts.map((p) => [p.title, p.body]),
        [
          ['one', ''],
          ['two', 'b2'],
          ['three', ''],
        ],
      );
      assert.equal(r.json.posts.length, rows.length);
      r.json.posts.forEach((p, i) => samePost(p, rows[i]));
    });

    test('404 when the user is absent; 400 for a non-integer id', async () => {
      expectError(await call('GET', `/users/${missingId}/posts`), 404);
      expectError(await call('GET', '/users/abc/posts'), 400);
    });
  });

  // ------------------------------------------------------------------ POST /posts/batch

  describe('POST /posts/batch', () => {
    test('5 posts: 201, ONE HTTP request and 5 queries at the gateway, all stored', async () => {
      const u = await newUser();
      const posts = [
        { title: 'p1', body: 'first' },
        { title: 'p2' },
        { title: 'p3', body: '' },
        { title: 'p4', body: null },
        { title: 'p5 ✓', body: 'fifth, with "quotes" and ünïcode' },
      ];
      const s0 = await stats(g, db.name);
      const r = await call('POST', '/posts/batch', { userId: u.id, posts });
      const s1 = await stats(g, db.name);
      expectJson(r, 201);
      assert.equal(s1.requests - s0.requests, 1, `HTTP requests at the gateway: ${JSON.stringify({ s0, s1 })}`);
      assert.equal(s1.queries - s0.queries, 5, `queries at the gateway: ${JSON.stringify({ s0, s1 })}`);
      assert.deepEqual(Object.keys(r.json), ['posts']);
      r.json.posts.forEach(assertPost);
      assert.deepEqual(
        r.json.posts.map((p) => [p.userId, p.title, p.body]),
        posts.map((p) => [u.id, p.title, p.body ?? '']),
      );
      const ids = r.json.posts.map((p) => p.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
      const rows = await dbPosts(u.id);
      assert.equal(rows.length, 5);
      r.json.posts.forEach((p, i) => samePost(p, rows[i]));
    });

    test('boundaries: 1 post, 20 posts, a title of 200 characters', async () => {
      const u = await newUser();
      const one = await call('POST', '/posts/batch', { userId: u.id, posts: [{ title: 't'.repeat(200) }] });
      expectJson(one, 201);
      assert.equal(one.json.posts.length, 1);
      const twenty = Array.from({ length: 20 }, (_, i) => ({ title: `n${i}` }));
      const s0 = await stats(g, db.name);
      const many = await call('POST', '/posts/batch', { userId: u.id, posts: twenty });
      const s1 = await stats(g, db.name);
      expectJson(many, 201);
      assert.equal(s1.requests - s0.requests, 1);
      assert.equal(s1.queries - s0.queries, 20);
      assert.deepEqual(
        many.json.posts.map((p) => p.title),
        twenty.map((p) => p.title),
      );
      assert.equal((await dbPosts(u.id)).length, 21);
    });

    test('404 for an unknown user; nothing is stored', async () => {
      const before = await count('posts');
      expectError(await call('POST', '/posts/batch', { userId: missingId, posts: [{ title: 'x' }, { title: 'y' }] }), 404);
      expectError(await call('POST', '/posts/batch', { userId: 99999999999, posts: [{ title: 'x' }] }), 404);
      assert.equal(await count('posts'), before);
    });

    test('400 for an invalid body, naming the field; nothing is stored', async () => {
      const u = await newUser();
      const before = await count('posts');
      for (const body of ['{"userId": 1, ', '[]', 'null']) {
        const e = expectError(await call('POST', '/posts/batch', body), 400);
        assert.equal(e.field, undefined);
      }
      const post = { title: 'ok' };
      const cases = [
        [{ posts: [post] }, 'userId'],
        [{ userId: String(u.id), posts: [post] }, 'userId'],
        [{ userId: u.id + 0.5, posts: [post] }, 'userId'],
        [{ userId: null, posts: [post] }, 'userId'],
        [{ userId: u.id }, 'posts'],
        [{ userId: u.id, posts: [] }, 'posts'],
        [{ userId: u.id, posts: Array.from({ length: 21 }, () => post) }, 'posts'],
        [{ userId: u.id, posts: post }, 'posts'],
        [{ userId: u.id, posts: [post, 'title'] }, 'posts[1]'],
        [{ userId: u.id, posts: [{}] }, 'posts[0].title'],
        [{ userId: u.id, posts: [post, { title: '' }] }, 'posts[1].title'],
        [{ userId: u.id, posts: [{ title: 'x'.repeat(201) }] }, 'posts[0].title'],
        [{ userId: u.id, posts: [{ title: 5 }] }, 'posts[0].title'],
        [{ userId: u.id, posts: [post, post, { title: 'b', body: 5 }] }, 'posts[2].body'],
      ];
      for (const [body, field] of cases) expectError(await call('POST', '/posts/batch', body), 400, { field });
      assert.equal(await count('posts'), before);
    });
  });

  // ------------------------------------------------------------------ POST /users/merge

  describe('POST /users/merge', () => {
    /** Both users' rows and posts, and the total counts: what "nothing changed" compares. */
    const snapshot = async (...ids) => ({
      users: await Promise.all(ids.map(dbUser)),
      posts: await Promise.all(ids.map(dbPosts)),
      counts: [await count('users'), await count('posts')],
    });

    test("200: from's posts move to into and from is deleted, in ONE interactive transaction over a WebSocket", async () => {
      const from = await newUser();
      const into = await newUser();
      expectJson(await call('POST', '/posts/batch', { userId: from.id, posts: [{ title: 'f1' }, { title: 'f2' }] }), 201);
      expectJson(await call('POST', '/posts/batch', { userId: into.id, posts: [{ title: 'i1' }] }), 201);
      const name = new URL(db.url).pathname.slice(1);
      const before = await stats(g, name);
      const r = await call('POST', '/users/merge', { from: from.id, into: into.id });
      expectJson(r, 200);
      assert.deepEqual(r.json, { into: into.id, movedPosts: 2, deletedUsers: 1 });
      // the pool was closed after the response (ctx.waitUntil(pool.end())): no session is left
      const deadline = Date.now() + 5000;
      let open;
      do {
        open = Number((await sql("select count(*) as n from pg_stat_activity where datname = current_database() and application_name like 'pkg:%' and pid <> pg_backend_pid() and backend_type = 'client backend' and state is not null and query not like '%pg_stat_activity%'"))[0].n);
        if (open === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      } while (Date.now() < deadline);
      assert.equal(open, 0, 'the WebSocket session was closed');
      const after = await stats(g, name);
      assert.equal(after.wsConnections - before.wsConnections, 1, 'one WebSocket for the request');
      assert.equal(after.wsFramesIn - before.wsFramesIn, 4 + 1, '3 statements (begin rides with the first) + commit, then Terminate');
      assert.equal(await dbUser(from.id), undefined);
      assert.deepEqual((await dbPosts(into.id)).map((p) => p.title), ['f1', 'f2', 'i1']);
    });

    test('404 when either user is missing, with nothing changed', async () => {
      const u = await newUser();
      expectJson(await call('POST', '/posts/batch', { userId: u.id, posts: [{ title: 'stays' }] }), 201);
      const before = await snapshot(u.id);
      for (const body of [{ from: u.id, into: missingId }, { from: missingId, into: u.id }, { from: -1, into: u.id }, { from: u.id, into: 2 ** 40 }]) {
        expectError(await call('POST', '/users/merge', body), 404);
        assert.deepEqual(await snapshot(u.id), before, JSON.stringify(body));
      }
    });

    test('400 for from == into or an invalid body, naming the field; nothing changed', async () => {
      const u = await newUser();
      const before = await snapshot(u.id);
      expectError(await call('POST', '/users/merge', { from: u.id, into: u.id }), 400, { field: 'into' });
      expectError(await call('POST', '/users/merge', { into: u.id }), 400, { field: 'from' });
      expectError(await call('POST', '/users/merge', { from: u.id, into: '2' }), 400, { field: 'into' });
      expectError(await call('POST', '/users/merge', { from: 1.5, into: u.id }), 400, { field: 'from' });
      expectError(await call('POST', '/users/merge', '{not json'), 400);
      expectError(await call('POST', '/users/merge', '[1, 2]'), 400);
      assert.deepEqual(await snapshot(u.id), before);
    });
  });

  // ------------------------------------------------------------------ POST /admin/migrate

  describe('POST /admin/migrate', () => {
    test('refused without the ADMIN_TOKEN secret (403) or without the token (401)', async () => {
      expectError(await call('POST', '/admin/migrate'), 403);
    });

    test('applies the bundled drizzle-kit folder to an empty database, once; a second run applies nothing', async () => {
      const empty = await freshDatabase(g, `worker_${TEMPLATE}_migrate`, { schema: false });
      const admin = await startWorker(built, { DATABASE_URL: empty.url, DATABASE_ENDPOINT: g.sql, DATABASE_WS_URL: g.ws, ADMIN_TOKEN: 'let-me-in' });
      try {
        const post = async (token) => {
          const res = await admin.fetch('/admin/migrate', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
          return { status: res.status, json: await res.json() };
        };
        assert.equal((await post()).status, 401);
        assert.equal((await post('wrong')).status, 401);
        const first = await post('let-me-in');
        assert.equal(first.status, 200, JSON.stringify(first.json));
        assert.deepEqual(first.json, { applied: ['0000_users_and_posts'] });
        const second = await post('let-me-in');
        assert.deepEqual([second.status, second.json], [200, { applied: [] }]);
        const q = (text) => query(g, empty.url, text);
        assert.deepEqual((await q("select table_name from information_schema.tables where table_schema = 'public' order by 1")).map((r) => r.table_name), ['posts', 'users']);
        assert.equal((await q('select count(*) as n from drizzle.__drizzle_migrations'))[0].n, '1');
      } finally {
        await admin.dispose();
        await empty.drop();
      }
    });
  });

  // ------------------------------------------------------------------ routing

  describe('routing', () => {
    test('404 {"error": {"message": "not found"}} for unknown paths', async () => {
      for (const [method, path] of [
        ['GET', '/'],
        ['GET', '/nope'],
        ['GET', '/users/1/posts/2'],
        ['GET', '/users/'],
        ['POST', '/posts'],
        ['GET', '/healthz'],
        ['DELETE', '/posts/batch/1'],
      ]) {
        const r = await call(method, path);
        expectJson(r, 404);
        assert.deepEqual(r.json, { error: { message: 'not found' } }, `${method} ${path}`);
      }
    });

    test('405 for a known path with another method (Allow lists the methods)', async () => {
      for (const [method, path, allowed] of [
        ['POST', '/health', ['GET']],
        ['PUT', '/users', ['GET', 'POST']],
        ['DELETE', '/users', ['GET', 'POST']],
        ['POST', '/users/1', ['GET', 'PATCH', 'DELETE']],
        ['PUT', '/users/1', ['GET', 'PATCH', 'DELETE']],
        ['DELETE', '/users/1/posts', ['GET']],
        ['GET', '/posts/batch', ['POST']],
        ['GET', '/users/merge', ['POST']],
      ]) {
        const r = await call(method, path);
        expectError(r, 405);
        const allow = (r.headers.get('allow') ?? '').split(',').map((m) => m.trim());
        assert.deepEqual(allow.sort(), [...allowed].sort(), `${method} ${path}: Allow ${r.headers.get('allow')}`);
      }
    });
  });

  // ------------------------------------------------------------------ when the database cannot be used

  describe('database unavailable or misconfigured', () => {
    const others = [];
    const start = async (bindings) => {
      const w = await startWorker(built, bindings);
      others.push(w);
      return w;
    };
    after(async () => Promise.all(others.map((w) => w.dispose())));

    async function callOn(w, method, path, body) {
      const res = await w.fetch(path, body === undefined ? { method } : { method, body: JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
    }

    test('endpoint unreachable: /health 503 {"ok": false, "error"}, routes 503, validation still 400', async () => {
      // A port nothing listens on (the gateway's own port + a closed /sql path would answer).
      const w = await start({ DATABASE_URL: db.url, DATABASE_ENDPOINT: 'http://127.0.0.1:9/sql' });
      const h = await callOn(w, 'GET', '/health');
      assert.equal(h.status, 503, h.text);
      assert.equal(h.json.ok, false);
      assert.equal(typeof h.json.error.message, 'string');
      assert.equal(h.json.database, undefined);
      expectError(await callOn(w, 'GET', '/users'), 503);
      expectError(await callOn(w, 'GET', '/users/1'), 503);
      expectError(await callOn(w, 'POST', '/users', { name: 'Down', email: 'down@example.com' }), 503);
      expectError(await callOn(w, 'POST', '/posts/batch', { userId: 1, posts: [{ title: 'x' }] }), 503);
      expectError(await callOn(w, 'POST', '/users', { name: '' }), 400, { field: 'name' });
      assert.equal((await sql(`select id from users where email = 'down@example.com'`)).length, 0);
    });

    test('wrong password (an endpoint error, no SQLSTATE): 503', async () => {
      const bad = new URL(db.url);
      bad.password = 'not-the-password';
      const w = await start({ DATABASE_URL: bad.toString(), DATABASE_ENDPOINT: g.sql });
      const h = await callOn(w, 'GET', '/health');
      assert.equal(h.status, 503, h.text);
      assert.equal(h.json.ok, false);
      assert.equal(typeof h.json.error.message, 'string');
      expectError(await callOn(w, 'GET', '/users'), 503);
      expectError(await callOn(w, 'PATCH', '/users/1', { name: 'x' }), 503);
    });

    test('no such database: 503 with the SQLSTATE (3D000)', async () => {
      const w = await start({ DATABASE_URL: withDatabase(db.url, `${db.name}_missing`), DATABASE_ENDPOINT: g.sql });
      const h = await callOn(w, 'GET', '/health');
      assert.equal(h.status, 503, h.text);
      assert.equal(h.json.error.code, '3D000', h.text);
      expectError(await callOn(w, 'GET', '/users/1/posts'), 503, { code: '3D000' });
    });

    test('no DATABASE_URL: /health 503, routes 500', async () => {
      const w = await start({ DATABASE_ENDPOINT: g.sql });
      const h = await callOn(w, 'GET', '/health');
      assert.equal(h.status, 503, h.text);
      assert.equal(h.json.ok, false);
      expectError(await callOn(w, 'GET', '/users'), 500);
    });
  });
});
