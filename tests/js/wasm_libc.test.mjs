// What the WebAssembly build supplies in place of musl (issue 9: the core's size), through the
// shipped engine:
// - strtod: decimal literals converted by the JS host (wasm/src/bindings/host_decimal.cpp), the
//   native build through glibc's strtod; both must round every literal as Python's float()
//   does. Expected values: python3 -c 'print(repr(float(s)))'.
// - snprintf: its integer subset (wasm/src/platform/integer_printf.hpp, held to glibc natively by
//   wasm/tests/integer_printf_test.cpp) formats nlohmann-json's parse errors.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-mpmath lives
const hasMpmath = spawnSync(PYTHON, ['-c', 'import mpmath'], { stdio: 'ignore' }).status === 0;
// Under npm test (LRLAB_REQUIRE_TORCH=1: setup.sh installed the oracle) the reference must be there.
if (!hasMpmath && process.env.LRLAB_REQUIRE_TORCH === '1')
  throw new Error(
    `the correctly rounded reference is missing: ${PYTHON} cannot import mpmath (apt-get install python3-mpmath)`,
  );

/** @type {Array<[string, number]>} [literal, float(literal) in Python] */
const LITERALS = [
  ['0.1', 0.1],
  // exactly halfway between 1 and the next double: ties to even
  ['1.00000000000000011102230246251565404236316680908203125', 1],
  // one digit past halfway, 54 significant digits in: rounds up
  ['1.00000000000000011102230246251565404236316680908203126', 1.0000000000000002],
  ['2.2250738585072011e-308', 2.225073858507201e-308], // the largest subnormal's neighbourhood
  ['4.9e-324', 5e-324],
  ['2.4703282292062328e-324', 5e-324], // just above half the smallest subnormal
  ['2.4703282292062327e-324', 0], // just below it
  ['123456.789012345678901234567890123456789', 123456.78901234567],
  ['0.000001e12', 1000000],
  ['1e-400', 0],
  ['00.5', 0.5],
  ['5.', 5],
  ['.25', 0.25],
];

// A JSON number: the optimizer's lr, returned as the first LR of a constant schedule.
const jsonLiteral = (text) =>
  `{"optimizer": {"type": "SGD", "lr": ${text}}, "scheduler": {"type": "StepLR", "step_size": 1, "gamma": 1}, "steps": 1}`;
// A Python literal: LambdaLR's factor on an lr of 1.
const lambdaLiteral = (text) =>
  `{"optimizer": {"type": "SGD", "lr": 1}, "scheduler": {"type": "LambdaLR", "lr_lambda": "${text}"}, "steps": 1}`;

for (const [text, expected] of LITERALS) {
  if (/^[0-9]/.test(text) && !text.startsWith('00') && !text.endsWith('.')) {
    test(`JSON number ${text} reads as ${expected}`, () => {
      assert.ok(Object.is(engine.schedule(jsonLiteral(text)).lr[0][0], expected));
    });
  }
  if (!text.startsWith('00')) {
    test(`lr_lambda literal ${text} reads as ${expected}`, () => {
      assert.ok(Object.is(engine.schedule(lambdaLiteral(text)).lr[0][0], expected));
    });
  }
}

test('JSON text that is not a number is still refused by the JSON reader', () => {
  assert.throws(() => engine.schedule(jsonLiteral('Infinity')), /lr|JSON|parse/);
  assert.throws(() => engine.schedule(jsonLiteral('0x10')), /lr|JSON|parse/);
});

test("nlohmann's parse error names a control character as glibc's printf would", () => {
  const text = '{"optimizer": {"type": "SGD", "lr": 0.1}, "scheduler": {"type": "StepLR\u001f"}, "steps": 1}';
  assert.throws(
    () => engine.schedule(text),
    (e) =>
      e instanceof Error && e.message.endsWith(`must be escaped to \\u001F; last read: '"StepLR<U+001F>'`),
  );
});

// - cos and sin: computed by the engine (wasm/src/platform/python_trig.cpp), correctly rounded,
//   where musl's fdlibm-derived ones are 1 ulp off for about 1 argument in 40 of the form
//   pi * e / T that cosine schedules use. torch's schedulers call CPython's math.cos (glibc),
//   which is correctly rounded for all but a few of these. Reference: mpmath at 300 bits.
test('cos and sin of schedule arguments are correctly rounded (mpmath at 300 bits)', {
  skip: !hasMpmath && 'no python3-mpmath',
}, () => {
  const args = [];
  for (const T of [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 100])
    for (let e = 0; e <= 200; e++) args.push([e, T]);
  const ours = (f) =>
    args.map(
      ([e, T]) =>
        engine.schedule({
          optimizer: { type: 'SGD', lr: 1 },
          scheduler: { type: 'LambdaLR', lr_lambda: `${f}(pi * ${e} / ${T})` },
          steps: 1,
        }).lr[0][0],
    );
  const run = spawnSync(
    PYTHON,
    [
      '-c',
      `import json, math, sys, mpmath
mpmath.mp.prec = 300
args = json.load(sys.stdin)
out = {}
for f in ('cos', 'sin'):
    xs = [math.pi * e / T for e, T in args]
    out[f] = {'cr': [float(getattr(mpmath, f)(mpmath.mpf(x))) for x in xs]}
print(json.dumps(out))`,
    ],
    { input: JSON.stringify(args), encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const reference = JSON.parse(run.stdout);
  for (const f of ['cos', 'sin']) {
    const got = ours(f);
    const wrong = got.flatMap((v, i) => (Object.is(v, reference[f].cr[i]) ? [] : [[...args[i], v]]));
    assert.deepEqual(wrong, [], `${f}: not correctly rounded at (e, T, value)`);
    // (so they differ from Python's math.cos / math.sin, glibc, what torch's schedulers call,
    // only where glibc is not correctly rounded: 1 cosine and 8 sines of these 3,819 on
    // Debian 12's glibc, docs/pytorch-semantics.md 4)
  }
});
