// The worker's warm-up (web/app/engine-warmup.mjs): it trains the course's default run, a fixed
// number of times, one epoch per step, and leaves nothing open behind it.
import assert from 'node:assert/strict';
import test from 'node:test';
import { EngineWarmup, WARMUP_SPEC } from '../../web/app/engine-warmup.mjs';
import { buildTrainSpec } from '../../web/app/run-spec.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

test('the warm-up spec is the course default run that run-spec.mjs builds', () => {
  assert.deepEqual(WARMUP_SPEC, buildTrainSpec({}, { scheduler: 'StepLR' }));
});

/**
 * The engine, recording every spec the warm-up opens a session for (into `opened`); a spec
 * whose data set is "iris" is refused as an unloaded data set is.
 * @param {any[]} opened
 */
function countingEngine(opened) {
  return {
    trainSession: (/** @type {any} */ spec) => {
      opened.push(spec);
      if (spec.data.dataset === 'iris') throw new Error('data set "iris" is not loaded');
      return engine.trainSession(spec);
    },
    schedule: (/** @type {any} */ spec) => engine.schedule(spec),
  };
}

test('the warm-up trains two dozen whole runs, one epoch per step, then stops and frees its sessions', () => {
  const opened = [];
  const warmup = new EngineWarmup(countingEngine(opened), { budgetMs: Infinity }); // counted, not timed
  let steps = 0;
  while (warmup.step()) steps++;
  assert.equal(warmup.step(), false, 'stays over');
  assert.equal(opened.length, 24);
  // Each training: one step per epoch, one more that finds the run over.
  assert.equal(steps, 24 * (WARMUP_SPEC.epochs + 1));
  assert.deepEqual(
    opened.map((s) => s.optimizer.momentum),
    Array.from({ length: 24 }, (_, i) => (i % 2 ? 0.9 : 0)),
  );
  assert.equal(engine.stats().openSessions, 0);
});

test('a warm-up whose engine fails stops at once', () => {
  const warmup = new EngineWarmup({
    trainSession: () => {
      throw new Error('no engine');
    },
    schedule: () => ({}),
  });
  assert.equal(warmup.step(), true);
  assert.equal(warmup.step(), false);
});

test('a warm-up out of time stops mid-run and frees its session', () => {
  const warmup = new EngineWarmup(engine, { budgetMs: 0 });
  assert.equal(warmup.step(), false);
  const slow = new EngineWarmup(engine, { budgetMs: 1e-9 });
  assert.equal(slow.step(), true); // the first epoch is always trained
  assert.equal(engine.stats().openSessions, 1);
  assert.equal(slow.step(), false);
  assert.equal(engine.stats().openSessions, 0);
});

test('prefer(spec): the lesson’s own run every other training, for a fresh count', () => {
  const opened = [];
  const lessonRun = buildTrainSpec({ epochs: 3 }, { scheduler: 'ReduceLROnPlateau' });
  const warmup = new EngineWarmup(countingEngine(opened), { budgetMs: Infinity });
  warmup.step(); // a default training under way
  warmup.prefer(lessonRun);
  while (warmup.step());
  assert.equal(opened.length, 1 + 24);
  assert.deepEqual(
    opened.slice(1).map((s) => (s === lessonRun ? 'lesson' : s.optimizer.momentum)),
    Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 'lesson' : i % 4 === 1 ? 0 : 0.9)),
  );
  assert.equal(engine.stats().openSessions, 0);
});

test('a lesson run the warm-up cannot train gives way to the default runs', () => {
  const opened = [];
  const warmup = new EngineWarmup(countingEngine(opened), { budgetMs: Infinity });
  const irisRun = { ...WARMUP_SPEC, data: { dataset: 'iris' } };
  warmup.prefer(irisRun);
  assert.equal(warmup.step(), true);
  for (let i = 0; i < 5; i++) warmup.step();
  assert.deepEqual(
    opened.map((s) => s.data.dataset),
    ['iris', 'synthetic'],
    'the default runs go on',
  );
  while (warmup.step());
  assert.equal(engine.stats().openSessions, 0);
});
