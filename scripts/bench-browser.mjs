// Page speed in headless Chromium (part of `npm run bench`, never of `npm test`): for every
// lesson, the time from navigation to the first chart with something plotted on it, and the
// Sweep lesson's 32 x 32 grid of seed-lesson trainings on the worker pool.
// Usage: node scripts/bench-browser.mjs (after npm run build)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, openPage, siteDir, skipReason } from '../tests/browser/harness.mjs';

const reason = skipReason();
if (reason) {
  console.log(`(browser bench skipped: ${reason})`);
  process.exit(0);
}
const lessons = JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8'));
const env = await launch();

// ms after navigation start when a .chart canvas first has more than 500 non-background pixels.
const FIRST_CHART = () =>
  new Promise((resolve) => {
    const plotted = (canvas) => {
      if (!canvas.width || !canvas.height) return false;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 16) if (data[i] !== 0) n++;
      return n * 4 > 500;
    };
    const check = () => {
      for (const c of document.querySelectorAll('.chart canvas')) {
        if (plotted(c)) {
          resolve(performance.now());
          return;
        }
      }
      if (performance.now() > 30000) resolve(null);
      else requestAnimationFrame(check);
    };
    check();
  });

const rows = [];
try {
  for (const lesson of lessons) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const { page } = await openPage(env, `${lesson.id}.html`);
      times.push(await page.evaluate(FIRST_CHART));
      await page.close();
    }
    const ok = times.filter((t) => t !== null).sort((a, b) => a - b);
    rows.push([lesson.id, ok.length ? ok[0] : null, ok.length ? ok[Math.floor(ok.length / 2)] : null]);
  }
  console.log('First chart after navigation (headless Chromium, 3 loads each, cold cache first):');
  for (const [id, best, median] of rows) {
    const fmt = (v) => (v === null ? 'no chart' : `${Math.round(v)} ms`);
    console.log(`  ${id.padEnd(12)} best ${fmt(best).padStart(8)}   median ${fmt(median).padStart(8)}`);
  }
  const worst = Math.max(...rows.map((r) => r[2] ?? Infinity));
  console.log(
    `  target first chart <= 1.0 s on every lesson: ${worst <= 1000 ? 'met' : 'NOT met'} (worst median ${Math.round(worst)} ms)`,
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
} finally {
  await env.close();
}
