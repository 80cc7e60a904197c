// Finds the edgepg-gateway to test against: the one named by EDGEPG_GATEWAY_READY (a ready file
// written by `edgepg-gateway --ready-file`), or a private one started here with --embedded.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import ws from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
let started;

async function waitFor(file, child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // being written
      }
    }
    if (child.exitCode !== null) throw new Error(`edgepg-gateway exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`edgepg-gateway was not ready within ${ms} ms`);
}

/** The ready-file JSON of a running gateway: { http, sql, ws, stats, connectionString, ... }. */
export async function gateway() {
  const ready = process.env.EDGEPG_GATEWAY_READY;
  if (ready && existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8'));
  if (started) return started;
  const bin = process.env.EDGEPG_GATEWAY_BIN ?? join(here, '../../target/debug/edgepg-gateway');
  const dir = mkdtempSync(join(tmpdir(), 'edgepg-node-'));
  const file = join(dir, 'ready.json');
  const child = spawn(bin, ['--embedded', join(dir, 'pg'), '--listen', '127.0.0.1:0', '--ready-file', file], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  process.on('exit', () => {
    child.kill('SIGTERM');
  });
  started = await waitFor(file, child, 60_000);
  started.cleanup = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  return started;
}

/** Points @neondatabase/serverless at the gateway (HTTP and WebSocket, no TLS). */
export function configureNeon() {
  neonConfig.webSocketConstructor = ws;
  neonConfig.useSecureWebSocket = false;
  neonConfig.fetchEndpoint = (host, port) => `http://${host}:${port}/sql`;
  neonConfig.wsProxy = (host, port) => `${host}:${port}/v2`;
}

/** Replaces the database of a connection string. */
export function withDatabase(connectionString, db) {
  const u = new URL(connectionString);
  u.pathname = `/${db}`;
  return u.toString();
}

/** A fresh database (dropped by the returned cleanup). */
export async function freshDatabase(g, prefix) {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const sql = neon(g.connectionString);
  await sql.query(`create database "${name}"`);
  return {
    name,
    url: withDatabase(g.connectionString, name),
    drop: async () => {
      await sql.query(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** GET /_edgepg/stats */
export async function stats(g) {
  const r = await fetch(g.stats);
  return r.json();
}

export { neon, neonConfig, Pool };
