// What a learner's walk through the course found (session 29): a refused run offered a PyTorch
// script that crashes in torch; the scheduler select lost the keyboard focus when the controls
// were rebuilt under it; a per-batch schedule's epoch table showed only each epoch's first LR.

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

test('settings the engine refuses have no PyTorch script (torch 1.13 would fail at its first step)', {
  skip,
}, async () => {
  const { page } = await openPage(
    env,
    'playground.html?scheduler=ReduceLROnPlateau&scheduler_step=batch&epochs=5&mode=code',
  );
  assert.equal(await waitForRun(page), 'error');
  const code = await page.textContent('[data-widget="code"] code');
  assert.match(code, /^# The current settings are not valid: .*scheduler_step/);
  assert.doesNotMatch(code, /import torch/);
  await page.close();
});

test("a ReduceLROnPlateau script does not promise the page's LRs", { skip }, async () => {
  const { page } = await openPage(env, 'plateau.html?mode=code');
  assert.equal(await waitForRun(page), 'done');
  const code = await page.textContent('[data-widget="code"] code');
  assert.match(code, /ReduceLROnPlateau cuts the learning rate when this script's own val_loss/);
  assert.doesNotMatch(code, /matches LR Lab exactly/);
  await page.close();
});

test('the scheduler select keeps the keyboard focus when its change rebuilds the controls', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'warmup.html?mode=experiment');
  await waitForRun(page);
  const select = page.locator('[data-widget="controls"] select[id^="f-scheduler-"]:visible').first();
  await select.focus();
  const before = await select.inputValue();
  await page.keyboard.press('ArrowDown');
  await waitForRun(page);
  const focused = await page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    id: document.activeElement?.id,
    value: /** @type {HTMLSelectElement} */ (document.activeElement)?.value,
  }));
  assert.equal(focused.tag, 'SELECT');
  assert.notEqual(focused.value, before);
  // and the next arrow key changes the scheduler again, rather than scrolling the page
  await page.keyboard.press('ArrowDown');
  assert.notEqual(
    await page.evaluate(() => /** @type {HTMLSelectElement} */ (document.activeElement)?.value),
    focused.value,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("a per-batch StepLR's epoch table shows where the LR moved within an epoch", { skip }, async () => {
  const { page, problems } = await openPage(
    env,
    'steplr.html?scheduler_step=batch&StepLR.step_size=30&mode=trace',
  );
  assert.equal(await waitForRun(page), 'done');
  const rows = await page.$$eval('[data-widget="epoch-table"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  // 25 batches an epoch, a cut every 30 steps: epoch 1 starts at 0.1 and ends at 0.05
  assert.equal(rows[0][0], '0.1'); // the epoch is the row's header cell
  assert.equal(rows[1][0], '0.1 → 0.05');
  assert.match(rows[1].at(-1), /Learning rate reduced within the epoch: 0\.1 → 0\.05/);
  assert.doesNotMatch(rows[2].at(-1), /reduced to 0\.05 by the scheduler/);
  assert.deepEqual(problems, []);
  await page.close();
});
