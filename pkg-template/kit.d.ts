// edgepg/kit: drizzle-kit snapshots of edgepg schemas (migration generation, in progress).

/** drizzle-kit 0.31's snapshot (version 7, PostgreSQL) of a schema module's exports, without
 * drizzle-kit's random `id`/`prevId`. */
export declare function snapshot(exports: Record<string, unknown>): {
  version: '7';
  dialect: 'postgresql';
  tables: Record<string, unknown>;
  enums: Record<string, { name: string; schema: string; values: string[] }>;
  schemas: Record<string, string>;
  [key: string]: unknown;
};
