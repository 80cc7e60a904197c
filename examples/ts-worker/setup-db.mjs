// Creates the Worker's tables (schema.sql) through edgepg itself, over the same SQL-over-HTTP
// endpoint the Worker uses: no psql needed.
//
//   npm run db:setup                      # reads DATABASE_URL / DATABASE_ENDPOINT from .dev.vars
//   node setup-db.mjs --create-database   # first creates the database named in DATABASE_URL
//                                         # (connecting to the server's `postgres` database)
import { readFileSync } from 'node:fs';
import { sql } from 'edgepg';
import { drizzle } from 'edgepg/neon-http';

const { DATABASE_URL, DATABASE_ENDPOINT } = process.env;
if (!DATABASE_URL) {
  console.error('DATABASE_URL is not set (copy .dev.vars.example to .dev.vars, or export it)');
  process.exit(1);
}
const connect = (connectionString) => drizzle({ connection: { connectionString, endpoint: DATABASE_ENDPOINT || undefined } });

if (process.argv.includes('--create-database')) {
  const url = new URL(DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const exists = await connect(url.toString()).execute(sql`select 1 from pg_database where datname = ${name}`);
  if (exists.rows.length === 0) {
    await connect(url.toString()).execute(sql`create database ${sql.identifier(name)}`);
    console.log(`created database ${name}`);
  }
}

const db = connect(DATABASE_URL);
const statements = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8')
  .replace(/--.*$/gm, '')
  .split(/;\s*$/m)
  .map((s) => s.trim())
  .filter(Boolean);
for (const statement of statements) await db.execute(sql.raw(statement));
console.log(`schema.sql applied (${statements.length} statements)`);
