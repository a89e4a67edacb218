// Quiz questions built from the learner's own run (engine records), so the right answer is
// whatever their settings produced. Each returns null while the run cannot answer it yet.
// `name` says which run is meant (a lesson with several runs names the one its quiz asks about,
// lessons/README.md section 4).
import { fmtAcc, fmtLr } from './number-format.mjs';
import { lastStepLr } from './training-run.mjs';

const NEVER = 'It never dropped in this run';

function epochChoices(answer, total) {
  const set = new Set([answer]);
  for (const d of [1, -1, 2, 3, -2, 4, 5]) {
    if (set.size >= 4) break;
    const e = answer + d;
    if (e >= 0 && e < total) set.add(e);
  }
  return [...set].sort((a, b) => a - b).map(String);
}

// The first LR lower than the one before it, over every batch the records hold (a scheduler
// stepped per batch cuts inside an epoch: lr_steps), else over the epochs' LRs. null: none.
function firstLrDrop(records) {
  let prev = null;
  for (const [epoch, r] of records.entries()) {
    const lrs = r.lr_steps?.[0]?.length ? r.lr_steps[0] : [r.lr[0]];
    for (const [batch, lr] of lrs.entries()) {
      if (prev !== null && lr < prev) return { epoch, batch, from: prev, to: lr };
      prev = lr;
    }
  }
  return null;
}

export const GENERATED = {
  first_lr_drop(run, name = 'your run') {
    if (run.status !== 'done' || !run.records.length) return null;
    const drop = firstLrDrop(run.records);
    const total = run.records.length;
    const choices = drop
      ? [...epochChoices(drop.epoch, total), NEVER]
      : [...epochChoices(Math.min(5, total - 1), total), NEVER];
    const answer = drop ? choices.indexOf(String(drop.epoch)) : choices.indexOf(NEVER);
    let explain =
      'With these settings the learning rate never went down during the run: its LR chart never falls.';
    if (drop?.batch > 0)
      explain = `Within epoch ${drop.epoch} the LR went from ${fmtLr(drop.from)} to ${fmtLr(drop.to)} at batch ${drop.batch} (counted from 0): the scheduler is stepped per batch, so its cut took effect inside the epoch.`;
    else if (drop && drop.from === run.records[drop.epoch - 1].lr[0])
      explain = `Your epoch table shows ${fmtLr(drop.from)} in epoch ${drop.epoch - 1} and ${fmtLr(drop.to)} in epoch ${drop.epoch}: the scheduler's cut took effect at epoch ${drop.epoch}.`;
    else if (drop)
      // the LR moved within the epoch before (a schedule stepped per batch): the table's first-batch
      // value of that epoch is not where the LR stood when it fell
      explain = `The LR went from ${fmtLr(drop.from)} in the last batch of epoch ${drop.epoch - 1} to ${fmtLr(drop.to)} in the first batch of epoch ${drop.epoch}: the scheduler's cut took effect at epoch ${drop.epoch}.`;
    return {
      id: 'gen-first-lr-drop',
      question: `In ${name}, at which epoch (counted from 0) did the learning rate first drop?`,
      choices,
      answer,
      explain,
    };
  },
  best_val_epoch(run, name = 'your run') {
    if (run.status !== 'done' || !run.records.length || run.records[0].test_accuracy == null) return null;
    let best = 0;
    run.records.forEach((r, i) => {
      if (r.test_accuracy > run.records[best].test_accuracy) best = i;
    });
    const choices = epochChoices(best, run.records.length);
    return {
      id: 'gen-best-val-epoch',
      question: `In ${name}, in which epoch was the test accuracy highest for the first time?`,
      choices,
      answer: choices.indexOf(String(best)),
      explain: `Epoch ${best} reached ${fmtAcc(run.records[best].test_accuracy)}, the highest test accuracy of the run.`,
    };
  },
  final_lr(run, name = 'your run') {
    if (run.status !== 'done' || !run.records.length) return null;
    const last = run.records.length - 1;
    const v = run.records[last].lr[0];
    const first = run.records[0].lr[0];
    // choices written the way the answer is (fmtLr switches to e-notation below 1e-4), so no
    // choice stands out by its notation alone
    const notation = (x) => fmtLr(x).includes('e');
    const opts = [
      ...new Set(
        [v, first, v * 10, v / 10, v * 100, v * 2, v / 2]
          .filter((x) => notation(x) === notation(v))
          .map(fmtLr),
      ),
    ].slice(0, 4);
    const sorted = opts.sort((a, b) => Number(a) - Number(b));
    // stepped per batch, the final epoch trains at many LRs: the question is about its first
    const end = lastStepLr(run.records);
    const moving = end !== v;
    return {
      id: 'gen-final-lr',
      question: moving
        ? `In ${name}, which learning rate did the final epoch (epoch ${last}) start with?`
        : `In ${name}, which learning rate did the final epoch (epoch ${last}) use?`,
      choices: sorted,
      answer: sorted.indexOf(fmtLr(v)),
      explain: moving
        ? `The last row of your epoch table shows ${fmtLr(v)}, the LR of the epoch's first batch (the run started from ${fmtLr(first)}); stepped every batch, it reached ${fmtLr(end)} by the epoch's last step.`
        : `The last row of your epoch table shows ${fmtLr(v)}, starting from ${fmtLr(first)}.`,
    };
  },
};
