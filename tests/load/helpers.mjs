// Helpers for the load tests: ports, child processes, a static file server, a WebDriver client.
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import path from 'node:path';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (async, returns a truthy value when done) until it succeeds or `ms` pass. */
export async function waitFor(what, ms, check) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await sleep(100);
  }
}

/**
 * Starts a long-running child in its own process group; `stop()` ends the whole group (wrangler
 * starts workerd and esbuild, chromedriver starts Chromium). Output is kept for error messages.
 */
export function start(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-20000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => (running = false));
  child.on('error', (e) => keep(`spawn error: ${e}\n`));
  return {
    child,
    get output() {
      return output;
    },
    get running() {
      return running;
    },
    exited,
    async stop() {
      if (!running) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      const t = await Promise.race([exited, sleep(5000).then(() => 'timeout')]);
      if (t === 'timeout') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
        await exited;
      }
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve({ stdout: out, stderr: err });
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${out}\n${err}`));
    });
  });
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves `root` on 127.0.0.1 (random port); resolves to `{ url, close }`. */
export function serveStatic(root) {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
    let st;
    try {
      st = statSync(file);
    } catch {}
    if (!st || !st.isFile() || !file.startsWith(root)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }),
    );
  });
}

/** The W3C WebDriver commands the browser test needs, over chromedriver's HTTP API. */
export class WebDriver {
  constructor(base) {
    this.base = base;
  }
  async cmd(method, p, body) {
    const r = await fetch(this.base + p, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`WebDriver ${method} ${p}: ${r.status} ${JSON.stringify(json.value)}`);
    return json.value;
  }
  async newSession(chromeOptions) {
    const v = await this.cmd('POST', '/session', {
      capabilities: {
        alwaysMatch: { browserName: 'chrome', 'goog:chromeOptions': chromeOptions, timeouts: { script: 60000, pageLoad: 60000 } },
      },
    });
    this.session = v.sessionId;
    return v;
  }
  go(url) {
    return this.cmd('POST', `/session/${this.session}/url`, { url });
  }
  executeAsync(script, args = []) {
    return this.cmd('POST', `/session/${this.session}/execute/async`, { script, args });
  }
  async deleteSession() {
    if (this.session) await this.cmd('DELETE', `/session/${this.session}`).catch(() => {});
    this.session = undefined;
  }
}
