// The LR range test in the playground: one engine epoch with an exponentially growing LR,
// the smoothed curve and a suggested max_lr that one click puts into OneCycleLR.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage, plottedPixels, skipReason } from './harness.mjs';

const skip = skipReason() ?? false;
let env;
before(async () => {
  if (!skip) env = await launch();
});
after(async () => {
  if (env) await env.close();
});

test('LR range test: curve, suggested max_lr, one click into OneCycleLR', { skip }, async () => {
  const { page, problems } = await openPage(env, 'playground.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const widget = '[data-widget="lr-range-test"]';
  await page.click(`${widget} button:has-text("Run the LR range test")`);
  await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'done', widget, {
    timeout: 60000,
  });
  const suggestion = Number(await page.$eval(widget, (el) => el.dataset.suggestion));
  assert.ok(suggestion > 1e-6 && suggestion < 10, `suggested max_lr ${suggestion}`);
  assert.match(await page.$eval(`${widget} .range-status`, (el) => el.textContent), /^25 batches from lr/);
  assert.ok((await plottedPixels(page, `${widget} canvas`)) > 300, 'the curve is drawn');
  await page.click(`${widget} button:has-text("Use it in OneCycleLR")`);
  await page.waitForFunction(() => location.search.includes('scheduler=OneCycleLR'));
  // (a value equal to the field's default is left out of the URL)
  if (Number(suggestion.toPrecision(2)) !== 0.5) assert.match(decodeURIComponent(page.url()), /max_lr=/);
  assert.deepEqual(problems, []);
  await page.close();
});
