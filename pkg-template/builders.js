// Query builders: record calls, hand ONE description to wasm; their rows are shaped by rows.js.
import { kind, toNode, renderDesc, withCasing, NO_CX, str, SQL, entity, haveSameKeys } from './core.js';
import { mapRows } from './rows.js';

const TableName = Symbol.for('edgepg:TableName');
const Columns = Symbol.for('edgepg:Columns');

const isTable = (x) => x?.[kind] === 'table';
const isSubquery = (x) => x?.[kind] === 'subquery';

/** A JSON object's text, built key by key (keys are plain names; values are JSON text). */
class Obj {
  constructor(k) {
    this.s = `{"k":"${k}"`;
  }
  add(key, json) {
    if (json !== undefined) this.s += `,"${key}":${json}`;
    return this;
  }
  done() {
    return this.s + '}';
  }
}
const list = (items) => `[${items.join(',')}]`;
const nodes = (xs, cx) => list(xs.map((x) => toNode(x, undefined, cx)));
/** `{"k":"sql", …}`: a fragment used as a whole statement. */
const sqlStatement = (fragment, cx) => `{"k":"sql",${fragment._node(cx).slice(1)}`;

function sourceNode(src, cx) {
  if (isTable(src)) return `{"t":${src._id}}`;
  if (isSubquery(src)) return src._source(cx);
  if (src?.[kind] === 'sql') return src._node(cx);
  throw new TypeError(`expected a table, a subquery or sql, got ${typeof src}`);
}

/** Fails now, with a clear message, on anything that is not a source (cheap: builds nothing). */
function checkSource(src) {
  if (!isTable(src) && !isSubquery(src) && src?.[kind] !== 'sql') {
    throw new TypeError(`expected a table, a subquery or sql, got ${typeof src}`);
  }
}

/** The selection as a `where`/`having` callback sees it (aliased SQL as its expression) or as an
 * `orderBy`/`groupBy` callback sees it (aliased SQL as a reference to the alias). */
function view(fields, keepAlias) {
  if (keepAlias) return fields;
  const out = {};
  for (const [k, f] of Object.entries(fields)) {
    if (f instanceof SQL && f.extra.as !== undefined) {
      const plain = f._with({});
      delete plain.extra.as;
      out[k] = plain;
    } else if (f !== null && typeof f === 'object' && !f[kind]) out[k] = view(f, false);
    else out[k] = f;
  }
  return out;
}

/** drizzle's getTableLikeName: an alias's name, a table's JS name (BaseName: the name before a
 * pgTableCreator prefix), a subquery's alias. Keys joined selections and the join null rule. */
function sourceName(src) {
  if (!isTable(src)) return src._alias;
  return src._alias === undefined ? src._baseName ?? src[TableName] : src[TableName];
}

function sourceFields(src) {
  return isTable(src) ? src[Columns] : src._fields;
}

const ViewConfig = Symbol.for('edgepg:ViewConfig');

/** drizzle's extractUsedTable: the tables a source reads, as the cache is told of them
 * (`schema.name`, a table's JS name; a subquery's own sources; tables interpolated in sql). */
export function usedTables(src) {
  if (src?.[ViewConfig]) return [];
  if (isTable(src)) {
    const base = src._base ?? src;
    const name = base._baseName ?? base[TableName];
    return [src._schema ? `${src._schema}.${name}` : name];
  }
  if (isSubquery(src)) return src._select._queryMeta?.().tables ?? [];
  if (src instanceof SQL) {
    return src.parts.filter(isTable).map((t) => (t._schema ? `${t._schema}.${t[TableName]}` : t[TableName]));
  }
  return [];
}

/** drizzle's joinsNotNullableMap after a join of `type` to the source `name` (select and update). */
function markJoin(nullable, type, name) {
  if (type === 'left') nullable[name] = false;
  else if (type === 'right') {
    for (const k of Object.keys(nullable)) nullable[k] = false;
    nullable[name] = true;
  } else if (type === 'full') {
    for (const k of Object.keys(nullable)) nullable[k] = false;
    nullable[name] = false;
  } else nullable[name] = true;
}

const isGroup = (f) => f !== null && typeof f === 'object' && !f[kind];

/** A selection object's JSON: `[[key, node | {"n": [...]}], …]`. */
function fieldsNode(fields, cx) {
  const out = [];
  for (const k in fields) {
    const f = fields[k];
    if (f === undefined) continue;
    const node = isGroup(f) ? `{"n":${fieldsNode(f, cx)}}` : isTable(f) ? `{"n":${fieldsNode(f[Columns], cx)}}` : toNode(f, undefined, cx);
    out.push(`[${str(k)},${node}]`);
  }
  return list(out);
}

/** A selection's leaves in column order, `{ path, field }`, for row mapping. */
function leavesOf(fields, path = [], leaves = []) {
  for (const k in fields) {
    const f = fields[k];
    if (f === undefined) continue;
    const p = [...path, k];
    if (isGroup(f)) leavesOf(f, p, leaves);
    else if (isTable(f)) leavesOf(f[Columns], p, leaves);
    else leaves.push({ path: p, field: f });
  }
  return leaves;
}

/** drizzle's rules: a number limit is a parameter when it is >= 0 and left out otherwise; a
 * number offset is left out when it is 0 (or NaN). The value is a slot, never part of the shape. */
export function limitNode(n, isOffset, cx) {
  if (n === undefined) return undefined;
  if (typeof n === 'number' && (isOffset ? !n : !(n >= 0))) return undefined;
  return toNode(n, undefined, cx);
}

/** The decoder drizzle applies to a selected field (none: the value as the driver gives it). */
function decoderOf(f) {
  if (f?.[kind] === 'column') return f._decode;
  // drizzle's buildSelection: a subquery selecting one field decodes as that field
  if (f?.[kind] === 'subquery') {
    const inner = Object.values(f._fields);
    return inner.length === 1 && !isGroup(inner[0]) ? inner[0]._decoder : undefined;
  }
  return f?._decoder;
}

function prepareLeaves(leaves) {
  return leaves.map((l) => ({
    path: l.path,
    field: l.field,
    decode: decoderOf(l.field),
    // the same name as the join null rule's keys (drizzle compares getTableName here, which
    // differs for a pgTableCreator table: there it nullifies a from-table whose columns are
    // all null; edgepg does not)
    table: l.field?.[kind] === 'column' ? sourceName(l.field.table) : l.field?._sqTable,
  }));
}

/** Every runnable builder (drizzle's QueryPromise: awaiting it runs it). */
export const Builder = /* @__PURE__ */ entity('QueryPromise', class QueryPromise {
  constructor(session) {
    this._session = session;
    this._with = session?._with ?? [];
  }
  get [kind]() {
    return 'builder';
  }
  toSQL() {
    return renderDesc((cx) => withCasing(this._desc(cx), this._session?.casing));
  }
  getSQL() {
    return new SQL([this]);
  }
  _mapper() {
    return null;
  }
  execute(placeholders, name) {
    if (!this._session) throw new Error('this query builder has no database: use db.select()/db.insert()/…');
    return this._session.run(this, placeholders, name);
  }
  /** drizzle's `.prepare(name)`: over a WebSocket, `name` is a server-side statement parsed once
   * per connection; over HTTP every request stands alone and the name changes nothing. */
  prepare(name) {
    // drizzle builds the statement here: a select of a table it does not join, or a raw field
    // without alias, throws now
    this.toSQL();
    return { execute: (values) => this.execute(values, name), getQuery: () => this.toSQL() };
  }
  then(onFulfilled, onRejected) {
    return Promise.resolve()
      .then(() => this.execute())
      .then(onFulfilled, onRejected);
  }
  catch(onRejected) {
    return this.then(undefined, onRejected);
  }
  finally(f) {
    return this.then((v) => { f(); return v; }, (e) => { f(); throw e; });
  }
});
export { Builder as QueryPromise };

// ---------------------------------------------------------------- select

export class SelectBuilder {
  constructor(session, fields, distinct) {
    this._session = session;
    this._fields = fields;
    this._distinct = distinct;
  }
  from(src) {
    checkSource(src);
    return new Select(this._session, this._fields, this._distinct, src);
  }
}

export class Select extends Builder {
  constructor(session, fields, distinct, from) {
    super(session);
    this._from = from;
    this._explicit = fields;
    this._distinct = distinct;
    this._joins = [];
    this._where = undefined;
    this._groupBy = [];
    this._having = undefined;
    this._orderBy = [];
    this._limit = undefined;
    this._offset = undefined;
    this._lock = undefined;
    this._setOps = [];
    this._after = {};
    const name = sourceName(from);
    this._nullable = name === undefined ? {} : { [name]: true };
  }
  _join(type, src, on, lateral) {
    checkSource(src);
    const name = sourceName(src); // undefined for an SQL source
    if (name !== undefined && this._joins.some((j) => j.name === name)) throw new Error(`Alias "${name}" is already used in this query`);
    const join = { type, src, on, lateral, name };
    this._joins.push(join);
    // drizzle: a callback sees the selection with this join's source already in it, aliased SQL
    // as its expression
    if (typeof on === 'function') join.on = on(view(this._selection(), false));
    if (name !== undefined) markJoin(this._nullable, type, name);
    return this;
  }
  leftJoin(src, on) { return this._join('left', src, on); }
  rightJoin(src, on) { return this._join('right', src, on); }
  innerJoin(src, on) { return this._join('inner', src, on); }
  fullJoin(src, on) { return this._join('full', src, on); }
  crossJoin(src) { return this._join('cross', src); }
  leftJoinLateral(src, on) { return this._join('left', src, on, true); }
  innerJoinLateral(src, on) { return this._join('inner', src, on, true); }
  crossJoinLateral(src) { return this._join('cross', src, undefined, true); }
  where(c) {
    this._where = typeof c === 'function' ? c(view(this._selection(), false)) : c;
    return this;
  }
  groupBy(...e) {
    this._groupBy = typeof e[0] === 'function' ? [e[0](view(this._selection(), true))].flat() : e;
    return this;
  }
  having(c) {
    this._having = typeof c === 'function' ? c(view(this._selection(), false)) : c;
    return this;
  }
  orderBy(...e) {
    const list = typeof e[0] === 'function' ? [e[0](view(this._selection(), true))].flat() : e;
    if (this._setOps.length) this._after.orderBy = list;
    else this._orderBy = list;
    return this;
  }
  limit(n) {
    if (this._setOps.length) this._after.limit = n;
    else this._limit = n;
    return this;
  }
  offset(n) {
    if (this._setOps.length) this._after.offset = n;
    else this._offset = n;
    return this;
  }
  for(strength, config = {}) {
    const of = config.of === undefined ? [] : Array.isArray(config.of) ? config.of : [config.of];
    this._lock = { strength, of, noWait: !!config.noWait, skipLocked: !!config.skipLocked };
    return this;
  }
  _setOp(op, other) {
    // drizzle: a callback gets the standalone set operators (getPgSetOperators)
    const q = typeof other === 'function' ? other(SET_OPERATORS) : other;
    if (typeof q?._selection === 'function' && !haveSameKeys(this._selection(), q._selection())) {
      throw new Error('Set operator error (union / intersect / except): selected fields are not the same or are in a different order');
    }
    this._setOps.push({ op, q });
    return this;
  }
  /** drizzle's getUsedTables(): the tables this select reads (as the cache is told of them). */
  getUsedTables() {
    return this._queryMeta().tables;
  }
  union(o) { return this._setOp('union', o); }
  unionAll(o) { return this._setOp('unionAll', o); }
  intersect(o) { return this._setOp('intersect', o); }
  intersectAll(o) { return this._setOp('intersectAll', o); }
  except(o) { return this._setOp('except', o); }
  exceptAll(o) { return this._setOp('exceptAll', o); }
  $dynamic() {
    return this;
  }
  /** drizzle's `$withCache(config?)`: this select goes through the database's cache (`false`:
   * never, even with strategy 'all'); `{ tag, config, autoInvalidate }` as drizzle's. */
  $withCache(config) {
    this._cacheConfig = config === undefined ? { config: {}, enable: true, autoInvalidate: true }
      : config === false ? { enable: false } : { enable: true, autoInvalidate: true, ...config };
    return this;
  }
  /** What the cache is told of this query (drizzle's queryMetadata). */
  _queryMeta() {
    const tables = new Set(usedTables(this._from));
    for (const j of this._joins) for (const t of usedTables(j.src)) tables.add(t);
    return { type: 'select', tables: [...tables] };
  }
  /** The selection object: explicit fields, or the tables' columns (nested once joined). */
  _selection() {
    if (this._explicit) return this._explicit;
    const name = sourceName(this._from); // undefined for an SQL source
    if (!this._joins.length) return sourceFields(this._from) ?? {};
    // drizzle: the from source under its name (an SQL source has none), each named join under its
    const sel = name === undefined ? {} : { [name]: sourceFields(this._from) };
    for (const j of this._joins) if (j.name !== undefined) sel[j.name] = sourceFields(j.src);
    return sel;
  }
  _desc(cx = NO_CX) {
    const d = new Obj('select').add('from', sourceNode(this._from, cx));
    if (this._explicit) d.add('fields', fieldsNode(this._explicit, cx));
    if (this._distinct) d.add('distinct', this._distinct === true ? 'true' : nodes(this._distinct, cx));
    if (this._joins.length) {
      d.add('joins', list(this._joins.map((j) =>
        `{"type":"${j.type}","src":${sourceNode(j.src, cx)},"on":${j.on === undefined ? 'null' : toNode(j.on, undefined, cx)},"lateral":${!!j.lateral}}`)));
    }
    if (this._where !== undefined) d.add('where', toNode(this._where, undefined, cx));
    if (this._groupBy.length) d.add('groupBy', nodes(this._groupBy, cx));
    if (this._having !== undefined) d.add('having', toNode(this._having, undefined, cx));
    if (this._orderBy.length) d.add('orderBy', nodes(this._orderBy.filter((x) => x !== undefined), cx));
    if (this._limit !== undefined) d.add('limit', limitNode(this._limit, false, cx));
    if (this._offset !== undefined) d.add('offset', limitNode(this._offset, true, cx));
    if (this._lock) {
      const l = this._lock;
      d.add('lock', `{"strength":${str(l.strength)},"of":${list(l.of.map((x) => sourceNode(x, cx)))},"noWait":${l.noWait},"skipLocked":${l.skipLocked}}`);
    }
    if (this._setOps.length) d.add('setOps', list(this._setOps.map(({ op, q }) => `{"op":"${op}","q":${q._desc(cx)}}`)));
    const a = this._after;
    if (a.orderBy || a.limit !== undefined || a.offset !== undefined) {
      const after = [];
      if (a.orderBy) after.push(`"orderBy":${nodes(a.orderBy, cx)}`);
      const limit = a.limit === undefined ? undefined : limitNode(a.limit, false, cx);
      if (limit !== undefined) after.push(`"limit":${limit}`);
      const offset = a.offset === undefined ? undefined : limitNode(a.offset, true, cx);
      if (offset !== undefined) after.push(`"offset":${offset}`);
      d.add('after', `{${after.join(',')}}`);
    }
    if (this._with.length) d.add('with', list(this._with.map((c) => c._source(cx))));
    return d.done();
  }
  _mapper() {
    const leaves = prepareLeaves(leavesOf(this._selection()));
    const joins = this._joins.length ? this._nullable : undefined;
    return (r) => mapRows(leaves, joins, r.fields, r.rows);
  }
  as(alias) {
    return new Subquery(this, alias);
  }
}

/** `.as(alias)` of a select (drizzle's Subquery); a `$with` CTE is a WithSubquery. */
export const Subquery = /* @__PURE__ */ entity('Subquery', class Subquery {
  constructor(select, alias, cte, fields) {
    this._select = select;
    this._alias = alias;
    this._cte = !!cte;
    this._explicitFields = fields;
    const selection = fields ?? (typeof select._selection === 'function' ? select._selection() : select._returningFields?.() ?? {});
    this._fields = this._proxy(selection, []);
    for (const k in this._fields) this[k] = this._fields[k];
  }
  /** The selection as seen from outside, nesting kept: each leaf is usable wherever a SQL
   * expression is, decodes like the field it proxies, and (for a column) takes part in the
   * left-join null rule under the subquery's alias, as drizzle's proxied columns do. */
  _proxy(selection, path) {
    const out = {};
    for (const k in selection) {
      const f = selection[k];
      if (f === undefined) continue;
      const p = [...path, k];
      if (isGroup(f)) out[k] = this._proxy(f, p);
      else if (isTable(f)) out[k] = this._proxy(f[Columns], p);
      else {
        const key = p.length === 1 ? str(k) : str(p);
        // a column (or a column proxied by a subquery or view) stays a column outside: it takes
        // part in the join null rule under this alias, as drizzle's proxied columns do
        const isColumn = f?.[kind] === 'column' || f?._sqTable !== undefined;
        out[k] = { [kind]: 'sql', _decoder: decoderOf(f), _sqTable: isColumn ? this._alias : undefined,
          _node: (cx = NO_CX) => `${this._source(cx).slice(0, -1)},"k":${key}}` };
      }
    }
    return out;
  }
  get [kind]() {
    return 'subquery';
  }
  _source(cx = NO_CX) {
    // Referenced several times in one statement (from, fields, on): described once per compile
    // (a compile's context is its own; outside one, nothing is remembered: builders change)
    if (cx.values !== null && this._memo?.cx === cx) return this._memo.node;
    const node = this._describe(cx);
    if (cx.values !== null) this._memo = { cx, node };
    return node;
  }
  _describe(cx) {
    const q = this._select[kind] === 'sql' ? sqlStatement(this._select, cx) : this._select._desc(cx);
    if (this._cte) {
      const fields = this._explicitFields ? `,"fields":${fieldsNode(this._explicitFields, cx)}` : '';
      const schema = this._schema ? `,"schema":${str(this._schema)}` : '';
      return `{"cte":${str(this._alias)},"q":${q}${fields}${schema}}`;
    }
    return `{"sq":${q},"as":${str(this._alias)}}`;
  }
  _node(cx = NO_CX) {
    return this._source(cx);
  }
});

/** A `$with(alias).as(query)` CTE (drizzle's WithSubquery). */
export const WithSubquery = /* @__PURE__ */ entity('WithSubquery', class WithSubquery extends Subquery {
  constructor(select, alias, fields) {
    super(select, alias, true, fields);
  }
});

// ---------------------------------------------------------------- insert

/** Insert, update and delete: `returning()` all columns, or `returning({ … })` some. */
class Writing extends Builder {
  constructor(session, table) {
    super(session);
    this._table = table;
    this._returning = undefined;
  }
  returning(fields) {
    this._returning = fields ?? true;
    return this;
  }
  /** What the cache is told of this write: the table it changes. */
  _queryMeta() {
    return { type: this._kind, tables: usedTables(this._table) };
  }
  _mapper() {
    return returningMapper(this._table, this._returning);
  }
  _returningFields() {
    return this._returning === true ? this._table[Columns] : this._returning ?? {};
  }
}

function returningDesc(r, cx) {
  return r === true ? 'true' : fieldsNode(r, cx);
}
function returningMapper(table, r) {
  if (!r) return null;
  const leaves = prepareLeaves(leavesOf(r === true ? table[Columns] : r));
  return (res) => mapRows(leaves, undefined, res.fields, res.rows);
}

export class InsertBuilder {
  constructor(session, table) {
    this._session = session;
    this._table = table;
    this._overriding = false;
  }
  overridingSystemValue() {
    this._overriding = true;
    return this;
  }
  values(rows) {
    const list = Array.isArray(rows) ? rows : [rows];
    if (!list.length) throw new Error('values() must be called with at least one value');
    return new Insert(this._session, this._table, list, undefined, this._overriding);
  }
  select(q) {
    const select = typeof q === 'function' ? q(new QueryBuilder()) : q;
    if (select?.[kind] !== 'sql' && typeof select?._selection === 'function' && !haveSameKeys(this._table[Columns], select._selection())) {
      throw new Error('Insert select error: selected fields are not the same or are in a different order compared to the table definition');
    }
    return new Insert(this._session, this._table, undefined, select, this._overriding);
  }
}

export class Insert extends Writing {
  constructor(session, table, rows, select, overriding) {
    super(session, table);
    this._kind = 'insert';
    this._rows = rows;
    this._select = select;
    this._overriding = overriding;
    this._conflict = undefined;
  }
  onConflictDoNothing(cfg = {}) {
    this._conflict = { do: 'nothing', target: cfg.target, targetWhere: cfg.where };
    return this;
  }
  onConflictDoUpdate(cfg) {
    if (cfg.where && (cfg.targetWhere || cfg.setWhere)) {
      throw new Error('You cannot use both "where" and "targetWhere"/"setWhere" at the same time - "where" is deprecated, use "targetWhere" or "setWhere" instead.');
    }
    this._conflict = { do: 'update', target: cfg.target, targetWhere: cfg.targetWhere, set: cfg.set, setWhere: cfg.setWhere ?? cfg.where };
    return this;
  }
  _rowDesc(row, cx) {
    const cols = this._table[Columns];
    const out = [];
    for (const k in cols) {
      const c = cols[k];
      let v = row[k];
      if (v === undefined) {
        // drizzle's buildInsertQuery: $defaultFn, else $onUpdate when the column has no default,
        // else `default`. Deliberate difference: drizzle tests `!col.default`, so a falsy
        // `.default(0 | '' | false)` counts as none there; here any default is a default.
        if (c.config.defaultFn) v = c.config.defaultFn();
        else if (c.config.onUpdateFn && !hasDefault(c.config)) v = c.config.onUpdateFn();
      }
      if (v !== undefined) out.push(`[${str(k)},${toNode(v, c, cx)}]`);
    }
    // keys that are not columns are ignored, as drizzle ignores them (apps pass request bodies)
    return list(out);
  }
  _desc(cx = NO_CX) {
    const d = new Obj('insert').add('table', String(this._table._id));
    if (this._overriding) d.add('overriding', 'true');
    if (this._rows) d.add('rows', list(this._rows.map((r) => this._rowDesc(r, cx))));
    if (this._select) d.add('select', this._select[kind] === 'sql' ? sqlStatement(this._select, cx) : this._select._desc(cx));
    if (this._conflict) {
      const c = this._conflict;
      let oc = `{"do":"${c.do}"`;
      if (c.target !== undefined) oc += `,"target":${nodes(Array.isArray(c.target) ? c.target : [c.target], cx)}`;
      if (c.targetWhere) oc += `,"targetWhere":${toNode(c.targetWhere, undefined, cx)}`;
      if (c.set) oc += `,"set":${setDesc(this._table, c.set, true, cx)}`;
      if (c.setWhere) oc += `,"setWhere":${toNode(c.setWhere, undefined, cx)}`;
      d.add('onConflict', oc + '}');
    }
    if (this._returning) d.add('returning', returningDesc(this._returning, cx));
    if (this._with?.length) d.add('with', list(this._with.map((c) => c._source(cx))));
    return d.done();
  }
}

/** Whether the column has drizzle's `column.default`: a `.default(…)` value, defaultNow or
 * defaultRandom. */
function hasDefault(cfg) {
  return cfg.defaultNow || cfg.defaultRandom || cfg.default !== undefined;
}

function setDesc(table, set, withOnUpdate, cx) {
  const cols = table[Columns];
  const out = [];
  for (const k in set) {
    const v = set[k];
    // keys that are not columns are ignored, as in drizzle
    if (v !== undefined && Object.prototype.hasOwnProperty.call(cols, k)) out.push(`[${str(k)},${toNode(v, cols[k], cx)}]`);
  }
  const given = out.length > 0 || Object.values(set ?? {}).some((v) => v !== undefined);
  if (!given) throw new Error('No values to set');
  if (withOnUpdate) {
    for (const k in cols) {
      const c = cols[k];
      if (c.config.onUpdateFn && set[k] === undefined) out.push(`[${str(k)},${toNode(c.config.onUpdateFn(), c, cx)}]`);
    }
  }
  // only keys that are not columns (and no $onUpdate): drizzle sends `set ` with nothing and
  // PostgreSQL refuses it; here the statement fails when it runs, naming the table, unsent
  if (!out.length) throw new Error(`No values to set: no key given to set() is a column of "${table[TableName]}"`);
  return list(out);
}

// ---------------------------------------------------------------- update / delete

export class UpdateBuilder {
  constructor(session, table) {
    this._session = session;
    this._table = table;
  }
  set(values) {
    // drizzle's mapUpdateSet: nothing defined to set throws here
    if (!Object.values(values ?? {}).some((v) => v !== undefined)) throw new Error('No values to set');
    return new Update(this._session, this._table, values);
  }
}

export class Update extends Writing {
  constructor(session, table, set) {
    super(session, table);
    this._kind = 'update';
    this._set = set;
    this._where = undefined;
    this._from = undefined;
    this._joins = [];
    this._nullable = { [table[TableName]]: true };
  }
  where(c) {
    this._where = c;
    return this;
  }
  from(src) {
    if (src?.[kind] !== 'sql') this._nullable[sourceName(src)] = true;
    this._from = src;
    return this;
  }
  _join(type, src, on) {
    if (typeof on === 'function') {
      const from = this._from && this._from[kind] !== 'sql' ? view(sourceFields(this._from), false) : undefined;
      on = on(view(this._table[Columns], false), from);
    }
    if (src?.[kind] !== 'sql') markJoin(this._nullable, type, sourceName(src));
    this._joins.push({ type, src, on });
    return this;
  }
  leftJoin(src, on) { return this._join('left', src, on); }
  rightJoin(src, on) { return this._join('right', src, on); }
  innerJoin(src, on) { return this._join('inner', src, on); }
  fullJoin(src, on) { return this._join('full', src, on); }
  /** drizzle: `returning()` with a `from` returns the from and joined tables' columns too, each
   * under its name, and maps rows with the joins' null rule. */
  _returningFields() {
    if (this._returning !== true || !this._from) return super._returningFields();
    const fields = { ...this._table[Columns] };
    for (const src of [this._from, ...this._joins.map((j) => j.src)]) {
      if (src?.[kind] !== 'sql') fields[sourceName(src)] = sourceFields(src);
    }
    return fields;
  }
  _mapper() {
    if (!this._returning) return null;
    const leaves = prepareLeaves(leavesOf(this._returningFields()));
    const joins = this._from ? this._nullable : undefined;
    return (res) => mapRows(leaves, joins, res.fields, res.rows);
  }
  _desc(cx = NO_CX) {
    const d = new Obj('update').add('table', String(this._table._id)).add('set', setDesc(this._table, this._set, true, cx));
    if (this._with?.length) d.add('with', list(this._with.map((c) => c._source(cx))));
    if (this._from) d.add('from', sourceNode(this._from, cx));
    if (this._joins.length) d.add('joins', list(this._joins.map((j) => `{"type":"${j.type}","src":${sourceNode(j.src, cx)},"on":${toNode(j.on, undefined, cx)}}`)));
    if (this._where !== undefined) d.add('where', toNode(this._where, undefined, cx));
    if (this._returning) d.add('returning', returningDesc(this._returning, cx));
    return d.done();
  }
}

export class Delete extends Writing {
  constructor(session, table) {
    super(session, table);
    this._kind = 'delete';
    this._where = undefined;
  }
  where(c) {
    this._where = c;
    return this;
  }
  _desc(cx = NO_CX) {
    const d = new Obj('delete').add('table', String(this._table._id));
    if (this._with?.length) d.add('with', list(this._with.map((c) => c._source(cx))));
    if (this._where !== undefined) d.add('where', toNode(this._where, undefined, cx));
    if (this._returning) d.add('returning', returningDesc(this._returning, cx));
    return d.done();
  }
}

/** drizzle's `$count(source, filter)`: an SQL fragment (embedded: `(select count(*) …)`) that is
 * also awaitable (standalone: `select count(*) as count from …;`, resolving to a number). */
export class Count extends SQL {
  constructor(session, src, filter) {
    super([]);
    this._decoder = Number; // drizzle's PgCountBuilder maps with Number, embedded too
    this._objectRows = true; // drizzle asks a neon client for object rows here
    this._session = session;
    this._src = src;
    this._filter = filter;
  }
  _desc(cx = NO_CX) {
    const d = new Obj('count').add('src', sourceNode(this._src, cx));
    if (this._filter !== undefined) d.add('where', toNode(this._filter, undefined, cx));
    return d.done();
  }
  _node(cx = NO_CX) {
    return `{"q":${this._desc(cx)}}`;
  }
  /** The standalone statement (drizzle's `.sql` of a `$count`). */
  get sql() {
    const s = new SQL([]);
    s._standalone = true;
    s._standaloneDesc = (cx) => this._desc(cx);
    return s;
  }
  _mapper() {
    return (r) => Number(r.rows[0][0]);
  }
}
// Awaitable like every builder.
for (const m of ['then', 'catch', 'finally', 'execute']) Count.prototype[m] = Builder.prototype[m];

/** `db.execute(sql\`…\` | builder)`: lazy like every builder; resolves to the full result (rows
 * as objects keyed by column name), whatever the statement. */
export class Raw extends Builder {
  constructor(session, query) {
    super(session);
    this._query = query;
    this._objectRows = true; // rows as objects, in a batch too (drizzle's arrayMode false)
  }
  _desc(cx = NO_CX) {
    const q = this._query;
    return q[kind] === 'builder' ? q._desc(cx) : sqlStatement(q, cx);
  }
}

// drizzle's standalone set operators: `union(a, b, …)` is `a.union(b).union(…)`.
const setOp = (op) => (first, ...rest) => {
  let q = first;
  for (const r of rest) q = q[op](r);
  return q;
};
export const union = setOp('union');
export const unionAll = setOp('unionAll');
export const intersect = setOp('intersect');
export const intersectAll = setOp('intersectAll');
export const except = setOp('except');
export const exceptAll = setOp('exceptAll');
const SET_OPERATORS = { union, unionAll, intersect, intersectAll, except, exceptAll };

/** `db.refreshMaterializedView(view)` (drizzle's PgRefreshMaterializedView): lazy and awaitable,
 * `.concurrently()` or `.withNoData()`. */
export class RefreshMaterializedView extends Builder {
  constructor(session, view) {
    super(session);
    this._view = view;
    this._concurrently = undefined;
    this._withNoData = undefined;
  }
  concurrently() {
    if (this._withNoData !== undefined) throw new Error('Cannot use concurrently and withNoData together');
    this._concurrently = true;
    return this;
  }
  withNoData() {
    if (this._concurrently !== undefined) throw new Error('Cannot use concurrently and withNoData together');
    this._withNoData = true;
    return this;
  }
  /** drizzle's buildRefreshMaterializedViewQuery. */
  _desc(cx = NO_CX) {
    const parts = ['refresh materialized view'];
    if (this._concurrently) parts.push(' concurrently');
    parts.push(' ', this._view);
    if (this._withNoData) parts.push(' with no data');
    return sqlStatement(new SQL(parts), cx);
  }
}

/** `new QueryBuilder()` / `db.select()…`: builders without (or with) a session. */
export class QueryBuilder {
  constructor(session) {
    this._session = session;
  }
  select(fields) {
    return new SelectBuilder(this._session, fields, false);
  }
  selectDistinct(fields) {
    return new SelectBuilder(this._session, fields, true);
  }
  selectDistinctOn(on, fields) {
    return new SelectBuilder(this._session, fields, on);
  }
  insert(table) {
    return new InsertBuilder(this._session, table);
  }
  update(table) {
    return new UpdateBuilder(this._session, table);
  }
  delete(table) {
    return new Delete(this._session, table);
  }
  $count(src, filter) {
    return new Count(this._session, src, filter);
  }
  /** `$with(alias, selection?).as(query)`: a CTE for `with(...)`. */
  $with(alias, selection) {
    return {
      as: (q) => new WithSubquery(typeof q === 'function' ? q(new QueryBuilder()) : q, alias, selection),
    };
  }
  /** `with(cte, …)`: builders that start with `with "cte" as (…)`. */
  with(...ctes) {
    const base = this._session ?? { run() { throw new Error('this query builder has no database'); } };
    const session = Object.create(base);
    session._with = ctes;
    return new this.constructor(session);
  }
}

/** What every driver's database has (drizzle's PgDatabase): the builders, `execute`, and
 * `refreshMaterializedView`. */
export const PgDatabase = /* @__PURE__ */ entity('PgDatabase', class PgDatabase extends QueryBuilder {
  /** `db.execute(sql\`...\`)`: the full result, rows as objects keyed by column name. */
  execute(query) {
    return new Raw(this._session, typeof query === 'string' ? new SQL([query]) : query);
  }
  /** `refresh materialized view [concurrently] <view> [with no data]`, lazy and awaitable. */
  refreshMaterializedView(view) {
    return new RefreshMaterializedView(this._session, view);
  }
});

/** A transaction's database (drizzle's PgTransaction): the WebSocket driver's transactions and
 * savepoints. */
export const PgTransaction = /* @__PURE__ */ entity('PgTransaction', class PgTransaction extends PgDatabase {});
