// Rendering: a statement's shape is rendered by wasm once and cached; each execution gets its
// request body (or `{ sql, params }`) from the cached shape and its values. Results never enter
// wasm: see rows.js.
import * as wasm from '#wasm';
import { fromHex } from './rows.js';
import { str, sql, compile, encodeValue } from './sql.js';
import { callWasm } from './errors.js';

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
