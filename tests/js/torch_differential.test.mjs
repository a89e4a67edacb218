// The engine against live torch on schedules nobody wrote by hand: run-specs drawn from the
// engine's own declarations (random-schedule-specs.mjs), each run by real torch 1.13
// (scripts/fixtures/torch_oracle.py) and by the shipped engine. What torch runs, the engine
// runs, with torch's numbers to 1e-12 relative and torch's mid-run errors at the same step; what
// torch's constructor refuses, the engine refuses (docs/pytorch-semantics.md 2, 3). The seed is
// fixed, so a failure is reproducible; LRLAB_DIFF_SEED and LRLAB_DIFF_COUNT draw other cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertScheduleCase, enginePath, root } from './fixture_compare.mjs';
import { randomScheduleSpecs } from './random-schedule-specs.mjs';

const { createEngine, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-torch lives
const ORACLE = fileURLToPath(new URL('scripts/fixtures/torch_oracle.py', root));
const SEED = Number(process.env.LRLAB_DIFF_SEED ?? 20261203);
const COUNT = Number(process.env.LRLAB_DIFF_COUNT ?? 600);

const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
// Under npm test (LRLAB_REQUIRE_TORCH=1, after setup.sh installed it) the oracle must be there.
if (!hasTorch && process.env.LRLAB_REQUIRE_TORCH === '1')
  throw new Error(
    `the torch oracle is missing: ${PYTHON} cannot import torch (apt-get install python3-torch)`,
  );

/** torch's answers for `specs`, in order. */
function askTorch(specs) {
  const run = spawnSync(PYTHON, [ORACLE], {
    input: JSON.stringify({ cases: specs }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `torch_oracle.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

// Where torch's LR or momentum stops being finite, the engine ends the run with OverflowError
// at that step (docs/pytorch-semantics.md 3: JSON cannot carry it): torch's trajectory up to
// there, then that error.
function asEngineEnds(expected) {
  const rows = [...expected.lr, ...(expected.momentum ?? [])];
  const firstBad = Math.min(
    ...rows.map((row) => {
      const i = row.findIndex((v) => typeof v === 'string');
      return i < 0 ? Infinity : i;
    }),
  );
  if (firstBad === Infinity) return expected;
  const cut = (m) => m?.map((row) => row.slice(0, firstBad));
  return {
    lr: cut(expected.lr),
    ...(expected.momentum && { momentum: cut(expected.momentum) }),
    error: { at_step: firstBad - 1, type: 'OverflowError' },
  };
}

/** Why the engine's answer differs from torch's, or null. */
function disagreement(spec, answer) {
  let result;
  try {
    result = engine.schedule(spec);
  } catch (err) {
    if (answer.refused) return err instanceof SpecError ? null : `threw ${err.name}: ${err.message}`;
    return `refused what torch runs: ${err.message}`;
  }
  if (answer.refused) return `ran what torch refuses (${answer.refused.type}: ${answer.refused.message})`;
  try {
    assertScheduleCase(result, { expected: asEngineEnds(answer.expected) });
    return null;
  } catch (err) {
    const torchError = answer.expected.error ? ` (torch: ${JSON.stringify(answer.expected.error)})` : '';
    const ours = result.error ? ` (engine: ${JSON.stringify(result.error)})` : '';
    return `${err.message}${torchError}${ours}`;
  }
}

test(`${COUNT} drawn schedules (seed ${SEED}): the engine does what torch 1.13 does`, {
  skip: !hasTorch && 'no torch',
}, () => {
  const specs = randomScheduleSpecs(engine.describe(), SEED, COUNT);
  const answers = askTorch(specs);
  assert.equal(answers.length, specs.length);
  const failures = [];
  const tally = { ran: 0, refused: 0, stopped: 0 };
  specs.forEach((spec, i) => {
    const answer = answers[i];
    if (answer.refused) tally.refused += 1;
    else if (answer.expected.error) tally.stopped += 1;
    else tally.ran += 1;
    const why = disagreement(spec, answer);
    if (why) failures.push(`${spec.name}: ${why}\n    ${JSON.stringify(spec)}`);
  });
  // The draw must exercise all three outcomes, or it tests less than it claims.
  assert.ok(tally.ran > COUNT / 3, `only ${tally.ran} of ${COUNT} ran to the end`);
  assert.ok(tally.refused > 0 && tally.stopped > 0, JSON.stringify(tally));
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${COUNT} differ from torch:\n${failures.slice(0, 12).join('\n')}`,
  );
  assert.equal(engine.stats().openSessions, 0);
});
