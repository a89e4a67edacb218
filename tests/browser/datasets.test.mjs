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
  // Requests are watched on the context from before navigation: the engine worker starts from
  // <head> and may ask for the data set before openPage() returns.
  const watch = () => {
    const urls = [];
    const onRequest = (r) => {
      if (r.url().includes('/engine/data/')) urls.push(new URL(r.url()).pathname);
    };
    env.context.on('request', onRequest);
    return { urls, stop: () => env.context.off('request', onRequest) };
  };
  const fetched = watch();
  const { page, problems } = await openPage(env, 'playground.html?dataset=iris');
  assert.equal(await waitForRun(page), 'done');
  assert.ok((await tableRows(page)).length > 0);
  fetched.stop();
  assert.deepEqual(fetched.urls, ['/engine/data/iris.bin']);
  assert.deepEqual(problems, []);
  await page.close();

  const none = watch();
  const synthetic = await openPage(env, 'playground.html?dataset=synthetic');
  assert.equal(await waitForRun(synthetic.page), 'done');
  none.stop();
  assert.deepEqual(none.urls, []);
  assert.deepEqual(synthetic.problems, []);
  await synthetic.page.close();
});
