// The closed forms the Math mode shows (web/app/scheduler-formulas.mjs) typeset with KaTeX for
// every scheduler type, for epochs before, at and after their breakpoints, with parameter values
// taken from the field table (the same values a learner starts with). No browser needed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import katex from 'katex';
import { FIELDS } from '../../dist/app/fields.mjs';
import { paramKey, SCHEDULERS } from '../../dist/app/scheduler-catalog.mjs';
import { FORMULA_TYPES, schedulerFormula, texNum } from '../../dist/app/scheduler-formulas.mjs';

test('every scheduler of the catalogue has a formula', () => {
  assert.deepEqual(
    SCHEDULERS.map((s) => s.type).filter((t) => !FORMULA_TYPES.includes(t)),
    [],
  );
});

test('every formula typesets for epochs 0..20, with the engine value placed last', () => {
  for (const s of SCHEDULERS) {
    const p = (name) => FIELDS[paramKey(s.type, name)].default;
    const sched = { step_size_up: 50, epochs: 20, steps_per_epoch: 25 };
    for (let e = 0; e <= 20; e++) {
      const plateau =
        s.type === 'ReduceLROnPlateau'
          ? {
              m: 0.5,
              bestBefore: e ? 0.45 : Infinity,
              improved: e === 0,
              cut: e === 11,
              lrBefore: 0.1,
              bad: e % 4,
              cooldown: e % 3,
            }
          : null;
      const f = schedulerFormula({
        type: s.type,
        p,
        lr0: 0.1,
        e,
        t: e * 25,
        nb: 25,
        E: 20,
        sched,
        value: '0.0123',
        plateau,
      });
      for (const tex of [f.general, f.generalNarrow, f.substituted, f.substitutedNarrow].filter(Boolean)) {
        assert.doesNotThrow(
          () => katex.renderToString(tex, { displayMode: true, throwOnError: true }),
          `${s.type} e=${e}: ${tex}`,
        );
      }
      // a cosine's angle multiplies π by a whole term: "π·(e − w)", never "π·e − w"
      for (const tex of [f.general, f.generalNarrow, f.substituted, f.substitutedNarrow].filter(Boolean))
        for (const [, num] of tex.matchAll(/\\pi \\cdot ([^}]*)\}/g))
          assert.ok(
            !/[-+]/.test(num) || /^\(.*\)$/.test(num.trim()),
            `${s.type} e=${e}: π times an unbracketed sum "${num}"`,
          );
      if (s.type !== 'ReduceLROnPlateau' || plateau.cut)
        for (const tex of [f.substituted, f.substitutedNarrow].filter(Boolean))
          assert.match(tex, /0\.0123/, `${s.type} e=${e} shows the engine value`);
    }
  }
});

test('the substituted StepLR and MultiStepLR forms pick the right stair', () => {
  const steplr = schedulerFormula({
    type: 'StepLR',
    p: (n) => ({ step_size: 5, gamma: 0.5 })[n],
    lr0: 0.1,
    e: 7,
    value: '0.05',
  });
  // (the value stays with its "=" on a narrow line: \nobreak)
  assert.match(steplr.substituted, /0\.5\^\{1\}\} = \\nobreak 0\.05$/);
  const multi = schedulerFormula({
    type: 'MultiStepLR',
    p: (n) => ({ milestones: [3, 8], gamma: 0.1 })[n],
    lr0: 0.1,
    e: 8,
    value: '0.001',
  });
  assert.match(multi.substituted, /0\.1\^\{2\}\} = \\nobreak 0\.001$/);
  assert.equal(texNum(1 / 3), '0.333333');
  assert.equal(texNum(4e-7), '4 \\times 10^{-7}');
  assert.equal(texNum(Infinity), '\\infty');
});
