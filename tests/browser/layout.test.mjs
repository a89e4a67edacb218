// Nothing a lesson computes is cut off without a hint (issue 11, layout): at 360 px wide tables
// stack into cards or scroll with an edge cue, formulas fit or scroll with a cue, code wraps; at
// 1280 px the epoch table's observations wrap inside the page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserPerFile, openPage, waitForRun } from './harness.mjs';

const browser = browserPerFile();
const { skip } = browser;

async function open(relative, width) {
  const { page, problems } = await openPage(browser.env, relative, { width, height: 900 });
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  if (await page.$('[data-widget="run-bar"]')) await waitForRun(page, { timeout: 120000 });
  return { page, problems };
}

/** Cells of stacked tables whose box leaves the viewport or whose text overflows the cell. */
function cutCells(page, selector) {
  return page.$$eval(selector, (tables) =>
    tables.flatMap((table) =>
      [...table.querySelectorAll('tbody td, tbody th')].flatMap((cell) => {
        const r = cell.getBoundingClientRect();
        const bad =
          r.left < 0 ||
          r.right > document.documentElement.clientWidth ||
          cell.scrollWidth > cell.clientWidth + 1;
        return bad
          ? [`${table.className} "${cell.textContent}" at ${Math.round(r.left)}–${Math.round(r.right)}`]
          : [];
      }),
    ),
  );
}

/** The stacked tables' cells each name their column (data-label = its header). */
function labelsMatchHeaders(page, selector) {
  return page.$$eval(selector, (tables) =>
    tables.flatMap((table) => {
      const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      return [...table.querySelectorAll('tbody tr')].flatMap((tr) =>
        [...tr.children].flatMap((c, i) =>
          c.getAttribute('data-label') === names[i]
            ? []
            : [`${c.textContent}: ${c.getAttribute('data-label')}`],
        ),
      );
    }),
  );
}

test('360 px: the compare results, step-order and cheat-sheet tables show every value as cards', {
  skip,
}, async () => {
  for (const [relative, selector, min] of /** @type {Array<[string, string, number]>} */ ([
    ['steplr.html?mode=compare', '.step-order-table, .step-order-results', 2],
    ['plateau.html?mode=compare', '.compare-table', 1],
    ['zoo.html?mode=summary', '.lesson-section > table', 1],
  ])) {
    const { page, problems } = await open(relative, 360);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-widget="compare"], [data-widget="step-order"]')].every(
          (w) => /** @type {HTMLElement} */ (w).dataset.status === 'done',
        ),
      null,
      { timeout: 180000 },
    );
    const tables = await page.$$eval(selector, (ts) => ts.map((t) => t.querySelectorAll('tbody td').length));
    assert.ok(tables.length >= min && tables.every((n) => n > 0), `${relative}: ${selector} ${tables}`);
    assert.deepEqual(await cutCells(page, selector), [], relative);
    assert.deepEqual(await labelsMatchHeaders(page, selector), [], relative);
    // a value is shown next to its column's name: the label is drawn (::before) left of the value
    const labelled = await page.$$eval(selector, (ts) =>
      ts.map(
        (t) => getComputedStyle(/** @type {Element} */ (t.querySelector('tbody td')), '::before').content,
      ),
    );
    assert.ok(
      labelled.every((c) => c !== 'none' && c.length > 2),
      `${relative}: ${labelled}`,
    );
    // at 1280 px the same tables are tables again (header row visible)
    await page.setViewportSize({ width: 1280, height: 900 });
    const heads = await page.$$eval(selector, (ts) =>
      ts.map((t) => /** @type {Element} */ (t.querySelector('thead')).getBoundingClientRect().height),
    );
    assert.ok(
      heads.every((hgt) => hgt > 10),
      `${relative}: header rows ${heads} px tall at 1280 px`,
    );
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('360 px: the epoch table scrolls with an edge cue, and no header clips its arrow', {
  skip,
}, async () => {
  const { page, problems } = await open('plateau.html', 360);
  const wrap = '.scroll-cue:has(> .epoch-table-wrap)';
  const cue = () =>
    page.$eval(wrap, (w) => ({
      overflow: /** @type {HTMLElement} */ (w).dataset.overflow,
      right: getComputedStyle(w, '::after').opacity,
      left: getComputedStyle(w, '::before').opacity,
    }));
  assert.deepEqual(await cue(), { overflow: 'right', right: '1', left: '0' });
  await page.$eval('.epoch-table-wrap', (b) => {
    b.scrollLeft = b.scrollWidth;
  });
  await page.waitForFunction((w) => document.querySelector(w).dataset.overflow === 'left', wrap);
  await page.waitForTimeout(300); // the cue fades in
  assert.deepEqual(await cue(), { overflow: 'left', right: '0', left: '1' });
  // scrolled to the end, the last column (Test acc.) is inside the viewport
  const last = await page.$eval('.epoch-table tbody tr td[data-col="Test acc. ↑"]', (td) => {
    const r = td.getBoundingClientRect();
    return [r.left, r.right];
  });
  assert.ok(last[0] >= 0 && last[1] <= 360, `Test acc. at ${last}`);
  const clipped = await page.$$eval('.epoch-table thead th', (ths) =>
    ths
      .filter((th) => th.getBoundingClientRect().width > 0)
      .flatMap((th) => {
        const box = th.getBoundingClientRect();
        const arrow = th.querySelector('.nowrap')?.getBoundingClientRect();
        return th.scrollWidth > th.clientWidth + 1 || (arrow && arrow.right > box.right + 0.5)
          ? [th.textContent]
          : [];
      }),
  );
  assert.deepEqual(clipped, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a finished run leaves no blank band in the epoch table frame under its last row', {
  skip,
}, async () => {
  for (const [relative, width] of /** @type {Array<[string, number]>} */ ([
    ['why-lr.html?mode=trace', 360],
    ['why-lr.html?mode=experiment', 360],
    ['why-lr.html', 360],
    ['why-lr.html?mode=trace', 1280],
    ['plateau.html', 360],
  ])) {
    const { page, problems } = await open(relative, width);
    const gaps = await page.$$eval('.epoch-table-wrap', (wraps) =>
      wraps
        .filter((w) => w.getBoundingClientRect().height > 0)
        .map((w) => {
          const rows = w.querySelectorAll('tbody tr');
          const last = /** @type {Element} */ (rows[rows.length - 1]).getBoundingClientRect();
          return { rows: rows.length, gap: w.getBoundingClientRect().bottom - last.bottom };
        }),
    );
    assert.ok(gaps.length > 0, relative);
    for (const g of gaps)
      assert.ok(g.gap < 6, `${relative} at ${width} px: ${g.gap.toFixed(1)} px blank under ${g.rows} rows`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('1280 px: the epoch table with validation columns fits, its observations wrap', { skip }, async () => {
  for (const lesson of ['plateau', 'zoo']) {
    const { page, problems } = await open(`${lesson}.html?mode=experiment`, 1280);
    const fit = await page.$eval('.epoch-table-wrap', (b) => {
      const box = b.getBoundingClientRect();
      const cells = [...b.querySelectorAll('td[data-col="Observation"]')];
      return {
        overflow: b.scrollWidth - b.clientWidth,
        cells: cells.length,
        out: cells.filter((td) => td.getBoundingClientRect().right > box.right + 0.5).length,
        wrapped: cells.some((td) => td.getBoundingClientRect().height > 30),
      };
    });
    assert.ok(fit.cells > 5, `${lesson}: ${fit.cells} observations`);
    assert.equal(fit.overflow, 0, `${lesson}: the table is ${fit.overflow} px wider than its box`);
    assert.equal(fit.out, 0, lesson);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('360 px: display formulas fit their line, or scroll with a cue to the value at their end', {
  skip,
}, async () => {
  for (const lesson of ['plateau', 'zoo', 'warmup']) {
    const { page, problems } = await open(`${lesson}.html?mode=math`, 360);
    await page.waitForTimeout(400); // the cues fade in (0.15 s)
    const formulas = await page.$$eval('.katex-display', (boxes) =>
      boxes
        .filter((b) => b.getBoundingClientRect().width > 0)
        .map((b) => {
          const wrap = /** @type {HTMLElement} */ (b.parentElement);
          const r = b.getBoundingClientRect();
          return {
            text: b.textContent.slice(-40),
            fits: b.scrollWidth <= b.clientWidth + 1 && r.right <= 360 && r.left >= 0,
            cue: wrap.classList.contains('scroll-cue') && wrap.dataset.overflow === 'right',
            cueShown: getComputedStyle(wrap, '::after').opacity === '1',
            formulaWidget: !!b.closest('.formula'),
          };
        }),
    );
    assert.ok(formulas.length > 0, lesson);
    for (const f of formulas) {
      assert.ok(f.fits || (f.cue && f.cueShown), `${lesson}: "${f.text}" is cut with no cue`);
      // the formula widget's line with the engine's value breaks instead of scrolling
      if (f.formulaWidget) assert.ok(f.fits, `${lesson}: formula widget "${f.text}" does not fit`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('360 px: the SequentialLR formula is full size, on one line per piece, inside its box', {
  skip,
}, async () => {
  const { page, problems } = await open('warmup.html?mode=math', 360);
  await page.waitForTimeout(400);
  const f = await page.$eval('[data-widget="formula"] .formula-general', (general) => {
    const box = /** @type {HTMLElement} */ (
      [...general.querySelectorAll('.katex-display')].find((b) => b.getBoundingClientRect().width > 0)
    );
    const katex = /** @type {Element} */ (box.querySelector('.katex'));
    const px = (el) => Number.parseFloat(getComputedStyle(el).fontSize);
    // every glyph's size, fractions' and subscripts' included
    const sizes = [...box.querySelectorAll('.katex-html span')]
      .filter((s) => [...s.childNodes].some((n) => n.nodeType === 3 && /[^\s\u200b]/.test(n.textContent)))
      .map(px);
    const tops = [...box.querySelectorAll('.katex-html > .base, .katex-html > .katex-base')].map((b) =>
      Math.round(b.getBoundingClientRect().top),
    );
    return {
      text: box.textContent,
      scale: px(katex) / px(/** @type {Element} */ (general)),
      smallest: Math.min(...sizes),
      overflow: box.scrollWidth - box.clientWidth,
      right: box.getBoundingClientRect().right,
      lines: new Set(tops).size,
    };
  });
  assert.match(f.text, /CosineAnnealingLR/);
  // KaTeX sets display math at 1.21em; shrunk below 0.9 of that a fraction's digits are ~7 px
  assert.ok(f.scale >= 1.21 * 0.9 - 0.01, `formula set at ${f.scale.toFixed(2)}em`);
  assert.ok(f.smallest >= 10, `a glyph ${f.smallest} px tall`);
  assert.ok(f.overflow <= 1 && f.right <= 360, `${f.overflow} px cut off, right edge at ${f.right}`);
  // "lr_e =" is not left alone on a line above the rest (the formula is not broken)
  assert.equal(f.lines, 1, `the formula is broken over ${f.lines} lines`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('360 px: a substituted formula breaks between whole terms: "= value" stays with its expression', {
  skip,
}, async () => {
  for (const lesson of ['zoo', 'plateau', 'warmup', 'steplr']) {
    const { page, problems } = await open(`${lesson}.html?mode=math`, 360);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-widget="formula"] .formula')].some(
        (f) => /** @type {HTMLElement} */ (f).dataset.value,
      ),
    );
    await page.waitForTimeout(300);
    const f = await page.$eval('[data-widget="formula"] .formula .katex-html', (html) => {
      // the glyphs in reading order, each with the line it is drawn on
      const glyphs = [...html.querySelectorAll('span')]
        .filter((s) => [...s.childNodes].some((n) => n.nodeType === 3 && /[^\s\u200b]/.test(n.textContent)))
        .map((s) => {
          const r = s.getBoundingClientRect();
          return { text: s.textContent.trim(), top: r.top, bottom: r.bottom };
        });
      const sameLine = (a, b) => a.top < b.bottom - 2 && b.top < a.bottom - 2;
      const lines = new Set(
        [...html.querySelectorAll(':scope > .katex-base, :scope > .base')].map((b) =>
          Math.round(b.getBoundingClientRect().top),
        ),
      ).size;
      // the last "=", the glyph before it and what follows up to the end of its clause
      const eq = glyphs.map((g) => g.text).lastIndexOf('=');
      const end = glyphs.findIndex((g, i) => i > eq && [';', ','].includes(g.text));
      const tail = glyphs.slice(eq - 1, end < 0 ? undefined : end);
      // every "(" and its ")" on one line
      const open = [];
      let splitBracket = '';
      for (const g of glyphs) {
        if (g.text === '(') open.push(g);
        if (g.text === ')') {
          const o = open.pop();
          if (o && !sameLine(o, g)) splitBracket = `${o.text}…${g.text}`;
        }
      }
      return {
        text: html.textContent,
        lines,
        valueWithEq: eq > 0 && tail.every((g) => sameLine(g, glyphs[eq])),
        tail: tail.map((g) => g.text).join(''),
        splitBracket,
        right: html.getBoundingClientRect().right,
      };
    });
    assert.ok(f.lines > 1 || lesson === 'steplr', `${lesson}: "${f.text}" was expected to wrap at 360 px`);
    assert.ok(f.valueWithEq, `${lesson}: "${f.tail}" is broken before its value (${f.text})`);
    assert.equal(f.splitBracket, '', `${lesson}: a bracket is broken over two lines in "${f.text}"`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('code blocks wrap long lines (hanging indent) at 1280 and 360 px; the text is unchanged', {
  skip,
}, async () => {
  for (const [relative, width] of /** @type {Array<[string, number]>} */ ([
    ['plateau.html?mode=code', 1280],
    ['steplr.html', 360],
  ])) {
    const { page, problems } = await open(relative, width);
    const blocks = await page.$$eval('pre', (pres) =>
      pres
        .filter((p) => p.getBoundingClientRect().width > 0)
        .map((p) => {
          const lines = [...p.querySelectorAll('.code-line')];
          // a wrapped line's continuation starts right of the line's own first character
          const hanging = lines.every((l) => {
            const rects = [...l.getClientRects()];
            const range = document.createRange();
            range.selectNodeContents(l);
            const boxes = [...range.getClientRects()];
            if (boxes.length < 2 || rects.length === 0) return true;
            const starts = boxes.map((b) => Math.round(b.left));
            return starts.slice(1).every((x) => x > starts[0]);
          });
          return {
            overflow: p.scrollWidth - p.clientWidth,
            lines: lines.length,
            newlines: p.textContent.split('\n').length,
            wrapped: lines.filter((l) => l.getBoundingClientRect().height > 30).length,
            hanging,
          };
        }),
    );
    assert.ok(blocks.length > 0, relative);
    for (const b of blocks) {
      assert.equal(b.overflow, 0, `${relative}: a code line runs ${b.overflow} px out of its block`);
      assert.ok(b.lines >= b.newlines - 1, `${relative}: ${b.lines} line blocks for ${b.newlines} lines`);
      assert.ok(b.hanging, relative);
    }
    assert.ok(
      blocks.some((b) => b.wrapped > 0),
      `${relative}: no long line to wrap (the test must see one)`,
    );
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('360 px: no epoch-table cell cuts its value (six-digit LRs fit their sticky column)', {
  skip,
}, async () => {
  const { page, problems } = await open('plateau.html?lr=0.0123457', 360);
  const cut = await page.$$eval('.epoch-table tr > *', (cells) =>
    cells
      .filter((c) => c.getBoundingClientRect().width > 0 && c.getAttribute('data-col') !== 'Observation')
      .flatMap((c) =>
        c.scrollWidth > c.clientWidth + 1 ? [`${c.textContent} (${c.scrollWidth} > ${c.clientWidth})`] : [],
      ),
  );
  const lrs = await page.$$eval('.epoch-table td[data-col="Learning rate"]', (tds) =>
    tds.map((t) => t.textContent),
  );
  assert.ok(
    lrs.some((v) => v.replace(/\D/g, '').length >= 8),
    `a long LR to show: ${lrs}`,
  );
  assert.deepEqual(cut, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('accuracy axes tick at values their labels state exactly', { skip }, async () => {
  for (const lesson of ['pipeline', 'plateau', 'zoo']) {
    const { page, problems } = await open(`${lesson}.html?mode=visual`, 1280);
    await page.waitForTimeout(300);
    const ticks = await page.$$eval('[data-y-ticks]', (els) =>
      els
        .map((e) => /** @type {HTMLElement} */ (e).dataset.yTicks)
        .filter((t) => t?.includes('%'))
        .flatMap((t) => t.split('|').map((p) => p.split('='))),
    );
    assert.ok(ticks.length >= 3, `${lesson}: ${ticks.length} accuracy ticks`);
    for (const [value, label] of ticks)
      assert.ok(
        Math.abs(Number(value) * 100 - Number.parseFloat(label)) < 1e-9,
        `${lesson}: the tick at ${value} reads "${label}"`,
      );
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('360 px: every chart legend item keeps its swatch, label and value on one row', { skip }, async () => {
  for (const relative of [
    'why-lr.html?mode=visual',
    'plateau.html?mode=visual',
    'steplr.html?mode=compare',
  ]) {
    const { page, problems } = await open(relative, 360);
    await page.waitForTimeout(300);
    const broken = await page.$$eval('.u-legend tr.u-series', (trs) =>
      trs
        .filter((tr) => tr.getBoundingClientRect().width > 0)
        .flatMap((tr) => {
          const marker = tr.querySelector('.u-marker')?.getBoundingClientRect();
          const label = /** @type {Element} */ (tr.querySelector('.u-label')).getBoundingClientRect();
          const value = /** @type {Element} */ (tr.querySelector('.u-value')).getBoundingClientRect();
          const parts = marker ? [marker, label, value] : [label, value];
          // one row: every part overlaps every other vertically, and they run left to right
          const overlap = parts.every((a) => parts.every((b) => a.top < b.bottom && b.top < a.bottom));
          const ordered = parts.every((p, i) => i === 0 || p.left >= parts[i - 1].right - 1);
          return overlap && ordered ? [] : [tr.textContent];
        }),
    );
    assert.deepEqual(broken, [], relative);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('legends name only what is drawn: a run without a scheduler, a scheduler that watches nothing', {
  skip,
}, async () => {
  const legends = async (page) =>
    page.$$eval('.u-legend', (ls) =>
      ls.filter((l) => l.getBoundingClientRect().width > 0).map((l) => l.textContent),
    );
  // lesson 2's middle run has no scheduler: its plan is a constant LR, and it is its own baseline
  let { page, problems } = await open('why-lr.html?mode=visual', 1280);
  let text = (await legends(page)).join(' ');
  assert.match(text, /planned: constant/);
  assert.doesNotMatch(text, /planned: none|constant lr|\(baseline\)/);
  assert.deepEqual(problems, []);
  await page.close();
  // the zoo's CosineAnnealingLR run is given no metric: validation is drawn, not "watched"
  ({ page, problems } = await open('zoo.html?mode=experiment', 1280));
  text = (await legends(page)).join(' ');
  assert.match(text, /validation loss/);
  assert.doesNotMatch(text, /watched/);
  assert.match(text, /constant lr/);
  assert.deepEqual(problems, []);
  await page.close();
  // ReduceLROnPlateau is given the validation loss
  ({ page, problems } = await open('plateau.html?mode=visual', 1280));
  assert.match((await legends(page)).join(' '), /validation loss \(watched\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('360 px: the prediction trace names each class once and leaves no gap under it', { skip }, async () => {
  const { page, problems } = await open('pipeline.html?mode=visual', 360);
  await page.waitForSelector('[data-widget="prediction-trace"] .trace-layers');
  const t = await page.$eval('[data-widget="prediction-trace"] .trace-out', (out) => ({
    text: /** @type {Element} */ (out.firstElementChild).textContent,
    gap:
      out.getBoundingClientRect().bottom -
      /** @type {Element} */ (out.lastElementChild).getBoundingClientRect().bottom,
  }));
  assert.doesNotMatch(t.text, /class class/);
  assert.match(t.text, /true label class \d, predicted class \d/);
  assert.ok(t.gap < 24, `${t.gap} px empty under the trace`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the plateau strip shows its first cut once the run is done, and why it fired', { skip }, async () => {
  for (const width of [1280, 360]) {
    const { page, problems } = await open('plateau.html', width);
    await page.waitForTimeout(400);
    const s = await page.$eval('.plateau-strip', (box) => {
      const b = box.getBoundingClientRect();
      const rowHead = /** @type {Element} */ (box.querySelector('tbody th')).getBoundingClientRect();
      const reduced = /** @type {Element} */ (box.querySelector('td.reduced')).getBoundingClientRect();
      const wrap = /** @type {HTMLElement} */ (box.parentElement);
      return {
        firstCut: /** @type {HTMLElement} */ (box).dataset.firstCut,
        scrolled: box.scrollLeft,
        inView: reduced.left >= rowHead.right - 1 && reduced.right <= b.right + 1,
        cue: wrap.dataset.overflow,
        why: /** @type {Element} */ (box.querySelector('td.cut-trigger')).textContent,
      };
    });
    assert.ok(Number(s.firstCut) > 5, `first cut at epoch ${s.firstCut}`);
    assert.ok(s.scrolled > 0, `${width}: the strip did not scroll`);
    assert.ok(s.inView, `${width}: the first cut is out of view`);
    assert.match(s.cue, /left/, `${width}: no cue for the epochs scrolled past`);
    assert.match(s.why, /not better than best .*: bad epoch (\d+) > \d+/);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('360 px: a "diverged at epoch 0" label is drawn inside the plot, clear of the y axis', {
  skip,
}, async () => {
  const { page, problems } = await open('why-lr.html?mode=compare&lr_high=50', 360);
  await page.waitForFunction(
    () =>
      /** @type {HTMLElement} */ (document.querySelector('[data-widget="compare"]')).dataset.status ===
      'done',
    null,
    { timeout: 180000 },
  );
  await page.waitForTimeout(300);
  const charts = await page.$$eval('figure.chart[data-annotation-boxes]', (figs) =>
    figs
      .filter((f) => /** @type {HTMLElement} */ (f).dataset.annotationBoxes)
      .map((f) => {
        const fig = /** @type {HTMLElement} */ (f);
        const canvas = /** @type {HTMLCanvasElement} */ (fig.querySelector('canvas'));
        const c = canvas.getBoundingClientRect();
        const over = /** @type {Element} */ (fig.querySelector('.u-over')).getBoundingClientRect();
        const plot = [over.left - c.left, over.right - c.left];
        const dpr = canvas.width / c.width;
        const { data } = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).getImageData(
          0,
          0,
          canvas.width,
          canvas.height,
        );
        // each label's colour as RGB (painted on a scratch canvas and read back)
        const probe = /** @type {CanvasRenderingContext2D} */ (
          document.createElement('canvas').getContext('2d', { willReadFrequently: true })
        );
        const rgb = (/** @type {string} */ color) => {
          probe.fillStyle = color;
          probe.fillRect(0, 0, 1, 1);
          return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        };
        const colors = /** @type {string} */ (fig.dataset.annotationColors).split('|').map(rgb);
        // pixels of a label's colour left or right of the plot area: its letters ran out of it
        let outside = 0;
        for (let y = 0; y < canvas.height; y++)
          for (let x = 0; x < canvas.width; x++) {
            const cx = x / dpr;
            if (cx >= plot[0] - 3 && cx <= plot[1] + 3) continue;
            const i = (y * canvas.width + x) * 4;
            if (
              colors.some(
                (k) =>
                  Math.abs(data[i] - k[0]) + Math.abs(data[i + 1] - k[1]) + Math.abs(data[i + 2] - k[2]) < 60,
              )
            )
              outside++;
          }
        return {
          labels: fig.dataset.annotations,
          plot,
          boxes: /** @type {string} */ (fig.dataset.annotationBoxes)
            .split('|')
            .map((b) => b.split(',').map(Number)),
          outside,
        };
      }),
  );
  assert.ok(charts.length > 0, 'a chart with a diverged run');
  for (const c of charts) {
    assert.match(c.labels, /diverged at epoch 0/);
    for (const [x0, , x1] of c.boxes)
      assert.ok(x0 >= c.plot[0] && x1 <= c.plot[1] + 0.5, `label at ${x0}–${x1}, plot ${c.plot}`);
    assert.equal(c.outside, 0, `${c.outside} label-coloured pixels outside the plot`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('360 px: a pager link keeps its arrow on the line of its words, inside the page', { skip }, async () => {
  for (const lesson of ['pipeline', 'plateau', 'zoo', 'warmup', 'sweep']) {
    const { page, problems } = await open(`${lesson}.html?mode=summary`, 360);
    const links = await page.$$eval('.lesson-pager a', (as) =>
      as.map((a) => {
        // the line boxes of the arrow and of the words: one top for all
        const range = document.createRange();
        range.selectNodeContents(a);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        const box = a.getBoundingClientRect();
        return { text: a.textContent, lines: tops.size, left: box.left, right: box.right };
      }),
    );
    assert.ok(links.length > 0, lesson);
    for (const l of links) {
      assert.equal(l.lines, 1, `${lesson}: "${l.text}" is broken over ${l.lines} lines`);
      assert.ok(l.left >= 0 && l.right <= 360, `${lesson}: "${l.text}" at ${l.left}–${l.right}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('1280 px: the controls of a row line up when a label wraps; every input has the same font', {
  skip,
}, async () => {
  for (const [relative, wrapped] of /** @type {Array<[string, string]>} */ ([
    ['playground.html', 'flip_y'],
    ['plateau.html?mode=experiment', 'plateau_metric'],
  ])) {
    const { page, problems } = await open(relative, 1280);
    const fields = await page.$$eval('[data-widget="controls"] .field', (fs) =>
      fs
        .filter((f) => f.getBoundingClientRect().width > 0)
        .map((f) => {
          const field = /** @type {HTMLElement} */ (f);
          const label = /** @type {Element} */ (field.querySelector('label'));
          const control = /** @type {HTMLElement} */ (
            field.querySelector('select, input:not([type="range"]):not([type="checkbox"])') ||
              field.querySelector('input')
          );
          const r = control.getBoundingClientRect();
          const cs = getComputedStyle(control);
          return {
            key: field.dataset.field,
            top: Math.round(field.getBoundingClientRect().top),
            labelHeight: label.getBoundingClientRect().height,
            control: {
              top: r.top,
              middle: (r.top + r.bottom) / 2,
              type: control.getAttribute('type') || control.tagName,
            },
            font:
              control.tagName === 'INPUT' && control.getAttribute('type') !== 'checkbox'
                ? `${cs.fontSize} ${cs.fontFamily}`
                : null,
          };
        }),
    );
    const rowOf = fields.find((f) => f.key === wrapped);
    assert.ok(rowOf, `${relative}: no ${wrapped} control`);
    // the label that wraps is two lines tall; its neighbours' labels are one
    const row = fields.filter((f) => f.top === rowOf.top);
    assert.ok(row.length >= 2, `${relative}: ${wrapped} has no neighbour in its row`);
    assert.ok(
      row.some((f) => f.labelHeight > rowOf.labelHeight * 0.75) &&
        rowOf.labelHeight > Math.min(...row.map((f) => f.labelHeight)) * 1.5,
      `${relative}: ${wrapped}'s label does not wrap here (${row.map((f) => f.labelHeight)})`,
    );
    // every control of that row at one height (a checkbox centred on the others)
    for (const f of row) {
      const [a, b] =
        f.control.type === 'checkbox'
          ? [f.control.middle, rowOf.control.middle]
          : [f.control.top, rowOf.control.top];
      assert.ok(Math.abs(a - b) <= 1, `${relative}: ${f.key}'s control at ${a}, ${wrapped}'s at ${b}`);
    }
    // text and number inputs share one font (the hidden layer sizes were smaller monospace)
    if (relative.startsWith('playground')) {
      const fonts = new Set(fields.filter((f) => f.font && f.key !== 'custom_scheduler').map((f) => f.font));
      assert.equal(fonts.size, 1, `${relative}: inputs in ${[...fonts].join(' / ')}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('dark theme: the constant-LR baseline is drawn visibly, and fainter than the run', {
  skip,
}, async () => {
  for (const lesson of ['plateau', 'warmup']) {
    const { page, problems } = await openPage(browser.env, `${lesson}.html?mode=visual`, {
      width: 1280,
      height: 900,
      colorScheme: 'dark',
    });
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await waitForRun(page, { timeout: 120000 });
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    // the loss chart's plot area, composited over the page background: the grey pixels (the
    // baseline's; the grid is nearly the background) and the blue ones (the run's train loss)
    const c = await page
      .locator('figure.chart', { hasText: 'train loss, constant lr' })
      .first()
      .evaluate((fig) => {
        const canvas = /** @type {HTMLCanvasElement} */ (fig.querySelector('canvas'));
        const r = canvas.getBoundingClientRect();
        const over = /** @type {Element} */ (fig.querySelector('.u-over')).getBoundingClientRect();
        const dpr = canvas.width / r.width;
        const { data } = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).getImageData(
          Math.ceil((over.left - r.left) * dpr),
          Math.ceil((over.top - r.top) * dpr),
          Math.floor(over.width * dpr),
          Math.floor(over.height * dpr),
        );
        const bg = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
        const lum = (/** @type {number[]} */ rgb) => {
          const [red, green, blue] = rgb.map((v) => {
            const x = v / 255;
            return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
        };
        const lb = lum(bg);
        const grey = [];
        const blue = [];
        for (let i = 0; i < data.length; i += 4) {
          const a = data[i + 3] / 255;
          const [pr, pg, pb] = [0, 1, 2].map((k) => a * data[i + k] + (1 - a) * bg[k]);
          const l = lum([pr, pg, pb]);
          const ratio = (Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05);
          if (ratio < 1.6) continue; // the background and the grid lines
          if (Math.max(pr, pg, pb) - Math.min(pr, pg, pb) < 24) grey.push(ratio);
          else if (pb > pr + 60) blue.push(ratio);
        }
        const median = (/** @type {number[]} */ xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
        return { grey: median(grey), blue: median(blue), n: [grey.length, blue.length] };
      });
    assert.ok(c.n[0] > 200 && c.n[1] > 200, `${lesson}: ${c.n} grey and blue pixels`);
    assert.ok(c.grey >= 3, `${lesson}: the baseline at ${c.grey.toFixed(2)}:1 against the background`);
    assert.ok(
      c.blue > c.grey * 1.3,
      `${lesson}: run ${c.blue.toFixed(2)}:1, baseline ${c.grey.toFixed(2)}:1`,
    );
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('legend markers are a sample of their line: solid, dashed or dotted, in its colour', {
  skip,
}, async () => {
  // the style each series is drawn with (metrics-chart.mjs, lr-chart.mjs)
  /** @type {Array<[RegExp, string]>} */
  const expected = [
    [/^planned/, 'dashed'],
    [/^constant lr \(baseline\)/, 'dotted'],
    [/^lr used/, 'solid'],
    [/^train (loss|accuracy)/, 'solid'],
    [/^test (loss|accuracy)/, 'dashed'],
    [/^validation/, 'dotted'],
  ];
  for (const [relative, width] of /** @type {Array<[string, number]>} */ ([
    ['warmup.html?mode=visual', 1280],
    ['plateau.html?mode=visual', 360],
  ])) {
    const { page, problems } = await open(relative, width);
    await page.waitForTimeout(300);
    const markers = await page.$$eval('.chart .u-legend tr.u-series', (trs) =>
      trs
        .filter((tr) => tr.getBoundingClientRect().width > 0 && tr.previousElementSibling)
        .map((tr) => {
          const m = /** @type {Element} */ (tr.querySelector('.u-marker'));
          const r = m.getBoundingClientRect();
          const cs = getComputedStyle(m);
          return {
            label: /** @type {Element} */ (tr.querySelector('.u-label')).textContent,
            width: r.width,
            height: r.height,
            style: cs.borderTopStyle,
            top: Number.parseFloat(cs.borderTopWidth),
            sides: [cs.borderRightWidth, cs.borderBottomWidth, cs.borderLeftWidth].map(Number.parseFloat),
            background: cs.backgroundColor,
            color: cs.borderTopColor,
          };
        }),
    );
    assert.ok(markers.length >= 5, `${relative}: ${markers.length} legend entries`);
    const seen = new Set();
    for (const m of markers) {
      // a line: wide, a few px tall, no box sides, no fill
      assert.ok(
        m.width >= 16 && m.height <= 5 && m.top >= 2,
        `${relative}: "${m.label}" marker ${m.width}×${m.height}`,
      );
      assert.deepEqual(m.sides, [0, 0, 0], `${relative}: "${m.label}" marker has box sides`);
      assert.match(
        m.background,
        /rgba\(0, 0, 0, 0\)|transparent/,
        `${relative}: "${m.label}" marker is filled`,
      );
      assert.doesNotMatch(m.color, /rgba\(0, 0, 0, 0\)/, `${relative}: "${m.label}" marker has no colour`);
      const want = expected.find(([re]) => re.test(m.label));
      if (want) {
        assert.equal(m.style, want[1], `${relative}: "${m.label}"`);
        seen.add(want[1]);
      }
    }
    assert.deepEqual([...seen].sort(), ['dashed', 'dotted', 'solid'], relative);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
