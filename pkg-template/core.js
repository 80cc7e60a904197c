// edgepg facade: Drizzle's names in JS, Rust (wasm) underneath. Builders only record what was
// called; a statement crosses into wasm as ONE JSON description (src/describe in the crate),
// where the one renderer and the SQL-over-HTTP driver run. Results come back as one JSON text.
import * as wasm from '#wasm';

export const kind = Symbol.for('edgepg:kind');

// ---------------------------------------------------------------- values and nodes

function encodeValue(v) {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return { $bytes: toHex(v) };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (typeof v === 'object' && typeof v.toJSON === 'function') return v.toJSON();
  if (typeof v === 'object') return { $json: v };
  return v;
}

function toHex(b) {
  let s = '';
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
}

function fromHex(h) {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return typeof Buffer === 'function' ? Buffer.from(out.buffer, out.byteOffset, out.length) : out;
}

// While a statement is compiled, values go to this list and the description gets slots
// `{p: i}`: the description without values is the statement's SHAPE, rendered once by wasm and
// cached; each execution only sends the values (see compile()).
let collector = null;

function slot(v, enc) {
  if (collector === null) return enc ? { v, enc } : { v };
  collector.push(v);
  return enc ? { p: collector.length - 1, enc } : { p: collector.length - 1 };
}

/** The current compilation's value list (identity only: for memoizing nodes within one compile). */
export function compiling() {
  return collector;
}

/** A value that shapes the SQL (limits, vectors, inlined params): never a slot. */
export function literal(v) {
  return { v: encodeValue(v) };
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

/** The JSON node of anything usable in SQL; plain values become parameters (`bound` to a column). */
export function toNode(x, bound) {
  if (x !== null && typeof x === 'object') {
    if (x[kind] === 'column') return x._node;
    if (x[kind] === 'sql') return x._node();
    if (x[kind] === 'placeholder') return { ph: x.name };
    if (x[kind] === 'table') return { t: x._id };
    if (x[kind] === 'subquery') return x._node();
    if (x[kind] === 'builder') return { q: x._desc() };
  }
  if (typeof x === 'function' && x[kind] === 'enum') return { enum: [x.enumName, x.schema ?? null] };
  if (bound && bound._driver && x !== null && x !== undefined) return slot(encodeValue(bound._driver(x)));
  return slot(encodeValue(x));
}

// ---------------------------------------------------------------- sql template

export class SQL {
  constructor(parts, extra = {}) {
    this.parts = parts;
    this.extra = extra;
  }
  get [kind]() {
    return 'sql';
  }
  _base() {
    return { s: this.parts.map((p) => (typeof p === 'string' ? p : toNode(p))) };
  }
  _node() {
    const extra = this.extra;
    if (extra.as === undefined && extra.map === undefined && extra.inline === undefined) return this._base();
    const node = extra.inline ? withoutSlots(() => this._base()) : this._base();
    if (extra.as !== undefined) node.as = extra.as;
    if (extra.map !== undefined) node.map = extra.map;
    if (extra.inline !== undefined) node.inline = extra.inline;
    return node;
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
    const map = decoder === Number ? 'number' : decoder === String ? 'string' : decoder?.[kind] === 'column' ? decoder._node.c : undefined;
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
    return this._node();
  }
  // JSON.stringify of extra keys we keep private
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
    return slot(encodeValue(v), enc ? enc._node.c : undefined);
  }
}

export const sql = Object.assign(sqlTag, {
  raw: (s) => new SQL([s]),
  empty: () => new SQL([]),
  identifier: (name) => new SQL([{ [kind]: 'sql', _node: () => ({ id: name }) }]),
  placeholder: (name) => ({ [kind]: 'placeholder', name }),
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

// ---------------------------------------------------------------- functions and operators

function fn(name, args) {
  const s = new SQL([]);
  s._base = () => ({ f: name, a: args });
  return s;
}
function left(name, l) {
  if (l === undefined) throw new TypeError(`${name}(): the left operand is undefined (a column the table does not have?)`);
  return toNode(l);
}
const bin = (name) => (l, r) => fn(name, [left(name, l), toNode(r, l?.[kind] === 'column' ? l : undefined)]);
export const eq = bin('eq');
export const ne = bin('ne');
export const gt = bin('gt');
export const gte = bin('gte');
export const lt = bin('lt');
export const lte = bin('lte');
export const like = (l, p) => fn('like', [toNode(l), toNode(p)]);
export const notLike = (l, p) => fn('notLike', [toNode(l), toNode(p)]);
export const ilike = (l, p) => fn('ilike', [toNode(l), toNode(p)]);
export const notIlike = (l, p) => fn('notIlike', [toNode(l), toNode(p)]);
const inList = (name) => (l, values) =>
  fn(name, [toNode(l), Array.isArray(values) ? values.map((v) => toNode(v, l?.[kind] === 'column' ? l : undefined)) : toNode(values)]);
export const inArray = inList('inArray');
export const notInArray = inList('notInArray');
export const isNull = (e) => fn('isNull', [toNode(e)]);
export const isNotNull = (e) => fn('isNotNull', [toNode(e)]);
export const exists = (q) => fn('exists', [toNode(q)]);
export const notExists = (q) => fn('notExists', [toNode(q)]);
export const between = (l, a, b) => fn('between', [toNode(l), toNode(a, l), toNode(b, l)]);
export const notBetween = (l, a, b) => fn('notBetween', [toNode(l), toNode(a, l), toNode(b, l)]);
export const and = (...c) => {
  const list = c.filter((x) => x !== undefined);
  return list.length ? fn('and', list.map((x) => toNode(x))) : undefined;
};
export const or = (...c) => {
  const list = c.filter((x) => x !== undefined);
  return list.length ? fn('or', list.map((x) => toNode(x))) : undefined;
};
export const not = (c) => fn('not', [toNode(c)]);
const arrayOp = (name) => (l, v) => {
  if (Array.isArray(v) && v.length === 0) throw new Error(`${name} requires at least one value`);
  return fn(name, [toNode(l), toNode(v, l)]);
};
export const arrayContains = arrayOp('arrayContains');
export const arrayContained = arrayOp('arrayContained');
export const arrayOverlaps = arrayOp('arrayOverlaps');
const vec = (name) => (c, v) => fn(name, [toNode(c), Array.isArray(v) || typeof v === 'string' ? literal(v) : toNode(v)]);
export const l2Distance = vec('l2Distance');
export const l1Distance = vec('l1Distance');
export const innerProduct = vec('innerProduct');
export const cosineDistance = vec('cosineDistance');
export const hammingDistance = vec('hammingDistance');
export const jaccardDistance = vec('jaccardDistance');
export const asc = (e) => fn('asc', [toNode(e)]);
export const desc = (e) => fn('desc', [toNode(e)]);
const agg = (name, decoder) => (e) => {
  const s = fn(name, e === undefined ? [] : [toNode(e)]);
  s._decoder = decoder === 'number' ? Number : String;
  return s;
};
export const count = agg('count', 'number');
export const countDistinct = agg('countDistinct', 'number');
export const sum = agg('sum', 'string');
export const sumDistinct = agg('sumDistinct', 'string');
export const avg = agg('avg', 'string');
export const avgDistinct = agg('avgDistinct', 'string');
export const min = (e) => withColumnDecoder(fn('min', [toNode(e)]), e);
export const max = (e) => withColumnDecoder(fn('max', [toNode(e)]), e);
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
const DB_FIELDS = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where',
  'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];

export class DrizzleQueryError extends Error {
  constructor(query, params, cause) {
    super(`Failed query: ${query}\nparams: ${params}`);
    this.query = query;
    this.params = params;
    this.cause = cause;
  }
}

/** A wasm error (kind + fields) as the Error drizzle users see. */
export function toJsError(e) {
  if (!(e instanceof Error) || !('kind' in e)) return e;
  if (e.kind === 'database') {
    const n = new NeonDbError(e.message);
    for (const f of DB_FIELDS) n[f] = e[f] ?? undefined;
    return n;
  }
  if (e.kind === 'http') {
    const n = new NeonDbError(`Server error (HTTP status ${e.status}): ${e.body}`);
    n.status = e.status;
    return n;
  }
  if (e.kind === 'connect') return Object.assign(new NeonDbError(e.message), { kind: e.kind });
  const out = new Error(e.message);
  out.name = e.kind === 'aborted' ? 'AbortError' : e.kind === 'timeout' ? 'TimeoutError' : 'EdgepgError';
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

/** Builds a statement's description with its values collected apart: `{ key, values }`. */
export function compile(buildDesc) {
  const prev = collector;
  collector = [];
  try {
    const desc = buildDesc();
    return { key: JSON.stringify(desc), values: collector };
  } finally {
    collector = prev;
  }
}

const shapes = new Map();
const MAX_SHAPES = 4000; // below the wasm side's own limit, so both reset together

/** The cached `{ id, sql }` of a shape, rendered by wasm the first time. */
export function shapeOf(key) {
  let entry = shapes.get(key);
  if (entry === undefined) {
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
      wasm.clearShapes();
    }
    entry = JSON.parse(callWasm(() => wasm.prepareShape(key)));
    shapes.set(key, entry);
  }
  return entry;
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
    if (k === 'i4' && typeof v === 'number' && Number.isInteger(v) && (v < -2147483648 || v > 2147483647)) return undefined;
    if (k === 'i2' && typeof v === 'number' && Number.isInteger(v) && (v < -32768 || v > 32767)) return undefined;
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

const TAGGED_OIDS = new Set([17, 1001, 700, 701, 1021, 1022]);

/** Result JSON of wasm → rows of cells (tags decoded only where a tag can appear). */
export function parseResult(text) {
  const r = JSON.parse(text);
  r.fields.forEach((f, i) => {
    if (TAGGED_OIDS.has(f.dataTypeID)) for (const row of r.rows) row[i] = decodeParam(row[i]);
  });
  return r;
}

export { wasm };
