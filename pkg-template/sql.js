// The `sql` template and every node that can stand in SQL (values, columns, tables, builders),
// as the JSON a statement's description is made of (bindings/core/src/describe). While a
// statement is compiled, values go to a list and the description gets slots: the description
// without values is the statement's SHAPE.
import { kind, entity, entityKind } from './entity.js';

// ---------------------------------------------------------------- values and nodes

export function encodeValue(v) {
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

// A statement's description is JSON text (bindings/core/src/describe), built directly as a string:
// it is both what wasm renders on a cache miss and the cache key. Every node is described within
// a context `cx`, passed down as an argument: while a statement is compiled, values go to
// `cx.values` and the description gets slots `{"p":i}` (the description without values is the
// statement's SHAPE, rendered once by wasm and cached; each execution only sends the values, see
// compile()); `cx.remap`, when set, describes every column as another (relational queries:
// drizzle's mapColumnsInSQLToAlias rewrites the columns of a `where`/`orderBy`/`extras` to the
// alias). Outside a compile (NO_CX), values are written into the description.

/** The context outside any compile: values inline, columns as they are. */
export const NO_CX = Object.freeze({ values: null, remap: null });

/** JSON text of a string. */
export const str = JSON.stringify;

/** A value's node: slot `i` while compiling (`enc`: the JSON of the column that encodes it). */
function slot(v, enc, cx) {
  const e = enc === undefined ? '' : `,"enc":${enc}`;
  if (cx.values === null) return `{"v":${JSON.stringify(v) ?? 'null'}${e}}`;
  return `{"p":${cx.values.push(v) - 1}${e}}`;
}

/** The JSON node (text) of anything usable in SQL, described in `cx`; plain values become
 * parameters (`bound` to a column). */
export function toNode(x, bound, cx = NO_CX) {
  if (x !== null && typeof x === 'object') {
    const k = x[kind];
    if (k === 'column') return cx.remap === null ? x._node : cx.remap(x)._node;
    if (k === 'sql' || k === 'subquery') return x._node(cx);
    if (k === 'placeholder') return `{"ph":${str(x.name)}}`;
    if (k === 'table') return `{"t":${x._id}}`;
    if (k === 'builder') return `{"q":${x._desc(cx)}}`;
  }
  if (typeof x === 'function' && x[kind] === 'enum') return `{"enum":${str([x.enumName, x.schema ?? null])}}`;
  if (bound && bound._driver && x !== null && x !== undefined) return slot(encodeValue(bound._driver(x)), undefined, cx);
  return slot(encodeValue(x), undefined, cx);
}

export class SQL {
  static [entityKind] = 'SQL';
  constructor(parts, extra = {}) {
    this.parts = parts;
    this.extra = extra;
  }
  get [kind]() {
    return 'sql';
  }
  _base(cx) {
    return `{"s":[${this.parts.map((p) => (typeof p === 'string' ? str(p) : toNode(p, undefined, cx))).join(',')}]}`;
  }
  _node(cx = NO_CX) {
    const extra = this.extra;
    if (extra.as === undefined && extra.map === undefined && extra.inline === undefined) return this._base(cx);
    // `.inlineParams()`: no slots inside
    const node = this._base(extra.inline ? { values: null, remap: cx.remap } : cx);
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
  _node(cx = NO_CX) {
    const enc = this.encoder?.[kind] === 'column' ? this.encoder : undefined;
    const v = enc?._driver && this.value != null ? enc._driver(this.value) : this.value;
    return slot(encodeValue(v), enc ? str(enc._ref) : undefined, cx);
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

/** Builds a statement's description with its values collected apart: `{ key, values }`.
 * `buildDesc(cx)` describes the statement in a fresh context. */
export function compile(buildDesc) {
  const cx = { values: [], remap: null };
  return { key: buildDesc(cx), values: cx.values };
}
