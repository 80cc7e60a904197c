// The value a JS decoder returns, as JSON that keeps what plain JSON would lose: the form of
// expected.json's `js` (see README.md). Shared by generate.mjs (pg-types, the oracle) and
// tests/ts/rows.test.mjs (edgepg's JS decoders). Run with TZ=UTC.
export function tag(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const ms = v.getTime();
    return { $date: Number.isNaN(ms) ? null : ms };
  }
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.length).toString('hex') };
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) };
  if (Array.isArray(v)) return v.map(tag);
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v).map((k) => [k, tag(v[k])]));
  return v;
}
