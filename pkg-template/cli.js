#!/usr/bin/env node
// `npx edgepg <command>`: drizzle-kit folders, applied or packed for runtimes without files.
//   edgepg migrate --url <connection string> --folder <dir> [--endpoint <SQL-over-HTTP URL>]
//                  [--table <name>] [--schema <name>]
//       applies the pending migrations over SQL-over-HTTP, in one transaction; prints them
//   edgepg migrations-module --folder <dir> [--out <file.js>]
//       writes the folder as one ES module (`export default [{ tag, sql, bps, folderMillis,
//       hash }, …]`) for `migrate(db, { migrations })` in a Worker or a browser
import { writeFileSync } from 'node:fs';
import { drizzle } from './neon-http.js';
import { migrate, readMigrationFiles } from './neon-http-migrator.js';

const USAGE = `usage:
  edgepg migrate --url <connection string> --folder <dir> [--endpoint <url>] [--table <name>] [--schema <name>]
  edgepg migrations-module --folder <dir> [--out <file.js>]`;

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
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`edgepg: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}`);
  process.exitCode = 1;
});
