// drizzle-orm/neon-serverless/migrator's `migrate(db, config)` over edgepg: every pending
// migration and its bookkeeping in ONE interactive transaction, under an advisory lock
// (migrator.js).
import { sql } from './core.js';
import { migrationsOf, bookkeeping, pending, failed, MigrationError } from './migrator.js';

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
  let current;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(b.lock); // held until commit: a second migrator waits, then finds nothing to do
      await tx.execute(b.createSchema);
      await tx.execute(b.createTable);
      const todo = pending(migrations, (await tx.execute(b.applied)).rows);
      for (const m of todo) {
        current = m;
        for (const s of m.sql) if (s.trim() !== '') await tx.execute(sql.raw(s));
        await tx.execute(b.insert(m));
      }
      return { applied: todo.map((m) => m.tag ?? String(m.folderMillis)) };
    });
  } catch (e) {
    if (current === undefined || e instanceof MigrationError) throw e;
    throw failed(current, e);
  }
}
