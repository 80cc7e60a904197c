// edgepg/migrator, edgepg/neon-http/migrator, edgepg/neon-serverless/migrator.

/** drizzle's MigrationMeta (plus the journal's tag): one migration of a drizzle-kit folder. */
export interface MigrationMeta {
  /** The statements (the file split on `--> statement-breakpoint`). */
  sql: string[];
  bps?: boolean;
  /** The journal's `when`: the bookkeeping's `created_at`. */
  folderMillis: number;
  /** sha256 of the file, hex. */
  hash: string;
  tag?: string;
}
export interface MigrationConfig {
  /** A drizzle-kit folder (Node: read with node:fs). */
  migrationsFolder?: string;
  /** The migrations as data (runtimes without a filesystem). */
  migrations?: MigrationMeta[];
  /** Default `__drizzle_migrations`. */
  migrationsTable?: string;
  /** Default `drizzle`. */
  migrationsSchema?: string;
}
/** `kind`: `config` (the folder or the data), `changed` (an applied migration's file changed),
 * `migration` (a statement failed: `tag`, PostgreSQL's `code` and fields, `cause`). */
export declare class MigrationError extends Error {
  kind: 'config' | 'changed' | 'migration';
  tag?: string;
  file?: string;
  code?: string;
  cause?: unknown;
}
export declare function readMigrationFiles(config: { migrationsFolder: string }): MigrationMeta[];
/** Applies the pending migrations in one transaction (see the package README). */
export declare function migrate(db: unknown, config: MigrationConfig): Promise<{ applied: string[] }>;
