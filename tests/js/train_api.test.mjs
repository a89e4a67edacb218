// Training through the JS API: PyTorch parity, streaming, cancel, determinism.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertTrainingCase, enginePath, loadCases, specOf } from './fixture_compare.mjs';

const { createEngine, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();
const cases = loadCases('training.json');

for (const c of cases) {
  test(`train ${c.name}`, async () => {
    const seen = [];
    const result = await engine.train(specOf(c), { onEpoch: (r) => seen.push(r.epoch) });
    assertTrainingCase(result, c);
    assert.deepEqual(seen, [...Array(c.epochs).keys()], 'one onEpoch call per epoch, in order');
  });
}

// The seed lesson in its lesson form (CONTRACTS: named data set, split, seed).
const seedLesson = {
  data: { dataset: 'synthetic', n_samples: 1000, n_features: 10, n_classes: 2, test_fraction: 0.2, seed: 42 },
  model: { sizes: [10, 10, 2], seed: 0 },
  optimizer: { type: 'SGD', lr: 0.1 },
  scheduler: { type: 'StepLR', step_size: 5, gamma: 0.5 },
  scheduler_step: 'epoch',
  epochs: 10,
  batch_size: 32,
  shuffle: true,
  shuffle_seed: 0,
};

test('seed lesson: StepLR halves the LR at epoch 5, and the run is deterministic', async () => {
  const a = await engine.train(seedLesson);
  const b = await engine.train(seedLesson);
  assert.deepEqual(a, b, 'same spec, bit-identical result');
  assert.deepEqual(
    a.epochs.map((r) => r.lr[0]),
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05],
  );
  assert.equal(a.epochs[0].lr_steps[0].length, 25, '800 training rows / 32 = 25 steps');
  assert.ok(a.test_accuracy > 0.6, `test accuracy ${a.test_accuracy}`);
  assert.ok(a.epochs.at(-1).train_loss < a.epochs[0].train_loss, 'loss decreases');
});

test('a training session exposes the data summary and prediction traces', () => {
  const s = engine.trainSession(seedLesson);
  try {
    assert.equal(s.data.n_train, 800);
    assert.equal(s.data.n_test, 200);
    assert.equal(s.data.head.x[0].length, 10);
    while (s.next());
    const t = s.trace(3, 'test');
    assert.equal(t.input.length, 10);
    assert.equal(t.layers[0].post.length, 10);
    assert.ok(
      t.layers[0].post.every((v) => v >= 0),
      'ReLU output is non-negative',
    );
    const sum = t.probabilities.reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(sum - 1) < 1e-6, `softmax sums to ${sum}`);
    assert.equal(t.predicted, t.probabilities.indexOf(Math.max(...t.probabilities)));
    assert.throws(() => s.trace(200, 'test'), SpecError);
    assert.throws(() => s.trace(-1), SpecError);
  } finally {
    s.delete();
  }
});

test('abort rejects with AbortError and frees the session', async () => {
  const controller = new AbortController();
  let epochs = 0;
  const run = engine.train(
    { ...seedLesson, epochs: 200 },
    {
      signal: controller.signal,
      onEpoch: () => {
        if (++epochs === 3) controller.abort();
      },
    },
  );
  await assert.rejects(run, (/** @type {Error} */ e) => e.name === 'AbortError');
  assert.equal(epochs, 3);
  assert.equal(engine.stats().openSessions, 0);
});

test('an invalid training spec names the field', async () => {
  await assert.rejects(
    engine.train({ ...seedLesson, batch_size: 0 }),
    (e) => e instanceof SpecError && /^batch_size: must be an integer/.test(e.message),
  );
  await assert.rejects(
    engine.train({ ...seedLesson, model: { sizes: [3, 10, 2] } }),
    (e) => e instanceof SpecError && /^model\.sizes/.test(e.message),
  );
  await assert.rejects(
    engine.train({ ...seedLesson, epochs: NaN }),
    (e) => e instanceof SpecError && e.message === 'epochs: must be a finite number, got NaN',
  );
});

test('a diverging run stops with diverged_at instead of garbage numbers', async () => {
  const r = await engine.train({ ...seedLesson, optimizer: { type: 'SGD', lr: 1e5 }, scheduler: null });
  assert.ok(r.diverged_at, 'diverged_at is set');
  assert.match(r.diverged_at.reason, /NaN|Inf|non-finite|diverg/i);
  for (const rec of r.epochs) assert.ok(Number.isFinite(rec.train_loss) || rec.train_loss === null);
});

// Issue 8: abort within an epoch. One epoch of 4,000 single-sample batches is trained in
// chunks of batches, and the AbortSignal is honoured between chunks, before the epoch ends.
test('train() honours an abort inside a long epoch', async () => {
  const spec = {
    ...seedLesson,
    data: { ...seedLesson.data, n_samples: 5000 },
    model: { sizes: [10, 64, 64, 2], seed: 0 },
    batch_size: 1,
    epochs: 2,
  };
  const controller = new AbortController();
  const epochs = [];
  setImmediate(() => controller.abort());
  await assert.rejects(
    engine.train(spec, { signal: controller.signal, onEpoch: (r) => epochs.push(r.epoch) }),
    (/** @type {Error} */ err) => err.name === 'AbortError',
  );
  assert.deepEqual(epochs, [], 'aborted before the first epoch finished');
  assert.equal(engine.stats().openSessions, 0, 'the session was freed');
});

test('runBatches trains an epoch in chunks, with the same records as next()', () => {
  const whole = engine.trainSession(seedLesson);
  const chunked = engine.trainSession(seedLesson);
  try {
    for (let e = 0; e < seedLesson.epochs; e++) {
      const want = whole.next();
      let got = null;
      let calls = 0;
      while (!got) {
        got = chunked.runBatches(7).record;
        calls++;
      }
      assert.equal(calls, 4, '25 batches in chunks of 7');
      assert.deepEqual(got, want);
    }
    assert.deepEqual(chunked.runBatches(1), { record: null, done: true });
    assert.deepEqual(chunked.result(), whole.result());
    assert.throws(() => chunked.runBatches(0), /maxBatches: must be an integer/);
  } finally {
    whole.delete();
    chunked.delete();
  }
});
