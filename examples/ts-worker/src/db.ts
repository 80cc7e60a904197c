// The database handle, from the Worker's environment.
import { drizzle, type NeonHttpDatabase } from 'edgepg/neon-http';
import { HttpError } from './http.js';
import * as schema from './schema.js';

/** The database handle: `db.query.users` / `db.query.posts` typed from the schema's relations. */
export type Db = NeonHttpDatabase<typeof schema>;

export interface Env {
  /** The PostgreSQL connection string (a secret: `.dev.vars` locally, `wrangler secret put` deployed). */
  DATABASE_URL?: string;
  /** Optional SQL-over-HTTP endpoint overriding the one derived from the host, e.g. `http://127.0.0.1:4444/sql`. */
  DATABASE_ENDPOINT?: string;
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
