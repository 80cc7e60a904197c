// edgepg/pg-core: tables, columns, enums (drizzle-orm/pg-core's names and inference).
import type { SQL, SQLWrapper } from './index.js';
import type { QueryBuilder, Subquery } from './neon-http.js';
export { QueryBuilder, PgDatabase, PgTransaction } from './neon-http.js';
export type { PgQueryResultHKT, PgSelect, PgInsert, PgUpdate, PgDelete, PgInsertValue, PgUpdateSetSource } from './neon-http.js';
import type { PgSelect, PgDatabase } from './neon-http.js';

/** What a column builder knows at the type level. */
export interface ColumnConfig {
  data: unknown;
  notNull: boolean;
  hasDefault: boolean;
  generated: boolean;
}
type Set<C extends ColumnConfig, K extends keyof ColumnConfig, V> = Omit<C, K> & { [P in K]: V };
type Base<T> = { data: T; notNull: false; hasDefault: false; generated: false };
type Serial<T> = { data: T; notNull: true; hasDefault: true; generated: false };

export declare class ColumnBuilder<C extends ColumnConfig = ColumnConfig> {
  private readonly _config: C;
  notNull(): ColumnBuilder<Set<C, 'notNull', true>>;
  primaryKey(): ColumnBuilder<Set<C, 'notNull', true>>;
  unique(name?: string, config?: { nulls: 'distinct' | 'not distinct' }): this;
  default(value: C['data'] | SQL): ColumnBuilder<Set<C, 'hasDefault', true>>;
  defaultNow(): ColumnBuilder<Set<C, 'hasDefault', true>>;
  defaultRandom(): ColumnBuilder<Set<C, 'hasDefault', true>>;
  $defaultFn(fn: () => C['data'] | SQL): ColumnBuilder<Set<C, 'hasDefault', true>>;
  $default(fn: () => C['data'] | SQL): ColumnBuilder<Set<C, 'hasDefault', true>>;
  $onUpdateFn(fn: () => C['data'] | SQL): ColumnBuilder<Set<C, 'hasDefault', true>>;
  $onUpdate(fn: () => C['data'] | SQL): ColumnBuilder<Set<C, 'hasDefault', true>>;
  $type<T>(): ColumnBuilder<Set<C, 'data', T>>;
  references(ref: () => AnyColumn, actions?: { onDelete?: string; onUpdate?: string }): this;
  generatedAlwaysAs(expr: SQL | (() => SQL)): ColumnBuilder<Set<Set<C, 'generated', true>, 'hasDefault', true>>;
  generatedAlwaysAsIdentity(options?: object): ColumnBuilder<Set<Set<C, 'notNull', true>, 'hasDefault', true>>;
  generatedByDefaultAsIdentity(options?: object): ColumnBuilder<Set<Set<C, 'notNull', true>, 'hasDefault', true>>;
  array(size?: number): ColumnBuilder<Set<C, 'data', C['data'][]>>;
}

declare const columnBrand: unique symbol;
/** A column of table `TTable`. */
export interface Column<C extends ColumnConfig = ColumnConfig, TTable extends string = string> {
  readonly [columnBrand]: { config: C; table: TTable };
  readonly name: string;
  readonly notNull: C['notNull'];
  readonly hasDefault: C['hasDefault'];
  mapFromDriverValue(value: unknown): C['data'];
}
export type AnyColumn = Column<any, any>;
/** The class of pg-core's columns, for `is(value, PgColumn)` (drizzle's PgColumn). */
export declare abstract class PgColumn<C extends ColumnConfig = ColumnConfig, TTable extends string = string> {
  /** The column's SQL type (`integer`, `varchar(256)`, `text[]`, …). */
  getSQLType(): string;
  /** drizzle's column class name (`PgInteger`, `PgArray`, …). */
  readonly columnType: string;
  readonly primary: boolean;
  readonly isUnique: boolean;
  readonly uniqueName: string;
  readonly uniqueType: 'distinct' | 'not distinct' | undefined;
  readonly keyAsName: boolean;
  readonly default: unknown;
  readonly defaultFn: (() => unknown) | undefined;
  readonly onUpdateFn: (() => unknown) | undefined;
  readonly generated: { as: unknown; type: 'always'; mode: 'stored' } | undefined;
  readonly generatedIdentity: { type: 'always' | 'byDefault'; sequenceOptions?: Record<string, unknown> } | undefined;
}
export interface PgColumn<C extends ColumnConfig = ColumnConfig, TTable extends string = string> extends Column<C, TTable> {}
/** The decoded value of a column (`null` included when nullable). */
export type ColumnValue<C extends ColumnConfig> = C['notNull'] extends true ? C['data'] : C['data'] | null;
export type ColumnData<C extends ColumnConfig> = C['data'];

type Name<T> = [name: string, config?: T] | [config?: T];
type Mode<T> = T extends { mode: infer M } ? M : undefined;

export declare function integer(...a: Name<never>): ColumnBuilder<Base<number>>;
export declare function smallint(...a: Name<never>): ColumnBuilder<Base<number>>;
export declare function bigint<T extends { mode: 'number' | 'bigint' }>(...a: Name<T>): ColumnBuilder<Base<Mode<T> extends 'bigint' ? bigint : number>>;
export declare function serial(...a: Name<never>): ColumnBuilder<Serial<number>>;
export declare function smallserial(...a: Name<never>): ColumnBuilder<Serial<number>>;
export declare function bigserial<T extends { mode: 'number' | 'bigint' }>(...a: Name<T>): ColumnBuilder<Serial<Mode<T> extends 'bigint' ? bigint : number>>;
type NumericConfig = { precision?: number; scale?: number; mode?: 'string' | 'number' | 'bigint' };
type NumericData<T> = Mode<T> extends 'number' ? number : Mode<T> extends 'bigint' ? bigint : string;
export declare function numeric<T extends NumericConfig = {}>(...a: Name<T>): ColumnBuilder<Base<NumericData<T>>>;
export declare function decimal<T extends NumericConfig = {}>(...a: Name<T>): ColumnBuilder<Base<NumericData<T>>>;
export declare function real(...a: Name<never>): ColumnBuilder<Base<number>>;
export declare function doublePrecision(...a: Name<never>): ColumnBuilder<Base<number>>;
export declare function boolean(...a: Name<never>): ColumnBuilder<Base<boolean>>;
type TextConfig = { enum?: readonly [string, ...string[]]; length?: number };
type TextData<T> = T extends { enum: readonly (infer E)[] } ? E : string;
export declare function text<const T extends TextConfig = {}>(...a: Name<T>): ColumnBuilder<Base<TextData<T>>>;
export declare function varchar<const T extends TextConfig = {}>(...a: Name<T>): ColumnBuilder<Base<TextData<T>>>;
export declare function char<const T extends TextConfig = {}>(...a: Name<T>): ColumnBuilder<Base<TextData<T>>>;
export declare function uuid(...a: Name<never>): ColumnBuilder<Base<string>>;
export declare function json<T = unknown>(...a: Name<never>): ColumnBuilder<Base<T>>;
export declare function jsonb<T = unknown>(...a: Name<never>): ColumnBuilder<Base<T>>;
type DateConfig = { mode?: 'date' | 'string'; withTimezone?: boolean; precision?: number };
export declare function timestamp<T extends DateConfig = {}>(...a: Name<T>): ColumnBuilder<Base<Mode<T> extends 'string' ? string : Date>>;
export declare function date<T extends { mode?: 'date' | 'string' } = {}>(...a: Name<T>): ColumnBuilder<Base<Mode<T> extends 'date' ? Date : string>>;
export declare function time(...a: Name<{ withTimezone?: boolean; precision?: number }>): ColumnBuilder<Base<string>>;
export declare function interval(...a: Name<{ fields?: string; precision?: number }>): ColumnBuilder<Base<string>>;
export declare function inet(...a: Name<never>): ColumnBuilder<Base<string>>;
export declare function cidr(...a: Name<never>): ColumnBuilder<Base<string>>;
export declare function macaddr(...a: Name<never>): ColumnBuilder<Base<string>>;
export declare function macaddr8(...a: Name<never>): ColumnBuilder<Base<string>>;
export declare function point<T extends { mode?: 'tuple' | 'xy' } = {}>(...a: Name<T>): ColumnBuilder<Base<Mode<T> extends 'xy' ? { x: number; y: number } : [number, number]>>;
export declare function line<T extends { mode?: 'tuple' | 'abc' } = {}>(...a: Name<T>): ColumnBuilder<Base<Mode<T> extends 'abc' ? { a: number; b: number; c: number } : [number, number, number]>>;
export declare function vector(...a: Name<{ dimensions: number }>): ColumnBuilder<Base<number[]>>;
export declare function halfvec(...a: Name<{ dimensions: number }>): ColumnBuilder<Base<number[]>>;
export declare function sparsevec(...a: Name<{ dimensions: number }>): ColumnBuilder<Base<string>>;
export declare function bit(...a: Name<{ dimensions: number }>): ColumnBuilder<Base<string>>;
export declare function customType<T extends { data: unknown; driverData?: unknown; config?: unknown }>(def: {
  dataType(config?: T['config']): string;
  toDriver?(value: T['data']): unknown;
  fromDriver?(value: any): T['data'];
}): (...a: Name<T['config']>) => ColumnBuilder<Base<T['data']>>;

export interface PgEnum<TValues extends readonly [string, ...string[]]> {
  (name?: string): ColumnBuilder<Base<TValues[number]>>;
  readonly enumName: string;
  readonly enumValues: TValues;
}
export declare function pgEnum<const TValues extends readonly [string, ...string[]]>(name: string, values: TValues): PgEnum<TValues>;

type Builders = Record<string, ColumnBuilder<any>>;
type ConfigOf<B> = B extends ColumnBuilder<infer C> ? C : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The columns of a table declaration, as columns of table `TName`. */
export type BuildColumns<TName extends string, TCols extends Builders> = {
  [K in keyof TCols]: Column<ConfigOf<TCols[K]>, TName>;
};
type RequiredInsertKeys<C> = { [K in keyof C]: C[K] extends Column<infer Cfg, any> ? (Cfg['generated'] extends true ? never : Cfg['notNull'] extends true ? (Cfg['hasDefault'] extends true ? never : K) : never) : never }[keyof C];
type OptionalInsertKeys<C> = { [K in keyof C]: C[K] extends Column<infer Cfg, any> ? (Cfg['generated'] extends true ? never : K extends RequiredInsertKeys<C> ? never : K) : never }[keyof C];
export type InferSelectFromColumns<C> = Simplify<{ [K in keyof C]: C[K] extends Column<infer Cfg, any> ? ColumnValue<Cfg> : never }>;
/** drizzle's `$inferInsert`: the plain model (SQL and placeholders are accepted by `values()`). */
export type InferInsertFromColumns<C> = Simplify<
  { [K in RequiredInsertKeys<C>]: C[K] extends Column<infer Cfg, any> ? Cfg['data'] : never } & {
    [K in OptionalInsertKeys<C>]?: C[K] extends Column<infer Cfg, any> ? (Cfg['notNull'] extends true ? Cfg['data'] : Cfg['data'] | null) : never;
  }
>;

/** A table: its columns as properties, plus `$inferSelect` / `$inferInsert` (types only). */
export interface PgTable<TName extends string = string, TColumns = Record<string, AnyColumn>> {
  readonly _: { readonly name: TName; readonly columns: TColumns };
  /** Marks the table for row-level security (`getTableConfig(table).enableRLS`). */
  enableRLS(): this;
  readonly $inferSelect: InferSelectFromColumns<TColumns>;
  readonly $inferInsert: InferInsertFromColumns<TColumns>;
}
export type PgTableWithColumns<TName extends string, TColumns> = PgTable<TName, TColumns> & TColumns;
/** The class of pg-core's tables, for `is(value, PgTable)` (drizzle's PgTable). */
export declare abstract class PgTable<TName extends string = string, TColumns = Record<string, AnyColumn>> {}

/** What a table's extras callback gets for each column: the column, plus index column options. */
type IndexColumn<C> = C & { asc(): IndexColumn<C>; desc(): IndexColumn<C>; nullsFirst(): IndexColumn<C>; nullsLast(): IndexColumn<C>; op(opClass: string): IndexColumn<C> };
export declare function pgTable<TName extends string, TCols extends Builders>(
  name: TName,
  columns: TCols | ((helpers: any) => TCols),
  extraConfig?: (self: { [K in keyof TCols]: IndexColumn<BuildColumns<TName, TCols>[K]> }) => unknown,
): PgTableWithColumns<TName, BuildColumns<TName, TCols>>;
export declare namespace pgTable {
  /** `pgTable(…).enableRLS()`. */
  const withRLS: typeof pgTable;
}
export declare function pgTableCreator(customize: (name: string) => string): typeof pgTable;
/** A schema of `pgSchema(name)` (drizzle's PgSchema). */
export declare class PgSchema<TName extends string = string> {
  readonly schemaName: TName;
}
/** drizzle's isPgSchema. */
export declare function isPgSchema(obj: unknown): obj is PgSchema;
export declare function pgSchema<TSchema extends string>(name: TSchema): PgSchema<TSchema> & {
  table: typeof pgTable;
  enum: typeof pgEnum;
  view: typeof pgView;
  materializedView: typeof pgMaterializedView;
  sequence: typeof pgSequence;
};

// ---- views
type ViewRunnable<R> = PromiseLike<R[]> & { toSQL(): { sql: string; params: unknown[] } };
/** A view: selected from and joined like a table, its fields typed like a subquery's. */
export type PgViewWithSelection<TName extends string, TRow> = Subquery<TName, TRow> & PgView;
/** The class of views, for `is(value, PgView)`. */
export declare abstract class PgView {}
/** The class of materialized views, for `is(value, PgMaterializedView)`. */
export declare abstract class PgMaterializedView {}
interface ViewBuilder<TName extends string, TView> {
  with(config: Record<string, unknown>): this;
  as<R>(query: ViewRunnable<R> | ((qb: QueryBuilder) => ViewRunnable<R>)): PgViewWithSelection<TName, R> & TView;
}
interface ManualViewBuilder<TName extends string, TCols extends Builders, TView> {
  with(config: Record<string, unknown>): this;
  existing(): PgViewWithSelection<TName, InferSelectFromColumns<BuildColumns<TName, TCols>>> & TView;
  as(query: SQL): PgViewWithSelection<TName, InferSelectFromColumns<BuildColumns<TName, TCols>>> & TView;
}
type MaterializedOptions<B> = B & { using(method: string): B & MaterializedOptions<B>; tablespace(name: string): B & MaterializedOptions<B>; withNoData(): B & MaterializedOptions<B> };
/** drizzle's `pgView(name).as(qb => …)`. */
export declare function pgView<TName extends string>(name: TName): ViewBuilder<TName, PgView>;
/** drizzle's `pgView(name, columns).existing()` / `.as(sql)`. */
export declare function pgView<TName extends string, TCols extends Builders>(name: TName, columns: TCols): ManualViewBuilder<TName, TCols, PgView>;
/** drizzle's `pgMaterializedView(name)…`. */
export declare function pgMaterializedView<TName extends string>(name: TName): MaterializedOptions<ViewBuilder<TName, PgMaterializedView>>;
export declare function pgMaterializedView<TName extends string, TCols extends Builders>(name: TName, columns: TCols): MaterializedOptions<ManualViewBuilder<TName, TCols, PgMaterializedView>>;
// ---- sequences, roles, policies (interpolated in `sql` as their quoted names)
export declare class PgSequence {
  readonly seqName: string;
  readonly seqOptions: Record<string, unknown> | undefined;
  readonly schema: string | undefined;
}
export declare function pgSequence(name: string, options?: { increment?: number | string; minValue?: number | string; maxValue?: number | string; startWith?: number | string; cache?: number | string; cycle?: boolean }): PgSequence;
export declare function isPgSequence(value: unknown): value is PgSequence;
export declare class PgRole {
  readonly name: string;
  existing(): this;
}
export declare function pgRole(name: string, config?: { createDb?: boolean; createRole?: boolean; inherit?: boolean }): PgRole;
export declare class PgPolicy {
  readonly name: string;
  readonly as?: 'permissive' | 'restrictive';
  readonly for?: 'all' | 'select' | 'insert' | 'update' | 'delete';
  readonly to?: PgRole | string | (PgRole | string)[];
  readonly using?: SQL;
  readonly withCheck?: SQL;
  link(table: PgTable<any, any>): this;
}
export declare function pgPolicy(name: string, config?: { as?: 'permissive' | 'restrictive'; for?: 'all' | 'select' | 'insert' | 'update' | 'delete'; to?: PgRole | string | (PgRole | string)[]; using?: SQL; withCheck?: SQL }): PgPolicy;

/** drizzle's getTableConfig: the table's columns and extras, drizzle-shaped. */
export declare function getTableConfig(table: PgTable<any, any>): {
  columns: PgColumn[];
  indexes: { config: { name?: string; columns: unknown[]; unique: boolean; concurrently: boolean; only: boolean; method: string; where?: SQL; with: Record<string, unknown> } }[];
  foreignKeys: { onUpdate: string; onDelete: string; getName(): string; reference(): { name?: string; columns: PgColumn[]; foreignTable: PgTable<any, any>; foreignColumns: PgColumn[] } }[];
  checks: { name: string; value: SQL }[];
  primaryKeys: { columns: PgColumn[]; name?: string; getName(): string }[];
  uniqueConstraints: { columns: PgColumn[]; name?: string; nullsNotDistinct: boolean; getName(): string }[];
  name: string;
  schema: string | undefined;
  policies: unknown[];
  enableRLS: boolean;
};
/** drizzle's `uniqueKeyName(table, columnNames)`: `<table>_<columns>_unique`. */
export declare function uniqueKeyName(table: PgTable<any, any>, columns: string[]): string;

/** drizzle's getViewConfig. */
export declare function getViewConfig(view: PgView): {
  name: string; originalName: string; schema: string | undefined; selectedFields: Record<string, unknown>; query: SQL | undefined;
  isExisting: boolean; isAlias: boolean; with?: Record<string, unknown>;
};
/** drizzle's getMaterializedViewConfig. */
export declare function getMaterializedViewConfig(view: PgMaterializedView): ReturnType<typeof getViewConfig> & {
  using?: string; tablespace?: string; withNoData?: boolean;
};
/** `alias(table, name)`: the same columns, as columns of `TAlias`. */
export declare function alias<T extends PgTable<any, any>, TAlias extends string>(
  table: T,
  alias: TAlias,
): PgTableWithColumns<TAlias, { [K in keyof T['_']['columns']]: T['_']['columns'][K] extends Column<infer C, any> ? Column<C, TAlias> : never }>;

export declare function getTableName(table: PgTable): string;
export declare function getTableColumns<T extends PgTable<any, any>>(table: T): T['_']['columns'];

export declare class PgDialect {
  constructor(config?: { casing?: 'snake_case' | 'camelCase' });
  sqlToQuery(sql: SQL): { sql: string; params: unknown[] };
}

type SelectLike = { toSQL(): { sql: string; params: unknown[] } };
export declare function union<T extends SelectLike>(first: T, ...rest: SelectLike[]): T;
export declare function unionAll<T extends SelectLike>(first: T, ...rest: SelectLike[]): T;
export declare function intersect<T extends SelectLike>(first: T, ...rest: SelectLike[]): T;
export declare function intersectAll<T extends SelectLike>(first: T, ...rest: SelectLike[]): T;
export declare function except<T extends SelectLike>(first: T, ...rest: SelectLike[]): T;
export declare function exceptAll<T extends SelectLike>(first: T, ...rest: SelectLike[]): T;

// Table extras only matter to migrations: accepted, not rendered.
type Extra = { on(...columns: SQLWrapper[]): Extra; using(...a: unknown[]): Extra; where(c: SQL): Extra; concurrently(): Extra; with(o: object): Extra };
export declare function index(name?: string): Extra;
export declare function uniqueIndex(name?: string): Extra;
export declare function unique(name?: string): Extra & { nullsNotDistinct(): Extra };
export declare function primaryKey(config: { name?: string; columns: AnyColumn[] }): object;
export declare function foreignKey(config: { name?: string; columns: AnyColumn[]; foreignColumns: AnyColumn[] }): { onDelete(a: string): any; onUpdate(a: string): any };
export declare function check(name: string, expr: SQL): object;

// ---- drizzle's helpers
/** A column of any pg-core table (drizzle's AnyPgColumn: `.references((): AnyPgColumn => t.id)`). */
export type AnyPgColumn<_TPartial extends object = {}> = PgColumn<any, any>;
/** A pg-core table (drizzle's AnyPgTable). */
export type AnyPgTable<_TPartial extends object = {}> = PgTable<string, any>;
/** Any select builder (drizzle's AnyPgSelect). */
export type AnyPgSelect = PgSelect;
/** drizzle's isPgEnum: a `pgEnum(…)`. */
export declare function isPgEnum(obj: unknown): obj is PgEnum<[string, ...string[]]>;
/** drizzle's isPgView / isPgMaterializedView. */
export declare function isPgView(obj: unknown): obj is PgView;
export declare function isPgMaterializedView(obj: unknown): obj is PgMaterializedView;
/** drizzle's parsePgArray: PostgreSQL's array text as nested arrays of strings. */
export declare function parsePgArray(arrayString: string): any[];
/** drizzle's parsePgNestedArray: from `startFrom`; gives `[array, index after it]`. */
export declare function parsePgNestedArray(arrayString: string, startFrom?: number): [any[], number];
/** drizzle's makePgArray: an array as PostgreSQL's array text. */
export declare function makePgArray(array: any[]): string;
/** drizzle's extractUsedTable: the tables a source reads (`schema.name` or name). */
export declare function extractUsedTable(table: unknown): string[];
/** A database whose reads go to replicas (drizzle's PgWithReplicas). */
export type PgWithReplicas<Q> = Q & { $primary: Q; $replicas: Q[] };
/** drizzle's withReplicas: reads (select, selectDistinct, selectDistinctOn, $count, with, $with,
 * query) on a replica (`getReplica`, random by default), everything else on the primary. */
export declare function withReplicas<Q extends PgDatabase<any, any>>(primary: Q, replicas: [Q, ...Q[]], getReplica?: (replicas: Q[]) => Q): PgWithReplicas<Q>;

// ---- drizzle's config and option types (its own definitions)
import type { ValueOrArray } from './index.js';
export type Precision = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export interface PgTimestampConfig<TMode extends 'date' | 'string' = 'date' | 'string'> {
  mode?: TMode;
  precision?: Precision;
  withTimezone?: boolean;
}
export interface PgDateConfig<T extends 'date' | 'string' = 'date' | 'string'> {
  mode: T;
}
export interface TimeConfig {
  precision?: Precision;
  withTimezone?: boolean;
}
export interface IntervalConfig {
  fields?: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'year to month' | 'day to hour' | 'day to minute' | 'day to second' | 'hour to minute' | 'hour to second' | 'minute to second';
  precision?: Precision;
}
export interface PgBigIntConfig<T extends 'number' | 'bigint' = 'number' | 'bigint'> {
  mode: T;
}
export interface PgBigSerialConfig<T extends 'number' | 'bigint' = 'number' | 'bigint'> {
  mode: T;
}
export type PgNumericConfig<T extends 'string' | 'number' | 'bigint' = 'string' | 'number' | 'bigint'> =
  | { precision: number; scale?: number; mode?: T }
  | { precision?: number; scale: number; mode?: T }
  | { precision?: number; scale?: number; mode: T };
export interface PgTextConfig<TEnum extends readonly string[] | string[] | undefined = readonly string[] | string[] | undefined> {
  enum?: TEnum;
}
export interface PgVarcharConfig<TEnum extends readonly string[] | string[] | undefined = readonly string[] | string[] | undefined, TLength extends number | undefined = number | undefined> {
  enum?: TEnum;
  length?: TLength;
}
export interface PgCharConfig<TEnum extends readonly string[] | string[] | undefined = readonly string[] | string[] | undefined, TLength extends number | undefined = number | undefined> {
  enum?: TEnum;
  length?: TLength;
}
export interface PgPointConfig<T extends 'tuple' | 'xy' = 'tuple' | 'xy'> {
  mode?: T;
}
export interface PgLineTypeConfig<T extends 'tuple' | 'abc' = 'tuple' | 'abc'> {
  mode?: T;
}
export interface PgVectorConfig<TDimensions extends number = number> {
  dimensions: TDimensions;
}
export interface PgHalfVectorConfig<TDimensions extends number = number> {
  dimensions: TDimensions;
}
export interface PgBinaryVectorConfig<TDimensions extends number = number> {
  dimensions: TDimensions;
}
export interface PgSparseVectorConfig {
  dimensions: number;
}
export type UpdateDeleteAction = 'cascade' | 'restrict' | 'no action' | 'set null' | 'set default';
export type PgIndexMethod = 'btree' | 'hash' | 'gist' | 'spgist' | 'gin' | 'brin' | 'hnsw' | 'ivfflat' | (string & {});
export interface PgRoleConfig {
  createDb?: boolean;
  createRole?: boolean;
  inherit?: boolean;
}
export type PgPolicyToOption = 'public' | 'current_role' | 'current_user' | 'session_user' | (string & {}) | PgPolicyToOption[] | PgRole;
export interface PgPolicyConfig {
  as?: 'permissive' | 'restrictive';
  for?: 'all' | 'select' | 'insert' | 'update' | 'delete';
  to?: PgPolicyToOption;
  using?: SQL;
  withCheck?: SQL;
}
export type PgSequenceOptions = {
  increment?: number | string;
  minValue?: number | string;
  maxValue?: number | string;
  startWith?: number | string;
  cache?: number | string;
  cycle?: boolean;
};
export interface PgTransactionConfig {
  isolationLevel?: 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';
  accessMode?: 'read only' | 'read write';
  deferrable?: boolean;
}
export type LockStrength = 'update' | 'no key update' | 'share' | 'key share';
export type LockConfig = { of?: ValueOrArray<PgTable<string, any>> } & (
  | { noWait: true; skipLocked?: undefined }
  | { noWait?: undefined; skipLocked: true }
  | { noWait?: undefined; skipLocked?: undefined }
);
