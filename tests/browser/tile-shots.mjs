#!/usr/bin/env node
// Cuts the full-page screenshots of tests/artifacts/look/ into tiles short enough to read at full
// size (tests/artifacts/look/tiles/): a person looks at every tile (not a test).
//   node tests/browser/tile-shots.mjs [name-filter ...] [--height=<px>]
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { artifacts, CHROMIUM } from './harness.mjs';

const args = process.argv.slice(2);
const tile = Number((args.find((a) => a.startsWith('--height=')) || '').slice(9)) || 1400;
const only = args.filter((a) => !a.startsWith('--'));
const dir = path.join(artifacts, 'look');
const out = path.join(dir, 'tiles');
await mkdir(out, { recursive: true });
const files = (await readdir(dir)).filter(
  (f) => f.endsWith('.png') && (!only.length || only.some((o) => f.includes(o))),
);
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage();
  for (const f of files) {
    const b64 = (await readFile(path.join(dir, f))).toString('base64');
    await page.setContent(`<body style="margin:0"><img id="i" src="data:image/png;base64,${b64}"></body>`);
    const { w, hgt } = await page.$eval('#i', async (/** @type {HTMLImageElement} */ img) => {
      await img.decode();
      return { w: img.naturalWidth, hgt: img.naturalHeight };
    });
    await page.setViewportSize({ width: w, height: Math.min(tile, hgt) });
    for (let y = 0, n = 0; y < hgt; y += tile, n++) {
      const name = `${f.slice(0, -4)}_${String(n).padStart(2, '0')}.png`;
      await page.screenshot({
        path: path.join(out, name),
        clip: { x: 0, y, width: w, height: Math.min(tile, hgt - y) },
        fullPage: true,
      });
      console.log(name);
    }
  }
} finally {
  await browser.close();
}
