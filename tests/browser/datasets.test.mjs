// The site's worker loads a bundled data set on demand (dist/engine/data/<name>.bin) the
// first time a run names it, and only then.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage, skipReason, tableRows, waitForRun } from './harness.mjs';

const skip = skipReason() ?? false;
let env;
before(async () => {
  if (!skip) env = await launch();
});
after(async () => env?.close());

test('playground on iris fetches iris.bin once and trains; synthetic fetches no data set', {
  skip,
}, async () => {
  const { page, problems } = await openPage(env, 'playground.html?dataset=iris');
  const fetched = [];
  page.on('request', (r) => {
    if (r.url().includes('/engine/data/')) fetched.push(new URL(r.url()).pathname);
  });
  assert.equal(await waitForRun(page), 'done');
  assert.ok((await tableRows(page)).length > 0);
  assert.deepEqual(fetched, ['/engine/data/iris.bin']);
  assert.deepEqual(problems, []);
  await page.close();

  const synthetic = await openPage(env, 'playground.html?dataset=synthetic');
  const none = [];
  synthetic.page.on('request', (r) => r.url().includes('/engine/data/') && none.push(r.url()));
  assert.equal(await waitForRun(synthetic.page), 'done');
  assert.deepEqual(none, []);
  assert.deepEqual(synthetic.problems, []);
  await synthetic.page.close();
});
