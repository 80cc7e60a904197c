// What the suites that query a database share: the one edgepg-gateway of the run
// (scripts/with-gateway.sh), a fresh database per suite, and the oracle (drizzle-orm 0.45.4 +
// @neondatabase/serverless 1.2.0, the real packages from tests/golden/node_modules).
import { readFileSync } from 'node:fs';
import { sql } from 'edgepg';
import { drizzle } from 'edgepg/neon-http';

const ready = process.env.EDGEPG_GATEWAY_READY;
if (!ready) throw new Error('tests/ts needs EDGEPG_GATEWAY_READY (run the suites under scripts/with-gateway.sh)');
/** The gateway's ready file: `sql`, `stats`, `connectionString`, … */
export const g = JSON.parse(readFileSync(ready, 'utf8'));

/** A new empty database `name` (dropped first if it exists); `url` connects to it, `drop()` removes it. */
export async function freshDatabase(name) {
  const admin = drizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
  await admin.execute(sql.raw(`drop database if exists "${name}" with (force)`));
  await admin.execute(sql.raw(`create database "${name}"`));
  const u = new URL(g.connectionString);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin.execute(sql.raw(`drop database if exists "${name}" with (force)`)) };
}

/** drizzle-orm and @neondatabase/serverless themselves, with neon's fetches going to the gateway. */
export async function oracle() {
  const golden = new URL('../golden/node_modules/', import.meta.url);
  const orm = await import(new URL('drizzle-orm/index.js', golden));
  const pg = await import(new URL('drizzle-orm/pg-core/index.js', golden));
  const { drizzle: drizzleOrm } = await import(new URL('drizzle-orm/neon-http/index.js', golden));
  const neonModule = await import(new URL('@neondatabase/serverless/index.mjs', golden));
  neonModule.neonConfig.fetchEndpoint = () => g.sql;
  return { orm, pg, drizzle: drizzleOrm, ...neonModule };
}
