// The LR range test (Leslie Smith 2015, fast.ai's lr_find) on the learner's own model and
// data: one epoch whose LR grows exponentially from START_LR to END_LR, batch by batch. The
// engine trains it as an ordinary run (ExponentialLR stepped per batch), so every point is a
// real batch loss; the curve is smoothed as lr_find does (exponential moving average with
// bias correction), and the suggested max_lr is a tenth of the LR at the lowest smoothed
// loss. One click puts it into OneCycleLR.
import { h } from '../element.mjs';
import { fmtLoss, fmtLr } from '../number-format.mjs';
import { buildTrainSpec } from '../run-spec.mjs';
import { paramKey } from '../scheduler-catalog.mjs';
import { TrainingRun } from '../training-run.mjs';

const START_LR = 1e-5;
const END_LR = 10;
const BETA = 0.98; // lr_find's smoothing

/** Smoothed losses (bias-corrected EMA) and the suggestion, from per-batch LRs and losses. */
export function rangeTestCurve(lrs, losses) {
  const smooth = [];
  let avg = 0;
  let best = Infinity;
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i])) break;
    avg = BETA * avg + (1 - BETA) * losses[i];
    const s = avg / (1 - BETA ** (i + 1));
    if (i > 0 && s > 4 * best) break; // the loss has exploded: the rest says nothing
    best = Math.min(best, s);
    smooth.push(s);
  }
  let min = 0;
  for (let i = 1; i < smooth.length; i++) if (smooth[i] < smooth[min]) min = i;
  return { lr: lrs.slice(0, smooth.length), smooth, minLr: lrs[min], suggestion: lrs[min] / 10 };
}

export function mount(el, { state, lesson }) {
  const run = new TrainingRun('lr-range-test', 'the LR range test');
  const start = h('button', { type: 'button', text: 'Run the LR range test' });
  const use = h('button', { type: 'button', text: 'Use it in OneCycleLR', disabled: true });
  const status = h('p', { class: 'range-status', 'aria-live': 'polite' });
  const canvas = h('canvas', {
    class: 'range-chart',
    role: 'img',
    'aria-label': 'Loss against learning rate',
  });
  el.append(h('div', { class: 'range-controls' }, start, ' ', use), status, canvas);
  let curve = null;

  function draw() {
    const width = Math.min(el.clientWidth || 560, 640);
    const height = 260;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    if (!curve || curve.smooth.length < 2) return;
    const pad = { l: 56, r: 12, t: 10, b: 34 };
    const lx = (lr) => Math.log10(lr);
    const x0 = lx(curve.lr[0]);
    const x1 = lx(curve.lr.at(-1));
    const y0 = Math.min(...curve.smooth);
    const y1 = Math.max(...curve.smooth);
    const X = (lr) => pad.l + ((lx(lr) - x0) / (x1 - x0 || 1)) * (width - pad.l - pad.r);
    const Y = (v) => pad.t + (1 - (v - y0) / (y1 - y0 || 1)) * (height - pad.t - pad.b);
    const ink = getComputedStyle(el).color || '#222';
    g.strokeStyle = ink;
    g.fillStyle = ink;
    g.font = '11px system-ui, sans-serif';
    g.beginPath();
    g.moveTo(pad.l, pad.t);
    g.lineTo(pad.l, height - pad.b);
    g.lineTo(width - pad.r, height - pad.b);
    g.stroke();
    g.textAlign = 'center';
    for (let d = Math.ceil(x0); d <= Math.floor(x1); d++) {
      const x = X(10 ** d);
      g.fillText(fmtLr(10 ** d), x, height - pad.b + 14);
    }
    g.fillText('learning rate (log scale)', (pad.l + width - pad.r) / 2, height - 4);
    g.textAlign = 'right';
    g.fillText(fmtLoss(y1), pad.l - 4, pad.t + 8);
    g.fillText(fmtLoss(y0), pad.l - 4, height - pad.b);
    g.strokeStyle = '#1f77b4';
    g.lineWidth = 2;
    g.beginPath();
    for (const [i, v] of curve.smooth.entries()) {
      if (i) g.lineTo(X(curve.lr[i]), Y(v));
      else g.moveTo(X(curve.lr[i]), Y(v));
    }
    g.stroke();
    g.strokeStyle = '#d62728';
    g.setLineDash([4, 3]);
    g.beginPath();
    g.moveTo(X(curve.suggestion), pad.t);
    g.lineTo(X(curve.suggestion), height - pad.b);
    g.stroke();
    g.setLineDash([]);
    g.textAlign = 'left';
    g.fillStyle = '#d62728';
    g.fillText(`max_lr ${fmtLr(curve.suggestion)}`, X(curve.suggestion) + 4, pad.t + 10);
  }

  start.addEventListener('click', () => {
    const base = buildTrainSpec(state.values, lesson.run);
    curve = null;
    use.disabled = true;
    el.dataset.state = 'running';
    status.textContent = 'Training one epoch with an exponentially growing LR…';
    // The batch count is the engine's (it knows the split): a probe run reports it when it
    // starts, and is replaced at once by the test, whose LR grows over exactly that many steps.
    probe = { ...base, optimizer: { ...base.optimizer, lr: START_LR }, scheduler: null, epochs: 1 };
    run.restart(probe);
  });
  let probe = null;
  run.addEventListener('started', () => {
    if (!probe) return;
    const nb = run.batchesPerEpoch;
    const gamma = (END_LR / START_LR) ** (1 / Math.max(1, nb - 1));
    const spec = { ...probe, scheduler: { type: 'ExponentialLR', gamma }, scheduler_step: 'batch' };
    probe = null;
    run.restart(spec);
  });
  run.addEventListener('done', () => {
    const record = run.records[0];
    if (probe || !record || !run.spec?.scheduler) return;
    curve = rangeTestCurve(record.lr_steps[0], record.batch_loss);
    el.dataset.state = 'done';
    el.dataset.suggestion = String(curve.suggestion);
    use.disabled = false;
    status.textContent =
      `${record.batch_loss.length} batches from lr ${fmtLr(START_LR)} up to ${fmtLr(record.lr_steps[0].at(-1))}. ` +
      `The smoothed loss is lowest at lr ${fmtLr(curve.minLr)}; a tenth of that, ` +
      `${fmtLr(curve.suggestion)}, is the suggested max_lr for OneCycleLR.`;
    draw();
  });
  run.addEventListener('error', () => {
    status.textContent = `The range test failed: ${run.error}`;
  });
  use.addEventListener('click', () => {
    if (!curve) return;
    state.update({
      scheduler: 'OneCycleLR',
      [paramKey('OneCycleLR', 'max_lr')]: Number(curve.suggestion.toPrecision(2)),
    });
  });
  draw();
}
