// The LR range test's maths (web/app/range-test.mjs) under Node, on a real engine run of the
// playground's defaults: the plan, the smoothing, and a suggestion the OneCycleLR max_lr field
// accepts, that field's range being the engine's declaration of max_lr.
// Imported as built into dist/ (the site's modules read files the build generates there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIELDS } from '../../dist/app/fields.mjs';
import {
  acceptedMaxLr,
  END_LR,
  MAX_LR,
  rangeTestCurve,
  rangeTestPlan,
  START_LR,
} from '../../dist/app/range-test.mjs';
import { lessonSpec } from '../../scripts/lesson-spec.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

test('the max_lr field accepts exactly the range the engine declares', () => {
  const decl = engine
    .describe()
    .schedulers.find((s) => s.type === 'OneCycleLR')
    ?.params.find((p) => p.name === 'max_lr');
  assert.ok(decl);
  assert.equal(MAX_LR, FIELDS['OneCycleLR.max_lr']);
  assert.equal(MAX_LR.min, decl.min);
  assert.equal(MAX_LR.max, decl.max);
  assert.equal(MAX_LR.parse(String(decl.max)), decl.max);
  assert.equal(MAX_LR.parse(String(decl.max * 2)), undefined);
  // what the field refuses, the engine refuses too
  assert.throws(() => engine.schedule({ type: 'OneCycleLR', max_lr: -1, total_steps: 10 }), /max_lr/);
});

test('acceptedMaxLr: two significant digits, clamped into the field', () => {
  assert.equal(acceptedMaxLr(0.31622776601683794), 0.32);
  assert.equal(acceptedMaxLr(1e-9), 1e-9);
  assert.equal(acceptedMaxLr(5e9), MAX_LR.max);
  for (const lr of [1e-9, 0.0123456, 3.3, 5e9])
    assert.notEqual(MAX_LR.parse(String(acceptedMaxLr(lr))), undefined);
});

test('plan: at least 100 batches in whole epochs, LR from START_LR to END_LR', () => {
  assert.deepEqual(rangeTestPlan(25).epochs, 4);
  assert.deepEqual(rangeTestPlan(150).epochs, 1);
  assert.deepEqual(rangeTestPlan(30).epochs, 4);
  const { gamma } = rangeTestPlan(25);
  assert.ok(Math.abs(START_LR * gamma ** 99 - END_LR) < 1e-9);
});

test('curve: bias-corrected EMA, a noisy first batch is not the minimum, explosion cut off', () => {
  const lrs = Array.from({ length: 40 }, (_, i) => 10 ** (i / 10 - 3));
  // flat (with a low first batch), then falling from i = 20, exploding from i = 32
  const losses = lrs.map((_, i) => (i === 0 ? 0.1 : i < 20 ? 1 : i < 32 ? 1 - 0.05 * (i - 20) : 50));
  const c = rangeTestCurve(lrs, losses);
  let avg = 0;
  for (let i = 0; i < 5; i++) {
    avg = 0.98 * avg + 0.02 * losses[i];
    assert.ok(Math.abs(c.smooth[i] - avg / (1 - 0.98 ** (i + 1))) < 1e-15);
  }
  assert.ok(c.smooth.length < 40, 'stops once the loss exploded');
  assert.ok(c.minLr > lrs[20], `minimum at lr ${c.minLr}`);
  assert.equal(c.suggestion, acceptedMaxLr(c.minLr / 10));
});

test('on the engine: the playground defaults give a suggestion where the loss fell', async () => {
  const base = await lessonSpec('playground');
  const { epochs, gamma } = rangeTestPlan(25);
  const spec = {
    ...base,
    epochs,
    optimizer: { ...base.optimizer, lr: START_LR },
    scheduler: { type: 'ExponentialLR', gamma },
    scheduler_step: 'batch',
  };
  const run = await engine.train(spec);
  const lrs = run.epochs.flatMap((e) => e.lr_steps[0]);
  const losses = run.epochs.flatMap((e) => e.batch_loss);
  assert.equal(losses.length, 100);
  const c = rangeTestCurve(lrs, losses);
  assert.ok(Math.min(...c.smooth) < c.smooth[10] - 0.05, 'the smoothed loss fell');
  assert.ok(c.suggestion >= 0.01 && c.suggestion <= 1, `suggestion ${c.suggestion}`);
  assert.notEqual(MAX_LR.parse(String(c.suggestion)), undefined);
});
