// Bad input gets a SpecError naming the field and the accepted range, and the
// WASM instance keeps working afterwards.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enginePath } from './fixture_compare.mjs';

const { createEngine, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

/** @returns {{optimizer: object, scheduler: Record<string, unknown>, steps: number}} */
const stepLR = (over = {}) => ({
  optimizer: { type: 'SGD', lr: 0.1 },
  scheduler: { type: 'StepLR', step_size: 5, gamma: 0.5, ...over },
  steps: 10,
});

function rejects(spec, pattern, path) {
  assert.throws(
    () => engine.schedule(spec),
    (e) => {
      assert.ok(e instanceof SpecError, `not a SpecError: ${e}`);
      assert.match(e.message, pattern);
      if (path !== undefined) assert.equal(e.path, path);
      return true;
    },
  );
}

test('a wrongly typed step_size names the field and the range', () => {
  rejects(
    stepLR({ step_size: '5' }),
    /^scheduler\.step_size: must be a number in \[-1000000000, 1000000000\] \(an int in torch's signature\), got "5"$/,
    'scheduler.step_size',
  );
});

test('what torch runs, the engine runs: step_size 0 fails at the first step(), as in torch, naming the cause', () => {
  const result = engine.schedule(stepLR({ step_size: 0 }));
  assert.deepEqual(result.error, {
    at_step: 0,
    type: 'ZeroDivisionError',
    message: 'integer modulo by zero (StepLR step_size 0)',
  });
});

test('a float where torch means an int runs, with a warning naming the field', () => {
  const result = engine.schedule(stepLR({ step_size: 2.5 }));
  assert.equal(result.error, undefined);
  assert.deepEqual(
    result.warnings.map((w) => w.path),
    ['scheduler.step_size'],
  );
});

test('unknown key suggests the right name', () => {
  const spec = stepLR();
  delete spec.scheduler.step_size;
  spec.scheduler.stepsize = 5;
  rejects(spec, /^scheduler\.stepsize: unknown key; did you mean step_size\?$/);
});

test('NaN and Infinity are caught with their path before reaching the engine', () => {
  rejects(stepLR({ gamma: NaN }), /^scheduler\.gamma: must be a finite number, got NaN$/, 'scheduler.gamma');
  const spec = stepLR();
  spec.optimizer.lr = Infinity;
  rejects(spec, /^optimizer\.lr: must be a finite number, got Infinity$/);
});

test('negative and huge values state the accepted range', () => {
  const neg = stepLR();
  neg.optimizer.lr = -0.1;
  rejects(neg, /^optimizer\.lr: must be a number in \[0, .*\], got -0\.1$/);
  rejects({ ...stepLR(), steps: -1 }, /^steps: must be an integer in \[0, \d+\], got -1$/);
  rejects({ ...stepLR(), steps: 1e12 }, /^steps: must be an integer in \[0, \d+\]/);
  rejects(
    stepLR({ step_size: 2e9 }),
    /^scheduler\.step_size: must be a number in \[-1000000000, 1000000000\]/,
  );
});

test('unknown scheduler type suggests the closest', () => {
  rejects(
    { ...stepLR(), scheduler: { type: 'StepLr', step_size: 2 } },
    /^scheduler\.type: .*did you mean "StepLR"\?$/,
  );
});

test('PyTorch constructor checks are mirrored', () => {
  rejects(
    {
      optimizer: { type: 'SGD', lr: 0.1 },
      scheduler: { type: 'ReduceLROnPlateau', factor: 1.0 },
      steps: 2,
      metrics: [1, 1],
    },
    /^scheduler\.factor: must be a number in \[-1000, 1\), got 1$/,
  );
  rejects(
    {
      optimizer: { type: 'SGD', lr: 0.1 },
      scheduler: { type: 'ReduceLROnPlateau' },
      steps: 3,
      metrics: [1, 2],
    },
    /^metrics: /,
  );
});

test('expression errors give the column', () => {
  rejects(
    { ...stepLR(), scheduler: { type: 'LambdaLR', lr_lambda: '0.95 ** (epoch' } },
    /^scheduler\.lr_lambda: column \d+: /,
  );
  rejects(
    { ...stepLR(), scheduler: { type: 'LambdaLR', lr_lambda: '__import__("os")' } },
    /^scheduler\.lr_lambda: column 1: /,
  );
});

test('malformed JSON text and hostile nesting are reported, not crashed on', () => {
  assert.throws(
    () => engine.schedule('{"optimizer": '),
    (e) => e instanceof SpecError && /^spec: invalid JSON/.test(e.message),
  );
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  assert.throws(
    () => engine.schedule(deep),
    (e) => e instanceof SpecError && /nesting deeper/.test(e.message),
  );
  assert.throws(() => engine.schedule(null), SpecError);
  assert.throws(() => engine.schedule([1, 2]), SpecError);
  const lambda = '('.repeat(5000) + 'epoch' + ')'.repeat(5000);
  assert.throws(
    () => engine.schedule({ ...stepLR(), scheduler: { type: 'LambdaLR', lr_lambda: lambda } }),
    SpecError,
  );
});

test('non-JSON values are rejected with their path', () => {
  const spec = stepLR();
  spec.scheduler.gamma = () => 0.5;
  rejects(spec, /^scheduler\.gamma: must be JSON data, got function$/);
  const cyclic = stepLR();
  cyclic.scheduler.self = cyclic.scheduler;
  rejects(cyclic, /^scheduler\.self: circular reference$/);
});

test('the instance keeps working after every error', () => {
  const r = engine.schedule(stepLR());
  assert.deepEqual(r.lr[0], [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05]);
  assert.equal(engine.stats().openSessions, 0);
});

test('ReduceLROnPlateau metrics accept NaN and Infinity as numbers from JS', () => {
  const r = engine.schedule({
    optimizer: { type: 'SGD', lr: 1 },
    scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5 },
    steps: 4,
    metrics: [1, NaN, Infinity, -Infinity],
  });
  // 1 is best; NaN and +inf are bad (patience 0: reduce at once); -inf improves.
  assert.deepEqual(r.lr[0], [1, 1, 0.5, 0.25]);
});

test('a malformed saved state is a SpecError and leaves the run usable', () => {
  const run = engine.scheduleRun(stepLR());
  try {
    run.step(3);
    const good = run.stateDict();
    assert.throws(() => run.loadStateDict({ nonsense: true }), SpecError);
    assert.throws(
      () => run.loadStateDict({ ...good, optimizer: { param_groups: [{}] } }),
      (e) => e instanceof SpecError && /lr: is required/.test(e.message),
    );
    run.loadStateDict(good);
    run.step(100);
    assert.deepEqual(run.result().lr[0].slice(-7), [0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05]);
  } finally {
    run.delete();
  }
});

test('runs too large for the heap are refused up front, naming the limit', async () => {
  const groups = Array.from({ length: 64 }, () => ({}));
  rejects(
    {
      optimizer: { type: 'SGD', lr: 0.1, param_groups: groups },
      scheduler: { type: 'CosineAnnealingLR', T_max: 1000 },
      steps: 1000000,
    },
    /^steps: steps x param groups must be at most 4000000, got 1000000 x 64$/,
  );
  await assert.rejects(
    engine.train({
      data: { dataset: 'digits' },
      model: { sizes: [64, 8, 10] },
      optimizer: { type: 'SGD', lr: 0.1 },
      epochs: 10000,
      batch_size: 1,
    }),
    (e) =>
      e instanceof SpecError &&
      /^batch_size: epochs x batches per epoch must be at most 2000000/.test(e.message),
  );
  assert.equal(engine.stats().heapBytes <= 64 << 20, true, `heap grew to ${engine.stats().heapBytes}`);
});
