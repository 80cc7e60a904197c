// Golden-case generator for edgepg.
//
//   node generate.mjs          writes expected.json
//   node generate.mjs --check  regenerates in memory, exits 1 (with a diff summary) if expected.json differs
//
// The cases live in cases.mjs; this file adds drizzle's table metadata (getTableConfig) and writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildCases } from './cases.mjs';
import { buildSchema } from './schema-metadata.mjs';
import { buildRls } from './rls-metadata.mjs';
import { writeOrCheck } from '../expected-file.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outPath = join(here, 'expected.json');
const pkg = JSON.parse(readFileSync(join(here, 'node_modules/drizzle-orm/package.json'), 'utf8'));

function build() {
  return { generator: `drizzle-orm ${pkg.version}`, cases: buildCases(), schema: buildSchema(), rls: buildRls() };
}

// ---------------------------------------------------------------------------------------------
const result = build();
const text = JSON.stringify(result, null, 2) + '\n';

writeOrCheck({
  outPath,
  text,
  upToDate: `expected.json is up to date (${Object.keys(result.cases).length} cases)`,
  wrote: `wrote ${outPath}: ${Object.keys(result.cases).length} cases (${Object.values(result.cases).filter((v) => 'error' in v).length} error cases)`,
  diff(committed) {
    const lines = [];
    if (committed.generator !== result.generator) lines.push(`generator: ${committed.generator} -> ${result.generator}`);
    const oldCases = committed.cases ?? {};
    const newCases = result.cases;
    for (const k of Object.keys(newCases)) {
      if (!(k in oldCases)) lines.push(`+ ${k} (new case)`);
      else if (JSON.stringify(oldCases[k]) !== JSON.stringify(newCases[k])) {
        lines.push(`~ ${k}`);
        lines.push(`    committed: ${JSON.stringify(oldCases[k])}`);
        lines.push(`    generated: ${JSON.stringify(newCases[k])}`);
      }
    }
    for (const k of Object.keys(oldCases)) if (!(k in newCases)) lines.push(`- ${k} (missing from generator)`);
    if (JSON.stringify(committed.schema) !== JSON.stringify(result.schema)) lines.push('~ schema section differs');
    if (JSON.stringify(Object.keys(oldCases)) !== JSON.stringify(Object.keys(newCases))) lines.push('~ case order differs');
    return lines;
  },
});
