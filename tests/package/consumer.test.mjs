// The npm package as a new user gets it: `npm pack`, the tarball installed into a fresh app
// (tests/package/app, copied to a temp folder), then each toolchain's recipe from the README:
// Node ESM, an esbuild bundle, a Vite build and the Vite dev server, a module Worker and an
// import-map page without a bundler, each run in headless Chromium; `tsc --strict` with lib
// es2022 only; publint and arethetypeswrong. Every consumer runs app/src/check.js (a StepLR
// schedule and a short training on iris, loaded on demand) and must get Node's numbers.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
const repo = path.resolve(fileURLToPath(import.meta.url), '../../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const bin = (name) => path.join(repo, 'node_modules/.bin', name);
const STEP_LR = [0.1, 0.1, 0.05, 0.05, 0.025, 0.025];

function skipReason() {
  const missing = !existsSync(path.join(repo, 'dist/engine/lrlab_core.wasm'))
    ? 'dist/engine is not built: run npm run build'
    : !existsSync(CHROMIUM)
      ? `no Chromium at ${CHROMIUM}`
      : null;
  if (missing && process.env.LRLAB_REQUIRE_BROWSER === '1')
    throw new Error(`package tests cannot run: ${missing}`);
  return missing ?? false;
}
const skip = skipReason();

let app;
let tarball;
let browser;
let nodeResult;
const cleanups = [];

before(async () => {
  if (skip) return;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'lrlab-consumer-'));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: repo });
  tarball = path.join(tmp, JSON.parse(stdout)[0].filename);
  app = path.join(tmp, 'app');
  await cp(path.join(repo, 'tests/package/app'), app, { recursive: true });
  // The package has no dependencies: the install needs no registry.
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
    cwd: app,
  });
  // The bundlers are the repository's own devDependencies.
  for (const tool of ['esbuild', 'vite']) {
    await symlink(path.join(repo, 'node_modules', tool), path.join(app, 'node_modules', tool), 'dir');
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  cleanups.push(() => browser.close());
});

after(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

const MIME = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A static server for `root` on an ephemeral port, with the site's strict CSP unless `csp` is false. */
async function serve(root, { csp = true } = {}) {
  const server = http.createServer(async (req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const found = file.startsWith(root) && (await stat(file).catch(() => null))?.isFile();
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' };
    if (csp) headers['content-security-policy'] = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return `http://127.0.0.1:${port}/`;
}

/** Opens `url`, waits for app/src/check.js to finish, returns its result and the requests made. */
async function runPage(url) {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    const where = new URL(r.url()).pathname;
    if (r.status() >= 400 && where !== '/favicon.ico') problems.push(`${r.status()} ${where}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'done' || document.title === 'failed', null, {
      timeout: 60000,
    });
    const result = await page.evaluate(() => globalThis.__result);
    return { result, problems, requests };
  } finally {
    await page.close();
  }
}

function assertSameRun(page, label, { inlinedIris = false } = {}) {
  assert.equal(page.result.error, undefined, `${label}: ${page.result.error}`);
  assert.deepEqual(page.result, nodeResult, `${label}: the same numbers as Node`);
  assert.deepEqual(page.problems, [], `${label}: console errors`);
  assert.ok(
    inlinedIris || page.requests.some((p) => /iris[^/]*\.bin$/.test(p)),
    `${label}: iris loaded on demand (requests: ${page.requests.join(' ')})`,
  );
}

test('npm pack: what the tarball holds', { skip }, async () => {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.split('\n').filter(Boolean);
  for (const f of [
    'package/LICENSE',
    'package/CHANGELOG.md',
    'package/README.md',
    'package/docs/run-spec.md',
    'package/dist/engine/lrlab.mjs',
    'package/dist/engine/lrlab-node.mjs',
    'package/dist/engine/lrlab.d.ts',
    'package/dist/engine/lrlab_core.wasm',
    'package/dist/engine/lrlab-csv.mjs.map',
    'package/dist/engine/data/iris.bin',
    'package/dist/engine/data/ATTRIBUTION.md',
  ]) {
    assert.ok(files.includes(f), `${f} in the tarball`);
  }
  assert.equal(files.filter((f) => f.endsWith('.csv')).length, 0, 'no CSV text in the package');
  const size = (await stat(tarball)).size;
  console.log(`# tarball ${path.basename(tarball)}: ${size} bytes, ${files.length} files`);
});

test('Node ESM: import from the installed package', { skip }, async () => {
  const { stdout } = await run(process.execPath, ['node-check.mjs'], { cwd: app });
  // what only Node checks; the rest is what every toolchain's page must compute alike
  const { relativeDataset, missing, classNames, schedulersJson, ...common } = JSON.parse(stdout);
  nodeResult = common;
  assert.deepEqual(nodeResult.lr, STEP_LR);
  assert.equal(nodeResult.epochLoss.length, 4);
  assert.ok(nodeResult.testAccuracy > 0.5, `iris test accuracy ${nodeResult.testAccuracy}`);
  assert.equal(relativeDataset, true);
  assert.equal(missing?.isEngineError, true, JSON.stringify(missing));
  assert.equal(missing.kind, 'load');
  assert.match(missing.message, /no-such\/wine\.bin/);
  assert.deepEqual(classNames, ['SpecError', 'EngineError']);
  assert.equal(schedulersJson, 15); // lrlab/schedulers.json: every scheduler
});

test('esbuild (platform browser, lrlab/esbuild plugin): bundle served and run in Chromium', {
  skip,
}, async () => {
  await run(process.execPath, ['esbuild.mjs'], { cwd: app });
  const out = path.join(app, 'out-esbuild');
  const emitted = await readdir(out);
  assert.ok(
    emitted.some((f) => /^lrlab_core-\w+\.wasm$/.test(f)),
    emitted.join(' '),
  );
  await cp(path.join(app, 'index.html'), path.join(out, 'index.html'));
  const html = path.join(out, 'index.html');
  await writeFile(html, (await readFile(html, 'utf8')).replace('/src/main.js', './main.js'));
  assertSameRun(await runPage(`${await serve(out)}index.html`), 'esbuild');
});

test('Vite: vite build served (strict CSP) and run in Chromium', { skip }, async () => {
  await run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: app });
  const out = path.join(app, 'dist');
  const assets = await readdir(path.join(out, 'assets'));
  assert.ok(
    assets.some((f) => /^lrlab_core-[\w-]+\.wasm$/.test(f)),
    assets.join(' '),
  );
  // Vite inlines assets under 4 KB (iris, 2.7 KB) as data: URLs, which the engine decodes
  // itself (a fetch of data: would need connect-src data:); the larger sets stay files.
  for (const name of ['wine', 'breast_cancer', 'digits']) {
    assert.ok(
      assets.some((f) => f.startsWith(`${name}-`) && f.endsWith('.bin')),
      `${name}.bin emitted`,
    );
  }
  const page = await runPage(`${await serve(out)}index.html`);
  assertSameRun(page, 'vite build', { inlinedIris: true });
  assert.ok(!page.requests.some((p) => p.endsWith('.bin')), 'no data set fetched but the one named');
});

async function freePort() {
  const probe = http.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('Vite: the dev server', { skip }, async () => {
  const port = String(await freePort());
  const server = spawn(bin('vite'), ['--port', port, '--strictPort', '--host', '127.0.0.1'], {
    cwd: app,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => server.kill());
  const url = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`vite dev did not start: ${text}`)), 30000);
    server.stdout.on('data', (d) => {
      text += d;
      const m = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`vite dev exited ${code}: ${text}`)));
  });
  try {
    assertSameRun(await runPage(url), 'vite dev');
  } finally {
    server.kill();
  }
});

test('no bundler: an import-map page and a module Worker', { skip }, async () => {
  const base = await serve(app, { csp: false }); // an inline import map needs a CSP hash or none
  assertSameRun(await runPage(`${base}importmap.html`), 'import map');
  const worker = await runPage(`${base}worker.html`);
  assert.equal(worker.result.error, undefined, worker.result.error);
  assert.deepEqual(worker.result, nodeResult, 'module Worker: the same numbers as Node');
  assert.deepEqual(worker.problems, []);
});

test('TypeScript: tsc --strict with lib es2022 only (no DOM, no @types/node)', { skip }, async () => {
  const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((e) => e);
  assert.equal(result.code ?? 0, 0, `${result.stdout}${result.stderr}`);
});

test('publint and arethetypeswrong find nothing', { skip }, async () => {
  const lint = await run(bin('publint'), ['--strict', path.join(app, 'node_modules/lrlab')]).catch((e) => e);
  assert.equal(lint.code ?? 0, 0, `${lint.stdout}${lint.stderr}`);
  assert.doesNotMatch(lint.stdout, /warning|error|suggestion/i, lint.stdout);
  // ESM-only package: the node10 and CommonJS-require resolutions do not apply.
  // The wasm and the data sets are files, not modules: they have no types to find.
  const attw = await run(bin('attw'), [
    tarball,
    '--profile',
    'esm-only',
    '--exclude-entrypoints',
    './lrlab_core.wasm',
    './data/*',
    '--format',
    'table-flipped',
  ]).catch((e) => e);
  assert.equal(attw.code ?? 0, 0, `${attw.stdout}${attw.stderr}`);
});
