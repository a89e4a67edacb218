// Issue 8 on the site: a run PyTorch itself stops shows its error wherever the run is shown
// (status line, epoch table, a notice), a run torch warns about says so in a notice, and unreadable stored progress gets a notice.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage, skipReason, waitForRun } from './harness.mjs';

const skip = skipReason() ?? false;
if (skip) console.log(`# browser tests skipped: ${skip}`);
let env;

before(async () => {
  if (!skip) env = await launch();
});
after(async () => {
  if (env) await env.close();
});

test('a OneCycleLR stepped past total_steps shows its ValueError in the status line, table and a notice', {
  skip,
}, async () => {
  const custom = encodeURIComponent('{"type":"OneCycleLR","max_lr":0.1,"total_steps":3}');
  const { page, problems } = await openPage(
    env,
    `playground.html?scheduler=custom&custom_scheduler=${custom}`,
  );
  assert.equal(await waitForRun(page), 'done');
  const error = /Training stopped at epoch \d+(, batch \d+)?: ValueError: Tried to step \d+ times/;
  assert.match(await page.textContent('[data-widget="run-bar"]'), error);
  assert.doesNotMatch(await page.textContent('[data-widget="run-bar"]'), /Done:/);
  const table = await page.$('[data-widget="epoch-table"] .table-status');
  if (table) assert.match(await table.textContent(), error);
  assert.match(await page.textContent('#notices .notice-error'), error);
  assert.deepEqual(problems, []);
  await page.close();
});

test('settings torch runs in a surprising way train with its numbers and a notice says why', {
  skip,
}, async () => {
  // torch 1.13 accepts a negative gamma: the LR flips sign at each cut (docs/pytorch-semantics.md).
  const custom = encodeURIComponent('{"type":"StepLR","step_size":2,"gamma":-0.5}');
  const { page, problems } = await openPage(
    env,
    `playground.html?scheduler=custom&custom_scheduler=${custom}`,
  );
  assert.equal(await waitForRun(page), 'done');
  assert.match(
    await page.textContent('#notices .notice-warning'),
    /PyTorch runs this, but note: scheduler\.gamma: a negative gamma flips the sign of the LR/,
  );
  assert.match(await page.textContent('[data-widget="run-bar"]'), /Done: \d+ epochs trained/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('unreadable stored progress gets a notice instead of a silent reset', { skip }, async () => {
  const { page, problems } = await openPage(env, 'index.html');
  assert.equal(await page.$('#notices .notice'), null);
  await page.evaluate(() => localStorage.setItem('lrlab.progress.v1', '{not json'));
  // each navigation waits for the page's own loading (the engine worker starts from <head>):
  // a request cut off by leaving the page is not a problem of the page
  await page.waitForLoadState('networkidle');
  await page.reload();
  assert.match(
    await page.textContent('#notices'),
    /saved course progress could not be read \(it is not valid JSON\)/,
  );
  await page.evaluate(() => localStorage.setItem('lrlab.progress.v1', '[1,2]'));
  await page.waitForLoadState('networkidle');
  await page.goto(`${env.url}steplr.html`);
  assert.match(await page.textContent('#notices'), /could not be read \(it has an unexpected shape\)/);
  await waitForRun(page);
  await page.waitForLoadState('networkidle');
  // the lesson page wrote fresh progress: the next page has nothing to report
  await page.goto(`${env.url}index.html`);
  assert.equal(await page.$('#notices .notice'), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('more informative features than features is refused naming the field, not trained as fewer', {
  skip,
}, async () => {
  // sklearn's make_classification raises on n_informative > n_features; the page used to clamp it
  // and train 10 while its slider and script said 14
  const { page, problems } = await openPage(env, 'playground.html?n_informative=14');
  assert.equal(await waitForRun(page), 'error');
  assert.match(
    await page.textContent('[data-widget="run-bar"]'),
    /data\.n_informative: must be an integer in \[1, 10\], got 14/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a run PyTorch stops is not compared with the constant-LR baseline (StepLR step_size 0)', {
  skip,
}, async () => {
  const custom = encodeURIComponent('{"type":"StepLR","step_size":0,"gamma":0.5}');
  const { page, problems } = await openPage(
    env,
    `playground.html?scheduler=custom&custom_scheduler=${custom}`,
  );
  assert.equal(await waitForRun(page), 'done');
  await page.waitForSelector('[data-widget="key-insight"][data-verdict]', { timeout: 60000 });
  assert.equal(await page.$eval('[data-widget="key-insight"]', (el) => el.dataset.verdict), 'stopped');
  const gain = await page.textContent('[data-widget="key-insight"] .key-insight-gain');
  // torch's type and message, and the argument that caused it
  assert.match(
    gain,
    /Training stopped at epoch 0: ZeroDivisionError: integer modulo by zero \(StepLR step_size 0\)/,
  );
  assert.match(gain, /not compared with the constant-LR baseline/);
  assert.doesNotMatch(gain, /helped|did not help|No real difference|mixed/);
  assert.deepEqual(problems, []);
  await page.close();
});
