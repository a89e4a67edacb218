// The download budgets, measured on the built dist/ files as scripts/size-budget.mjs (and
// `npm run build`) prints them: the engine core (JS API + glue + wasm) within 120 KB gzip and
// the widget's first load within 200 KB gzip. Sizes are deterministic for a given build.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CORE_BUDGET_GZIP,
  CORE_FILES,
  gzipTotal,
  report,
  sizes,
  WIDGET_BUDGET_GZIP,
  WIDGET_FILES,
} from '../../scripts/size-budget.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

test('the engine core (lrlab.mjs + lrlab_core.mjs + lrlab_core.wasm) is within 120 KB gzip', async () => {
  const rows = await sizes(dist, CORE_FILES);
  console.log(`# ${report('core', rows, CORE_BUDGET_GZIP)}`);
  assert.ok(gzipTotal(rows) <= CORE_BUDGET_GZIP, report('core', rows, CORE_BUDGET_GZIP));
});

test("the widget's first load (element, worker, core) is within 200 KB gzip", async () => {
  const rows = await sizes(dist, WIDGET_FILES);
  console.log(`# ${report('widget first load', rows, WIDGET_BUDGET_GZIP)}`);
  assert.ok(gzipTotal(rows) <= WIDGET_BUDGET_GZIP, report('widget first load', rows, WIDGET_BUDGET_GZIP));
});

test('the shipped JS is minified, with a source map for the API', async () => {
  const api = await readFile(path.join(dist, 'engine/lrlab.mjs'), 'utf8');
  assert.ok(api.split('\n').length < 40, 'lrlab.mjs is minified');
  assert.match(api, /\/\/# sourceMappingURL=lrlab\.mjs\.map\s*$/);
  const map = JSON.parse(await readFile(path.join(dist, 'engine/lrlab.mjs.map'), 'utf8'));
  assert.ok(map.sources.some((s) => s.endsWith('wasm/js/lrlab.mjs')), map.sources.join());
  assert.equal(map.sourcesContent.length, map.sources.length, 'the map carries the source');
});
