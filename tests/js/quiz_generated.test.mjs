// The quiz questions generated from the learner's run (web/app/quiz-generated.mjs), on real
// engine runs: the key is what the run's records hold, and no choice stands out by notation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonSpec } from '../../scripts/lesson-spec.mjs';
import { fmtLr } from '../../web/app/number-format.mjs';
import { GENERATED } from '../../web/app/quiz-generated.mjs';
import { withTestMetrics } from '../../web/app/training-run.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();
const runOf = async (spec) => ({
  status: 'done',
  records: (await engine.train(spec)).epochs.map(withTestMetrics),
});

test("final LR: the key is the last epoch's LR, every choice in the answer's notation", async () => {
  // the warm-up lesson ends at 0.000508928, whose tenth (5.089e-5) fmtLr writes in e-notation
  for (const id of ['warmup', 'zoo', 'pipeline']) {
    const run = await runOf(await lessonSpec(id));
    const q = GENERATED.final_lr(run);
    const last = run.records.at(-1).lr[0];
    assert.equal(Number(q.choices[q.answer]), Number(last.toPrecision(6)), id);
    assert.equal(new Set(q.choices).size, 4, `${id}: four different choices ${q.choices}`);
    const exp = q.choices.map((c) => c.includes('e'));
    assert.ok(
      exp.every((e) => e === exp[q.answer]),
      `${id}: one notation ${q.choices}`,
    );
  }
});

test('final LR of a run stepped per batch: asks for the LR the last epoch started with, and says where it ended', async () => {
  // the warm-up lesson's OneCycleLR: the tester read 0.00370539 in one place and 2e-6 in another
  const base = await lessonSpec('warmup');
  const session = engine.trainSession(base);
  const stepsPerEpoch = Math.ceil(session.data.n_train / base.batch_size);
  session.delete();
  const spec = {
    ...base,
    scheduler: { type: 'OneCycleLR', max_lr: 0.5, epochs: base.epochs, steps_per_epoch: stepsPerEpoch },
    scheduler_step: 'batch',
  };
  const run = await runOf(spec);
  const last = run.records.at(-1);
  const end = last.lr_steps[0].at(-1);
  assert.notEqual(end, last.lr[0]);
  const q = GENERATED.final_lr(run);
  assert.match(q.question, /which learning rate did the final epoch \(epoch \d+\) start with\?/);
  assert.equal(Number(q.choices[q.answer]), Number(last.lr[0].toPrecision(6)));
  assert.match(q.explain, /the LR of the epoch's first batch/);
  assert.ok(q.explain.includes(`reached ${fmtLr(end)} by the epoch's last step`), q.explain);
  // stepped per epoch, one LR per epoch: the question stays "use"
  const pipeline = GENERATED.final_lr(await runOf(await lessonSpec('pipeline')));
  assert.match(pipeline.question, /did the final epoch \(epoch \d+\) use\?/);
});

test('first LR drop and best epoch: the keys are what the records show', async () => {
  const run = await runOf(await lessonSpec('pipeline'));
  const drop = GENERATED.first_lr_drop(run);
  const cut = run.records.findIndex((r, i) => i > 0 && r.lr[0] < run.records[i - 1].lr[0]);
  assert.equal(drop.choices[drop.answer], String(cut));
  const best = GENERATED.best_val_epoch(run);
  const accs = run.records.map((r) => r.test_accuracy);
  assert.equal(best.choices[best.answer], String(accs.indexOf(Math.max(...accs))));
});

test('first LR drop after a per-batch rise: the explanation quotes the batches, not the table', async () => {
  // OneCycleLR peaks at the last batch of an epoch (pct_start 0.3 of 20 x 25 batches): the first
  // drop is at batch 0 of the next epoch, while the table shows that epoch's first-batch LR
  const spec = {
    ...(await lessonSpec('steplr')),
    epochs: 20,
    scheduler: { type: 'OneCycleLR', max_lr: 0.5, epochs: 20, steps_per_epoch: 25 },
    scheduler_step: 'batch',
  };
  const run = await runOf(spec);
  const all = run.records.flatMap((r, e) => r.lr_steps[0].map((lr, b) => ({ lr, e, b })));
  const k = all.findIndex((s, i) => i > 0 && s.lr < all[i - 1].lr);
  assert.deepEqual([all[k].e, all[k].b], [6, 0], 'the peak ends epoch 5');
  assert.notEqual(run.records[5].lr[0], all[k - 1].lr, "epoch 5's table LR is not the peak");
  const q = GENERATED.first_lr_drop(run);
  assert.equal(q.choices[q.answer], '6');
  assert.match(
    q.explain,
    /^The LR went from 0\.5 in the last batch of epoch 5 to 0\.49\d* in the first batch of epoch 6/,
  );
});

test('first LR drop of a scheduler stepped per batch: the epoch of the batch where it cut', async () => {
  // the StepLR lesson's run with scheduler.step() in the batch loop: step_size counts batches,
  // so the first cut lands inside epoch 0 (its epoch record's lr is still the start value)
  const spec = { ...(await lessonSpec('steplr')), scheduler_step: 'batch' };
  const run = await runOf(spec);
  const steps = run.records[0].lr_steps[0];
  const cutAt = steps.findIndex((lr, b) => b > 0 && lr < steps[b - 1]);
  assert.equal(cutAt, spec.scheduler.step_size, 'the cut after step_size batches');
  assert.equal(run.records[1].lr[0] < run.records[0].lr[0], true);
  const q = GENERATED.first_lr_drop(run);
  assert.equal(q.choices[q.answer], '0');
  assert.match(q.explain, new RegExp(`^Within epoch 0 the LR went from 0\\.1 to 0\\.05 at batch ${cutAt} `));
});
