#!/usr/bin/env node
import { mkdir, readFile } from 'node:fs/promises';
// Screenshots of every lesson for a human to look at (not a test): each lesson at 1100 px and
// 360 px wide, light and dark, after its run has finished, into tests/artifacts/look/.
//   node tests/browser/screenshots.mjs [lesson-id ...] [--mode=<mode>]
import path from 'node:path';
import { artifacts, launch, openPage, siteDir, waitForRun } from './harness.mjs';

const args = process.argv.slice(2);
const mode = (args.find((a) => a.startsWith('--mode=')) || '').slice(7);
const only = args.filter((a) => !a.startsWith('--'));
const lessons = JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8')).filter(
  (l) => !only.length || only.includes(l.id),
);
const out = path.join(artifacts, 'look');
await mkdir(out, { recursive: true });
const env = await launch();
try {
  for (const lesson of lessons) {
    for (const width of [1100, 360]) {
      for (const colorScheme of ['light', 'dark']) {
        const { page, problems } = await openPage(env, `${lesson.id}.html${mode ? `?mode=${mode}` : ''}`, {
          width,
          height: 900,
          colorScheme,
        });
        await page.waitForFunction(() => document.body.dataset.ready === 'true');
        if (await page.$('[data-widget="run-bar"]'))
          await waitForRun(page, { timeout: 120000 }).catch(() => {});
        await page.waitForTimeout(1500);
        const name = `${lesson.order}-${lesson.id}${mode ? `-${mode}` : ''}-${width}-${colorScheme}.png`;
        await page.screenshot({ path: path.join(out, name), fullPage: true });
        console.log(name, problems.length ? problems : '');
        await page.close();
      }
    }
  }
} finally {
  await env.close();
}
