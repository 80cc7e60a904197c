// SQL parity: the golden cases of tests/golden/cases.mjs (written for drizzle-orm) run through
// edgepg's npm package and must give drizzle's {sql, params} (tests/golden/expected.json).
// Cases edgepg's facade does not support yet are listed in parity-pending.json; the run fails if
// one of them starts passing (shrink the list) or if any other case differs.
import { register } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

register('./hooks.mjs', import.meta.url);
const { cases, render } = await import('../golden/cases.mjs');
const { buildSchema } = await import('../golden/schema-metadata.mjs');
const { buildRls } = await import('../golden/rls-metadata.mjs');
const golden = JSON.parse(readFileSync(new URL('../golden/expected.json', import.meta.url), 'utf8'));
const expected = golden.cases;
const pendingFile = new URL('./parity-pending.json', import.meta.url);
const pending = new Set(JSON.parse(readFileSync(pendingFile, 'utf8')));
// Deliberate differences (also in tests/golden/main.rs), with the reason.
const DIFFERENCES = {
  'sql/date_param_raw': 'a JS Date passed raw into sql`` is sent as its ISO text (drizzle leaves the Date to the driver, which sends local-time text)',
};

function run(fn) {
  try {
    return render(fn());
  } catch (e) {
    return { error: e.message };
  }
}

const results = cases.map(([name, fn]) => {
  const got = run(fn);
  return { name, got, ok: JSON.stringify(got) === JSON.stringify(expected[name]) || name in DIFFERENCES };
});

if (process.argv.includes('--update-pending')) {
  writeFileSync(pendingFile, JSON.stringify(results.filter((r) => !r.ok).map((r) => r.name), null, 1) + '\n');
}

test(`golden cases through edgepg: ${results.filter((r) => r.ok).length}/${results.length} equal drizzle-orm`, () => {
  const failing = results.filter((r) => !r.ok && !pending.has(r.name));
  assert.deepEqual(
    failing.map((r) => ({ name: r.name, expected: expected[r.name], got: r.got })),
    [],
    'cases that differ from drizzle-orm (and are not pending)',
  );
  const fixed = results.filter((r) => r.ok && pending.has(r.name)).map((r) => r.name);
  assert.deepEqual(fixed, [], 'pending cases that pass now: remove them from parity-pending.json');
});

test('table metadata: getTableConfig of every golden table equals drizzle-orm\'s (expected.json schema)', () => {
  assert.deepEqual(buildSchema(), golden.schema);
});

test('row-level security and sequences: policies, roles, enableRLS, sequences, usersSync equal drizzle-orm\'s (expected.json rls)', () => {
  assert.deepEqual(buildRls(), golden.rls);
});
