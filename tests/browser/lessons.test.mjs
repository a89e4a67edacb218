// End-to-end tests of the course in headless Chromium, against the built dist/ served with the
// production CSP. Screenshots of every lesson go to tests/artifacts/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  launch,
  openPage,
  plottedPixels,
  retrainAfter,
  screenshot,
  siteDir,
  skipReason,
  tableRows,
  waitForFormulas,
  waitForRun,
} from './harness.mjs';

const skip = skipReason() ?? false;
if (skip) console.log(`# browser tests skipped: ${skip}`);
let env;
let lessons = [];

before(async () => {
  if (skip) return;
  lessons = JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8'));
  env = await launch();
});
after(async () => {
  if (env) await env.close();
});

const _canvasSel = (widget, i = 0) => `[data-widget="${widget}"] .chart:nth-of-type(${i + 1}) canvas`;

test('every lesson loads, trains, plots and has no console errors', { skip }, async () => {
  assert.ok(lessons.length >= 2, 'lessons.json lists the lessons');
  for (const lesson of lessons) {
    const { page, problems } = await openPage(env, `${lesson.id}.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const hasRun = await page.$('[data-widget="run-bar"]');
    if (hasRun) assert.equal(await waitForRun(page), 'done', `${lesson.id}: the lesson's run finishes`);
    await page.waitForTimeout(300);
    for (const canvas of await page.$$('.chart canvas')) {
      const visible = await canvas.isVisible();
      if (!visible) continue;
      const id = await canvas.evaluate((c) => {
        c.dataset.probe = String(Math.random());
        return c.dataset.probe;
      });
      const n = await plottedPixels(page, `canvas[data-probe="${id}"]`);
      assert.ok(n > 500, `${lesson.id}: a chart canvas has plotted pixels (${n})`);
    }
    await screenshot(page, `lesson-${lesson.order}-${lesson.id}.png`);
    assert.deepEqual(problems, [], `${lesson.id}: no console errors, failed or foreign requests`);
    await page.close();
  }
});

test('the widget registry mounts every widget a lesson may name, under that name', { skip }, async () => {
  const { page, problems } = await openPage(env, 'index.html');
  const names = await page.evaluate(async () => {
    const base = new URL('app/', location.href);
    const { WIDGETS } = await import(new URL('widget-registry.mjs', base).href);
    const { WIDGET_NAMES } = await import(new URL('widget-names.mjs', base).href);
    return {
      keys: Object.keys(WIDGETS).sort(),
      named: [...WIDGET_NAMES].sort(),
      mountable: Object.values(WIDGETS).every((w) => typeof w.mount === 'function'),
    };
  });
  assert.deepEqual(names.keys, names.named);
  assert.ok(names.mountable);
  assert.deepEqual(problems, []);
  await page.close();
});

test('StepLR lesson: table shows lr 0.1 for epochs 0-4 and 0.05 for 5-9', { skip }, async () => {
  const { page, problems } = await openPage(env, 'steplr.html');
  assert.equal(await waitForRun(page), 'done');
  const rows = await tableRows(page);
  assert.ok(rows.length >= 10);
  for (let e = 0; e < 10; e++) {
    assert.equal(rows[e].epoch, String(e));
    assert.equal(rows[e].lr, e < 5 ? '0.1' : '0.05', `epoch ${e}`);
  }
  const obs = rows[5].cells.at(-1);
  assert.match(obs, /Learning rate reduced to 0\.05 by the scheduler/);
  // the formula's value is the engine's planned LR at the chosen epoch (default 7 -> 0.05)
  assert.equal(await page.$eval('[data-widget="formula"] .formula', (el) => el.dataset.value), '0.05');
  assert.deepEqual(problems, []);
  await page.close();
});

test('changing a control retrains: the chart and the epoch table change', { skip }, async () => {
  const { page, problems } = await openPage(env, 'steplr.html');
  assert.equal(await waitForRun(page), 'done');
  const lrCanvas = '[data-widget="lr-chart"] canvas';
  const before = await page.$eval(lrCanvas, (c) => c.toDataURL());
  const rowsBefore = await tableRows(page);
  const input = page.locator('[data-field="StepLR.step_size"] input[type="number"]');
  assert.equal(
    await retrainAfter(page, async () => {
      await input.fill('3');
      await input.press('Enter');
    }),
    'done',
  );
  assert.equal(new URL(page.url()).searchParams.get('StepLR.step_size'), '3');
  const rows = await tableRows(page);
  assert.equal(rows[2].lr, '0.1');
  assert.equal(rows[3].lr, '0.05');
  assert.equal(rows[6].lr, '0.025');
  assert.notDeepEqual(
    rows.map((r) => r.cells[2]),
    rowsBefore.map((r) => r.cells[2]),
    'losses changed',
  );
  const after = await page.$eval(lrCanvas, (c) => c.toDataURL());
  assert.notEqual(after, before, 'LR chart redrawn');
  // a slider drag: many input events, coalesced; the last value wins
  const slider = page.locator('[data-field="StepLR.gamma"] input[type="range"]');
  await slider.focus();
  assert.equal(
    await retrainAfter(page, async () => {
      for (let i = 0; i < 8; i++) await slider.press('ArrowLeft');
    }),
    'done',
  );
  await page.waitForTimeout(300); // key presses after the first retrain started queue one more retrain
  await waitForRun(page);
  const gamma = await page.$eval('[data-field="StepLR.gamma"] input[type="number"]', (el) =>
    Number(el.value),
  );
  const rows2 = await tableRows(page);
  assert.equal(Number(rows2[3].lr), Number((0.1 * gamma).toPrecision(6)));
  assert.deepEqual(problems, []);
  await page.close();
});

test('quiz marks right and wrong answers and explains', { skip }, async () => {
  const { page, problems } = await openPage(env, 'steplr.html?mode=quiz');
  const q = page.locator('[data-question="worked-example"]');
  await q.locator('label', { hasText: '0.001' }).click();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await assert.doesNotReject(q.locator('.quiz-feedback[data-correct="false"]').waitFor());
  assert.match(await q.locator('.quiz-feedback').textContent(), /answer is B/);
  await q.locator('label', { hasText: /^B\. 0\.01$/ }).click();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.locator('.quiz-feedback[data-correct="true"]').waitFor();
  // the question generated from the learner's own run
  assert.equal(await waitForRun(page), 'done');
  const g = page.locator('[data-question="gen-first-lr-drop"]');
  await g.locator('label', { hasText: /\. 5$/ }).click();
  await g.getByRole('button', { name: 'Check answer' }).click();
  await g.locator('.quiz-feedback[data-correct="true"]').waitFor();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('lrlab.progress.v1')));
  assert.equal(stored.lessons.steplr.quiz['worked-example'], true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('URL round trip restores every control; hostile values fall back with a notice', { skip }, async () => {
  const { page, problems } = await openPage(
    env,
    'steplr.html?StepLR.step_size=4&StepLR.gamma=0.3&epochs=12&mode=trace',
  );
  assert.equal(await waitForRun(page), 'done');
  assert.equal(
    await page.$eval('[data-field="StepLR.step_size"] input[type="number"]', (el) => el.value),
    '4',
  );
  assert.equal(
    await page.$eval('.mode-button[data-mode="trace"]', (el) => el.getAttribute('aria-pressed')),
    'true',
  );
  assert.equal(await page.isVisible('[data-widget="lr-chart"]'), false, 'trace mode hides the charts');
  const rows = await tableRows(page);
  assert.equal(rows.length, 12);
  assert.equal(rows[4].lr, '0.03');
  // switch mode: state is kept
  await page.click('.mode-button[data-mode="visual"]');
  assert.ok(await page.isVisible('[data-widget="lr-chart"]'));
  const url = page.url();
  assert.match(url, /mode=visual/);
  assert.match(url, /StepLR\.step_size=4/);
  await page.close();

  const again = await openPage(env, url.slice(env.url.length));
  assert.equal(await waitForRun(again.page), 'done');
  assert.equal((await tableRows(again.page))[4].lr, '0.03');
  assert.equal(
    await again.page.$eval('[data-field="StepLR.gamma"] input[type="number"]', (el) => el.value),
    '0.3',
  );
  await again.page.close();

  const hostile = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  const bad = await openPage(
    env,
    `steplr.html?StepLR.gamma=${hostile}&epochs=-3&StepLR.step_size=1e9&junk=1&step_size=3&scheduler=${hostile}`,
  );
  assert.equal(await waitForRun(bad.page), 'done');
  const notices = await bad.page.$$eval('.notice', (ns) => ns.map((n) => n.textContent));
  // three bad values, a plain parameter name and a setting the lesson lacks; junk is no setting
  assert.equal(notices.length, 5, notices.join('\n'));
  assert.ok(
    notices.some(
      (n) => n.includes('Ignored step_size=“3” from the address') && n.includes('reads StepLR.step_size'),
    ),
    notices.join('\n'),
  );
  assert.ok(notices.some((n) => /Ignored scheduler=.*this lesson has no setting scheduler\./.test(n)));
  assert.ok(
    notices.some((n) => n.includes('<img src=x')),
    'the hostile value is shown as text',
  );
  assert.equal(await bad.page.$$eval('main img', (imgs) => imgs.length), 0, 'no element was injected');
  assert.equal(await bad.page.evaluate(() => window.__pwned), undefined);
  assert.equal((await tableRows(bad.page))[5].lr, '0.05', 'defaults used');
  assert.deepEqual([...problems, ...again.problems, ...bad.problems], []);
  await bad.page.close();
});

test('layout holds at 360 px, dark theme toggles, corrupt storage is ignored', { skip }, async () => {
  const { page, problems } = await openPage(env, 'index.html', { width: 360, height: 740 });
  await page.evaluate(() => localStorage.setItem('lrlab.progress.v1', '{not json'));
  await page.goto(`${env.url}pipeline.html`);
  assert.equal(await waitForRun(page), 'done');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 1, `no horizontal scrolling at 360 px (overflow ${overflow})`);
  await screenshot(page, 'mobile-360-pipeline.png');
  await page.click('#theme-toggle');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.waitForTimeout(200);
  await screenshot(page, 'dark-pipeline.png');
  await page.goto(`${env.url}index.html`);
  assert.match(await page.textContent('[data-progress-for="pipeline"]'), /Visited/);
  assert.deepEqual(problems, []);
  await page.close();
  // the About page's data-set URLs are single words wider than the column
  const about = await openPage(env, 'about.html', { width: 360, height: 740 });
  const aboutOverflow = await about.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(aboutOverflow <= 1, `About: no horizontal scrolling at 360 px (overflow ${aboutOverflow})`);
  assert.deepEqual(about.problems, []);
  await about.page.close();
});

test('pause, step one epoch, resume and cancel (deterministic: paused before the first epoch)', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'playground.html?epochs=12');
  assert.equal(await waitForRun(page), 'done');
  const bar = '[data-widget="run-bar"]';
  const status = () => page.$eval(bar, (el) => el.dataset.status);
  const rows = async () => (await tableRows(page)).length;
  // Retrain and pause in the same task: the pause travels with the train request, so no epoch can
  // slip through however fast or slow the machine is.
  const g0 = await page.$eval(bar, (el) => Number(el.dataset.generation));
  await page.$eval(bar, (el) => {
    el.querySelector('button:nth-child(4)').click(); // Retrain
    el.querySelector('button:nth-child(1)').click(); // Pause (enabled at once: the run is queued)
  });
  await page.waitForFunction((g) => {
    const el = /** @type {HTMLElement} */ (document.querySelector('[data-widget="run-bar"]'));
    return Number(el.dataset.generation) > g && el.dataset.status === 'paused';
  }, g0);
  assert.equal(await rows(), 0, 'paused before the first epoch');
  assert.match(await page.textContent(`${bar} .run-status`), /Paused after epoch 0 of 12/);
  for (const n of [1, 2]) {
    await page.click('button:has-text("Step one epoch")');
    await page.waitForFunction((k) => document.querySelectorAll('.epoch-table tbody tr').length >= k, n);
    assert.equal(await rows(), n, `step ${n}: exactly one more epoch`);
    assert.equal(await status(), 'paused');
  }
  await page.click('button:has-text("Resume")');
  assert.equal(await waitForRun(page), 'done');
  assert.equal(await rows(), 12, 'resumed to the end');
  // cancel a paused run: it stays at the epochs it had
  const g1 = await page.$eval(bar, (el) => Number(el.dataset.generation));
  await page.$eval(bar, (el) => {
    el.querySelector('button:nth-child(4)').click();
    el.querySelector('button:nth-child(2)').click();
  }); // Retrain, Step
  await page.waitForFunction((g) => {
    const el = /** @type {HTMLElement} */ (document.querySelector('[data-widget="run-bar"]'));
    return (
      Number(el.dataset.generation) > g &&
      el.dataset.status === 'paused' &&
      document.querySelectorAll('.epoch-table tbody tr').length === 1
    );
  }, g1);
  await page.click('button:has-text("Cancel")');
  await page.waitForFunction(
    () =>
      /** @type {HTMLElement} */ (document.querySelector('[data-widget="run-bar"]')).dataset.status ===
      'cancelled',
  );
  assert.equal(await rows(), 1);
  assert.match(await page.textContent(`${bar} .run-status`), /Cancelled after 1 of 12 epochs/);
  // the epoch table says so too, and keeps no room for the epochs that will not come
  const table = await page.$eval('[data-widget="epoch-table"]', (el) => ({
    status: el.querySelector('.table-status')?.textContent ?? '',
    reserved: /** @type {HTMLElement} */ (el.querySelector('.table-scroll')).style.getPropertyValue(
      '--epoch-rows',
    ),
  }));
  assert.equal(table.status, 'Cancelled after 1 of 12 epochs.');
  assert.equal(table.reserved, '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the site works from a sub-path', { skip }, async () => {
  const sub = await launch({ prefix: '/some/sub/path/' });
  try {
    assert.match(sub.url, /\/some\/sub\/path\/$/);
    const { page, problems } = await openPage(sub, 'index.html');
    await page.click('a[href="steplr.html"] >> nth=0');
    assert.equal(await waitForRun(page), 'done');
    assert.equal((await tableRows(page))[5].lr, '0.05');
    assert.deepEqual(problems, []);
  } finally {
    await sub.close();
  }
});

test('why-lr: defaults oscillate / crawl / converge and the schedule beats all three; a higher LR diverges and says so', {
  skip,
}, async () => {
  const compareDone = (page) =>
    page.waitForFunction(
      () =>
        /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="compare"]'))?.dataset
          .status === 'done',
      null,
      { timeout: 60000 },
    );
  const { page, problems } = await openPage(env, 'why-lr.html');
  await compareDone(page);
  const notes = await page.$$eval('.compare-table tbody tr', (trs) =>
    trs.map((tr) => tr.lastElementChild.textContent),
  );
  assert.deepEqual(notes, ['finished', 'finished', 'finished', 'finished']);
  const losses = await page.evaluate(() => {
    const rows = document.querySelectorAll('.compare-table tbody tr');
    return [...rows].map((tr) => Number(tr.children[3].textContent));
  });
  // too low crawls: its final training loss is the highest of the finished runs
  assert.ok(losses[0] > losses[1] && losses[0] > losses[3], `final train losses ${losses}`);
  assert.equal(await page.$eval('[data-widget="compare"]', (el) => el.dataset.verdict), 'beat-all');
  assert.match(await page.textContent('.compare-verdict'), /beat all 3 constant learning rates/);
  // the test losses the verdict compares are in the table, where the learner can check them
  const testLosses = await page.$$eval('.compare-table tbody tr', (trs) =>
    trs.map((tr) => tr.children[4].textContent),
  );
  const quoted = /test loss (\d\.\d{4}).*ended with (\d\.\d{4})/.exec(
    await page.textContent('.compare-verdict'),
  );
  assert.ok(quoted, 'the verdict quotes two test losses');
  for (const v of quoted.slice(1)) assert.ok(testLosses.includes(v), `${v} in ${testLosses}`);
  assert.ok((await plottedPixels(page, '[data-widget="compare"] .chart:nth-of-type(2) canvas')) > 500);
  assert.deepEqual(problems, []);
  await page.close();

  const high = await openPage(env, 'why-lr.html?lr_high=20');
  await compareDone(high.page);
  const highNotes = await high.page.$$eval('.compare-table tbody tr', (trs) =>
    trs.map((tr) => tr.lastElementChild.textContent),
  );
  assert.match(highNotes[2], /diverged at epoch \d+/);
  // the loss chart clips the diverged run and marks where it left, in the run's colour
  const k = /diverged at epoch (\d+)/.exec(highNotes[2])[1];
  const marks = await high.page.$$eval('[data-widget="compare"] figure.chart', (fs) =>
    fs.map((f) => f.dataset.annotations ?? ''),
  );
  assert.match(marks[1], new RegExp(`lr = 20 \\(too high\\?\\): diverged at epoch ${k}`));
  assert.deepEqual(high.problems, []);
  await high.page.close();
});

test('why-lr: the verdict speaks of the run shown (no cut in the run, a run that never learned, LRs out of order)', {
  skip,
}, async () => {
  const compared = async (query) => {
    const { page, problems } = await openPage(env, `why-lr.html?${query}`);
    await page.waitForFunction(
      () =>
        /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="compare"]'))?.dataset
          .status === 'done',
      null,
      { timeout: 60000 },
    );
    const verdict = await page.$eval('[data-widget="compare"]', (el) => el.dataset.verdict);
    const text = await page.textContent('.compare-verdict');
    const status = await page.textContent('.compare-status');
    const labels = await page.$$eval('.compare-table tbody th', (ths) => ths.map((th) => th.textContent));
    const lrs = await page.$$eval('.compare-table tbody tr', (trs) =>
      trs.map((tr) => tr.children[2].textContent),
    );
    assert.deepEqual(problems, []);
    await page.close();
    return { verdict, text, status, labels, lrs };
  };
  // 3 epochs, StepLR cutting at epoch 5: its LR never moves, so no credit to the schedule
  const short = await compared('epochs=3');
  assert.equal(short.lrs[3], '1 → 1');
  assert.equal(short.verdict, 'no-cut');
  assert.match(short.text, /never changed the learning rate within these 3 epochs/);
  assert.doesNotMatch(short.text, /beat all/);
  // lr = 1: the schedule starts at 10 and ends at chance on a balanced two-class split
  const high = await compared('lr=1');
  assert.equal(high.verdict, 'not-learned');
  assert.match(high.text, /never learned to classify: it ended at 50\.\d% test accuracy/);
  // the three constant LRs out of order: the labels name the fields, the status says why
  const shuffled = await compared('lr_low=0.5&lr=0.2&lr_high=0.3');
  assert.deepEqual(shuffled.labels.slice(0, 3), [
    'lr = 0.5 (the “too low” field)',
    'lr = 0.2',
    'lr = 0.3 (the “too high” field)',
  ]);
  assert.match(shuffled.status, /not in the order too low < lr < too high/);
  const ordered = await compared('');
  assert.deepEqual(ordered.labels.slice(0, 3), ['lr = 0.001 (too low?)', 'lr = 0.1', 'lr = 5 (too high?)']);
  assert.doesNotMatch(ordered.status, /not in the order/);
});

test('warm-up: the SequentialLR snippet follows the controls', { skip }, async () => {
  const { page, problems } = await openPage(env, 'warmup.html');
  assert.equal(await waitForRun(page), 'done');
  const code = () => page.textContent('pre code.language-python');
  assert.match(await code(), /epochs, warmup_epochs = 25, 3\n/);
  const input = page.locator('[data-field="SequentialLR.warmup_epochs"] input[type="number"]');
  assert.equal(
    await retrainAfter(page, async () => {
      await input.fill('7');
      await input.press('Enter');
    }),
    'done',
  );
  assert.match(await code(), /epochs, warmup_epochs = 25, 7\n/);
  assert.match(await code(), /milestones=\[warmup_epochs\]/);
  assert.deepEqual(problems, []);
  await page.close();
  // OneCycleLR stepped per batch: the key insight names both LRs of the last epoch, where it
  // starts (the epoch table's) and where it ends (the compare table's "→" value)
  const cycle = await openPage(env, 'warmup.html?scheduler=OneCycleLR');
  assert.equal(await waitForRun(cycle.page), 'done');
  const insight = await cycle.page.textContent('[data-widget="key-insight"] .key-insight');
  assert.match(insight, /to [\d.e-]+ at the start of epoch 24 and [\d.e-]+ at its last step;/);
  assert.deepEqual(cycle.problems, []);
  await cycle.page.close();
});

test('plateau: the state strip shows the cut and the reason', { skip }, async () => {
  const { page, problems } = await openPage(env, 'plateau.html');
  assert.equal(await waitForRun(page), 'done');
  const reduced = await page.$$eval('.plateau-strip td.reduced', (tds) => tds.map((td) => td.textContent));
  assert.ok(reduced.length >= 1, 'at least one reduction in 30 epochs');
  assert.match(reduced[0], /^0\.5 → 0\.1$/);
  const bad = await page.$$eval('.plateau-strip tbody tr:nth-child(3) td', (tds) =>
    tds.map((td) => Number(td.textContent)),
  );
  const cutAt = await page.$$eval('.plateau-strip tbody tr:nth-child(6) td', (tds) =>
    tds.findIndex((td) => td.classList.contains('reduced')),
  );
  // the bad-epoch counter climbed past patience (3): it read 3 the epoch before the cut epoch reset it
  assert.equal(bad[cutAt - 1], 3);
  const rows = await tableRows(page);
  assert.equal(rows[cutAt + 1].lr, '0.1');
  assert.deepEqual(problems, []);
  await page.close();
});

test("plateau: mode 'max' on val_loss is named as the cause of its cuts, in the strip and the key insight", {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'plateau.html?ReduceLROnPlateau.mode=max');
  assert.equal(await waitForRun(page), 'done');
  const note = page.locator('.plateau-mode-note');
  assert.ok(await note.isVisible());
  assert.match(
    await note.textContent(),
    /mode 'max' but is given val_loss, which falls as the model improves/,
  );
  // the cuts come every patience + 1 = 4 epochs, as the note says
  const cuts = await page.$$eval('.plateau-strip tbody tr:nth-child(6) td', (tds) =>
    tds.flatMap((td, i) => (td.classList.contains('reduced') ? [i] : [])),
  );
  assert.deepEqual(cuts.slice(0, 3), [4, 8, 12]);
  await page.waitForSelector('[data-widget="key-insight"][data-verdict]', { timeout: 60000 });
  const gain = await page.textContent('[data-widget="key-insight"] .key-insight-gain');
  assert.match(gain, /mode 'max' but is given val_loss/);
  assert.doesNotMatch(gain, /cuts came before learning was done/);
  assert.deepEqual(problems, []);
  await page.close();
  // the lesson's own mode: no note
  const fine = await openPage(env, 'plateau.html');
  assert.equal(await waitForRun(fine.page), 'done');
  assert.equal(await fine.page.locator('.plateau-mode-note').isVisible(), false);
  await fine.page.close();
});

test('zoo: all fifteen schedulers train; OneCycleLR shows momentum; code mode writes the script', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'zoo.html');
  assert.equal(await waitForRun(page), 'done'); // every widget is mounted before the lesson's run starts
  await page.waitForFunction(
    () =>
      [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.zoo-card'))].every(
        (c) => c.dataset.status === 'done',
      ),
    null,
    { timeout: 90000 },
  );
  assert.equal(await page.$$eval('.zoo-card', (cs) => cs.length), 15);
  assert.equal(
    await retrainAfter(page, () => page.selectOption('[data-field="scheduler"] select', 'OneCycleLR')),
    'done',
  );
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-widget="lr-chart"] .u-legend th')].some((th) =>
      th.textContent.includes('momentum'),
    ),
  );
  // stepped per batch: the LR chart's title says so (and the PNG export's heading with it)
  assert.equal(
    await page.textContent('[data-widget="lr-chart"] .chart-title'),
    'Learning rate at every optimizer step (from the engine)',
  );
  await page.click('.mode-button[data-mode="code"]');
  await page.waitForFunction(() =>
    document.querySelector('[data-widget="code"] code').textContent.includes('OneCycleLR'),
  );
  const code = await page.textContent('[data-widget="code"] code');
  assert.match(
    code,
    /lr_scheduler\.OneCycleLR\(optimizer, max_lr=0\.5, epochs=15, steps_per_epoch=max\(1, math\.floor\(1\.0 \* steps_per_epoch \+ 0\.5\)\)/,
  );
  assert.match(code, /scheduler\.step\(\) {2}# stepped per batch/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('CSV and PNG exports download the engine data', { skip }, async () => {
  const { page, problems } = await openPage(env, 'steplr.html');
  assert.equal(await waitForRun(page), 'done');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-widget="lr-chart"] button:has-text("CSV")'),
  ]);
  const text = await readFile(await csv.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'epoch,planned_lr_group0,lr_group0');
  assert.equal(lines[5], '4,0.1,0.1');
  assert.equal(lines[6], '5,0.05,0.05');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-widget="lr-chart"] button:has-text("PNG")'),
  ]);
  const bytes = await readFile(await png.path());
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual(problems, []);
  await page.close();
});

test('hovering a chart syncs the cursor across charts and highlights the epoch row', { skip }, async () => {
  const { page, problems } = await openPage(env, 'steplr.html');
  assert.equal(await waitForRun(page), 'done');
  await page.$eval('[data-widget="lr-chart"]', (el) => el.scrollIntoView({ block: 'center' }));
  const box = await (await page.$('[data-widget="lr-chart"] .u-over')).boundingBox();
  await page.mouse.move(box.x + box.width * (7.5 / 15), box.y + box.height / 2);
  await page.waitForSelector('tr.current-epoch');
  assert.deepEqual(await page.$$eval('tr.current-epoch', (t) => t.map((r) => r.dataset.epoch)), ['7']);
  const legends = await page.$$eval('.u-legend', (ls) =>
    ls.map((l) => [...l.querySelectorAll('td.u-value')].map((td) => td.textContent)),
  );
  // epoch, planned, used, and the constant-LR baseline the lesson trains beside the run
  assert.deepEqual(legends[0], ['7', '0.05', '0.05', '0.1'], 'LR chart legend reads epoch 7');
  assert.equal(legends[1][0], '7', 'loss chart cursor synced to epoch 7');
  const row7 = (await tableRows(page))[7].cells;
  // loss legend: epoch, the constant-LR baseline's train and test loss (faint), then the run's
  assert.equal(legends[1][3], row7[2], 'the loss legend shows the same value as the table');
  assert.notEqual(legends[1][1], '–', 'the baseline is drawn behind the run');
  assert.deepEqual(problems, []);
  await page.close();
});

test('StepLR: scheduler.step() before optimizer.step() and per batch are real runs', { skip }, async () => {
  const { page, problems } = await openPage(env, 'steplr.html?mode=compare');
  await page.waitForFunction(
    () =>
      /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="step-order"]'))?.dataset
        .status === 'done',
    null,
    { timeout: 60000 },
  );
  const rows = await page.$$eval('.step-order-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)),
  );
  assert.equal(rows.length, 15);
  // step_size 5, gamma 0.5: correct cuts at epoch 5, the early call already at epoch 4
  assert.deepEqual(rows[3].slice(1, 3), ['0.1', '0.1']);
  assert.deepEqual(rows[4].slice(1, 3), ['0.1', '0.05']);
  assert.deepEqual(rows[5].slice(1, 3), ['0.05', '0.05']);
  assert.deepEqual(rows[9].slice(1, 3), ['0.05', '0.025']);
  // per batch: 25 scheduler steps per epoch, so the LR already falls inside epoch 0
  assert.match(rows[0][3], /^0\.1 → /);
  assert.notEqual(rows[1][3], '0.1');
  const results = await page.$$eval('.step-order-results tbody tr', (trs) =>
    trs.map((tr) => tr.lastElementChild.textContent),
  );
  assert.equal(results.length, 3);
  for (const r of results) assert.match(r, /^\d+\.\d%$/);
  const lastLr = await page.$$eval('.step-order-results tbody tr', (trs) =>
    trs.map((tr) => tr.children[1].textContent),
  );
  // 15 epochs of StepLR(5, 0.5): the correct run ends at 0.025, the early one already at 0.0125
  assert.deepEqual(lastLr.slice(0, 2), ['0.025', '0.0125']);
  assert.ok((await plottedPixels(page, '[data-widget="step-order"] canvas')) > 500);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Math mode: ReduceLROnPlateau and OneCycleLR formulas end in the engine value', { skip }, async () => {
  const sig = (s) => Number(Number(s).toPrecision(6));
  const { page, problems } = await openPage(env, 'plateau.html?mode=math&formula_epoch=5');
  assert.equal(await waitForRun(page), 'done');
  const out = '[data-widget="formula"] .formula[aria-live]';
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value, out);
  await waitForFormulas(page);
  assert.ok((await page.$$eval(`${out} .katex`, (e) => e.length)) > 0, 'typeset');
  assert.equal(await page.$$eval('.katex-error', (e) => e.length), 0);
  // the rule's result after epoch 5 is the LR epoch 6 trains with
  assert.equal(sig(await page.$eval(out, (el) => el.dataset.value)), sig((await tableRows(page))[6].lr));
  assert.match(await page.textContent(out), /improved|bad epoch/);
  await page.close();

  const w = await openPage(env, 'warmup.html?mode=math&scheduler=OneCycleLR&formula_epoch=3');
  assert.equal(await waitForRun(w.page), 'done');
  await w.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value, out);
  await waitForFormulas(w.page);
  assert.ok((await w.page.$$eval(`${out} .katex`, (e) => e.length)) > 0, 'typeset');
  assert.equal(await w.page.$eval('[data-widget="formula"]', (el) => el.dataset.type), 'OneCycleLR');
  // a per-batch schedule's row shows the epoch's first and last LR: the formula's is the first
  const firstLr = (await tableRows(w.page))[3].lr.split(' → ')[0];
  assert.equal(sig(await w.page.$eval(out, (el) => el.dataset.value)), sig(firstLr));
  assert.match(
    await w.page.textContent('[data-widget="formula"] .formula-caption'),
    /optimizer step t = 3 × 25 = 75/,
  );
  assert.equal(await w.page.$$eval('.katex-error', (e) => e.length), 0);
  assert.deepEqual([...problems, ...w.problems], []);
  await w.page.close();
});
