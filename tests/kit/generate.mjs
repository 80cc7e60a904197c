// The oracle of migration generation: drizzle-kit 0.31 itself writes one migration
// per schema version of steps.mjs, in order, into one folder, as a user running
// `drizzle-kit generate` after each change would. The result, normalized (the journal's `when`
// and the snapshots' random ids made deterministic), is expected/: what edgepg's generator must
// write byte for byte (SQL) and field for field (snapshots, modulo ids and timestamps).
//
//   node generate.mjs            rewrite expected/
//   node generate.mjs --check    regenerate into a temporary folder and compare (make test)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pg from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { steps, build } from './steps.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes('--check');
const kit = path.join(here, 'node_modules/.bin/drizzle-kit');
const work = mkdtempSync(path.join(here, 'work-'));
const out = path.join(work, 'out');

try {
  for (const [i, step] of steps.entries()) {
    const names = Object.keys(build(step.model, pg, sql));
    const schema = [
      "import * as pg from 'drizzle-orm/pg-core';",
      "import { sql } from 'drizzle-orm';",
      "import { steps, build } from '../steps.mjs';",
      `const s = build(steps[${i}].model, pg, sql);`,
      ...names.map((n) => `export const ${n} = s.${n};`),
      '',
    ].join('\n');
    // a new file each step: drizzle-kit's loader caches a schema file by its path
    const file = `schema_${String(i).padStart(2, '0')}.ts`;
    writeFileSync(path.join(work, file), schema);
    const tag = step.name.replace(/^\d+_/, '');
    try {
      const o = execFileSync(kit, ['generate', '--dialect=postgresql', `--schema=${path.join(path.basename(work), file)}`, `--out=${path.relative(here, out)}`, `--name=${tag}`],
        { cwd: here, stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
      // drizzle-kit exits 0 on some failures: the migration file is the proof
      const written = existsSync(out) && readdirSync(out).some((f) => f.startsWith(`${String(i).padStart(4, '0')}_`));
      if (!written) throw Object.assign(new Error('no migration written'), { stdout: o, stderr: '' });
    } catch (e) {
      throw new Error(`drizzle-kit generate failed at step ${step.name} (${e.message}):\n${e.stdout}${e.stderr}`);
    }
  }
  normalize(out);
  const expected = path.join(here, 'expected');
  if (check) {
    const diff = compare(expected, out);
    if (diff.length) {
      console.error(`tests/kit: expected/ differs from what drizzle-kit writes today:\n  ${diff.join('\n  ')}\n(run: cd tests/kit && node generate.mjs)`);
      process.exitCode = 1;
    } else {
      console.log(`tests/kit: expected/ is what drizzle-kit writes: ${steps.length} steps`);
    }
  } else {
    rmSync(expected, { recursive: true, force: true });
    copy(out, expected);
    console.log(`tests/kit: wrote expected/ (${steps.length} steps)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Deterministic `when` (journal) and ids (snapshots): the rest is drizzle-kit's. */
function normalize(dir) {
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  for (const e of journal.entries) e.when = 1764633600000 + e.idx * 60000;
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  const id = (n) => (n < 0 ? '00000000-0000-0000-0000-000000000000' : `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`);
  for (const e of journal.entries) {
    const p = path.join(dir, 'meta', `${String(e.idx).padStart(4, '0')}_snapshot.json`);
    const snap = JSON.parse(readFileSync(p, 'utf8'));
    snap.id = id(e.idx);
    snap.prevId = id(e.idx - 1);
    writeFileSync(p, JSON.stringify(snap, null, 2));
  }
}

function files(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(dir, path.join(prefix, d.name)) : [path.join(prefix, d.name)]);
}

function compare(a, b) {
  if (!existsSync(a)) return ['expected/ does not exist'];
  const fa = files(a).sort();
  const fb = files(b).sort();
  const diff = [];
  for (const f of new Set([...fa, ...fb])) {
    if (!fa.includes(f)) diff.push(`${f}: new`);
    else if (!fb.includes(f)) diff.push(`${f}: no longer written`);
    else if (readFileSync(path.join(a, f), 'utf8') !== readFileSync(path.join(b, f), 'utf8')) diff.push(`${f}: differs`);
  }
  return diff;
}

function copy(from, to) {
  for (const f of files(from)) {
    mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    writeFileSync(path.join(to, f), readFileSync(path.join(from, f)));
  }
}
