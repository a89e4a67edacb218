// Every public PyTorch schedule case through the shipped artifact's JS API.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertScheduleCase, enginePath, loadCases, specOf } from './fixture_compare.mjs';

const { createEngine, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();
const publicCases = loadCases('schedules.json');
// Configurations torch 1.13 runs that the engine once refused (scripts/fixtures/torch_accepts.py).
const acceptedCases = loadCases('torch-accepts.json');
const cases = [...publicCases, ...acceptedCases];

test('fixture files hold the public cases and the torch-accepted ones', () => {
  assert.ok(publicCases.length >= 93, `only ${publicCases.length} cases`);
  assert.ok(acceptedCases.length >= 20, `only ${acceptedCases.length} accepted cases`);
});

for (const c of cases) {
  test(`schedule ${c.name}`, () => {
    const result = engine.schedule(specOf(c));
    assertScheduleCase(result, c);
    // A JS number cannot tell 3.0 from 3, so the integral-float advice only reaches the engine
    // from JSON text (the C++ fixture test checks those cases).
    if (c.expected_warnings && !c.name.startsWith('int-float-')) {
      const paths = (result.warnings ?? []).map((w) => w.path).sort();
      assert.deepEqual(paths, [...c.expected_warnings].sort(), JSON.stringify(result.warnings));
    }
  });
}

test('a spec given as JSON text gives the same numbers as the object', () => {
  const c = cases.find((x) => x.scheduler.type === 'CosineAnnealingLR');
  assert.deepEqual(engine.schedule(JSON.stringify(specOf(c))), engine.schedule(specOf(c)));
});

test('createEngine shares one instance', async () => {
  const again = await createEngine();
  assert.deepEqual(again.schedule(specOf(cases[0])).lr, engine.schedule(specOf(cases[0])).lr);
  assert.ok(SpecError);
});

test('state_dict at step k resumes to the same trajectory (every case)', () => {
  for (const c of cases) {
    const spec = specOf(c);
    const full = engine.schedule(spec);
    const k = Math.floor(spec.steps / 2);
    // After the step that raised, torch's state is half-updated: resume only before it.
    if (full.error && k >= full.lr[0].length) continue;
    const first = engine.scheduleRun(spec);
    first.step(k);
    const state = JSON.parse(JSON.stringify(first.stateDict())); // as a file would hold it
    first.delete();
    const resumed = engine.scheduleRun(spec);
    resumed.loadStateDict(state);
    resumed.step(spec.steps);
    const rest = resumed.result();
    resumed.delete();
    // Bit-identical remaining trajectory (the tail after the resume point).
    const n = full.lr[0].length - k;
    const tail = (m) => m.map((row) => row.slice(row.length - n));
    assert.ok(n > 0 || full.error, `${c.name}: nothing left to compare`);
    assert.deepEqual(tail(rest.lr), tail(full.lr), `${c.name}: resumed at ${k}`);
    if (full.momentum) assert.deepEqual(tail(rest.momentum), tail(full.momentum), `${c.name}: momentum`);
    assert.deepEqual(rest.error, full.error, `${c.name}: error`);
  }
  assert.equal(engine.stats().openSessions, 0);
});

test('loadStateDict names a non-finite number as such, and takes an infinite best as the engine writes it', () => {
  const spec = {
    optimizer: { type: 'SGD', lr: 0.1 },
    scheduler: { type: 'ReduceLROnPlateau' },
    steps: 3,
    metrics: [1, 1, 1],
  };
  const run = engine.scheduleRun(spec);
  const state = run.stateDict();
  assert.equal(state.scheduler.best, 'Infinity'); // JSON has no Infinity: the engine writes a string
  assert.throws(
    () => run.loadStateDict({ ...state, optimizer: { param_groups: [{ lr: Number.NaN, momentum: 0 }] } }),
    (e) => e instanceof SpecError && /param_groups\[0\]\.lr: .*got "NaN"$/.test(e.message),
  );
  run.loadStateDict({ ...state, scheduler: { ...state.scheduler, best: Number.POSITIVE_INFINITY } });
  run.step(3);
  assert.deepEqual(run.result().lr, engine.schedule(spec).lr);
  run.delete();
});

// torch never checks a param group's values (docs/run-spec.md 1.1), so a run may hold a negative
// LR or a beta of 1 or more; its state file must load back as torch's load_state_dict takes it.
test('a param group outside the optimizer domain saves and loads back', () => {
  const specs = [
    {
      optimizer: { type: 'SGD', lr: 0.1, param_groups: [{ lr: -0.1 }, {}] },
      scheduler: { type: 'StepLR', step_size: 2 },
    },
    {
      optimizer: { type: 'Adam', lr: 0.01, param_groups: [{ betas: [0.9, 1] }] },
      scheduler: { type: 'ExponentialLR', gamma: 0.9 },
    },
    {
      optimizer: { type: 'Adam', lr: 0.01, param_groups: [{ betas: [1.5, 0.999] }] },
      scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: 8 },
    },
    {
      optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, param_groups: [{ lr: -0.2 }] },
      scheduler: { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, step_size_up: 2 },
    },
  ];
  for (const base of specs) {
    const spec = { ...base, steps: 8 };
    const full = engine.schedule(spec);
    assert.ok(
      full.warnings?.some((w) => /param_groups\[0\]/.test(w.path)),
      JSON.stringify(full.warnings),
    );
    const first = engine.scheduleRun(spec);
    first.step(4);
    const state = JSON.parse(JSON.stringify(first.stateDict()));
    first.delete();
    const resumed = engine.scheduleRun(spec);
    resumed.loadStateDict(state);
    resumed.step(8);
    const rest = resumed.result();
    resumed.delete();
    const tail = (m) => m.map((row) => row.slice(row.length - 4));
    assert.deepEqual(tail(rest.lr), tail(full.lr), base.optimizer.type);
  }
});
