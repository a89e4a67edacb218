// The key insight's verdict (web/app/schedule-gain.mjs) on real engine runs: the seed lesson's
// StepLR against its constant-LR baseline, and a schedule that cuts the LR too early.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonSpec } from '../../scripts/lesson-spec.mjs';
import { atChance, majorityAccuracy, scheduleGain } from '../../web/app/schedule-gain.mjs';
import { withTestMetrics } from '../../web/app/training-run.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();
const runOf = (r) => ({ records: r.epochs.map(withTestMetrics), diverged_at: r.diverged_at });

async function gain(spec) {
  const { scheduler_step: _s, ...rest } = spec;
  const scheduled = await engine.train(spec);
  const constant = await engine.train({ ...rest, scheduler: null });
  return scheduleGain(runOf(scheduled), runOf(constant), 200);
}

test('seed lesson defaults: the schedule helped, with the measured deltas', async () => {
  const g = await gain(await lessonSpec('pipeline'));
  assert.equal(g.verdict, 'helped');
  assert.ok(g.lossDelta > 0, `test loss delta ${g.lossDelta}`);
  assert.ok(g.accDelta > 0, `accuracy delta ${g.accDelta}`);
  assert.equal(g.why, '');
});

test('a schedule that cuts the LR tenfold every epoch did not help, and says why', async () => {
  const spec = await lessonSpec('pipeline');
  const g = await gain({ ...spec, scheduler: { type: 'StepLR', step_size: 1, gamma: 0.1 } });
  assert.equal(g.verdict, 'hurt');
  assert.ok(g.lossDelta < 0, `test loss delta ${g.lossDelta}`);
  assert.match(g.why, /still improving/);
  assert.ok(g.scheduled.loss > g.baseline.loss);
});

test('a schedule that never changes the LR in the run ties with the constant LR', async () => {
  const spec = await lessonSpec('pipeline');
  const g = await gain({ ...spec, scheduler: { type: 'StepLR', step_size: 50, gamma: 0.5 } });
  assert.equal(g.verdict, 'tie');
  assert.equal(g.lossDelta, 0);
  assert.match(g.why, /never changed/);
});

test('the zoo at 20 epochs: cosine lowers test loss but loses two rows, a mixed result said in rows', async () => {
  const spec = await lessonSpec('zoo');
  const g = await gain({
    ...spec,
    epochs: 20,
    scheduler: { type: 'CosineAnnealingLR', T_max: 20, eta_min: 0 },
  });
  assert.equal(g.verdict, 'mixed');
  assert.ok(g.lossDelta > 0.01, `test loss delta ${g.lossDelta}`);
  assert.equal(g.rows, -2);
  assert.match(g.why, /lower test loss but 2 rows of 200 fewer classified right/);
});

test('the seed lesson gains one held-out row of 200', async () => {
  const g = await gain(await lessonSpec('pipeline'));
  assert.equal(g.rows, 1);
  assert.equal(g.nTest, 200);
});

test('lr = 10 on the StepLR lesson: neither run learns, so no verdict for the schedule', async () => {
  const base = await lessonSpec('steplr');
  const spec = { ...base, optimizer: { ...base.optimizer, lr: 10 } };
  const session = engine.trainSession(spec);
  const summary = session.data;
  session.delete();
  const chance = majorityAccuracy(summary);
  assert.equal(chance, 0.5, 'a balanced two-class test split');
  const scheduled = runOf(await engine.train(spec));
  const constant = runOf(await engine.train({ ...spec, scheduler: null }));
  // without the chance level the schedule's lower loss between two failures reads as a win
  assert.equal(scheduleGain(scheduled, constant, summary.n_test).verdict, 'helped');
  const g = scheduleGain(scheduled, constant, summary.n_test, chance);
  assert.equal(g.verdict, 'tie');
  assert.ok(g.scheduled.acc <= 0.51 && g.baseline.acc <= 0.51, `${g.scheduled.acc} ${g.baseline.acc}`);
  assert.match(
    g.why,
    /neither run learned to classify: they ended at 50\.5% and 50\.5% test accuracy, no better than always answering the largest class \(50\.0% of these test rows\)/,
  );
});

test('majorityAccuracy: the largest class share of the test rows, null when unknown', () => {
  assert.equal(majorityAccuracy({ class_counts: { test: [30, 10] } }), 0.75);
  assert.equal(majorityAccuracy({ class_counts: { test: [] } }), null);
  assert.equal(majorityAccuracy(null), null);
  // no better than chance: below it too (a run that learned to answer the smaller class)
  assert.equal(atChance(0.37, 0.63, 114), true);
  assert.equal(atChance(0.64, 0.63, 114), true, 'one row above');
  assert.equal(atChance(0.7, 0.63, 114), false);
  assert.equal(atChance(0.37, null, 114), false, 'unknown chance: no claim');
});
