// Every public PyTorch schedule case through the shipped artifact's JS API.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertScheduleCase, enginePath, loadCases, specOf } from './fixture_compare.mjs';

const { createEngine, SpecError } = await import(enginePath.href);
const engine = await createEngine();
const cases = loadCases('schedules.json');

test('fixture file holds the public cases', () => {
  assert.ok(cases.length >= 93, `only ${cases.length} cases`);
});

for (const c of cases) {
  test(`schedule ${c.name}`, () => {
    assertScheduleCase(engine.schedule(specOf(c)), c);
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
