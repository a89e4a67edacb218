// The `lrlab` CLI (WASM under Node) on every public schedule case, and its errors.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertScheduleCase, assertTrainingCase, loadCases, root, specOf } from './fixture_compare.mjs';

const cli = fileURLToPath(new URL('wasm/js/cli.mjs', root));

function lrlab(args, input) {
  return spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
}

test('lrlab schedule reproduces every public schedule case (stdin)', () => {
  for (const c of loadCases('schedules.json')) {
    const run = lrlab(['schedule', '-'], JSON.stringify(specOf(c)));
    assert.equal(run.status, 0, `${c.name}: ${run.stderr}`);
    assertScheduleCase(JSON.parse(run.stdout), c);
  }
});

test('lrlab schedule reads a fixture case file as it is (expected ignored)', () => {
  const c = loadCases('schedules.json')[0];
  const run = lrlab(['schedule', '-'], JSON.stringify(c));
  assert.equal(run.status, 0, run.stderr);
  assertScheduleCase(JSON.parse(run.stdout), c);
});

test('lrlab train reproduces every public training case', () => {
  for (const c of loadCases('training.json')) {
    const run = lrlab(['train', '-'], JSON.stringify(c));
    assert.equal(run.status, 0, `${c.name}: ${run.stderr}`);
    assertTrainingCase(JSON.parse(run.stdout), c);
  }
});

test('invalid spec: exit 2, message on stderr, nothing on stdout', () => {
  const run = lrlab(
    ['schedule', '-'],
    JSON.stringify({
      optimizer: { type: 'SGD', lr: 0.1 },
      scheduler: { type: 'StepLR', step_size: 0, gamma: '0.5' },
      steps: 3,
    }),
  );
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trim(), 'lrlab: scheduler.gamma: must be a number in [-1000, 1000], got "0.5"');
});

test('unreadable file and bad usage exit 2', () => {
  assert.equal(lrlab(['schedule', '/nonexistent/spec.json']).status, 2);
  assert.equal(lrlab(['frobnicate']).status, 2);
  const help = lrlab(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: lrlab schedule/);
  // a usage error writes nothing a pipe would read as output
  const bare = lrlab([]);
  assert.equal(bare.status, 2);
  assert.equal(bare.stdout, '');
  assert.match(bare.stderr, /usage: lrlab schedule/);
  // a training spec handed to `schedule` is named as such
  const trainCase = loadCases('training.json')[0];
  const wrong = spawnSync(process.execPath, [cli, 'schedule', '-'], {
    input: JSON.stringify(specOf(trainCase)),
    encoding: 'utf8',
  });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /looks like a training run-spec: try `lrlab train -`/);
  const extra = lrlab(['schedule', 'spec.json', '--epochs-only']);
  assert.equal(extra.status, 2);
  assert.match(extra.stderr, /unknown argument "--epochs-only"/);
});

test('the package bin runs through npx (package.json "bin")', () => {
  const c = loadCases('schedules.json').find((x) => x.scheduler.type === 'OneCycleLR');
  const npx = spawnSync('npx', ['--no-install', 'lrlab', 'schedule', '-'], {
    cwd: fileURLToPath(root),
    input: JSON.stringify(specOf(c)),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(npx.status, 0, npx.stderr);
  assertScheduleCase(JSON.parse(npx.stdout), c);
});
