// pg-core: tables, columns, enums, schemas, aliases (drizzle-orm/pg-core's names).
import { kind, toNode, callWasm, wasm, SQL, sql, renderDesc, withCasing, entity, Table, Column, View } from './core.js';
import { Subquery, QueryBuilder } from './builders.js';
import { columnDecoder } from './rows.js';
export { QueryBuilder, PgDatabase, PgTransaction } from './builders.js';

export { union, unionAll, intersect, intersectAll, except, exceptAll } from './builders.js';

function columnEncoder(c) {
  if (c.type === 'custom' && c.cfg.toDriver) return c.cfg.toDriver;
  return undefined;
}

// ---------------------------------------------------------------- column builders

/** A column builder (drizzle's ColumnBuilder): what `integer()`, `text()`, … return. */
export const ColumnBuilder = /* @__PURE__ */ entity('ColumnBuilder', class ColumnBuilder {
  constructor(type, name, cfg = {}) {
    this.config = { type, name, cfg, array: [], notNull: false, primary: false, unique: null, default: undefined,
      defaultNow: false, defaultRandom: false, defaultFn: undefined, onUpdateFn: undefined, generated: undefined,
      identity: undefined, references: undefined };
  }
  notNull() {
    this.config.notNull = true;
    return this;
  }
  primaryKey() {
    this.config.primary = true;
    this.config.notNull = true;
    return this;
  }
  unique(name, config) {
    this.config.unique = { name: name ?? null, nnd: config?.nulls === 'not distinct', nulls: config?.nulls };
    return this;
  }
  default(v) {
    this.config.default = v;
    return this;
  }
  defaultNow() {
    this.config.defaultNow = true;
    return this;
  }
  defaultRandom() {
    this.config.defaultRandom = true;
    return this;
  }
  $defaultFn(f) {
    this.config.defaultFn = f;
    return this;
  }
  $default(f) {
    return this.$defaultFn(f);
  }
  $onUpdateFn(f) {
    this.config.onUpdateFn = f;
    return this;
  }
  $onUpdate(f) {
    return this.$onUpdateFn(f);
  }
  $type() {
    return this;
  }
  references(ref, actions = {}) {
    this.config.references = { ref, actions };
    return this;
  }
  generatedAlwaysAs(expr) {
    this.config.generated = typeof expr === 'function' ? expr : () => expr;
    return this;
  }
  generatedAlwaysAsIdentity(options) {
    this.config.identityOptions = options;
    this.config.identity = 'always';
    this.config.notNull = true;
    return this;
  }
  generatedByDefaultAsIdentity(options) {
    this.config.identityOptions = options;
    this.config.identity = 'byDefault';
    this.config.notNull = true;
    return this;
  }
  array(size) {
    this.config.array.push(size ?? null);
    return this;
  }
});

const ctor = (type, defaults = {}) => (a, b) => {
  const [name, cfg] = typeof a === 'string' ? [a, b] : ['', a];
  return new ColumnBuilder(type, name, { ...defaults, ...(cfg ?? {}) });
};
export const integer = ctor('integer');
export const smallint = ctor('smallint');
export const bigint = ctor('bigint');
export const serial = ctor('serial');
export const smallserial = ctor('smallserial');
export const bigserial = ctor('bigserial');
export const numeric = ctor('numeric');
export const decimal = ctor('decimal');
export const real = ctor('real');
export const doublePrecision = ctor('doublePrecision');
export const boolean = ctor('boolean');
export const text = ctor('text');
export const varchar = ctor('varchar');
export const char = ctor('char');
export const uuid = ctor('uuid');
export const json = ctor('json');
export const jsonb = ctor('jsonb');
export const timestamp = ctor('timestamp', { mode: 'date' });
export const date = ctor('date', { mode: 'string' });
export const time = ctor('time');
export const interval = ctor('interval');
export const inet = ctor('inet');
export const cidr = ctor('cidr');
export const macaddr = ctor('macaddr');
export const macaddr8 = ctor('macaddr8');
export const point = ctor('point', { mode: 'tuple' });
export const line = ctor('line', { mode: 'tuple' });
export const vector = ctor('vector');
export const halfvec = ctor('halfvec');
export const sparsevec = ctor('sparsevec');
export const bit = ctor('bit');

export function customType(def) {
  return (a, b) => {
    const [name, cfg] = typeof a === 'string' ? [a, b] : ['', a];
    return new ColumnBuilder('custom', name, {
      dataType: def.dataType(cfg),
      toDriver: def.toDriver,
      fromDriver: def.fromDriver,
    });
  };
}

function makeEnum(enumName, values, schema) {
  const f = (name) => new ColumnBuilder('enum', name ?? '', { enumName, values, enumSchema: schema });
  f.enumName = enumName;
  f.enumValues = values;
  f.schema = schema;
  f[kind] = 'enum';
  return f;
}
export const pgEnum = (name, values) => makeEnum(name, values, undefined);

// ---------------------------------------------------------------- tables

/** A table of pg-core (drizzle's PgTable): its columns are its own properties. */
export const PgTable = /* @__PURE__ */ entity('PgTable', class PgTable extends Table {});

/** A column of a pg-core table (drizzle's PgColumn). */
export const PgColumn = /* @__PURE__ */ entity('PgColumn', class PgColumn extends Column {
  constructor(table, key, config) {
    super();
    this.table = table;
    this.key = key;
    this.name = config.name || key;
    this.keyAsName = !config.name;
    this.config = config;
    this.primary = config.primary;
    this._index = Object.keys(table[Columns]).length;
    this._ref = [table._id, key];
    this._node = `{"c":${JSON.stringify(this._ref)}}`;
    this._driver = columnEncoder(config);
  }
  get [kind]() {
    return 'column';
  }
  /** The column's decoder, from its `read` fact (made on first use, then kept). */
  get _decode() {
    const decode = columnDecoder(this.config, this._info().read);
    Object.defineProperty(this, '_decode', { value: decode });
    return decode;
  }
  mapFromDriverValue(v) {
    return this._decode(v);
  }
  /** The column as SQL (drizzle's Column is an SQL wrapper). */
  getSQL() {
    return new SQL([this]);
  }
  /** A value as drizzle's column class maps it for the driver (`mapToDriverValue`): json as its
   * text, a Date as ISO text, arrays as PostgreSQL's array text, a custom type's `toDriver`. */
  mapToDriverValue(v) {
    const depth = this.config.array.length;
    const write = this._info().write;
    return depth ? arrayDriverValue(write, this.config.cfg, v, depth, false) : driverValue(write, this.config.cfg, v);
  }
  /** drizzle's column metadata, as the Rust schema computes it (asked once per table). */
  _info() {
    const t = this.table;
    t._columnsInfo ??= JSON.parse(callWasm(() => wasm.tableColumns(t._id)));
    return t._columnsInfo[this._index];
  }
  getSQLType() {
    return this._info().sqlType;
  }
  get columnType() {
    return this._info().columnType;
  }
  get notNull() {
    return this._info().notNull;
  }
  get hasDefault() {
    return this._info().hasDefault;
  }
  get isUnique() {
    return !!this.config.unique;
  }
  get uniqueName() {
    return this.config.unique?.name ?? `${this.table[TableName]}_${this.name}_unique`;
  }
  get uniqueType() {
    return this.config.unique?.nulls;
  }
  get default() {
    const c = this.config;
    return c.defaultNow ? sql`now()` : c.defaultRandom ? sql`gen_random_uuid()` : c.default;
  }
  get defaultFn() {
    return this.config.defaultFn;
  }
  get onUpdateFn() {
    return this.config.onUpdateFn;
  }
  get generated() {
    const g = this.config.generated;
    return g ? { as: g(), type: 'always', mode: 'stored' } : undefined;
  }
  get generatedIdentity() {
    const i = this.config.identity;
    return i ? { type: i, sequenceOptions: this.config.identityOptions } : undefined;
  }
});

function describeColumn(key, c) {
  const d = { key, name: c.name || key, type: c.type, cfg: {}, array: c.array };
  if (!c.name) d.keyAsName = true; // drizzle's keyAsName: a `casing` applies to its name
  for (const k of ['mode', 'length', 'precision', 'scale', 'withTimezone', 'fields', 'dimensions', 'dataType', 'enumName', 'values', 'enumSchema']) {
    if (c.cfg[k] !== undefined && typeof c.cfg[k] !== 'function') d.cfg[k] = c.cfg[k];
  }
  if (c.type === 'text' || c.type === 'varchar' || c.type === 'char') {
    if (c.cfg.enum) d.cfg.enumValues = c.cfg.enum;
    if (c.cfg.mode === 'tuple' || c.type === 'text') delete d.cfg.mode;
  }
  if (c.type === 'point' || c.type === 'line') {
    if (c.cfg.mode === 'tuple') delete d.cfg.mode;
  }
  if (c.notNull) d.notNull = true;
  if (c.primary) d.primary = true;
  if (c.unique) d.unique = c.unique;
  if (c.defaultNow) d.defaultNow = true;
  if (c.defaultRandom) d.defaultRandom = true;
  if (c.defaultFn || c.onUpdateFn) d.hasDefaultFn = true;
  if (c.default !== undefined) d.default = JSON.parse(toNode(c.default));
  if (c.generated) d.generated = JSON.parse(toNode(c.generated()));
  if (c.identity) d.identity = c.identity;
  return d;
}

const TableName = Symbol.for('edgepg:TableName');
const Columns = Symbol.for('edgepg:Columns');

function buildTable(name, schema, columns, extra, id) {
  const table = Object.assign(new PgTable(), { [TableName]: name, _name: name, _schema: schema, _id: id, [Columns]: {} });
  Object.defineProperty(table, kind, { value: 'table' });
  for (const [key, builder] of Object.entries(columns)) {
    const col = new PgColumn(table, key, builder.config ?? builder);
    table[Columns][key] = col;
    table[key] = col;
  }
  table._extra = extra;
  // drizzle's Table is an SQL wrapper: its name
  Object.defineProperty(table, 'getSQL', { value: () => new SQL([table]) });
  // drizzle: `.enableRLS()` marks the table (getTableConfig(table).enableRLS) and returns it
  table.enableRLS = () => {
    table._enableRLS = true;
    return table;
  };
  return table;
}

function pgTableIn(schema) {
  return (name, columns, extra) => {
    const cols = typeof columns === 'function' ? columns(columnHelpers) : columns;
    const desc = { name, schema: schema ?? null, columns: Object.entries(cols).map(([k, b]) => describeColumn(k, b.config)) };
    const id = callWasm(() => wasm.defineTable(JSON.stringify(desc)));
    const table = buildTable(name, schema, cols, extra, id);
    table._base = table;
    return table;
  };
}
/** drizzle's `pgTable(name, columns, extras?)`; `pgTable.withRLS(…)` is `pgTable(…).enableRLS()`. */
export const pgTable = /* @__PURE__ */ withRLS(pgTableIn(undefined));
function withRLS(create) {
  create.withRLS = (name, columns, extra) => create(name, columns, extra).enableRLS();
  return create;
}

const columnHelpers = { integer, smallint, bigint, serial, smallserial, bigserial, numeric, decimal, real, doublePrecision,
  boolean, text, varchar, char, uuid, json, jsonb, timestamp, date, time, interval, inet, cidr, macaddr, macaddr8, point,
  line, vector, halfvec, sparsevec, bit };

// ---------------------------------------------------------------- views

/** drizzle's PgView: selected from and joined like a table; interpolated in `sql` as its name. */
export const PgView = /* @__PURE__ */ entity('PgView', class PgView extends View {});
/** drizzle's PgMaterializedView (`db.refreshMaterializedView(view)` refreshes it). */
export const PgMaterializedView = /* @__PURE__ */ entity('PgMaterializedView', class PgMaterializedView extends View {});
// A view defined by a query is read like a CTE (by name, fields as the query selects them), so it
// is a Subquery whose class is the view's: Subquery's methods are mixed into the view classes
// (when the first view is declared: no work, and nothing kept by bundlers, for apps without).
let viewsMixed = false;
function mixViews() {
  if (viewsMixed) return;
  viewsMixed = true;
  for (const cls of [PgView, PgMaterializedView]) {
    for (const k of Reflect.ownKeys(Subquery.prototype)) {
      if (k !== 'constructor') Object.defineProperty(cls.prototype, k, Object.getOwnPropertyDescriptor(Subquery.prototype, k));
    }
  }
}
const ViewConfig = Symbol.for('edgepg:ViewConfig');

function viewBuilder(name, columns, schema, materialized) {
  mixViews();
  const pgConfig = {};
  const cls = materialized ? PgMaterializedView : PgView;
  // getViewConfig's keys as drizzle's PgView / PgMaterializedView constructors set them (a view
  // declared with columns, `.existing()`, has no pg config)
  const finish = (view, { selectedFields, query, isExisting }, manual) => {
    Object.setPrototypeOf(view, cls.prototype);
    const c = pgConfig;
    const pg = materialized ? { with: c.with, using: c.using, tablespace: c.tablespace, withNoData: c.withNoData }
      : manual && isExisting ? {} : { with: c.with };
    view[ViewConfig] = { base: { name, originalName: name, schema, selectedFields, query, isExisting, isAlias: false }, pg };
    return view;
  };
  // A view declared with its columns: a table of that name gives the columns' types; it is read
  // by name like any view (its columns qualified by the view's name, not its schema).
  const columnsView = (query) => {
    const t = pgTableIn(schema)(name, columns);
    const view = new Subquery(new QueryBuilder().select().from(t), name, true);
    view._schema = schema;
    return finish(view, { selectedFields: { ...t[Columns] }, query, isExisting: query === undefined }, true);
  };
  const b = {
    with(config) {
      pgConfig.with = config;
      return b;
    },
    as(q) {
      if (columns) return columnsView(q.inlineParams());
      const select = typeof q === 'function' ? q(new QueryBuilder()) : q;
      const view = new Subquery(select, name, true);
      view._schema = schema;
      return finish(view, { selectedFields: view._fields, query: select.getSQL().inlineParams(), isExisting: false }, false);
    },
  };
  if (columns) b.existing = () => columnsView(undefined);
  if (materialized) {
    b.using = (using) => ((pgConfig.using = using), b);
    b.tablespace = (tablespace) => ((pgConfig.tablespace = tablespace), b);
    b.withNoData = () => ((pgConfig.withNoData = true), b);
  }
  return b;
}

/** drizzle's `pgView(name).as(qb => …)`, `pgView(name, columns).existing()` / `.as(sql)`. */
export const pgView = (name, columns) => viewBuilder(name, columns, undefined, false);
/** drizzle's `pgMaterializedView(…)`, with `.using()`, `.with()`, `.tablespace()`, `.withNoData()`. */
export const pgMaterializedView = (name, columns) => viewBuilder(name, columns, undefined, true);

/** drizzle's getViewConfig: name, originalName, schema, selectedFields, query, isExisting, isAlias, with. */
export function getViewConfig(view) {
  return { ...view[ViewConfig].base, ...view[ViewConfig].pg };
}
/** drizzle's getMaterializedViewConfig: getViewConfig's keys plus using, tablespace, withNoData. */
export const getMaterializedViewConfig = getViewConfig;

// ---------------------------------------------------------------- sequences, roles, policies

/** An entity interpolated in `sql` as its quoted, schema-qualified name. Deliberate difference:
 * drizzle 0.45 sends sequences and roles as a parameter holding the object, which PostgreSQL
 * cannot use. */
function namedEntity(obj, name, schema) {
  const node = schema ? `{"s":[{"id":${JSON.stringify(schema)}},".",{"id":${JSON.stringify(name)}}]}` : `{"id":${JSON.stringify(name)}}`;
  Object.defineProperties(obj, {
    [kind]: { value: 'sql' },
    _node: { value: () => node },
    getSQL: { value: () => new SQL([obj]) },
  });
  return obj;
}

/** drizzle's PgSequence (`pgSequence(name, options)`, `schema.sequence(…)`): for migrations; in
 * `sql` its name. */
export const PgSequence = /* @__PURE__ */ entity('PgSequence', class PgSequence {
  constructor(seqName, seqOptions, schema) {
    this.seqName = seqName;
    this.seqOptions = seqOptions;
    this.schema = schema;
    namedEntity(this, seqName, schema);
  }
});
export const pgSequence = (name, options) => new PgSequence(name, options, undefined);
export const isPgSequence = (obj) => obj instanceof PgSequence;

/** drizzle's PgRole (`pgRole(name, { createDb, createRole, inherit })`, `.existing()`). */
export const PgRole = /* @__PURE__ */ entity('PgRole', class PgRole {
  constructor(name, config) {
    this.name = name;
    if (config) {
      this.createDb = config.createDb;
      this.createRole = config.createRole;
      this.inherit = config.inherit;
    }
    namedEntity(this, name, undefined);
  }
  existing() {
    this._existing = true;
    return this;
  }
});
export const pgRole = (name, config) => new PgRole(name, config);

/** drizzle's PgPolicy (`pgPolicy(name, { as, for, to, using, withCheck })`, `.link(table)`): in a
 * table's extras it lands in `getTableConfig(table).policies`. */
export const PgPolicy = /* @__PURE__ */ entity('PgPolicy', class PgPolicy {
  constructor(name, config) {
    this.name = name;
    if (config) {
      this.as = config.as;
      this.for = config.for;
      this.to = config.to;
      this.using = config.using;
      this.withCheck = config.withCheck;
    }
  }
  link(table) {
    this._linkedTable = table;
    return this;
  }
});
export const pgPolicy = (name, config) => new PgPolicy(name, config);

/** drizzle's `pgSchema(name)`. Interpolated in `sql`, it renders as its quoted name, as drizzle's
 * (an SQL wrapper whose SQL is `sql.identifier(name)`, without parentheses). */
export const PgSchema = /* @__PURE__ */ entity('PgSchema', class PgSchema {
  constructor(schemaName) {
    this.schemaName = schemaName;
  }
});
/** drizzle's isPgSchema. */
export const isPgSchema = (obj) => obj instanceof PgSchema;

export function pgSchema(schemaName) {
  return Object.assign(new PgSchema(schemaName), {
    table: pgTableIn(schemaName),
    enum: (name, values) => makeEnum(name, values, schemaName),
    view: (name, columns) => viewBuilder(name, columns, schemaName, false),
    sequence: (name, options) => new PgSequence(name, options, schemaName),
    materializedView: (name, columns) => viewBuilder(name, columns, schemaName, true),
    get [kind]() {
      return 'sql';
    },
    _node: () => `{"id":${JSON.stringify(schemaName)}}`,
    getSQL() {
      return sql.identifier(schemaName);
    },
    shouldOmitSQLParens: () => true,
  });
}

/** drizzle's `pgTableCreator`: the SQL name is customized; the JS name (drizzle's BaseName) keys
 * the table in joined selections. */
export function pgTableCreator(customize) {
  return (name, columns, extra) => {
    const t = pgTable(customize(name), columns, extra);
    t._baseName = name;
    return t;
  };
}

export function alias(table, aliasName) {
  const id = callWasm(() => wasm.aliasTable(table._id, aliasName));
  const cols = Object.fromEntries(Object.entries(table[Columns]).map(([k, c]) => [k, { config: c.config }]));
  const t = buildTable(aliasName, table._schema, cols, undefined, id);
  t._base = table._base;
  t._alias = aliasName;
  return t;
}

export function getTableName(table) {
  return table[TableName];
}
export function getTableColumns(table) {
  return { ...table[Columns] };
}
export { TableName, Columns, SQL };

/** drizzle's `PgDialect`: `sqlToQuery(sql)` renders a bare fragment. */
export class PgDialect {
  constructor(config) {
    this.casing = config?.casing;
  }
  sqlToQuery(fragment) {
    if (fragment._standalone) return renderDesc((cx) => withCasing(fragment._standaloneDesc(cx), this.casing));
    return renderDesc((cx) => withCasing(`{"k":"sql","s":[${fragment._node(cx)}]}`, this.casing));
  }
}

export { index, uniqueIndex, primaryKey, foreignKey, unique, check, getTableConfig, uniqueKeyName } from './pg-extras.js';

/** drizzle's PgArray.mapToDriverValue: each element by the base column, nested arrays kept,
 * the outermost as PostgreSQL's array text. */
function arrayDriverValue(write, cfg, v, depth, nested) {
  const a = v.map((x) => (x === null ? null : depth > 1 ? arrayDriverValue(write, cfg, x, depth - 1, true) : driverValue(write, cfg, x)));
  return nested ? a : makePgArray(a);
}

/** The mapToDriverValue of drizzle's class for a column's base type, by its `write` fact (the
 * crate's `ColumnType::facts`, sent by wasm's `tableColumns`); an unknown tag is an error. */
function driverValue(write, cfg, v) {
  switch (write) {
    case 'asIs':
    case 'int':
    case 'bigint':
      return v;
    case 'digits':
      return String(v);
    case 'json':
    case 'vector':
      return JSON.stringify(v);
    case 'iso':
      return v.toISOString();
    case 'pointTuple':
      return `(${v[0]},${v[1]})`;
    case 'pointObject':
      return `(${v.x},${v.y})`;
    case 'lineTuple':
      return `{${v[0]},${v[1]},${v[2]}}`;
    case 'lineObject':
      return `{${v.a},${v.b},${v.c}}`;
    case 'custom':
      return cfg.toDriver ? cfg.toDriver(v) : v;
    default:
      throw new Error(`edgepg: no column encoder "${write}" (the facade and its wasm module disagree)`);
  }
}

// ---------------------------------------------------------------- drizzle's helpers

/** drizzle's isTable. */
export const isTable = (x) => x?.[kind] === 'table';
/** drizzle's isView: a view of pg-core. */
export const isView = (x) => !!x && typeof x === 'object' && ViewConfig in x;
/** drizzle's isPgView / isPgMaterializedView. */
export const isPgView = (x) => x instanceof PgView;
export const isPgMaterializedView = (x) => x instanceof PgMaterializedView;
/** drizzle's getViewName. */
export const getViewName = (view) => view[ViewConfig].base.name;
/** drizzle's getViewSelectedFields. */
export const getViewSelectedFields = (view) => view[ViewConfig].base.selectedFields;
/** drizzle's isPgEnum: a `pgEnum(…)`. */
export const isPgEnum = (x) => typeof x === 'function' && x[kind] === 'enum';
/** drizzle's getTableUniqueName: `schema.name` (`public` without a schema). */
export const getTableUniqueName = (table) => `${table._schema ?? 'public'}.${table[TableName]}`;
/** drizzle's aliasedTable: `alias(table, name)`. */
export const aliasedTable = (table, aliasName) => alias(table, aliasName);
export { usedTables as extractUsedTable } from './builders.js';

/** drizzle's parsePgArray, parsePgNestedArray and makePgArray: PostgreSQL's array text. */
function parsePgArrayValue(text, startFrom, inQuotes) {
  for (let i = startFrom; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '"') return [text.slice(startFrom, i).replace(/\\/g, ''), i + 1];
    if (inQuotes) continue;
    if (char === ',' || char === '}') return [text.slice(startFrom, i).replace(/\\/g, ''), i];
  }
  return [text.slice(startFrom).replace(/\\/g, ''), text.length];
}
export function parsePgNestedArray(text, startFrom = 0) {
  const result = [];
  let i = startFrom;
  let lastCharIsComma = false;
  while (i < text.length) {
    const char = text[i];
    if (char === ',') {
      if (lastCharIsComma || i === startFrom) result.push('');
      lastCharIsComma = true;
      i++;
      continue;
    }
    lastCharIsComma = false;
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '"') {
      const [value, next] = parsePgArrayValue(text, i + 1, true);
      result.push(value);
      i = next;
      continue;
    }
    if (char === '}') return [result, i + 1];
    if (char === '{') {
      const [value, next] = parsePgNestedArray(text, i + 1);
      result.push(value);
      i = next;
      continue;
    }
    const [value, next] = parsePgArrayValue(text, i, false);
    result.push(value);
    i = next;
  }
  return [result, i];
}
export const parsePgArray = (text) => parsePgNestedArray(text, 1)[0];
export function makePgArray(array) {
  return `{${array.map((item) => {
    if (Array.isArray(item)) return makePgArray(item);
    if (typeof item === 'string') return `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    return `${item}`;
  }).join(',')}}`;
}

/**
 * drizzle's `withReplicas(primary, replicas, getReplica?)`: one database whose reads (`select`,
 * `selectDistinct`, `selectDistinctOn`, `$count`, `with`, `$with`, `query`) go to a replica
 * (`getReplica`, random by default) and everything else to the primary; `$primary`, `$replicas`.
 */
export function withReplicas(primary, replicas, getReplica = () => replicas[Math.floor(Math.random() * replicas.length)]) {
  const read = (k) => (...args) => getReplica(replicas)[k](...args);
  const write = (k) => (...args) => primary[k](...args);
  const db = Object.create(primary);
  Object.assign(db, {
    update: write('update'), insert: write('insert'), delete: write('delete'), execute: write('execute'),
    transaction: write('transaction'), refreshMaterializedView: write('refreshMaterializedView'),
    $primary: primary, $replicas: replicas,
    select: read('select'), selectDistinct: read('selectDistinct'), selectDistinctOn: read('selectDistinctOn'),
    $count: read('$count'), $with: read('$with'), with: read('with'),
  });
  Object.defineProperty(db, 'query', { get: () => getReplica(replicas).query });
  return db;
}
