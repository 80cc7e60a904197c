// Bundle size of a minimal Worker (one table, one select, one insert) with edgepg vs the same
// Worker with drizzle-orm + @neondatabase/serverless (neon-http): what the Worker uploads, JS + wasm,
// minified, raw and gzip. Anchor from the issue: drizzle 231 KB minified / 68 KB gzip.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

async function bundle(name, stdin) {
  const outdir = join('out', name.replaceAll('/', '_'));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    ...(stdin ? { stdin: { contents: stdin, resolveDir: '.', loader: 'js' } } : { entryPoints: [`workers/${name}.ts`] }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    outdir,
    loader: { '.wasm': 'copy' },
    logLevel: 'error',
  });
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const f of readdirSync(outdir)) {
    const b = readFileSync(join(outdir, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    files.push(`${f} ${(b.length / 1024).toFixed(0)} KB`);
  }
  return { raw, gz, files };
}

const e = await bundle('edgepg');
const d = await bundle('drizzle');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.table([
  { worker: 'edgepg', 'raw (JS + wasm)': kb(e.raw), gzip: kb(e.gz), files: e.files.join(', ') },
  { worker: 'drizzle-orm + @neondatabase/serverless', 'raw (JS + wasm)': kb(d.raw), gzip: kb(d.gz), files: d.files.join(', ') },
]);
console.log(`edgepg / drizzle: raw ${(e.raw / d.raw).toFixed(2)}×, gzip ${(e.gz / d.gz).toFixed(2)}× (goal ≤ 1×; anchor 231 KB / 68 KB gzip)`);

// Each entry point's import graph alone (everything it imports, the wasm included), so that later
// features show what they add.
const rows = [];
for (const entry of ['edgepg', 'edgepg/pg-core', 'edgepg/neon-http', 'edgepg/neon-serverless']) {
  const b = await bundle(`entry-${entry}`, `export * from '${entry}';`);
  rows.push({ 'entry point': entry, 'raw (JS + wasm)': kb(b.raw), gzip: kb(b.gz), files: b.files.join(', ') });
}
console.table(rows);
