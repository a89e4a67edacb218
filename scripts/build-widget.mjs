#!/usr/bin/env node
// Bundles the <lr-lab> element (web/widget/) into dist/widget/ after build-site.mjs:
//   lr-lab.mjs         the element, the course's charts and panels, uPlot and the styles (one module)
//   engine-worker.mjs  the engine worker; imports ../engine/lrlab.mjs, which finds its wasm itself
// and prints the widget's first load (gzip), which must stay within the budget.
//   node scripts/build-widget.mjs [--out dist]
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = path.resolve(repo, outArg >= 0 ? args[outArg + 1] : 'dist');
export const BUDGET_GZIP = 200 * 1024;

// The course's modules import uPlot from the site's vendor copy and the engine from dist/engine/:
// bundle uPlot from node_modules, keep the engine a separate file next to its wasm.
const resolvePlugin = {
  name: 'lrlab-paths',
  setup(b) {
    b.onResolve({ filter: /\/vendor\/uplot\/uPlot\.esm\.js$/ }, () => ({
      path: path.join(repo, 'node_modules/uplot/dist/uPlot.esm.js'),
    }));
    b.onResolve({ filter: /\/engine\/lrlab\.mjs$/ }, () => ({ path: '../engine/lrlab.mjs', external: true }));
    b.onResolve({ filter: /katex/ }, (a) => ({
      errors: [{ text: `the widget must never load KaTeX (imported by ${a.importer})` }],
    }));
  },
};

/** Bytes of the widget's first load: [file, raw, gzip] (gzip level 9, as a server would send). */
export async function firstLoad(dir) {
  const files = [
    'widget/lr-lab.mjs',
    'widget/engine-worker.mjs',
    'engine/lrlab.mjs',
    'engine/lrlab_core.mjs',
    'engine/lrlab_core.wasm',
  ];
  const rows = [];
  for (const f of files) {
    const bytes = await readFile(path.join(dir, f));
    rows.push([f, bytes.length, gzipSync(bytes, { level: 9 }).length]);
  }
  return rows;
}

async function main() {
  await rm(path.join(out, 'widget'), { recursive: true, force: true });
  const common = {
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'eof',
    plugins: [resolvePlugin],
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: [path.join(repo, 'web/widget/lr-lab.mjs')],
    outfile: path.join(out, 'widget/lr-lab.mjs'),
    loader: { '.css': 'text' },
  });
  await build({
    ...common,
    entryPoints: [path.join(repo, 'web/app/engine-worker.mjs')],
    outfile: path.join(out, 'widget/engine-worker.mjs'),
  });
  const rows = await firstLoad(out);
  const total = rows.reduce((s, r) => s + r[2], 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `build-widget: first load ${kb(total)} gzip (budget ${kb(BUDGET_GZIP)}): ` +
      rows.map(([f, , gz]) => `${path.basename(f)} ${kb(gz)}`).join(', '),
  );
  if (total > BUDGET_GZIP) console.warn('build-widget: warning: over the widget budget');
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(`build-widget: ${err.message}`);
    process.exit(1);
  });
