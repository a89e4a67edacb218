// The engine describes itself (engine.describe(), dist/engine/schedulers.json) and the site
// derives from it: the UI catalog lists exactly the engine's schedulers, its defaults are the
// declared ones, and every catalog default runs without a warning.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { enginePath, root } from './fixture_compare.mjs';

const { createEngine, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();
const description = engine.describe();
const { SCHEDULERS, SCHEDULER_TYPES, UNLISTED_TYPES } = await import(
  new URL('dist/app/scheduler-catalog.mjs', root).href
);
const { FIELDS } = await import(new URL('dist/app/fields.mjs', root).href);
const { WHEN } = await import(new URL('dist/app/scheduler-when.mjs', root).href);
const { buildScheduler } = await import(new URL('dist/app/run-spec.mjs', root).href);

test('schedulers.json is what the built engine describes', () => {
  const built = JSON.parse(readFileSync(new URL('dist/engine/schedulers.json', root), 'utf8'));
  assert.deepEqual(built, description);
});

test('the UI catalog lists exactly the engine schedulers', () => {
  assert.deepEqual(UNLISTED_TYPES, []);
  assert.deepEqual([...SCHEDULER_TYPES].sort(), description.schedulers.map((s) => s.type).sort());
});

test("every scheduler of the catalog has the zoo's one-line when-to-use-it", () => {
  assert.deepEqual(Object.keys(WHEN).sort(), [...SCHEDULER_TYPES].sort());
  for (const [type, text] of Object.entries(WHEN)) assert.ok(text.length > 20, type);
});

test('every declaration is complete: kind, domain, default or required', () => {
  for (const s of [...description.schedulers, ...description.optimizers]) {
    assert.ok(s.description.length > 10, `${s.type}: description`);
    for (const p of s.params) {
      assert.ok(p.doc, `${s.type}.${p.name}: doc`);
      assert.ok(p.domain, `${s.type}.${p.name}: domain`);
      assert.ok(p.required || 'default' in p, `${s.type}.${p.name}: default or required`);
    }
  }
});

test('catalog defaults are the declared torch defaults (or the course own where torch has none)', () => {
  for (const s of SCHEDULERS) {
    const facts = description.schedulers.find((d) => d.type === s.type);
    assert.equal(s.step, facts.step);
    assert.equal(!!s.metric, facts.needs_metric);
    for (const prm of s.params) {
      const decl = facts.params.find((p) => p.name === prm.name);
      if (decl && !decl.required && !s.composite && prm.name !== 'step_size_up') {
        assert.deepEqual(prm.default, decl.default, `${s.type}.${prm.name}`);
      }
    }
  }
});

test('every catalog default runs in the engine without a warning', () => {
  for (const s of SCHEDULERS) {
    const values = Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.default]));
    let scheduler = buildScheduler(values, s.type);
    scheduler = JSON.parse(
      JSON.stringify(scheduler).replace(/\{"\$batches":([0-9.]+)\}/g, (_, k) => String(Math.round(k * 10))),
    );
    const spec = {
      optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
      scheduler,
      steps: 20,
      ...(s.metric && { metrics: Array(20).fill(1) }),
    };
    const result = engine.schedule(spec);
    assert.equal(result.warnings, undefined, `${s.type}: ${JSON.stringify(result.warnings)}`);
  }
});

test('a misspelt kwarg is still refused, with the declared name suggested', () => {
  assert.throws(
    () =>
      engine.schedule({
        optimizer: { type: 'SGD', lr: 0.1 },
        scheduler: { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, scale_mod: 'cycle' },
        steps: 1,
      }),
    (e) =>
      e instanceof SpecError && e.message === 'scheduler.scale_mod: unknown key; did you mean scale_mode?',
  );
});
