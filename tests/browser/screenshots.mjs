#!/usr/bin/env node
import { mkdir, readFile } from 'node:fs/promises';
// Screenshots of every lesson for a human to look at (not a test): each lesson in every mode it
// offers, at 1280 px and 360 px wide (light; Story also dark), after its run has finished, into
// tests/artifacts/look/.
//   node tests/browser/screenshots.mjs [lesson-id ...] [--mode=<mode>] [--width=<px>]
import path from 'node:path';
import { artifacts, launch, openPage, siteDir, waitForRun } from './harness.mjs';

const args = process.argv.slice(2);
const modeArg = (args.find((a) => a.startsWith('--mode=')) || '').slice(7);
const widthArg = Number((args.find((a) => a.startsWith('--width=')) || '').slice(8)) || 0;
const only = args.filter((a) => !a.startsWith('--'));
const lessons = JSON.parse(await readFile(path.join(siteDir, 'lessons.json'), 'utf8')).filter(
  (l) => !only.length || only.includes(l.id),
);
const out = path.join(artifacts, 'look');
await mkdir(out, { recursive: true });
const env = await launch();
try {
  for (const lesson of lessons) {
    const data = JSON.parse(
      await readFile(path.join(siteDir, `${lesson.id}.html`), 'utf8').then((html) =>
        html.slice(
          html.indexOf('>', html.indexOf('id="lesson-data"')) + 1,
          html.indexOf('</script>', html.indexOf('id="lesson-data"')),
        ),
      ),
    );
    const modes = modeArg ? [modeArg] : ['story', ...data.modes];
    for (const mode of modes) {
      for (const width of widthArg ? [widthArg] : [1280, 360]) {
        for (const colorScheme of mode === 'story' ? ['light', 'dark'] : ['light']) {
          const { page, problems } = await openPage(env, `${lesson.id}.html?mode=${mode}`, {
            width,
            height: 900,
            colorScheme,
          });
          await page.waitForFunction(() => document.body.dataset.ready === 'true');
          if (await page.$('[data-widget="run-bar"]'))
            await waitForRun(page, { timeout: 120000 }).catch(() => {});
          await page.waitForTimeout(1500);
          const name = `${lesson.order}-${lesson.id}-${mode}-${width}-${colorScheme}.png`;
          await page.screenshot({ path: path.join(out, name), fullPage: true });
          console.log(name, problems.length ? problems : '');
          await page.close();
        }
      }
    }
  }
} finally {
  await env.close();
}
