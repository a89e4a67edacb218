// The LR range test in the playground (the maths: range-test.mjs): a probe run learns the batch
// count, the test run trains with the LR growing per batch, the smoothed curve is drawn on a log
// LR axis with the suggested max_lr marked, and one click puts it into OneCycleLR.
import { h } from '../element.mjs';
import { learnerCsv } from '../learner-csv.mjs';
import { fmtLoss, fmtLr } from '../number-format.mjs';
import { MAX_LR, rangeTestCurve, rangeTestPlan, START_LR } from '../range-test.mjs';
import { buildTrainSpec } from '../run-spec.mjs';
import { TrainingRun } from '../training-run.mjs';

export function mount(el, { state, lesson }) {
  const run = new TrainingRun('lr-range-test', 'the LR range test');
  const start = h('button', { type: 'button', text: 'Run the LR range test' });
  const use = h('button', { type: 'button', text: 'Use it in OneCycleLR', disabled: true });
  const status = h('p', { class: 'range-status', 'aria-live': 'polite' });
  // hidden until there is a curve: it would reserve 260 px of blank page before the test runs
  const canvas = h('canvas', {
    class: 'range-chart',
    hidden: true,
    role: 'img',
    'aria-label': 'Loss against learning rate',
  });
  el.append(h('div', { class: 'range-controls' }, start, ' ', use), status, canvas);
  let curve = null;

  function draw() {
    canvas.hidden = !curve || curve.smooth.length < 2;
    if (!curve || canvas.hidden) return;
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
    g.save();
    g.translate(12, (pad.t + height - pad.b) / 2);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'center';
    g.fillText('smoothed loss', 0, 0);
    g.restore();
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
    g.fillStyle = '#d62728';
    // the label sits right of the line, or left of it where it would leave the plot
    const label = `max_lr ${fmtLr(curve.suggestion)}`;
    const right = X(curve.suggestion) + 4 + g.measureText(label).width <= width - pad.r;
    g.textAlign = right ? 'left' : 'right';
    g.fillText(label, X(curve.suggestion) + (right ? 4 : -4), pad.t + 10);
  }

  start.addEventListener('click', () => {
    let base;
    try {
      base = buildTrainSpec(state.values, lesson.run, {}, { csv: learnerCsv() });
    } catch (err) {
      status.textContent = `Cannot run the test: ${err.message}`; // settings no run can have
      return;
    }
    curve = null;
    use.disabled = true;
    el.dataset.state = 'running';
    status.textContent = 'Training with an exponentially growing LR, batch by batch…';
    // The batch count is the engine's (it knows the split): a probe run reports it when it
    // starts, and is replaced at once by the test, whose LR grows over exactly its steps.
    probe = { ...base, optimizer: { ...base.optimizer, lr: START_LR }, scheduler: null, epochs: 1 };
    run.restart(probe);
  });
  let probe = null;
  run.addEventListener('started', () => {
    if (!probe) return;
    const { epochs, gamma } = rangeTestPlan(run.batchesPerEpoch);
    const spec = { ...probe, epochs, scheduler: { type: 'ExponentialLR', gamma }, scheduler_step: 'batch' };
    probe = null;
    run.restart(spec);
  });
  run.addEventListener('done', () => {
    if (probe || !run.records.length || !run.spec?.scheduler) return;
    const lrs = run.records.flatMap((r) => r.lr_steps[0]);
    const losses = run.records.flatMap((r) => r.batch_loss);
    curve = rangeTestCurve(lrs, losses);
    el.dataset.state = 'done';
    el.dataset.suggestion = String(curve.suggestion);
    use.disabled = false;
    status.textContent =
      `${losses.length} batches (${run.records.length} ${run.records.length === 1 ? 'epoch' : 'epochs'}) ` +
      `from lr ${fmtLr(START_LR)} up to ${fmtLr(lrs.at(-1))}. ` +
      `The smoothed loss is lowest at lr ${fmtLr(Number(curve.minLr.toPrecision(3)))}; a tenth of that, ` +
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
      [MAX_LR.key]: curve.suggestion,
    });
  });
  draw();
}
