// The seed lesson's claim, on the engine's own numbers: with lesson 1's default settings (the spec
// the page builds, scripts/lesson-spec.mjs) training goes from a first-epoch loss near 0.65 and a
// test accuracy near 0.6 to loss <= 0.30 and accuracy >= 0.85, and StepLR finishes ahead of the
// constant-LR baseline on test loss and test accuracy. scripts/seed_lesson.py replays both runs in
// PyTorch with the same data, weights and batch order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonSpec } from '../../scripts/lesson-spec.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

test('seed lesson defaults: the run tells the seed story and StepLR beats the constant LR', async () => {
  const spec = await lessonSpec('pipeline');
  assert.deepEqual(spec.model.sizes, [10, 10, 2]);
  assert.deepEqual(spec.scheduler, { type: 'StepLR', step_size: 5, gamma: 0.5 });
  assert.equal(spec.optimizer.type, 'SGD');
  assert.equal(spec.optimizer.lr, 0.1);
  assert.equal(spec.epochs, 10);
  const stepped = await engine.train(spec);
  const constant = await engine.train(await lessonSpec('pipeline', { constant: true }));
  const first = stepped.epochs[0];
  const last = stepped.epochs.at(-1);
  const base = constant.epochs.at(-1);
  assert.ok(Math.abs(first.train_loss - 0.65) <= 0.06, `first-epoch loss ${first.train_loss}`);
  assert.ok(Math.abs(first.val_accuracy - 0.6) <= 0.08, `first-epoch test accuracy ${first.val_accuracy}`);
  assert.ok(last.train_loss <= 0.3, `final training loss ${last.train_loss}`);
  assert.ok(last.val_accuracy >= 0.85, `final test accuracy ${last.val_accuracy}`);
  assert.ok(last.val_loss < base.val_loss, `test loss: StepLR ${last.val_loss}, constant ${base.val_loss}`);
  assert.ok(
    last.val_accuracy > base.val_accuracy,
    `test accuracy: StepLR ${last.val_accuracy}, constant ${base.val_accuracy}`,
  );
  // Same data, weights and batch order: the runs agree exactly until the first cut.
  const metrics = (r) => [r.train_loss, r.val_loss, r.val_accuracy, r.lr[0]];
  assert.deepEqual(stepped.epochs.slice(0, 5).map(metrics), constant.epochs.slice(0, 5).map(metrics));
});
