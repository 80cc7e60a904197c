// drizzle-orm/neon-http/migrator's `migrate(db, config)` over edgepg, applied atomically: every
// pending migration and its bookkeeping in ONE batch request (one transaction), under an
// advisory lock (migrator.js).
import { sql } from './core.js';
import { migrationsOf, bookkeeping, pending, isChanged, failed, MigrationError } from './migrator.js';

export { MigrationError, readMigrationFiles } from './migrator.js';

/**
 * Applies the pending migrations of `config` (`{ migrationsFolder }` on Node, or `{ migrations }`
 * anywhere; `migrationsTable`, `migrationsSchema` as drizzle's) in one transaction. Resolves to
 * `{ applied: [tag…] }`; rejects with a `MigrationError` naming the failing migration, with
 * nothing applied.
 */
export async function migrate(db, config) {
  const migrations = migrationsOf(config);
  const b = bookkeeping(sql, config);
  for (let attempt = 0; ; attempt++) {
    // one request: the lock, the bookkeeping table, and what it holds
    const read = (await db.batch([db.execute(b.lock), db.execute(b.createSchema), db.execute(b.createTable), db.execute(b.applied)]))[3];
    const todo = pending(migrations, read.rows);
    if (todo.length === 0) return { applied: [] };
    try {
      await db.batch([db.execute(b.lock), db.execute(b.unchanged(read.rows.length)), ...statements(db, b, todo)]);
      return { applied: todo.map(tagOf) };
    } catch (e) {
      // another migrator applied between the two requests: read again (once)
      if (isChanged(e) && attempt === 0) continue;
      if (e instanceof MigrationError) throw e;
      throw failed(await locate(db, b, todo, read.rows.length), e);
    }
  }
}

const tagOf = (m) => m.tag ?? String(m.folderMillis);

function statements(db, b, todo) {
  const out = [];
  for (const m of todo) {
    for (const s of m.sql) if (s.trim() !== '') out.push(db.execute(sql.raw(s)));
    out.push(db.execute(b.insert(m)));
  }
  return out;
}

/** Which migration failed: the batch's error does not say which statement raised it, so the
 * migrations are tried again, one more each time, in batches that always roll back (they end
 * with a statement that fails on purpose). Only after a failure. */
async function locate(db, b, todo, count) {
  for (let k = 0; k < todo.length; k++) {
    try {
      await db.batch([db.execute(b.lock), ...statements(db, b, todo.slice(0, k + 1)), db.execute(b.unchanged(-1))]);
    } catch (e) {
      if (isChanged(e)) continue; // migrations 0..k are fine
      return todo[k];
    }
  }
  return todo[todo.length - 1];
}
