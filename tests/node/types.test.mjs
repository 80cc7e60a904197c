// Every type OID of docs/protocol.md §4.2 through the real @neondatabase/serverless and the
// gateway: the JS value must be exactly what pg-types gives (and the OID the one we claim).
process.env.TZ = 'UTC';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gateway, configureNeon, neon } from './gateway.mjs';

const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8'));
const D = (...a) => new Date(Date.UTC(...a));
const bc44 = new Date(Date.UTC(2000, 2, 15));
bc44.setUTCFullYear(-43);
const iv = (o) => o; // interval: compared as plain own properties

const expected = {
  bool_t: true,
  bool_f: false,
  int8: '9007199254740993',
  int8_min: '-9223372036854775808',
  int2: -32768,
  int4: 2147483647,
  oid: 4294967295,
  float4: 1.1,
  float8: -0.000001234,
  float8_nan: NaN,
  float8_inf: -Infinity,
  numeric: '12345678901234567890.50',
  numeric_nan: 'NaN',
  date: D(2024, 1, 29),
  date_bc: bc44,
  date_inf: -Infinity,
  timestamp: D(2024, 1, 29, 12, 34, 56, 789),
  timestamp_us: D(1999, 11, 31, 23, 59, 59, 123),
  timestamp_inf: Infinity,
  timestamptz: D(2024, 1, 29, 7, 4, 56, 789),
  timestamptz_zone: D(2024, 5, 1),
  time: '12:34:56.5',
  timetz: '12:34:56+02',
  interval: iv({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 789 }),
  interval_neg: iv({ days: -1, hours: -2, minutes: -3, seconds: -4 }),
  interval_zero: iv({}),
  bytea: Buffer.from('deadbeef', 'hex'),
  bytea_empty: Buffer.alloc(0),
  json: { a: [1, 2, { b: null }], c: 'é' },
  jsonb: { a: true, z: 1 },
  point: { x: 1.5, y: -2 },
  circle: { x: 1, y: 2, radius: 3.5 },
  bool_arr: [true, false, null],
  bytea_arr: [Buffer.from('01ff', 'hex'), null],
  int2_arr: [1, -2],
  int4_arr_2d: [[1, 2], [3, null]],
  oid_arr: [1, 2],
  int8_arr: ['9007199254740993', '-1'],
  float4_arr: [1.5, NaN],
  float8_arr: [-Infinity, 0.25],
  numeric_arr: [1.5, 12345678901234567000],
  timestamp_arr: [D(2020, 0, 1), Infinity],
  date_arr: [D(2020, 0, 1), null],
  timestamptz_arr: [D(2020, 0, 1, 18)],
  interval_arr: [iv({ days: 1 }), iv({ seconds: -1, milliseconds: -500 })],
  json_arr: [{ a: 1 }, [1]],
  jsonb_arr: ['x', null],
  point_arr: [{ x: 1, y: 2 }, { x: -1.5, y: 0 }],
  cidr_arr: ['10.0.0.0/8'],
  regproc_arr: ['now'],
  text_arr: ['a', 'b,c', 'd"e', 'f\\g', '{h}', 'NULL', null, '', ' sp '],
  text_arr_2d: [['a', 'b'], ['c', 'd']],
  bpchar_arr: ['ab '],
  varchar_arr: ['x', 'y'],
  macaddr_arr: ['08:00:2b:01:02:03'],
  inet_arr: ['127.0.0.1', '::1'],
  time_arr: ['10:00:00'],
  timetz_arr: ['10:00:00+01'],
  uuid_arr: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
  money_arr: ['$1.50'],
  numrange_arr: ['[1,2)'],
  uuid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  text: 'héllo "world"',
  varchar: 'v',
  money: '$12.50',
  inet: '192.168.0.1/24',
  int4range: '[1,5)',
  void: '',
  null_text: null,
  null_int8: null,
};

const plain = (v) => {
  if (Array.isArray(v)) return v.map(plain);
  if (v && v.constructor && v.constructor.name === 'PostgresInterval') return { ...v };
  return v;
};

configureNeon();

test('every case has an expectation', () => {
  assert.deepEqual(cases.map((c) => c.name).filter((n) => !(n in expected)), []);
});

test('neon() decodes every OID of §4.2 like pg-types', async () => {
  const g = await gateway();
  const sql = neon(g.connectionString, { fullResults: true });
  const list = cases.map((c, i) => `${c.expr} as c${i}`).join(', ');
  const res = await sql.query(`select ${list}`);
  assert.equal(res.rows.length, 1);
  const row = res.rows[0];
  cases.forEach((c, i) => {
    const field = res.fields[i];
    assert.equal(field.name, `c${i}`);
    assert.equal(field.dataTypeID, c.oid, `${c.name}: OID`);
    assert.deepStrictEqual(plain(row[`c${i}`]), expected[c.name], `${c.name}: value`);
  });
});

test('array mode keeps duplicate column names; command and rowCount', async () => {
  const g = await gateway();
  const sql = neon(g.connectionString, { arrayMode: true, fullResults: true });
  const res = await sql`select 1 as a, 2 as a`;
  assert.deepStrictEqual(res.rows, [[1, 2]]);
  assert.equal(res.command, 'SELECT');
  assert.equal(res.rowCount, 1);
  const obj = await neon(g.connectionString)`select 1 as a, 2 as a`;
  assert.deepStrictEqual(obj, [{ a: 2 }]);
});

test('parameters of every JS kind round-trip', async () => {
  const g = await gateway();
  const sql = neon(g.connectionString);
  const when = new Date(Date.UTC(2021, 4, 6, 7, 8, 9, 10));
  const [r] = await sql`select ${1.5}::float8 as f, ${123n}::int8 as b, ${true}::bool as t, ${null}::text as n,
    ${'x\'y'}::text as s, ${when}::timestamptz as d, ${[1, 2, null]}::int4[] as a, ${Buffer.from('hi')} as bytes,
    ${{ k: [1, 'two'] }}::jsonb as j, ${['a"b', 'c\\d']}::text[] as ta`;
  assert.deepStrictEqual(r, {
    f: 1.5, b: '123', t: true, n: null, s: "x'y", d: when, a: [1, 2, null], bytes: Buffer.from('hi'),
    j: { k: [1, 'two'] }, ta: ['a"b', 'c\\d'],
  });
});

after(async () => {
  const g = await gateway();
  g.cleanup?.();
});
