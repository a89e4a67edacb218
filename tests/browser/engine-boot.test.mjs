// A lesson page starts its engine worker from <head> (web/app/engine-boot.js), before its lesson
// script runs, and sends its run before the widgets mount (issue 12, page speed). The lesson
// script adopts the worker with whatever it said before the page listened; a host that refuses
// workers still gets the engine, in the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CSP, startServer } from '../../scripts/serve.mjs';
import { browserPerFile, siteDir, tableRows, waitForRun } from './harness.mjs';

const file = browserPerFile();
const { skip } = file;

test('the worker starts before the lesson script, which adopts it after its "ready" has come', {
  skip,
}, async () => {
  const page = await file.env.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  // The lesson script arrives 1.5 s late: by then the worker has loaded the engine and said
  // "ready" (~0.3 s here) to a page with no client yet.
  await page.route('**/app/lesson-page.mjs', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`${file.env.url}steplr.html`);
  assert.equal(await waitForRun(page), 'done');
  const t = await page.evaluate(() => ({
    workerStart: performance.getEntriesByName('lrlab:worker-start')[0]?.startTime,
    workers: performance.getEntriesByName('lrlab:worker-start').length,
    script: /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).find((r) =>
      r.name.endsWith('/app/lesson-page.mjs'),
    )?.responseEnd,
    engine: document.body.dataset.engine,
  }));
  assert.equal(t.workers, 1, 'one worker');
  assert.ok(
    t.workerStart < 1500 && t.workerStart < t.script,
    `worker at ${t.workerStart}, script at ${t.script}`,
  );
  assert.equal(t.engine, 'ready');
  // the run the page asked for, epoch by epoch: StepLR(step_size=5, gamma=0.5) from lr 0.1
  const lrs = (await tableRows(page)).map((r) => Number(r.lr));
  assert.deepEqual(
    lrs,
    [...Array(15)].map((_, e) => 0.1 * 0.5 ** Math.floor(e / 5)),
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson page under worker-src none trains with the engine in the page', { skip }, async () => {
  const server = await startServer({
    root: siteDir,
    csp: CSP.replace("worker-src 'self' blob:", "worker-src 'none'"),
  });
  try {
    const page = await file.env.context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${server.url}steplr.html`);
    assert.equal(await waitForRun(page), 'done');
    assert.equal(await page.evaluate(() => document.body.dataset.engine), 'ready');
    assert.equal((await tableRows(page)).length, 15);
    // the refused worker is reported by the browser, nothing else
    assert.ok(problems.length >= 1, 'the worker was refused');
    assert.ok(
      problems.every((m) => /worker-src|Worker/.test(m)),
      problems.join('\n'),
    );
    await page.close();
  } finally {
    await server.close();
  }
});

test('an engine that cannot load: a notice, and the runs say so instead of "queued"', {
  skip,
}, async () => {
  const page = await file.env.context.newPage();
  await page.route('**/engine/lrlab_core.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${file.env.url}steplr.html`);
  await page.waitForFunction(() => document.body.dataset.engine === 'failed', null, { timeout: 30000 });
  const seen = await page.evaluate(() => ({
    notice: document.querySelector('#notices .notice-error')?.textContent ?? '',
    status: /** @type {HTMLElement} */ (document.querySelector('[data-widget="run-bar"]')).dataset.status,
    text: document.querySelector('[data-widget="run-bar"] .run-status')?.textContent ?? '',
    table: document.querySelector('[data-widget="epoch-table"]')?.textContent ?? '',
  }));
  assert.match(seen.notice, /could not be loaded.*HTTP 404/);
  assert.equal(seen.status, 'error');
  assert.match(seen.text, /^Not trained: .*could not be loaded/);
  assert.doesNotMatch(seen.table, /Waiting for the engine/);
  // after a slider move too, no view blames the settings (the run bar, step-order, compare...)
  await page.locator('[data-widget="controls"] input[type="range"]').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(1000);
  const body = await page.evaluate(() => document.body.textContent);
  assert.doesNotMatch(body, /rejected/i);
  assert.match(body, /Not trained: .*could not be loaded/);
  await page.close();
});
