// The course proves its point (issue 11): every lesson shows what the schedule bought against a
// constant LR, no text contradicts the run after any control moves, modes are a path, and the
// page does not jump while it loads.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openPage, siteDir, skipReason, tableRows, waitForRun } from './harness.mjs';

const skip = skipReason() ?? false;
let env;
let lessons = [];

before(async () => {
  if (skip) return;
  lessons = JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8'));
  env = await launch();
  // Layout shifts from the first paint on (CLS as the Layout Instability API reports it).
  await env.context.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
});
after(async () => {
  if (env) await env.close();
});

// Every bound number, written quiz text and "defaults" section checked against the page's own
// state (the address bar plus the lesson's defaults); returns the stale claims found.
async function staleClaims(page) {
  return page.evaluate(async () => {
    const base = new URL('app/', location.href);
    const { evalBound, parseBound, fillBound } = await import(new URL('bound-text.mjs', base));
    const { lessonDefaults, parseState } = await import(new URL('url-state.mjs', base));
    const { FIELDS } = await import(new URL('fields.mjs', base));
    const lesson = JSON.parse(document.getElementById('lesson-data').textContent);
    const defaults = lessonDefaults(lesson.fields, lesson.field_groups);
    const { values } = parseState(location.search, defaults);
    const get = (k) => (k in values ? values[k] : FIELDS[k].default);
    const stale = [];
    for (const el of document.querySelectorAll('.bound[data-bind]')) {
      const want = evalBound(parseBound(el.dataset.bind), get);
      if (el.textContent !== want) stale.push(`{{${el.dataset.bind}}} shows ${el.textContent}, want ${want}`);
    }
    for (const q of (lesson.quiz || []).filter((x) => !x.generated)) {
      const box = document.querySelector(`.quiz-question[data-question="${q.id}"]`);
      if (!box) continue;
      const legend = box.querySelector('legend').textContent;
      if (legend !== fillBound(q.question, get)) stale.push(`quiz ${q.id}: "${legend}"`);
      const labels = [...box.querySelectorAll('.quiz-choice label')].map((l) => l.textContent.slice(3));
      q.choices.forEach((c, i) => {
        if (labels[i] !== fillBound(c, get)) stale.push(`quiz ${q.id} choice ${i}: "${labels[i]}"`);
      });
    }
    const training = Object.keys(values).filter(
      (k) => !['mode', 'lr_scale', 'sample', 'formula_epoch', 'compare_set', 'lr_high', 'lr_low'].includes(k),
    );
    const moved = training.some((k) => FIELDS[k].format(values[k]) !== FIELDS[k].format(defaults[k]));
    for (const s of document.querySelectorAll('[data-defaults-only]'))
      if (moved && !s.hidden) stale.push('a "with the default settings" section is still shown');
    return stale;
  });
}

// An off-default value for a control row (select: next option, checkbox: toggle, number: a step).
async function moveOffDefault(row) {
  return row.evaluate((el) => {
    const select = el.querySelector('select');
    const box = el.querySelector('input[type="checkbox"]');
    const num = el.querySelector('input[type="number"]');
    if (select) {
      select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
      select.dispatchEvent(new Event('change'));
      return `${el.dataset.field}=${select.value}`;
    }
    if (box) {
      box.click();
      return `${el.dataset.field}=${box.checked}`;
    }
    if (num) {
      const v = Number(num.value);
      const max = Number(num.max);
      const min = Number(num.min);
      const int = num.step === '1';
      let next = int ? v + 1 : Number((v * 0.8 || 0.1).toPrecision(3));
      if (next > max) next = int ? v - 1 : Number((v * 0.9).toPrecision(3));
      if (next < min) next = min;
      num.value = String(next);
      num.dispatchEvent(new Event('change'));
      return `${el.dataset.field}=${next}`;
    }
    return null;
  });
}

test('every control of every lesson, moved off its default, leaves no stale number, quiz key or claim', {
  skip,
}, async () => {
  for (const lesson of lessons) {
    const { page, problems } = await openPage(env, `${lesson.id}.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const hasRun = !!(await page.$('[data-widget="run-bar"]'));
    if (hasRun) await waitForRun(page, { timeout: 120000 });
    assert.deepEqual(await staleClaims(page), [], `${lesson.id} at its defaults`);
    const rows = await page.$$('[data-widget="controls"] .field[data-field]');
    const seen = new Set();
    for (const row of rows) {
      const field = await row.getAttribute('data-field');
      if (seen.has(field) || !(await row.isVisible().catch(() => false))) continue;
      seen.add(field);
      const moved = await moveOffDefault(row);
      if (!moved) continue;
      await page.waitForTimeout(50);
      assert.deepEqual(await staleClaims(page), [], `${lesson.id}: after ${moved}`);
    }
    if (hasRun) {
      // the key insight describes the run the table shows, not the default run
      const status = await waitForRun(page, { timeout: 120000 });
      if (status === 'done') {
        await page.waitForFunction(
          () =>
            !document
              .querySelector('[data-widget="key-insight"] .key-insight-gain')
              ?.textContent.includes('still training'),
          null,
          { timeout: 60000 },
        );
        const insight = await page.$('[data-widget="key-insight"] .key-insight');
        const rowsNow = await tableRows(page);
        if (insight && rowsNow.length) {
          const text = await insight.textContent();
          assert.ok(
            text.includes(`to ${rowsNow.at(-1).lr.split(' / ')[0]} in epoch ${rowsNow.length - 1}`),
            `${lesson.id}: key insight "${text}" matches the table's last row`,
          );
        }
      }
    }
    assert.deepEqual(problems, [], `${lesson.id}: no console errors`);
    await page.close();
  }
});

test('seed lesson: the baseline is drawn and the key insight states what StepLR bought', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'pipeline.html');
  assert.equal(await waitForRun(page), 'done');
  await page.waitForSelector('[data-widget="key-insight"][data-verdict]', { timeout: 60000 });
  assert.equal(await page.$eval('[data-widget="key-insight"]', (el) => el.dataset.verdict), 'helped');
  const gain = await page.textContent('.key-insight-gain');
  assert.match(gain, /Against a constant LR of 0\.1 .* test accuracy 90\.5% vs 90\.0%/);
  const drawn = await page.$$eval('[data-widget="metrics-chart"]', (els) =>
    els.map((e) => Number(e.dataset.baseline)),
  );
  assert.ok(
    drawn.every((n) => n === 10),
    `baseline epochs drawn: ${drawn}`,
  );
  // a schedule that cuts too early: the insight says it did not help, and why
  await page.goto(`${page.url().split('?')[0]}?StepLR.step_size=1&StepLR.gamma=0.1`);
  assert.equal(await waitForRun(page), 'done');
  await page.waitForSelector('[data-widget="key-insight"][data-verdict]', { timeout: 60000 });
  assert.equal(await page.$eval('[data-widget="key-insight"]', (el) => el.dataset.verdict), 'hurt');
  assert.match(await page.textContent('.key-insight-gain'), /did not help here: .*still improving/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('modes: Compare on the pipeline lesson; a missing mode falls back to Story with a notice', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'pipeline.html?mode=compare');
  await page.waitForFunction(
    () => document.querySelector('[data-widget="compare"]')?.dataset.status === 'done',
    null,
    { timeout: 60000 },
  );
  const labels = await page.$$eval('.compare-table tbody th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(labels, ['constant LR (no scheduler)', 'StepLR']);
  assert.deepEqual(problems, []);
  await page.close();

  const p2 = await openPage(env, 'playground.html?mode=compare');
  await p2.page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await p2.page.evaluate(() => document.body.dataset.mode), 'story');
  assert.match(await p2.page.textContent('#notices'), /no Compare mode; showing the Story/);
  assert.equal(await p2.page.$('.mode-button[data-mode="compare"]'), null, 'Compare is not offered');
  await p2.page.close();

  // Experiment mode always holds the controls and a chart they move
  for (const lesson of lessons) {
    const { page: p } = await openPage(env, `${lesson.id}.html?mode=experiment`);
    await p.waitForFunction(() => document.body.dataset.ready === 'true');
    const visible = await p.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.offsetParent !== null);
      return {
        controls: shown('[data-widget="controls"]'),
        chart: shown('.chart canvas') || shown('.zoo-card canvas'),
      };
    });
    assert.deepEqual(visible, { controls: true, chart: true }, `${lesson.id} in Experiment mode`);
    await p.close();
  }
});

test('plateau: the scheduler watches validation, the lesson reports test, and the cut helped', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'plateau.html');
  assert.equal(await waitForRun(page), 'done');
  const head = await page.$$eval('.epoch-table thead th', (ths) => ths.map((t) => t.textContent));
  assert.ok(head.includes('Val. loss ↓') && head.includes('Test loss ↓'), head.join('|'));
  const trigger = await page.$$eval('.plateau-strip td.cut-trigger', (tds) => tds.map((t) => t.textContent));
  assert.ok(trigger.length >= 1, 'at least one cut');
  assert.match(trigger[0], /^0\.\d+ not better than best 0\.\d+$/);
  const notes = await page.$$eval('.epoch-table td[data-col="Observation"]', (tds) =>
    tds.map((t) => t.textContent),
  );
  assert.ok(
    notes.slice(1).every((n) => /Watched validation loss/.test(n)),
    'observations speak of the watched metric',
  );
  await page.waitForSelector('[data-widget="key-insight"][data-verdict]', { timeout: 60000 });
  assert.equal(await page.$eval('[data-widget="key-insight"]', (el) => el.dataset.verdict), 'helped');
  assert.deepEqual(problems, []);
  await page.close();
});

test('no lesson shifts its layout while it loads and trains (CLS <= 0.05)', { skip }, async () => {
  for (const width of [1280, 360]) {
    for (const lesson of lessons) {
      const { page } = await openPage(env, `${lesson.id}.html`, { width, height: 900 });
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      if (await page.$('[data-widget="run-bar"]')) await waitForRun(page, { timeout: 120000 });
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls <= 0.05, `${lesson.id} at ${width} px: CLS ${cls.toFixed(3)}`);
      await page.close();
    }
  }
});

test('index: quiz progress counts answered questions against the lesson total', { skip }, async () => {
  const { page } = await openPage(env, 'steplr.html?mode=quiz');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.click('.quiz-question[data-question="step-placement"] input[value="0"]');
  await page.click('.quiz-question[data-question="step-placement"] button');
  await page.goto(page.url().replace(/steplr\.html.*$/, 'index.html'));
  const total = lessons.find((l) => l.id === 'steplr').questions;
  assert.equal(
    await page.textContent('[data-progress-for="steplr"]'),
    `Visited · quiz: 1 of ${total} answered, 1 correct`,
  );
  await page.close();
});
