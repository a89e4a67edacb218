// ReduceLROnPlateau's mode against its metric (web/app/plateau-mode.mjs), checked against what the
// engine does with the mismatch: in mode 'max' on a loss it cuts every patience + 1 (+ cooldown)
// epochs while the loss falls, down to min_lr.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonSpec } from '../../scripts/lesson-spec.mjs';
import { plateauModeMismatch } from '../../web/app/plateau-mode.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

test('mode and metric: min with a loss and max with an accuracy agree; the others are named', () => {
  const spec = (mode, metric) => ({ scheduler: { type: 'ReduceLROnPlateau', mode }, plateau_metric: metric });
  assert.equal(plateauModeMismatch(spec('min', 'val_loss')), null);
  assert.equal(plateauModeMismatch(spec('max', 'val_accuracy')), null);
  assert.equal(
    plateauModeMismatch({ scheduler: { type: 'ReduceLROnPlateau' } }),
    null,
    'defaults: min, a loss',
  );
  assert.equal(plateauModeMismatch({ scheduler: { type: 'StepLR' }, plateau_metric: 'val_accuracy' }), null);
  assert.match(plateauModeMismatch(spec('max', 'val_loss')), /mode 'max' but is given val_loss, which falls/);
  assert.match(plateauModeMismatch(spec('min', 'train_accuracy')), /Use mode 'max' for an accuracy/);
});

for (const extra of [{}, { cooldown: 2 }]) {
  test(`the plateau lesson in mode 'max' on val_loss (${JSON.stringify(extra)}) cuts as the note says`, async () => {
    const base = await lessonSpec('plateau');
    const spec = { ...base, scheduler: { ...base.scheduler, ...extra, mode: 'max' } };
    const every = spec.scheduler.patience + 1 + (spec.scheduler.cooldown ?? 0);
    assert.match(plateauModeMismatch(spec) ?? '', new RegExp(`the LR is cut every ${every} epochs`));
    const { epochs } = await engine.train(spec);
    const cuts = epochs.flatMap((r, i) => (r.lr_after[0] < r.lr[0] ? [i] : []));
    assert.ok(cuts.length >= 3, `cuts at ${cuts}`);
    // epoch 0 sets the best (any first value does); from then on every epoch is a bad one, so the
    // first cut comes at epoch patience + 1 and the next ones every patience + 1 + cooldown epochs
    const gaps = cuts.slice(1).map((c, i) => c - cuts[i]);
    assert.equal(cuts[0], spec.scheduler.patience + 1);
    for (const g of gaps) assert.equal(g, every, `gaps ${gaps}`);
  });
}

test("min_lr: the note says the cuts stop there, and the engine's do", async () => {
  const base = await lessonSpec('plateau');
  const spec = { ...base, scheduler: { ...base.scheduler, mode: 'max', min_lr: 0.05 } };
  assert.match(plateauModeMismatch(spec) ?? '', /until it reaches min_lr 0\.05\./);
  const { epochs } = await engine.train(spec);
  assert.equal(epochs.at(-1).lr_after[0], 0.05);
});
