// drizzle-kit 0.31's schema snapshot (meta/NNNN_snapshot.json, version 7, PostgreSQL) of an
// edgepg schema: drizzle-kit's `generatePgSnapshot` over edgepg's `getTableConfig`, for
// migration generation (the SQL from two snapshots is edgepg::kit in Rust, run by
// `npx edgepg generate`). tests/ts/kit.test.mjs checks every step of
// tests/kit/expected/ (written by drizzle-kit itself).
import { kind, SQL } from './core.js';
import { getTableConfig } from './pg-core.js';
import { Raw } from './builders.js';

/** An SQL fragment as drizzle's `dialect.sqlToQuery(sql).sql` writes it. */
const render = (s) => new Raw(undefined, s).toSQL().sql;

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

function arrayString(values, sqlType) {
  sqlType = sqlType.split('[')[0];
  const items = values.map((v) => {
    if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) return arrayString(v, sqlType);
    if (v instanceof Date) {
      if (sqlType === 'date') return `"${v.toISOString().split('T')[0]}"`;
      if (sqlType === 'timestamp') return `"${v.toISOString().replace('T', ' ').slice(0, 23)}"`;
      return `"${v.toISOString()}"`;
    }
    if (typeof v === 'object') return `"${JSON.stringify(v).replaceAll('"', '\\"')}"`;
    return `"${v}"`;
  });
  return `{${items.join(',')}}`;
}

/** A column default as drizzle-kit writes it into the snapshot (SQL text, or a JSON literal). */
function defaultOf(column, sqlType) {
  const d = column.default;
  if (d === undefined) return undefined;
  if (d instanceof SQL) return render(d);
  if (typeof d === 'string') return quote(d);
  if (sqlType === 'jsonb' || sqlType === 'json') return `'${JSON.stringify(d)}'::${sqlType}`;
  if (d instanceof Date) {
    if (sqlType === 'date') return `'${d.toISOString().split('T')[0]}'`;
    if (sqlType === 'timestamp') return `'${d.toISOString().replace('T', ' ').slice(0, 23)}'`;
    return `'${d.toISOString()}'`;
  }
  if (/\[\d*\]$/.test(sqlType) && Array.isArray(d)) return `'${arrayString(d, sqlType)}'`;
  return d;
}

const str = (v) => (v === undefined ? undefined : String(v));
const maxRange = (t) => (t === 'integer' ? '2147483647' : t === 'bigint' ? '9223372036854775807' : '32767');
const minRange = (t) => (t === 'integer' ? '-2147483648' : t === 'bigint' ? '-9223372036854775808' : '-32768');

function columnOf(column, tableName, schema) {
  const sqlType = column.getSQLType();
  const lowered = sqlType.toLowerCase();
  const cfg = column.config;
  const typeSchema = cfg?.type === 'enum' ? (cfg.cfg?.enumSchema ?? 'public') : undefined;
  const out = { name: column.name, type: sqlType, typeSchema, primaryKey: column.primary, notNull: column.notNull };
  if (out.typeSchema === undefined) delete out.typeSchema;
  const generated = column.generated;
  if (generated) out.generated = { as: generated.as instanceof SQL ? render(generated.as) : String(generated.as), type: 'stored' };
  const identity = column.generatedIdentity;
  if (identity) {
    const o = identity.sequenceOptions ?? {};
    const increment = str(o.increment) ?? '1';
    const minValue = str(o.minValue) ?? (parseFloat(increment) < 0 ? minRange(sqlType) : '1');
    const maxValue = str(o.maxValue) ?? (parseFloat(increment) < 0 ? '-1' : maxRange(sqlType));
    out.identity = {
      type: identity.type,
      name: identity.sequenceName ?? o.name ?? `${tableName}_${column.name}_seq`,
      schema: schema ?? 'public',
      increment,
      startWith: str(o.startWith) ?? (parseFloat(increment) < 0 ? maxValue : minValue),
      minValue,
      maxValue,
      cache: str(o.cache) ?? '1',
      cycle: o.cycle ?? false,
    };
  }
  const d = defaultOf(column, lowered);
  if (d !== undefined) out.default = d;
  return out;
}

function tableOf(table, indexesInSchema) {
  const { name, columns, indexes, foreignKeys, checks, schema, primaryKeys, uniqueConstraints, enableRLS } = getTableConfig(table);
  const out = { name, schema: schema ?? '', columns: {}, indexes: {}, foreignKeys: {}, compositePrimaryKeys: {}, uniqueConstraints: {}, policies: {}, checkConstraints: {}, isRLSEnabled: enableRLS };
  for (const c of columns) {
    out.columns[c.name] = columnOf(c, name, schema);
    if (c.isUnique) out.uniqueConstraints[c.uniqueName] = { name: c.uniqueName, nullsNotDistinct: c.uniqueType === 'not distinct', columns: [c.name] };
  }
  for (const pk of primaryKeys) {
    const n = pk.getName();
    out.compositePrimaryKeys[n] = { name: n, columns: pk.columns.map((c) => c.name) };
  }
  for (const u of uniqueConstraints) {
    const columnNames = u.columns.map((c) => c.name);
    const n = u.name ?? `${name}_${columnNames.join('_')}_unique`;
    out.uniqueConstraints[n] = { name: u.name, nullsNotDistinct: u.nullsNotDistinct, columns: columnNames };
  }
  for (const fk of foreignKeys) {
    const ref = fk.reference();
    const to = getTableConfig(ref.foreignTable);
    const n = fk.getName();
    out.foreignKeys[n] = {
      name: n, tableFrom: name, tableTo: to.name, schemaTo: to.schema, columnsFrom: ref.columns.map((c) => c.name),
      columnsTo: ref.foreignColumns.map((c) => c.name), onDelete: fk.onDelete, onUpdate: fk.onUpdate,
    };
  }
  for (const index of indexes) {
    const cfg = index.config;
    const names = cfg.columns.map((c) => (c instanceof SQL ? undefined : c.name));
    const n = cfg.name ?? `${name}_${names.join('_')}_index`;
    const key = schema ?? 'public';
    if (indexesInSchema[key]?.includes(n)) throw new Error(`edgepg: two indexes named ${n} in schema ${key}`);
    (indexesInSchema[key] ??= []).push(n);
    out.indexes[n] = {
      name: n,
      columns: cfg.columns.map((c) => (c instanceof SQL
        ? { expression: render(c), asc: true, isExpression: true, nulls: 'last' }
        : { expression: c.name, isExpression: false, asc: c.indexConfig?.order === 'asc', nulls: c.indexConfig?.nulls ? c.indexConfig.nulls : c.indexConfig?.order === 'desc' ? 'first' : 'last', opclass: c.indexConfig?.opClass })),
      isUnique: cfg.unique ?? false,
      where: cfg.where ? render(cfg.where) : undefined,
      concurrently: cfg.concurrently ?? false,
      method: cfg.method ?? 'btree',
      with: cfg.with ?? {},
    };
  }
  for (const c of checks) out.checkConstraints[c.name] = { name: c.name, value: render(c.value) };
  return out;
}

/**
 * The drizzle-kit snapshot of a schema module's exports (tables, enums, `pgSchema`s), without
 * `id`/`prevId` (drizzle-kit's random ids). Keys drizzle-kit leaves `undefined` are absent, as
 * in its JSON files.
 */
export function snapshot(exports) {
  const tables = {};
  const enums = {};
  const schemas = {};
  const indexesInSchema = {};
  for (const v of Object.values(exports)) {
    if (v?.[kind] === 'table') {
      const t = tableOf(v, indexesInSchema);
      tables[`${t.schema || 'public'}.${t.name}`] = t;
    } else if (v?.[kind] === 'enum') {
      const schema = v.schema ?? 'public';
      enums[`${schema}.${v.enumName}`] = { name: v.enumName, schema, values: [...v.enumValues] };
    } else if (v?.[kind] === 'schema' || (typeof v?.schemaName === 'string' && typeof v.table === 'function')) {
      schemas[v.schemaName] = v.schemaName;
    }
  }
  return JSON.parse(JSON.stringify({
    version: '7', dialect: 'postgresql', tables, enums, schemas, sequences: {}, roles: {}, policies: {}, views: {},
    _meta: { columns: {}, schemas: {}, tables: {} },
  }));
}
