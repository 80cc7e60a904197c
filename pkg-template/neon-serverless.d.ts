// edgepg/neon-serverless: drizzle() over the Postgres wire protocol inside a WebSocket, with
// interactive transactions (drizzle-orm/neon-serverless + @neondatabase/serverless's Pool/Client).
import type { SQL } from './index.js';
import type { PgMaterializedView } from './pg-core.js';
import type { QueryBuilder, SchemaTables, RelationalQueries, Runnable } from './neon-http.js';

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

/** A row of pg's results: `rows` as objects keyed by column name. */
export interface QueryResult<TRow = Record<string, unknown>> {
  command: string;
  rowCount: number | null;
  oid: number | null;
  rows: TRow[];
  fields: { name: string; tableID: number; columnID: number; dataTypeID: number; dataTypeSize: number; dataTypeModifier: number; format: 'text' }[];
  rowAsArray: boolean;
}

/** A PostgreSQL error with every field of its ErrorResponse. */
export declare class DatabaseError extends Error {
  severity?: string; code?: string; detail?: string; hint?: string; position?: string; internalPosition?: string;
  internalQuery?: string; where?: string; schema?: string; table?: string; column?: string; dataType?: string;
  constraint?: string; file?: string; line?: string; routine?: string;
}

export interface ClientConfig {
  connectionString: string;
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

export declare class NeonDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient = Pool | Client> extends QueryBuilder {
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
export declare class NeonTransaction<TSchema extends Record<string, unknown> = Record<string, never>> extends NeonDatabase<TSchema, never> {
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
export declare function drizzle<TClient extends Pool | Client, TSchema extends Schema = Record<string, never>>(client: TClient, config?: DrizzleConfig<TSchema>): NeonDatabase<TSchema, TClient>;
export declare function drizzle<TClient extends Pool | Client, TSchema extends Schema = Record<string, never>>(config: DrizzleConfig<TSchema> & { client: TClient }): NeonDatabase<TSchema, TClient>;
export declare function drizzle<TSchema extends Schema = Record<string, never>>(config: DrizzleConfig<TSchema> & { connection: string | PoolConfig; ws?: new (url: string) => unknown }): NeonDatabase<TSchema, Pool>;
export declare namespace drizzle {
  function mock<TSchema extends Schema = Record<string, never>>(config?: DrizzleConfig<TSchema>): NeonDatabase<TSchema>;
}
