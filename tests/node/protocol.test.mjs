// The real @neondatabase/serverless against edgepg-gateway: transactions with every option,
// errors field by field, Pool/Client over WebSocket, and round trips counted by the gateway.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gateway, configureNeon, freshDatabase, neon, Pool, stats } from './gateway.mjs';

let g;
let db;
configureNeon();

before(async () => {
  g = await gateway();
  db = await freshDatabase(g, 'node_protocol');
  const sql = neon(db.url);
  await sql`create table items (id serial primary key, name text not null unique, qty int check (qty >= 0))`;
  // No serial here: error details quote the failing row, which must be the same both ways.
  await sql`create table checked (name text not null, qty int check (qty >= 0))`;
});

after(async () => {
  await db?.drop();
  g?.cleanup?.();
});

test('transaction([...]) runs every statement in one transaction and returns each result', async () => {
  const sql = neon(db.url);
  const [ins, sel, cnt] = await sql.transaction([
    sql`insert into items (name, qty) values (${'a'}, ${1}) returning id`,
    sql`select name from items where name = ${'a'}`,
    sql`select count(*)::int as n from items`,
  ]);
  assert.equal(ins.length, 1);
  assert.deepStrictEqual(sel, [{ name: 'a' }]);
  assert.deepStrictEqual(cnt, [{ n: 1 }]);
  assert.deepStrictEqual(await sql.transaction([]), []);
});

test('a failing batch rolls back every statement', async () => {
  const sql = neon(db.url);
  await assert.rejects(
    sql.transaction([sql`insert into items (name) values ('rolled-back')`, sql`select 1/0`]),
    (e) => e.name === 'NeonDbError' && e.code === '22012',
  );
  assert.deepStrictEqual(await sql`select * from items where name = 'rolled-back'`, []);
});

test('isolationLevel, readOnly and deferrable reach PostgreSQL', async () => {
  const sql = neon(db.url);
  for (const [level, shown] of [
    ['ReadUncommitted', 'read uncommitted'],
    ['ReadCommitted', 'read committed'],
    ['RepeatableRead', 'repeatable read'],
    ['Serializable', 'serializable'],
  ]) {
    const [r] = await sql.transaction([sql`show transaction_isolation`], { isolationLevel: level });
    assert.deepStrictEqual(r, [{ transaction_isolation: shown }], level);
  }
  const [ro] = await sql.transaction([sql`show transaction_read_only`], { readOnly: true });
  assert.deepStrictEqual(ro, [{ transaction_read_only: 'on' }]);
  const [rw] = await sql.transaction([sql`show transaction_read_only`], { readOnly: false });
  assert.deepStrictEqual(rw, [{ transaction_read_only: 'off' }]);
  await assert.rejects(
    sql.transaction([sql`insert into items (name) values ('ro')`], { readOnly: true }),
    (e) => e.code === '25006',
  );
  const [df] = await sql.transaction([sql`show transaction_deferrable`], {
    isolationLevel: 'Serializable', readOnly: true, deferrable: true,
  });
  assert.deepStrictEqual(df, [{ transaction_deferrable: 'on' }]);
});

const FIELDS = ['message', 'severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery',
  'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];

async function viaWebSocket(text, params) {
  const pool = new Pool({ connectionString: db.url });
  try {
    await pool.query(text, params);
  } catch (e) {
    return e;
  } finally {
    await pool.end();
  }
  throw new Error('expected an error');
}

async function viaHttp(text, params) {
  try {
    await neon(db.url).query(text, params);
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

for (const [name, text, params] of [
  ['unique violation', "insert into items (name) values ('dup'), ('dup')", []],
  ['check violation', "insert into checked (name, qty) values ('neg', $1)", [-1]],
  ['not null violation', 'insert into checked (name) values ($1)', [null]],
  ['syntax error', 'selec 1', []],
  ['undefined column', 'select nope from items', []],
  ['bad parameter count', 'select $1::int', []],
  ['invalid input', 'select $1::int', ['x']],
  ['multiple commands', 'select 1; select 2', []],
  ['raise with hint', "do $$ begin raise exception 'custom' using detail = 'd', hint = 'h', errcode = 'P0042'; end $$", []],
]) {
  test(`NeonDbError equals what PostgreSQL reported: ${name}`, async () => {
    const http = await viaHttp(text, params);
    assert.equal(http.name, 'NeonDbError');
    assert.ok(http.code && http.code.length === 5, `code ${http.code}`);
    // Without parameters pg uses the simple-query protocol over WebSocket, which accepts several
    // commands and reports a missing $1 differently; HTTP always uses the extended protocol.
    if (name === 'multiple commands') {
      assert.equal(http.message, 'cannot insert multiple commands into a prepared statement');
      return;
    }
    if (name === 'bad parameter count') {
      assert.equal(http.message, 'bind message supplies 0 parameters, but prepared statement "" requires 1');
      assert.equal(http.code, '08P01');
      return;
    }
    const ws = await viaWebSocket(text, params);
    for (const f of FIELDS) assert.deepStrictEqual(http[f], ws[f], `${name}: ${f}`);
  });
}

test('gateway-level errors: wrong password, unknown database', async () => {
  const u = new URL(db.url);
  u.password = 'wrong';
  const e1 = await neon(u.toString())`select 1`.catch((e) => e);
  assert.equal(e1.name, 'NeonDbError');
  assert.equal(e1.message, `password authentication failed for user '${u.username}'`);
  assert.equal(e1.code, '');
  const v = new URL(db.url);
  v.pathname = '/no_such_db';
  const e2 = await neon(v.toString())`select 1`.catch((e) => e);
  assert.equal(e2.code, '3D000');
  assert.match(e2.message, /database "no_such_db" does not exist/);
});

test('Pool over WebSocket: pipelined connect, queries, interactive BEGIN…COMMIT and ROLLBACK', async () => {
  const pool = new Pool({ connectionString: db.url });
  try {
    const { rows } = await pool.query('select $1::text as v, current_user as u', ['hi']);
    assert.deepStrictEqual(rows, [{ v: 'hi', u: new URL(db.url).username }]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("insert into items (name, qty) values ('tx', 5)");
      const inside = await client.query("select qty from items where name = 'tx'");
      assert.deepStrictEqual(inside.rows, [{ qty: 5 }]);
      await client.query('COMMIT');
      await client.query('BEGIN');
      await client.query("update items set qty = 6 where name = 'tx'");
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const after = await neon(db.url)`select qty from items where name = 'tx'`;
    assert.deepStrictEqual(after, [{ qty: 5 }]);
  } finally {
    await pool.end();
  }
});

test('Client over WebSocket without pipelining (SCRAM/MD5/cleartext as the gateway asks)', async () => {
  const { Client, neonConfig } = await import('@neondatabase/serverless');
  const c = new Client({ connectionString: db.url });
  c.neonConfig.pipelineConnect = false;
  await c.connect();
  try {
    const r = await c.query('select 40 + $1::int as n', [2]);
    assert.deepStrictEqual(r.rows, [{ n: 42 }]);
  } finally {
    await c.end();
  }
  assert.equal(neonConfig.pipelineConnect, 'password');
});

test('WebSocket with a wrong password fails with the authentication error', async () => {
  const u = new URL(db.url);
  u.password = 'wrong';
  const pool = new Pool({ connectionString: u.toString() });
  try {
    await assert.rejects(pool.query('select 1'), (e) => /password authentication failed/.test(e.message));
  } finally {
    await pool.end().catch(() => {});
  }
});

test('round trips: one query = one HTTP request; a batch of 5 = one HTTP request', async () => {
  const sql = neon(db.url);
  const before = (await stats(g)).databases[db.name];
  await sql`select 1`;
  const mid = (await stats(g)).databases[db.name];
  assert.equal(mid.requests - before.requests, 1);
  assert.equal(mid.queries - before.queries, 1);
  await sql.transaction([1, 2, 3, 4, 5].map((i) => sql`insert into items (name) values (${'rt' + i})`));
  const end = (await stats(g)).databases[db.name];
  assert.equal(end.requests - mid.requests, 1);
  assert.equal(end.queries - mid.queries, 5);
});
