// Prints, as tagged JSON, what @neondatabase/serverless returns for every case of cases.json
// (one query through the gateway). The Rust parity test compares edgepg's values with it.
// Tags: Date → {"$date": ms|null}, Buffer → {"$bytes": hex}, NaN/±Infinity → {"$number": "…"}.
process.env.TZ = 'UTC';
import { readFileSync } from 'node:fs';
import { gateway, configureNeon, neon } from './gateway.mjs';

export function tag(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? null : v.getTime() };
  if (Buffer.isBuffer(v)) return { $bytes: v.toString('hex') };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
  if (Array.isArray(v)) return v.map(tag);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tag(x)]));
  return v;
}

const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8'));
configureNeon();
const g = await gateway();
const sql = neon(process.env.EDGEPG_PARITY_URL ?? g.connectionString, { arrayMode: true });
const [row] = await sql.query(`select ${cases.map((c, i) => `${c.expr} as c${i}`).join(', ')}`);
process.stdout.write(JSON.stringify(cases.map((c, i) => ({ name: c.name, oid: c.oid, js: tag(row[i]) }))));
g.cleanup?.();
