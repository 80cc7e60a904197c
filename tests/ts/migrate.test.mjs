// The migrator (edgepg/neon-http/migrator, edgepg/neon-serverless/migrator) against real
// PostgreSQL through the run's gateway, with drizzle-orm 0.45.4's own migrators as the other
// side: a database migrated by drizzle is continued by edgepg and the other way round; all
// pending migrations apply in one transaction (a failing statement leaves schema and bookkeeping
// as they were, and the error names the migration); two migrators at once apply once; folders
// as data (no filesystem); bad folders give errors naming the file.
process.env.TZ = 'UTC';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ws from 'ws';
import { sql } from 'edgepg';
import { drizzle as httpDrizzle } from 'edgepg/neon-http';
import { drizzle as wsDrizzle, neonConfig } from 'edgepg/neon-serverless';
import { migrate as httpMigrate, readMigrationFiles, MigrationError } from 'edgepg/neon-http/migrator';
import { migrate as wsMigrate } from 'edgepg/neon-serverless/migrator';
import { g, freshDatabase, oracle } from './gateway.mjs';

const golden = new URL('../golden/node_modules/', import.meta.url);
const { neon } = await oracle();
const { drizzle: dDrizzle } = await import(new URL('drizzle-orm/neon-http/index.js', golden));
const { migrate: dMigrate } = await import(new URL('drizzle-orm/neon-http/migrator.js', golden));

neonConfig.webSocketConstructor = ws;
neonConfig.useSecureWebSocket = false;
neonConfig.wsProxy = () => `${new URL(g.ws).host}/v2`;

/** Migrations as drizzle-kit 0.31 writes them (tag, when, SQL with breakpoints). */
const STEPS = [
  ['0000_init', 1733000000000, 'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" text NOT NULL\n);\n--> statement-breakpoint\nCREATE UNIQUE INDEX "users_name_idx" ON "users" USING btree ("name");'],
  ['0001_posts', 1733000100000, 'CREATE TABLE "posts" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"user_id" integer NOT NULL,\n\t"title" text NOT NULL\n);\n--> statement-breakpoint\nALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;'],
  ['0002_email', 1733000200000, 'ALTER TABLE "users" ADD COLUMN "email" text;\n--> statement-breakpoint\nCREATE TABLE "tags" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"label" text\n);'],
];
const BROKEN = ['0003_broken', 1733000300000, 'CREATE TABLE "kept_if_not_atomic" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "missing" ADD COLUMN "x" integer;'];

const dirs = [];
/** A drizzle-kit folder with these steps; `skip` leaves a step's .sql file out. */
function folder(steps, { skip } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgepg-migrations-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'meta'));
  const entries = steps.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true }));
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  for (const [tag, , text] of steps) if (tag !== skip) writeFileSync(path.join(dir, `${tag}.sql`), text);
  return dir;
}

let db; // { url, drop }
const http = (url) => httpDrizzle({ connection: { connectionString: url, endpoint: g.sql } });
async function state(url) {
  const h = http(url);
  const tables = (await h.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`)).rows.map((r) => r.table_name);
  let book = [];
  try {
    book = (await h.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`)).rows;
  } catch {
    // no bookkeeping yet
  }
  return { tables, book };
}
async function fresh(name) {
  await db?.drop();
  db = await freshDatabase(name);
  return db.url;
}

after(async () => {
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('drizzle migrates, edgepg continues; edgepg migrates, drizzle continues: the same bookkeeping', async () => {
  const url = await fresh('edgepg_ts_migrate');
  await dMigrate(dDrizzle({ client: neon(url) }), { migrationsFolder: folder(STEPS.slice(0, 2)) });
  const byDrizzle = await state(url);
  assert.deepEqual(byDrizzle.tables, ['posts', 'users']);
  assert.deepEqual(await httpMigrate(http(url), { migrationsFolder: folder(STEPS) }), { applied: ['0002_email'] });
  const s = await state(url);
  assert.deepEqual(s.tables, ['posts', 'tags', 'users']);
  assert.equal(s.book.length, 3);
  // the bookkeeping is drizzle's: sha256 of each file, the journal's `when`
  const files = readMigrationFiles({ migrationsFolder: folder(STEPS) });
  assert.deepEqual(s.book, files.map((m) => ({ hash: m.hash, created_at: String(m.folderMillis) })));
  assert.deepEqual(await httpMigrate(http(url), { migrationsFolder: folder(STEPS) }), { applied: [] }, 'nothing pending');

  const url2 = await fresh('edgepg_ts_migrate');
  assert.deepEqual(await httpMigrate(http(url2), { migrationsFolder: folder(STEPS.slice(0, 2)) }), { applied: ['0000_init', '0001_posts'] });
  await dMigrate(dDrizzle({ client: neon(url2) }), { migrationsFolder: folder(STEPS) });
  assert.deepEqual(await state(url2), s, 'drizzle applied only the third: the same state either way');
});

test('atomic: a failing statement leaves schema and bookkeeping as they were; the error names the migration', async () => {
  for (const [name, migrate, mk] of [['http', httpMigrate, http], ['ws', wsMigrate, (u) => wsDrizzle({ connection: u })]]) {
    const url = await fresh('edgepg_ts_migrate');
    const d = mk(url);
    await migrate(d, { migrationsFolder: folder(STEPS.slice(0, 1)) });
    const before = await state(url);
    const e = await migrate(d, { migrationsFolder: folder([...STEPS, BROKEN]) }).then(() => assert.fail('must fail'), (x) => x);
    assert.ok(e instanceof MigrationError, `${name}: ${e}`);
    assert.equal(e.kind, 'migration');
    assert.equal(e.tag, '0003_broken', `${name}: the failing migration is named`);
    assert.equal(e.code, '42P01', `${name}: PostgreSQL's SQLSTATE`);
    assert.match(e.message, /0003_broken/);
    assert.deepEqual(await state(url), before, `${name}: 0001, 0002 and 0003's first statement were rolled back too`);
    if (d.$client?.end) await d.$client.end();
  }
});

test('two migrators at once apply once (advisory lock); over HTTP and over a WebSocket', async () => {
  const url = await fresh('edgepg_ts_migrate');
  const dir = folder(STEPS);
  const a = wsDrizzle({ connection: url });
  const results = await Promise.all([httpMigrate(http(url), { migrationsFolder: dir }), httpMigrate(http(url), { migrationsFolder: dir }), wsMigrate(a, { migrationsFolder: dir })]);
  await a.$client.end();
  const applied = results.map((r) => r.applied.length).sort();
  assert.deepEqual(applied, [0, 0, 3], JSON.stringify(results));
  const s = await state(url);
  assert.equal(s.book.length, 3, 'each migration recorded once');
  assert.deepEqual(s.tables, ['posts', 'tags', 'users']);
});

test('without a filesystem: the folder as data; bad folders and changed files are named errors, nothing applied', async () => {
  const url = await fresh('edgepg_ts_migrate');
  const migrations = JSON.parse(JSON.stringify(readMigrationFiles({ migrationsFolder: folder(STEPS) })));
  assert.deepEqual((await httpMigrate(http(url), { migrations: migrations.slice(0, 2) })).applied, ['0000_init', '0001_posts']);
  const applied = await state(url);

  const missing = folder(STEPS, { skip: '0002_email' });
  assert.throws(() => readMigrationFiles({ migrationsFolder: missing }), (e) => e instanceof MigrationError && e.kind === 'config' && e.file.endsWith('0002_email.sql'));
  const noJournal = mkdtempSync(path.join(os.tmpdir(), 'edgepg-migrations-'));
  dirs.push(noJournal);
  await assert.rejects(httpMigrate(http(url), { migrationsFolder: noJournal }), (e) => e.kind === 'config' && /_journal\.json/.test(e.message));
  const badJournal = folder(STEPS);
  writeFileSync(path.join(badJournal, 'meta/_journal.json'), '{ not json');
  await assert.rejects(httpMigrate(http(url), { migrationsFolder: badJournal }), (e) => e.kind === 'config' && e.file.endsWith('_journal.json'));
  await assert.rejects(httpMigrate(http(url), { migrations: [{ sql: 'select 1' }] }), (e) => e.kind === 'config');

  // an applied migration whose file changed: drizzle ignores it; edgepg refuses (the database
  // no longer matches the folder), naming the migration
  const changed = folder(STEPS);
  writeFileSync(path.join(changed, '0001_posts.sql'), readFileSync(path.join(changed, '0001_posts.sql'), 'utf8') + '\n');
  await assert.rejects(httpMigrate(http(url), { migrationsFolder: changed }), (e) => e.kind === 'changed' && e.tag === '0001_posts');
  assert.deepEqual(await state(url), applied, 'nothing applied');
  assert.deepEqual((await httpMigrate(http(url), { migrations })).applied, ['0002_email']);
});

test('npx edgepg migrate / migrations-module; the TypeScript Worker template bundles its folder up to date', async () => {
  const { execFileSync } = await import('node:child_process');
  const cli = new URL('./node_modules/edgepg/cli.js', import.meta.url).pathname;
  const run = (...args) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: 'pipe', cwd: run.cwd });
  const url = await fresh('edgepg_ts_migrate');
  const dir = folder(STEPS);
  assert.equal(run('migrate', '--url', url, '--folder', dir, '--endpoint', g.sql).trim(), 'applied 3: 0000_init, 0001_posts, 0002_email');
  assert.equal(run('migrate', '--url', url, '--folder', dir, '--endpoint', g.sql).trim(), 'nothing to apply: the database is up to date');
  const bad = (() => {
    try {
      run('migrate', '--folder', dir);
      return undefined;
    } catch (e) {
      return e;
    }
  })();
  assert.ok(bad && bad.status === 1 && /needs --url/.test(bad.stderr), 'a clear usage error');
  // migrations-module: the folder as an ES module, equal to readMigrationFiles
  const out = path.join(dir, 'migrations.mjs');
  run('migrations-module', '--folder', dir, '--out', out);
  assert.deepEqual((await import(out)).default, readMigrationFiles({ migrationsFolder: dir }));
  const template = new URL('../../examples/ts-worker/', import.meta.url).pathname;
  run.cwd = template;
  assert.equal(readFileSync(path.join(template, 'src/migrations.ts'), 'utf8'), run('migrations-module', '--folder', 'drizzle'),
    'examples/ts-worker/src/migrations.ts is what `npm run db:bundle` writes from its drizzle/ folder');
});
