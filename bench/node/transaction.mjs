// Interactive transactions over a WebSocket, side by side in one process through ONE
// edgepg-gateway: drizzle-orm 0.45.4's neon-serverless over @neondatabase/serverless 1.2.0, and
// edgepg/neon-serverless. Each iteration is drizzle's `db.transaction(async (tx) => …)` with 5
// statements on a pool of one warm connection. Measured: wall time per transaction (what a
// user waits for: round trips dominate against a local gateway), client CPU per transaction
// (process.cpuUsage), and the client's WebSocket messages per transaction (the gateway's
// wsFramesIn). Ratios matter, not absolute times (noisy machines). Needs EDGEPG_GATEWAY_READY
// (scripts/with-gateway.sh). Never asserted in tests.
import { readFileSync } from 'node:fs';
import ws from 'ws';
import { Pool as DPool, neonConfig as dConfig } from '@neondatabase/serverless';
import * as dOrm from 'drizzle-orm';
import * as dPg from 'drizzle-orm/pg-core';
import { drizzle as dDrizzle } from 'drizzle-orm/neon-serverless';
import * as eOrm from 'edgepg';
import * as ePg from 'edgepg/pg-core';
import { drizzle as eDrizzle, Pool as EPool, neonConfig as eConfig } from 'edgepg/neon-serverless';
import { drizzle as httpDrizzle } from 'edgepg/neon-http';

const ready = process.env.EDGEPG_GATEWAY_READY;
if (!ready) throw new Error('bench/node/transaction.mjs needs EDGEPG_GATEWAY_READY (run it under scripts/with-gateway.sh)');
const g = JSON.parse(readFileSync(ready, 'utf8'));
const host = new URL(g.ws).host;
for (const c of [dConfig, eConfig]) {
  c.webSocketConstructor = ws;
  c.useSecureWebSocket = false;
  c.wsProxy = () => `${host}/v2`;
}

const N = Number(process.env.BENCH_TXNS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const admin = httpDrizzle({ connection: { connectionString: g.connectionString, endpoint: g.sql } });
await admin.execute(eOrm.sql`drop database if exists bench_txn with (force)`);
await admin.execute(eOrm.sql`create database bench_txn`);
const u = new URL(g.connectionString);
u.pathname = '/bench_txn';
const url = u.toString();
const setup = httpDrizzle({ connection: { connectionString: url, endpoint: g.sql } });
await setup.execute(eOrm.sql`create table accounts (id int primary key, balance int not null)`);
await setup.execute(eOrm.sql`create table ledger (id serial primary key, account int not null, amount int not null)`);
await setup.execute(eOrm.sql`insert into accounts values (1, 1000000), (2, 1000000)`);

function tables(pg) {
  return {
    accounts: pg.pgTable('accounts', { id: pg.integer('id').primaryKey(), balance: pg.integer('balance').notNull() }),
    ledger: pg.pgTable('ledger', { id: pg.serial('id').primaryKey(), account: pg.integer('account').notNull(), amount: pg.integer('amount').notNull() }),
  };
}

/** One transfer: 5 statements in one transaction; returns the new balance. */
function transfer(db, orm, { accounts, ledger }) {
  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ balance: orm.sql`${accounts.balance} - 1` }).where(orm.eq(accounts.id, 1));
    await tx.update(accounts).set({ balance: orm.sql`${accounts.balance} + 1` }).where(orm.eq(accounts.id, 2));
    await tx.insert(ledger).values([{ account: 1, amount: -1 }, { account: 2, amount: 1 }]);
    const [a] = await tx.select().from(accounts).where(orm.eq(accounts.id, 1));
    await tx.select({ n: orm.count() }).from(ledger);
    return a.balance;
  });
}

const framesIn = async () => (await (await fetch(g.stats)).json()).databases.bench_txn?.wsFramesIn ?? 0;

const sides = [
  { name: 'drizzle-orm + @neondatabase/serverless', pool: new DPool({ connectionString: url, max: 1 }), make: dDrizzle, orm: dOrm, t: tables(dPg) },
  { name: 'edgepg/neon-serverless', pool: new EPool({ connectionString: url, max: 1 }), make: eDrizzle, orm: eOrm, t: tables(ePg) },
];
for (const s of sides) {
  s.db = s.make(s.pool);
  for (let i = 0; i < 20; i++) await transfer(s.db, s.orm, s.t); // warm: connection, JIT, shapes
  s.wall = [];
  s.cpu = [];
}

for (let r = 0; r < ROUNDS; r++) {
  for (const s of sides) {
    const f0 = await framesIn();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await transfer(s.db, s.orm, s.t);
    const wall = (performance.now() - t0) / N;
    const c = process.cpuUsage(c0);
    s.wall.push(wall);
    s.cpu.push((c.user + c.system) / 1000 / N);
    s.frames = ((await framesIn()) - f0) / N;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`5-statement interactive transactions, ${N} × ${ROUNDS} rounds, one warm connection each (median per transaction):`);
for (const s of sides) {
  console.log(`  ${s.name.padEnd(40)} wall ${median(s.wall).toFixed(3)} ms   client CPU ${median(s.cpu).toFixed(3)} ms   messages sent ${s.frames}`);
}
const [d, e] = sides;
console.log(`  edgepg / drizzle: wall ${(median(e.wall) / median(d.wall)).toFixed(2)}×, client CPU ${(median(e.cpu) / median(d.cpu)).toFixed(2)}×`);
for (const s of sides) await s.pool.end();
// (the database stays: dropping it with force now would kill @neondatabase/serverless's
// connection while it closes, an unhandled 'error' event; the next run drops it first)
