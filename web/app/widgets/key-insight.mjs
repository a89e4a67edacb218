// One sentence summarising the learner's own run: where the LR, the loss and the held-out
// accuracy started and ended (all from the engine's records).
import { h } from '../element.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../number-format.mjs';

export function mount(el, { run }) {
  const p = h('p', { class: 'key-insight', 'aria-live': 'polite' });
  el.append(p);
  function render() {
    const rs = run.records;
    if (run.status !== 'done' || !rs.length) {
      p.textContent = 'Your run’s summary appears here when training finishes.';
      return;
    }
    const a = rs[0];
    const z = rs[rs.length - 1];
    const vals = rs.map((r) => r.val_accuracy).filter((v) => v !== null && v !== undefined);
    let best = -1;
    rs.forEach((r, i) => {
      if (r.val_accuracy != null && (best < 0 || r.val_accuracy > rs[best].val_accuracy)) best = i;
    });
    p.textContent =
      `In your run the learning rate went from ${fmtLr(a.lr[0])} in epoch 0 to ${fmtLr(z.lr[0])} in epoch ${rs.length - 1}; ` +
      `the training loss went from ${fmtLoss(a.train_loss)} to ${fmtLoss(z.train_loss)}` +
      (vals.length
        ? ` and the test accuracy from ${fmtAcc(a.val_accuracy)} to ${fmtAcc(z.val_accuracy)} (best ${fmtAcc(rs[best].val_accuracy)}, epoch ${best}).`
        : '.');
  }
  for (const ev of ['reset', 'done']) run.addEventListener(ev, render);
  render();
}
