// edgepg/neon-http: drizzle() over Neon's SQL-over-HTTP, and the query builders' types.
import type { SQL, SQLWrapper, Placeholder, Relation, Relations, One } from './index.js';
import type { Column, ColumnConfig, ColumnValue, PgTable, InferSelectFromColumns, PgMaterializedView } from './pg-core.js';
import type { union, unionAll, intersect, intersectAll, except, exceptAll } from './pg-core.js';

/** What a set operation's callback receives: drizzle's standalone set operators. */
type SetOperators = { union: typeof union; unionAll: typeof unionAll; intersect: typeof intersect; intersectAll: typeof intersectAll; except: typeof except; exceptAll: typeof exceptAll };
type SetOperand = SQLWrapper | Runnable<unknown> | ((operators: SetOperators) => SQLWrapper | Runnable<unknown>);

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type AnyTable = PgTable<string, any>;
type AnySubquery = { readonly _: { readonly alias: string; readonly row: unknown } };
type NameOf<T> = T extends PgTable<infer N, any> ? N : T extends { readonly _: { readonly alias: infer A extends string } } ? A : never;
type RowOf<T> = T extends PgTable<any, infer C> ? InferSelectFromColumns<C> : T extends { readonly _: { readonly row: infer R } } ? R : never;
type Source = AnyTable | AnySubquery | SQL;

/** The value a selected field decodes to; columns of tables in `TNullable` may be null. */
export type FieldResult<F, TNullable extends string> = F extends Column<infer C extends ColumnConfig, infer T>
  ? T extends TNullable ? C['data'] | null : ColumnValue<C>
  : F extends SQL<infer V>
    ? V
    : F extends PgTable<infer N, infer Cols>
      ? N extends TNullable ? InferSelectFromColumns<Cols> | null : InferSelectFromColumns<Cols>
      : F extends Record<string, unknown>
        ? { [K in keyof F]: FieldResult<F[K], TNullable> }
        : never;
export type SelectResult<TFields, TNullable extends string> = Simplify<{ [K in keyof TFields]: FieldResult<TFields[K], TNullable> }>;

/** A `.as(alias)` subquery (or a `$with` CTE): its fields are usable as expressions. */
export type Subquery<TAlias extends string, TRow> = {
  readonly _: { readonly alias: TAlias; readonly row: TRow };
} & { readonly [K in keyof TRow]: SQL<TRow[K]> };

export interface QueryResult<TRow = Record<string, unknown>> {
  rows: TRow[];
  fields: { name: string; dataTypeID: number }[];
  command: string;
  rowCount: number | null;
  rowAsArray: false;
}

export interface Runnable<TResult> extends PromiseLike<TResult> {
  then<R1 = TResult, R2 = never>(onfulfilled?: ((value: TResult) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2>;
  toSQL(): { sql: string; params: unknown[] };
  getSQL(): SQL;
  execute(placeholders?: Record<string, unknown>): Promise<TResult>;
  prepare(name?: string): { execute(placeholders?: Record<string, unknown>): Promise<TResult>; getQuery(): { sql: string; params: unknown[] } };
  catch<R = never>(onRejected?: (reason: unknown) => R | PromiseLike<R>): Promise<TResult | R>;
  finally(onFinally?: () => void): Promise<TResult>;
}

type Result<TFields, TTables, TNullable extends string, TJoined extends boolean, TFrom extends string> = TFields extends Record<string, unknown>
  ? SelectResult<TFields, TNullable>
  : TJoined extends true
    ? Simplify<{ [K in keyof TTables]: K extends TNullable ? TTables[K] | null : TTables[K] }>
    : TTables extends Record<TFrom, infer R> ? R : never;

type Selection<TFields, TTables> = TFields extends Record<string, unknown> ? TFields : TTables;

/** `db.select(...).from(...)…`: awaiting it runs the query. Without type arguments, any select
 * (for helpers over dynamic queries: `function paginate<T extends PgSelect>(qb: T)`). */
export interface PgSelect<TFields = any, TTables = any, TNullable extends string = any, TJoined extends boolean = any, TFrom extends string = any>
  extends Runnable<Result<TFields, TTables, TNullable, TJoined, TFrom>[]> {
  leftJoin<J extends Source>(source: J, on: SQLWrapper | undefined): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable | NameOf<J>, true, TFrom>;
  innerJoin<J extends Source>(source: J, on: SQLWrapper | undefined): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable, true, TFrom>;
  rightJoin<J extends Source>(source: J, on: SQLWrapper | undefined): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable | (keyof TTables & string), true, TFrom>;
  fullJoin<J extends Source>(source: J, on: SQLWrapper | undefined): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable | (keyof TTables & string) | NameOf<J>, true, TFrom>;
  crossJoin<J extends Source>(source: J): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable, true, TFrom>;
  leftJoinLateral<J extends Source>(source: J, on: SQLWrapper | undefined): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable | NameOf<J>, true, TFrom>;
  innerJoinLateral<J extends Source>(source: J, on: SQLWrapper | undefined): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable, true, TFrom>;
  crossJoinLateral<J extends Source>(source: J): PgSelect<TFields, TTables & { [K in NameOf<J>]: RowOf<J> }, TNullable, true, TFrom>;
  where(condition: SQLWrapper | undefined | ((fields: Selection<TFields, TTables>) => SQLWrapper | undefined)): this;
  having(condition: SQLWrapper | undefined | ((fields: Selection<TFields, TTables>) => SQLWrapper | undefined)): this;
  groupBy(...columns: SQLWrapper[]): this;
  groupBy(builder: (fields: Selection<TFields, TTables>) => SQLWrapper | SQLWrapper[]): this;
  orderBy(...columns: (SQLWrapper | undefined)[]): this;
  orderBy(builder: (fields: Selection<TFields, TTables>) => SQLWrapper | SQLWrapper[]): this;
  limit(n: number | Placeholder): this;
  offset(n: number | Placeholder): this;
  for(strength: 'update' | 'no key update' | 'share' | 'key share', config?: { of?: AnyTable | AnyTable[]; noWait?: boolean; skipLocked?: boolean }): this;
  union(other: SetOperand): this;
  unionAll(other: SetOperand): this;
  intersect(other: SetOperand): this;
  intersectAll(other: SetOperand): this;
  except(other: SetOperand): this;
  exceptAll(other: SetOperand): this;
  $dynamic(): this;
  /** Through the database's cache: `false` never; `{ tag?, config?, autoInvalidate? }`. */
  $withCache(config?: false | { tag?: string; config?: import('./cache-core.js').CacheConfig; autoInvalidate?: boolean }): this;
  as<TAlias extends string>(alias: TAlias): Subquery<TAlias, Result<TFields, TTables, TNullable, TJoined, TFrom>>;
}

export interface SelectBuilder<TFields> {
  from<S extends Source>(source: S): PgSelect<TFields, { [K in NameOf<S>]: RowOf<S> }, never, false, NameOf<S>>;
}

/** What `values()` takes: the insert model, where any value may also be SQL or a placeholder. */
/** drizzle's PgInsertValue: what `values()` takes for table `T`. */
export type PgInsertValue<T extends AnyTable> = InsertValue<T>;
/** drizzle's PgUpdateSetSource: what `set()` takes for table `T`. */
export type PgUpdateSetSource<T extends AnyTable> = SetValue<T>;
type InsertValue<T extends AnyTable> = { [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL | Placeholder };
type SetValue<T extends AnyTable> = { [K in keyof T['$inferSelect']]?: T['$inferSelect'][K] | SQL | Placeholder };
type Returning<T extends AnyTable, F> = F extends Record<string, unknown> ? SelectResult<F, never> : T['$inferSelect'];

export interface PgInsert<T extends AnyTable, TResult = QueryResult<never>> extends Runnable<TResult> {
  onConflictDoNothing(config?: { target?: Column<any, any> | Column<any, any>[]; where?: SQLWrapper }): this;
  onConflictDoUpdate(config: { target: Column<any, any> | Column<any, any>[]; set: SetValue<T>; targetWhere?: SQLWrapper; setWhere?: SQLWrapper; where?: SQLWrapper }): this;
  returning(): PgInsert<T, T['$inferSelect'][]>;
  returning<F extends Record<string, unknown>>(fields: F): PgInsert<T, SelectResult<F, never>[]>;
}
export interface InsertBuilder<T extends AnyTable> {
  values(value: InsertValue<T> | InsertValue<T>[]): PgInsert<T>;
  select(query: Runnable<unknown> | SQL | ((qb: QueryBuilder) => Runnable<unknown> | SQL)): PgInsert<T>;
  overridingSystemValue(): this;
}

export interface PgUpdate<T extends AnyTable, TResult = QueryResult<never>> extends Runnable<TResult> {
  where(condition: SQLWrapper | undefined): this;
  from(source: Source): this;
  leftJoin(source: Source, on: SQLWrapper): this;
  innerJoin(source: Source, on: SQLWrapper): this;
  rightJoin(source: Source, on: SQLWrapper): this;
  fullJoin(source: Source, on: SQLWrapper): this;
  returning(): PgUpdate<T, T['$inferSelect'][]>;
  returning<F extends Record<string, unknown>>(fields: F): PgUpdate<T, SelectResult<F, never>[]>;
}
export interface UpdateBuilder<T extends AnyTable> {
  set(values: SetValue<T>): PgUpdate<T>;
}

export interface PgDelete<T extends AnyTable, TResult = QueryResult<never>> extends Runnable<TResult> {
  where(condition: SQLWrapper | undefined): this;
  returning(): PgDelete<T, T['$inferSelect'][]>;
  returning<F extends Record<string, unknown>>(fields: F): PgDelete<T, SelectResult<F, never>[]>;
}

/** `db.$count(table, filter)`: a number when awaited, `(select count(*) …)` inside a query. */
export type PgCount = SQL<number> & Promise<number>;

export declare class QueryBuilder {
  select(): SelectBuilder<undefined>;
  select<F extends Record<string, unknown>>(fields: F): SelectBuilder<F>;
  selectDistinct(): SelectBuilder<undefined>;
  selectDistinct<F extends Record<string, unknown>>(fields: F): SelectBuilder<F>;
  selectDistinctOn(on: SQLWrapper[]): SelectBuilder<undefined>;
  selectDistinctOn<F extends Record<string, unknown>>(on: SQLWrapper[], fields: F): SelectBuilder<F>;
  insert<T extends AnyTable>(table: T): InsertBuilder<T>;
  update<T extends AnyTable>(table: T): UpdateBuilder<T>;
  delete<T extends AnyTable>(table: T): PgDelete<T>;
  $count(source: Source, filter?: SQLWrapper): PgCount;
  $with<TAlias extends string>(alias: TAlias): { as<R>(query: Runnable<R[]> | ((qb: QueryBuilder) => Runnable<R[]>)): Subquery<TAlias, R> };
  with(...ctes: AnySubquery[]): this;
}

type BatchItem = Runnable<unknown>;
type Root = typeof import('./index.js');
/** The operators a relational `where` callback gets (drizzle's getOperators()). */
export type RelationalOperators = Pick<Root, 'and' | 'between' | 'eq' | 'exists' | 'gt' | 'gte' | 'ilike' | 'inArray' | 'isNull' | 'isNotNull'
  | 'like' | 'lt' | 'lte' | 'ne' | 'not' | 'notBetween' | 'notExists' | 'notIlike' | 'notInArray' | 'notLike' | 'or' | 'sql'>;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type ValueOrArray<T> = T | T[];
type NonUndefinedKeysOnly<T> = { [K in keyof T]: T[K] extends undefined ? never : K }[keyof T] & keyof T;
type KnownKeysOnly<T, U> = { [K in keyof T]: K extends keyof U ? T[K] : never };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Assume<T, U> = T extends U ? T : U;
type ReturnTypeOrValue<T> = T extends (...args: any[]) => infer R ? R : T;
type ColumnsOf<T> = T extends PgTable<any, infer C> ? C : never;
/** The tables of a `drizzle(…, { schema })` schema, by their keys there (the keys of `db.query`). */
export type SchemaTables<TSchema> = { [K in keyof TSchema as TSchema[K] extends PgTable<any, any> ? K : never]: TSchema[K] };
/** The table of a schema with this database name. */
type TableByName<TSchema, N> = { [K in keyof TSchema]: TSchema[K] extends PgTable<infer TN, any> ? (TN extends N ? TSchema[K] : never) : never }[keyof TSchema];
/** The relations declared for the table named `N` (every `relations()` of it, merged). */
type RelationsOf<TSchema, N> = UnionToIntersection<{ [K in keyof TSchema]: TSchema[K] extends Relations<infer TN, infer C> ? (TN extends N ? C : never) : never }[keyof TSchema]> extends infer R
  ? ([R] extends [Record<string, Relation>] ? R : {})
  : {};

/** A `findMany` / `findFirst` config (drizzle's `DBQueryConfig`): nested `one` relations take
 * columns, with and extras; nested `many` add where, orderBy and limit; the root adds offset. */
export type RelationalConfig<TRelationType extends 'one' | 'many' = 'one' | 'many', TIsRoot extends boolean = boolean, TSchema = Record<string, unknown>, TTable = PgTable<string, any>> = {
  columns?: { [K in keyof ColumnsOf<TTable>]?: boolean } | undefined;
  with?: {
    [K in keyof RelationsOf<TSchema, NameOf<TTable>>]?: true | RelationalConfig<
      RelationsOf<TSchema, NameOf<TTable>>[K] extends One ? 'one' : 'many', false, TSchema,
      TableByName<TSchema, RelationsOf<TSchema, NameOf<TTable>>[K] extends Relation ? RelationsOf<TSchema, NameOf<TTable>>[K]['_']['referencedTableName'] : never>
    > | undefined;
  } | undefined;
  extras?: Record<string, SQL.Aliased> | ((fields: Simplify<ColumnsOf<TTable>>, operators: Pick<Root, 'sql'>) => Record<string, SQL.Aliased>) | undefined;
} & (TRelationType extends 'many'
  ? {
      where?: SQLWrapper | undefined | ((fields: Simplify<ColumnsOf<TTable>>, operators: RelationalOperators) => SQLWrapper | undefined);
      orderBy?: ValueOrArray<SQLWrapper> | ((fields: Simplify<ColumnsOf<TTable>>, operators: Pick<Root, 'sql' | 'asc' | 'desc'>) => ValueOrArray<SQLWrapper>) | undefined;
      limit?: number | Placeholder | undefined;
    } & (TIsRoot extends true ? { offset?: number | Placeholder | undefined } : {})
  : {});

type PickedColumns<TCols, TSel> = Equal<Exclude<TSel[keyof TSel & keyof TCols], undefined>, false> extends true
  ? Exclude<keyof TCols, NonUndefinedKeysOnly<TSel>>
  : { [K in keyof TSel]: Equal<TSel[K], true> extends true ? K : never }[keyof TSel] & keyof TCols;
type ExtraType<T> = T extends SQL<infer V> ? V : never;
/** A relational query's row type (drizzle's `BuildQueryResult`). */
export type BuildQueryResult<TSchema, TTable, TSel> = Equal<TSel, true> extends true
  ? InferSelectFromColumns<ColumnsOf<TTable>>
  : TSel extends Record<string, unknown>
    ? Simplify<
        & (TSel['columns'] extends Record<string, unknown>
          ? InferSelectFromColumns<{ [K in PickedColumns<ColumnsOf<TTable>, TSel['columns']>]: ColumnsOf<TTable>[K] }>
          : InferSelectFromColumns<ColumnsOf<TTable>>)
        & (TSel['extras'] extends Record<string, unknown> | ((...args: any[]) => Record<string, unknown>)
          ? { [K in NonUndefinedKeysOnly<ReturnTypeOrValue<TSel['extras']>>]: ExtraType<ReturnTypeOrValue<TSel['extras']>[K]> }
          : {})
        & (TSel['with'] extends Record<string, unknown> ? BuildRelationResult<TSchema, TSel['with'], RelationsOf<TSchema, NameOf<TTable>>> : {})
      >
    : never;
type BuildRelationResult<TSchema, TInclude, TRelations> = {
  [K in NonUndefinedKeysOnly<TInclude> & keyof TRelations]: TRelations[K] extends infer TRel extends Relation
    ? BuildQueryResult<TSchema, TableByName<TSchema, TRel['_']['referencedTableName']>, Assume<TInclude[K], true | Record<string, unknown>>> extends infer TResult
      ? TRel extends One ? TResult | (Equal<TRel['_']['isNullable'], false> extends true ? null : never) : TResult[]
      : never
    : never;
};

/** `findMany` / `findFirst` of one table: rows typed by the config, as drizzle infers them. */
export interface RelationalQueries<TSchema = Record<string, unknown>, TTable = PgTable<string, any>> {
  findMany<TConfig extends RelationalConfig<'many', true, TSchema, TTable>>(
    config?: KnownKeysOnly<TConfig, RelationalConfig<'many', true, TSchema, TTable>>,
  ): Runnable<BuildQueryResult<TSchema, TTable, TConfig>[]>;
  findFirst<TConfig extends Omit<RelationalConfig<'many', true, TSchema, TTable>, 'limit'>>(
    config?: KnownKeysOnly<TConfig, Omit<RelationalConfig<'many', true, TSchema, TTable>, 'limit'>>,
  ): Runnable<BuildQueryResult<TSchema, TTable, TConfig> | undefined>;
}
/** drizzle's PgQueryResultHKT: the type parameter that names a driver's raw result (edgepg's
 * database types do not use it; it is accepted where drizzle's types take it). */
export interface PgQueryResultHKT {
  readonly $brand: 'PgQueryResultHKT';
  readonly row: unknown;
  readonly type: unknown;
}
/** What every database has (drizzle's PgDatabase, the base class of both drivers' databases):
 * the query builders, `execute`, `refreshMaterializedView` and relational queries. A function
 * that takes `db: PgDatabase<any>` (or `PgDatabase<PgQueryResultHKT, typeof schema>`) takes
 * either driver's database. */
export declare class PgDatabase<TQueryResult extends PgQueryResultHKT = PgQueryResultHKT, TFullSchema extends Record<string, unknown> = Record<string, never>, _TSchema = unknown> extends QueryBuilder {
  execute<TRow = Record<string, unknown>>(query: SQL | string | PromiseLike<unknown>): Runnable<unknown>;
  refreshMaterializedView(view: PgMaterializedView): Runnable<unknown> & { concurrently(): Runnable<unknown>; withNoData(): Runnable<unknown> };
  readonly query: { [K in keyof SchemaTables<TFullSchema>]: RelationalQueries<TFullSchema, SchemaTables<TFullSchema>[K]> };
}
/** A transaction (drizzle's PgTransaction): `rollback()`, nested `transaction()` (a savepoint),
 * `setTransaction()`. */
export declare abstract class PgTransaction<TQueryResult extends PgQueryResultHKT = PgQueryResultHKT, TFullSchema extends Record<string, unknown> = Record<string, never>, _TSchema = unknown> extends PgDatabase<TQueryResult, TFullSchema> {
  /** Throws `TransactionRollbackError`: the transaction is rolled back. */
  rollback(): never;
  transaction<T>(fn: (tx: PgTransaction<TQueryResult, TFullSchema>) => Promise<T>): Promise<T>;
  setTransaction(config: { isolationLevel?: 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable'; accessMode?: 'read only' | 'read write'; deferrable?: boolean }): Promise<void>;
}

export declare class NeonHttpDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient = unknown> extends PgDatabase<PgQueryResultHKT, TSchema> {
  /** `db.execute(sql\`…\` | builder)`: rows as objects keyed by column name. */
  execute<TRow = Record<string, unknown>>(query: SQL | string | Runnable<unknown>): Runnable<QueryResult<TRow>>;
  /** `refresh materialized view [concurrently] <view> [with no data]`. */
  refreshMaterializedView(view: PgMaterializedView): Runnable<QueryResult<never>> & { concurrently(): Runnable<QueryResult<never>>; withNoData(): Runnable<QueryResult<never>> };
  /** Every statement in ONE HTTP request, as one transaction. */
  batch<const T extends readonly [BatchItem, ...BatchItem[]]>(
    queries: T,
    options?: { isolationLevel?: 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable'; readOnly?: boolean; deferrable?: boolean },
  ): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
  /** Always throws, as drizzle's neon-http does: use `batch()` (one transaction, one round trip). */
  transaction(fn: (tx: NeonHttpDatabase) => Promise<unknown>): never;
  $withAuth(token: string | (() => string | Promise<string>)): NeonHttpDatabase<TSchema, TClient>;
  /** The `neon()` client given to `drizzle(client)`, else edgepg's own transport. */
  readonly $client: TClient;
  /** Relational queries over the tables and `relations()` of `drizzle(…, { schema })`, their rows
   * typed as drizzle types them. */
  readonly query: { [K in keyof SchemaTables<TSchema>]: RelationalQueries<TSchema, SchemaTables<TSchema>[K]> };
  /** The `cache` given to `drizzle()`, with `invalidate({ tables?, tags? })`. */
  readonly $cache: (import('./cache-core.js').Cache & { invalidate(params: import('./cache-core.js').MutationOption): Promise<void> }) | undefined;
}

export interface ConnectionConfig {
  connectionString: string;
  /** Another SQL-over-HTTP endpoint, e.g. edgepg-gateway's `http://127.0.0.1:4444/sql`. */
  endpoint?: string;
  /** A JWT sent as `Authorization: Bearer …`, or a function (sync or async) asked before each request. */
  authToken?: string | (() => string | Promise<string>);
  /** Per-request timeout, in milliseconds. */
  timeout?: number;
}
export interface DrizzleConfig<TSchema extends Record<string, unknown> = Record<string, never>> {
  connection?: string | ConnectionConfig;
  /** A query cache (edgepg/cache/core's `Cache`): selects with `.$withCache()` go through it. */
  cache?: import('./cache-core.js').Cache;
  /** Names of columns declared without one: their keys in this case (drizzle's `casing`). */
  casing?: 'snake_case' | 'camelCase';
  logger?: boolean | { logQuery(query: string, params: unknown[]): void };
  /** Tables and `relations()`: the keys of `db.query`. */
  schema?: TSchema;
}
/** A `neon()` function of @neondatabase/serverless (what edgepg calls of it). */
/** A `neon()` query function of @neondatabase/serverless, 1.x or 0.10.x: drizzle calls its
 * `query(sql, params, options)` when it has one (1.x), else the function itself (0.10.x). */
export type NeonClient = ((...args: any[]) => any) & {
  query?: (...args: any[]) => any;
  transaction(...args: any[]): any;
};
/** drizzle's NeonHttpClient: the `neon()` function given to `drizzle(client)`. */
export type NeonHttpClient = NeonClient;
/** drizzle's NeonHttpQueryResult: what `db.execute()` resolves to. */
export type NeonHttpQueryResult<T> = QueryResult<T>;
type Schema = Record<string, unknown>;
export declare function drizzle<TSchema extends Schema = Record<string, never>>(connection: string, config?: DrizzleConfig<TSchema>): NeonHttpDatabase<TSchema>;
export declare function drizzle<TClient extends NeonClient, TSchema extends Schema = Record<string, never>>(client: TClient, config?: DrizzleConfig<TSchema>): NeonHttpDatabase<TSchema, TClient>;
export declare function drizzle<TClient extends NeonClient, TSchema extends Schema = Record<string, never>>(config: DrizzleConfig<TSchema> & { client: TClient }): NeonHttpDatabase<TSchema, TClient>;
export declare function drizzle<TSchema extends Schema = Record<string, never>>(config: DrizzleConfig<TSchema> & { connection: string | ConnectionConfig }): NeonHttpDatabase<TSchema>;
export declare namespace drizzle {
  function mock<TSchema extends Schema = Record<string, never>>(config?: DrizzleConfig<TSchema>): NeonHttpDatabase<TSchema>;
}
