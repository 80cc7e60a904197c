// edgepg/migrator: reading drizzle-kit folders (the drivers' `migrate` lives in
// edgepg/neon-http/migrator and edgepg/neon-serverless/migrator).
export { MigrationMeta, MigrationConfig, MigrationError, readMigrationFiles } from './migrator.js';
