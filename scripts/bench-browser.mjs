// Page speed in headless Chromium (part of `npm run bench`, never of `npm test`): for every
// lesson, the time from navigation to the first chart with something plotted on it, the
// Sweep lesson's 32 x 32 grid of seed-lesson trainings on the worker pool, and one seed-lesson
// training warm, as scripts/bench.mjs times it in Node.
// Usage: node scripts/bench-browser.mjs (after npm run build)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  firstChartTime,
  launch,
  openPage,
  repo,
  siteDir,
  skipReason,
  watchFirstChart,
} from '../tests/browser/harness.mjs';

const reason = skipReason();
if (reason) {
  console.log(`(browser bench skipped: ${reason})`);
  process.exit(0);
}
const lessons = JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8'));
const env = await launch();

// The first chart with data, timed from the document's start (harness.mjs).
await env.context.addInitScript(watchFirstChart);

// The lesson's first run after page load (engine-client.mjs's "lrlab:training" User Timing entry
// of channel "main"): the engine's own time on it (busyMs) and the time from request to result.
// The page sends it before its widgets mount, so it is trained on unoptimized wasm while they
// mount; the worker warms up after the mount (lesson-page.mjs, engine-warmup.mjs).
const FIRST_TRAINING = () =>
  new Promise((resolve) => {
    const check = () => {
      const first = /** @type {PerformanceMeasure[]} */ (performance.getEntriesByName('lrlab:training')).find(
        (e) => e.detail.channel === 'main',
      );
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      if (first)
        resolve({
          busy: first.detail.busyMs,
          wall: first.duration,
          at: first.startTime,
          worker: mark('lrlab:worker-start'),
          ready: mark('lrlab:engine-ready'),
        });
      else if (performance.now() > 30000) resolve(null);
      else setTimeout(check, 20);
    };
    check();
  });

// The learner's next run: 1 s after the first one is done, a slider moves a step and the run it
// starts is timed like the first (engine time), on the warmed-up engine. The lesson's sliders
// are tried in order: some only change what is shown, or the compared runs.
const NEXT_TRAINING = () =>
  new Promise((resolve) => {
    const mains = () =>
      /** @type {PerformanceMeasure[]} */ (performance.getEntriesByName('lrlab:training')).filter(
        (e) => e.detail.channel === 'main',
      );
    const sliders = /** @type {HTMLInputElement[]} */ ([
      ...document.querySelectorAll('[data-widget="controls"]:not([hidden]) input[type="range"]'),
    ]);
    const tryNext = (i) => {
      const slider = sliders[i];
      if (!slider) return resolve(null);
      const before = mains().length;
      const started = performance.now();
      if (Number(slider.value) >= Number(slider.max)) slider.stepDown();
      else slider.stepUp();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      slider.dispatchEvent(new Event('change', { bubbles: true }));
      const check = () => {
        const next = mains()[before];
        if (next) resolve(next.detail.busyMs);
        else if (performance.now() - started > 3000) tryNext(i + 1);
        else setTimeout(check, 20);
      };
      check();
    };
    setTimeout(() => tryNext(0), 1000);
  });

const median = (v) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] : null);
const fmt = (v, digits = 0) => (v === null ? '-' : `${v.toFixed(digits)} ms`);
const rows = [];
try {
  for (const lesson of lessons) {
    const charts = [];
    const trainings = [];
    for (let i = 0; i < 3; i++) {
      const { page } = await openPage(env, `${lesson.id}.html`);
      const chart = await firstChartTime(page);
      if (chart !== null) charts.push(chart);
      const training = lesson.id === 'sweep' ? null : await page.evaluate(FIRST_TRAINING);
      if (training) trainings.push({ ...training, next: await page.evaluate(NEXT_TRAINING) });
      await page.close();
    }
    rows.push({
      id: lesson.id,
      best: charts.length ? Math.min(...charts) : null,
      median: median(charts),
      busy: median(trainings.map((t) => t.busy)),
      wall: median(trainings.map((t) => t.wall)),
      at: median(trainings.map((t) => t.at)),
      worker: median(trainings.map((t) => t.worker)),
      ready: median(trainings.map((t) => t.ready)),
      next: median(trainings.map((t) => t.next).filter((t) => t !== null)),
    });
  }
  console.log(
    'First chart after navigation, and the first training after page load (engine time; request to',
  );
  console.log('result; when it was requested), headless Chromium, median of 3 loads (cold cache first);');
  console.log(
    "and the engine time of the learner's next run (a slider that retrains, moved 1 s after the first run):",
  );
  for (const r of rows) {
    console.log(
      `  ${r.id.padEnd(12)} chart best ${fmt(r.best).padStart(8)} median ${fmt(r.median).padStart(8)}` +
        `   first training ${fmt(r.busy, 1).padStart(9)}, ${fmt(r.wall, 1).padStart(9)} wall` +
        ` (worker started ${fmt(r.worker)}, ready ${fmt(r.ready)}, asked ${fmt(r.at)});` +
        ` next run ${fmt(r.next, 1)}`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.median ?? Infinity));
  console.log(
    `  target first chart <= 1.0 s on every lesson: ${worst <= 1000 ? 'met' : 'NOT met'} (worst median ${Math.round(worst)} ms)`,
  );
  const nextRuns = rows.filter((r) => r.next !== null).map((r) => r.next);
  if (nextRuns.length)
    console.log(
      `  the learner's next run: ${Math.min(...nextRuns).toFixed(1)}-${Math.max(...nextRuns).toFixed(1)} ms of engine time`,
    );
  const firstTraining = Math.max(...rows.filter((r) => r.busy !== null).map((r) => r.busy));
  console.log(
    `  target first training after page load <= 10 ms: ${firstTraining <= 10 ? 'met' : 'NOT met'} (worst median ${firstTraining.toFixed(1)} ms)`,
  );

  const { page } = await openPage(env, 'sweep.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const sweep = '[data-widget="sweep"]';
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  for (const n of ['4', '32']) {
    // 4 x 4 first: the workers load their engines and warm up.
    await page.selectOption(`${sweep} select[id$="-size"]`, n);
    await page.click(`${sweep} .sweep-run`);
    await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'done', sweep, {
      timeout: 600000,
    });
  }
  const seconds = Number(await page.$eval(sweep, (el) => el.dataset.seconds));
  const text = await page.$eval(`${sweep} .sweep-status`, (el) => el.textContent);
  console.log('');
  console.log(`Sweep 32 x 32 (lr x gamma, the seed lesson's run): ${text} [${cores} cores]`);
  console.log(`  target 32 x 32 grid <= 1 s: ${seconds <= 1 ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`);
  await page.close();

  // One seed-lesson training warm (issue 12: <= 1 ms in Node and in Chromium): engine.train()
  // of the bench's seed workload after 30 untimed runs, as bench.mjs times it, on a page's main
  // thread (the same V8 and wasm tiers as a worker). Timed 10 trainings at a time: a page that
  // is not cross-origin isolated reads performance.now() to 0.1 ms.
  const { workloads } = JSON.parse(await readFile(path.join(repo, 'wasm/bench/workloads.json'), 'utf8'));
  const seedPage = await openPage(env, 'index.html');
  const perTraining = await seedPage.page.evaluate(async (spec) => {
    const { createEngine } = await import(new URL('engine/lrlab.mjs', location.href).href);
    const engine = await createEngine();
    for (let i = 0; i < 30; i++) await engine.train(spec);
    const times = [];
    for (let round = 0; round < 31; round++) {
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) await engine.train(spec);
      times.push((performance.now() - t0) / 10);
    }
    return times;
  }, workloads[0].spec);
  await seedPage.page.close();
  const seedBest = Math.min(...perTraining);
  console.log('');
  console.log(
    `one seed-lesson training via engine.train() in Chromium (mean of 10, best and median of 31 such): ` +
      `${seedBest.toFixed(2)} ms, median ${median(perTraining).toFixed(2)} ms`,
  );
  console.log(
    `  seed-lesson training <= 1 ms warm (Chromium): ${seedBest <= 1 ? 'met' : 'NOT met'} (${seedBest.toFixed(2)} ms)`,
  );
} finally {
  await env.close();
}
