// What the schedule bought: the learner's scheduled run against the constant-LR baseline trained on
// the same data, initial weights and batch order (lesson-page.mjs starts both). Pure functions of
// the two runs' epoch records, so the key insight and the tests read the same verdict.
import { fmtAcc } from './number-format.mjs';

/** Final test loss/accuracy of a run's records, or null when it has none. */
function finalOf(records, diverged) {
  const last = records.at(-1);
  if (!last) return null;
  return {
    loss: Number.isFinite(last.test_loss) ? last.test_loss : null,
    acc: last.test_accuracy ?? null,
    diverged: !!diverged,
    epochs: records.length,
  };
}

/**
 * The test accuracy of always answering the largest class (a data summary's class_counts.test):
 * what a model that learned nothing scores. Null when the summary does not say.
 * @param {{class_counts?: {test?: number[]}} | null | undefined} summary
 */
export function majorityAccuracy(summary) {
  const counts = summary?.class_counts?.test;
  const n = counts?.reduce((a, b) => a + b, 0);
  return n ? Math.max(...counts) / n : null;
}

/**
 * Whether a final test accuracy is no better than `chance` (majorityAccuracy): below it, or
 * within two test rows of it (one point on a large split).
 */
export function atChance(acc, chance, nTest) {
  if (acc == null || chance == null) return false;
  return acc <= chance + Math.max(nTest ? 2 / nTest : 0, 0.01);
}

/**
 * scheduled, baseline: {records, diverged_at}; nTest: held-out rows (one sample = 1/nTest accuracy);
 * chance: the test accuracy of always answering the largest class (majorityAccuracy), if known.
 * Returns {verdict: 'helped' | 'hurt' | 'tie' | 'mixed', lossDelta, accDelta, scheduled, baseline, why}
 * with deltas as baseline minus scheduled for loss (positive = schedule lower) and scheduled minus
 * baseline for accuracy (positive = schedule higher); `why` explains a verdict other than "helped".
 */
export function scheduleGain(scheduled, baseline, nTest, chance = null) {
  const s = finalOf(scheduled.records, scheduled.diverged_at);
  const b = finalOf(baseline.records, baseline.diverged_at);
  if (!s || !b || s.acc === null || b.acc === null) return null;
  const sameLr = scheduled.records.every((r, i) => r.lr[0] === baseline.records[i]?.lr[0]);
  const lossDelta = s.loss !== null && b.loss !== null ? b.loss - s.loss : null;
  const accDelta = s.acc - b.acc;
  const oneSample = nTest ? 1 / nTest : 0;
  const lossBetter = s.loss !== null && (b.loss === null || lossDelta > 0);
  const lossWorse = b.loss !== null && (s.loss === null || lossDelta < 0);
  const accBetter = accDelta > oneSample / 2;
  const accWorse = accDelta < -oneSample / 2;
  // neither run learned to classify: a lower loss between two failures is no verdict
  const neitherLearned =
    !s.diverged && !b.diverged && atChance(s.acc, chance, nTest) && atChance(b.acc, chance, nTest);
  let verdict;
  if (neitherLearned) verdict = 'tie';
  else if (b.diverged && !s.diverged) verdict = 'helped';
  else if (s.diverged && !b.diverged) verdict = 'hurt';
  else if (lossBetter && !accWorse && (accBetter || Math.abs(lossDelta) > 1e-3)) verdict = 'helped';
  else if (lossWorse && !accBetter && (accWorse || Math.abs(lossDelta) > 1e-3)) verdict = 'hurt';
  else if ((lossBetter && accWorse) || (lossWorse && accBetter)) verdict = 'mixed';
  else verdict = 'tie';

  // accuracy as held-out rows: what a difference of "0.5 points" is on a 200-row test split
  const rows = nTest ? Math.round(accDelta * nTest) : null;
  const plural = (k) => `${k} ${k === 1 ? 'row' : 'rows'}`;
  // the constant run's test loss rising over its last half ("bouncing" or overfitting)
  const late = baseline.records.slice(Math.floor(baseline.records.length / 2)).map((r) => r.test_loss);
  const lateMin = Math.min(...late.filter(Number.isFinite));
  const baselineRose = Number.isFinite(late.at(-1)) && late.at(-1) > lateMin * 1.01;
  let why = '';
  if (sameLr)
    why = 'the schedule never changed the learning rate within these epochs, so both runs are the same run';
  else if (neitherLearned)
    why = `neither run learned to classify: they ended at ${fmtAcc(s.acc)} and ${fmtAcc(b.acc)} test accuracy, no better than always answering the largest class (${fmtAcc(chance)} of these test rows), so the comparison says nothing about the schedule: change the learning rate first`;
  else if (verdict === 'hurt' || verdict === 'mixed' || verdict === 'tie') {
    // under-trained: the smaller steps left the training loss above the constant run's
    const undertrained =
      scheduled.records.at(-1).train_loss > baseline.records.at(-1).train_loss * 1.01 &&
      scheduled.records.some((r, i) => r.lr[0] < baseline.records[i].lr[0]);
    if (undertrained)
      why =
        'the constant-LR run was still improving where the schedule had already slowed down (its training loss ended lower), so the cuts came before learning was done: train longer, cut later or cut less';
    else if (s.diverged) why = 'the schedule raised the learning rate beyond what this model tolerates';
    else if (verdict === 'mixed' && rows !== null)
      why = `the schedule ended with ${lossBetter ? 'lower' : 'higher'} test loss but ${plural(Math.abs(rows))} of ${nTest} ${accWorse ? 'fewer' : 'more'} classified right; loss also counts how confident each answer is, accuracy only whether it is right, and a few rows are within the noise of a test split this size`;
    else if (baselineRose)
      why = `the constant-LR run's test loss rose over its last epochs (from ${lateMin.toFixed(4)} to ${late.at(-1).toFixed(4)}), but the schedule's smaller steps did not end lower either`;
    else
      why =
        "the constant-LR run's test loss did not rise over its last epochs, so the smaller steps had nothing to smooth out";
  }
  return { verdict, lossDelta, accDelta, rows, nTest, scheduled: s, baseline: b, why, sameLr };
}
