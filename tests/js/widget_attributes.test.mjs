// <lr-lab> attribute parsing (web/widget/attributes.mjs) and the embed snippets' attribute form
// (web/widget/embed-snippet.mjs), under Node: names, ranges and refusals come from the field table.
// Imported as built into dist/ (the site's modules read files the build generates there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTrainSpec } from '../../dist/app/run-spec.mjs';
import { OBSERVED_ATTRIBUTES, parseSpec, readAttributes } from '../../dist/widget/attributes.mjs';
import { embedAttributes, embedUrl } from '../../dist/widget/embed-snippet.mjs';

const read = (attrs) => readAttributes((name) => (name in attrs ? attrs[name] : null));
const specOf = (attrs) => buildTrainSpec(read(attrs).values, { scheduler: '$scheduler' });

test('scheduler kwargs under PyTorch names, lower-cased as HTML stores them', () => {
  assert.ok(OBSERVED_ATTRIBUTES.includes('t_max') && OBSERVED_ATTRIBUTES.includes('step_size'));
  assert.deepEqual(specOf({ scheduler: 'CosineAnnealingLR', t_max: '8' }).scheduler, {
    type: 'CosineAnnealingLR',
    T_max: 8,
    eta_min: 0,
  });
  assert.deepEqual(specOf({ scheduler: 'MultiStepLR', milestones: '3,6', gamma: '0.5' }).scheduler, {
    type: 'MultiStepLR',
    milestones: [3, 6],
    gamma: 0.5,
  });
  const s = specOf({
    scheduler: 'none',
    lr: '0.05',
    'batch-size': '8',
    dataset: 'iris',
    seed: '7',
    epochs: '3',
  });
  assert.equal(s.scheduler, null);
  assert.deepEqual(
    [s.optimizer.lr, s.batch_size, s.data.dataset, s.data.seed, s.model.seed, s.shuffle_seed, s.epochs],
    [0.05, 8, 'iris', 7, 7, 7, 3],
  );
  assert.deepEqual(s.model.sizes, [4, 10, 3]);
});

test('a refused attribute names itself and what it accepts', () => {
  /** @type {Array<[Record<string, string>, RegExp]>} */
  const cases = [
    [{ lr: 'abc' }, /^lr: must be a number from 0.00001 to 10, got "abc"$/],
    [{ lr: '1e308' }, /^lr: /],
    [{ lr: 'NaN' }, /^lr: /],
    [{ epochs: '0' }, /^epochs: must be an integer from 1 to/],
    [{ scheduler: 'EvilLR' }, /^scheduler: must be one of none, StepLR/],
    [{ scheduler: 'custom' }, /^scheduler: must be one of none, StepLR, .*, ChainedScheduler, got "custom"$/],
    // a learner's CSV is a course page's: an element gives its rows in the spec attribute
    [{ dataset: 'csv' }, /^dataset: must be one of synthetic, iris, wine, breast_cancer, digits, got "csv"$/],
    [
      { scheduler: 'StepLR', t_max: '3' },
      /^t_max: StepLR takes no argument t_max \(it takes step_size, gamma\)$/,
    ],
    [{ scheduler: 'none', gamma: '0.5' }, /^gamma: is a scheduler argument, but scheduler is none$/],
    [{ panels: 'lr <img src=x onerror=alert(1)>' }, /^panels: "<img" is not one of lr, loss/],
    [{ theme: 'javascript:alert(1)' }, /^theme: must be one of light, dark, auto/],
    [{ controls: 'gamma __proto__' }, /^controls: "__proto__" is not one of/],
    [{ dataset: 'x'.repeat(1_000_000) }, /^dataset: must be one of .*, got "x{40}…"$/],
  ];
  for (const [attrs, re] of cases) {
    assert.throws(
      () => read(attrs),
      (/** @type {Error & {path?: string}} */ err) =>
        re.test(err.message) && err.path === err.message.split(':')[0],
      JSON.stringify(attrs).slice(0, 60),
    );
  }
});

test('spec: a JSON object of bounded size', () => {
  assert.deepEqual(parseSpec('{"a":1}'), { a: 1 });
  assert.throws(() => parseSpec('[1]'), /spec: must be a JSON object/);
  assert.throws(() => parseSpec('{'), /spec: not valid JSON/);
  assert.throws(() => parseSpec(' '.repeat(100_001)), /spec: longer than 100000 characters/);
  assert.throws(() => parseSpec('{"a":{"__proto__":{"x":1}}}'), /spec\.a\.__proto__: not a run-spec field/);
  assert.throws(() => parseSpec('['.repeat(65) + ']'.repeat(65)), /must be a JSON object/);
  assert.throws(() => parseSpec(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`), /nested deeper than 64 levels/);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => parseSpec(cyclic), /nested deeper than 64 levels/);
  assert.throws(() => parseSpec({ note: 'x'.repeat(100_001) }), /longer than 100000 characters as JSON/);
});

test('embed snippets: attributes when they say the run exactly, else the spec', () => {
  const values = read({}).values;
  const attrs = embedAttributes({ ...values, 'StepLR.step_size': 3 });
  assert.deepEqual(attrs.slice(0, 3), [
    ['scheduler', 'StepLR'],
    ['step_size', '3'],
    ['gamma', '0.1'],
  ]);
  const back = Object.fromEntries(attrs.map(([k, v]) => [k.toLowerCase(), v]));
  assert.deepEqual(
    specOf(back),
    buildTrainSpec({ ...values, 'StepLR.step_size': 3 }, { scheduler: '$scheduler' }),
  );
  const odd = embedAttributes({ ...values, hidden: [20, 20] });
  assert.equal(odd[0][0], 'spec');
  assert.deepEqual(JSON.parse(odd[0][1]).model.sizes, [10, 20, 20, 2]);
  assert.equal(
    embedUrl([['spec', '{"a":"<&>"}']], 'https://x.test/lab/'),
    'https://x.test/lab/embed.html?spec=%7B%22a%22%3A%22%3C%26%3E%22%7D',
  );
});
