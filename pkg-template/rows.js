// Results on the JS side of the boundary (docs/architecture.md, "The JS↔wasm boundary carries statements, not rows"): the endpoint's
// response is parsed once by the runtime's JSON.parse, then per-column decoders, built once per
// execution from the statement's selection and the response's OIDs, turn its text cells into
// drizzle's values, and rows are shaped here. Nothing per row goes through wasm.
//
// This file is the JS home of decoding: pg-types 2.2.0's text parsers as @neondatabase/serverless
// applies them under drizzle's neon-http driver, postgres-array's parser, drizzle's column
// decoders (mapFromDriverValue) and drizzle's row mapping (mapResultRow). The Rust crate keeps
// its own decoders for Rust users (src/types, src/driver/result.rs). The two implementations are
// checked by ONE set of oracle vectors, tests/pgtypes/expected.json (made by pg-types itself):
// `cargo test --test pgtypes` for Rust, tests/ts/rows.test.mjs for this file.
//
// No imports: the file is pure, so tests load it without the wasm module.

// ---------------------------------------------------------------- postgres-array 2.0.0 (MIT)

/** PostgreSQL's array text (`{1,NULL,"a b",{2}}`) as nested arrays; `transform` maps each
 * non-null element. The one JS parser of array literals (postgres-array 2.0.0's algorithm). */
export function parseArray(source, transform = identity) {
  return new ArrayParser(source, transform).parse();
}

class ArrayParser {
  constructor(source, transform) {
    this.source = source;
    this.transform = transform;
    this.position = 0;
    this.entries = [];
    this.recorded = [];
    this.dimension = 0;
  }
  newEntry(includeEmpty) {
    if (this.recorded.length > 0 || includeEmpty) {
      let entry = this.recorded.join('');
      if (entry === 'NULL' && !includeEmpty) entry = null;
      if (entry !== null) entry = this.transform(entry);
      this.entries.push(entry);
      this.recorded = [];
    }
  }
  parse(nested) {
    const src = this.source;
    let quote = false;
    if (src[0] === '[') {
      // dimensions prefix `[1:2]=`
      while (this.position < src.length && src[this.position++] !== '=');
    }
    while (this.position < src.length) {
      let value = src[this.position++];
      let escaped = false;
      if (value === '\\') {
        value = src[this.position++];
        escaped = true;
      }
      if (value === '{' && !quote) {
        this.dimension++;
        if (this.dimension > 1) {
          const parser = new ArrayParser(src.substr(this.position - 1), this.transform);
          this.entries.push(parser.parse(true));
          this.position += parser.position - 2;
        }
      } else if (value === '}' && !quote) {
        this.dimension--;
        if (!this.dimension) {
          this.newEntry();
          if (nested) return this.entries;
        }
      } else if (value === '"' && !escaped) {
        if (quote) this.newEntry(true);
        quote = !quote;
      } else if (value === ',' && !quote) {
        this.newEntry();
      } else {
        this.recorded.push(value);
      }
    }
    if (this.dimension !== 0) throw new Error('array dimension not balanced');
    return this.entries;
  }
}

function identity(v) {
  return v;
}

// ---------------------------------------------------------------- pg-types 2.2.0 text parsers (MIT)

const parseBool = (v) => v === 'TRUE' || v === 't' || v === 'true' || v === 'y' || v === 'yes' || v === 'on' || v === '1';
const parseInteger = (v) => parseInt(v, 10);

function parsePoint(v) {
  if (v[0] !== '(') return null;
  const [x, y] = v.substring(1, v.length - 1).split(',');
  return { x: parseFloat(x), y: parseFloat(y) };
}

function parseCircle(v) {
  if (v[0] !== '<' && v[1] !== '(') return null;
  let point = '(';
  let radius = '';
  let pointParsed = false;
  for (let i = 2; i < v.length - 1; i++) {
    if (!pointParsed) point += v[i];
    if (v[i] === ')') {
      pointParsed = true;
      continue;
    } else if (!pointParsed) continue;
    if (v[i] === ',') continue;
    radius += v[i];
  }
  const result = parsePoint(point);
  result.radius = parseFloat(radius);
  return result;
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[65 + i] = HEX[97 + i] = 10 + i;

/** Bytes as pg-types gives them: a `Buffer` where the runtime has one, else a `Uint8Array`. */
export function bytes(u8) {
  return typeof Buffer === 'function' ? Buffer.from(u8.buffer, u8.byteOffset, u8.length) : u8;
}

/** Bytes of hex text from `at` on; like `Buffer.from(hex, 'hex')`, decoding stops at the first
 * pair that is not hex. */
export function fromHex(text, at = 0) {
  const n = (text.length - at) >> 1;
  const out = new Uint8Array(n);
  let len = 0;
  for (; len < n; len++) {
    const a = text.charCodeAt(at + 2 * len);
    const b = text.charCodeAt(at + 1 + 2 * len);
    const hi = a < 128 ? HEX[a] : -1;
    const lo = b < 128 ? HEX[b] : -1;
    if (hi < 0 || lo < 0) break;
    out[len] = (hi << 4) | lo;
  }
  return bytes(len === n ? out : out.subarray(0, len));
}

/** postgres-bytea 1.0.0: hex (`\x…`, what PostgreSQL sends) or the escape format. */
function parseByteA(input) {
  if (input.startsWith('\\x')) return fromHex(input, 2);
  const out = [];
  let i = 0;
  while (i < input.length) {
    if (input[i] !== '\\') {
      out.push(input.charCodeAt(i) & 0xff);
      ++i;
    } else if (/[0-7]{3}/.test(input.substr(i + 1, 3))) {
      out.push(parseInt(input.substr(i + 1, 3), 8) & 0xff);
      i += 4;
    } else {
      let backslashes = 1;
      while (i + backslashes < input.length && input[i + backslashes] === '\\') backslashes++;
      for (let k = 0; k < Math.floor(backslashes / 2); ++k) out.push(92);
      i += Math.floor(backslashes / 2) * 2;
    }
  }
  return bytes(Uint8Array.from(out));
}

const nullable = (f) => (v) => (v === null ? null : f(v));
const arrayOf = (f) => (v) => parseArray(v, f);

/** drizzle's neon-http driver keeps these as the endpoint's text (timestamptz, timestamp, date,
 * interval, numeric[], timestamp[], timestamptz[], interval[], date[]): its column decoders
 * parse them (drizzle-orm/neon-http/session.ts). */
export const RAW_TEXT_OIDS = new Set([1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182]);

/** pg-types' `register(oid, parser)` table, less drizzle's raw-text OIDs; any other OID stays text. */
const PARSERS = new Map([
  [20, identity], // int8: pg-types' parseBigInteger returns the text
  [21, parseInteger],
  [23, parseInteger],
  [26, parseInteger],
  [700, parseFloat],
  [701, parseFloat],
  [16, parseBool],
  [600, parsePoint],
  [651, arrayOf(identity)],
  [718, parseCircle],
  [1000, arrayOf(parseBool)],
  [1001, arrayOf(parseByteA)],
  [1005, arrayOf(parseInteger)],
  [1007, arrayOf(parseInteger)],
  [1028, arrayOf(parseInteger)],
  [1016, arrayOf((e) => e.trim())],
  [1017, arrayOf(parsePoint)],
  [1021, arrayOf(parseFloat)],
  [1022, arrayOf(parseFloat)],
  [1014, arrayOf(identity)],
  [1015, arrayOf(identity)],
  [1008, arrayOf(identity)],
  [1009, arrayOf(identity)],
  [1040, arrayOf(identity)],
  [1041, arrayOf(identity)],
  [17, parseByteA],
  [114, JSON.parse],
  [3802, JSON.parse],
  [199, arrayOf(JSON.parse)],
  [3807, arrayOf(JSON.parse)],
  [3907, arrayOf(identity)],
  [2951, arrayOf(identity)],
  [791, arrayOf(identity)],
  [1183, arrayOf(identity)],
  [1270, arrayOf(identity)],
]);

/** The parser @neondatabase/serverless applies to a non-null text cell of type `oid` under
 * drizzle's neon-http driver (`null` when it keeps the text). */
export function textParser(oid) {
  return RAW_TEXT_OIDS.has(oid) ? null : PARSERS.get(oid) ?? null;
}

/** pg-types' `noParse`: the text as it came. */
export const noParse = (v) => String(v);
/** What a result's `_types` answers (drizzle's type parsers over pg-types): `getTypeParser(oid)`,
 * the text as it came for the types drizzle keeps as text and unknown ones. */
export const DRIZZLE_TYPES = { getTypeParser: (oid) => textParser(oid) ?? noParse };

// ---------------------------------------------------------------- drizzle's column decoders

/**
 * The instant of PostgreSQL's ISO timestamp output `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM[:SS]]][ BC]`,
 * computed from its digits: the engine's generic date parser is most of a large result's cost,
 * and it is wrong outside years 1000–9999 (drizzle's `new Date(text)` reads year 1–99 as 19xx/20xx,
 * BC and 5-digit years as Invalid Date, and `infinity` as 2000-01-01). Here every year a JS Date can
 * hold comes back exactly (BC as astronomical years: 1 BC is year 0), `±infinity` and years beyond
 * ±275760 are Invalid Date, never another day. Other texts go to `new Date(text)`.
 */
export function pgDate(t) {
  const n = t.length;
  if (n < 22 || n > 35) return pgDateSlow(t);
  const y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
  const h = digits(t, 11, 2), mi = digits(t, 14, 2), s = digits(t, 17, 2);
  if ((y | mo | d | h | mi | s) < 0 || y < 1000 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45
    || t.charCodeAt(10) !== 32 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58
    || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return pgDateSlow(t);
  let i = 19;
  let ms = 0;
  if (t.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
    const len = i - start;
    if (len === 0) return pgDateSlow(t);
    ms = digits(t, start, Math.min(len, 3)) * (len === 1 ? 100 : len === 2 ? 10 : 1);
  }
  const sign = t.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return pgDateSlow(t);
  const oh = digits(t, i + 1, 2);
  let om = 0;
  const rest = n - i - 3;
  if (rest === 3 && t.charCodeAt(i + 3) === 58) om = digits(t, i + 4, 2);
  else if (rest === 2) om = digits(t, i + 3, 2);
  else if (rest !== 0) return pgDateSlow(t);
  if (oh < 0 || om < 0 || oh > 23 || om > 59) return pgDateSlow(t);
  const offset = (oh * 60 + om) * 60000 * (sign === 45 ? -1 : 1);
  if (d > 28 && d > daysIn(y, mo)) return pgDateSlow(t);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset);
}

const PG_TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?( BC)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

/** {@link pgDate} for what its fast path leaves: other years, BC, offsets with seconds, infinity. */
function pgDateSlow(t) {
  // `infinity`, `-infinity` (and them with the `+0000` a plain timestamp gets appended)
  if (t.startsWith('infinity') || t.startsWith('-infinity')) return new Date(NaN);
  const m = PG_TIMESTAMP.exec(t);
  if (m === null) return new Date(t);
  const [mo, d, h, mi, sec] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  // out-of-range fields: whatever the engine makes of them (NaN mostly), as before
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 59) return new Date(t);
  const bc = m[8] !== undefined || m[13] !== undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const sign = m[9] === '-' ? -1 : 1;
  const offset = m[9] === undefined ? 0 : sign * (Number(m[10]) * 3600 + Number(m[11] ?? 0) * 60 + Number(m[12] ?? 0)) * 1000;
  return new Date(utcDay(Number(m[1]), bc, mo, d) + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset);
}

/** Milliseconds of midnight UTC of a PostgreSQL date, for any year (`Date.UTC` maps 0–99 to 19xx). */
function utcDay(year, bc, month, day) {
  const date = new Date(0);
  date.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  return date.getTime();
}

const PG_DATE = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/;

/** A `date` column in `mode: 'date'`: midnight UTC of PostgreSQL's `YYYY-MM-DD[ BC]`, for every year (see {@link pgDate}). */
export function pgDay(t) {
  const m = PG_DATE.exec(t);
  if (m === null) return t === 'infinity' || t === '-infinity' ? new Date(NaN) : new Date(t);
  return new Date(utcDay(Number(m[1]), m[4] !== undefined, Number(m[2]), Number(m[3])));
}

function digits(t, at, len) {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysIn(y, mo) {
  return mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

const parseNumber = (v) => (typeof v === 'string' ? Number.parseFloat(v) : v);

/**
 * drizzle's json/jsonb `mapFromDriverValue`: a string is parsed. It runs only where the text
 * arrives unparsed (a json column selected as another type); a cell of type json/jsonb is already
 * parsed by its OID and a nested relation's value by its row, so a document that IS a string
 * (`"null"`, `"123"`) stays that string (drizzle parses it a second time: `null`, `123`).
 */
function jsonDecoder(v) {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The decoder to run after a cell's OID parser: none for a json column whose cell is json. */
export function afterParse(oid, decode) {
  return decode === jsonDecoder && (oid === 114 || oid === 3802) ? undefined : decode;
}

/** Whether `decode` is a json column's (its values inside a nested relation are already JSON). */
export const isJsonDecoder = (decode) => decode === jsonDecoder;

/** drizzle's `mapFromDriverValue` of a column's class, by the column's `read` fact (the crate's
 * `ColumnType::facts`, sent by wasm's `tableColumns`): the one home of which type reads how is
 * the Rust schema; an unknown tag is an error, never a silent identity. */
function baseDecoder(read, cfg) {
  switch (read) {
    case 'parsed':
      return identity;
    case 'int':
      return (v) => (typeof v === 'string' ? Number.parseInt(v) : v);
    case 'number':
      return (v) => Number(v);
    case 'bigint':
      return (v) => BigInt(v);
    case 'string':
      return (v) => String(v);
    case 'float':
      return parseNumber;
    case 'json':
      return jsonDecoder;
    case 'timestamp':
      return (v) => pgDate(v + '+0000');
    case 'timestamptz':
      return pgDate;
    case 'day':
      return pgDay;
    case 'pointTuple':
    case 'pointObject': {
      const object = read === 'pointObject';
      return (v) => {
        let x, y;
        if (typeof v === 'string') [x, y] = v.slice(1, -1).split(',').map(Number.parseFloat);
        else ({ x, y } = v);
        return object ? { x, y } : [x, y];
      };
    }
    case 'lineTuple':
    case 'lineObject': {
      const object = read === 'lineObject';
      return (v) => {
        const [a, b, c2] = v.slice(1, -1).split(',').map(Number.parseFloat);
        return object ? { a, b, c: c2 } : [a, b, c2];
      };
    }
    case 'vector':
      return (v) => v.slice(1, -1).split(',').map(Number.parseFloat);
    case 'custom':
      return cfg.fromDriver ?? identity;
    default:
      throw new Error(`edgepg: no column decoder "${read}" (the facade and its wasm module disagree)`);
  }
}

/** A column's decoder (`c`: its config as pg-core records it; `read`: its fact): drizzle's
 * `mapFromDriverValue`, applied element-wise for array columns (whose text arrives unparsed for
 * the raw-text OIDs). */
export function columnDecoder(c, read) {
  const base = baseDecoder(read, c.cfg);
  if (!c.array.length) return base;
  const deep = elementwise(base);
  return (v) => deep(typeof v === 'string' ? parseArray(v) : v);
}

/** `f` applied to a value, or to every non-null element of a (nested) array of them. */
function elementwise(f) {
  const deep = (v) => (Array.isArray(v) ? v.map((x) => (x === null ? null : deep(x))) : f(v));
  return deep;
}

// ---------------------------------------------------------------- JSON with exact numbers

/** A JSON number kept as its text (see parseJsonExact). */
export class JsonNumber {
  constructor(text) {
    this.text = text;
  }
}

/** JSON.parse, but numbers stay their text (JsonNumber): nested relations carry numeric and
 * bigint values as JSON numbers, which JSON.parse would round (drizzle's `'12.5'` for a
 * numeric `12.50`, `9007199254740992n` for `9007199254740993`). */
export function parseJsonExact(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '[') {
      i++;
      const out = [];
      ws();
      if (text[i] === ']') return i++, out;
      for (;;) {
        out.push(value());
        ws();
        if (text[i++] === ']') return out;
      }
    }
    if (c === '{') {
      i++;
      const out = {};
      ws();
      if (text[i] === '}') return i++, out;
      for (;;) {
        ws();
        const k = string();
        ws();
        i++; // :
        out[k] = value();
        ws();
        if (text[i++] === '}') return out;
      }
    }
    if (c === '"') return string();
    if (c === 't') return (i += 4), true;
    if (c === 'f') return (i += 5), false;
    if (c === 'n') return (i += 4), null;
    const start = i;
    while (i < text.length && '+-0123456789.eE'.includes(text[i])) i++;
    if (i === start) throw new SyntaxError(`unexpected ${JSON.stringify(text[i])} at ${i} in JSON`);
    return new JsonNumber(text.slice(start, i));
  };
  const string = () => {
    const start = i;
    i++;
    let escaped = false;
    while (i < text.length) {
      const c = text[i++];
      if (c === '\\') i++, (escaped = true);
      else if (c === '"') break;
    }
    const s = text.slice(start, i);
    return escaped ? JSON.parse(s) : s.slice(1, -1);
  };
  const out = value();
  ws();
  if (i !== text.length) throw new SyntaxError(`unexpected data after JSON at ${i}`);
  return out;
}

/** A value of parseJsonExact as JSON.parse would give it (numbers as JS numbers). */
export function jsonNumbers(v) {
  if (v instanceof JsonNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(jsonNumbers);
  if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) v[k] = jsonNumbers(v[k]);
  }
  return v;
}

/** A value of parseJsonExact with its numbers as their text (numeric, bigint). */
export function jsonNumberTexts(v) {
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return v.map(jsonNumberTexts);
  return v;
}

/**
 * A nested (json) value of a column whose json form differs from its text form, in the text
 * form a top-level cell of that column has: timestamps kept as strings (json writes
 * `2024-01-02T03:04:05+00:00`, text `2024-01-02 03:04:05+00`) and bytea (json writes the hex
 * text, a top-level cell is parsed to bytes). `null` for every other column (json is the value).
 * `nested` is the column's fact (`NestedAs` in the crate). Deliberate difference: drizzle
 * returns the json forms for nested columns.
 */
export function nestedTextForm(nested) {
  switch (nested) {
    case 'json':
    case 'exact':
      return null;
    case 'timestampText':
      return elementwise(isoTimestampText);
    case 'bytea':
      return elementwise(parseByteA);
    default:
      throw new Error(`edgepg: no nested form "${nested}" (the facade and its wasm module disagree)`);
  }
}

function isoTimestampText(v) {
  return v.replace(/^(\d{4,}-\d\d-\d\d)T/, '$1 ').replace(/([+-]\d\d):00(?=( BC)?$)/, '$1');
}

// ---------------------------------------------------------------- rows

/** One cell's decoder: the OID's text parser, then the selection's decoder. */
function cellDecoder(oid, decode) {
  decode = afterParse(oid, decode);
  const parse = textParser(oid);
  if (parse === null) return decode ?? identity;
  if (!decode || decode === identity) return parse;
  return (v) => decode(parse(v));
}

/**
 * drizzle's mapResultRow (utils.ts) over a whole response: `leaves` are the selection's fields
 * in column order, `{ path, decode, table }` (`table`: the column's table name, for the
 * left-join rule); `joins` maps table names to "not nullable" (undefined without joins).
 */
export function mapRows(leaves, joins, fields, rows) {
  const n = leaves.length;
  const decs = leaves.map((l, i) => cellDecoder(fields[i]?.dataTypeID, l.decode));
  const out = new Array(rows.length);
  if (!joins && leaves.every((l) => l.path.length === 1)) {
    const keys = leaves.map((l) => l.path[0]);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const o = {};
      for (let i = 0; i < n; i++) {
        const v = row[i];
        o[keys[i]] = v === null ? null : decs[i](v);
      }
      out[r] = o;
    }
    return out;
  }
  for (let r = 0; r < rows.length; r++) out[r] = mapRow(leaves, decs, rows[r], joins);
  return out;
}

function mapRow(leaves, decs, row, joins) {
  const nullify = {};
  const result = {};
  leaves.forEach(({ path, table }, i) => {
    let node = result;
    for (let j = 0; j < path.length - 1; j++) {
      if (!(path[j] in node)) node[path[j]] = {};
      node = node[path[j]];
    }
    const raw = row[i];
    const value = (node[path[path.length - 1]] = raw === null ? null : decs[i](raw));
    if (joins && table !== undefined && path.length === 2) {
      const obj = path[0];
      if (!(obj in nullify)) nullify[obj] = value === null ? table : false;
      else if (typeof nullify[obj] === 'string' && nullify[obj] !== table) nullify[obj] = false;
    }
  });
  if (joins) {
    for (const [obj, table] of Object.entries(nullify)) {
      if (typeof table === 'string' && !joins[table]) result[obj] = null;
    }
  }
  return result;
}

/** Rows as objects keyed by field name (`db.execute`), values as the neon driver gives them. */
export function objectRows(fields, rows) {
  return mapRows(fields.map((f) => ({ path: [f.name] })), undefined, fields, rows);
}

/** Rows as arrays (`rowMode: 'array'`, `arrayMode: true`), each value parsed by its OID's parser
 * (drizzle's rules: date, time and interval types stay text), without a field's own decoder. */
export function arrayRows(fields, rows) {
  const parsers = fields.map((f) => textParser(f.dataTypeID));
  return rows.map((row) => row.map((v, i) => (v === null || parsers[i] === null ? v : parsers[i](v))));
}

/** pg-types' `types` option giving every OID's value as text: rows come back from a client
 * (a neon() function, a pg-compatible Pool or Client) as the server sent them, for this file to
 * decode. */
export const RAW_TEXT = { getTypeParser: () => (v) => v };
