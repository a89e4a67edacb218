// The <lr-lab> element on bare host pages, in headless Chromium: three widgets on one page,
// keyboard controls, coalesced retrains, hostile host CSS, a sub-path deployment, the widget
// loaded from a second origin, a host that refuses workers, and the strict CSP header.
// Host pages are written to a temporary folder next to links to the built dist/widget and
// dist/engine, so they are pages of "someone else's site" with nothing of ours but the files.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { readAttributes } from '../../dist/widget/attributes.mjs';
import { CSP, startServer } from '../../scripts/serve.mjs';
import { widgetFiles } from '../../scripts/size-budget.mjs';
import { artifacts, CHROMIUM, plottedPixels, siteDir, skipReason } from './harness.mjs';
import { attributePayloads, EMBED_PARAMS, MESSAGES, SPEC_PAYLOADS } from './widget-payloads.mjs';

/** @typedef {import('../../web/widget/lr-lab.mjs').LrLabElement} LrLabElement */

const skip = skipReason() ?? false;
let browser;
let hostDir;

const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>${head}</head><body>${body}</body></html>\n`;
const script = (src) => `<script type="module" src="${src}"></script>`;

const THREE = `
<h1>Three widgets</h1>
<lr-lab id="a" scheduler="StepLR" step_size="3" gamma="0.5" epochs="8" panels="lr loss accuracy table controls"></lr-lab>
<lr-lab id="b" scheduler="CosineAnnealingLR" T_max="6" epochs="8" controls=""></lr-lab>
<lr-lab id="c" scheduler="ExponentialLR" gamma="0.8" epochs="8" theme="dark" lr="0.05" dataset="iris"></lr-lab>`;

/** What engine.schedule says for each widget of THREE (same settings, 8 epoch steps). */
const SCHEDULES = {
  a: { optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'StepLR', step_size: 3, gamma: 0.5 } },
  b: { optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'CosineAnnealingLR', T_max: 6, eta_min: 0 } },
  c: { optimizer: { type: 'SGD', lr: 0.05 }, scheduler: { type: 'ExponentialLR', gamma: 0.8 } },
};

before(async () => {
  if (skip) return;
  hostDir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-hosts-'));
  for (const dir of await readdir(siteDir))
    if (['widget', 'engine', 'data'].includes(dir))
      await symlink(path.join(siteDir, dir), path.join(hostDir, dir));
  await writeFile(path.join(hostDir, 'three.html'), page(THREE, script('widget/lr-lab.mjs')));
  await writeFile(
    path.join(hostDir, 'default.html'),
    page('<lr-lab id="d" scheduler="StepLR" epochs="4"></lr-lab>', script('widget/lr-lab.mjs')),
  );
  await writeFile(
    path.join(hostDir, 'with-controls.html'),
    page(
      '<lr-lab id="d" scheduler="StepLR" epochs="4" panels="lr controls"></lr-lab>',
      script('widget/lr-lab.mjs'),
    ),
  );
  await writeFile(
    path.join(hostDir, 'hostile-css.html'),
    page(
      `<lr-lab id="a" scheduler="StepLR" step_size="2" epochs="6" panels="lr loss table controls"></lr-lab>`,
      `${script('widget/lr-lab.mjs')}<link rel="stylesheet" href="hostile.css">`,
    ),
  );
  await writeFile(
    path.join(hostDir, 'hostile.css'),
    `* { all: unset !important; }
     * { color: red !important; background: lime !important; font-size: 3px !important; }
     div, p, canvas, table, input, label { display: none !important; visibility: hidden !important; }
     lr-lab::part(root) { display: none !important; }
     :root { --fg: red; --bg: red; --chart-1: red; }
     .root, .chart, .uplot, .u-over { display: none !important; }\n`,
  );
  await mkdir(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
});
after(async () => {
  if (browser) await browser.close();
  if (hostDir) await rm(hostDir, { recursive: true, force: true });
});

/** Opens a page, records widget events from the start and every problem; origins: allowed ones. */
async function open(url, { origins = [new URL(url).origin], width = 1100, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const p = await context.newPage();
  const problems = [];
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('request', (r) => {
    const u = r.url();
    if (!origins.some((o) => u.startsWith(o)) && !u.startsWith('data:') && !u.startsWith('blob:'))
      problems.push(`request to another origin: ${u}`);
  });
  p.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await p.addInitScript(() => {
    window.widgetEvents = [];
    for (const type of ['epoch', 'done', 'error'])
      document.addEventListener(
        type,
        (e) => {
          const el = /** @type {Element} */ (e.target);
          if (el.localName === 'lr-lab')
            window.widgetEvents.push({ id: el.id, type, detail: /** @type {CustomEvent} */ (e).detail });
        },
        true,
      );
  });
  await p.goto(url);
  return { page: p, problems, requests, close: () => context.close() };
}

const doneCount = (p, id) =>
  p.evaluate((i) => window.widgetEvents.filter((e) => e.id === i && e.type === 'done').length, id);

async function waitDone(p, id, n = 1, timeout = 60000) {
  await p.waitForFunction(
    ([i, k]) => window.widgetEvents.filter((e) => e.id === i && e.type === 'done').length >= k,
    [id, n],
    { timeout },
  );
}

test('three widgets on a bare page: events, pixels, results equal engine.schedule', { skip }, async () => {
  const server = await startServer({ root: hostDir });
  try {
    const { page: p, problems, requests, close } = await open(`${server.url}three.html`);
    await waitDone(p, 'a');
    // c is below the fold: it has not trained yet
    assert.equal(
      await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('c')).result),
      null,
      'c waits to be scrolled into view',
    );
    assert.equal(await p.evaluate(() => window.widgetEvents.filter((e) => e.id === 'c').length), 0);
    for (const id of ['a', 'b', 'c']) {
      await p.locator(`#${id}`).scrollIntoViewIfNeeded();
      await waitDone(p, id);
    }
    const wasm = requests.filter((u) => u.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one engine for the page: ${wasm.join(', ')}`);
    for (const id of ['a', 'b', 'c']) {
      const epochs = await p.evaluate(
        (i) => window.widgetEvents.filter((e) => e.id === i && e.type === 'epoch').length,
        id,
      );
      assert.equal(epochs, 8, `${id}: one epoch event per epoch`);
      const lrs = await p.evaluate(
        (i) => /** @type {LrLabElement} */ (document.getElementById(i)).result.epochs.map((r) => r.lr[0]),
        id,
      );
      const expected = await p.evaluate(async (spec) => {
        const { createEngine } = await import(new URL('engine/lrlab.mjs', document.baseURI).href);
        return (await createEngine()).schedule({ ...spec, steps: 8 }).lr[0];
      }, SCHEDULES[id]);
      assert.deepEqual(lrs, expected, `${id}: result LRs are engine.schedule's`);
      const done = await p.evaluate((i) => {
        const { detail } = window.widgetEvents.find((e) => e.id === i && e.type === 'done');
        return /** @type {import('../../wasm/js/lrlab.js').TrainResult} */ (detail).epochs.length;
      }, id);
      assert.equal(done, 8, `${id}: done carries the result`);
      const pixels = await plottedPixels(p, `#${id} .panel-lr canvas`);
      assert.ok(pixels > 800, `${id}: the LR chart has plotted pixels (${pixels})`);
      const summary = await p.locator(`#${id} .summary`).textContent();
      assert.match(summary, /the learning rate went from/, `${id}: a text summary of the chart`);
    }
    // a: labelled keyboard controls; b: controls="" hides them; c: dark theme
    assert.equal(await p.locator('#b input[type="range"]').count(), 0, 'controls="" hides every slider');
    const slider = p.locator('#a input[type="range"]').first();
    assert.match(await p.locator('#a .field label').first().textContent(), /step_size/);
    assert.ok(await slider.getAttribute('aria-labelledby'), 'sliders are labelled');
    await slider.focus();
    await p.keyboard.press('ArrowRight');
    await waitDone(p, 'a', 2);
    assert.equal(
      await p.evaluate(
        () => /** @type {LrLabElement} */ (document.getElementById('a')).spec.scheduler.step_size,
      ),
      4,
    );
    const bg = await p.evaluate(
      () =>
        getComputedStyle(
          /** @type {HTMLElement} */ (
            /** @type {LrLabElement} */ (document.getElementById('c')).shadowRoot.firstChild
          ),
        ).backgroundColor,
    );
    assert.equal(bg, 'rgb(17, 20, 24)', 'theme="dark" paints the dark background');
    await p.screenshot({ path: path.join(artifacts, 'widget-three.png'), fullPage: true });

    // Attribute changes in one task retrain once, with all of them.
    const before = await doneCount(p, 'b');
    await p.evaluate(() => {
      const b = document.getElementById('b');
      window.widgetEvents.length = 0;
      b.setAttribute('t_max', '4');
      b.setAttribute('eta_min', '0.01');
      b.setAttribute('epochs', '5');
    });
    await waitDone(p, 'b', 1);
    await p.waitForTimeout(300);
    const after = await p.evaluate(() => window.widgetEvents.filter((e) => e.id === 'b').map((e) => e.type));
    assert.deepEqual(
      after,
      ['epoch', 'epoch', 'epoch', 'epoch', 'epoch', 'done'],
      `one run (was ${before} done)`,
    );
    assert.deepEqual(
      await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('b')).spec.scheduler),
      {
        type: 'CosineAnnealingLR',
        T_max: 4,
        eta_min: 0.01,
      },
    );
    // An element's controls offer only what an element can run: no learner's CSV (a course
    // page's own file) and no custom scheduler JSON (an element takes a spec attribute).
    await p.evaluate(() =>
      document.body.insertAdjacentHTML(
        'beforeend',
        '<lr-lab id="d" scheduler="StepLR" epochs="2" panels="lr controls" controls="dataset scheduler"></lr-lab>',
      ),
    );
    await p.locator('#d [data-field="dataset"] select').waitFor();
    const options = (field) =>
      p.locator(`#d [data-field="${field}"] select option`).evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(await options('dataset'), ['synthetic', 'iris', 'wine', 'breast_cancer', 'digits']);
    const schedulers = await options('scheduler');
    assert.ok(schedulers.includes('SequentialLR') && !schedulers.includes('custom'), schedulers.join(' '));
    assert.deepEqual(problems, [], 'no console errors, failed or foreign requests');
    assert.deepEqual(
      requests.filter((u) => /katex/i.test(u)),
      [],
      'the widget never loads KaTeX',
    );
    await close();
  } finally {
    await server.close();
  }
});

test("a default <lr-lab> loads exactly the files counted as the widget's first load", { skip }, async () => {
  const server = await startServer({ root: hostDir });
  try {
    const files = await widgetFiles(siteDir);
    /** The files a page requested, as paths under the host, the page itself left out. */
    const loaded = async (html) => {
      const { page: p, problems, requests, close } = await open(`${server.url}${html}`);
      await waitDone(p, 'd');
      await p.waitForTimeout(300); // anything requested after the run would show here
      const paths = requests.map((u) => new URL(u).pathname.slice(1)).filter((f) => f !== html);
      assert.deepEqual(problems, [], html);
      await close();
      return paths;
    };
    const first = await loaded('default.html');
    assert.deepEqual(
      [...first].sort(),
      [...files].sort(),
      'requested = scripts/size-budget.mjs widgetFiles()',
    );
    // the controls panel is a chunk of its own, loaded by an element that shows controls
    const more = (await loaded('with-controls.html')).filter((f) => !files.includes(f));
    assert.equal(more.length, 1, more.join(', '));
    assert.match(more[0], /^widget\/chunks\/controls-panel-\w+\.mjs$/);
  } finally {
    await server.close();
  }
});

test('hostile host CSS cannot hide or restyle the widget', { skip }, async () => {
  const server = await startServer({ root: hostDir });
  try {
    const { page: p, problems, close } = await open(`${server.url}hostile-css.html`);
    await waitDone(p, 'a');
    const pixels = await plottedPixels(p, '#a .panel-lr canvas');
    assert.ok(pixels > 800, `the LR chart is still drawn (${pixels})`);
    const box = await p.locator('#a .panel-lr canvas').boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, 'the chart keeps its size');
    const color = await p.evaluate(
      () =>
        getComputedStyle(
          /** @type {HTMLElement} */ (
            /** @type {LrLabElement} */ (document.getElementById('a')).shadowRoot.firstChild
          ),
        ).color,
    );
    assert.equal(color, 'rgb(27, 31, 36)', 'text keeps the widget colour');
    await p.screenshot({ path: path.join(artifacts, 'widget-hostile-css.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await server.close();
  }
});

test('sub-path deployment', { skip }, async () => {
  const server = await startServer({ root: hostDir, prefix: '/some/sub/path/' });
  try {
    const { page: p, problems, close } = await open(`${server.url}three.html`);
    await waitDone(p, 'a');
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await server.close();
  }
});

test('loaded from a second origin (ACAO), worker started from a Blob URL', { skip }, async () => {
  const widgets = await startServer({ root: hostDir, cors: true });
  const otherDir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-other-'));
  // a plain static server: no CSP of ours, another port = another origin
  const other = await startServer({ root: otherDir, csp: null });
  try {
    await writeFile(path.join(otherDir, 'blog.html'), page(THREE, script(`${widgets.url}widget/lr-lab.mjs`)));
    const {
      page: p,
      problems,
      close,
    } = await open(`${other.url}blog.html`, {
      origins: [new URL(widgets.url).origin, new URL(other.url).origin],
    });
    await waitDone(p, 'a');
    const lrs = await p.evaluate(() =>
      /** @type {LrLabElement} */ (document.getElementById('a')).result.epochs.map((r) => r.lr[0]),
    );
    assert.deepEqual(lrs, [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025]);
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await other.close();
    await widgets.close();
    await rm(otherDir, { recursive: true, force: true });
  }
});

test('a host that refuses workers gets the engine in the page', { skip }, async () => {
  const server = await startServer({
    root: hostDir,
    csp: CSP.replace("worker-src 'self' blob:", "worker-src 'none'"),
  });
  try {
    const { page: p, problems, close } = await open(`${server.url}three.html`);
    await waitDone(p, 'a');
    assert.equal(
      await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('a')).result.epochs.length),
      8,
    );
    // the refused worker is reported by the browser (that is how we know it was refused); nothing else
    assert.ok(problems.length >= 1, 'the worker was refused');
    assert.ok(
      problems.every((m) => /worker-src|Worker/.test(m)),
      problems.join('\n'),
    );
    await close();
  } finally {
    await server.close();
  }
});

test('the strict CSP header on widget files and every lesson', { skip }, async () => {
  const server = await startServer({ root: siteDir });
  try {
    const lessons = (await readdir(siteDir)).filter((f) => f.endsWith('.html'));
    assert.ok(lessons.length >= 8);
    // every lesson with a run links its oEmbed JSON: type rich, the iframe snippet as html
    for (const f of lessons.filter((x) => !['index.html', 'widget.html'].includes(x))) {
      const html = await (await fetch(server.url + f)).text();
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html);
      if (!link) continue;
      const oembed = await (await fetch(new URL(link[1], server.url + f))).json();
      assert.equal(oembed.type, 'rich', f);
      assert.match(oembed.html, /^<iframe src="[^"]+\/embed\.html\?[^"]*" /, f);
    }
    for (const f of ['embed.html', 'steplr.html'])
      assert.match(await (await fetch(server.url + f)).text(), /json\+oembed/, f);
    for (const f of [...lessons, 'widget/lr-lab.mjs']) {
      const res = await fetch(server.url + f);
      const csp = res.headers.get('content-security-policy');
      assert.ok(csp.includes("style-src 'self';"), `${f}: ${csp}`);
      assert.ok(!csp.includes('unsafe-inline'), `${f}: no unsafe-inline`);
      assert.ok(csp.includes("script-src 'self' 'wasm-unsafe-eval';"), f);
      assert.ok(csp.includes("worker-src 'self' blob:"), f);
      assert.ok(csp.includes(f === 'embed.html' ? 'frame-ancestors *' : "frame-ancestors 'none'"), f);
    }
  } finally {
    await server.close();
  }
});

test("a lesson's Embed dialog snippets work on another static server: same demo, iframe resizes", {
  skip,
}, async () => {
  const site = await startServer({ root: siteDir, cors: true });
  const otherDir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-other-'));
  const other = await startServer({ root: otherDir, csp: null });
  const origins = [new URL(site.url).origin, new URL(other.url).origin];
  /** @type {Awaited<ReturnType<typeof startServer>> | null} */
  let strict = null;
  try {
    for (const { id } of JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8'))) {
      const l = await open(`${site.url}${id}.html`);
      await l.page.waitForFunction(() => document.body.dataset.ready === 'true');
      const hasRun = (await l.page.locator('[data-widget="lr-chart"]').count()) > 0;
      if (hasRun) await l.page.waitForSelector('[data-widget="lr-chart"] .embed-button');
      // a comparison embeds as one element (and one iframe) per compared run
      for (const group of await l.page.locator('[data-widget="compare"]').all()) {
        await group.locator('.embed-button').click();
        const [els, frames] = await l.page.$$eval('.embed-dialog textarea', (t) => t.map((x) => x.value));
        const runs = (els.match(/<lr-lab /g) || []).length;
        assert.ok(runs >= 2, `${id}: the comparison's runs (${runs})`);
        assert.equal((frames.match(/<iframe /g) || []).length, runs, `${id}: one iframe per run`);
        await l.page.keyboard.press('Escape');
      }
      assert.deepEqual(l.problems, [], id);
      await l.close();
    }
    const lesson = await open(`${site.url}steplr.html?StepLR.step_size=3&epochs=8`);
    await lesson.page.waitForFunction(
      () =>
        /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="run-bar"]'))?.dataset
          .status === 'done',
      null,
      {
        timeout: 60000,
      },
    );
    await lesson.page.waitForSelector('[data-widget="lr-chart"] .embed-button');
    assert.equal(
      await lesson.page.locator('[data-widget="lr-chart"] .embed-button').count(),
      1,
      "an Embed button on the run's chart group",
    );
    await lesson.page.click('[data-widget="lr-chart"] .embed-button');
    const [element, iframe, listener] = await lesson.page.$$eval('.embed-dialog textarea', (t) =>
      t.map((x) => x.value),
    );
    assert.match(element, new RegExp(`src="${site.url}widget/lr-lab.mjs"`), 'absolute URL of the module');
    const lessonRows = await lesson.page.$$eval('[data-widget="epoch-table"] .epoch-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    assert.equal(lessonRows.length, 8);
    assert.deepEqual(lesson.problems, []);
    await lesson.close();

    await writeFile(path.join(otherDir, 'pasted.html'), page(element));
    const pasted = await open(`${other.url}pasted.html`, { origins });
    await pasted.page.waitForFunction(() => document.querySelector('lr-lab')?.result, null, {
      timeout: 60000,
    });
    const widgetRows = await pasted.page.$$eval('lr-lab .epoch-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    assert.deepEqual(widgetRows, lessonRows, 'the pasted element trains the same run as the lesson');
    assert.deepEqual(pasted.problems, []);
    await pasted.close();

    // the listener is a script file: a host page with a strict CSP of its own loads it
    assert.equal(listener, `<script src="${site.url}widget/embed-resize.js"></script>`);
    await writeFile(
      path.join(otherDir, 'framed.html'),
      page(`<p>Before</p>${iframe}<p>After</p>${listener}`),
    );
    const siteOrigin = new URL(site.url).origin;
    strict = await startServer({
      root: otherDir,
      csp: `default-src 'self'; script-src 'self' ${siteOrigin}; frame-src ${siteOrigin}; style-src 'self'; img-src data:`,
    });
    const framed = await open(`${strict.url}framed.html`, {
      origins: [...origins, new URL(strict.url).origin],
    });
    await framed.page.waitForFunction(
      () => {
        const f = document.querySelector('iframe');
        return f && f.height !== '760' && Number(f.height) > 300;
      },
      null,
      { timeout: 60000 },
    );
    const frame = framed.page.frames().find((f) => f.url().includes('embed.html'));
    await frame.waitForFunction(() => document.querySelector('lr-lab')?.result, null, { timeout: 60000 });
    const framedRows = await frame.$$eval('lr-lab .epoch-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    assert.deepEqual(framedRows, lessonRows, 'the iframe shows the same run');
    const height = await framed.page.$eval('iframe', (f) => Number(f.height));
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    assert.ok(
      Math.abs(height - content) <= 2,
      `the iframe is as tall as its content (${height} vs ${content})`,
    );
    assert.deepEqual(framed.problems, []);
    await framed.close();
  } finally {
    await strict?.close();
    await other.close();
    await site.close();
    await rm(otherDir, { recursive: true, force: true });
  }
});

test('Embed on zoo cards and the step-order runs: the snippets reproduce them; composite attributes are the documented ones', {
  skip,
}, async () => {
  const site = await startServer({ root: siteDir, cors: true });
  const otherDir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-other-'));
  const other = await startServer({ root: otherDir, csp: null });
  const origins = [new URL(site.url).origin, new URL(other.url).origin];
  const snippet = async (p, selector) => {
    await p.click(selector);
    const [element] = await p.$$eval('.embed-dialog textarea', (t) => t.map((x) => x.value));
    await p.keyboard.press('Escape');
    return element;
  };
  const attrsOf = (el) =>
    [...(/<lr-lab([^>]*)>/.exec(el)?.[1] ?? '').matchAll(/ ([a-z_-]+)="/gi)].map((m) => m[1]);
  const rowsOf = (p, i) =>
    p.$$eval(
      'lr-lab',
      (els, k) =>
        [...els[k].shadowRoot.querySelectorAll('.epoch-table tbody tr')].map((tr) =>
          [...tr.children].map((c) => c.textContent),
        ),
      i,
    );
  try {
    // widget.html documents SequentialLR's and ChainedScheduler's attributes as the course's
    // settings, each naming the torch argument it sets
    const docs = await open(`${site.url}widget.html`);
    const reference = await docs.page.textContent('body');
    await docs.close();
    const zoo = await open(`${site.url}zoo.html?epochs=6`);
    await zoo.page.waitForFunction(
      () =>
        [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.zoo-card'))].every(
          (c) => c.dataset.status === 'done',
        ) && document.querySelectorAll('.zoo-card .embed-button').length > 0,
      null,
      { timeout: 180000 },
    );
    assert.equal(
      await zoo.page.locator('.zoo-card .embed-button').count(),
      await zoo.page.locator('.zoo-card').count(),
      'an Embed button on every zoo card',
    );
    for (const type of ['SequentialLR', 'ChainedScheduler', 'StepLR']) {
      const card = `.zoo-card[data-scheduler="${type}"]`;
      const element = await snippet(zoo.page, `${card} .embed-button`);
      assert.match(element, new RegExp(`scheduler="${type}"`), `${type}: attributes, not a spec`);
      const run = [
        'scheduler',
        'optimizer',
        'lr',
        'momentum',
        'epochs',
        'batch-size',
        'dataset',
        'validation-fraction',
        'seed',
        'panels',
      ];
      const kwargs = attrsOf(element).filter((a) => !run.includes(a) && a !== 'scheduler-step');
      assert.ok(kwargs.length > 0, `${type}: kwarg attributes`);
      const at = reference.search(
        new RegExp(
          `(?<![A-Za-z])${type}${['SequentialLR', 'ChainedScheduler'].includes(type) ? ':' : ' \\('}`,
        ),
      );
      assert.ok(at >= 0, `widget.html lists ${type}'s attributes`);
      const documented = reference.slice(at);
      for (const a of kwargs)
        assert.ok(
          documented.slice(0, 400).includes(a),
          `${type}: attribute ${a} is documented in widget.html for ${type}`,
        );
      if (type !== 'StepLR')
        assert.match(documented.slice(0, 400), /warmup_epochs sets [^;]*LinearLR total_iters/, type);
      // pasted on another server, the element trains what the card trained
      const cardText = await zoo.page.textContent(`${card} .zoo-result`);
      await writeFile(path.join(otherDir, `zoo-${type}.html`), page(element));
      const pasted = await open(`${other.url}zoo-${type}.html`, { origins });
      await pasted.page.waitForFunction(() => document.querySelector('lr-lab')?.result, null, {
        timeout: 60000,
      });
      const rows = await rowsOf(pasted.page, 0);
      assert.equal(rows.length, 6, `${type}: six epochs`);
      // the test accuracy column (after the validation columns when the run holds out a split)
      const head = await pasted.page.$eval('lr-lab', (el) =>
        [...(el.shadowRoot?.querySelectorAll('.epoch-table thead th') ?? [])].map((t) => t.textContent),
      );
      assert.ok(head.includes('Test acc. ↑'), head.join('|'));
      const finalAcc = rows.at(-1)[head.indexOf('Test acc. ↑')];
      assert.ok(
        cardText.includes(`final test accuracy ${finalAcc}`),
        `${type}: the card says "${cardText}", the pasted element ends at ${finalAcc}`,
      );
      assert.deepEqual(pasted.problems, []);
      await pasted.close();
    }
    assert.deepEqual(zoo.problems, []);
    await zoo.close();

    // the step-order widget: three runs, the "before optimizer.step()" one as a whole spec
    const steplr = await open(`${site.url}steplr.html?epochs=6&StepLR.step_size=2`);
    await steplr.page.waitForFunction(
      () =>
        /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="step-order"]'))?.dataset
          .status === 'done',
      null,
      { timeout: 120000 },
    );
    const element = await snippet(steplr.page, '[data-widget="step-order"] .embed-button');
    assert.equal((element.match(/<lr-lab /g) || []).length, 3, 'one element per call order');
    assert.match(element, /scheduler_order&quot;:&quot;before_optimizer/);
    const early = await steplr.page.$$eval('.step-order-table tbody tr', (trs) =>
      trs.map((tr) => tr.children[2].textContent),
    );
    assert.deepEqual(steplr.problems, []);
    await steplr.close();
    await writeFile(path.join(otherDir, 'order.html'), page(element));
    const pasted = await open(`${other.url}order.html`, { origins });
    // each element starts training when scrolled into view
    await pasted.page.waitForFunction(
      () =>
        [...document.querySelectorAll('lr-lab')].every((e) => {
          if (!e.result) e.scrollIntoView();
          return e.result;
        }),
      null,
      { timeout: 90000, polling: 500 },
    );
    const earlyRows = await rowsOf(pasted.page, 1);
    assert.deepEqual(
      earlyRows.map((r) => r[1]),
      early,
      'the pasted "before optimizer.step()" element trains with the LRs the lesson table shows',
    );
    assert.deepEqual(pasted.problems, []);
    await pasted.close();
  } finally {
    await other.close();
    await site.close();
    await rm(otherDir, { recursive: true, force: true });
  }
});

test('widget.html, embed.html and examples/widget-minimal.html load and train', { skip }, async () => {
  const server = await startServer({ root: siteDir });
  try {
    for (const [file, width] of /** @type {Array<[string, number]>} */ ([
      ['widget.html', 1280],
      ['widget.html', 360],
      ['embed.html?scheduler=CosineAnnealingLR&T_max=5&epochs=5', 1280],
      ['examples/widget-minimal.html', 360],
    ])) {
      const { page: p, problems, close } = await open(server.url + file, { width });
      await p.locator('lr-lab').first().scrollIntoViewIfNeeded(); // it trains once in view
      await p.waitForFunction(() => document.querySelector('lr-lab')?.result, null, { timeout: 60000 });
      if (width === 360) {
        // an observation wraps into a few lines, not a tall narrow column
        const rows = await p.evaluate(() =>
          [
            ...(document.querySelector('lr-lab')?.shadowRoot?.querySelectorAll('.epoch-table tbody tr') ??
              []),
          ].map((r) => r.getBoundingClientRect().height),
        );
        assert.ok(rows.length > 0, `${file}: the epoch table has rows`);
        assert.ok(Math.max(...rows) <= 3.2 * Math.min(...rows), `${file}: row heights ${rows.join(', ')}`);
      }
      if (file === 'widget.html') {
        const count = await p.locator('lr-lab').count();
        assert.ok(count >= 30, `every entry has a live example (${count})`);
      }
      const name = file.replace(/[?].*/, '').replace(/\W+/g, '-');
      await p.screenshot({
        path: path.join(artifacts, `widget-page-${name}-${width}.png`),
        fullPage: file !== 'widget.html',
      });
      // a bare example page has no favicon: the browser's own request for one is not our error
      assert.deepEqual(
        problems.filter((m) => !(file.startsWith('examples/') && /404/.test(m))),
        [],
        file,
      );
      await close();
    }
  } finally {
    await server.close();
  }
});

// ---- hostile input ---------------------------------------------------------------------------
const refused = (attr, value) => {
  try {
    readAttributes((name) => (name === attr ? value : ({ scheduler: 'StepLR', epochs: '3' }[name] ?? null)));
    return false;
  } catch {
    return true;
  }
};

/**
 * Puts one payload on a fresh element next to the canary; resolves to what the element did.
 * @param {import('playwright-core').Page} p
 * @param {[string, string, string]} payload attribute, value, and how it is set ('attribute' or 'property')
 */
async function tryPayload(p, [attr, value, via]) {
  return p.evaluate(
    async ([a, v, how]) => {
      const el = document.createElement('lr-lab');
      el.setAttribute('scheduler', 'StepLR');
      el.setAttribute('epochs', '3');
      el.setAttribute('dataset', 'iris');
      const outcome = new Promise((resolve) => {
        // the element's "error" is a CustomEvent with {message, path}, not the DOM's ErrorEvent
        el.addEventListener(
          'error',
          (e) => resolve({ error: /** @type {CustomEvent} */ (/** @type {Event} */ (e)).detail }),
          {
            once: true,
          },
        );
        el.addEventListener('done', () => resolve({ done: true }), { once: true });
        setTimeout(() => resolve({ timeout: true }), 15000);
      });
      if (how === 'property') {
        let value = v;
        try {
          value = JSON.parse(v) ?? v; // null means "back to the attributes": give the text
        } catch {
          /* the string itself */
        }
        el.spec = value;
      } else el.setAttribute(a, v);
      document.getElementById('slot').append(el);
      el.run();
      const r = await outcome;
      const box = /** @type {HTMLElement | null} */ (el.shadowRoot.querySelector('.error'));
      r.shown = box && !box.hidden ? box.textContent : null;
      r.drawn = !!el.shadowRoot.querySelector('.chart canvas');
      el.remove();
      return r;
    },
    [attr, value, via],
  );
}

test('hostile attributes, spec JSON, embed parameters and parent messages: refused, inert', {
  skip,
}, async () => {
  const attrPayloads = attributePayloads().filter(([a, v]) => refused(a, v));
  const specPayloads = SPEC_PAYLOADS.flatMap(
    (v) =>
      /** @type {Array<[string, string, string]>} */ ([
        ['spec', v, 'attribute'],
        ['spec', v, 'property'],
      ]),
  );
  const total = attrPayloads.length + specPayloads.length + MESSAGES.length + EMBED_PARAMS.length;
  console.log(
    `# payload corpus: ${total} (${attrPayloads.length} attributes, ${specPayloads.length} spec, ${MESSAGES.length} messages, ${EMBED_PARAMS.length} embed parameters)`,
  );
  assert.ok(total >= 100, `at least 100 payloads (${total})`);

  const site = await startServer({ root: siteDir, cors: true });
  const otherDir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-other-'));
  const other = await startServer({ root: otherDir, csp: null });
  const origins = [new URL(site.url).origin, new URL(other.url).origin];
  await writeFile(
    path.join(hostDir, 'hostile.html'),
    page(
      '<lr-lab id="canary" scheduler="StepLR" step_size="2" epochs="4"></lr-lab><div id="slot"></div>',
      script('widget/lr-lab.mjs'),
    ),
  );
  const hosts = await startServer({ root: hostDir });
  try {
    const { page: p, problems, close } = await open(`${hosts.url}hostile.html`);
    let dialogs = 0;
    p.on('dialog', (d) => {
      dialogs++;
      d.dismiss();
    });
    await waitDone(p, 'canary');
    for (const payload of [
      ...attrPayloads.map(([a, v]) => /** @type {[string, string, string]} */ ([a, v, 'attribute'])),
      ...specPayloads,
    ]) {
      const label = `${payload[2]} ${payload[0]}=${JSON.stringify(payload[1].slice(0, 50))}`;
      const r = await tryPayload(p, payload);
      assert.ok(r.error, `${label}: fires error (${JSON.stringify(r).slice(0, 200)})`);
      if (payload[0] === 'spec') assert.match(r.error.path, /^spec/, label);
      else assert.equal(r.error.path, payload[0], label);
      assert.ok(
        r.shown?.startsWith(`${r.error.path}:`) || r.shown?.includes(payload[0]),
        `${label}: the message names the attribute (${r.shown?.slice(0, 120)})`,
      );
      assert.ok(r.shown.length < 2000, `${label}: the message is short`);
      assert.ok(r.drawn, `${label}: the widget is not blank`);
    }
    assert.equal(await p.evaluate(() => window.__pwned), undefined, 'no payload ran');
    // the canary still works
    await p.evaluate(() => {
      window.widgetEvents.length = 0;
      document.getElementById('canary').setAttribute('gamma', '0.5');
    });
    await waitDone(p, 'canary');
    assert.deepEqual(
      await p.evaluate(() =>
        /** @type {LrLabElement} */ (document.getElementById('canary')).result.epochs.map((r) => r.lr[0]),
      ),
      [0.1, 0.1, 0.05, 0.05],
    );
    assert.deepEqual(
      await p.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]),
      ['', 0, 0],
      'no cookies, no storage',
    );
    assert.equal(dialogs, 0);
    assert.deepEqual(problems, []);
    await close();

    // embed.html parameters (top level: the widget shows and fires the error itself)
    for (const [name, value] of EMBED_PARAMS) {
      const url = `${site.url}embed.html?scheduler=StepLR&${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
      const e = await open(url);
      await e.page.waitForFunction(() => window.widgetEvents.some((x) => x.type === 'error'), null, {
        timeout: 20000,
      });
      const detail = await e.page.evaluate(() => window.widgetEvents.find((x) => x.type === 'error').detail);
      assert.equal(
        detail.path.split('.')[0],
        name.toLowerCase(),
        `embed ${name}: ${detail.message.slice(0, 100)}`,
      );
      assert.equal(await e.page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(e.problems, []);
      await e.close();
    }
    // a parameter given twice: the last is used, and the page says so
    const twice = await open(
      `${site.url}embed.html?scheduler=StepLR&scheduler=CosineAnnealingLR&T_max=3&epochs=3`,
    );
    await twice.page.waitForFunction(() => document.querySelector('lr-lab')?.result, null, {
      timeout: 60000,
    });
    assert.match(
      await twice.page.locator('.embed-note').textContent(),
      /Given more than once: scheduler \(2 times: the last is used\)/,
    );
    assert.equal(
      await twice.page.evaluate(() => document.querySelector('lr-lab').spec.scheduler.type),
      'CosineAnnealingLR',
    );
    await twice.close();

    // parent-frame messages to embed.html on another origin
    await writeFile(
      path.join(otherDir, 'parent.html'),
      page(
        `<iframe src="${site.url}embed.html?scheduler=StepLR&amp;epochs=3" width="800" height="700"></iframe>`,
      ),
    );
    const parent = await open(`${other.url}parent.html`, { origins });
    const frame = () => parent.page.frames().find((f) => f.url().includes('embed.html'));
    await parent.page.waitForFunction(() => document.querySelector('iframe').contentWindow, null);
    await parent.page.waitForTimeout(500);
    await frame().waitForFunction(() => document.querySelector('lr-lab')?.result, null, { timeout: 60000 });
    for (const msg of MESSAGES) {
      const reply = await parent.page.evaluate(
        (m) =>
          new Promise((resolve) => {
            const f = document.querySelector('iframe');
            const on = (e) => {
              if (e.source !== f.contentWindow || e.data?.type !== 'lr-lab:error') return;
              removeEventListener('message', on);
              resolve(e.data);
            };
            addEventListener('message', on);
            f.contentWindow.postMessage(m, '*');
            setTimeout(() => resolve(null), 15000);
          }),
        msg,
      );
      const label = JSON.stringify(msg)?.slice(0, 80);
      assert.ok(reply && typeof reply.message === 'string', `message ${label}: answered with lr-lab:error`);
      const attrs =
        msg && typeof msg === 'object' && 'attributes' in msg && !Array.isArray(msg.attributes)
          ? msg.attributes
          : null;
      if (attrs && typeof attrs === 'object') {
        const names = Object.keys(attrs).filter((k) => !['onload', 'style', 'epochs'].includes(k));
        if (names.length)
          assert.equal(reply.path.split('.')[0], names[0], `message ${label}: names ${names[0]}`);
        // put the attributes back for the next message
        if (names.length)
          await parent.page.evaluate((n) => {
            document
              .querySelector('iframe')
              .contentWindow.postMessage(
                { type: 'lr-lab:set', attributes: Object.fromEntries(n.map((k) => [k, null])) },
                '*',
              );
          }, names);
      }
    }
    assert.equal(await frame().evaluate(() => window.__pwned), undefined, 'no message ran');
    // still alive: a valid message retrains
    const done = await parent.page.evaluate(
      () =>
        new Promise((resolve) => {
          const f = document.querySelector('iframe');
          addEventListener('message', (e) => {
            if (e.source === f.contentWindow && e.data?.type === 'lr-lab:done' && e.data.epochs === 2)
              resolve(e.data);
          });
          f.contentWindow.postMessage({ type: 'lr-lab:set', attributes: { epochs: '2', gamma: '0.5' } }, '*');
          setTimeout(() => resolve(null), 30000);
        }),
    );
    assert.equal(done?.epochs, 2, 'embed.html still trains after the hostile messages');
    assert.deepEqual(parent.problems, []);
    await parent.close();
  } finally {
    await hosts.close();
    await other.close();
    await site.close();
    await rm(otherDir, { recursive: true, force: true });
  }
});

test('methods pause / resume / cancel / run, lr-scale, baseline and the automatic dark theme', {
  skip,
}, async () => {
  await writeFile(
    path.join(hostDir, 'methods.html'),
    page(
      `<lr-lab id="m" scheduler="ExponentialLR" gamma="0.9" epochs="200" dataset="digits" batch-size="1"></lr-lab>
       <lr-lab id="v" scheduler="StepLR" step_size="2" epochs="6" lr-scale="log" baseline="constant" panels="lr loss"></lr-lab>`,
      script('widget/lr-lab.mjs'),
    ),
  );
  const server = await startServer({ root: hostDir });
  try {
    // #m trains 200 epochs of 1,437 single-sample batches (seconds even on a fast machine), so
    // cancel() always arrives before the run could finish.
    const { page: p, problems, close } = await open(`${server.url}methods.html`, { colorScheme: 'dark' });
    const epochsOf = (id) =>
      p.evaluate((i) => window.widgetEvents.filter((e) => e.id === i && e.type === 'epoch').length, id);
    await p.waitForFunction(() => window.widgetEvents.some((e) => e.id === 'm' && e.type === 'epoch'), null, {
      timeout: 60000,
    });
    await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('m')).pause());
    await p.waitForTimeout(300);
    const paused = await epochsOf('m');
    await p.waitForTimeout(1000);
    assert.equal(await epochsOf('m'), paused, 'no epochs while paused');
    assert.match(await p.locator('#m .status').textContent(), /Paused/);
    await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('m')).resume());
    await p.waitForFunction(
      (n) => window.widgetEvents.filter((e) => e.id === 'm' && e.type === 'epoch').length > n + 1,
      paused,
      {
        timeout: 60000,
      },
    );
    await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('m')).cancel());
    await p.waitForTimeout(300);
    const cancelled = await epochsOf('m');
    await p.waitForTimeout(1000);
    assert.equal(await epochsOf('m'), cancelled, 'no epochs after cancel');
    assert.equal(await doneCount(p, 'm'), 0);
    assert.match(await p.locator('#m .status').textContent(), /Cancelled/);
    // run() trains again, even for an element that was never scrolled into view
    await p.evaluate(() => {
      const m = /** @type {LrLabElement} */ (document.getElementById('m'));
      m.setAttribute('epochs', '3');
      m.run();
    });
    await waitDone(p, 'm');
    await waitDone(p, 'v');
    // lr-scale="log" presses the log toggle; baseline="constant" adds the faint constant-LR series
    assert.equal(
      await p.locator('#v .panel-lr button', { hasText: 'Log scale' }).getAttribute('aria-pressed'),
      'true',
    );
    const legend = await p.locator('#v .panel-lr .u-legend').textContent();
    assert.match(legend, /constant lr \(baseline\)/);
    assert.match(await p.locator('#v .panel-metrics .u-legend').first().textContent(), /constant lr/);
    // theme="auto" (the default) follows the reader's dark setting
    assert.equal(
      await p.evaluate(
        () =>
          /** @type {HTMLElement} */ (
            /** @type {LrLabElement} */ (document.getElementById('v')).shadowRoot.firstChild
          ).dataset.theme,
      ),
      'dark',
    );
    await p.screenshot({ path: path.join(artifacts, 'widget-methods-dark.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await server.close();
  }
});

test('an engine that cannot load is an error the reader sees, not a spinner', { skip }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-noengine-'));
  await symlink(path.join(siteDir, 'widget'), path.join(dir, 'widget')); // no engine/ beside it
  await writeFile(
    path.join(dir, 'broken.html'),
    page('<lr-lab id="x" scheduler="StepLR"></lr-lab>', script('widget/lr-lab.mjs')),
  );
  const server = await startServer({ root: dir });
  try {
    const { page: p, problems, close } = await open(`${server.url}broken.html`);
    await p.waitForFunction(() => window.widgetEvents.some((e) => e.type === 'error'), null, {
      timeout: 30000,
    });
    const detail = await p.evaluate(() => window.widgetEvents.find((e) => e.type === 'error').detail);
    assert.equal(detail.path, 'engine');
    assert.match(detail.message, /engine/);
    assert.match(await p.locator('#x .error').textContent(), /engine/);
    // the browser reports the missing files; those are the only problems
    assert.ok(
      problems.length > 0 && problems.every((m) => /404|Failed to (load|fetch)|engine/.test(m)),
      problems.join('\n'),
    );
    await close();
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("what the element tells a reader and a framework: the split it names, a divergence, run() then a scroll, a spec set before the upgrade, the sliders' values", {
  skip,
}, async () => {
  // a page sets spec before the module defines <lr-lab> (what frameworks do): a classic script
  await writeFile(
    path.join(hostDir, 'pre-upgrade.js'),
    `document.getElementById('pre').spec = ${JSON.stringify({
      data: { dataset: 'iris', test_fraction: 0.2, seed: 1 },
      model: { sizes: [4, 8, 3], seed: 0 },
      optimizer: { type: 'SGD', lr: 0.1 },
      epochs: 4,
      batch_size: 16,
    })};\n`,
  );
  await writeFile(
    path.join(hostDir, 'reader.html'),
    page(
      `<lr-lab id="pre"></lr-lab>
       <script src="pre-upgrade.js"></script>
       <lr-lab id="val" scheduler="StepLR" step_size="2" dataset="iris" validation-fraction="0.3" epochs="3" panels="lr controls"></lr-lab>
       <lr-lab id="div" scheduler="StepLR" dataset="breast_cancer" momentum="0.9" epochs="100" batch-size="1" panels="lr"></lr-lab>
       <lr-lab id="bad" scheduler="StepLR" gamma="banana" panels="lr"></lr-lab>
       <lr-lab id="specwins" gamma="oops" panels="lr" spec='{"data":{"dataset":"iris","seed":2},"model":{"sizes":[4,3]},"optimizer":{"type":"SGD","lr":0.1},"epochs":2,"batch_size":16}'></lr-lab>
       <div class="spacer"></div>
       <lr-lab id="far" scheduler="ExponentialLR" epochs="5" panels="lr"></lr-lab>`,
      `<link rel="stylesheet" href="reader.css">${script('widget/lr-lab.mjs')}`,
    ),
  );
  await writeFile(path.join(hostDir, 'reader.css'), '.spacer { height: 4000px; }\n'); // strict CSP: no inline style
  const server = await startServer({ root: hostDir });
  try {
    const { page: p, problems, close } = await open(`${server.url}reader.html`);
    await p.waitForFunction(
      () => /** @type {LrLabElement} */ (document.getElementById('pre')).result?.epochs.length === 4,
      null,
      { timeout: 60000 },
    );
    const pre = await p.evaluate(() => {
      const el = /** @type {LrLabElement} */ (document.getElementById('pre'));
      return {
        epochs: el.result.epochs.length,
        own: Object.hasOwn(el, 'spec'),
        dataset: el.spec.data.dataset,
      };
    });
    assert.deepEqual(
      pre,
      { epochs: 4, own: false, dataset: 'iris' },
      'the spec set before the upgrade is trained',
    );
    // at 360 px the table scrolls sideways and its caption stays within the box, wrapped
    await p.setViewportSize({ width: 360, height: 900 });
    await p.waitForTimeout(300);
    const caption = await p.evaluate(() => {
      const root = document.getElementById('pre').shadowRoot;
      const box = /** @type {HTMLElement} */ (root.querySelector('.table-scroll'));
      box.scrollLeft = box.scrollWidth;
      const c = root.querySelector('caption').getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return { wide: box.scrollWidth > box.clientWidth, left: c.left - b.left, right: b.right - c.right };
    });
    assert.ok(caption.wide && caption.left >= -1 && caption.right >= -1, JSON.stringify(caption));
    await p.setViewportSize({ width: 1100, height: 900 });

    // beside a validation split, the summary's "test" numbers are the test split's (test_*)
    await waitDone(p, 'val');
    const val = await p.evaluate(() => {
      const el = /** @type {LrLabElement} */ (document.getElementById('val'));
      const last = el.result.epochs.at(-1);
      return { last, summary: el.shadowRoot.querySelector('.summary').textContent };
    });
    assert.ok('test_loss' in val.last && val.last.test_loss !== val.last.val_loss, JSON.stringify(val.last));
    assert.match(
      val.summary,
      new RegExp(
        `test loss ${val.last.test_loss.toFixed(4)}, test accuracy ${(val.last.test_accuracy * 100).toFixed(1)}%`,
      ),
    );
    // a log-scale slider speaks its value, not its exponent
    const sliders = await p.evaluate(() =>
      [
        .../** @type {NodeListOf<HTMLInputElement>} */ (
          document.getElementById('val').shadowRoot.querySelectorAll('input[type="range"]')
        ),
      ].map((r) => ({
        value: r.value,
        text: r.getAttribute('aria-valuetext'),
        number: /** @type {HTMLInputElement} */ (r.nextElementSibling).value,
      })),
    );
    assert.ok(sliders.length >= 2, JSON.stringify(sliders));
    for (const s of sliders) assert.equal(s.text, s.number, JSON.stringify(s));
    assert.ok(
      sliders.some((s) => s.value !== s.text),
      'the lr slider is on a log scale',
    );

    // a diverged run says so where a screen reader reads: the status and the summary
    await waitDone(p, 'div');
    const div = await p.evaluate(() => {
      const el = /** @type {LrLabElement} */ (document.getElementById('div'));
      return {
        at: el.result.diverged_at,
        status: el.shadowRoot.querySelector('.status').textContent,
        summary: el.shadowRoot.querySelector('.summary').textContent,
      };
    });
    assert.ok(div.at, 'the run diverged');
    assert.match(
      div.status,
      new RegExp(`^Not finished \\(100 epochs asked\\)\\. The run diverged: .*epoch ${div.at.epoch}`),
    );
    assert.match(div.summary, /The run diverged: .* No final numbers\./);

    // the refusal stays readable after its event: a script that listens late still learns it
    const bad = await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('bad')).error);
    assert.equal(bad?.path, 'gamma', JSON.stringify(bad));
    assert.match(bad.message, /^gamma: /);
    assert.equal(
      await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('val')).error),
      null,
    );
    await p.evaluate(() => {
      const el = document.getElementById('bad');
      el.setAttribute('gamma', '0.5');
      el.scrollIntoView(); // an element trains once it is in view
    });
    await waitDone(p, 'bad');
    assert.equal(
      await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('bad')).error),
      null,
    );

    // beside a spec, a run attribute is not read: a stale bad one does not block the run
    // (it may have trained already, in view: run() then trains it again; wait for a result)
    await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('specwins')).run());
    await p.waitForFunction(
      () => /** @type {LrLabElement} */ (document.getElementById('specwins')).result?.epochs.length === 2,
      null,
      { timeout: 60000 },
    );

    // cancel() right after a change and run() in the same task: the pending settings do not train
    await p.evaluate(() => {
      const el = /** @type {LrLabElement} */ (document.getElementById('far'));
      el.setAttribute('epochs', '4');
      el.run();
      el.cancel();
    });
    await p.waitForTimeout(1500);
    assert.equal(await doneCount(p, 'far'), 0, 'cancelled before its frame: not trained');
    assert.match(
      await p.evaluate(() => document.getElementById('far').shadowRoot.querySelector('.status').textContent),
      /Cancelled/,
    );

    // run() trains an element out of view once; scrolling to it later does not train it again
    assert.equal(await doneCount(p, 'far'), 0, 'out of view: not trained yet');
    await p.evaluate(() => /** @type {LrLabElement} */ (document.getElementById('far')).run());
    await waitDone(p, 'far');
    await p.evaluate(() => document.getElementById('far').scrollIntoView());
    await p.waitForTimeout(1500);
    assert.equal(await doneCount(p, 'far'), 1, 'trained once');
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await server.close();
  }
});
