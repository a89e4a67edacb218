#!/usr/bin/env node
// Contact sheets of the screenshots in tests/artifacts/look/ (not a test): one image per lesson and
// width, every mode side by side, scaled down, to spot empty charts and layout breaks at a glance
// before reading the full-size tiles (tile-shots.mjs).
//   node tests/browser/contact-sheet.mjs [--width=1280|360]
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { artifacts, CHROMIUM } from './harness.mjs';

const width = (process.argv.find((a) => a.startsWith('--width=')) || '--width=1280').slice(8);
const dir = path.join(artifacts, 'look');
const files = (await readdir(dir)).filter((f) => f.endsWith(`-${width}-light.png`));
const lessons = [...new Set(files.map((f) => f.split('-').slice(0, 2).join('-')))];
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage({ viewport: { width: 1900, height: 1000 } });
  for (const lesson of lessons) {
    const mine = files.filter((f) => f.startsWith(`${lesson}-`));
    const imgs = await Promise.all(
      mine.map(async (f) => {
        const b64 = (await readFile(path.join(dir, f))).toString('base64');
        return `<figure style="margin:0 4px;width:${Math.floor(1880 / mine.length) - 8}px"><figcaption style="font:12px sans-serif">${f.split('-')[2]}</figcaption><img style="width:100%" src="data:image/png;base64,${b64}"></figure>`;
      }),
    );
    await page.setContent(
      `<body style="margin:0;display:flex;align-items:flex-start">${imgs.join('')}</body>`,
    );
    await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
    const name = `sheet-${lesson}-${width}.png`;
    await page.screenshot({ path: path.join(dir, 'tiles', name), fullPage: true });
    console.log(name);
  }
} finally {
  await browser.close();
}
