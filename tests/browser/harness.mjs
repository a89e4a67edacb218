// Shared set-up for the browser tests: serves dist/ with scripts/serve.mjs (strict CSP) on an
// ephemeral port, drives Debian's /usr/bin/chromium through playwright-core (TOOLCHAIN.md §5),
// and records console errors, page errors, failed requests and requests to other origins.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = path.resolve(repo, process.env.LRLAB_SITE_DIR || 'dist');
export const artifacts = path.join(repo, 'tests/artifacts');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function missing() {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(path.join(siteDir, 'index.html')))
    return `${path.relative(repo, siteDir)}/index.html missing: run npm run build`;
  if (!existsSync(path.join(siteDir, 'engine/lrlab.mjs')))
    return `${path.relative(repo, siteDir)}/engine/lrlab.mjs missing: run npm run build`;
  return null;
}

/** Why the browser tests cannot run here, or null. Under `npm test` (LRLAB_REQUIRE_BROWSER=1)
 *  a missing browser or build is an error, never a silent skip. */
export function skipReason() {
  const reason = missing();
  if (reason && process.env.LRLAB_REQUIRE_BROWSER === '1')
    throw new Error(`browser tests cannot run: ${reason}`);
  return reason;
}

export async function launch({ prefix = '/' } = {}) {
  await mkdir(artifacts, { recursive: true });
  const server = await startServer({ root: siteDir, prefix });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'lrlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
  });
  return {
    server,
    context,
    url: server.url,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One browser and server for a test file: launched before its tests unless they are skipped,
 * closed after them. `skip` is the reason to skip (or false); `env` is set once launched.
 */
export function browserPerFile() {
  const file = { skip: skipReason() ?? false, env: /** @type {Awaited<ReturnType<typeof launch>>} */ (null) };
  before(async () => {
    if (!file.skip) file.env = await launch();
  });
  after(async () => {
    if (file.env) await file.env.close();
  });
  return file;
}

/** Opens `relative` (e.g. "steplr.html?x=1") and collects problems. */
export async function openPage(env, relative, { width = 1100, height = 900, colorScheme = 'light' } = {}) {
  const page = await env.context.newPage();
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  const problems = [];
  const origin = new URL(env.url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.url().startsWith('blob:')) return;
    // the browser's own favicon fetch, cut off when a test navigates on: not the page's request
    // (a missing favicon is still caught below, as its HTTP status)
    const aborted = r.failure()?.errorText === 'net::ERR_ABORTED';
    if (aborted && new URL(r.url()).pathname.endsWith('/favicon.svg')) return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
      problems.push(`request to another origin: ${u}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(env.url + relative);
  return { page, problems };
}

/** Waits until the lesson's main run has finished (or failed). */
export async function waitForRun(page, { timeout = 60000 } = {}) {
  await page.waitForFunction(
    () => {
      const bar = /** @type {HTMLElement} */ (document.querySelector('[data-widget="run-bar"]'));
      return bar && ['done', 'error'].includes(bar.dataset.status);
    },
    null,
    { timeout },
  );
  return page.$eval('[data-widget="run-bar"]', (el) => el.dataset.status);
}

/**
 * Init script (for addInitScript): marks on <html data-first-chart> the ms after navigation when
 * a chart first shows data: a .chart given points (ChartFrame's data-points) whose canvas has
 * more than 500 drawn pixels. Axes alone do not count. Checked every frame from the document's
 * start, so a chart drawn before the load event is timed when it was drawn.
 */
export function watchFirstChart() {
  const check = () => {
    for (const fig of document.querySelectorAll('.chart')) {
      const canvas = /** @type {HTMLCanvasElement | null} */ (fig.querySelector('canvas'));
      const ctx = canvas?.getContext('2d');
      if (!(Number(fig.getAttribute('data-points')) > 0) || !canvas?.width || !canvas.height || !ctx)
        continue;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 16) if (data[i] !== 0) n++;
      if (n * 4 > 500) {
        document.documentElement.dataset.firstChart = String(performance.now());
        return;
      }
    }
    if (performance.now() < 30000) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** The time watchFirstChart() marked on `page`, once it has (null if no chart showed data in 30 s). */
export async function firstChartTime(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.firstChart || performance.now() > 30000,
    null,
    { timeout: 60000 },
  );
  const t = await page.evaluate(() => document.documentElement.dataset.firstChart);
  return t ? Number(t) : null;
}

/** Waits until every formula widget on the page has typeset its formulas (formula.mjs fetches
 *  KaTeX once the lesson's run is done); throws if KaTeX failed to load. */
export async function waitForFormulas(page, { timeout = 30000 } = {}) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-widget="formula"]')].every(
        // mounted (the attribute is set) and no longer waiting for KaTeX
        (el) => ['done', 'failed'].includes(/** @type {HTMLElement} */ (el).dataset.typeset ?? ''),
      ),
    null,
    { timeout },
  );
  const failed = await page.$$eval('[data-widget="formula"][data-typeset="failed"]', (els) => els.length);
  if (failed) throw new Error(`${failed} formula widget(s) could not load KaTeX`);
}

/** Runs `action` (which changes a control) and waits for the retrain it causes to finish. */
export async function retrainAfter(page, action, { timeout = 60000 } = {}) {
  const before = await page.$eval('[data-widget="run-bar"]', (el) => Number(el.dataset.generation));
  await action();
  await page.waitForFunction(
    (g) => {
      const bar = /** @type {HTMLElement} */ (document.querySelector('[data-widget="run-bar"]'));
      return Number(bar.dataset.generation) > g && ['done', 'error'].includes(bar.dataset.status);
    },
    before,
    { timeout },
  );
  return page.$eval('[data-widget="run-bar"]', (el) => el.dataset.status);
}

/** Number of pixels of a canvas that differ from its most common colour (the background). */
export async function plottedPixels(page, selector) {
  return page.$eval(selector, (canvas) => {
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    let max = 0;
    for (const c of counts.values()) max = Math.max(max, c);
    return data.length / 4 - max;
  });
}

/** Texts of the epoch table's rows: [{epoch, lr}] . */
export async function tableRows(page, scope = '') {
  return page.$$eval(`${scope} .epoch-table tbody tr`, (trs) =>
    trs.map((tr) => ({
      epoch: tr.querySelector('th').textContent,
      lr: tr.querySelector('td[data-col="Learning rate"]').textContent,
      cells: [...tr.children].map((c) => c.textContent),
    })),
  );
}

export const screenshot = (page, name) =>
  page.screenshot({ path: path.join(artifacts, name), fullPage: true });
