// edgepg/neon-serverless: drizzle() over the Postgres wire protocol inside a WebSocket, with
// interactive transactions (drizzle-orm/neon-serverless + @neondatabase/serverless's Pool/Client).
import type { SQL } from './index.js';
import type { PgMaterializedView } from './pg-core.js';
import type { SchemaTables, RelationalQueries, Runnable, PgDatabase, PgTransaction, PgQueryResultHKT } from './neon-http.js';

/** How sockets are opened (@neondatabase/serverless's `neonConfig`). */
export interface NeonConfig {
  /** A `WebSocket` class (Node 20: `ws`); default the runtime's own. */
  webSocketConstructor: (new (url: string) => unknown) | undefined;
  /** `(host, port) => URL without scheme`, or a string to which `?address=host:port` is appended;
   * default `host => host + '/v2'`. */
  wsProxy: string | ((host: string, port: number) => string);
  /** `wss:` (default true) or `ws:`. */
  useSecureWebSocket: boolean;
  /** `'password'` (default): startup, password and the first statement in one message; `false`:
   * wait for the server's request (cleartext or MD5). */
  pipelineConnect: 'password' | false;
  /** A pool's statements outside transactions over SQL-over-HTTP (default false). */
  poolQueryViaFetch: boolean;
  /** That SQL-over-HTTP endpoint; default derived from the connection string. */
  fetchEndpoint: string | ((host: string, port: number) => string) | undefined;
}
export declare const neonConfig: NeonConfig;

/** pg's `Field`: a column of a result. */
export declare class Field {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: 'text';
}

/** pg's result of `client.query()` (and of `db.execute()`): `rows` as objects keyed by column
 * name (arrays with `rowMode: 'array'`). */
export interface QueryResult<TRow = Record<string, unknown>> {
  command: string;
  rowCount: number | null;
  oid: number | null;
  rows: TRow[];
  fields: Field[];
  /** The parser of each field's text. */
  _parsers: ((text: string) => unknown)[];
  /** The parsers by type OID. */
  _types: { getTypeParser(oid: number): (text: string) => unknown };
  RowCtor: null;
  rowAsArray: boolean;
}

/** A PostgreSQL error, shaped as pg's `DatabaseError`: `length` of its ErrorResponse, `name`
 * `'error'`, and every field of the ErrorResponse (undefined when not sent). */
export declare class DatabaseError extends Error {
  length: number | undefined;
  severity: string | undefined; code: string | undefined; detail: string | undefined; hint: string | undefined;
  position: string | undefined; internalPosition: string | undefined; internalQuery: string | undefined;
  where: string | undefined; schema: string | undefined; table: string | undefined; column: string | undefined;
  dataType: string | undefined; constraint: string | undefined; file: string | undefined; line: string | undefined;
  routine: string | undefined;
}

/** A connection's config: a connection string, or pg's parts of one. */
export interface ClientConfig {
  connectionString?: string;
  /** Without a connection string: the host (required then), port (5432), user (required),
   * password, database (the user's name), `options` (`-c name=value …`), `application_name`,
   * `ssl` (`sslmode=require`). */
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  options?: string;
  application_name?: string;
  ssl?: boolean | object;
  /** Client-side statement timeout in ms: the statement is cancelled and the connection dropped. */
  query_timeout?: number;
  /** Gives up connecting after this many ms. */
  connectionTimeoutMillis?: number;
}
export interface PoolConfig extends ClientConfig {
  /** Connections at most (default 10). */
  max?: number;
}
interface Queryable {
  query<TRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<TRow>>;
  query<TRow = Record<string, unknown>>(config: { text: string; values?: unknown[]; rowMode?: 'array' }): Promise<QueryResult<TRow>>;
}
/** One connection (pg's `Client`). */
export declare class Client implements Queryable {
  constructor(config: string | ClientConfig);
  neonConfig: Partial<NeonConfig>;
  connect(): Promise<void>;
  query<TRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<TRow>>;
  query<TRow = Record<string, unknown>>(config: { text: string; values?: unknown[]; rowMode?: 'array' }): Promise<QueryResult<TRow>>;
  end(): Promise<void>;
}
export interface PoolClient extends Queryable {
  /** Gives the connection back (`release(true)` closes it). */
  release(destroy?: boolean | Error): void;
}
/** Pooled connections (pg's `Pool`). */
export declare class Pool implements Queryable {
  constructor(config: string | PoolConfig);
  neonConfig: Partial<NeonConfig>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  connect(): Promise<PoolClient>;
  query<TRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<TRow>>;
  query<TRow = Record<string, unknown>>(config: { text: string; values?: unknown[]; rowMode?: 'array' }): Promise<QueryResult<TRow>>;
  /** Closes every connection. In a Worker: `ctx.waitUntil(pool.end())`. */
  end(): Promise<void>;
}

export interface TransactionConfig {
  isolationLevel?: 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';
  accessMode?: 'read only' | 'read write';
  deferrable?: boolean;
}

export declare class NeonDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient = Pool | Client> extends PgDatabase<PgQueryResultHKT, TSchema> {
  /** `db.execute(sql\`…\` | builder)`: pg's result, rows as objects keyed by column name. */
  execute<TRow = Record<string, unknown>>(query: SQL | string | PromiseLike<unknown>): Runnable<QueryResult<TRow>>;
  refreshMaterializedView(view: PgMaterializedView): Runnable<QueryResult<never>> & { concurrently(): Runnable<QueryResult<never>>; withNoData(): Runnable<QueryResult<never>> };
  /** An interactive transaction: `commit` when `fn` resolves (its value is returned), `rollback`
   * when it throws (rethrown). */
  transaction<T>(fn: (tx: NeonTransaction<TSchema>) => Promise<T>, config?: TransactionConfig): Promise<T>;
  /** The `Pool` or `Client` the database runs on. */
  readonly $client: TClient;
  readonly query: { [K in keyof SchemaTables<TSchema>]: RelationalQueries<TSchema, SchemaTables<TSchema>[K]> };
  readonly $cache: (import('./cache-core.js').Cache & { invalidate(params: import('./cache-core.js').MutationOption): Promise<void> }) | undefined;
}
export declare class NeonTransaction<TSchema extends Record<string, unknown> = Record<string, never>> extends PgTransaction<PgQueryResultHKT, TSchema> {
  /** `tx.execute(sql\`…\` | builder)`: pg's result, rows as objects keyed by column name. */
  execute<TRow = Record<string, unknown>>(query: SQL | string | PromiseLike<unknown>): Runnable<QueryResult<TRow>>;
  /** Throws `TransactionRollbackError`: the transaction is rolled back and `db.transaction` rejects with it. */
  rollback(): never;
  /** A savepoint: released when `fn` resolves, rolled back to when it throws (rethrown). */
  transaction<T>(fn: (tx: NeonTransaction<TSchema>) => Promise<T>): Promise<T>;
  setTransaction(config: TransactionConfig): Promise<void>;
}

export interface DrizzleConfig<TSchema extends Record<string, unknown> = Record<string, never>> {
  cache?: import('./cache-core.js').Cache;
  casing?: 'snake_case' | 'camelCase';
  logger?: boolean | { logQuery(query: string, params: unknown[]): void };
  schema?: TSchema;
}
type Schema = Record<string, unknown>;
export declare function drizzle<TSchema extends Schema = Record<string, never>>(connection: string, config?: DrizzleConfig<TSchema>): NeonDatabase<TSchema, Pool>;
/** A client drizzle() can run on: edgepg's Pool or Client, or any pg-compatible one with
 * `query(config, values)` (@neondatabase/serverless's own Pool and Client, pg's). */
export type AnyClient = Pool | Client | { query(...args: any[]): any };
/** drizzle's NeonClient: a Pool or a Client (edgepg's, neon's or pg's). */
export type NeonClient = AnyClient;
export declare function drizzle<TClient extends AnyClient, TSchema extends Schema = Record<string, never>>(client: TClient, config?: DrizzleConfig<TSchema>): NeonDatabase<TSchema, TClient>;
export declare function drizzle<TClient extends AnyClient, TSchema extends Schema = Record<string, never>>(config: DrizzleConfig<TSchema> & { client: TClient }): NeonDatabase<TSchema, TClient>;
export declare function drizzle<TSchema extends Schema = Record<string, never>>(config: DrizzleConfig<TSchema> & { connection: string | PoolConfig; ws?: new (url: string) => unknown }): NeonDatabase<TSchema, Pool>;
export declare namespace drizzle {
  function mock<TSchema extends Schema = Record<string, never>>(config?: DrizzleConfig<TSchema>): NeonDatabase<TSchema>;
}
