// edgepg facade: Drizzle's names in JS, Rust (wasm) underneath. Builders only record what was
// called; a statement's shape crosses into wasm as ONE JSON description (src/describe in the
// crate), where the one renderer runs; each execution gets its request body from wasm in the
// same synchronous step. Results never enter wasm: see rows.js.
import * as wasm from '#wasm';
import { fromHex } from './rows.js';

export const kind = Symbol.for('edgepg:kind');

// ---------------------------------------------------------------- values and nodes

function encodeValue(v) {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Date) return dateText(v);
  if (v instanceof Uint8Array) return { $bytes: toHex(v) };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
  if (Object.is(v, -0)) return { $number: '-0' }; // JSON (and drizzle's String(v)) would say 0
  if (Array.isArray(v)) return v.map(encodeValue);
  if (typeof v === 'object' && typeof v.toJSON === 'function') {
    // an object from toJSON() is JSON data, never one of this module's value tags ($bigint…)
    const j = v.toJSON();
    return j !== null && typeof j === 'object' ? { $json: j } : j;
  }
  if (typeof v === 'object') return { $json: v };
  return v;
}

/**
 * A Date as PostgreSQL reads it: `toISOString()` (as drizzle sends it) for years 1–9999; outside
 * them ISO's expanded years (`-000043-…`, `+010000-…`) are not PostgreSQL's, so those get its own
 * form, `0044-03-15 12:00:00.000+00 BC` (astronomical year 0 is 1 BC). An Invalid Date throws
 * `toISOString()`'s RangeError, as in drizzle.
 */
function dateText(d) {
  const iso = d.toISOString();
  const y = d.getUTCFullYear();
  if (y >= 1 && y <= 9999) return iso;
  const t = iso.slice(iso.indexOf('T') + 1, -1);
  return `${String(y < 1 ? 1 - y : y).padStart(4, '0')}${iso.slice(iso.indexOf('-', 1), iso.indexOf('T'))} ${t}+00${y < 1 ? ' BC' : ''}`;
}

function toHex(b) {
  let s = '';
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
}

// A statement's description is JSON text (src/describe in the crate), built directly as a string:
// it is both what wasm renders on a cache miss and the cache key. While a statement is compiled,
// values go to this list and the description gets slots `{"p":i}`: the description without
// values is the statement's SHAPE, rendered once by wasm and cached; each execution only sends
// the values (see compile()).
let collector = null;

/** JSON text of a string. */
export const str = JSON.stringify;

/** A value's node: slot `i` while compiling (`enc`: the JSON of the column that encodes it). */
function slot(v, enc) {
  const e = enc === undefined ? '' : `,"enc":${enc}`;
  if (collector === null) return `{"v":${JSON.stringify(v) ?? 'null'}${e}}`;
  return `{"p":${collector.push(v) - 1}${e}}`;
}

/** The current compilation's value list (identity only: for memoizing nodes within one compile). */
export function compiling() {
  return collector;
}

/** Runs `f` with slots disabled (for `.inlineParams()` fragments). */
function withoutSlots(f) {
  const prev = collector;
  collector = null;
  try {
    return f();
  } finally {
    collector = prev;
  }
}

/** While set, every column is described through it (relational queries: drizzle's
 * mapColumnsInSQLToAlias rewrites the columns of a `where`/`orderBy`/`extras` to the alias). */
let columnRemap = null;

/** Runs `f` with columns described as `remap(column)` gives them. */
export function withColumnRemap(remap, f) {
  const prev = columnRemap;
  columnRemap = remap;
  try {
    return f();
  } finally {
    columnRemap = prev;
  }
}

/** The JSON node (text) of anything usable in SQL; plain values become parameters (`bound` to a
 * column). */
export function toNode(x, bound) {
  if (x !== null && typeof x === 'object') {
    const k = x[kind];
    if (k === 'column') return columnRemap === null ? x._node : columnRemap(x)._node;
    if (k === 'sql' || k === 'subquery') return x._node();
    if (k === 'placeholder') return `{"ph":${str(x.name)}}`;
    if (k === 'table') return `{"t":${x._id}}`;
    if (k === 'builder') return `{"q":${x._desc()}}`;
  }
  if (typeof x === 'function' && x[kind] === 'enum') return `{"enum":${str([x.enumName, x.schema ?? null])}}`;
  if (bound && bound._driver && x !== null && x !== undefined) return slot(encodeValue(bound._driver(x)));
  return slot(encodeValue(x));
}

// ---------------------------------------------------------------- sql template

// ---------------------------------------------------------------- entities

/** drizzle's entity kind symbol (the same registered symbol, so drizzle's own `is()` recognizes
 * edgepg's tables, columns and SQL too). */
export const entityKind = Symbol.for('drizzle:entityKind');

/** drizzle's `is(value, Class)`: `instanceof`, or the same entity kind up the class chain. */
export function is(value, type) {
  if (!value || typeof value !== 'object') return false;
  if (value instanceof type) return true;
  if (!Object.prototype.hasOwnProperty.call(type, entityKind)) {
    throw new Error(`Class "${type.name ?? '<unknown>'}" doesn't look like a Drizzle entity. If this is incorrect and the class is provided by Drizzle, please report this as a bug.`);
  }
  for (let cls = Object.getPrototypeOf(value).constructor; cls; cls = Object.getPrototypeOf(cls)) {
    if (entityKind in cls && cls[entityKind] === type[entityKind]) return true;
  }
  return false;
}

/** `cls` with drizzle's entity kind `name` (a pure call: bundlers drop the entities an app does
 * not use, which a computed static key in a class body would prevent). */
export function entity(name, cls, nodeKind) {
  Object.defineProperty(cls, entityKind, { value: name });
  // the facade's own kind (`kind`), set here rather than as a computed key in the class body,
  // which bundlers count as a side effect: an unused entity is then dropped whole
  if (nodeKind !== undefined) Object.defineProperty(cls.prototype, kind, { get: () => nodeKind });
  return cls;
}

/** Base classes of drizzle's entities (pg-core's PgTable and PgColumn extend the first two). */
export const Table = /* @__PURE__ */ entity('Table', class Table {});
export const Column = /* @__PURE__ */ entity('Column', class Column {});
export const View = /* @__PURE__ */ entity('View', class View {});

export class SQL {
  static [entityKind] = 'SQL';
  constructor(parts, extra = {}) {
    this.parts = parts;
    this.extra = extra;
  }
  get [kind]() {
    return 'sql';
  }
  _base() {
    return `{"s":[${this.parts.map((p) => (typeof p === 'string' ? str(p) : toNode(p))).join(',')}]}`;
  }
  _node() {
    const extra = this.extra;
    if (extra.as === undefined && extra.map === undefined && extra.inline === undefined) return this._base();
    const node = extra.inline ? withoutSlots(() => this._base()) : this._base();
    let more = '';
    if (extra.as !== undefined) more += `,"as":${str(extra.as)}`;
    if (extra.map !== undefined) more += `,"map":${str(extra.map)}`;
    if (extra.inline !== undefined) more += `,"inline":${!!extra.inline}`;
    return node.slice(0, -1) + more + '}';
  }
  /** A copy with more modifiers (keeps a function node's own `_base`). */
  _with(extra, decoder) {
    const s = Object.create(Object.getPrototypeOf(this));
    Object.assign(s, this);
    s.extra = { ...this.extra, ...extra };
    if (decoder !== undefined) s._decoder = decoder;
    return s;
  }
  as(alias) {
    return this._with({ as: alias });
  }
  mapWith(decoder) {
    const map = decoder === Number ? 'number' : decoder === String ? 'string' : decoder?.[kind] === 'column' ? decoder._ref : undefined;
    const dec = typeof decoder === 'function' ? decoder : decoder?.mapFromDriverValue ? (v) => decoder.mapFromDriverValue(v) : undefined;
    return this._with(map ? { map } : {}, dec);
  }
  inlineParams() {
    return this._with({ inline: true });
  }
  append(other) {
    this.parts.push(other);
    return this;
  }
  if(cond) {
    return cond ? this : undefined;
  }
  getSQL() {
    return this;
  }
  toJSON() {
    return JSON.parse(this._node());
  }
}

function sqlTag(strings, ...values) {
  const parts = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    if (i < values.length) {
      const v = values[i];
      if (v === undefined) return;
      if (Array.isArray(v) && !(v[kind])) {
        // drizzle: a JS array in a template is a parenthesised list of params
        parts.push('(');
        v.forEach((x, j) => {
          if (j) parts.push(', ');
          parts.push(x !== null && typeof x === 'object' && x[kind] ? x : new Param(x));
        });
        parts.push(')');
      } else {
        parts.push(v !== null && (typeof v === 'object' || typeof v === 'function') && v[kind] ? v : new Param(v));
      }
    }
  });
  return new SQL(parts);
}

class Param {
  constructor(value, encoder) {
    this.value = value;
    this.encoder = encoder;
  }
  get [kind]() {
    return 'sql';
  }
  _node() {
    const enc = this.encoder?.[kind] === 'column' ? this.encoder : undefined;
    const v = enc?._driver && this.value != null ? enc._driver(this.value) : this.value;
    return slot(encodeValue(v), enc ? str(enc._ref) : undefined);
  }
}

/** `sql.placeholder(name)`: a value given at execution (drizzle's Placeholder). */
export const Placeholder = /* @__PURE__ */ entity('Placeholder', class Placeholder {
  constructor(name) {
    this.name = name;
  }
  getSQL() {
    return new SQL([this]);
  }
}, 'placeholder');

export const sql = Object.assign(sqlTag, {
  raw: (s) => new SQL([s]),
  empty: () => new SQL([]),
  identifier: (name) => new SQL([{ [kind]: 'sql', _node: () => `{"id":${str(name)}}` }]),
  placeholder: (name) => new Placeholder(name),
  param: (value, encoder) => new SQL([new Param(value, encoder)]),
  join: (chunks, sep) => {
    const parts = [];
    chunks.forEach((c, i) => {
      if (i && sep !== undefined) parts.push(typeof sep === 'string' ? sep : sep);
      parts.push(c);
    });
    return new SQL(parts);
  },
});

/** drizzle's `param(value, encoder?)`: a bound parameter (encoded by `encoder`, a column). */
export const param = (value, encoder) => sql.param(value, encoder);

/** drizzle's `Name`: an identifier chunk (`name('users')` is `"users"` in SQL). */
export const Name = /* @__PURE__ */ entity('Name', class Name {
  constructor(value) {
    this.value = value;
  }
  _node() {
    return `{"id":${str(this.value)}}`;
  }
  getSQL() {
    return new SQL([this]);
  }
}, 'sql');
/** drizzle's `name(value)`: an identifier. */
export const name = (value) => new Name(value);

/** drizzle's isSQLWrapper: has `getSQL()`. */
export const isSQLWrapper = (value) => value !== null && value !== undefined && typeof value.getSQL === 'function';

/** drizzle's isDriverValueEncoder: has `mapToDriverValue()`. */
export const isDriverValueEncoder = (value) =>
  typeof value === 'object' && value !== null && typeof value.mapToDriverValue === 'function';

/** drizzle's bindIfParam: a plain value next to `column` becomes a parameter it encodes. */
export function bindIfParam(value, column) {
  if (isDriverValueEncoder(column) && !isSQLWrapper(value) && !(value !== null && typeof value === 'object' && value[kind])) {
    return sql.param(value, column);
  }
  return value;
}

/** drizzle's fillPlaceholders: `params` with each placeholder replaced by its value in `values`. */
export function fillPlaceholders(params, values) {
  return params.map((p) => {
    if (p?.[kind] !== 'placeholder') return p;
    if (!(p.name in values)) throw new Error(`No value for placeholder "${p.name}" was provided`);
    return values[p.name];
  });
}

/** drizzle's no-op value mappers. */
export const noopDecoder = { mapFromDriverValue: (value) => value };
export const noopEncoder = { mapToDriverValue: (value) => value };
export const noopMapper = { mapFromDriverValue: (value) => value, mapToDriverValue: (value) => value };

/** drizzle's haveSameKeys: the same keys in the same order. */
export function haveSameKeys(left, right) {
  const l = Object.keys(left);
  const r = Object.keys(right);
  return l.length === r.length && l.every((k, i) => k === r[i]);
}

/** drizzle's hasOwnEntityKind: a class with its own entity kind. */
export const hasOwnEntityKind = (value) =>
  !!value && typeof value === 'function' && Object.prototype.hasOwnProperty.call(value, entityKind) && typeof value[entityKind] === 'string';

/** drizzle's shared TextDecoder (null where the runtime has none). */
export const textDecoder = typeof TextDecoder === 'undefined' ? null : /* @__PURE__ */ new TextDecoder();

// ---------------------------------------------------------------- loggers

/** drizzle's ConsoleLogWriter: writes to `console.log`. */
export const ConsoleLogWriter = /* @__PURE__ */ entity('ConsoleLogWriter', class ConsoleLogWriter {
  write(message) {
    console.log(message);
  }
});

/** drizzle's DefaultLogger: `Query: <sql> -- params: [<json>, …]` to its writer (the console). */
export const DefaultLogger = /* @__PURE__ */ entity('DefaultLogger', class DefaultLogger {
  constructor(config) {
    this.writer = config?.writer ?? new ConsoleLogWriter();
  }
  logQuery(query, params) {
    const s = params.map((p) => {
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    });
    this.writer.write(`Query: ${query}${s.length ? ` -- params: [${s.join(', ')}]` : ''}`);
  }
});

/** drizzle's NoopLogger. */
export const NoopLogger = /* @__PURE__ */ entity('NoopLogger', class NoopLogger {
  logQuery() {}
});

// ---------------------------------------------------------------- functions and operators

/** A function node. Its operands become nodes only when a statement is described (`args` is a
 * thunk), so that values become slots then: an operator built before `.where(…)` never puts its
 * values into the statement's shape. */
function fn(name, args) {
  const s = new SQL([]);
  s._base = () => `{"f":"${name}","a":[${args().join(',')}]}`;
  return s;
}
function checkLeft(name, l) {
  if (l === undefined) throw new TypeError(`${name}(): the left operand is undefined (a column the table does not have?)`);
}
const colOf = (l) => (l?.[kind] === 'column' ? l : undefined);
const bin = (name) => (l, r) => {
  checkLeft(name, l);
  return fn(name, () => [toNode(l), toNode(r, colOf(l))]);
};
export const eq = bin('eq');
export const ne = bin('ne');
export const gt = bin('gt');
export const gte = bin('gte');
export const lt = bin('lt');
export const lte = bin('lte');
const plain = (name) => (...ops) => fn(name, () => ops.map((x) => toNode(x)));
export const like = plain('like');
export const notLike = plain('notLike');
export const ilike = plain('ilike');
export const notIlike = plain('notIlike');
const inList = (name) => (l, values) =>
  fn(name, () => [toNode(l), Array.isArray(values) ? `[${values.map((v) => toNode(v, colOf(l))).join(',')}]` : toNode(values)]);
export const inArray = inList('inArray');
export const notInArray = inList('notInArray');
export const isNull = plain('isNull');
export const isNotNull = plain('isNotNull');
export const exists = plain('exists');
export const notExists = plain('notExists');
export const between = (l, a, b) => fn('between', () => [toNode(l), toNode(a, l), toNode(b, l)]);
export const notBetween = (l, a, b) => fn('notBetween', () => [toNode(l), toNode(a, l), toNode(b, l)]);
const logical = (name) => (...c) => {
  const list = c.filter((x) => x !== undefined);
  return list.length ? plain(name)(...list) : undefined;
};
export const and = logical('and');
export const or = logical('or');
export const not = plain('not');
const arrayOp = (name) => (l, v) => {
  if (Array.isArray(v) && v.length === 0) throw new Error(`${name} requires at least one value`);
  return fn(name, () => [toNode(l), toNode(v, l)]);
};
export const arrayContains = arrayOp('arrayContains');
export const arrayContained = arrayOp('arrayContained');
export const arrayOverlaps = arrayOp('arrayOverlaps');
// drizzle: an array is sent as its JSON text, a parameter like any other value (never part of
// the shape: an embedding is a slot).
const vec = (name) => (c, v) => fn(name, () => [toNode(c), toNode(Array.isArray(v) ? JSON.stringify(v) : v)]);
export const l2Distance = vec('l2Distance');
export const l1Distance = vec('l1Distance');
export const innerProduct = vec('innerProduct');
export const cosineDistance = vec('cosineDistance');
export const hammingDistance = vec('hammingDistance');
export const jaccardDistance = vec('jaccardDistance');
export const asc = plain('asc');
export const desc = plain('desc');
const agg = (name, decoder) => (e) => {
  const s = e === undefined ? plain(name)() : plain(name)(e);
  s._decoder = decoder === 'number' ? Number : String;
  return s;
};
export const count = agg('count', 'number');
export const countDistinct = agg('countDistinct', 'number');
export const sum = agg('sum', 'string');
export const sumDistinct = agg('sumDistinct', 'string');
export const avg = agg('avg', 'string');
export const avgDistinct = agg('avgDistinct', 'string');
export const min = (e) => withColumnDecoder(plain('min')(e), e);
export const max = (e) => withColumnDecoder(plain('max')(e), e);
function withColumnDecoder(s, e) {
  if (e?.[kind] === 'column') s._decoder = (v) => e._decode(v);
  else s._decoder = String;
  return s;
}

// ---------------------------------------------------------------- errors

export class NeonDbError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NeonDbError';
  }
}

/** drizzle's base error class. */
export const DrizzleError = /* @__PURE__ */ entity('DrizzleError', class DrizzleError extends Error {
  constructor({ message, cause } = {}) {
    super(message);
    this.name = 'DrizzleError';
    this.cause = cause;
  }
});

/** drizzle's `tx.rollback()` error. */
export const TransactionRollbackError = /* @__PURE__ */ entity('TransactionRollbackError', class TransactionRollbackError extends DrizzleError {
  constructor() {
    super({ message: 'Rollback' });
  }
});
export const DB_FIELDS = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where',
  'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];

export class DrizzleQueryError extends Error {
  constructor(query, params, cause) {
    super(`Failed query: ${query}\nparams: ${params}`);
    this.query = query;
    this.params = params;
    this.cause = cause;
  }
}

/** A wasm error (`kind`: `config` or `query`) as the Error users see; other errors pass. */
export function toJsError(e) {
  if (!(e instanceof Error) || (e.kind !== 'config' && e.kind !== 'query') || e.name !== 'Error') return e;
  const out = new Error(e.message);
  out.name = 'EdgepgError';
  out.kind = e.kind;
  return out;
}

export function callWasm(f) {
  try {
    return f();
  } catch (e) {
    throw toJsError(e);
  }
}

// ---------------------------------------------------------------- rendering

/** A tagged value from wasm (`{$bigint}`, `{$bytes}`, `{$number}`, `{$json}`, `{$placeholder}`) as JS. */
export function decodeParam(p) {
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    if ('$json' in p) return p.$json;
    if ('$bigint' in p) return BigInt(p.$bigint);
    if ('$bytes' in p) return fromHex(p.$bytes);
    if ('$number' in p) return Number(p.$number);
    if ('$placeholder' in p) return sql.placeholder(p.$placeholder);
  }
  if (Array.isArray(p)) return p.map(decodeParam);
  return p;
}

/** A description under drizzle's `casing` option (`'snake_case' | 'camelCase'`): it applies to
 * the columns declared without a name, for the whole statement. */
export function withCasing(desc, casing) {
  return casing ? `{"casing":${str(casing)},${desc.slice(1)}` : desc;
}

/** Builds a statement's description with its values collected apart: `{ key, values }`. */
export function compile(buildDesc) {
  const prev = collector;
  collector = [];
  try {
    return { key: buildDesc(), values: collector };
  } finally {
    collector = prev;
  }
}

// The shape cache: description text -> `{ id, sql, plan }` (wasm keeps the rendered statement
// under the same id). Safe by construction:
// - wasm never reuses an id, so an id held across a reset can only fail, never name another
//   statement;
// - every execution turns its shape into a request body in the same synchronous step as the
//   look-up (neon-http.js), and later steps (error messages) look the shape up again by its
//   key, never by an old id.
// Values are never part of a key: they travel as slots.
const shapes = new Map();
let maxShapes = 4000; // below the wasm side's own backstop, so wasm never resets on its own

/**
 * Caps how many statement shapes are cached (JS and wasm together; default 4000). An app that
 * builds unbounded distinct SQL (e.g. `sql.raw` of data) keeps memory bounded by it; a smaller
 * cap only costs re-rendering.
 */
export function setShapeCacheLimit(n) {
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`setShapeCacheLimit(): expected a positive integer, got ${n}`);
  maxShapes = n;
}

/** How many shapes are cached, the cap, and the wasm module's memory in bytes. */
export function shapeCacheStats() {
  return { shapes: shapes.size, limit: maxShapes, wasmBytes: wasm.memoryBytes() };
}

/** The cached `{ id, sql, plan }` of a shape, rendered by wasm the first time. */
export function shapeOf(key) {
  let entry = shapes.get(key);
  if (entry === undefined) {
    if (shapes.size >= maxShapes) {
      shapes.clear();
      wasm.clearShapes();
    }
    entry = JSON.parse(callWasm(() => wasm.prepareShape(key)));
    shapes.set(key, entry);
  }
  return entry;
}

/** A compiled statement's request body `{"query":…,"params":[…]}` (computed now, in the same
 * synchronous step as its shape look-up). */
export function statementBody(compiled, named) {
  const shape = shapeOf(compiled.key);
  return callWasm(() => wasm.shapeBody(shape.id, JSON.stringify(compiled.values), named));
}

export function encodeNamed(values) {
  if (!values) return undefined;
  const out = {};
  for (const [k, v] of Object.entries(values)) out[k] = encodeValue(v);
  return JSON.stringify(out);
}

const primitive = (v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Params straight from the shape's plan, when every step is a plain copy (no wasm call). */
function planParams(shape, values) {
  const plan = shape.plan;
  if (!plan) return undefined;
  const out = new Array(plan.length);
  for (let j = 0; j < plan.length; j++) {
    const step = plan[j];
    if (step === null) return undefined;
    const [k, a] = step;
    if (k === 'c') {
      out[j] = decodeParam(a);
      continue;
    }
    if (k === 'n') return undefined;
    const v = values[a];
    if (!primitive(v)) return undefined;
    // not a whole number in the column's range: wasm raises the error (column_type.rs holds the
    // bounds); beyond 2^53 wasm also writes the exact digits
    if (k === 'r' && typeof v === 'number' && (!Number.isSafeInteger(v) || v < step[2] || v > step[3])) return undefined;
    if (k === 'd' && typeof v !== 'string') return undefined;
    out[j] = v;
  }
  return out;
}

/** `{ sql, params }` of a compiled statement (params decoded to JS values). */
export function renderCompiled(shape, values, named) {
  if (named === undefined) {
    const params = planParams(shape, values);
    if (params) return { sql: shape.sql, params };
  }
  const params = JSON.parse(callWasm(() => wasm.shapeParams(shape.id, JSON.stringify(values), named)));
  return { sql: shape.sql, params: params.map(decodeParam) };
}

/** `.toSQL()` of anything with a description. */
export function renderDesc(buildDesc) {
  const { key, values } = compile(buildDesc);
  return renderCompiled(shapeOf(key), values);
}

export { wasm };
