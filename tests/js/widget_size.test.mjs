// The <lr-lab> first load (module, worker, engine JS and wasm; gzip) as scripts/build-widget.mjs
// measures it after `npm run build`: the widget's own files within their share of the budget,
// and no KaTeX in them.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { firstLoad, WIDGET_OWN_GZIP } from '../../scripts/build-widget.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

test('the widget module and worker stay within their share of the 200 KB first load', async () => {
  const rows = await firstLoad(dist);
  const own = rows.filter(([f]) => f.startsWith('widget/')).reduce((s, r) => s + r[2], 0);
  const total = rows.reduce((s, r) => s + r[2], 0);
  console.log(
    `# widget first load ${(total / 1024).toFixed(1)} KB gzip, of which the widget's own ${(own / 1024).toFixed(1)} KB`,
  );
  assert.ok(own <= WIDGET_OWN_GZIP, `lr-lab.mjs + engine-worker.mjs: ${own} bytes gzip`);
  const bundle = await readFile(path.join(dist, 'widget/lr-lab.mjs'), 'utf8');
  assert.ok(!/katex/i.test(bundle), 'no KaTeX in the widget');
  assert.ok(bundle.includes('customElements.define("lr-lab"'), 'the bundle defines <lr-lab>');
});
