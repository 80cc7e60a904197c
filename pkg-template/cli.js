#!/usr/bin/env node
// `npx edgepg <command>`: drizzle-kit folders, applied or packed for runtimes without files.
//   edgepg migrate --url <connection string> --folder <dir> [--endpoint <SQL-over-HTTP URL>]
//                  [--table <name>] [--schema <name>]
//       applies the pending migrations over SQL-over-HTTP, in one transaction; prints them
//   edgepg migrations-module --folder <dir> [--out <file.js>]
//       writes the folder as one ES module (`export default [{ tag, sql, bps, folderMillis,
//       hash }, …]`) for `migrate(db, { migrations })` in a Worker or a browser
//   edgepg generate --schema <schema.js> --out <dir> [--name <name>]
//       drizzle-kit's `generate` for an edgepg schema module: the next migration of the folder
//       (SQL, snapshot, journal entry), the same files drizzle-kit 0.31 writes
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { drizzle } from './neon-http.js';
import { migrate, readMigrationFiles } from './neon-http-migrator.js';

const USAGE = `usage:
  edgepg migrate --url <connection string> --folder <dir> [--endpoint <url>] [--table <name>] [--schema <name>]
  edgepg migrations-module --folder <dir> [--out <file.js>]
  edgepg generate --schema <schema.js> --out <dir> [--name <name>]`;

const EMPTY_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The next migration of folder `out` for the schema module `schemaFile`: drizzle-kit's files
 * (`NNNN_<name>.sql`, `meta/NNNN_snapshot.json`, the journal entry). A folder started by
 * drizzle-kit is continued, and the other way round. Renames: drizzle-kit asks; edgepg writes
 * a drop and an add, and warns (review the SQL, or edit it into a rename).
 */
async function generate(schemaFile, out, name = 'migration') {
  const { snapshot } = await import('./kit.js');
  const kit = await import('./wasm-kit/edgepg_kit.js');
  kit.initSync({ module: readFileSync(new URL('./wasm-kit/edgepg_kit_bg.wasm', import.meta.url)) });
  let exports;
  try {
    exports = await import(pathToFileURL(path.resolve(schemaFile)).href);
  } catch (e) {
    throw new Error(`the schema file ${schemaFile} could not be loaded: ${e.message} (TypeScript: run under a loader, e.g. node --import tsx)`);
  }
  const next = snapshot(exports);
  const journalPath = path.join(out, 'meta', '_journal.json');
  let journal = { version: '7', dialect: 'postgresql', entries: [] };
  if (existsSync(journalPath)) {
    try {
      journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    } catch (e) {
      throw new Error(`${journalPath} is not a drizzle-kit journal: ${e.message}`);
    }
  }
  const last = journal.entries.at(-1);
  let prev = { id: EMPTY_ID, tables: {}, enums: {}, schemas: {} };
  if (last) {
    const p = path.join(out, 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`);
    try {
      prev = JSON.parse(readFileSync(p, 'utf8'));
    } catch (e) {
      throw new Error(`the snapshot ${p} cannot be read: ${e.message}`);
    }
  }
  const sql = kit.migrationSql(JSON.stringify(prev), JSON.stringify(next));
  if (sql === '') return undefined;
  warnRenames(prev, next);
  const idx = last ? last.idx + 1 : 0;
  const tag = `${String(idx).padStart(4, '0')}_${name}`;
  mkdirSync(path.join(out, 'meta'), { recursive: true });
  writeFileSync(path.join(out, `${tag}.sql`), sql);
  const snap = { id: randomUUID(), prevId: prev.id ?? EMPTY_ID, ...next };
  writeFileSync(path.join(out, 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`), JSON.stringify(snap, null, 2));
  journal.entries.push({ idx, version: '7', when: Date.now(), tag, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  return tag;
}

/** drizzle-kit would ask whether a dropped-and-added pair is a rename; say what was written. */
function warnRenames(prev, next) {
  const gone = Object.keys(prev.tables).filter((k) => !next.tables[k]);
  const made = Object.keys(next.tables).filter((k) => !prev.tables[k]);
  if (gone.length && made.length) console.error(`edgepg: tables ${gone.join(', ')} dropped and ${made.join(', ')} created: if that is a rename, edit the SQL (the data would be lost)`);
  for (const [k, t] of Object.entries(next.tables)) {
    const old = prev.tables[k];
    if (!old) continue;
    const dropped = Object.keys(old.columns).filter((c) => !t.columns[c]);
    const added = Object.keys(t.columns).filter((c) => !old.columns[c]);
    if (dropped.length && added.length) console.error(`edgepg: in ${k}, columns ${dropped.join(', ')} dropped and ${added.join(', ')} added: if that is a rename, edit the SQL (the data would be lost)`);
  }
}

function options(args) {
  const out = {};
  for (let i = 0; i < args.length; i += 2) {
    const [k, v] = [args[i], args[i + 1]];
    if (!k?.startsWith('--') || v === undefined) throw new Error(`${k ?? ''}: expected --name value pairs\n${USAGE}`);
    out[k.slice(2)] = v;
  }
  return out;
}

async function main([command, ...args]) {
  const o = options(args);
  if (command === 'migrate') {
    const url = o.url ?? process.env.DATABASE_URL;
    if (!url || !o.folder) throw new Error(`migrate needs --url (or DATABASE_URL) and --folder\n${USAGE}`);
    const db = drizzle({ connection: { connectionString: url, endpoint: o.endpoint } });
    const { applied } = await migrate(db, { migrationsFolder: o.folder, migrationsTable: o.table, migrationsSchema: o.schema });
    console.log(applied.length ? `applied ${applied.length}: ${applied.join(', ')}` : 'nothing to apply: the database is up to date');
    return;
  }
  if (command === 'migrations-module') {
    if (!o.folder) throw new Error(`migrations-module needs --folder\n${USAGE}`);
    const migrations = readMigrationFiles({ migrationsFolder: o.folder });
    const text = `// Written by \`edgepg migrations-module --folder ${o.folder}\`: the drizzle-kit folder as data,\n` +
      `// for migrate(db, { migrations }) where there is no filesystem. Do not edit; write it again.\n` +
      `export default ${JSON.stringify(migrations, null, 2)};\n`;
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
    return;
  }
  if (command === 'generate') {
    if (!o.schema || !o.out) throw new Error(`generate needs --schema and --out\n${USAGE}`);
    const tag = await generate(o.schema, o.out, o.name);
    console.log(tag ? `wrote ${path.join(o.out, `${tag}.sql`)}` : 'No schema changes, nothing to migrate');
    return;
  }
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`edgepg: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}`);
  process.exitCode = 1;
});
