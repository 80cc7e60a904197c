// Builds (or finds) a Worker template's bundle and serves it with workerd through Miniflare
// (wrangler's, from tools/), with DATABASE_URL / DATABASE_ENDPOINT bindings.
//
// Templates:
//   rust  the worker-build output of worker/ (worker/build/index.js + index_bg.wasm), built by
//         the root wrangler.toml's [build] command (tests/worker/run.sh builds it first)
//   ts    examples/ts-worker, bundled here by `wrangler deploy --dry-run --outdir <tmp>` with
//         the packed npm tarball (edgepg-<version>.tgz, `make pkg`) installed next to a copy
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
const tools = path.join(root, 'tools');
const wrangler = path.join(tools, 'node_modules/.bin/wrangler');

export const TEMPLATES = ['rust', 'ts'];

/** Environment for wrangler: no telemetry, no network look-ups. */
export const wranglerEnv = () => ({
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
  NO_UPDATE_NOTIFIER: '1',
  WRANGLER_LOG_PATH: path.join(os.tmpdir(), 'edgepg-worker-tests-wrangler-logs'),
});

/** Runs a command; resolves with its output, rejects with it when it fails. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out.slice(-8000)}`)),
    );
  });
}

/** Top-level `compatibility_date` / `compatibility_flags` of a wrangler.toml. */
function compatibility(configPath) {
  const top = readFileSync(configPath, 'utf8').split(/^\s*\[/m)[0];
  const date = top.match(/^\s*compatibility_date\s*=\s*"([^"]+)"/m)?.[1];
  if (!date) throw new Error(`${configPath}: no compatibility_date`);
  const flags = top.match(/^\s*compatibility_flags\s*=\s*\[([^\]]*)\]/m)?.[1];
  return { compatibilityDate: date, compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [] };
}

/** Why a template cannot run here (the suite then fails, naming it), or undefined. */
export function unavailable(template) {
  if (!TEMPLATES.includes(template)) return `unknown template ${JSON.stringify(template)} (WORKER=rust|ts)`;
  if (template === 'ts' && !existsSync(path.join(root, 'examples/ts-worker/wrangler.toml'))) {
    return 'the TypeScript Worker (examples/ts-worker/wrangler.toml) does not exist yet';
  }
  return undefined;
}

/**
 * The template's bundle: { scriptPath, compatibilityDate, compatibilityFlags, size?, cleanup() }.
 * `size` is wrangler's "Total Upload" line when the bundle was built here.
 */
export async function bundle(template) {
  const why = unavailable(template);
  if (why) throw new Error(why);
  if (template === 'rust') {
    const scriptPath = path.join(root, 'worker/build/index.js');
    if (!existsSync(scriptPath)) {
      throw new Error(`${scriptPath} is missing: build it with tests/worker/run.sh rust (or make worker)`);
    }
    return { scriptPath, ...compatibility(path.join(root, 'wrangler.toml')), cleanup() {} };
  }
  // ts: a copy of the template with the packed tarball installed beside it (never touching the
  // template's own node_modules), bundled by wrangler exactly as `wrangler deploy` would.
  const version = JSON.parse(readFileSync(path.join(root, 'pkg-template/package.json'), 'utf8')).version;
  const tgz = path.join(root, `edgepg-${version}.tgz`);
  if (!existsSync(tgz)) throw new Error(`${tgz} is missing: run make pkg`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgepg-ts-worker-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ts-worker-bundle', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-package-lock', tgz], { cwd: dir });
    const src = path.join(root, 'examples/ts-worker');
    const skip = new Set(['node_modules', '.wrangler', 'dist', '.dev.vars', 'package-lock.json']);
    cpSync(src, path.join(dir, 'ts-worker'), { recursive: true, filter: (p) => !skip.has(path.basename(p)) });
    // Typecheck the template against the package's .d.ts first (its `npm run typecheck`), with
    // the Workers types from tools/: a type error in the template or the package fails here.
    mkdirSync(path.join(dir, 'node_modules/@cloudflare'), { recursive: true });
    symlinkSync(path.join(tools, 'node_modules/@cloudflare/workers-types'), path.join(dir, 'node_modules/@cloudflare/workers-types'));
    await run(path.join(tools, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: path.join(dir, 'ts-worker') });
    const out = path.join(dir, 'dist');
    const log = await run(wrangler, ['deploy', '--dry-run', '--outdir', out], { cwd: path.join(dir, 'ts-worker'), env: wranglerEnv() });
    const main = readdirSync(out).filter((f) => /\.(m?js)$/.test(f));
    if (main.length !== 1) throw new Error(`expected one JavaScript module in ${out}, found ${main}`);
    return {
      scriptPath: path.join(out, main[0]),
      ...compatibility(path.join(src, 'wrangler.toml')),
      size: log.match(/Total Upload:.*/)?.[0],
      cleanup,
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

let MiniflareClass;
async function miniflare() {
  if (!MiniflareClass) {
    const require = createRequire(path.join(tools, 'package.json'));
    ({ Miniflare: MiniflareClass } = await import(pathToFileURL(require.resolve('miniflare')).href));
  }
  return MiniflareClass;
}

/**
 * Serves `b` (from bundle()) in a fresh workerd with `bindings` (plain-text vars/secrets).
 * Returns { fetch(path, init), output, dispose() }; `output` is workerd's stdout/stderr (the
 * Worker's console), kept for failure messages.
 */
export async function startWorker(b, bindings) {
  const Miniflare = await miniflare();
  let output = '';
  const keep = (stream) => stream.on('data', (d) => (output = (output + d).slice(-20000)));
  const mf = new Miniflare({
    modules: true,
    scriptPath: b.scriptPath,
    modulesRoot: path.dirname(b.scriptPath),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'], fallthrough: true }],
    compatibilityDate: b.compatibilityDate,
    compatibilityFlags: b.compatibilityFlags,
    bindings,
    cf: false,
    handleRuntimeStdio(stdout, stderr) {
      keep(stdout);
      keep(stderr);
    },
  });
  await mf.ready;
  return {
    fetch: (p, init) => mf.dispatchFetch(new URL(p, 'http://worker.test').href, init),
    get output() {
      return output;
    },
    dispose: () => mf.dispose(),
  };
}
