// For `wrangler dev` against the local gateway of `make dev`: creates the database `worker`
// (the demo of `make dev` owns tables of the same names in `edgepg`) with the schema of
// docs/worker-api.md, both only if missing, and prints the matching .dev.vars:
//
//   make dev                                   # in another terminal
//   node tests/worker/dev-db.mjs > .dev.vars   # DB_NAME=... to pick another database
//
// The gateway is the one of EDGEPG_GATEWAY_READY, else .dev/ready.json (make dev's).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SCHEMA, gateway, query, withDatabase } from './gateway.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (!process.env.EDGEPG_GATEWAY_READY) {
  const ready = path.join(root, '.dev/ready.json');
  if (!existsSync(ready)) {
    console.error('no gateway: start `make dev` first (or set EDGEPG_GATEWAY_READY)');
    process.exit(1);
  }
  process.env.EDGEPG_GATEWAY_READY = ready;
}
const g = gateway();
const name = process.env.DB_NAME ?? 'worker';
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`DB_NAME=${name}: use [a-z0-9_]`);
const exists = await query(g, g.connectionString, 'select 1 from pg_database where datname = $1', [name]);
if (exists.length === 0) await query(g, g.connectionString, `create database "${name}"`);
const url = withDatabase(g.connectionString, name);
for (const stmt of SCHEMA) await query(g, url, stmt.replace(/^create table /, 'create table if not exists '));
console.error(`database "${name}" is ready (schema of docs/worker-api.md)`);
console.log(`DATABASE_URL=${url}`);
console.log(`DATABASE_ENDPOINT=${g.sql}`);
console.log(`DATABASE_WS_URL=${g.ws}`);
