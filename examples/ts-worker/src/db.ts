// The database handle, from the Worker's environment.
import { drizzle, type NeonHttpDatabase } from 'edgepg/neon-http';
import { drizzle as drizzleWs, Pool, type NeonDatabase } from 'edgepg/neon-serverless';
import { HttpError } from './http.js';
import * as schema from './schema.js';

/** The database handle: `db.query.users` / `db.query.posts` typed from the schema's relations. */
export type Db = NeonHttpDatabase<typeof schema>;

export interface Env {
  /** The PostgreSQL connection string (a secret: `.dev.vars` locally, `wrangler secret put` deployed). */
  DATABASE_URL?: string;
  /** Optional SQL-over-HTTP endpoint overriding the one derived from the host, e.g. `http://127.0.0.1:4444/sql`. */
  DATABASE_ENDPOINT?: string;
  /** Optional WebSocket URL overriding the one derived from the host (`wss://<host>/v2`), e.g.
   * edgepg-gateway's `ws://127.0.0.1:4444/v2`. */
  DATABASE_WS_URL?: string;
  /** A secret: `POST /admin/migrate` needs `Authorization: Bearer <ADMIN_TOKEN>`; without it
   * configured, the route is refused. */
  ADMIN_TOKEN?: string;
}

/** A database over a WebSocket, for interactive transactions: `db.transaction(async (tx) => …)`. */
export type WsDb = NeonDatabase<typeof schema, Pool>;

/**
 * A pool for THIS request: a WebSocket cannot outlive the request that opened it, so never keep
 * one across requests. Close it when the response is sent: `ctx.waitUntil(db.$client.end())`.
 */
export function openPool(env: Env): WsDb {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) throw new HttpError(500, 'DATABASE_URL is not configured');
  let pool: Pool;
  try {
    pool = new Pool({ connectionString, max: 1 });
    if (env.DATABASE_WS_URL) {
      const url = new URL(env.DATABASE_WS_URL);
      pool.neonConfig.useSecureWebSocket = url.protocol === 'wss:';
      pool.neonConfig.wsProxy = () => `${url.host}${url.pathname}`;
    }
  } catch (e) {
    console.error('edgepg: invalid database configuration', e);
    throw new HttpError(500, 'DATABASE_URL or DATABASE_WS_URL is invalid');
  }
  return drizzleWs(pool, { schema });
}

// One handle per isolate and configuration: it holds no connection (every query is one HTTP
// request), so reusing it across requests is safe and saves re-parsing the connection string.
let cached: { key: string; db: Db } | undefined;

export function getDb(env: Env): Db {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) throw new HttpError(500, 'DATABASE_URL is not configured');
  const endpoint = env.DATABASE_ENDPOINT || undefined;
  const key = `${connectionString}\n${endpoint ?? ''}`;
  if (cached?.key !== key) {
    let db: Db;
    try {
      db = drizzle({ connection: endpoint ? { connectionString, endpoint } : { connectionString }, schema });
    } catch (e) {
      console.error('edgepg: invalid database configuration', e);
      throw new HttpError(500, 'DATABASE_URL or DATABASE_ENDPOINT is invalid');
    }
    cached = { key, db };
  }
  return cached.db;
}
