// The clients drizzle-orm 0.45.4 accepts, accepted by edgepg with the same types: a `neon()`
// function of @neondatabase/serverless 1.x and 0.10.x for neon-http, and neon's own Pool and
// Client for neon-serverless.
import { neon, Pool as NeonPool, Client as NeonClient } from '@neondatabase/serverless';
import { neon as neon010, Pool as NeonPool010 } from 'neon-serverless-0.10';
import { drizzle as eHttp } from 'edgepg/neon-http';
import { drizzle as eWs, Pool, Client } from 'edgepg/neon-serverless';
import { drizzle as dHttp } from 'drizzle-orm/neon-http';
import { pgTable, serial, text } from 'edgepg/pg-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): T | void {}

const url = 'postgresql://u:p@h.tld/db';
const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });

const sql1 = neon(url);
const sql010 = neon010(url);
const a = eHttp(sql1);
const b = eHttp(sql010);
const c = eHttp({ client: sql1, schema: { users } });
const d = eHttp(sql010, { logger: true });
expect<Equal<typeof a.$client, typeof sql1>>();
expect<Equal<typeof b.$client, typeof sql010>>();
async function rows() {
  const r1 = await a.select().from(users);
  const r2 = await b.select({ n: users.name }).from(users);
  const r3 = await c.query.users.findFirst({ columns: { id: true } });
  expect<Equal<typeof r1, { id: number; name: string }[]>>();
  expect<Equal<typeof r2, { n: string }[]>>();
  expect<Equal<typeof r3, { id: number } | undefined>>();
  return d;
}
// drizzle-orm takes the same two clients
dHttp(sql1);

const p = eWs(new NeonPool({ connectionString: url }));
const q = eWs({ client: new NeonClient(url) });
const r = eWs(new NeonPool010({ connectionString: url }));
expect<Equal<typeof p.$client, NeonPool>>();
expect<Equal<typeof q.$client, NeonClient>>();
expect<Equal<typeof r.$client, NeonPool010>>();
// pg's ClientConfig without a connection string
const own = new Pool({ host: 'h.tld', user: 'u', password: 'p', database: 'db' });
const one = new Client({ host: 'h.tld', port: 5432, user: 'u' });
eWs(own);
eWs(one);
// @ts-expect-error: a number is no client
eWs(42);
export { rows };
