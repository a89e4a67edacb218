// The <lr-lab> bundle carries only the engine facts the element reads (scripts/build-widget.mjs
// ELEMENT_FACTS). What the element builds from them -- the scheduler catalog, the field table, the
// "stepped per batch" and "needs a metric" tests -- must be what the whole of
// dist/engine/schedulers.json gives: a fact read but not bundled would silently read undefined.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { elementFacts } from '../../scripts/build-widget.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(repo, 'dist');

// Everything the element derives from the facts, as JSON (the fields' parse/format drop out; they
// read the same field objects).
const ENTRY = `
import { SCHEDULERS } from './web/app/scheduler-catalog.mjs';
import { FIELDS } from './web/app/fields.mjs';
import { ENGINE_SCHEDULER_TYPES, needsMetric, stepsPerBatch } from './web/app/engine-facts.mjs';
const specs = ENGINE_SCHEDULER_TYPES.map((type) => ({ type }));
specs.push({ type: 'SequentialLR', schedulers: specs.slice() });
export default JSON.stringify({
  SCHEDULERS: SCHEDULERS.map(({ description, build, ...s }) => ({ ...s, build: String(build) })),
  FIELDS,
  ENGINE_SCHEDULER_TYPES,
  metric: specs.map(needsMetric),
  batch: specs.map(stepsPerBatch),
});
`;

/** The derived values, bundled with `plugins` for the facts. */
async function derived(plugins) {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: repo, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    plugins,
    logLevel: 'silent',
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`;
  return JSON.parse((await import(url)).default);
}

const wholeFile = {
  name: 'whole-facts',
  setup(b) {
    b.onResolve({ filter: /\/engine\/schedulers\.json$/ }, () => ({
      path: path.join(dist, 'engine/schedulers.json'),
    }));
  },
};

test("the element's trimmed engine facts give the same catalog, fields and scheduler tests", async () => {
  const trimmed = await derived([elementFacts(dist)]);
  const whole = await derived([wholeFile]);
  assert.ok(whole.SCHEDULERS.length >= 15 && Object.keys(whole.FIELDS).length > 50);
  assert.ok(whole.metric.includes(true) && whole.batch.includes(true));
  assert.deepEqual(trimmed, whole);
});
