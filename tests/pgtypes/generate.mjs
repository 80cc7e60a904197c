// Golden vectors for edgepg's text decoding (src/types/decode.rs + src/types/js.rs).
//
//   node generate.mjs                   writes expected.json
//   node generate.mjs --check           regenerates in memory, exits 1 (with a diff summary) if expected.json differs
//   node generate.mjs --capture <conn>  asks a real PostgreSQL (through psql) for the text of every `q` case,
//                                       checks its type OID, and rewrites pg-texts.json; then writes expected.json
//
// The oracle is pg-types 2.2.0 with postgres-array 2.0.0, postgres-bytea 1.0.0, postgres-date 1.0.7 and
// postgres-interval 1.2.0: the text parsers that @neondatabase/serverless 1.x uses through pg 8.8.0.
// Every vector is { oid, text, js, source }: `text` is what PostgreSQL prints for a value of type `oid`
// (Neon's raw text mode), `js` is what pg-types returns for it, in the tagged JSON of `tag()` below.
//
// Cases are either
//   q(oid, expr, settings)  a SQL expression; its text was captured from PostgreSQL 15 into pg-texts.json
//                           (session settings are passed with PGOPTIONS; the defaults are in DEFAULT_SETTINGS)
//   t(oid, text, why)       a text PostgreSQL does not print itself but that pg-types handles on purpose
//                           (e.g. the boolean spellings other than t/f)
//
// pg-types' Date results depend on the runtime time zone: this script always runs with TZ=UTC
// (it re-executes itself when TZ is anything else), so dates are tagged with their UTC epoch ms.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { writeOrCheck } from '../expected-file.mjs';
import { tag } from './tag.mjs';

const self = fileURLToPath(import.meta.url);
if (process.env.TZ !== 'UTC') {
  const r = spawnSync(process.execPath, [...process.execArgv, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' },
  });
  process.exit(r.status ?? 1);
}

const here = dirname(self);
const outPath = join(here, 'expected.json');
const textsPath = join(here, 'pg-texts.json');
const { default: types } = await import('pg-types');
const version = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
const GENERATOR = `pg-types ${version('pg-types')} (postgres-array ${version('postgres-array')}, postgres-bytea ${version(
  'postgres-bytea',
)}, postgres-date ${version('postgres-date')}, postgres-interval ${version('postgres-interval')})`;

const DEFAULT_SETTINGS = { timezone: 'UTC', datestyle: 'ISO,MDY', intervalstyle: 'postgres', extra_float_digits: '1' };

// ---------------------------------------------------------------------------------------------
const cases = [];
const q = (oid, expr, settings = {}) => cases.push({ oid, expr, settings });
const t = (oid, text, why) => cases.push({ oid, text, why });
const key = (c) => {
  const s = Object.entries(c.settings).map(([k, v]) => `${k}=${v}`);
  return (s.length ? `SET ${s.join(', ')}; ` : '') + c.expr;
};
const IST = { timezone: 'Asia/Kolkata' };
const LA = { timezone: 'America/Los_Angeles' };
const ESCAPE = { bytea_output: 'escape' };

// ---- bool (16) ------------------------------------------------------------------------------
q(16, 'true');
q(16, 'false');
for (const s of ['TRUE', 'true', 'y', 'yes', 'on', '1', 'FALSE', 'false', 'n', 'no', 'off', '0', 'T', 'Yes', 'ON', ''])
  t(16, s, 'pg-types truth table (PostgreSQL itself prints only t/f)');

// ---- integers (20, 21, 23, 26) ---------------------------------------------------------------
for (const v of ['0', '1', '-1', '9007199254740993', '9223372036854775807', '(-9223372036854775807 - 1)']) q(20, `${v}::int8`);
for (const v of ['0', '32767', '(-32768)']) q(21, `${v}::int2`);
for (const v of ['42', '2147483647', '(-2147483648)']) q(23, `${v}::int4`);
for (const v of ['0', '4294967295', '1259']) q(26, `${v}::oid`);

// ---- floats (700, 701) -------------------------------------------------------------------------
for (const v of ['1.1', '0.1', '3.4028235e38', '1e-45', "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", '123456.7'])
  q(700, `${v}::float4`);
for (const v of ['0.1::float8 + 0.2', '1e308', '5e-324', "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", '1e21', '1e20', 'pi()', '-1.5e-7', '123456789012345680000'])
  q(701, `(${v})::float8`);

// ---- numeric (1700) ---------------------------------------------------------------------------
for (const v of ['1.50', '-0.001', "'NaN'", "'Infinity'", "'-Infinity'", '12345678901234567890.12345678901234567890', '0', '1e-20', '-1e20'])
  q(1700, `${v}::numeric`);

// ---- date (1082) -----------------------------------------------------------------------------
for (const v of [
  '2024-01-31', '2024-02-29', '1970-01-01', '1969-12-31', '0001-01-01', '0001-01-01 BC', '0044-03-15 BC', '0001-02-29 BC',
  '0001-03-01 BC', '0004-02-29', '0048-02-29', '0099-12-31', '0100-01-01', '4713-01-01 BC', '275760-09-13', '275760-09-14',
  '5874897-12-31', 'infinity', '-infinity',
])
  q(1082, `'${v}'::date`);

// ---- timestamp (1114) --------------------------------------------------------------------------
for (const v of [
  '2024-01-31 12:34:56', '2024-01-31 12:34:56.5', '2024-01-31 12:34:56.12', '2024-01-31 12:34:56.123', '2024-01-31 12:34:56.1234',
  '2024-01-31 12:34:56.12345', '2024-01-31 12:34:56.123456', '2024-01-31 12:34:56.999999', '2024-01-31 12:34:56.001',
  '2024-01-31 12:34:56.29', '2024-01-31 12:34:56.57', '1970-01-01 00:00:00.000001', '1969-12-31 23:59:59.999',
  '0001-01-01 00:00:00', '0044-03-15 12:00:00 BC', '0001-02-29 12:00:00 BC', '0050-06-15 01:02:03.5', '0099-12-31 23:59:59.999999',
  '4713-01-01 00:00:00 BC', '275760-09-13 00:00:00', '294276-12-31 23:59:59.999999', 'infinity', '-infinity',
])
  q(1114, `'${v}'::timestamp`);

// ---- timestamptz (1184) ------------------------------------------------------------------------
for (const v of [
  '2024-01-31 12:34:56+00', '2024-01-31 12:34:56.5+00', '2024-01-31 12:34:56.12+00', '2024-01-31 12:34:56.123+00',
  '2024-01-31 12:34:56.1234+00', '2024-01-31 12:34:56.12345+00', '2024-01-31 12:34:56.123456+00', '1970-01-01 00:00:00+00',
  '0001-01-01 00:00:00+00', '0044-03-15 12:00:00+00 BC', '0001-02-29 12:00:00+00 BC', '0050-06-15 01:02:03.5+00',
  '275760-09-13 00:00:00+00', '275760-09-13 00:00:00.001+00', '294276-12-31 23:59:59.999999+00', 'infinity', '-infinity',
])
  q(1184, `'${v}'::timestamptz`);
for (const v of ['2024-01-31 12:34:56.789+00', '2024-06-01 00:00:00+00', '0044-03-15 12:00:00+00 BC', '1900-01-01 00:00:00+00'])
  q(1184, `'${v}'::timestamptz`, IST);
for (const v of ['2024-01-31 12:34:56.789+00', '2024-07-04 12:00:00+00', '0050-06-15 01:02:03+00', '1883-11-18 12:00:00+00'])
  q(1184, `'${v}'::timestamptz`, LA);
q(1184, "'1900-01-01 00:00:00+00'::timestamptz", { timezone: 'Europe/Amsterdam' });
q(1184, "'2024-06-01 12:00:00+00'::timestamptz", { timezone: 'America/St_Johns' });
q(1184, "'2024-01-01 12:00:00+00'::timestamptz", { timezone: 'Pacific/Chatham' });
q(1184, "'2024-01-01 12:00:00+00'::timestamptz", { timezone: 'UTC', datestyle: 'ISO,DMY' });

// ---- time, timetz (1083, 1266) ---------------------------------------------------------------
for (const v of ['12:34:56', '24:00:00', '00:00:00.123456']) q(1083, `'${v}'::time`);
for (const v of ['12:34:56+05:30', '12:34:56-08', '00:00:00.5+00']) q(1266, `'${v}'::timetz`);

// ---- interval (1186) -------------------------------------------------------------------------
for (const v of [
  '1 year 2 mons 3 days 04:05:06.789', '-1 year -2 mons', '-1 year -2 mons +3 days', '1 year -2 mons +3 days -04:05:06.789', '-1 year +2 mons -3 days +04:05:06.789',
  '0', '-0.5 seconds', '1 microsecond', '-1 microsecond', '0.1 seconds', '0.12 seconds', '0.123 seconds', '0.1234 seconds',
  '0.12345 seconds', '0.123456 seconds', '0.999999 seconds', '123 hours', '2562047788 hours 54.775807 seconds',
  '-2562047788 hours -54.775808 seconds', '178000000 years', '-178000000 years', '1 mon', '1 day', '-1 day', '1 year',
  '1.5 years', '1 day -1 second', '-1 day +1 second', '-1 days -02:00:00', '1 hour', '1 minute', '1 second', '59 seconds 999 milliseconds',
  '3 days 00:00:00.000001', '1000000 days',
])
  q(1186, `interval '${v}'`);
q(1186, "interval '1 year 2 mons -3 days 04:05:06.5'", { intervalstyle: 'iso_8601' });
q(1186, "interval '1 year 2 mons 3 days 04:05:06.5'", { intervalstyle: 'sql_standard' });
q(1186, "interval '-1 year -2 mons'", { intervalstyle: 'sql_standard' });
q(1186, "interval '1 year 2 mons 3 days 04:05:06.5'", { intervalstyle: 'postgres_verbose' });

// ---- bytea (17) --------------------------------------------------------------------------------
const BYTEA = [
  "''::bytea", String.raw`'\xdeadbeef'::bytea`, String.raw`'\x00ff7f80'::bytea`, "'hello'::bytea", String.raw`'\x5c'::bytea`,
  String.raw`'\x5c5c313233'::bytea`, String.raw`'\x5c313233'::bytea`, String.raw`'\x5c5c5c'::bytea`,
  String.raw`'\x0001015c2741ff7f20'::bytea`, "convert_to('é😀', 'UTF8')",
];
for (const v of BYTEA) q(17, v);
for (const v of BYTEA) q(17, v, ESCAPE);

// ---- json, jsonb (114, 3802) ------------------------------------------------------------------
// Shortest round-trip doubles (what JSON.stringify writes) that a fast float parser gets wrong.
const HARD_FLOATS =
  "'[-0.9121847152709961, 1.3870078139007091e-15, 2.5419926643371586e-10, 7.921624183654786e-22, 0.30000000000000004, 2.2250738585072011e-308, 5e-324, 123456789.12345679]'";
for (const v of [
  String.raw`'{"a": [1, 2.5, "x"], "b": null, "c": {"d": true}}'`, `'[]'`, `'"str"'`, `'null'`, `'true'`, `'0.1'`,
  `'12345678901234567890'`, `'9007199254740993'`, `'1.7976931348623157e308'`, `'-0'`, `'1e-7'`,
  String.raw`'{"k": "é\u00e9😀\n\"q\"", "b": 1, "2": 2, "a": 3}'`, String.raw`'{"dup": 1, "dup": 2}'`, `'  {"sp" :  1 }  '`,
  HARD_FLOATS,
])
  q(114, `${v}::json`);
for (const v of [
  String.raw`'{"a": [1, 2.5, "x"], "b": null, "c": {"d": true}}'`, `'[]'`, `'{}'`, `'"str"'`, `'null'`, `'1.0'`, `'1e20'`,
  `'12345678901234567890'`, String.raw`'{"k": "é\u00e9😀\n\"q\"", "b": 1, "2": 2, "a": 3}'`, String.raw`'{"dup": 1, "dup": 2}'`,
  HARD_FLOATS, `'1.7976931348623157e308'`,
])
  q(3802, `${v}::jsonb`);

// ---- point, circle (600, 718) ------------------------------------------------------------------
for (const v of ['point(1,2)', 'point(-1.5,2e30)', 'point(0.1,-0.000001)', "point('NaN','Infinity')", "'(-0,0)'::point"]) q(600, v);
for (const v of ['circle(point(1,-2),3.25)', 'circle(point(-1.5,0.001),1e20)', "'<(0,0),0>'::circle"]) q(718, v);

// ---- arrays with element parsers ----------------------------------------------------------------
const arrays = [
  [1000, ["'{t,f,NULL}'::bool[]", "'{{t,f},{f,t}}'::bool[]", "'{}'::bool[]"]],
  [1001, [String.raw`array['\xdead'::bytea, null, ''::bytea, '\x5c22'::bytea]`]],
  [1005, ["'{1,-2,NULL,32767}'::int2[]"]],
  [1007, ["'{{1,2},{3,4}}'::int4[]", "'[0:1]={1,2}'::int4[]", "'[1:1][-2:-1]={{1,2}}'::int4[]", "'{}'::int4[]", "'{{{1},{2}},{{3},{NULL}}}'::int4[]"]],
  [1028, ["'{0,4294967295}'::oid[]"]],
  [1016, ["'{9223372036854775807,-9223372036854775808,NULL,0}'::int8[]"]],
  [1021, ["'{1.1,NaN,Infinity,-Infinity,-0}'::float4[]"]],
  [1022, ["array[0.1::float8 + 0.2, 1e308, '-0', 5e-324, 1e21]"]],
  [1231, ["'{1.50,12345678901234567890.123,NaN,Infinity,-Infinity,NULL,-0.001}'::numeric[]", "'{{1.5},{2.25}}'::numeric[]"]],
  [1115, [`array['2024-01-31 12:34:56.5'::timestamp, 'infinity', null, '0044-03-15 12:00:00 BC', '0050-06-15 01:02:03']`]],
  [1182, [`array['2024-01-31'::date, '0044-03-15 BC', '-infinity', null, '0001-02-29 BC']`]],
  [1185, [`array['2024-01-31 12:34:56.5+00'::timestamptz, 'infinity', null]`]],
  [1187, [`array[interval '1 year 2 mons', '-00:00:00.5', '0', null, '-1 days +02:03:04.000005']`]],
  [199, [String.raw`array['{"a":1}'::json, '[1,"x"]', null, '"s\"q"', 'null']`]],
  [3807, [String.raw`array['{"a": 1}'::jsonb, '[1, "x"]', null, '{"k": "é\\"}']`]],
  [1017, ["array[point(1,2), point(-3.5,4e-05), null]"]],
];
for (const [oid, exprs] of arrays) for (const e of exprs) q(oid, e);
q(1001, String.raw`array['\x5c00'::bytea, 'ab'::bytea, ''::bytea]`, ESCAPE);
q(1185, `array['2024-01-31 12:34:56.5+00'::timestamptz, '1900-01-01 00:00:00+00']`, IST);

// ---- many values at once (arrays of generated values) ---------------------------------------
// Feb 28 - Mar 2 around the years where Date's 0-99 => 1900-1999 rule and BC years meet.
q(1182, 'array(select make_date(y, 2, 28) + k from generate_series(-8, 104) y, generate_series(0, 2) k where y <> 0 order by 1)');
// Fractions of seconds: 1000 * parseFloat('.xxxxxx'), truncated by Date.
q(1115, "array(select timestamp '1999-12-31 23:59:59' + i * interval '0.000137 seconds' from generate_series(1, 400) i)");
q(1185, "array(select timestamptz '2024-03-30 12:00:00+00' + i * interval '7 hours 0.3 seconds' from generate_series(0, 40) i)", { timezone: 'Australia/Lord_Howe' });
q(1185, "array(select timestamptz '1880-01-01 00:00:00+00' + i * interval '5 years 1 day' from generate_series(0, 30) i)", { timezone: 'Asia/Kathmandu' });
q(1185, "array(select timestamptz '0100-01-01 00:00:00+00 BC' + i * interval '7 years 3 months 1.5 seconds' from generate_series(0, 40) i)", { timezone: 'America/New_York' });
q(1187, "array(select (case when i % 2 = 0 then -1 else 1 end) * i * interval '1 mon 1 day 1 hour 1 minute 1.000001 second' from generate_series(-20, 20) i)");
q(1187, "array(select i * 7919 * interval '1 microsecond' from generate_series(1, 300) i)");
q(1187, "array(select make_interval(years => i % 3 - 1, months => i % 5 - 2, days => i % 7 - 3, hours => i % 11 - 5, mins => i % 13 - 6, secs => (i % 17 - 8) * 1.25) from generate_series(0, 60) i)");

// ---- string arrays -------------------------------------------------------------------------------
q(1009, String.raw`array['a,b', 'q"uote', 'back\slash', '{brace}', '}', '', 'NULL', 'null', ' lead', 'trail ', E'tab\there', E'new\nline', null, 'é😀', 'plain']`);
q(1009, "array[array['a','b'],array['c',null]]");
q(1009, String.raw`array[array['{"x"}', '\'], array['', ',']]`);
q(1009, "'{}'::text[]");
q(1009, "'[2:3]={a,b}'::text[]");
q(1009, "'[0:0][1:2]={{x,y}}'::text[]");
q(1009, String.raw`array[E'\\\\', '"', '""', '\"', 'a b c']`);
q(1015, "array['x'::varchar, 'y z', null]");
q(1014, "array['a'::char(3), 'bc'::char(3)]");
q(1008, "array['now'::regproc, 'int4in'::regproc]");
q(651, "array['10.0.0.0/8'::cidr, '::1/128']");
q(1041, "array['192.168.0.1/24'::inet, '::1']");
q(1040, "array['08:00:2b:01:02:03'::macaddr]");
q(1183, "array['12:34:56'::time, '00:00:00.5']");
q(1270, "array['12:34:56+05:30'::timetz]");
q(2951, "array['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, null]");
q(791, "array['1.50'::money, '-1234.5']");
q(3907, "array[numrange(1,2), numrange(null, 3, '(]'), 'empty']");

// ---- everything else: the text as is ------------------------------------------------------------
q(25, "'hello'::text");
q(25, "''::text");
q(25, String.raw`E'é😀 \\ "q" \n'::text`);
q(1043, "'var'::varchar");
q(1042, "'a'::char(3)");
q(18, `'c'::"char"`);
q(19, "'a name'::name");
q(2950, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid");
q(790, "'1234.5'::money");
q(790, "'-1'::money");
q(869, "'192.168.0.1/24'::inet");
q(650, "'10.0.0.0/8'::cidr");
q(829, "'08:00:2b:01:02:03'::macaddr");
q(3904, 'int4range(1, 10)');
q(3906, "numrange(1.5, null)");
q(3910, "tstzrange('2024-01-01 00:00+00', '2024-02-01 00:00+00')");
q(1002, `array['a'::"char", 'b']`);
q(1003, "array['n1'::name, 'n 2']");
q(22, `'1 2'::int2vector`);
q(30, `'1 2'::oidvector`);
q(2278, 'pg_sleep(0)');
q(142, "'<a>x</a>'::xml");
q(3614, "'a fat cat'::tsvector");
q(1560, "B'101'");
q(603, "box(point(1,1), point(0,0))");
q(601, "lseg(point(0,0), point(1,1))");
q(2205, "'pg_class'::regclass");
t(16384, 'happy', 'an enum (its OID is assigned by CREATE TYPE)');

function psqlText(conn, c) {
  const settings = { ...DEFAULT_SETTINGS, ...c.settings };
  const PGOPTIONS = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const sql = `select x, pg_typeof(x)::oid from (select ${c.expr} as x) s`;
  const r = spawnSync('psql', [conn, '-X', '-q', '-A', '-t', '-F', '\u0001', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS },
  });
  if (r.status !== 0) throw new Error(`psql failed for ${key(c)}: ${r.stderr}`);
  const out = r.stdout.replace(/\n$/, '');
  const sep = out.lastIndexOf('\u0001');
  const oid = Number(out.slice(sep + 1));
  if (oid !== c.oid) throw new Error(`${key(c)} has type OID ${oid}, the case says ${c.oid}`);
  return out.slice(0, sep);
}

function capture(conn) {
  const server = spawnSync('psql', [conn, '-X', '-A', '-t', '-c', 'select version()'], { encoding: 'utf8' }).stdout.trim();
  const texts = {};
  for (const c of cases) if (c.expr !== undefined) texts[key(c)] = psqlText(conn, c);
  writeFileSync(textsPath, JSON.stringify({ server, defaults: DEFAULT_SETTINGS, texts }, null, 2) + '\n');
  console.log(`wrote ${textsPath}: ${Object.keys(texts).length} texts from ${server}`);
}

function build() {
  const captured = JSON.parse(readFileSync(textsPath, 'utf8'));
  const vectors = cases.map((c) => {
    let text = c.text;
    let source = `synthetic: ${c.why}`;
    if (c.expr !== undefined) {
      source = key(c);
      text = captured.texts[source];
      if (text === undefined) throw new Error(`no captured text for ${source}; run with --capture <conn>`);
    }
    return { oid: c.oid, text, js: tag(types.getTypeParser(c.oid, 'text')(text)), source };
  });
  return { generator: GENERATOR, server: captured.server, vectors };
}

// ---------------------------------------------------------------------------------------------
const captureAt = process.argv.indexOf('--capture');
if (captureAt >= 0) {
  const conn = process.argv[captureAt + 1];
  if (!conn) throw new Error('--capture needs a connection string');
  capture(conn);
}

const result = build();
// One vector per line, so that diffs stay readable.
const text =
  `{"generator":${JSON.stringify(result.generator)},\n"server":${JSON.stringify(result.server)},\n"vectors":[\n` +
  result.vectors.map((v) => JSON.stringify(v)).join(',\n') +
  '\n]}\n';

writeOrCheck({
  outPath,
  text,
  upToDate: `expected.json is up to date (${result.vectors.length} vectors)`,
  wrote: `wrote ${outPath}: ${result.vectors.length} vectors, ${new Set(result.vectors.map((v) => v.oid)).size} OIDs`,
  diff(committed) {
    const lines = [];
    if (committed.generator !== result.generator) lines.push(`generator: ${committed.generator} -> ${result.generator}`);
    if (committed.server !== result.server) lines.push(`server: ${committed.server} -> ${result.server}`);
    const old = committed.vectors ?? [];
    const n = Math.max(old.length, result.vectors.length);
    for (let i = 0; i < n; i++) {
      const a = JSON.stringify(old[i]);
      const b = JSON.stringify(result.vectors[i]);
      if (a !== b) {
        lines.push(`~ vector ${i}`);
        lines.push(`    committed: ${a}`);
        lines.push(`    generated: ${b}`);
      }
    }
    return lines;
  },
});
