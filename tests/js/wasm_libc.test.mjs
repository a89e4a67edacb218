// What the WebAssembly build supplies in place of musl (issue 9: the core's size), through the
// shipped engine:
// - strtod: decimal literals converted by the JS host (wasm/src/bindings/host_decimal.cpp), the
//   native build through glibc's strtod; both must round every literal as Python's float()
//   does. Expected values: python3 -c 'print(repr(float(s)))'.
// - snprintf: its integer subset (wasm/src/platform/integer_printf.hpp, held to glibc natively by
//   wasm/tests/integer_printf_test.cpp) formats nlohmann-json's parse errors.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

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
