// The substituted formula keeps its final "= value" unbreakable (web/app/scheduler-formulas.mjs):
// the no-break goes after the "=" that ends the line, also when a trailing note repeats the value's
// digits after another "=" (CosineAnnealingWarmRestarts' "(T_0 = 10, T_mult = 1)").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schedulerFormula } from '../../web/app/scheduler-formulas.mjs';

const params = { T_0: 10, T_mult: 1, eta_min: 0, step_size: 5, gamma: 0.5 };
const substituted = (type, value) =>
  schedulerFormula({ type, p: (k) => params[k], lr0: 0.1, e: 3, value }).substituted;

test('the no-break follows the "=" of the engine value, not an "=" in a trailing note', () => {
  assert.match(
    substituted('StepLR', '0.05'),
    /\\rfloor\}\} = \{0\.1 \\cdot 0\.5\^\{0\}\} = \\nobreak 0\.05$/,
  );
  for (const value of ['1', '0.05']) {
    const tex = substituted('CosineAnnealingWarmRestarts', value);
    assert.ok(tex.includes(`\\right) = \\nobreak ${value} \\allowbreak`), tex);
    assert.ok(tex.endsWith('T_{mult} = 1)}'), `the note is untouched: ${tex}`);
    assert.equal(tex.split('\\nobreak').length, 2, `one no-break: ${tex}`);
  }
});
