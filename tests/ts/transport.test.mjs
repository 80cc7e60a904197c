// How requests fail, as @neondatabase/serverless reports it, now that the facade sends them with
// the runtime's fetch and reads every response in JS: refused connections, HTTP errors, database
// errors, timeouts, token functions. Against real PostgreSQL through edgepg-gateway.
process.env.TZ = 'UTC';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { g } from './gateway.mjs';
import { sql, NeonDbError, DrizzleQueryError } from 'edgepg';
import { drizzle } from 'edgepg/neon-http';

const stats = async () => (await (await fetch(g.stats)).json());

/** A loopback port with nothing listening on it. */
async function closedPort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

test('a refused connection: NeonDbError "Error connecting to database: TypeError: fetch failed", sourceError kept', async () => {
  const db = drizzle({ connection: { connectionString: g.connectionString, endpoint: `http://127.0.0.1:${await closedPort()}/sql` } });
  const e = await db.execute(sql`select 1`).catch((x) => x);
  assert.ok(e instanceof DrizzleQueryError, String(e));
  assert.equal(e.query, 'select 1');
  assert.ok(e.cause instanceof NeonDbError);
  assert.equal(e.cause.message, 'Error connecting to database: TypeError: fetch failed');
  assert.ok(e.cause.sourceError instanceof TypeError);
  assert.match(String(e.cause.sourceError.cause?.code), /ECONNREFUSED/);
});

test('a database error: every field the endpoint sent; a wrong password is the endpoint\'s own error', async () => {
  const db = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
  const e = await db.execute(sql`select 1 / ${0}::int`).catch((x) => x);
  assert.ok(e.cause instanceof NeonDbError);
  assert.equal(e.cause.code, '22012');
  assert.equal(e.cause.severity, 'ERROR');
  assert.equal(e.cause.message, 'division by zero');
  assert.equal(e.cause.routine, 'int4div');
  const url = new URL(g.connectionString);
  url.password = 'wrong';
  const bad = drizzle({ connection: { connectionString: url.toString(), endpoint: g.sql } });
  const w = await bad.execute(sql`select 1`).catch((x) => x);
  // Neon's proxy answers a wrong password itself: a 400 with an empty code (docs/protocol.md §3.2)
  assert.ok(w.cause instanceof NeonDbError);
  assert.equal(w.cause.message, `password authentication failed for user '${url.username}'`);
  assert.equal(w.cause.code, '');
});

test('an HTTP error that is not a database error: "Server error (HTTP status …): <body>" with its status', async () => {
  const db = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql.replace(/\/sql$/, '/nope') } });
  const e = await db.execute(sql`select 1`).catch((x) => x);
  assert.ok(e.cause instanceof NeonDbError, String(e));
  assert.match(e.cause.message, /^Server error \(HTTP status \d{3}\): /);
  assert.equal(typeof e.cause.status, 'number');
  assert.notEqual(e.cause.status, 200);
});

test('timeout: the request is aborted with a TimeoutError, and the gateway cancels the query', async () => {
  const db = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql, timeout: 200 } });
  const t0 = Date.now();
  const e = await db.execute(sql`select pg_sleep(5)`).catch((x) => x);
  assert.equal(e.cause?.name, 'TimeoutError', String(e));
  assert.equal(e.cause.kind, 'timeout');
  assert.ok(Date.now() - t0 < 4000, 'did not wait for the query');
  // the gateway saw the client go away and cancelled the backend's query
  const admin = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
  let running = 1;
  for (let i = 0; i < 50 && running > 0; i++) {
    const r = await admin.execute(sql`select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(5)' and state = 'active'`);
    running = r.rows[0].n;
    if (running) await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(running, 0);
});

test('authToken as a function: asked before each request and sent as a Bearer token', async () => {
  let asked = 0;
  const db = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql, authToken: async () => `jwt-${++asked}` } });
  const before = (await stats()).requests;
  // the gateway, like Neon's non-auth proxy, refuses a JWT: the refusal proves the header went out
  for (let i = 0; i < 2; i++) {
    const e = await db.execute(sql`select 1`).catch((x) => x);
    assert.match(String(e.cause?.message), /missing authentication credentials/);
  }
  assert.equal(asked, 2);
  assert.equal((await stats()).requests - before, 2);
  const failing = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql, authToken: () => { throw new Error('no session'); } } });
  const e = await failing.execute(sql`select 1`).catch((x) => x);
  assert.match(String(e.cause?.message ?? e.message), /Error getting auth token: no session/);
  assert.equal((await stats()).requests - before, 2, 'nothing sent without a token');
});

test('requests name edgepg in application_name, the way the neon driver names itself', async () => {
  const seen = [];
  const server = createHttpServer((req, res) => {
    seen.push(req.headers['neon-connection-string']);
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ command: 'SELECT', rowCount: 1, rows: [['1']], fields: [{ name: 'x', dataTypeID: 23 }], rowAsArray: true })));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const endpoint = `http://127.0.0.1:${server.address().port}/sql`;
    const version = JSON.parse(readFileSync(new URL('./node_modules/edgepg/package.json', import.meta.url), 'utf8')).version;
    const cs = 'postgresql://u:p@ep-x.example/db?sslmode=require';
    const r = await drizzle({ connection: { connectionString: cs, endpoint } }).execute(sql`select 1 as x`);
    assert.deepEqual(r.rows, [{ x: 1 }]);
    const named = 'postgresql://u:p@ep-x.example/db?application_name=mine';
    await drizzle({ connection: { connectionString: named, endpoint } }).execute(sql`select 1 as x`);
    assert.deepEqual(seen, [`${cs}&application_name=pkg%3Anpm%2Fedgepg%40${version}`, named]);
  } finally {
    server.close();
  }
});
