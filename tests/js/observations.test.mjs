// The epoch table's observations (web/app/observations.mjs) on a real ReduceLROnPlateau run of the
// plateau lesson's defaults: the epoch whose scheduler.step() cut the LR names the bad-epoch count
// that fired (the record's counter is already reset to 0 by the cut) and the same LR text the
// table's LR column shows for the next epoch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonSpec } from '../../scripts/lesson-spec.mjs';
import { fmtLoss, fmtLr } from '../../web/app/number-format.mjs';
import { observe, plateauCutReason } from '../../web/app/observations.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

test('plateau lesson: the cut epoch says which bad epoch exceeded patience, in the LR column format', async () => {
  const spec = await lessonSpec('plateau');
  const patience = spec.scheduler.patience;
  const run = await engine.train(spec);
  const records = run.epochs;
  const cuts = records.flatMap((r, i) => (r.lr_after && r.lr_after[0] < r.lr[0] ? [i] : []));
  assert.ok(cuts.length > 0, 'the lesson defaults cut the LR at least once');
  for (const i of cuts) {
    const note = observe(records, i, { metric: spec.plateau_metric, patience });
    // the record after the cut holds a reset counter; the note counts the bad epoch that fired
    assert.equal(records[i].plateau.num_bad_epochs, 0);
    assert.equal(records[i - 1].plateau.num_bad_epochs, patience);
    assert.match(note, new RegExp(`bad epoch ${patience + 1} > patience ${patience}: LR cut to `));
    assert.doesNotMatch(note, /bad epoch 0/);
    // the LR named is the one the table shows in the next epoch's row
    if (records[i + 1]) assert.ok(note.includes(`LR cut to ${fmtLr(records[i + 1].lr[0])} `), note);
  }
  // epochs without a cut keep counting as before
  const counted = records.findIndex((r) => r.plateau.num_bad_epochs === 1);
  if (counted >= 0)
    assert.match(
      observe(records, counted, { metric: spec.plateau_metric, patience }),
      /bad epoch 1$|bad epoch 1;/,
    );
});

test('StepLR lesson stepped per batch: no "went up" for a rise the table does not show', async () => {
  // the tester's case: gamma every step_size batches drives the LR to ~1e-20, the loss frozen
  const base = await lessonSpec('steplr');
  const run = await engine.train({ ...base, scheduler_step: 'batch' });
  const records = run.epochs;
  const notes = records.map((_, i) => observe(records, i));
  let checked = 0;
  for (let i = 1; i < records.length; i++) {
    const shownSame = fmtLoss(records[i].train_loss) === fmtLoss(records[i - 1].train_loss);
    if (!shownSame) continue;
    checked++;
    assert.doesNotMatch(notes[i], /went up/, `epoch ${i}: ${notes[i]}`);
  }
  assert.ok(checked >= 3, `epochs with the same shown loss: ${checked}`);
  // a rise the table does show is still reported
  const rose = { ...records[1], train_loss: records[0].train_loss + 0.01 };
  assert.match(observe([records[0], rose], 1), /Training loss went up/);
  // a hidden rise of more than 1 % of a tiny loss is not "Loss decreased" either
  const tiny = [
    { ...records[0], lr_steps: [[records[0].lr[0]]], train_loss: 0.00012 },
    { ...records[1], lr: records[0].lr, lr_steps: [[records[0].lr[0]]], train_loss: 0.00014 },
  ];
  assert.match(observe(tiny, 1), /^Loss plateaued/);
});

// torch 1.13 ReduceLROnPlateau.step (lr_scheduler.py L1002-1023, is_better L1042-1055), replayed
// on the run's own metrics: what each epoch's step decided.
function replayPlateau(metrics, { mode, threshold, threshold_mode, patience, cooldown }) {
  let best = mode === 'min' ? Infinity : -Infinity;
  let bad = 0;
  let cooldownCounter = 0;
  return metrics.map((a) => {
    const rel = threshold_mode === 'rel';
    const better =
      mode === 'min'
        ? a < (rel ? best * (1 - threshold) : best - threshold)
        : a > (rel ? best * (threshold + 1) : best + threshold);
    if (better) {
      best = a;
      bad = 0;
    } else bad += 1;
    const inCooldown = cooldownCounter > 0;
    if (inCooldown) {
      cooldownCounter -= 1;
      bad = 0;
    }
    const badCount = bad;
    const triggered = bad > patience;
    if (triggered) {
      cooldownCounter = cooldown;
      bad = 0;
    }
    return { improved: better, cooldown: inCooldown, bad_count: badCount, triggered };
  });
}

test('plateau with cooldown and min_lr: each note says what torch decided (the learner walk case)', async () => {
  const base = await lessonSpec('plateau');
  const scheduler = {
    type: 'ReduceLROnPlateau',
    mode: 'max',
    threshold_mode: 'abs',
    threshold: 0.01,
    cooldown: 2,
    patience: 1,
    min_lr: 0.03,
  };
  const spec = { ...base, scheduler, plateau_metric: 'val_accuracy', epochs: 24 };
  const records = (await engine.train(spec)).epochs;
  const want = replayPlateau(
    records.map((r) => r.val_accuracy),
    scheduler,
  );
  const seen = { improvedInCooldown: 0, cooldown: 0, triggeredAtMin: 0, cut: 0 };
  records.forEach((r, i) => {
    assert.deepEqual(r.plateau.decision, want[i], `epoch ${i}`);
    const note = observe(records, i, { metric: 'val_accuracy', patience: 1 });
    const d = want[i];
    if (d.triggered && r.lr_after[0] < r.lr[0]) {
      seen.cut++;
      assert.match(note, new RegExp(`bad epoch ${d.bad_count} > patience 1: LR cut to `));
    } else if (d.triggered) {
      seen.triggeredAtMin++;
      assert.match(note, /bad epoch 2 > patience 1: a cut, but the LR stays 0\.03 \(min_lr or eps\)/);
    } else if (d.improved) {
      if (d.cooldown) seen.improvedInCooldown++;
      assert.match(note, /improved to/);
    } else if (d.cooldown) {
      seen.cooldown++;
      assert.match(note, /in cooldown, not counted/);
      assert.doesNotMatch(note, /improved/);
    } else assert.match(note, new RegExp(`bad epoch ${d.bad_count}(;|$)`));
  });
  // the run visits the cases the walk found mislabelled
  assert.ok(seen.cut >= 1 && seen.cooldown >= 2 && seen.triggeredAtMin >= 1, JSON.stringify(seen));
});

// torch does not check patience: at -1 every step calls a cut (count 0 > -1), on improving
// epochs and in cooldown too. The plateau strip's reason must follow the engine's decision.
test('a cut called on an improving or cooldown epoch is not described as a bad epoch', async () => {
  const base = await lessonSpec('plateau');
  const seen = { improved: 0, cooldown: 0, bad: 0, kept: 0 };
  // mode max on a falling loss never improves after epoch 0: cooldown 1 hides every bad epoch,
  // cooldown 0 counts each one
  for (const [mode, cooldown] of [
    ['min', 1],
    ['max', 1],
    ['max', 0],
  ]) {
    const scheduler = { type: 'ReduceLROnPlateau', mode, patience: -1, cooldown, factor: 0.5, min_lr: 0.01 };
    const spec = { ...base, scheduler, plateau_metric: 'val_loss', epochs: 10 };
    const records = (await engine.train(spec)).epochs;
    const want = replayPlateau(
      records.map((r) => r.val_loss),
      { threshold: 1e-4, threshold_mode: 'rel', ...scheduler },
    );
    records.forEach((r, i) => {
      const at = `${mode}/${cooldown} epoch ${i}`;
      assert.deepEqual(r.plateau.decision, want[i], at);
      const reason = plateauCutReason(r, 'val_loss', -1);
      assert.ok(want[i].triggered, `${at}: every step calls a cut at patience -1`);
      if (want[i].improved) {
        seen.improved++;
        assert.match(reason, /^\d\.\d+ became the best, yet bad epoch 0 > -1/, at);
      } else if (want[i].cooldown) {
        seen.cooldown++;
        assert.match(reason, /^in cooldown \(not counted\), yet bad epoch 0 > -1/, at);
      } else {
        seen.bad++;
        assert.match(reason, /^\d\.\d+ not better than best \d\.\d+: bad epoch 1 > -1/, at);
      }
      if (!(r.lr_after[0] < r.lr[0])) {
        seen.kept++;
        assert.match(reason, /\(min_lr or eps keeps the LR\)$/, at);
      }
    });
    const quiet = {
      ...records[0],
      plateau: { ...records[0].plateau, decision: { ...want[0], triggered: false } },
    };
    assert.equal(plateauCutReason(quiet, 'val_loss', -1), '');
  }
  assert.ok(
    Object.values(seen).every((n) => n > 0),
    JSON.stringify(seen),
  );
});
