#!/usr/bin/env node
// The two download budgets, measured on the built files (gzip -9, as a server would send them):
//   core   the engine as a library: lrlab.mjs (JS API) + lrlab_core.mjs (glue) + lrlab_core.wasm,
//          <= 120 KB (issue 9)
//   widget the <lr-lab> first load: the element module and the chunks it imports (charts and
//          styles inside), the engine worker and the core, <= 200 KB (issue 10)
// Sizes are deterministic, so tests/js/size_budget.test.mjs holds the build to them.
//   node scripts/size-budget.mjs [dist]     prints both against their budgets
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const KB = 1024;
export const CORE_BUDGET_GZIP = 120 * KB;
export const WIDGET_BUDGET_GZIP = 200 * KB;
// Until the core meets its budget: its size measured when this line last changed (136.6 KB,
// after the loss's exp and log became the engine's own, +0.9 KB for bit-identical builds and a
// 4.6 % faster seed lesson, and ReduceLROnPlateau's decision record, AdamW's first-tensor raise
// and unchecked group values, +0.7 KB, all to match torch), plus 2 KB. The tests hold every
// build to it (a build that grows fails) and report the budget as TODO while over it. Lower it as
// the core shrinks; remove it once within budget. (The widget's first load is within its
// budget: its test holds it there.)
export const CORE_CEILING_GZIP = 138.6 * KB;
export const CORE_FILES = ['engine/lrlab.mjs', 'engine/lrlab_core.mjs', 'engine/lrlab_core.wasm'];
// The element's modules a page loads before any <lr-lab> can run: widget/lr-lab.mjs and the chunks
// it imports statically, named by their content hash. scripts/build-widget.mjs lists them in this
// file from esbuild's metafile; the chunks loaded on demand (the controls panel) are not among
// them. tests/browser/widget.test.mjs checks a page with one default <lr-lab> requests exactly
// widgetFiles().
export const WIDGET_MODULES_FILE = 'widget/first-load.json';

/**
 * The widget's first load: the element's modules, the engine worker and the core.
 * @param {string} dir the built site (dist/)
 * @returns {Promise<string[]>} paths under `dir`
 */
export async function widgetFiles(dir) {
  const { modules } = JSON.parse(await readFile(path.join(dir, WIDGET_MODULES_FILE), 'utf8'));
  return [...modules, 'widget/engine-worker.mjs', ...CORE_FILES];
}

/**
 * [file, raw bytes, gzip bytes] for each of `files` under `dir`.
 * @param {string} dir
 * @param {string[]} files
 * @returns {Promise<Array<[string, number, number]>>}
 */
export async function sizes(dir, files) {
  /** @type {Array<[string, number, number]>} */
  const rows = [];
  for (const f of files) {
    const bytes = await readFile(path.join(dir, f));
    rows.push([f, bytes.length, gzipSync(bytes, { level: 9 }).length]);
  }
  return rows;
}

export const gzipTotal = (rows) => rows.reduce((s, r) => s + r[2], 0);
export const kb = (n) => `${(n / KB).toFixed(1)} KB`;

/** One line: the total against the budget, then each file. */
export function report(name, rows, budget) {
  const total = gzipTotal(rows);
  const files = rows.map(([f, , gz]) => `${path.basename(f)} ${kb(gz)}`).join(', ');
  return `${name} ${kb(total)} gzip (budget ${kb(budget)}${total > budget ? ', OVER' : ''}): ${files}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(repo, process.argv[2] ?? 'dist');
  console.log(`size: ${report('core', await sizes(dir, CORE_FILES), CORE_BUDGET_GZIP)}`);
  console.log(
    `size: ${report('widget first load', await sizes(dir, await widgetFiles(dir)), WIDGET_BUDGET_GZIP)}`,
  );
}
