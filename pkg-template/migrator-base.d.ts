// edgepg/migrator: reading drizzle-kit folders (the drivers' `migrate` lives in
// edgepg/neon-http/migrator and edgepg/neon-serverless/migrator).
export { MigrationMeta, MigrationConfig, MigrationError, readMigrationFiles } from './migrator.js';
/** drizzle-kit's config as drizzle's migrator names it: where migrations are written, and the schema. */
export interface KitConfig {
  out: string;
  schema: string;
}
