// Type tests of the migrator entry points (tsc --noEmit).
import { readMigrationFiles, MigrationError, type MigrationMeta } from 'edgepg/migrator';
import { migrate } from 'edgepg/neon-http/migrator';
import { migrate as migrateWs } from 'edgepg/neon-serverless/migrator';
import { snapshot } from 'edgepg/kit';
import { pgTable, serial } from 'edgepg/pg-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): T | void {}

const files: MigrationMeta[] = readMigrationFiles({ migrationsFolder: './drizzle' });
async function run(db: unknown) {
  const r = await migrate(db, { migrations: files, migrationsTable: 'm' });
  expect<Equal<typeof r, { applied: string[] }>>();
  await migrateWs(db, { migrationsFolder: './drizzle' });
  try {
    await migrate(db, { migrationsFolder: './drizzle' });
  } catch (e) {
    if (e instanceof MigrationError) expect<Equal<typeof e.kind, 'config' | 'changed' | 'migration'>>();
  }
  // @ts-expect-error: a migration needs its statements as an array
  await migrate(db, { migrations: [{ sql: 'select 1', folderMillis: 1, hash: 'x' }] });
}
void run;
const s = snapshot({ t: pgTable('t', { id: serial('id').primaryKey() }) });
expect<Equal<typeof s.version, '7'>>();
