// The JS side's decoders (pkg-template/rows.js) against the oracles: the pg-types 2.2.0 vectors
// that the Rust decoders also pass (tests/pgtypes/expected.json), postgres-array 2.0.0 itself,
// and the engine's own `new Date` for the fast timestamp path. Pure: no database, no wasm.
process.env.TZ = 'UTC';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { textParser, RAW_TEXT_OIDS, parseArray, pgDate, columnDecoder, mapRows, objectRows, parseJsonExact, jsonNumbers, jsonNumberTexts } from '../../pkg-template/rows.js';
import { tag } from '../pgtypes/tag.mjs';

const require = createRequire(import.meta.url);
const postgresArray = require('../pgtypes/node_modules/postgres-array');
const { vectors } = JSON.parse(readFileSync(new URL('../pgtypes/expected.json', import.meta.url), 'utf8'));

test('pg-types vectors: every OID decodes as pg-types does, drizzle\'s raw-text OIDs stay text', () => {
  let parsed = 0;
  let raw = 0;
  for (const v of vectors) {
    const parse = textParser(v.oid);
    if (RAW_TEXT_OIDS.has(v.oid)) {
      assert.equal(parse, null, `oid ${v.oid} is kept as text by drizzle's neon-http`);
      raw++;
      continue;
    }
    const got = parse === null ? v.text : parse(v.text);
    // through JSON, as expected.json was written (-0 reads back as 0)
    assert.deepEqual(JSON.parse(JSON.stringify(tag(got))), v.js, `oid ${v.oid} ${JSON.stringify(v.text)} (${v.source})`);
    parsed++;
  }
  // every vector was checked one way or the other
  assert.equal(parsed + raw, vectors.length);
  assert.ok(parsed > 150 && raw > 50, `${parsed} parsed, ${raw} raw`);
});

test('parseArray equals postgres-array 2.0.0 on generated literals', () => {
  let seed = 7;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const atoms = ['1', '-2', 'NULL', '"NULL"', '""', '"a b"', '"q\\"uote"', '"back\\\\slash"', 'x', '"{}"', '"a,b"', 'ä', '3.5'];
  const gen = (depth) => {
    const n = rnd(4);
    const items = [];
    for (let i = 0; i < n; i++) items.push(depth < 2 && rnd(3) === 0 ? gen(depth + 1) : atoms[rnd(atoms.length)]);
    return `{${items.join(',')}}`;
  };
  const cases = ['{}', '{{1,2},{3,4}}', '[1:2]={1,2}', '[0:1][1:1]={{a},{b}}', '{"\\\\x00"}', '{ a , b }'];
  for (let i = 0; i < 2000; i++) cases.push(gen(0));
  const upper = (s) => s.toUpperCase();
  for (const c of cases) {
    assert.deepEqual(parseArray(c), postgresArray.parse(c), c);
    assert.deepEqual(parseArray(c, upper), postgresArray.parse(c, upper), c);
  }
});

test('pgDate equals new Date(text) on PostgreSQL timestamp texts, and is right where new Date is not', () => {
  const texts = ['2024-01-31 12:34:56+00', '2024-01-31 12:34:56.5+00', '2024-01-31 04:34:56.789-08', '2024-06-01 09:30:00-02:30',
    '2024-01-02 01:45:00+13:45', '1900-01-01 05:21:10+05:21:10', '0044-03-15 12:00:00+00 BC', '0099-12-31 23:59:59+00',
    '275760-09-13 00:00:00+00', 'infinity', '-infinity', '2024-02-30 12:00:00+00', '2023-02-29 00:00:00+00', '2024-02-29 00:00:00+00',
    '2024-01-31 12:34:56.1234567+00', '2024-01-31 12:34:56.+00', '2024-01-31 24:00:00+00', '2024-01-31 12:60:00+00', '1000-01-01 00:00:00+00',
    '9999-12-31 23:59:59.999999+00', '2024-01-31 12:34:56+0000', '2024-01-31 12:34:56.123456+0000', '2024-01-31 12:34:56+05:30+0000', '2024-1-31 12:34:56+00'];
  let seed = 11;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const p2 = (n) => String(n).padStart(2, '0');
  for (let i = 0; i < 20000; i++) {
    const y = 1000 + rnd(9000);
    const frac = rnd(3) === 0 ? '' : '.' + String(rnd(1000000)).padStart(6, '0').slice(0, 1 + rnd(6));
    const off = ['+00', '-08', '+05:30', '-02:30', '+13:45', '+0000', '-03:00:00'][rnd(7)];
    texts.push(`${y}-${p2(1 + rnd(12))}-${p2(1 + rnd(31))} ${p2(rnd(24))}:${p2(rnd(60))}:${p2(rnd(60))}${frac}${off}`);
  }
  // where the engine's parser is wrong (drizzle's values), pgDate is exact: years 1–999, BC
  // (astronomical: 44 BC is -43), 5-digit years; infinity is Invalid Date, never 2000-01-01
  const utc = (y, ...rest) => {
    const d = new Date(Date.UTC(2000, ...rest));
    d.setUTCFullYear(y);
    return d.getTime();
  };
  const exact = {
    '0044-03-15 12:00:00+00 BC': utc(-43, 2, 15, 12),
    '0099-12-31 23:59:59+00': utc(99, 11, 31, 23, 59, 59),
    '275760-09-13 00:00:00+00': utc(275760, 8, 13),
    '1900-01-01 05:21:10+05:21:10': Date.UTC(1900, 0, 1), // an offset with seconds (LMT)
    'infinity': NaN,
    '-infinity': NaN,
  };
  assert.ok(new Date('0099-12-31 23:59:59+00').getUTCFullYear() === 1999, 'the engine reads year 99 as 1999');
  for (const t of texts) {
    // the engine cannot read an offset with seconds (PostgreSQL's LMT offsets): compare with the
    // same instant written without them
    const want = t in exact ? exact[t] : new Date(/[+-]\d\d:\d\d:00$/.test(t) ? t.slice(0, -3) : t).getTime();
    const got = pgDate(t).getTime();
    assert.ok(Object.is(got, want), `${t}: ${got} != ${want}`);
  }
  assert.equal(pgDate('0001-01-01 00:00:00+0000').toISOString(), '0001-01-01T00:00:00.000Z');
  assert.equal(pgDate('0044-03-15 12:00:00 BC+0000').toISOString(), '-000043-03-15T12:00:00.000Z');
  assert.ok(Number.isNaN(pgDate('infinity+0000').getTime()));
  assert.ok(Number.isNaN(pgDate('275761-01-01 00:00:00+00').getTime()), 'beyond what a Date holds');
});

test('timestamp columns decode as drizzle does (new Date of the text, +0000 without a time zone)', () => {
  const tz = columnDecoder({ cfg: {}, array: [] }, 'timestamptz');
  const plain = columnDecoder({ cfg: {}, array: [] }, 'timestamp');
  assert.equal(tz('2024-01-31 18:04:56.789+05:30').toISOString(), '2024-01-31T12:34:56.789Z');
  assert.equal(plain('2024-01-31 12:34:56.5').toISOString(), '2024-01-31T12:34:56.500Z');
  const arr = columnDecoder({ cfg: {}, array: [null] }, 'timestamptz');
  assert.deepEqual(arr('{"2024-01-31 12:00:00+00",NULL}').map((d) => d && d.getTime()), [1706702400000, null]);
});

test('mapRows: flat rows, nested selections, and the left-join null rule', () => {
  const int = { path: ['id'], decode: undefined };
  const fields = [{ dataTypeID: 23 }, { dataTypeID: 25 }];
  assert.deepEqual(mapRows([int, { path: ['name'] }], undefined, fields, [['1', 'a'], ['2', null]]), [{ id: 1, name: 'a' }, { id: 2, name: null }]);
  const nested = [{ path: ['u', 'id'], table: 'users' }, { path: ['p', 'id'], table: 'posts' }];
  const rows = mapRows(nested, { users: true, posts: false }, [{ dataTypeID: 23 }, { dataTypeID: 23 }], [['1', null], ['2', '5']]);
  assert.deepEqual(rows, [{ u: { id: 1 }, p: null }, { u: { id: 2 }, p: { id: 5 } }]);
  assert.deepEqual(objectRows([{ name: 'n', dataTypeID: 20 }, { name: 'j', dataTypeID: 3802 }], [['9007199254740993', '{"a":1}']]),
    [{ n: '9007199254740993', j: { a: 1 } }]);
});

test('parseJsonExact: JSON.parse with numbers kept as their text', () => {
  let seed = 5;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const atoms = ['0', '-1', '12.50', '1e21', '-3.5E-7', '9007199254740993', 'true', 'false', 'null', '""', '"a\\"b"', '"\\u00e9\\n"', '"x y"'];
  const gen = (depth) => {
    const r = rnd(depth > 2 ? 1 : 3);
    if (r === 1) return `[${Array.from({ length: rnd(4) }, () => gen(depth + 1)).join(', ')}]`;
    if (r === 2) return `{${Array.from({ length: rnd(3) }, (_, i) => `"k${i}": ${gen(depth + 1)}`).join(',')}}`;
    return atoms[rnd(atoms.length)];
  };
  for (let i = 0; i < 2000; i++) {
    const text = gen(0);
    assert.deepEqual(jsonNumbers(parseJsonExact(text)), JSON.parse(text), text);
  }
  assert.deepEqual(jsonNumberTexts(parseJsonExact('[12.50, 9007199254740993, "s", null, [1.0]]')), ['12.50', '9007199254740993', 's', null, ['1.0']]);
  assert.throws(() => parseJsonExact('[1] x'), SyntaxError);
});
