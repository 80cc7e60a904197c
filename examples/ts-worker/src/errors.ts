// Database errors → HTTP errors, by SQLSTATE. Nothing of the query, its parameters or a stack
// trace reaches the client; the full error goes to the Worker's log.
import { DrizzleQueryError, NeonDbError } from 'edgepg';
import { DatabaseError } from 'edgepg/neon-serverless';
import { MigrationError } from 'edgepg/neon-http/migrator';
import { HttpError } from './http.js';

export interface MapOptions {
  /** The status of a foreign-key violation (23503): 404 where it means "unknown parent row". */
  foreignKey?: 404 | 409;
}

/**
 * The driver's error behind `err`: a failed query throws `DrizzleQueryError` with the driver's
 * error as `cause`; `db.batch()` throws the driver's error itself (as drizzle-orm does).
 */
export function driverError(err: unknown): unknown {
  return err instanceof DrizzleQueryError && err.cause !== undefined ? err.cause : err;
}

// SQLSTATE classes that mean "the Worker cannot use the database right now", whatever the
// request: 08 connection exception, 28 invalid authorization (wrong password), 3D000 no such
// database, 53 insufficient resources (too many connections), 57 operator intervention
// (shutdown, cannot connect now, statement timeout), 58 system error, XX internal error (Neon's
// proxy reports "could not connect to compute" as XX000).
const UNAVAILABLE = /^(08|28|3D|53|57|58|XX)/;

export function toHttpError(err: unknown, { foreignKey = 409 }: MapOptions = {}): HttpError {
  if (err instanceof HttpError) return err;
  // POST /admin/migrate: the migration that failed, by name, with PostgreSQL's SQLSTATE
  if (err instanceof MigrationError) return new HttpError(500, err.message, err.code ? { code: err.code } : {});
  const e = driverError(err);
  // NeonDbError over HTTP, DatabaseError over a WebSocket: the same fields
  if (e instanceof NeonDbError || e instanceof DatabaseError) {
    const code = e.code;
    if (code) {
      if (code === '23505') {
        // `users.email` is the schema's only unique column besides the ids.
        if (e.constraint?.includes('email')) return new HttpError(409, 'a user with this email already exists', { code, field: 'email' });
        return new HttpError(409, e.detail ?? e.message, { code });
      }
      if (code === '23503') {
        return new HttpError(foreignKey, foreignKey === 404 ? 'user not found' : (e.detail ?? e.message), { code });
      }
      if (UNAVAILABLE.test(code)) return new HttpError(503, 'database unavailable', { code });
      // Any other error PostgreSQL reports about the statement (bad value, check violation, …).
      return new HttpError(400, e.message, { code });
    }
    // No SQLSTATE: the endpoint could not be reached, or answered with an HTTP error.
    return new HttpError(503, 'database unavailable');
  }
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new HttpError(503, 'database unavailable (timeout)');
  }
  // the WebSocket could not be opened, or closed mid-statement
  if (e instanceof Error && (e as { kind?: string }).kind === 'connect') return new HttpError(503, 'database unavailable');
  return new HttpError(500, 'internal error');
}
