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

export interface Placeholder<TName extends string = string> {
  readonly name: TName;
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
export interface One<TTableName extends string = string, TIsNullable extends boolean = boolean> {
  readonly kind: 'one';
  readonly _: { readonly referencedTableName: TTableName; readonly isNullable: TIsNullable };
}
/** `many(table)`: the related rows of `table`. */
export interface Many<TTableName extends string = string> {
  readonly kind: 'many';
  readonly _: { readonly referencedTableName: TTableName };
}
export type Relation = One | Many;
/** What a `relations()` callback receives. */
export interface RelationHelpers<TTableName extends string> {
  one<TForeign extends PgTable<any, any>, TColumns extends [TypedColumn<any, TTableName>, ...TypedColumn<any, TTableName>[]]>(
    table: TForeign,
    config?: { relationName?: string; fields: TColumns; references: TypedColumn<any, TableNameOf<TForeign>>[] },
  ): One<TableNameOf<TForeign>, IsTrue<NotNullOf<TColumns[number]>>>;
  many<TForeign extends PgTable<any, any>>(table: TForeign, config?: { relationName?: string }): Many<TableNameOf<TForeign>>;
}
/** The relations of one table, as `relations()` returns them (put them in `drizzle`'s `schema`). */
export interface Relations<TTableName extends string = string, TConfig extends Record<string, Relation> = Record<string, Relation>> {
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
