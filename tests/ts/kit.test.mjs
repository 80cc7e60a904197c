// edgepg/kit's snapshots of edgepg schemas equal drizzle-kit's own, for every schema version of
// tests/kit/steps.mjs (tests/kit/expected/ was written by drizzle-kit 0.31 from the same steps
// built with drizzle-orm's pg-core): the same tables, columns in the same order, indexes,
// constraints, enums and schemas; only drizzle-kit's random ids differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, cpSync, rmSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pg from 'edgepg/pg-core';
import { sql } from 'edgepg';
import { snapshot } from 'edgepg/kit';
import { steps, build } from '../kit/steps.mjs';

const expected = new URL('../kit/expected/meta/', import.meta.url);

test(`edgepg schemas give drizzle-kit's snapshots (${steps.length} steps)`, () => {
  for (const [i, step] of steps.entries()) {
    const want = JSON.parse(readFileSync(new URL(`${String(i).padStart(4, '0')}_snapshot.json`, expected), 'utf8'));
    delete want.id;
    delete want.prevId;
    const got = snapshot(build(step.model, pg, sql));
    assert.deepEqual(got, want, step.name);
    for (const [key, t] of Object.entries(want.tables)) {
      assert.deepEqual(Object.keys(got.tables[key].columns), Object.keys(t.columns), `${step.name}: column order of ${key}`);
    }
  }
});

/** `when` and snapshot ids made deterministic, as tests/kit/generate.mjs does for expected/. */
function normalized(dir) {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8'));
  const files = { 'meta/_journal.json': JSON.stringify({ ...journal, entries: journal.entries.map((e) => ({ ...e, when: 1764633600000 + e.idx * 60000 })) }, null, 2) };
  const id = (n) => (n < 0 ? '00000000-0000-0000-0000-000000000000' : `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`);
  for (const e of journal.entries) {
    const f = `meta/${String(e.idx).padStart(4, '0')}_snapshot.json`;
    const snap = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    files[f] = JSON.stringify({ ...snap, id: id(e.idx), prevId: id(e.idx - 1) }, null, 2);
    files[`${e.tag}.sql`] = readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8');
  }
  return files;
}

test('npx edgepg generate writes drizzle-kit\'s folder, and continues one drizzle-kit started', () => {
  const expectedDir = fileURLToPath(new URL('../kit/expected/', import.meta.url));
  const want = normalized(expectedDir);
  const cli = fileURLToPath(new URL('./node_modules/edgepg/cli.js', import.meta.url));
  const stepsFile = fileURLToPath(new URL('../kit/steps.mjs', import.meta.url));
  for (const from of [0, 22]) {
    // the working folder sits here, so that the schema modules resolve `edgepg`
    const work = mkdtempSync(path.join(path.dirname(cli), '..', '..', '.kit-work-'));
    try {
      const out = path.join(work, 'drizzle');
      if (from > 0) {
        // drizzle-kit's own first steps, then edgepg's
        mkdirSync(path.join(out, 'meta'), { recursive: true });
        const journal = JSON.parse(readFileSync(path.join(expectedDir, 'meta/_journal.json'), 'utf8'));
        journal.entries = journal.entries.slice(0, from);
        writeFileSync(path.join(out, 'meta/_journal.json'), JSON.stringify(journal, null, 2));
        for (const e of journal.entries) {
          cpSync(path.join(expectedDir, `${e.tag}.sql`), path.join(out, `${e.tag}.sql`));
          const f = `meta/${String(e.idx).padStart(4, '0')}_snapshot.json`;
          cpSync(path.join(expectedDir, f), path.join(out, f));
        }
      }
      for (let i = from; i < steps.length; i++) {
        const names = Object.keys(build(steps[i].model, pg, sql));
        const file = path.join(work, `schema_${i}.mjs`);
        writeFileSync(file, [
          "import * as pg from 'edgepg/pg-core';",
          "import { sql } from 'edgepg';",
          `import { steps, build } from ${JSON.stringify(stepsFile)};`,
          `const s = build(steps[${i}].model, pg, sql);`,
          ...names.map((n) => `export const ${n} = s.${n};`),
        ].join('\n'));
        const tag = steps[i].name.replace(/^\d+_/, '');
        const said = execFileSync(process.execPath, [cli, 'generate', '--schema', file, '--out', out, '--name', tag], { encoding: 'utf8', stdio: 'pipe' });
        assert.match(said, /^wrote /, `${steps[i].name}: ${said}`);
      }
      assert.equal(execFileSync(process.execPath, [cli, 'generate', '--schema', path.join(work, `schema_${steps.length - 1}.mjs`), '--out', out], { encoding: 'utf8' }).trim(),
        'No schema changes, nothing to migrate');
      const got = normalized(out);
      assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `from step ${from}: the same files`);
      for (const f of Object.keys(want)) assert.equal(got[f], want[f], `from step ${from}: ${f}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
});

test('generate: a schema file that throws, an unreadable snapshot or journal: errors naming the file, nothing written', () => {
  const cli = fileURLToPath(new URL('./node_modules/edgepg/cli.js', import.meta.url));
  const work = mkdtempSync(path.join(path.dirname(cli), '..', '..', '.kit-work-'));
  const fail = (...args) => {
    try {
      execFileSync(process.execPath, [cli, 'generate', ...args], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      return e.stderr;
    }
    assert.fail('must fail');
  };
  try {
    const throwing = path.join(work, 'throws.mjs');
    writeFileSync(throwing, "throw new Error('boom in the schema');");
    assert.match(fail('--schema', throwing, '--out', path.join(work, 'a')), /throws\.mjs could not be loaded: boom in the schema/);
    const ok = path.join(work, 'ok.mjs');
    writeFileSync(ok, "import { pgTable, serial } from 'edgepg/pg-core';\nexport const t = pgTable('t', { id: serial('id').primaryKey() });");
    const out = path.join(work, 'b');
    execFileSync(process.execPath, [cli, 'generate', '--schema', ok, '--out', out, '--name', 'init'], { stdio: 'pipe' });
    writeFileSync(path.join(out, 'meta/0000_snapshot.json'), '{ broken');
    assert.match(fail('--schema', ok, '--out', out), /0000_snapshot\.json cannot be read/);
    writeFileSync(path.join(out, 'meta/_journal.json'), 'nope');
    assert.match(fail('--schema', ok, '--out', out), /_journal\.json is not a drizzle-kit journal/);
    assert.deepEqual(readdirSync(out).sort(), ['0000_init.sql', 'meta']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('drizzle-kit continues a folder edgepg started', () => {
  const cli = fileURLToPath(new URL('./node_modules/edgepg/cli.js', import.meta.url));
  const kitDir = fileURLToPath(new URL('../kit/', import.meta.url));
  const stepsFile = fileURLToPath(new URL('../kit/steps.mjs', import.meta.url));
  const work = mkdtempSync(path.join(path.dirname(cli), '..', '..', '.kit-work-'));
  // drizzle-kit's schema file must resolve drizzle-orm: it sits in tests/kit
  const dkWork = mkdtempSync(path.join(kitDir, 'work-'));
  try {
    const out = path.join(work, 'drizzle');
    const upTo = 30;
    for (let i = 0; i < upTo; i++) {
      const names = Object.keys(build(steps[i].model, pg, sql));
      const file = path.join(work, `schema_${i}.mjs`);
      writeFileSync(file, ["import * as pg from 'edgepg/pg-core';", "import { sql } from 'edgepg';", `import { steps, build } from ${JSON.stringify(stepsFile)};`,
        `const s = build(steps[${i}].model, pg, sql);`, ...names.map((n) => `export const ${n} = s.${n};`)].join('\n'));
      execFileSync(process.execPath, [cli, 'generate', '--schema', file, '--out', out, '--name', steps[i].name.replace(/^\d+_/, '')], { stdio: 'pipe' });
    }
    // step 30 by drizzle-kit itself, over edgepg's folder
    const names = Object.keys(build(steps[upTo].model, pg, sql));
    writeFileSync(path.join(dkWork, 'schema.ts'), ["import * as pg from 'drizzle-orm/pg-core';", "import { sql } from 'drizzle-orm';", "import { steps, build } from '../steps.mjs';",
      `const s = build(steps[${upTo}].model, pg, sql);`, ...names.map((n) => `export const ${n} = s.${n};`)].join('\n'));
    const rel = path.relative(kitDir, out);
    execFileSync(path.join(kitDir, 'node_modules/.bin/drizzle-kit'), ['generate', '--dialect=postgresql', `--schema=${path.join(path.basename(dkWork), 'schema.ts')}`, `--out=${rel}`, '--name=by_drizzle_kit'],
      { cwd: kitDir, stdio: 'pipe' });
    const tag = steps[upTo].name.replace(/^\d+_/, '');
    assert.equal(readFileSync(path.join(out, `00${upTo}_by_drizzle_kit.sql`), 'utf8'), readFileSync(new URL(`../kit/expected/00${upTo}_${tag}.sql`, import.meta.url), 'utf8'));
    const snap = JSON.parse(readFileSync(path.join(out, `meta/00${upTo}_snapshot.json`), 'utf8'));
    const mine = JSON.parse(readFileSync(path.join(out, `meta/00${upTo - 1}_snapshot.json`), 'utf8'));
    assert.equal(snap.prevId, mine.id, "drizzle-kit chained its snapshot to edgepg's");
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(dkWork, { recursive: true, force: true });
  }
});
