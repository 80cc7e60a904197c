// The edgepg-gateway the suite runs against (scripts/with-gateway.sh exports its ready file as
// EDGEPG_GATEWAY_READY), and direct access to the database through its SQL-over-HTTP endpoint,
// so that every write of the Worker is checked in PostgreSQL itself.
import { existsSync, readFileSync } from 'node:fs';

/** The schema of docs/worker-api.md. */
export const SCHEMA = [
  `create table users (id serial primary key, name text not null, email text not null unique,
                       created_at timestamptz not null default now())`,
  `create table posts (id serial primary key, user_id integer not null references users(id) on delete cascade,
                       title text not null, body text not null default '', created_at timestamptz not null default now())`,
];

/** The gateway's ready file: { http, sql, stats, connectionString, ... }. */
export function gateway() {
  const file = process.env.EDGEPG_GATEWAY_READY;
  if (!file || !existsSync(file)) {
    throw new Error('EDGEPG_GATEWAY_READY is not set: run under scripts/with-gateway.sh (make worker does)');
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `connectionString` with another database. */
export function withDatabase(connectionString, db) {
  const u = new URL(connectionString);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * Runs one statement through POST /sql (Neon's protocol: raw text values, rows as objects) and
 * returns its rows; values are PostgreSQL's text (or null).
 */
export async function query(g, connectionString, text, params = []) {
  const res = await fetch(g.sql, {
    method: 'POST',
    headers: { 'Neon-Connection-String': connectionString, 'Neon-Raw-Text-Output': 'true' },
    body: JSON.stringify({ query: text, params: params.map((p) => (p === null ? null : String(p))) }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`POST /sql ${res.status}: ${body}\n  for: ${text}`);
  return JSON.parse(body).rows;
}

/** A new database with the schema (none with `{ schema: false }`); `url` is its connection
 * string through the gateway. */
export async function freshDatabase(g, prefix, { schema = true } = {}) {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await query(g, g.connectionString, `create database "${name}"`);
  const url = withDatabase(g.connectionString, name);
  if (schema) for (const stmt of SCHEMA) await query(g, url, stmt);
  return {
    name,
    url,
    drop: () => query(g, g.connectionString, `drop database if exists "${name}" with (force)`),
  };
}

/** The gateway's counters for database `name`: { requests, queries, ... }. */
export async function stats(g, name) {
  const res = await fetch(g.stats);
  if (res.status !== 200) throw new Error(`GET ${g.stats}: ${res.status}`);
  return (await res.json()).databases?.[name] ?? { requests: 0, queries: 0 };
}
