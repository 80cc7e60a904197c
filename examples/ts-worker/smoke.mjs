// Quick self-check of the template while developing it: every route once, against a real
// edgepg-gateway + PostgreSQL, with the Worker served by workerd under `wrangler dev`.
//
//   node smoke.mjs              # the routes (starts a gateway through scripts/with-gateway.sh)
//   node smoke.mjs --measure    # + upload size (wrangler deploy --dry-run) and cold starts
//
// Needs `npm ci` here and `make pkg` at the repository root. If the tarball is newer than the
// installed copy (npm ci reuses its cache for a file: dependency), it is reinstalled first.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const measure = process.argv.includes('--measure');
const RUNS = 5;

// ---------------------------------------------------------------- the gateway
if (!process.env.EDGEPG_GATEWAY_READY) {
  const r = spawnSync(path.join(root, 'scripts/with-gateway.sh'), [process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const g = JSON.parse(readFileSync(process.env.EDGEPG_GATEWAY_READY, 'utf8'));

// ---------------------------------------------------------------- a fresh edgepg install
const tgz = path.join(root, 'edgepg-0.1.0.tgz');
const installedWasm = path.join(here, 'node_modules/edgepg/wasm/edgepg_bg.wasm');
const sha = (buf) => createHash('sha256').update(buf).digest('hex');
const packedWasm = execFileSync('tar', ['-xzOf', tgz, 'package/wasm/edgepg_bg.wasm'], { maxBuffer: 64 << 20 });
let fresh = false;
try {
  fresh = sha(readFileSync(installedWasm)) === sha(packedWasm) && statSync(path.join(here, 'node_modules/edgepg/index.js')).isFile();
} catch {}
if (!fresh) {
  console.log('# (re)installing edgepg from the tarball');
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tgz], { cwd: here, stdio: 'inherit' });
}

// The package itself (its Node build) manages the throwaway database through the gateway.
const { sql } = await import('edgepg');
const { drizzle } = await import('edgepg/neon-http');
const admin = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
const dbName = `ts_worker_smoke_${process.pid}`;
await admin.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
const url = new URL(g.connectionString);
url.pathname = `/${dbName}`;
const DATABASE_URL = url.toString();
// The database and schema.sql, by the template's own helper.
execFileSync(process.execPath, ['setup-db.mjs', '--create-database'], {
  cwd: here,
  env: { ...process.env, DATABASE_URL, DATABASE_ENDPOINT: g.sql },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stats = async () => (await (await fetch(g.stats)).json()).databases[dbName] ?? { requests: 0, queries: 0 };

// ---------------------------------------------------------------- wrangler dev
const wrangler = path.join(here, 'node_modules/.bin/wrangler');
const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
  NO_UPDATE_NOTIFIER: '1',
  WRANGLER_LOG_PATH: path.join(os.tmpdir(), 'edgepg-ts-worker-wrangler-logs'),
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `wrangler dev` on a loopback port; resolves once `GET /health` answers (any status). */
async function startDev(vars) {
  const port = await freePort();
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()),
    '--show-interactive-dev-session=false', '--log-level', 'warn'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const t0 = performance.now();
  const child = spawn(wrangler, args, { cwd: here, env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`wrangler dev exited:\n${output}`);
    if (performance.now() - t0 > 120_000) throw new Error(`wrangler dev not answering after 120 s:\n${output}`);
    try {
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      return {
        base,
        firstResponseMs: ms,
        firstStatus: res.status,
        output: () => output,
        stop: () =>
          new Promise((resolve) => {
            if (exited) return resolve();
            child.on('exit', resolve);
            process.kill(-child.pid, 'SIGTERM'); // wrangler and its workerd (own process group)
          }),
      };
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function call(base, method, pathname, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + pathname, init);
  const text = await res.text();
  let json;
  if (text) json = JSON.parse(text);
  if (res.status !== 204) assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${method} ${pathname}`);
  return { status: res.status, json, text };
}

let checks = 0;
async function check(name, f) {
  try {
    await f();
    checks++;
    console.log(`ok  ${name}`);
  } catch (e) {
    console.log(`FAIL ${name}`);
    throw e;
  }
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const isUser = (u) => {
  assert.deepEqual(Object.keys(u).sort(), ['createdAt', 'email', 'id', 'name']);
  assert.ok(Number.isInteger(u.id));
  assert.match(u.createdAt, ISO);
};
const isPost = (p) => {
  assert.deepEqual(Object.keys(p).sort(), ['body', 'createdAt', 'id', 'title', 'userId']);
  assert.match(p.createdAt, ISO);
};

const vars = { DATABASE_URL, DATABASE_ENDPOINT: g.sql };
let dev = await startDev(vars);
let failed = false;
try {
  const b = dev.base;
  console.log(`# wrangler dev answered after ${dev.firstResponseMs.toFixed(0)} ms`);
  await check('GET /health → 200', async () => {
    const r = await call(b, 'GET', '/health');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ok: true, database: true });
  });
  let ann;
  await check('POST /users → 201 User', async () => {
    const r = await call(b, 'POST', '/users', { name: 'Ann', email: 'ann@example.com' });
    assert.equal(r.status, 201, r.text);
    isUser(r.json);
    assert.equal(r.json.name, 'Ann');
    ann = r.json;
  });
  await check('POST /users: duplicate email → 409 23505', async () => {
    const r = await call(b, 'POST', '/users', { name: 'Ann 2', email: 'ann@example.com' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, '23505');
    assert.doesNotMatch(r.text, /Failed query|at .*\(|\.ts:/);
  });
  await check('POST /users: malformed JSON, bad fields → 400', async () => {
    let r = await call(b, 'POST', '/users', '{"name": ');
    assert.equal(r.status, 400, r.text);
    assert.equal(typeof r.json.error.message, 'string');
    r = await call(b, 'POST', '/users', { email: 'x@y' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'name');
    r = await call(b, 'POST', '/users', { name: 'x'.repeat(101), email: 'x@y' });
    assert.equal(r.json.error.field, 'name');
    r = await call(b, 'POST', '/users', { name: 'Bo', email: 'nope' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'email');
    r = await call(b, 'POST', '/users', '[1]');
    assert.equal(r.status, 400);
  });
  const more = [];
  for (const n of ['Bo', 'Cy', 'Di']) more.push((await call(b, 'POST', '/users', { name: n, email: `${n}@example.com` })).json);
  await check('GET /users: pages by id with nextCursor', async () => {
    let r = await call(b, 'GET', '/users');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.users.map((u) => u.name), ['Ann', 'Bo', 'Cy', 'Di']);
    r.json.users.forEach(isUser);
    assert.equal(r.json.nextCursor, null);
    r = await call(b, 'GET', '/users?limit=2');
    assert.deepEqual(r.json.users.map((u) => u.id), [ann.id, more[0].id]);
    assert.equal(r.json.nextCursor, more[0].id);
    r = await call(b, 'GET', `/users?limit=2&cursor=${r.json.nextCursor}`);
    assert.deepEqual(r.json.users.map((u) => u.name), ['Cy', 'Di']);
    r = await call(b, 'GET', `/users?limit=2&cursor=${r.json.nextCursor}`);
    assert.deepEqual(r.json, { users: [], nextCursor: null });
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'cursor=x', 'cursor=-1']) {
      r = await call(b, 'GET', `/users?${q}`);
      assert.equal(r.status, 400, q);
    }
  });
  await check('GET /users/:id → 200 / 404 / 400', async () => {
    let r = await call(b, 'GET', `/users/${ann.id}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, ann);
    r = await call(b, 'GET', '/users/999999');
    assert.equal(r.status, 404);
    r = await call(b, 'GET', '/users/abc');
    assert.equal(r.status, 400);
  });
  await check('PATCH /users/:id → 200 / 400 / 404 / 409', async () => {
    let r = await call(b, 'PATCH', `/users/${ann.id}`, { name: 'Ann B' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ...ann, name: 'Ann B' });
    r = await call(b, 'PATCH', `/users/${ann.id}`, {});
    assert.equal(r.status, 400);
    r = await call(b, 'PATCH', `/users/${ann.id}`, { email: 'bad' });
    assert.equal(r.json.error.field, 'email');
    r = await call(b, 'PATCH', `/users/${ann.id}`, { email: 'Bo@example.com' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, '23505');
    r = await call(b, 'PATCH', '/users/999999', { name: 'X' });
    assert.equal(r.status, 404);
  });
  await check('POST /posts/batch → 201, ONE HTTP request to the database', async () => {
    const before = await stats();
    const r = await call(b, 'POST', '/posts/batch', { userId: ann.id, posts: [{ title: 'One', body: 'first' }, { title: 'Two' }, { title: 'Three' }] });
    const after = await stats();
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.posts.length, 3);
    r.json.posts.forEach(isPost);
    assert.deepEqual(r.json.posts.map((p) => [p.userId, p.title, p.body]), [[ann.id, 'One', 'first'], [ann.id, 'Two', ''], [ann.id, 'Three', '']]);
    assert.equal(after.requests - before.requests, 1, 'one POST /sql for the whole batch');
    assert.equal(after.queries - before.queries, 3);
  });
  await check('POST /posts/batch: unknown user → 404 23503; invalid → 400', async () => {
    let r = await call(b, 'POST', '/posts/batch', { userId: 999999, posts: [{ title: 'x' }] });
    assert.equal(r.status, 404, r.text);
    assert.equal(r.json.error.code, '23503');
    r = await call(b, 'POST', '/posts/batch', { userId: ann.id, posts: [] });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'posts');
    r = await call(b, 'POST', '/posts/batch', { userId: 'one', posts: [{ title: 'x' }] });
    assert.equal(r.json.error.field, 'userId');
    r = await call(b, 'POST', '/posts/batch', { userId: ann.id, posts: [{ title: '' }] });
    assert.equal(r.status, 400);
    assert.equal((await call(b, 'GET', `/users/${ann.id}/posts`)).json.posts.length, 3, 'nothing inserted by failed batches');
  });
  await check('GET /users/:id/posts → 200 ordered / 404', async () => {
    let r = await call(b, 'GET', `/users/${ann.id}/posts`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.posts.map((p) => p.title), ['One', 'Two', 'Three']);
    r = await call(b, 'GET', `/users/${more[0].id}/posts`);
    assert.deepEqual(r.json, { posts: [] });
    r = await call(b, 'GET', '/users/999999/posts');
    assert.equal(r.status, 404);
  });
  await check('DELETE /users/:id → 204 / 404', async () => {
    let r = await call(b, 'DELETE', `/users/${ann.id}`);
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    r = await call(b, 'DELETE', `/users/${ann.id}`);
    assert.equal(r.status, 404);
    r = await call(b, 'GET', `/users/${ann.id}/posts`);
    assert.equal(r.status, 404);
  });
  await check('unknown path → 404, known path + other method → 405', async () => {
    let r = await call(b, 'GET', '/nope');
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { error: { message: 'not found' } });
    r = await call(b, 'PUT', '/users');
    assert.equal(r.status, 405);
    r = await call(b, 'POST', '/health');
    assert.equal(r.status, 405);
  });
} catch (e) {
  failed = true;
  console.error(e);
  console.error(`--- wrangler output ---\n${dev.output()}`);
} finally {
  await dev.stop();
}

// The database unreachable: an endpoint nobody listens on.
if (!failed) {
  dev = await startDev({ DATABASE_URL, DATABASE_ENDPOINT: `http://127.0.0.1:${await freePort()}/sql` });
  try {
    await check('database unreachable → 503 (health and queries)', async () => {
      let r = await call(dev.base, 'GET', '/health');
      assert.equal(r.status, 503, r.text);
      assert.equal(r.json.ok, false);
      assert.equal(typeof r.json.error.message, 'string');
      r = await call(dev.base, 'GET', '/users');
      assert.equal(r.status, 503, r.text);
    });
  } catch (e) {
    failed = true;
    console.error(e);
    console.error(`--- wrangler output ---\n${dev.output()}`);
  } finally {
    await dev.stop();
  }
  // A wrong password (PostgreSQL's 28P01): the database cannot be used → 503.
  const wrong = new URL(DATABASE_URL);
  wrong.password = 'wrong';
  dev = await startDev({ DATABASE_URL: wrong.toString(), DATABASE_ENDPOINT: g.sql });
  try {
    await check('wrong password → 503', async () => {
      let r = await call(dev.base, 'GET', '/health');
      assert.equal(r.status, 503, r.text);
      r = await call(dev.base, 'GET', '/users');
      assert.equal(r.status, 503, r.text);
      assert.ok([undefined, '28P01'].includes(r.json.error.code), r.text); // the gateway's HTTP answer has an empty code
    });
  } catch (e) {
    failed = true;
    console.error(e);
    console.error(`--- wrangler output ---\n${dev.output()}`);
  } finally {
    await dev.stop();
  }
  // No DATABASE_URL: /health says 503, the other routes 500 (a configuration error).
  dev = await startDev({ DATABASE_URL: '' });
  try {
    await check('DATABASE_URL missing → /health 503, /users 500', async () => {
      let r = await call(dev.base, 'GET', '/health');
      assert.equal(r.status, 503, r.text);
      assert.equal(r.json.ok, false);
      r = await call(dev.base, 'GET', '/users');
      assert.equal(r.status, 500, r.text);
      assert.match(r.json.error.message, /DATABASE_URL/);
    });
  } catch (e) {
    failed = true;
    console.error(e);
    console.error(`--- wrangler output ---\n${dev.output()}`);
  } finally {
    await dev.stop();
  }
}

// ---------------------------------------------------------------- measurements
if (measure && !failed) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'edgepg-ts-worker-dist-'));
  try {
    const log = execFileSync(wrangler, ['deploy', '--dry-run', '--outdir', out], { cwd: here, env: wranglerEnv, encoding: 'utf8' });
    const upload = log.match(/Total Upload: .*/)?.[0];
    console.log(`# wrangler deploy --dry-run: ${upload}`);
    let raw = 0;
    let gz = 0;
    for (const f of readdirSync(out)) {
      if (!/\.(js|mjs|wasm)$/.test(f)) continue;
      const buf = readFileSync(path.join(out, f));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
      console.log(`#   ${f}: ${buf.length} B raw, ${gzipSync(buf, { level: 9 }).length} B gzip -9`);
    }
    console.log(`#   JS + wasm: ${raw} B raw (${(raw / 1024).toFixed(1)} KiB), ${gz} B gzip -9 (${(gz / 1024).toFixed(1)} KiB)`);

    // Cold start 1: spawn `wrangler dev` (esbuild bundle + workerd start) → first /health response.
    const devTimes = [];
    for (let i = 0; i < RUNS; i++) {
      const d = await startDev(vars);
      devTimes.push(d.firstResponseMs);
      assert.equal(d.firstStatus, 200);
      await d.stop();
    }
    // Cold start 2: workerd alone (Miniflare) on the dry-run output → first response; next to a
    // trivial Worker (the runtime's own start-up) in the same harness.
    const { Miniflare } = await import(path.join(here, 'node_modules/miniflare/dist/src/index.js'));
    const trivial = { modules: true, script: 'export default { fetch() { return new Response("ok"); } };' };
    const template = {
      modules: true,
      scriptPath: path.join(out, 'index.js'),
      modulesRoot: out,
      modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    };
    const coldStart = async (opts, pathname, status) => {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const mf = new Miniflare({ ...opts, compatibilityDate: '2026-04-01', bindings: vars, cf: false });
        const res = await mf.dispatchFetch(`http://localhost${pathname}`);
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        assert.equal(res.status, status);
        await mf.dispose();
      }
      return times;
    };
    const mfTimes = await coldStart(template, '/health', 200);
    const mfNoDb = await coldStart(template, '/nope', 404);
    const mfTrivial = await coldStart(trivial, '/', 200);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`# cold start, wrangler dev spawn → first GET /health: ${fmt(devTimes)}`);
    console.log(`# cold start, Miniflare/workerd on the bundle → first GET /health (one query): ${fmt(mfTimes)}`);
    console.log(`# cold start, Miniflare/workerd on the bundle → first GET /nope (no query): ${fmt(mfNoDb)}`);
    console.log(`# cold start, Miniflare/workerd, trivial Worker (baseline) → first response: ${fmt(mfTrivial)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await admin.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
console.log(failed ? '# FAILED' : `# all ${checks} checks passed`);
process.exit(failed ? 1 : 0);
