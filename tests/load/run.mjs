// Load tests of the packed npm tarball: it is installed with `npm install <tgz>` into a throwaway
// directory, then imported in Node 20, in workerd (bundled by wrangler 4.86 from tools/) and in
// headless Chromium (raw ESM with an import map, and an esbuild browser bundle). Each proves
// that importing initializes the wasm with no init call: `version()` answers at once.
//
// The package-private `#wasm` specifier (package.json `imports`, resolved by condition) is
// reached through `probe.js`, copied into the installed package: it imports `#wasm` exactly
// like the facade does. When the facade files are present, their entry points
// (`edgepg`, `edgepg/pg-core`, `edgepg/neon-http`) are imported too.
//
// Run: node tests/load/run.mjs [path/to/edgepg-<version>.tgz]   (default: the one at the root)
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { WebDriver, freePort, run, serveStatic, start, waitFor } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const tools = path.join(root, 'tools/node_modules/.bin');

const tgz = path.resolve(
  process.argv[2] ??
    process.env.EDGEPG_TGZ ??
    (() => {
      const found = readdirSync(root).filter((f) => /^edgepg-.*\.tgz$/.test(f));
      assert.equal(found.length, 1, `expected one edgepg-*.tgz at the repository root (run: make pkg), found ${found}`);
      return path.join(root, found[0]);
    })(),
);
const expectedVersion = JSON.parse(readFileSync(path.join(root, 'pkg-template/package.json'), 'utf8')).version;
const ENTRY_POINTS = ['edgepg', 'edgepg/pg-core', 'edgepg/neon-http', 'edgepg/neon-serverless'];

let dir; // throwaway project with the tarball installed
let pkgDir; // dir/node_modules/edgepg
let facade; // whether the facade's entry points exist in the package

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'edgepg-load-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'edgepg-load-test', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tgz], { cwd: dir });
  pkgDir = path.join(dir, 'node_modules/edgepg');
  const pj = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pj.version, expectedVersion);
  cpSync(path.join(here, 'probe.js'), path.join(pkgDir, 'probe.js'));
  // every entry point must be there: a package without its facade fails, it does not pass with less tested
  for (const [k, v] of Object.entries(pj.exports)) {
    const file = typeof v === 'string' ? v : v.default;
    assert.ok(existsSync(path.join(pkgDir, file)), `the package's entry ${k} (${file}) is missing`);
  }
  facade = true;
});

after(() => {
  if (dir && !process.env.EDGEPG_KEEP_LOAD_DIR) rmSync(dir, { recursive: true, force: true });
  else if (dir) console.log(`# kept ${dir}`);
});

test('Node 20: importing the package initializes the wasm (the "node" condition)', async () => {
  const script = `
    const probe = await import('./node_modules/edgepg/probe.js');
    const out = { version: probe.version(), resolved: probe.resolved() };
    for (const e of ${JSON.stringify(facade ? ENTRY_POINTS : [])}) out[e] = Object.keys(await import(e)).length;
    console.log(JSON.stringify(out));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
  const out = JSON.parse(stdout.trim().split('\n').pop());
  assert.equal(out.version, expectedVersion);
  assert.match(out.resolved, /\/wasm\/init-node\.js$/);
  for (const e of facade ? ENTRY_POINTS : []) assert.ok(out[e] > 0, `${e} exports nothing`);
});

test('workerd: a Worker bundled by wrangler answers version() (the "workerd" condition)', { timeout: 180_000 }, async () => {
  const worker = path.join(dir, 'worker');
  mkdirSync(path.join(worker, 'src'), { recursive: true });
  writeFileSync(
    path.join(worker, 'wrangler.toml'),
    'name = "edgepg-load"\nmain = "src/index.js"\ncompatibility_date = "2026-04-01"\n',
  );
  const facadeImports = facade ? ENTRY_POINTS.map((e, i) => `import * as entry${i} from '${e}';\n`).join('') : '';
  const facadeCounts = facade ? ENTRY_POINTS.map((e, i) => `'${e}': Object.keys(entry${i}).length`).join(', ') : '';
  writeFileSync(
    path.join(worker, 'src/index.js'),
    `import { version } from '../../node_modules/edgepg/probe.js';
${facadeImports}export default {
  async fetch() {
    return Response.json({ version: version(), ${facadeCounts} });
  },
};
`,
  );
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    CI: 'true',
    WRANGLER_LOG_PATH: path.join(dir, 'wrangler-logs'),
    NO_UPDATE_NOTIFIER: '1',
  };

  // The bundle: esbuild inside wrangler, with its Workers conditions, must pick init-workerd.js
  // and keep the .wasm as a separate (compiled) module.
  await run(path.join(tools, 'wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], { cwd: worker, env });
  const bundle = readFileSync(path.join(worker, 'dist/index.js'), 'utf8');
  assert.match(bundle, /wasm\/init-workerd\.js/);
  assert.doesNotMatch(bundle, /wasm\/init-(node|browser)\.js/);
  assert.ok(readdirSync(path.join(worker, 'dist')).some((f) => f.endsWith('.wasm')), 'no .wasm module next to the bundle');

  // Served by workerd under `wrangler dev` on loopback.
  const port = await freePort();
  const dev = start(
    path.join(tools, 'wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', '--inspector-port', String(await freePort())],
    { cwd: worker, env },
  );
  try {
    const res = await waitFor('wrangler dev', 120_000, async () => {
      if (!dev.running) throw new Error(`wrangler dev exited:\n${dev.output}`);
      return await fetch(`http://127.0.0.1:${port}/`);
    }).catch((e) => {
      throw new Error(`${e.message}\n--- wrangler output ---\n${dev.output}`);
    });
    const text = await res.text();
    assert.equal(res.status, 200, `${text}\n--- wrangler output ---\n${dev.output}`);
    const out = JSON.parse(text);
    assert.equal(out.version, expectedVersion);
    for (const e of facade ? ENTRY_POINTS : []) assert.ok(out[e] > 0, `${e} exports nothing`);
  } finally {
    await dev.stop();
  }
});

test('headless Chromium: raw ESM with an import map, and an esbuild browser bundle', { timeout: 180_000 }, async () => {
  const web = path.join(dir, 'web');
  mkdirSync(web);
  // (1) No bundler: the page maps the package's specifiers with an import map built from its
  // package.json (`#wasm` → its "browser" target).
  const pj = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const at = (rel) => `/node_modules/edgepg/${rel.replace(/^\.\//, '')}`;
  const imports = { '#wasm': at(pj.imports['#wasm'].browser), '#wasm-ws': at(pj.imports['#wasm-ws'].browser) };
  for (const [k, v] of Object.entries(pj.exports)) if (k !== './package.json') imports[k.replace(/^\./, 'edgepg')] = at(v.default);
  const entry = `import * as probe from '/node_modules/edgepg/probe.js';
const out = { version: probe.version() };
for (const e of ${JSON.stringify(facade ? ENTRY_POINTS : [])}) out[e] = Object.keys(await import(e)).length;
export default out;
`;
  writeFileSync(path.join(web, 'raw.mjs'), entry);
  writeFileSync(path.join(web, 'raw.html'), page(`<script type="importmap">${JSON.stringify({ imports })}</script>`, '/web/raw.mjs'));

  // (2) esbuild --platform=browser (the "browser" condition). esbuild leaves
  // `new URL('./edgepg_bg.wasm', import.meta.url)` alone, so the .wasm goes next to the bundle.
  const bundled = path.join(web, 'bundle');
  mkdirSync(bundled);
  writeFileSync(
    path.join(web, 'bundle-entry.mjs'),
    entry.replace(`'/node_modules/edgepg/probe.js'`, `'../node_modules/edgepg/probe.js'`).replace(
      /for \(const e of .*\n/,
      facade ? ENTRY_POINTS.map((e) => `out['${e}'] = Object.keys(await import('${e}')).length;\n`).join('') : '',
    ),
  );
  await run(
    path.join(tools, 'esbuild'),
    ['bundle-entry.mjs', '--bundle', '--format=esm', '--platform=browser', '--target=es2022', '--outfile=bundle/app.js'],
    { cwd: web },
  );
  const bundle = readFileSync(path.join(bundled, 'app.js'), 'utf8');
  assert.match(bundle, /wasm\/init-browser\.js/);
  assert.doesNotMatch(bundle, /wasm\/init-(node|workerd)\.js/);
  cpSync(path.join(pkgDir, 'wasm/edgepg_bg.wasm'), path.join(bundled, 'edgepg_bg.wasm'));
  cpSync(path.join(pkgDir, 'wasm-ws/edgepg_ws_bg.wasm'), path.join(bundled, 'edgepg_ws_bg.wasm'));
  writeFileSync(path.join(web, 'bundle.html'), page('', '/web/bundle/app.js'));

  const server = await serveStatic(dir);
  const driverPort = await freePort();
  const driver = start(process.env.CHROMEDRIVER ?? 'chromedriver', [`--port=${driverPort}`]);
  const wd = new WebDriver(`http://127.0.0.1:${driverPort}`);
  try {
    await waitFor('chromedriver', 30_000, async () => {
      if (!driver.running) throw new Error(`chromedriver exited:\n${driver.output}`);
      return (await wd.cmd('GET', '/status')).ready;
    });
    const chromeOptions = {
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
        '--disable-extensions'],
    };
    if (process.env.CHROME_BIN) chromeOptions.binary = process.env.CHROME_BIN;
    await wd.newSession(chromeOptions);
    for (const name of ['raw', 'bundle']) {
      await wd.go(`${server.url}/web/${name}.html`);
      const out = await wd.executeAsync(`const done = arguments[0];
        const t0 = Date.now();
        (function poll() {
          if (window.__edgepg) done(window.__edgepg);
          else if (Date.now() - t0 > 30000) done({ error: 'the page never finished' });
          else setTimeout(poll, 50);
        })();`);
      assert.equal(out.error, undefined, `${name}: ${out.error}`);
      assert.equal(out.version, expectedVersion, name);
      for (const e of facade ? ENTRY_POINTS : []) assert.ok(out[e] > 0, `${name}: ${e} exports nothing`);
    }
  } finally {
    await wd.deleteSession();
    await driver.stop();
    await server.close();
  }
});

/** A page that imports `module` and leaves its default export (or the error) in `window.__edgepg`. */
function page(head, module) {
  return `<!doctype html><html><head><meta charset="utf-8">${head}
<script>
  import(${JSON.stringify(module)}).then(
    (m) => { window.__edgepg = m.default; },
    (e) => { window.__edgepg = { error: String(e && e.stack || e) }; });
</script></head><body></body></html>`;
}
