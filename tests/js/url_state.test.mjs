// Address-bar settings a lesson cannot use (web/app/url-state.mjs): each notice names the field
// and what it accepts, for every kind of field, the list-valued ones included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseState } from '../../web/app/url-state.mjs';

const defaults = {
  lr: 0.1,
  optimizer: 'SGD',
  hidden: [10],
  'MultiStepLR.milestones': [30, 80],
  'StepLR.step_size': 30,
  label_column: '',
};

test('a bad value of each kind of field is ignored with its accepted range', () => {
  /** @type {Array<[string, RegExp]>} */
  const cases = [
    ['lr=abc', /not a valid learning rate \(.+ to .+\)\. Using 0\.1\./],
    ['optimizer=SGDX', /\(one of SGD, Adam, AdamW, RMSprop\)/],
    [
      'hidden=abc',
      /not a valid hidden layer sizes \(1 to 3 whole numbers from 1 to 128, separated by commas\)\. Using 10\./,
    ],
    ['hidden=0', /1 to 3 whole numbers from 1 to 128/],
    // 2.5 lies between the bounds: the notice must say why it is refused
    [
      'StepLR.step_size=2.5',
      /not a valid step_size \(epochs\) \(a whole number from 1 to \d+\)\. Using 30\./,
    ],
    ['hidden=8,8,8,8', /1 to 3 whole numbers from 1 to 128/],
    [
      'MultiStepLR.milestones=5,x',
      /not a valid milestones \(1 to 8 whole numbers from 0 to 200, increasing, separated by commas\)/,
    ],
    // a CSV column name: any text on one line (shown as text, never as markup)
    [
      'label_column=a%0Ab',
      /not a valid label column \(CSV\) \(at most 100 characters, no line breaks\)\. Using \./,
    ],
    [`label_column=${'x'.repeat(101)}`, /at most 100 characters/],
  ];
  for (const [query, pattern] of cases) {
    const { values, notices } = parseState(`?${query}`, defaults);
    assert.equal(notices.length, 1, query);
    assert.match(notices[0], pattern, query);
    assert.deepEqual(values, defaults, `${query}: the default stays`);
  }
  assert.deepEqual(parseState('?hidden=16,8', defaults).values.hidden, [16, 8]);
  assert.equal(parseState('?label_column=%3Cimg%20src%3Dx%3E', defaults).values.label_column, '<img src=x>');
});

test('a setting given twice in the address: the first value is used, and a notice says so', () => {
  const { values, notices } = parseState('?lr=0.1&lr=5', defaults);
  assert.equal(values.lr, 0.1);
  assert.equal(notices.length, 1);
  assert.match(
    notices[0],
    /^lr is given 2 times in the address; the first \(“0\.1”\) is used, the others ignored\.$/,
  );
});
