// drizzle 0.45's relational queries: `relations()` in the schema given to `drizzle()`, then
// `db.query.<table>.findMany(config)` / `findFirst(config)`. The statement is planned and
// rendered in wasm (src/relational, bindings/core/src/describe/relational.rs: drizzle's lateral json_agg
// query); this file registers the schema, describes configs (evaluating drizzle's callbacks
// with each level's aliased columns), and maps the rows: nested relations arrive as JSON.
import {
  kind, toNode, str, sql, NO_CX, callWasm, wasm, DrizzleError, entity,
  and, between, eq, exists, gt, gte, ilike, inArray, isNull, isNotNull, like, lt, lte, ne, not, notBetween, notExists,
  notIlike, notInArray, notLike, or, asc, desc,
} from './core.js';
import { Builder, limitNode } from './builders.js';
import { alias } from './pg-core.js';
import { textParser, parseJsonExact, jsonNumbers, jsonNumberTexts, nestedTextForm, afterParse, isJsonDecoder } from './rows.js';

const Columns = Symbol.for('edgepg:Columns');
const OPERATORS = { and, between, eq, exists, gt, gte, ilike, inArray, isNull, isNotNull, like, lt, lte, ne, not,
  notBetween, notExists, notIlike, notInArray, notLike, or, sql };
const ORDER_OPERATORS = { sql, asc, desc };

/** drizzle's getOperators(): what a relational `where` callback gets. */
export const getOperators = () => OPERATORS;
/** drizzle's getOrderByOperators(): what a relational `orderBy` callback gets. */
export const getOrderByOperators = () => ORDER_OPERATORS;

/** A relation of `relations()` (drizzle's Relation): `one(…)` or `many(…)`. */
export const Relation = /* @__PURE__ */ entity('Relation', class Relation {
  constructor(table, config) {
    this.table = table;
    this.config = config;
    this.referencedTableName = table?._name;
  }
});
/** `one(table, { fields, references })` (drizzle's One). */
export const One = /* @__PURE__ */ entity('One', class One extends Relation {
  get kind() {
    return 'one';
  }
});
/** `many(table)` (drizzle's Many). */
export const Many = /* @__PURE__ */ entity('Many', class Many extends Relation {
  get kind() {
    return 'many';
  }
});
/** What `relations()` returns (drizzle's Relations). */
export const Relations = /* @__PURE__ */ entity('Relations', class Relations {
  constructor(table, config) {
    this.table = table;
    this.config = config;
  }
}, 'relations');

/** drizzle's `relations(table, ({ one, many }) => ({ … }))`. */
export function relations(table, config) {
  return new Relations(table, config);
}

/** The relational schema of `drizzle(…, { schema })`: its tables and relations, registered in
 * wasm once. */
export function relationalSchema(schema) {
  const tables = new Map(); // key -> table
  for (const [key, v] of Object.entries(schema)) if (v?.[kind] === 'table') tables.set(key, v);
  const keyOf = (table) => {
    for (const [k, t] of tables) if (t === table) return k;
    for (const [k, t] of tables) if (t._name === table._name && t._schema === table._schema) return k;
    return undefined;
  };
  const rels = new Map([...tables.keys()].map((k) => [k, new Map()]));
  const list = [];
  for (const v of Object.values(schema)) {
    if (v?.[kind] !== 'relations') continue;
    // drizzle: the relations of a table that is not in the schema are kept aside, never used
    const source = keyOf(v.table);
    if (source === undefined) continue;
    const defs = v.config({
      one: (table, config) => new One(table, config),
      many: (table, config) => new Many(table, config),
    });
    for (const [name, r] of Object.entries(defs)) {
      const referenced = keyOf(r.table);
      // a relation to a table outside the schema fails only when a query uses it, as in drizzle
      if (referenced === undefined) {
        rels.get(source).set(name, { kind: r.kind, missing: r.table._name });
        continue;
      }
      rels.get(source).set(name, { kind: r.kind, referenced });
      list.push({ source, name, kind: r.kind, referenced, fields: r.config?.fields?.map((c) => c.key),
        references: r.config?.references?.map((c) => c.key), relationName: r.config?.relationName });
    }
  }
  const id = callWasm(() => wasm.defineRelations(JSON.stringify({ tables: [...tables].map(([k, t]) => [k, t._id]), relations: list })));
  return { id, tables, rels, aliases: new Map() };
}

/** `db.query`: `{ <table>: { findMany, findFirst } }`. */
export function queryApi(session, schema) {
  const api = {};
  for (const key of schema.tables.keys()) {
    api[key] = {
      findMany: (config) => new RelationalQuery(session, schema, key, config ?? {}, false),
      findFirst: (config) => {
        if (config?.limit !== undefined) throw new Error(`${key}.findFirst() takes no limit: it always reads one row`);
        return new RelationalQuery(session, schema, key, config ?? {}, true);
      },
    };
  }
  return api;
}

/** The table under `name` in a relational query (one wasm alias per table and name). */
function aliased(schema, key, name) {
  const id = `${key}\u0000${name}`;
  let t = schema.aliases.get(id);
  if (t === undefined) schema.aliases.set(id, (t = alias(schema.tables.get(key), name)));
  return t;
}

export class RelationalQuery extends Builder {
  constructor(session, schema, table, config, first) {
    super(session);
    this._schema = schema;
    this._table = table;
    this._config = config;
    this._first = first;
  }
  _desc(cx = NO_CX) {
    const config = describe(this._schema, this._table, this._table, this._config, cx);
    return `{"k":"rel","schema":${this._schema.id},"table":${str(this._table)}${this._first ? ',"first":true' : ''},"config":${config}}`;
  }
  _mapper() {
    const plan = planOf(this._schema, this._table, this._config);
    const first = this._first;
    return (r) => {
      const decs = plan.map((p, i) => cell(r.fields[i]?.dataTypeID, p));
      const rows = r.rows.map((row) => mapRow(plan, decs, row));
      return first ? rows[0] : rows;
    };
  }
}

/** A config's description at one level of the query (`tableAlias` as drizzle names it). */
function describe(schema, key, tableAlias, config, cx) {
  const t = aliased(schema, key, tableAlias);
  const cols = t[Columns];
  // drizzle's mapColumnsInSQLToAlias: any column in these expressions reads from this level
  const remap = (c) => {
    const k = keyOfTable(schema, c.table);
    return (k === undefined ? undefined : aliased(schema, k, tableAlias)[Columns][c.key]) ?? c;
  };
  const here = { values: cx.values, remap };
  let d = '{';
  const add = (k, json) => {
    d += `${d.length > 1 ? ',' : ''}"${k}":${json}`;
  };
  // keys that are not columns are ignored, as drizzle ignores them
  if (config.columns) {
    add('columns', str(Object.entries(config.columns).filter(([k, v]) => v !== undefined && k in cols).map(([k, v]) => [k, v === true])));
  }
  if (config.where) {
    const w = typeof config.where === 'function' ? config.where(cols, OPERATORS) : config.where;
    if (w) add('where', toNode(w, undefined, here));
  }
  if (config.orderBy) {
    let o = typeof config.orderBy === 'function' ? config.orderBy(cols, ORDER_OPERATORS) : config.orderBy;
    if (!Array.isArray(o)) o = [o];
    add('orderBy', `[${o.map((x) => toNode(x, undefined, here)).join(',')}]`);
  }
  const limit = limitNode(config.limit, false, cx);
  if (limit !== undefined) add('limit', limit);
  const offset = limitNode(config.offset, true, cx);
  if (offset !== undefined) add('offset', offset);
  const extras = extrasOf(config, cols);
  if (extras.length) add('extras', `[${extras.map(([, v]) => toNode(v, undefined, here)).join(',')}]`);
  const withs = Object.entries(config.with ?? {}).filter(([, v]) => !!v);
  if (!extras.length && !withs.length && !selectedColumns(Object.keys(cols), config).length) {
    throw new DrizzleError({ message: `No fields selected for table "${key}" ("${tableAlias}")` });
  }
  if (withs.length) {
    const rels = schema.rels.get(key);
    const items = withs.map(([k, v]) => {
      const rel = rels.get(k);
      if (!rel) throw new Error(`Relation "${k}" not found in table "${key}"`);
      if (rel.missing !== undefined) throw new DrizzleError({ message: `Table "${rel.missing}" not found in schema` });
      return `[${str(k)},${v === true ? 'true' : describe(schema, rel.referenced, `${tableAlias}_${k}`, v, cx)}]`;
    });
    add('with', `[${items.join(',')}]`);
  }
  return d + '}';
}

function keyOfTable(schema, table) {
  const base = table._base ?? table;
  for (const [k, t] of schema.tables) if (t === base) return k;
  return undefined;
}


function extrasOf(config, cols) {
  if (!config.extras) return [];
  const e = typeof config.extras === 'function' ? config.extras(cols, { sql }) : config.extras;
  return Object.entries(e);
}

// numeric and bigint columns decode the exact text of their nested JSON numbers (deliberate
// difference: drizzle JSON.parses them, so a nested numeric 12.50 becomes '12.5')
/** drizzle's column selection of a level: all, the `true` ones (include mode), or all but the
 * listed ones; `columns: {}` (or only unknown or undefined keys) selects none. */
function selectedColumns(all, config) {
  if (config === true || !config.columns) return all;
  const listed = Object.entries(config.columns).filter(([k, v]) => v !== undefined && all.includes(k));
  if (!listed.length) return [];
  return listed.some(([, v]) => v === true) ? listed.filter(([, v]) => v === true).map(([k]) => k)
    : all.filter((k) => !listed.some(([l]) => l === k));
}

/** The fields of a level, in the statement's order: columns, extras, relations. */
function planOf(schema, key, config) {
  const table = schema.tables.get(key);
  const all = Object.keys(table[Columns]);
  const cols = selectedColumns(all, config);
  // timestamps as strings and bytea take their top-level (text) form (difference: drizzle keeps json's)
  const plan = cols.map((k) => {
    const c = table[Columns][k];
    const nested = c._info().nested;
    return { key: k, decode: c._decode, exact: nested === 'exact', text: nestedTextForm(nested) };
  });
  if (config === true) return plan;
  for (const [k, v] of extrasOf(config, table[Columns])) plan.push({ key: k, decode: v._decoder });
  for (const [k, v] of Object.entries(config.with ?? {})) {
    if (!v) continue;
    const rel = schema.rels.get(key).get(k);
    plan.push({ key: k, one: rel.kind === 'one', plan: planOf(schema, rel.referenced, v) });
  }
  return plan;
}

/** A top-level cell's decoder: the OID's text parser (nested relations are json), then the
 * field's. */
function cell(oid, p) {
  if (p.plan) return (v) => nested(p, parseJsonExact(v));
  const parse = textParser(oid) ?? ((v) => v);
  const decode = afterParse(oid, p.decode);
  return decode ? (v) => decode(parse(v)) : parse;
}

function nested(p, v) {
  if (p.one) return v && mapNested(p.plan, v);
  return v.map((row) => mapNested(p.plan, row));
}

/** drizzle's mapRelationalRow for a nested row (a JSON array of the fields in order). */
function mapNested(plan, row) {
  const out = {};
  plan.forEach((p, i) => {
    const v = row[i];
    if (v === null) out[p.key] = null;
    else if (p.plan) out[p.key] = nested(p, v);
    else {
      let value = p.exact ? jsonNumberTexts(v) : jsonNumbers(v);
      if (p.text) value = p.text(value);
      // a json column's value is the JSON itself here: parsing a string again would change it
      out[p.key] = p.decode && !isJsonDecoder(p.decode) ? p.decode(value) : value;
    }
  });
  return out;
}

function mapRow(plan, decs, row) {
  const out = {};
  plan.forEach((p, i) => {
    const v = row[i];
    out[p.key] = v === null ? null : decs[i](v);
  });
  return out;
}
