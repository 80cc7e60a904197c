// edgepg: Drizzle ORM's API over Rust/wasm — root entry (operators, sql, functions, errors).
import type { AnyColumn, Column as TypedColumn, PgTable, ColumnData, ColumnValue } from './pg-core.js';

declare const sqlType: unique symbol;

/** A SQL fragment (drizzle's `SQL<T>`); `T` is the type it decodes to when selected. */
export declare class SQL<T = unknown> {
  readonly [sqlType]: T;
  as<TAlias extends string>(alias: TAlias): SQL.Aliased<T>;
  mapWith<TNew>(decoder: ((value: any) => TNew) | { mapFromDriverValue(value: any): TNew }): SQL<TNew>;
  inlineParams(): this;
  append(other: SQL): this;
  if(condition: unknown): this | undefined;
  getSQL(): SQL<T>;
}
export declare namespace SQL {
  /** `sql\`…\`.as('name')` */
  class Aliased<T = unknown> extends SQL<T> {
    private readonly aliased: true;
  }
}

/** `sql.placeholder(name)`: a value given at execution (drizzle's Placeholder). */
export declare class Placeholder<TName extends string = string> {
  readonly name: TName;
  constructor(name: TName);
  getSQL(): SQL;
}

/** Anything usable where drizzle accepts an expression. */
export type SQLWrapper = SQL<any> | AnyColumn | Placeholder | { getSQL(): SQL<any> };

/** The value a column or expression compares with. */
export type ValueOf<T> = T extends TypedColumn<infer C, any> ? ColumnValue<C> : T extends SQL<infer V> ? V : unknown;
type Operand<T> = ValueOf<T> | SQLWrapper | null;

export interface SqlTag {
  <T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): SQL<T>;
  raw(text: string): SQL;
  empty(): SQL;
  identifier(name: string): SQL;
  placeholder<TName extends string>(name: TName): Placeholder<TName>;
  param<T>(value: T, encoder?: AnyColumn): SQL<T>;
  join(chunks: SQLWrapper[], separator?: SQLWrapper | string): SQL;
}
export declare const sql: SqlTag;

export declare function eq<L extends SQLWrapper>(left: L, right: Operand<L>): SQL<boolean>;
export declare function ne<L extends SQLWrapper>(left: L, right: Operand<L>): SQL<boolean>;
export declare function gt<L extends SQLWrapper>(left: L, right: Operand<L>): SQL<boolean>;
export declare function gte<L extends SQLWrapper>(left: L, right: Operand<L>): SQL<boolean>;
export declare function lt<L extends SQLWrapper>(left: L, right: Operand<L>): SQL<boolean>;
export declare function lte<L extends SQLWrapper>(left: L, right: Operand<L>): SQL<boolean>;
export declare function like(left: SQLWrapper, pattern: string | SQLWrapper): SQL<boolean>;
export declare function notLike(left: SQLWrapper, pattern: string | SQLWrapper): SQL<boolean>;
export declare function ilike(left: SQLWrapper, pattern: string | SQLWrapper): SQL<boolean>;
export declare function notIlike(left: SQLWrapper, pattern: string | SQLWrapper): SQL<boolean>;
export declare function inArray<L extends SQLWrapper>(left: L, values: readonly Operand<L>[] | SQLWrapper): SQL<boolean>;
export declare function notInArray<L extends SQLWrapper>(left: L, values: readonly Operand<L>[] | SQLWrapper): SQL<boolean>;
export declare function isNull(value: SQLWrapper): SQL<boolean>;
export declare function isNotNull(value: SQLWrapper): SQL<boolean>;
export declare function exists(query: SQLWrapper): SQL<boolean>;
export declare function notExists(query: SQLWrapper): SQL<boolean>;
export declare function between<L extends SQLWrapper>(left: L, min: Operand<L>, max: Operand<L>): SQL<boolean>;
export declare function notBetween<L extends SQLWrapper>(left: L, min: Operand<L>, max: Operand<L>): SQL<boolean>;
export declare function and(...conditions: (SQLWrapper | undefined)[]): SQL<boolean> | undefined;
export declare function or(...conditions: (SQLWrapper | undefined)[]): SQL<boolean> | undefined;
export declare function not(condition: SQLWrapper): SQL<boolean>;
export declare function arrayContains<L extends SQLWrapper>(left: L, values: Operand<L> | SQLWrapper): SQL<boolean>;
export declare function arrayContained<L extends SQLWrapper>(left: L, values: Operand<L> | SQLWrapper): SQL<boolean>;
export declare function arrayOverlaps<L extends SQLWrapper>(left: L, values: Operand<L> | SQLWrapper): SQL<boolean>;
export declare function asc(column: SQLWrapper): SQL;
export declare function desc(column: SQLWrapper): SQL;
export declare function count(expression?: SQLWrapper): SQL<number>;
export declare function countDistinct(expression: SQLWrapper): SQL<number>;
export declare function sum(expression: SQLWrapper): SQL<string | null>;
export declare function sumDistinct(expression: SQLWrapper): SQL<string | null>;
export declare function avg(expression: SQLWrapper): SQL<string | null>;
export declare function avgDistinct(expression: SQLWrapper): SQL<string | null>;
export declare function min<T extends SQLWrapper>(expression: T): SQL<(T extends TypedColumn<infer C, any> ? ColumnData<C> : string) | null>;
export declare function max<T extends SQLWrapper>(expression: T): SQL<(T extends TypedColumn<infer C, any> ? ColumnData<C> : string) | null>;
export declare function l2Distance(column: SQLWrapper, value: number[] | string | SQLWrapper): SQL<number>;
export declare function l1Distance(column: SQLWrapper, value: number[] | string | SQLWrapper): SQL<number>;
export declare function innerProduct(column: SQLWrapper, value: number[] | string | SQLWrapper): SQL<number>;
export declare function cosineDistance(column: SQLWrapper, value: number[] | string | SQLWrapper): SQL<number>;
export declare function hammingDistance(column: SQLWrapper, value: number[] | string | SQLWrapper): SQL<number>;
export declare function jaccardDistance(column: SQLWrapper, value: number[] | string | SQLWrapper): SQL<number>;

/** The error of a failed query as `@neondatabase/serverless` reports it. */
export declare class NeonDbError extends Error {
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  file?: string;
  line?: string;
  routine?: string;
}
/** drizzle's entity kind symbol (`Symbol.for('drizzle:entityKind')`). */
export declare const entityKind: unique symbol;
/** drizzle's `is(value, Class)`: `instanceof`, or the same entity kind up the class chain. */
export declare function is<T extends abstract new (...args: any) => any>(value: unknown, type: T): value is InstanceType<T>;
/** Base classes of drizzle's entities, for `is()`. */
export declare abstract class Table {
  static readonly [entityKind]: string;
}
export declare abstract class Column {
  static readonly [entityKind]: string;
}
export declare abstract class View {
  static readonly [entityKind]: string;
}
/** drizzle's base error class. */
export declare class DrizzleError extends Error {
  constructor(options?: { message?: string; cause?: unknown });
}
/** drizzle's `tx.rollback()` error (`message: 'Rollback'`). */
export declare class TransactionRollbackError extends DrizzleError {
  constructor();
}
/** `Failed query: <sql>\nparams: <params>`, with the driver's error as `cause`. */
export declare class DrizzleQueryError extends Error {
  query: string;
  params: unknown[];
  cause?: unknown;
}

export type InferSelectModel<T extends PgTable> = T['$inferSelect'];
export type InferInsertModel<T extends PgTable> = T['$inferInsert'];
export declare function getTableName(table: PgTable): string;
export declare function getTableColumns<T extends PgTable>(table: T): T['_']['columns'];
type TableNameOf<T> = T extends PgTable<infer N, any> ? N : never;
type IsTrue<T> = (<X>() => X extends T ? 1 : 2) extends <X>() => X extends true ? 1 : 2 ? true : false;
type NotNullOf<C> = C extends TypedColumn<infer Cfg, any> ? Cfg['notNull'] : never;
/** `one(table, …)`: the related row of `table`. `_` is type information only: `isNullable` is
 * drizzle's flag (true when every `fields` column is not null, so the row is never missing). */
/** A relation of `relations()` (drizzle's Relation): `one(…)` or `many(…)`. */
export declare abstract class Relation<TTableName extends string = string> {
  static readonly [entityKind]: string;
  readonly referencedTableName: TTableName;
  readonly _: { readonly referencedTableName: TTableName };
}
export declare class One<TTableName extends string = string, TIsNullable extends boolean = boolean> extends Relation<TTableName> {
  readonly kind: 'one';
  readonly _: { readonly referencedTableName: TTableName; readonly isNullable: TIsNullable };
}
/** `many(table)`: the related rows of `table`. */
export declare class Many<TTableName extends string = string> extends Relation<TTableName> {
  readonly kind: 'many';
  readonly _: { readonly referencedTableName: TTableName };
}
/** What a `relations()` callback receives. */
export interface RelationHelpers<TTableName extends string> {
  one<TForeign extends PgTable<any, any>, TColumns extends [TypedColumn<any, TTableName>, ...TypedColumn<any, TTableName>[]]>(
    table: TForeign,
    config?: { relationName?: string; fields: TColumns; references: TypedColumn<any, TableNameOf<TForeign>>[] },
  ): One<TableNameOf<TForeign>, IsTrue<NotNullOf<TColumns[number]>>>;
  many<TForeign extends PgTable<any, any>>(table: TForeign, config?: { relationName?: string }): Many<TableNameOf<TForeign>>;
}
/** The relations of one table, as `relations()` returns them (put them in `drizzle`'s `schema`). */
export declare class Relations<TTableName extends string = string, TConfig extends Record<string, Relation> = Record<string, Relation>> {
  static readonly [entityKind]: string;
  readonly table: PgTable<TTableName, any>;
  readonly config: (helpers: RelationHelpers<TTableName>) => TConfig;
}
/** drizzle's `relations(table, ({ one, many }) => ({ … }))`. */
export declare function relations<T extends PgTable<any, any>, R extends Record<string, Relation>>(
  table: T,
  config: (helpers: RelationHelpers<TableNameOf<T>>) => R,
): Relations<TableNameOf<T>, R>;

/**
 * Caps how many statement shapes (rendered SQL per distinct query structure) are cached, JS and
 * wasm together; default 4000. Values never count: they travel apart from the shape.
 */
export declare function setShapeCacheLimit(n: number): void;
/** How many statement shapes are cached now, the cap, and the wasm module's linear memory in
 * bytes (it grows, never shrinks; the allocator reuses it). */
export declare function shapeCacheStats(): { shapes: number; limit: number; wasmBytes: number };

// ---- drizzle-orm's helpers, loggers and utility types (the utility types are drizzle's own
// definitions; edgepg's builders infer with their own smaller types: tests/ts/types-parity)
import type { PgMaterializedView, PgView, alias as pgAlias } from './pg-core.js';
import type { RelationalOperators } from './neon-http.js';
export { ColumnBuilder } from './pg-core.js';
export type { DrizzleConfig } from './neon-http.js';
export type AnyTable = PgTable<string, any>;
export type { AnyColumn } from './pg-core.js';
/** drizzle's `InferModel` (deprecated there): the select model, or the insert model. */
export type InferModel<T extends PgTable, M extends 'select' | 'insert' = 'select'> = M extends 'insert' ? T['$inferInsert'] : T['$inferSelect'];
/** A view's row (drizzle's InferSelectViewModel). */
export type InferSelectViewModel<T> = T extends { readonly _: { readonly row: infer R } } ? R : never;
/** The values of a `pgEnum` (drizzle's InferEnum). */
export type InferEnum<T> = T extends { readonly enumValues: readonly (infer U)[] } ? U : never;
export type ColumnsSelection = Record<string, unknown>;
export interface Query {
  sql: string;
  params: unknown[];
}
export type QueryTypingsValue = 'json' | 'decimal' | 'time' | 'timestamp' | 'uuid' | 'date' | 'none';
export interface QueryWithTypings extends Query {
  typings?: QueryTypingsValue[];
}
export interface DriverValueDecoder<TData, TDriverParam> {
  mapFromDriverValue(value: TDriverParam): TData;
}
export interface DriverValueEncoder<TData, TDriverParam> {
  mapToDriverValue(value: TData): TDriverParam | SQL;
}
export interface DriverValueMapper<TData, TDriverParam> extends DriverValueDecoder<TData, TDriverParam>, DriverValueEncoder<TData, TDriverParam> {}
export declare const noopDecoder: DriverValueDecoder<any, any>;
export declare const noopEncoder: DriverValueEncoder<any, any>;
export declare const noopMapper: DriverValueMapper<any, any>;
/** drizzle's `param(value, encoder?)`: a bound parameter. */
export declare function param<T>(value: T, encoder?: DriverValueEncoder<T, unknown>): SQL<T>;
/** drizzle's `Name`: an identifier chunk. */
export declare class Name {
  static readonly [entityKind]: string;
  readonly value: string;
  constructor(value: string);
  getSQL(): SQL;
}
/** drizzle's `name(value)`: an identifier (`"value"`). */
export declare function name(value: string): Name;
export declare function isSQLWrapper(value: unknown): value is SQLWrapper;
/** drizzle's top-level `placeholder(name)` (`sql.placeholder(name)`). */
export declare function placeholder<TName extends string>(name: TName): Placeholder<TName>;
/** What a relational `where` callback gets (drizzle's Operators). */
export type Operators = RelationalOperators;
/** What a relational `orderBy` callback gets (drizzle's OrderByOperators). */
export type OrderByOperators = { sql: typeof sql; asc: typeof asc; desc: typeof desc };
export declare function isDriverValueEncoder(value: unknown): value is DriverValueEncoder<any, any>;
/** A plain value next to `column` as a parameter it encodes; SQL and columns as they are. */
export declare function bindIfParam(value: unknown, column: SQLWrapper): SQLWrapper;
/** `params` with each placeholder replaced by its value (throws for a missing one). */
export declare function fillPlaceholders(params: unknown[], values: Record<string, unknown>): unknown[];
export declare function haveSameKeys(left: Record<string, unknown>, right: Record<string, unknown>): boolean;
export declare function hasOwnEntityKind(value: unknown): value is { [entityKind]: string };
export declare const textDecoder: { decode(input?: ArrayBufferView | ArrayBuffer): string } | null;
/** What a relational `where` callback gets (drizzle's getOperators()). */
export declare function getOperators(): RelationalOperators;
/** What a relational `orderBy` callback gets (drizzle's getOrderByOperators()). */
export declare function getOrderByOperators(): { sql: typeof sql; asc: typeof asc; desc: typeof desc };
export declare function isTable(table: unknown): table is PgTable<string, any>;
export declare function isView(view: unknown): view is PgView | PgMaterializedView;
export declare function getViewName(view: PgView | PgMaterializedView): string;
export declare function getViewSelectedFields(view: PgView | PgMaterializedView): Record<string, unknown>;
/** `schema.name` of a table (`public` without a schema). */
export declare function getTableUniqueName(table: PgTable<any, any>): string;
/** drizzle's aliasedTable: `alias(table, name)`. */
export declare const aliasedTable: typeof pgAlias;
/** Every runnable builder (drizzle's QueryPromise): awaiting it runs it. */
export declare abstract class QueryPromise<T = unknown> implements PromiseLike<T> {
  static readonly [entityKind]: string;
  then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2>;
  catch<R = never>(onRejected?: (reason: unknown) => R | PromiseLike<R>): Promise<T | R>;
  finally(onFinally?: () => void): Promise<T>;
}
/** `.as(alias)` of a select (drizzle's Subquery), for `is(value, Subquery)`. */
export declare abstract class Subquery<TAlias extends string = string, TRow = unknown> {
  static readonly [entityKind]: string;
  readonly _: { readonly alias: TAlias; readonly row: TRow };
}
/** A `$with(alias).as(query)` CTE (drizzle's WithSubquery). */
export declare abstract class WithSubquery<TAlias extends string = string, TRow = unknown> extends Subquery<TAlias, TRow> {}
export interface Logger {
  logQuery(query: string, params: unknown[]): void;
}
export interface LogWriter {
  write(message: string): void;
}
export declare class ConsoleLogWriter implements LogWriter {
  static readonly [entityKind]: string;
  write(message: string): void;
}
/** `Query: <sql> -- params: [<json>, …]` to its writer (the console). */
export declare class DefaultLogger implements Logger {
  static readonly [entityKind]: string;
  readonly writer: LogWriter;
  constructor(config?: { writer: LogWriter });
  logQuery(query: string, params: unknown[]): void;
}
export declare class NoopLogger implements Logger {
  static readonly [entityKind]: string;
  logQuery(): void;
}
export type Casing = 'snake_case' | 'camelCase';
export type NeonAuthToken = string | (() => string | Promise<string>);
export type OneOrMany<T> = T | T[];
export type ValueOrArray<T> = T | T[];
export type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type Not<T extends boolean> = T extends true ? false : true;
export type IsNever<T> = [T] extends [never] ? true : false;
export type IsUnion<T, U extends T = T> = (T extends any ? (U extends T ? false : true) : never) extends false ? false : true;
export interface DrizzleTypeError<T extends string> {
  $drizzleTypeError: T;
}
export type SingleKeyObject<T, TError extends string, K = keyof T> = IsNever<K> extends true ? never : IsUnion<K> extends true ? DrizzleTypeError<TError> : T;
export type FromSingleKeyObject<T, Result, TError extends string, K = keyof T> = IsNever<K> extends true ? never : IsUnion<K> extends true ? DrizzleTypeError<TError> : Result;
export type SimplifyMappedType<T> = [T] extends [unknown] ? T : never;
export type ShallowRecord<K extends keyof any, T> = SimplifyMappedType<{ [P in K]: T }>;
export type Assume<T, U> = T extends U ? T : U;
export type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
export type Or<T1, T2> = T1 extends true ? true : T2 extends true ? true : false;
export type IfThenElse<If, Then, Else> = If extends true ? Then : Else;
export type PromiseOf<T> = T extends Promise<infer U> ? U : T;
export type Writable<T> = { -readonly [P in keyof T]: T[P] };
export type NonArray<T> = T extends any[] ? never : T;
export type KnownKeysOnly<T, U> = { [K in keyof T]: K extends keyof U ? T[K] : never };
export type ValidateShape<T, ValidShape, TResult = T> = T extends ValidShape
  ? Exclude<keyof T, keyof ValidShape> extends never ? TResult
  : DrizzleTypeError<`Invalid key(s): ${Exclude<(keyof T) & (string | number | bigint | boolean | null | undefined), keyof ValidShape>}`>
  : never;
export type IsAny<T> = 0 extends (1 & T) ? true : false;
export type IfNotImported<T, Y, N> = unknown extends T ? Y : N;
export type ImportTypeError<TPackageName extends string> = `Please install \`${TPackageName}\` to allow Drizzle ORM to connect to the database`;
export type RequireAtLeastOne<T, Keys extends keyof T = keyof T> = Keys extends any ? Required<Pick<T, Keys>> & Partial<Omit<T, Keys>> : never;
export type ExtractObjectValues<T> = T[keyof T];
export type NonUndefinedKeysOnly<T> = ExtractObjectValues<{ [K in keyof T as T[K] extends undefined ? never : K]: K }> & keyof T;
export type ReturnTypeOrValue<T> = T extends (...args: any[]) => infer R ? R : T;
