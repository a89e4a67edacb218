// The key insight about the learner's own run: where the LR, the loss and the held-out accuracy
// started and ended, and what the schedule bought against the constant-LR baseline (same data,
// weights and batch order), including when it did not help and why (schedule-gain.mjs).
import { h } from '../element.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../number-format.mjs';
import { plateauModeMismatch } from '../plateau-mode.mjs';
import { majorityAccuracy, scheduleGain } from '../schedule-gain.mjs';
import { lastStepLr } from '../training-run.mjs';

const signed = (v, fmt) => (v > 0 ? '+' : v < 0 ? '−' : '±') + fmt(Math.abs(v));
const pts = (v) => `${(v * 100).toFixed(1)} points`;

export function mount(el, { run, baseline }) {
  const p = h('p', { class: 'key-insight', 'aria-live': 'polite' });
  const gain = h('p', { class: 'key-insight key-insight-gain', 'aria-live': 'polite' });
  el.append(p, gain);
  function render() {
    const rs = run.records;
    if (run.status !== 'done' || !rs.length) {
      p.textContent = 'Your run’s summary appears here when training finishes.';
      gain.textContent = '';
      delete el.dataset.verdict;
      return;
    }
    const a = rs[0];
    const z = rs[rs.length - 1];
    const vals = rs.map((r) => r.test_accuracy).filter((v) => v !== null && v !== undefined);
    let best = -1;
    rs.forEach((r, i) => {
      if (r.test_accuracy != null && (best < 0 || r.test_accuracy > rs[best].test_accuracy)) best = i;
    });
    // stepped per batch, the last epoch starts at one LR and ends at another: say which is meant
    // (the epoch table shows where each epoch starts, the compare table where the run ends)
    const end = lastStepLr(rs);
    const lrEnd =
      end !== z.lr[0]
        ? `${fmtLr(z.lr[0])} at the start of epoch ${rs.length - 1} and ${fmtLr(end)} at its last step`
        : `${fmtLr(z.lr[0])} in epoch ${rs.length - 1}`;
    p.textContent =
      `In your ${run.spec?.scheduler ? `${run.spec.scheduler.type} ` : 'constant-LR '}run the learning rate went from ${fmtLr(a.lr[0])} in epoch 0 to ${lrEnd}; ` +
      `the training loss went from ${fmtLoss(a.train_loss)} to ${fmtLoss(z.train_loss)}` +
      (vals.length
        ? ` and the test accuracy from ${fmtAcc(a.test_accuracy)} to ${fmtAcc(z.test_accuracy)} (best ${fmtAcc(rs[best].test_accuracy)}, epoch ${best}).`
        : '.');
    gain.textContent = '';
    delete el.dataset.verdict;
    if (!baseline || !run.spec?.scheduler) return;
    // PyTorch raised mid-run (training-run.mjs runError): the runs did not train the same epochs
    const stopped = run.runError?.();
    if (stopped) {
      el.dataset.verdict = 'stopped';
      gain.textContent = `${stopped}. Your run stopped there, as it would in PyTorch, so it is not compared with the constant-LR baseline.`;
      return;
    }
    if (baseline.status !== 'done') {
      gain.textContent = 'The constant-LR baseline is still training…';
      return;
    }
    const g = scheduleGain(
      { records: rs, diverged_at: run.result?.diverged_at },
      { records: baseline.records, diverged_at: baseline.result?.diverged_at },
      run.summary?.n_test,
      majorityAccuracy(run.summary),
    );
    if (!g) return;
    el.dataset.verdict = g.verdict;
    const lr0 = fmtLr(baseline.records[0].lr[0]);
    const s = g.scheduled;
    const b = g.baseline;
    const compared =
      `Against a constant LR of ${lr0} (same data, initial weights and batch order), your schedule ended with ` +
      `test loss ${fmtLoss(s.loss)} vs ${b.diverged ? 'a diverged run' : fmtLoss(b.loss)}` +
      (g.lossDelta !== null ? ` (${signed(-g.lossDelta, (v) => v.toFixed(4))})` : '') +
      ` and test accuracy ${fmtAcc(s.acc)} vs ${fmtAcc(b.acc)} (${signed(g.accDelta, pts)}` +
      (g.rows ? `: ${Math.abs(g.rows)} of ${g.nTest} test rows` : '') +
      ').';
    const small = g.rows !== null && Math.abs(g.rows) <= 2 && Math.abs(g.lossDelta ?? 0) < 0.01;
    // The verdict is about where training ended; say so when the constant run peaked higher
    // on the way (the epoch table shows both runs' best epochs).
    const peak = (records) =>
      records.reduce(
        (p, r, e) =>
          r.test_accuracy != null && r.test_accuracy > (p?.acc ?? -1) ? { acc: r.test_accuracy, e } : p,
        null,
      );
    const peaks = { s: peak(rs), b: peak(baseline.records) };
    const peakNote =
      peaks.s && peaks.b && peaks.b.acc > peaks.s.acc
        ? ` On the way, the constant run peaked higher: ${fmtAcc(peaks.b.acc)} at epoch ${peaks.b.e} against this run's best ${fmtAcc(peaks.s.acc)}; the gain is in where training ended.`
        : '';
    const helped =
      (g.accDelta > 0 && g.rows
        ? ` The schedule helped at the end: lower final test loss and ${g.rows} more held-out ${g.rows === 1 ? 'row' : 'rows'} classified right.`
        : ' The schedule helped at the end: lower final test loss with the same or better accuracy.') +
      peakNote;
    const verdict = {
      helped:
        helped + (small ? ' A margin this small can flip with other data or other initial weights.' : ''),
      hurt: ` The schedule did not help here: ${g.why}.`,
      mixed: ` A mixed result: one measure improved and the other got worse; ${g.why}.`,
      tie: ` No real difference: ${g.why || 'the two runs ended within one test sample of each other'}.`,
    }[g.verdict];
    // a plateau scheduler in the wrong mode: that, not the schedule's idea, is what the run shows
    const mismatch = plateauModeMismatch(run.spec);
    const said = mismatch && g.verdict !== 'helped' ? '' : verdict;
    gain.textContent = compared + said + (mismatch ? ` ${mismatch}` : '');
  }
  for (const ev of ['reset', 'done']) run.addEventListener(ev, render);
  if (baseline) for (const ev of ['reset', 'done']) baseline.addEventListener(ev, render);
  render();
}
