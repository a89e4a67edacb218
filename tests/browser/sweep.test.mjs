// The Sweep lesson in headless Chromium: the pool of workers fills every cell of the heatmap,
// sampled cells hold exactly what the engine computes for that run-spec alone (trained again
// in the page with the JS API), and cancel stops a 32 x 32 grid part way.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserPerFile, openPage, plottedPixels } from './harness.mjs';

const browser = browserPerFile();
const { skip } = browser;

test('sweep: cells fill, sampled cells equal single engine runs, cancel stops the grid', {
  skip,
}, async () => {
  const { page, problems } = await openPage(browser.env, 'sweep.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const sweep = '[data-widget="sweep"]';
  // before a sweep runs, nothing blank is kept under its prompt for the heatmap to come
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const gap = await page.$eval(
      sweep,
      (el) =>
        el.getBoundingClientRect().bottom -
        /** @type {Element} */ (el.querySelector('.sweep-status')).getBoundingClientRect().bottom,
    );
    assert.ok(gap < 40, `${width} px: ${gap} px blank under the sweep's prompt`);
  }
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.selectOption(`${sweep} select[id$="-size"]`, '4');
  await page.click(`${sweep} .sweep-run`);
  await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'done', sweep, {
    timeout: 60000,
  });
  assert.equal(await page.$eval(sweep, (el) => el.dataset.cells), '16');
  assert.match(
    await page.$eval(`${sweep} .sweep-status`, (el) => el.textContent),
    /^16 trainings in [\d.]+ s/,
  );
  assert.ok((await plottedPixels(page, `${sweep} canvas.sweep-heatmap`)) > 500, 'the heatmap is drawn');

  // The sentence under the heatmap counts what the cells hold: columns where a scheduled cell
  // beat the column's constant-LR cell (last row) on final test accuracy, and the best cell.
  const counted = await page.$eval(sweep, (el) => {
    const { xs, ys, results } = el.sweep;
    const acc = (i, j) => results.get(`${i},${j}`).summary.final_accuracy;
    let wins = 0;
    let best = -1;
    for (let i = 0; i < xs.length; i++) {
      const scheduled = ys.slice(0, -1).map((_, j) => acc(i, j));
      if (Math.max(...scheduled) > acc(i, ys.length - 1)) wins++;
      best = Math.max(best, ...scheduled, acc(i, ys.length - 1));
    }
    return { wins, columns: xs.length, best: `${(best * 100).toFixed(1)} %` };
  });
  const verdict = await page.$eval(`${sweep} .sweep-verdict`, (el) => el.textContent);
  assert.match(
    verdict,
    new RegExp(`^In ${counted.wins} of ${counted.columns} columns.* constant LR did as well or better\\.`),
  );
  assert.ok(
    verdict.includes(counted.best.replace(' %', '')),
    `${verdict} names the best accuracy ${counted.best}`,
  );

  // Three cells, among them the constant-LR row, trained alone through the JS API.
  const checked = await page.evaluate(async (s) => {
    const el = document.querySelector(s);
    const { createEngine } = await import(new URL('engine/lrlab.mjs', location.href).href);
    const { summarize } = await import(new URL('app/run-summary.mjs', location.href).href);
    const engine = await createEngine();
    const out = [];
    for (const key of ['0,0', '2,1', '3,3']) {
      const result = await engine.train(el.sweep.specOf(key));
      out.push({ key, alone: summarize(result.epochs), sweep: el.sweep.results.get(key).summary });
    }
    return out;
  }, sweep);
  for (const c of checked) assert.deepEqual(c.sweep, c.alone, `cell ${c.key}`);
  assert.ok(
    checked.some((c) => c.alone.final_accuracy !== checked[0].alone.final_accuracy),
    'cells differ',
  );

  // Hover names the cell; click opens its charts.
  const box = await page.$eval(`${sweep} canvas.sweep-heatmap`, (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  // the pixel just left of the first cell (the heatmap starts 64 px in): blank until the pointer
  // is over that cell, which it then outlines
  const edge = () =>
    page.$eval(`${sweep} canvas.sweep-heatmap`, (c) => {
      const el = /** @type {HTMLCanvasElement} */ (c);
      const dpr = el.width / el.getBoundingClientRect().width;
      const ctx = /** @type {CanvasRenderingContext2D} */ (el.getContext('2d'));
      const d = ctx.getImageData(Math.floor(63.5 * dpr), Math.round(24 * dpr), 1, 1).data;
      return d[3] === 0 ? 765 : d[0] + d[1] + d[2];
    });
  const blank = await edge();
  await page.mouse.move(box.x + 70, box.y + 12);
  assert.match(await page.$eval(`${sweep} .sweep-hover`, (el) => el.textContent), /^lr .*test accuracy/);
  assert.ok((await edge()) < blank - 150, 'the hovered cell is outlined');
  // Tab onto the heatmap reads its first cell at once, without an arrow key first.
  await page.mouse.move(box.x + 2, box.y + 2); // the margin: no cell, no reading
  assert.equal(await page.$eval(`${sweep} .sweep-hover`, (el) => el.textContent), '');
  assert.equal(await edge(), blank, 'no outline once the pointer left the cell');
  await page.focus(`${sweep} canvas.sweep-heatmap`);
  assert.match(
    await page.$eval(`${sweep} .sweep-hover`, (el) => el.textContent),
    /^lr 0\.001, gamma 0\.1: test accuracy/,
  );
  await page.mouse.click(box.x + 70, box.y + 12);
  await page.waitForSelector(`${sweep} .sweep-detail .chart canvas`);
  // The faint constant-LR curves behind the cell's charts are the cell's own LR unscheduled.
  const detail = await page.$eval(sweep, (el) => ({
    cell: el.sweepDetail.run.spec,
    baseline: el.sweepDetail.baseline.spec,
  }));
  assert.equal(detail.cell.optimizer.lr, 0.001);
  assert.deepEqual(detail.baseline.optimizer, detail.cell.optimizer);
  assert.equal(detail.baseline.scheduler, null);

  // A 32 x 32 grid, cancelled once some cells are in.
  await page.selectOption(`${sweep} select[id$="-size"]`, '32');
  await page.click(`${sweep} .sweep-run`);
  await page.waitForFunction((s) => Number(document.querySelector(s).dataset.cells) >= 20, sweep, {
    timeout: 60000,
  });
  await page.click(`${sweep} .sweep-cancel`);
  await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'cancelled', sweep);
  const cells = Number(await page.$eval(sweep, (el) => el.dataset.cells));
  await page.waitForTimeout(300);
  assert.equal(
    Number(await page.$eval(sweep, (el) => el.dataset.cells)),
    cells,
    'no cell arrives after cancel',
  );
  assert.ok(cells < 1024, `cancelled part way (${cells} cells)`);
  assert.match(
    await page.textContent(`${sweep} .sweep-status`),
    new RegExp(`Cancelled after ${cells} of 1,024 trainings; the pale cells were not trained`),
  );
  // a click focuses the heatmap too: the reading stays on the clicked cell, not the first one
  await page.$eval(`${sweep} canvas.sweep-heatmap`, (c) => /** @type {HTMLElement} */ (c).blur());
  const grid = await page.$eval(`${sweep} canvas.sweep-heatmap`, (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, cell: Math.max(6, Math.floor((r.width - 70) / 32)) };
  });
  await page.mouse.click(grid.x + 64 + grid.cell * 5.5, grid.y + 8 + grid.cell * 0.5);
  const reading = await page.$eval(`${sweep} .sweep-hover`, (el) => el.textContent);
  assert.match(reading, /^lr [\d.]+, gamma 0\.1/);
  assert.doesNotMatch(reading, /^lr 0\.001,/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("sweep: the lr × gamma grid cuts at the base run's step_size, which the base run's controls set", {
  skip,
}, async () => {
  const { page, problems } = await openPage(browser.env, 'sweep.html?StepLR.step_size=4');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const sweep = '[data-widget="sweep"]';
  // the base run's own controls hold the StepLR parameters its chart shows, and say a cell
  // replaces two of them (not "every StepLR run on this page uses them")
  assert.match(
    await page.textContent('[data-widget="controls"] .controls-settings-note'),
    /the run every grid cell starts from/,
  );
  assert.equal(
    await page.inputValue(
      '[data-widget="controls"] [data-field="StepLR.step_size"] input:not([type="range"])',
    ),
    '4',
  );
  await page.selectOption(`${sweep} select[id$="-size"]`, '4');
  await page.click(`${sweep} .sweep-run`);
  await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'done', sweep, {
    timeout: 60000,
  });
  const steps = await page.$eval(sweep, (el) =>
    ['0,0', '3,2'].map((k) => el.sweep.specOf(k).scheduler.step_size),
  );
  assert.deepEqual(steps, [4, 4]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('sweep at 360 px: every choice of its selects fits the select, the colour bar names its metric inside the canvas', {
  skip,
}, async () => {
  const { page, problems } = await openPage(browser.env, 'sweep.html', { width: 360, height: 900 });
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const cut = await page.$$eval('[data-widget="sweep"] select', (selects) =>
    selects.flatMap((s) => {
      const style = getComputedStyle(s);
      const ctx = /** @type {CanvasRenderingContext2D} */ (document.createElement('canvas').getContext('2d'));
      ctx.font = style.font;
      // room for the text: the box less its padding, border and the drop-down arrow (about 1.5em)
      const room =
        s.getBoundingClientRect().width -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight) -
        2 * Number.parseFloat(style.borderLeftWidth) -
        1.5 * Number.parseFloat(style.fontSize);
      const right = s.getBoundingClientRect().right;
      return [...s.options].flatMap((o) =>
        ctx.measureText(o.text).width > room + 2 || right > document.documentElement.clientWidth
          ? [`${o.text} (${Math.round(ctx.measureText(o.text).width)} > ${Math.round(room)} px)`]
          : [],
      );
    }),
  );
  assert.deepEqual(cut, []);
  const sweep = '[data-widget="sweep"]';
  // (each choice fitting its select is measured above, text against the select's room)
  const pair = `${sweep} select[id$="-pair"]`;
  await page.selectOption(pair, 'lr-gamma');
  assert.match(await page.textContent(`${sweep} .sweep-pair-note`), /step_size epochs as the base run/);
  // a 16 x 16 grid leaves no room right of the colour bar at 360 px: its label goes under it
  await page.selectOption(`${sweep} select[id$="-size"]`, '16');
  await page.click(`${sweep} .sweep-run`);
  await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'done', sweep, {
    timeout: 120000,
  });
  for (const metric of await page.$$eval(`${sweep} select[id$="-metric"] option`, (os) =>
    os.map((o) => o.value),
  )) {
    await page.selectOption(`${sweep} select[id$="-metric"]`, metric);
    const c = await page.$eval(`${sweep} canvas.sweep-heatmap`, (canvas) => {
      const el = /** @type {HTMLCanvasElement} */ (canvas);
      const r = el.getBoundingClientRect();
      const [x0, y0, x1, y1] = (el.dataset.colourLabel || '').split(',').map(Number);
      // ink in the canvas's last 3 CSS px columns is text running off its right edge
      const dpr = el.width / r.width;
      const edge = Math.ceil(3 * dpr);
      const { data } = /** @type {CanvasRenderingContext2D} */ (el.getContext('2d')).getImageData(
        el.width - edge,
        0,
        edge,
        el.height,
      );
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return { box: [x0, y0, x1, y1], width: r.width, height: r.height, right: r.right, ink };
    });
    const [x0, y0, x1, y1] = c.box;
    assert.ok(
      x0 >= 0 && y0 >= 0 && x1 <= c.width && y1 <= c.height,
      `${metric}: label at ${c.box} in a ${c.width} × ${c.height} canvas`,
    );
    assert.equal(c.ink, 0, `${metric}: ${c.ink} painted pixels at the canvas's right edge`);
    assert.ok(c.right <= 360, `${metric}: the canvas ends at ${c.right}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
