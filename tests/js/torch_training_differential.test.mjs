// The engine against live torch on trainings nobody wrote by hand: training run-specs drawn
// from the engine's own declarations (random-training-specs.mjs), each trained by real torch
// 1.13 (scripts/fixtures/torch_training_oracle.py, the fixture loop of docs/run-spec.md 4.1)
// and by the shipped engine. torch gets the engine's exact starting point: the training rows
// (and held-out rows) the engine reads, split and standardized, through trace(), and the
// initial weights it draws from model.seed (a session's result() before its first batch).
// What torch trains, the engine trains: the same LR (and cycled momentum) at every optimizer
// step to 1e-12 relative, the same mid-run error (type, epoch, batch), the same batch where
// the loss stops being finite, and losses and final weights within the case's float32 noise;
// what torch's constructors refuse, the engine refuses. The seed is fixed, so a failure is
// reproducible; LRLAB_DIFF_SEED and LRLAB_DIFF_COUNT draw other cases.
//
// Tolerances (docs/run-spec.md 4.2). float32 training cannot match torch bit for bit; the
// fixtures' tolerance_hint is ten times the distance between torch's float32 run and the same
// run in float64. The oracle measures that distance for every drawn case, so each case is held
// to ten times its own: losses relative (a batch's relative to max(|loss|, its epoch's loss), as
// fixture_compare.mjs does), weights absolute. Floors: 1e-6 relative for losses and 2e-6
// absolute for weights, the smallest tolerance_hint of tests/fixtures/training.json (a case of
// two epochs can measure a distance by luck far below the engine's own rounding noise, which
// is of the same size: different summation orders, musl's exp and log against Sleef's).
// Where the float64 run takes other steps (float32 noise flipped a ReduceLROnPlateau decision,
// or the float32 run alone overflowed a step scalar), nothing beyond the LRs the runs share
// is compared: the engine may take either branch.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertScheduleClose, enginePath, root } from './fixture_compare.mjs';
import { randomTrainingSpecs } from './random-training-specs.mjs';

const { createEngine, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-torch lives
const ORACLE = fileURLToPath(new URL('scripts/fixtures/torch_training_oracle.py', root));
const SEED = Number(process.env.LRLAB_DIFF_SEED ?? 20261204);
const COUNT = Number(process.env.LRLAB_DIFF_COUNT ?? 300);
const LOSS_FLOOR = 1e-6;
const WEIGHTS_FLOOR = 2e-6;
const CHAOS = 1e-4;

/**
 * The float32 noise of a case, as the oracle measured it: the larger distance of torch's run
 * from the same run in float64 and from float32 runs whose initial weights are one ulp away
 * (a distance that is not finite counts as unbounded); the steps both other runs share.
 */
function noiseOf(answer) {
  const runs = [answer.float64, answer.jitter];
  const most = (key) => Math.max(...runs.map((d) => (Number.isFinite(d[key]) ? d[key] : Infinity)));
  return {
    loss: Math.max(most('epoch_loss_rel'), most('batch_loss_rel')),
    weights: most('weights_abs'),
    sameSteps: runs.every((d) => d.same_steps),
    sharedSteps: Math.min(...runs.map((d) => d.shared_steps ?? Infinity)),
  };
}

const chaotic = (noise) => noise.loss > CHAOS || noise.weights > CHAOS;

const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
// Under npm test (LRLAB_REQUIRE_TORCH=1, after setup.sh installed it) the oracle must be there.
if (!hasTorch && process.env.LRLAB_REQUIRE_TORCH === '1')
  throw new Error(
    `the torch oracle is missing: ${PYTHON} cannot import torch (apt-get install python3-torch)`,
  );

/** torch's answers for `cases`, in order. */
function askTorch(cases) {
  const run = spawnSync(PYTHON, [ORACLE], {
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `torch_training_oracle.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * What torch trains for `spec`: the spec with the engine's training rows inline, its held-out
 * rows (the plateau's val_* metrics) in `held_out`, and its initial weights in model.init.
 * Read from a session of the same data and model under a plain optimizer, so that a spec the
 * engine refuses for its optimizer or scheduler still reaches torch.
 */
function torchCase(spec) {
  const probe = engine.trainSession({
    data: spec.data,
    model: spec.model,
    optimizer: { type: 'SGD', lr: 0.1 },
    epochs: 1,
    batch_size: 1,
  });
  try {
    const summary = probe.dataSummary();
    const rows = (split, count) => {
      const traced = Array.from({ length: count }, (_, i) => probe.trace(i, split));
      return { x: traced.map((t) => t.input), y: traced.map((t) => t.label) };
    };
    const { name: _name, data: _data, model, ...rest } = spec;
    const heldOut =
      summary.n_test > 0 && summary.n_validation === 0 ? { held_out: rows('test', summary.n_test) } : {};
    return {
      ...rest,
      data: rows('train', summary.n_train),
      model: { sizes: model.sizes, init: model.init ?? probe.result().final },
      ...heldOut,
    };
  } finally {
    probe.delete();
  }
}

/** The engine's run of `spec` to the end, or the SpecError that refused it. */
function engineRun(spec) {
  let session;
  try {
    session = engine.trainSession(spec);
  } catch (err) {
    return { refused: err };
  }
  try {
    while (session.next() !== null);
    return { result: session.result() };
  } finally {
    session.delete();
  }
}

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const flatValues = (weights) => Object.values(weights).flat(2);

// Where the engine stops for a non-finite value, torch's loop (which trains on) sees a loss
// that is not finite: at that batch when the loss was, at the next batch when the update made
// the weights so (the engine keeps the weights before it).
// An update that makes torch's weights non-finite after the last batch shows in its final
// weights only.
function divergenceMatches(engineAt, exp, batches, epochs) {
  const torchAt =
    exp.diverged_at ??
    ([...flatValues(exp.final)].some((v) => !finite(v)) ? { epoch: epochs, batch: 0 } : null);
  if (!engineAt || !torchAt) return engineAt === null && !torchAt;
  const flat = (a) => a.epoch * batches + a.batch;
  const delta = flat(torchAt) - flat(engineAt);
  return delta === 0 || (delta === 1 && /weights/.test(engineAt.reason));
}

/** Why the engine's run differs from torch's answer, or null. */
function disagreement(answer, run, n, batchSize, epochs) {
  const batches = Math.ceil(n / batchSize);
  if (run.refused) {
    if (!(run.refused instanceof SpecError)) return `threw ${run.refused.name}: ${run.refused.message}`;
    return answer.refused ? null : `refused what torch runs: ${run.refused.message}`;
  }
  if (answer.refused) return `ran what torch refuses (${answer.refused.type}: ${answer.refused.message})`;
  const exp = answer.expected;
  const r = run.result;
  const noise = noiseOf(answer);
  const problems = [];
  const check = (ok, what) => {
    if (!ok) problems.push(what);
  };
  try {
    if (!noise.sameSteps || (chaotic(noise) && (r.diverged_at || exp.diverged_at))) {
      // the float32 noise decides a branch (a plateau decision, where the loss or the weights
      // of an exploding training overflow): only the steps before it are torch's for certain,
      // as far as the engine went
      const upTo = Math.min(noise.sharedSteps, exp.lr[0].length, r.lr[0].length);
      assertScheduleClose([r.lr[0].slice(0, upTo)], [exp.lr[0].slice(0, upTo)], 'lr');
      return null;
    }
    assertScheduleClose(r.lr, exp.lr, 'lr');
    if (exp.momentum) assertScheduleClose(r.momentum ?? [], exp.momentum, 'momentum');
    else check(r.momentum === undefined, 'momentum recorded where torch cycles none');
  } catch (err) {
    problems.push(err.message);
  }
  const tErr = exp.error;
  const eErr = r.error;
  // An update that makes the weights non-finite stops the engine (diverged_at) before the
  // scheduler step that follows it; torch's loop reaches that step, which may raise.
  const stoppedFirst =
    tErr?.during === 'scheduler.step' &&
    !eErr &&
    /weights/.test(r.diverged_at?.reason ?? '') &&
    r.diverged_at.epoch === tErr.epoch &&
    r.diverged_at.batch === (tErr.batch ?? batches - 1) &&
    flatValues(exp.final).some((v) => !finite(v));
  if (!stoppedFirst) {
    check(
      tErr?.type === eErr?.type && tErr?.epoch === eErr?.epoch && tErr?.batch === eErr?.batch,
      `error: torch ${JSON.stringify(tErr ?? null)}, engine ${JSON.stringify(eErr ?? null)}`,
    );
    check(
      divergenceMatches(r.diverged_at, exp, batches, epochs),
      `diverged: torch ${JSON.stringify(exp.diverged_at ?? null)}, engine ${JSON.stringify(r.diverged_at)}`,
    );
  }
  // Past the point where float32 noise grows beyond 1e-4 in the losses (relative) or the
  // weights (absolute), a hundred times the fixtures' (an eps of 0 or a beta2 of 0 under tiny
  // gradients, LRs of 100 on raw features), two float32 runs are as far apart as chaos takes
  // them, and three runs measure that spread too low (Adam with beta2 0: 16 runs from weights
  // an ulp apart spread 3.5e-3 in the loss, where the three measured 1.9e-5); the schedule and
  // the errors are still torch's, checked above.
  if (chaotic(noise)) return problems.length ? problems.join('; ') : null;
  const lossTol = Math.max(LOSS_FLOOR, 10 * noise.loss);
  const weightsTol = Math.max(WEIGHTS_FLOOR, 10 * noise.weights);
  const epochLoss = r.epoch_loss.filter((v) => v !== null);
  let wantEpoch = exp.epoch_loss;
  if (
    tErr?.during === 'scheduler.step' &&
    tErr.batch === batches - 1 &&
    exp.batch_loss[tErr.epoch].length === batches
  ) {
    // A per-batch scheduler step that raises after the epoch's last update (OneCycleLR past
    // total_steps) leaves the engine a complete epoch, which it records (its update did not
    // raise); Python's loop never reaches the line that sums it: torch's batch losses do.
    const sizes = Array.from({ length: batches }, (_, k) => Math.min(batchSize, n - k * batchSize));
    const sum = exp.batch_loss[tErr.epoch].reduce((s, b, k) => s + b * sizes[k], 0);
    wantEpoch = [...wantEpoch, sum / n];
  }
  const diverged = Boolean(exp.diverged_at || r.diverged_at);
  // Where the engine stops for non-finite weights, torch's loop still completes that batch's
  // epoch: the values both have are compared.
  if (!diverged)
    check(
      epochLoss.length === wantEpoch.length,
      `${epochLoss.length} epoch losses, torch ${wantEpoch.length}`,
    );
  wantEpoch.forEach((b, e) => {
    const a = epochLoss[e];
    if (a === undefined && diverged) return;
    check(
      Math.abs(a - b) <= lossTol * Math.abs(b),
      `epoch_loss[${e}]: got ${a}, torch ${b} (tol ${lossTol})`,
    );
  });
  exp.batch_loss.forEach((row, e) => {
    const got = (r.batch_loss[e] ?? []).filter((v) => v !== null);
    if (!diverged)
      check(got.length === row.length, `batch_loss[${e}]: ${got.length} batches, torch ${row.length}`);
    row.forEach((b, k) => {
      const a = got[k];
      if (a === undefined && diverged) return;
      const scale = Math.max(Math.abs(b), exp.epoch_loss[e] ?? 0);
      check(
        Math.abs(a - b) <= lossTol * scale,
        `batch_loss[${e}][${k}]: got ${a}, torch ${b} (tol ${lossTol})`,
      );
    });
  });
  if (!exp.diverged_at && !r.diverged_at) {
    for (const [name, value] of Object.entries(exp.final)) {
      const want = [value].flat(2);
      const got = [r.final[name]].flat(2);
      check(got.length === want.length, `final.${name} size`);
      want.forEach((b, i) => {
        const a = got[i];
        const ok = finite(b) ? finite(a) && Math.abs(Math.fround(a) - b) <= weightsTol : a === null;
        check(ok, `final.${name}[${i}]: got ${a}, torch ${b} (tol ${weightsTol})`);
      });
    }
  }
  return problems.length ? problems.slice(0, 4).join('; ') : null;
}

// Engine bugs this test found, each with the cases that show it: a drawn case that differs from
// torch and matches one is held by the todo test below instead of failing the suite. Delete an
// entry once the engine is fixed (the todo test then passes).
// (AdamW's decay before a step that raises, fixed in session 29: torch decays only W1 there.)
/** @type {Array<{what: string, matches: (spec: any, answer: any) => boolean}>} */
const KNOWN_ENGINE_BUGS = [];

// A param group's value torch's constructor never checks (it validates its own kwargs only):
// torch trains with it, and so does the engine (with a warning).
const GROUP_VALUES = [
  { type: 'SGD', lr: 0.1, param_groups: [{ lr: -0.1 }] },
  { type: 'SGD', lr: 0.1, param_groups: [{ momentum: -0.5 }] },
  { type: 'SGD', lr: 0.1, param_groups: [{ weight_decay: -0.01 }] },
  { type: 'Adam', lr: 0.01, param_groups: [{ eps: -1e-8 }] },
  { type: 'Adam', lr: 0.01, param_groups: [{ betas: [-0.1, 0.999] }] },
  { type: 'AdamW', lr: 0.01, param_groups: [{ betas: [0.9, 1] }] },
  { type: 'Adam', lr: 0.01, param_groups: [{ betas: [1.5, 0.999] }] },
  { type: 'RMSprop', lr: 0.01, param_groups: [{ alpha: 0.5, eps: -1e-8 }] },
].map((optimizer, i) => ({
  name: `group value #${i}`,
  data: {
    x: [
      [1, 0],
      [0, 1],
      [1, 1],
      [0.5, -1],
      [0.2, 0.3],
    ],
    y: [0, 1, 1, 0, 1],
  },
  model: {
    sizes: [2, 2],
    init: {
      W1: [
        [0.5, -0.25],
        [0.25, 0.5],
      ],
      b1: [0.1, -0.1],
    },
  },
  optimizer,
  epochs: 2,
  batch_size: 2,
}));

/** Every spec's disagreement with torch (or null), and what each outcome counted. */
function compare(specs) {
  const cases = specs.map(torchCase);
  const answers = askTorch(cases);
  assert.equal(answers.length, specs.length);
  const tally = { ran: 0, refused: 0, stopped: 0, diverged: 0, branched: 0, chaotic: 0 };
  const results = specs.map((spec, i) => {
    const answer = answers[i];
    if (answer.refused) tally.refused += 1;
    else if (!noiseOf(answer).sameSteps) tally.branched += 1;
    else if (chaotic(noiseOf(answer))) tally.chaotic += 1;
    else if (answer.expected.error) tally.stopped += 1;
    else if (answer.expected.diverged_at) tally.diverged += 1;
    else tally.ran += 1;
    const why = disagreement(answer, engineRun(spec), cases[i].data.y.length, spec.batch_size, spec.epochs);
    const known = why ? KNOWN_ENGINE_BUGS.find((bug) => bug.matches(spec, answer)) : undefined;
    return { spec, why, known };
  });
  return { results, tally };
}

const describeFailure = ({ spec, why }) => `${spec.name}: ${why}\n    ${JSON.stringify(spec)}`;
let knownFailures = [];

test(`${COUNT} drawn trainings (seed ${SEED}): the engine trains what torch 1.13 trains`, {
  skip: !hasTorch && 'no torch',
}, async () => {
  for (const set of ['iris', 'wine', 'breast_cancer']) await engine.loadDataset(set);
  const { results, tally } = compare(randomTrainingSpecs(engine.describe(), SEED, COUNT));
  knownFailures = results.filter((r) => r.why && r.known);
  const failures = results.filter((r) => r.why && !r.known);
  console.log(`seed ${SEED}: ${JSON.stringify({ ...tally, known_engine_bugs: knownFailures.length })}`);
  // The draw must exercise every outcome, or it tests less than it claims.
  assert.ok(tally.ran > COUNT / 2, `only ${tally.ran} of ${COUNT} ran to the end`);
  assert.ok(tally.refused > 0 && tally.stopped > 0, JSON.stringify(tally));
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${COUNT} differ from torch:\n${failures.slice(0, 12).map(describeFailure).join('\n')}`,
  );
  assert.equal(engine.stats().openSessions, 0);
});

test('param-group values torch 1.13 never checks train as in torch (and no known engine bug shows)', {
  skip: !hasTorch && 'no torch',
  todo: KNOWN_ENGINE_BUGS.length ? KNOWN_ENGINE_BUGS.map((bug) => bug.what).join('; ') : undefined,
}, () => {
  const group = compare(GROUP_VALUES).results.filter((r) => r.why);
  const all = [...knownFailures, ...group];
  assert.equal(
    all.length,
    0,
    `${all.length} differ from torch:\n${all.slice(0, 12).map(describeFailure).join('\n')}`,
  );
});
