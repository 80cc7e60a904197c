// Every name drizzle-orm 0.45.4 exports from an entry point (values and types, as its .d.ts
// declare them) is exported by edgepg's same entry point, or is in exports-allowlist.json with
// the reason for its absence. Values are checked in the modules themselves too: a name the .d.ts
// declares as a value must be there at run time (an app's `import { X }` of it would not link).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const drizzleDir = path.join(here, '../golden/node_modules/drizzle-orm');
const edgepgDir = path.dirname(require.resolve('edgepg/package.json'));
const edgepgPkg = JSON.parse(readFileSync(path.join(edgepgDir, 'package.json'), 'utf8'));
const allow = JSON.parse(readFileSync(path.join(here, 'exports-allowlist.json'), 'utf8'));

/** drizzle-orm's entry points that edgepg has, and their declaration files there. */
const ENTRIES = {
  '.': 'index.d.ts',
  'pg-core': 'pg-core/index.d.ts',
  'neon-http': 'neon-http/index.d.ts',
  'neon-http/migrator': 'neon-http/migrator.d.ts',
  'neon-serverless': 'neon-serverless/index.d.ts',
  'neon-serverless/migrator': 'neon-serverless/migrator.d.ts',
  neon: 'neon/index.d.ts',
  'cache/core': 'cache/core/index.d.ts',
  migrator: 'migrator.d.ts',
};
const edgepgDts = (entry) => path.join(edgepgDir, edgepgPkg.exports[entry === '.' ? '.' : `./${entry}`].types);

const files = [...Object.values(ENTRIES).map((f) => path.join(drizzleDir, f)), ...Object.keys(ENTRIES).map(edgepgDts)];
const program = ts.createProgram(files, {
  skipLibCheck: true, types: [], noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
});
const checker = program.getTypeChecker();

/** The exports of a declaration file: name -> whether it is a value. */
function exportsOf(file) {
  const source = program.getSourceFile(file);
  assert.ok(source, `${file} was not read`);
  const out = new Map();
  for (const s of checker.getExportsOfModule(checker.getSymbolAtLocation(source))) {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    out.set(s.name, (target.flags & ts.SymbolFlags.Value) !== 0);
  }
  return out;
}

test('the allowlist names a known reason for every entry', () => {
  for (const [entry, names] of Object.entries(allow.absent)) {
    assert.ok(entry in ENTRIES, `allowlist entry point ${entry} is not compared`);
    for (const [name, reason] of Object.entries(names)) assert.ok(reason in allow.reasons, `${entry}: ${name}: unknown reason ${reason}`);
  }
});

for (const [entry, file] of Object.entries(ENTRIES)) {
  test(`edgepg/${entry === '.' ? '' : entry} exports what drizzle-orm/${entry === '.' ? '' : entry} does, but the allowlisted`, async () => {
    const drizzle = exportsOf(path.join(drizzleDir, file));
    const edgepg = exportsOf(edgepgDts(entry));
    const allowed = allow.absent[entry] ?? {};
    const missing = [...drizzle.keys()].filter((n) => !edgepg.has(n) && !(n in allowed));
    assert.deepStrictEqual(missing, [], `exported by drizzle-orm/${entry}, not by edgepg and not in exports-allowlist.json`);
    const stale = Object.keys(allowed).filter((n) => edgepg.has(n) || !drizzle.has(n));
    assert.deepStrictEqual(stale, [], 'in exports-allowlist.json but exported by edgepg (or not by drizzle): remove them');
    // a value drizzle exports is a value in edgepg, declared and present at run time
    const module = await import(entry === '.' ? 'edgepg' : `edgepg/${entry}`);
    const notValues = [...drizzle].filter(([n, value]) => value && edgepg.has(n) && !edgepg.get(n)).map(([n]) => n);
    assert.deepStrictEqual(notValues, [], 'values in drizzle-orm, only types in edgepg');
    const absentAtRunTime = [...edgepg].filter(([n, value]) => value && drizzle.get(n) && !(n in module)).map(([n]) => n);
    assert.deepStrictEqual(absentAtRunTime, [], 'declared as values by edgepg, missing from the module');
  });
}
