// The course proves its point (issue 11): every lesson shows what the schedule bought against a
// constant LR, no text contradicts the run after any control moves, modes are a path, and the
// page does not jump while it loads.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  firstChartTime,
  launch,
  openPage,
  siteDir,
  skipReason,
  tableRows,
  waitForFormulas,
  waitForRun,
  watchFirstChart,
} from './harness.mjs';

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
      // layout-shift entries (LayoutShift, not in lib dom)
      for (const e of /** @type {Array<PerformanceEntry & {hadRecentInput: boolean, value: number}>} */ (
        list.getEntries()
      ))
        if (!e.hadRecentInput) window.__cls += e.value;
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
    const { evalBound, parseBound, fillBound } = await import(new URL('bound-text.mjs', base).href);
    const { lessonDefaults, parseState } = await import(new URL('url-state.mjs', base).href);
    const { FIELDS } = await import(new URL('fields.mjs', base).href);
    const lesson = JSON.parse(document.getElementById('lesson-data').textContent);
    const defaults = lessonDefaults(lesson.fields, lesson.field_groups);
    const { values } = parseState(location.search, defaults);
    const get = (k) => (k in values ? values[k] : FIELDS[k].default);
    const stale = [];
    for (const el of /** @type {NodeListOf<HTMLElement>} */ (
      document.querySelectorAll('.bound[data-bind]')
    )) {
      const want = evalBound(parseBound(el.dataset.bind), get);
      if (el.textContent !== want) stale.push(`{{${el.dataset.bind}}} shows ${el.textContent}, want ${want}`);
    }
    // a {{field}} the build left as text (one in a `code` span did, before build-site's codeSpan)
    const main = /** @type {HTMLElement} */ (document.querySelector('main'));
    for (const m of main.textContent.matchAll(/.{0,30}\{\{[^}]*\}\}.{0,10}/g))
      stale.push(`unfilled: "${m[0]}"`);
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
    for (const s of /** @type {NodeListOf<HTMLElement>} */ (
      document.querySelectorAll('[data-defaults-only]')
    ))
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
  // The verdict is about the end of training; the constant run's higher peak on the way is said,
  // with the numbers both runs' records hold.
  assert.match(
    gain,
    /The schedule helped at the end: lower final test loss.* On the way, the constant run peaked higher: 91\.5% at epoch \d+ against this run's best 90\.5%/,
  );
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
    () =>
      /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="compare"]'))?.dataset
        .status === 'done',
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
  assert.match(trigger[0], /^0\.\d+ not better than best 0\.\d+: bad epoch \d+ > \d+$/);
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

test('a lesson draws its first chart with data before it asks for KaTeX, then typesets its formula', {
  skip,
}, async () => {
  const page = await env.context.newPage();
  await page.addInitScript(watchFirstChart);
  await page.goto(`${env.url}steplr.html`);
  const formula = '[data-widget="formula"]';
  await waitForFormulas(page);
  assert.equal(await page.$eval(formula, (el) => el.getAttribute('data-typeset')), 'done');
  const chart = await firstChartTime(page);
  const t = await page.evaluate(() => ({
    katex: performance.getEntriesByType('resource').find((r) => r.name.endsWith('/katex.mjs'))?.startTime,
    preloaded: !!document.querySelector('link[rel="modulepreload"][href*="katex"]'),
  }));
  assert.equal(t.preloaded, false, 'KaTeX is not preloaded with the page');
  assert.ok(
    chart !== null && t.katex !== undefined && t.katex > chart,
    `chart at ${chart} ms, KaTeX asked at ${t.katex} ms`,
  );
  // typeset: KaTeX's MathML annotation holds the substituted StepLR formula, ending in the
  // engine's LR at the default epoch 7 (0.1 * 0.5^1)
  const tex = await page.$eval(
    `${formula} .formula`,
    (el) => el.querySelector('annotation')?.textContent ?? '',
  );
  assert.match(tex, /0\.5\^\{\\lfloor 7 \/ 5 \\rfloor\}.*= \\nobreak 0\.05$/);
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
      // nothing wider than the screen: wide tables scroll inside the page, not the page sideways
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `${lesson.id} at ${width} px: page ${scrollWidth} px wide`);
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

test('a diverged run: the loss chart marks "diverged at epoch k" and its scale stays readable', {
  skip,
}, async () => {
  // lr 10 with momentum 0.9 makes the loss NaN in epoch 3 of the default data (engine-measured)
  const { page, problems } = await openPage(env, 'steplr.html?lr=10&momentum=0.9');
  assert.equal(await waitForRun(page, { timeout: 120000 }), 'done');
  const status = await page.textContent('[data-widget="epoch-table"] .table-status');
  const k = /diverged at epoch (\d+)/.exec(status)?.[1];
  assert.ok(k, `the table says where: "${status}"`);
  const loss = page.locator('[data-widget="metrics-chart"] figure.chart').first();
  await page.waitForFunction(
    (want) =>
      /** @type {HTMLElement | null} */ (
        document.querySelector('[data-widget="metrics-chart"] figure.chart')
      )?.dataset.annotations?.includes(want),
    `diverged at epoch ${k}`,
    { timeout: 30000 },
  );
  assert.match(await loss.getAttribute('data-annotations'), new RegExp(`^diverged at epoch ${k}`));
  // the scale is set by the epochs before it, not by the exploding one
  const yMax = Number(await loss.getAttribute('data-y-max'));
  const rows = await tableRows(page);
  const finiteLosses = rows.map((r) => Number(r.cells[2])).filter(Number.isFinite);
  assert.ok(
    yMax > 0 && yMax <= 5 * Math.max(...finiteLosses.slice(0, Number(k))),
    `loss axis up to ${yMax} for losses ${finiteLosses}`,
  );
  // the marker is drawn: red-ish pixels on the loss canvas where the epoch-k line goes
  const red = await page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (
      document.querySelector('[data-widget="metrics-chart"] figure.chart canvas')
    );
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const bad = getComputedStyle(c).getPropertyValue('--bad').trim();
    const probe = document.createElement('canvas').getContext('2d');
    probe.fillStyle = bad;
    probe.fillRect(0, 0, 1, 1);
    const [r0, g0, b0] = probe.getImageData(0, 0, 1, 1).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) < 30) n++;
    return n;
  });
  assert.ok(red > 50, `marker pixels in the theme's --bad colour: ${red}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('PNG export: title above the plot, the plot pixel for pixel, legend and settings below', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'steplr.html');
  assert.equal(await waitForRun(page), 'done');
  const group = page.locator('[data-widget="metrics-chart"] figure.chart').first();
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    group.locator('button:has-text("PNG")').click(),
  ]);
  const b64 = (await readFile(await png.path())).toString('base64');
  const r = await page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const out = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d');
    out.drawImage(bmp, 0, 0);
    const img = out.getImageData(0, 0, bmp.width, bmp.height);
    const src = /** @type {HTMLCanvasElement} */ (
      document.querySelector('[data-widget="metrics-chart"] figure.chart canvas')
    );
    const s = src.getContext('2d').getImageData(0, 0, src.width, src.height);
    const W = img.width;
    const px = (d, w, x, y) => {
      const i = (y * w + x) * 4;
      return [d[i], d[i + 1], d[i + 2], d[i + 3]];
    };
    const near = (a, b, tol) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tol;
    // the plot canvas is transparent where nothing is drawn: the export puts the page background behind
    const bg = px(img.data, W, W - 1, 0);
    const over = (p) => {
      const a = p[3] / 255;
      return [0, 1, 2].map((k) => Math.round(p[k] * a + bg[k] * (1 - a)));
    };
    const rowsMatch = (oy) => {
      for (let y = 0; y < s.height; y += 7)
        for (let x = 0; x < s.width; x += 3)
          if (!near(px(img.data, W, x, oy + y), over(px(s.data, s.width, x, y)), 6)) return false;
      return true;
    };
    let oy = -1;
    for (let y = 0; y + s.height <= img.height && oy < 0; y++) if (rowsMatch(y)) oy = y;
    const inked = (y0, y1, x0 = 0, x1 = W) => {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) if (!near(px(img.data, W, x, y), bg, 60)) n++;
      return n;
    };
    const colour = (name) => {
      const c = document.createElement('canvas').getContext('2d');
      c.fillStyle = getComputedStyle(src).getPropertyValue(name).trim();
      c.fillRect(0, 0, 1, 1);
      return [...c.getImageData(0, 0, 1, 1).data];
    };
    const count = (rgb, y0, y1) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = 0; x < W; x++) if (near(px(img.data, W, x, y), rgb, 40)) n++;
      return n;
    };
    return {
      size: [img.width, img.height, s.width, s.height],
      oy,
      title: oy > 0 ? inked(0, oy) : 0,
      yAxisLabel: oy >= 0 ? inked(oy + 10, oy + s.height - 40, 0, 22) : 0,
      below: oy >= 0 ? inked(oy + s.height, img.height) : 0,
      legendTrain: oy >= 0 ? count(colour('--chart-1'), oy + s.height, img.height) : 0,
      legendTest: oy >= 0 ? count(colour('--chart-2'), oy + s.height, img.height) : 0,
      settings: inked(img.height - 16, img.height),
    };
  }, b64);
  const [w, hgt, sw, sh] = r.size;
  assert.equal(w, sw, 'as wide as the chart');
  assert.ok(hgt >= sh + 18 * 4, `header and footer rows: ${hgt} vs plot ${sh}`);
  assert.ok(r.oy >= 18, `the plot is found in the image, below a title row (at ${r.oy})`);
  assert.ok(r.title > 150, `title text drawn (${r.title} px)`);
  assert.ok(r.yAxisLabel > 40, `y axis label and ticks drawn (${r.yAxisLabel} px)`);
  assert.ok(r.legendTrain >= 8 && r.legendTest >= 8, `legend swatches: ${r.legendTrain}, ${r.legendTest}`);
  assert.ok(r.below > 600, `legend and settings text below the plot (${r.below} px)`);
  assert.ok(r.settings > 40, `a settings line at the bottom (${r.settings} px)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('zoo: one set of lesson settings per scheduler on card, detail and compare, PyTorch default beside each', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'zoo.html?StepLR.gamma=0.5&compare_set=StepLR,ConstantLR');
  await page.waitForFunction(
    () =>
      /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="compare"]'))?.dataset
        .status === 'done',
    null,
    { timeout: 180000 },
  );
  const facts = await page.evaluate(async () => {
    const { paramFacts } = await import(new URL('app/engine-facts.mjs', location.href).href);
    return {
      gamma: paramFacts('StepLR', 'gamma').default,
      factor: paramFacts('ConstantLR', 'factor').default,
      stepRequired: paramFacts('StepLR', 'step_size').required,
    };
  });
  assert.equal(facts.stepRequired, true);
  const card = await page.textContent('.zoo-card[data-scheduler="StepLR"] .zoo-params');
  assert.equal(card, `Lesson settings: step_size=5, gamma=0.5 (PyTorch default ${facts.gamma})`);
  const constant = await page.textContent('.zoo-card[data-scheduler="ConstantLR"] .zoo-params');
  assert.equal(constant, "Lesson settings: PyTorch's defaults: factor=0.3333, total_iters=5");
  const cosine = await page.textContent('.zoo-card[data-scheduler="CosineAnnealingLR"] .zoo-params');
  assert.equal(cosine, "Lesson settings: T_max=15 · PyTorch's default: eta_min=0");
  // the comparison names the same settings for the runs it trains
  const cells = await page.$$eval('.compare-table tbody tr', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.run, tr.querySelector('.compare-settings').textContent])),
  );
  assert.equal(`Lesson settings: ${cells.StepLR}`, card);
  assert.equal(`Lesson settings: ${cells.ConstantLR}`, constant);
  // the detail view's controls: PyTorch's default under each kwarg that has one
  await page.selectOption('[data-widget="controls"] [data-field="scheduler"] select', 'StepLR');
  const notes = await page.$$eval('[data-widget="controls"] .field[data-field^="StepLR."]', (rows) =>
    Object.fromEntries(
      rows.map((r) => [r.dataset.field, r.querySelector('.torch-default')?.textContent ?? null]),
    ),
  );
  assert.deepEqual(notes, { 'StepLR.step_size': null, 'StepLR.gamma': `PyTorch default ${facts.gamma}` });
  assert.match(
    await page.textContent('[data-widget="controls"] .controls-settings-note:not([hidden])'),
    /^Lesson settings for StepLR/,
  );
  // final and best accuracy are labelled on the card
  await page.waitForFunction(
    () =>
      /** @type {HTMLElement | null} */ (document.querySelector('.zoo-card[data-scheduler="StepLR"]'))
        ?.dataset.status === 'done',
  );
  assert.match(
    await page.textContent('.zoo-card[data-scheduler="StepLR"] .zoo-result'),
    /final test accuracy \d+\.\d% \(epoch 14\), best test accuracy \d+\.\d% \(epoch \d+\)/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('zoo: ReduceLROnPlateau watches the validation split and cuts within the lesson run', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'zoo.html?mode=visual');
  const card = '.zoo-card[data-scheduler="ReduceLROnPlateau"]';
  await page.waitForFunction(
    (sel) => /** @type {HTMLElement | null} */ (document.querySelector(sel))?.dataset.status === 'done',
    card,
    { timeout: 120000 },
  );
  // the card's result is "LR a → b": at least one cut happened (b < a), read from the engine's records
  const [first, last] = (await page.textContent(`${card} .zoo-result`))
    .match(/^LR ([\d.e-]+) → ([\d.e-]+);/)
    .slice(1)
    .map(Number);
  assert.ok(last < first, `ReduceLROnPlateau cut the LR (${first} → ${last})`);
  assert.match(await page.textContent(`${card} .zoo-params`), /patience=3 \(PyTorch default 10\)/);
  // a per-batch scheduler's "first → last" ends at its last optimizer step: OneCycleLR anneals to
  // initial_lr / final_div_factor = max_lr / div_factor / final_div_factor (torch's defaults 25, 1e4)
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.zoo-card')].every(
      (c) => /** @type {HTMLElement} */ (c).dataset.status === 'done',
    ),
  );
  const oneCycle = (await page.textContent('.zoo-card[data-scheduler="OneCycleLR"] .zoo-result')).match(
    /^LR ([\d.e-]+) → ([\d.e-]+);/,
  );
  assert.equal(Number(oneCycle[1]), 0.5 / 25);
  assert.ok(Math.abs(Number(oneCycle[2]) - 0.5 / 25 / 1e4) < 1e-9, `OneCycleLR ends at ${oneCycle[2]}`);

  // "Explore in detail" from Visual mode opens Experiment mode with that scheduler's controls in view
  await page.click(`${card} button:text("Explore in detail")`);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'experiment');
  assert.equal(
    await page.$eval('[data-widget="controls"] [data-field="scheduler"] select', (s) => s.value),
    'ReduceLROnPlateau',
  );
  const top = await page.$eval('[data-widget="controls"]', (c) => c.getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 100, `controls scrolled into view (top ${top} px)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('prediction trace: bars drawn from the values, the default sample right, a wrong one on request', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'pipeline.html');
  assert.equal(await waitForRun(page), 'done');
  const trace = '[data-widget="prediction-trace"]';
  await page.waitForSelector(`${trace} .trace-layers`);
  assert.equal(
    await page.$eval(trace, (el) => el.dataset.correct),
    'true',
    'default sample is classified right',
  );
  // each bar's length is |value| / max |value| of its layer: measured against the printed values
  const layers = await page.$$eval(`${trace} .trace-layer`, (ls) =>
    ls.map((l) =>
      [...l.querySelectorAll('.bar')].map((b) => ({
        fill: b.getBoundingClientRect().width / (b.parentElement?.getBoundingClientRect().width || 1),
        value: Number(b.parentElement?.nextElementSibling?.textContent),
      })),
    ),
  );
  assert.ok(layers.length >= 4, `${layers.length} layers`);
  for (const bars of layers) {
    const max = Math.max(...bars.map((b) => Math.abs(b.value)));
    for (const b of bars)
      assert.ok(
        Math.abs(b.fill - Math.abs(b.value) / max) < 0.02 + 0.0006 / max, // printed to 3 decimals
        `bar ${b.fill} for value ${b.value} of max ${max}`,
      );
  }
  await page.click(`${trace} button:text("Show a misclassified sample")`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.correct === 'false', trace);
  assert.match(await page.textContent(`${trace} .trace-out p`), /\(wrong\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('at 360 px the epoch table keeps epoch, LR and training loss in view while it scrolls', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'plateau.html?mode=trace', { width: 360, height: 800 });
  assert.equal(await waitForRun(page), 'done');
  const seen = await page.$eval('.epoch-table-wrap', (wrap) => {
    wrap.scrollLeft = wrap.scrollWidth;
    const head = [...wrap.querySelectorAll('thead th')];
    return {
      scrolled: wrap.scrollLeft > 0,
      inView: head.slice(0, 3).map((th) => {
        const r = th.getBoundingClientRect();
        return [th.textContent, r.left >= 0 && r.right <= innerWidth];
      }),
    };
  });
  assert.ok(seen.scrolled, 'the table scrolls sideways at 360 px');
  assert.deepEqual(
    seen.inView.map(([, v]) => v),
    [true, true, true],
    JSON.stringify(seen.inView),
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('playground: the metric control and the JSON box show only for a scheduler they apply to', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'playground.html?mode=experiment');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const shown = () =>
    page.evaluate(() =>
      ['plateau_metric', 'custom_scheduler'].filter((k) =>
        [...document.querySelectorAll(`[data-widget="controls"] [data-field="${k}"]`)].some((e) =>
          /** @type {HTMLElement} */ (e).checkVisibility(),
        ),
      ),
    );
  const pick = (type) => page.selectOption('[data-widget="controls"] [data-field="scheduler"] select', type);
  assert.deepEqual(await shown(), [], 'StepLR: neither');
  await pick('ReduceLROnPlateau');
  assert.deepEqual(await shown(), ['plateau_metric']);
  await pick('custom');
  assert.deepEqual(await shown(), ['custom_scheduler'], 'custom: the JSON box (a SequentialLR: no metric)');
  await pick('CosineAnnealingLR');
  assert.deepEqual(await shown(), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a control appears once: Story shows one scheduler picker, Math mode its own', { skip }, async () => {
  for (const id of ['zoo', 'warmup']) {
    for (const [mode, expected] of [
      ['story', 1],
      ['math', 1],
    ]) {
      const { page, problems } = await openPage(env, `${id}.html?mode=${mode}`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      const pickers = await page.$$eval('[data-widget="controls"] [data-field="scheduler"] select', (ss) =>
        ss.filter((s) => s.checkVisibility()),
      );
      assert.equal(pickers.length, expected, `${id} in ${mode} mode: ${pickers.length} scheduler pickers`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

test("lesson 2's generated quiz question names the lr field's run and its key is that run's best epoch", {
  skip,
}, async () => {
  // the middle run's table (trace mode), read as the learner reads it
  const trace = await openPage(env, 'why-lr.html?mode=trace');
  assert.equal(await waitForRun(trace.page), 'done');
  const rows = await tableRows(trace.page);
  const header = await trace.page.$$eval('.epoch-table thead th', (ths) => ths.map((t) => t.textContent));
  const col = header.findIndex((t) => /^Test acc/i.test(t));
  assert.ok(col > 0, header.join(' | '));
  const acc = rows.map((r) => Number.parseFloat(r.cells[col]));
  const best = acc.indexOf(Math.max(...acc));
  await trace.page.close();

  const { page, problems } = await openPage(env, 'why-lr.html?mode=quiz');
  assert.equal(await waitForRun(page), 'done');
  const q = page.locator('[data-question="gen-best-val-epoch"]');
  // named by its field, not by its place between the others (the learner may reorder them)
  assert.match(
    await q.locator('legend').textContent(),
    /^In the run at the lr field's constant learning rate \(the middle field\),/,
  );
  await q.locator('label', { hasText: new RegExp(`\\. ${best}$`) }).click();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.locator('.quiz-feedback[data-correct="true"]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
