// The learning-rate chart: the planned schedule (engine.schedule, drawn faintly as soon as the
// spec is known), the LR each optimizer step actually used (from the epoch records) drawn as steps,
// momentum on a second axis when the scheduler cycles it, dashed markers where the LR changes,
// and a linear/log toggle.
import { ChartFrame, csvCell, palette } from '../charts/chart-frame.mjs';
import { h } from '../element.mjs';
import { fmtLr } from '../number-format.mjs';
import { describeSpec } from '../spec-summary.mjs';

export function lrSeriesData(run) {
  const spec = run.spec;
  if (!spec) return null;
  const perBatch = spec.scheduler_step === 'batch';
  const nb = run.batchesPerEpoch || 1;
  const E = spec.epochs;
  const n = perBatch ? E * nb : E;
  const xs = Array.from({ length: n + 1 }, (_, t) => (perBatch ? t / nb : t));
  const groups = run.records[0]?.lr.length || run.planned?.lr?.length || 1;
  const planned = Array.from({ length: groups }, (_, g) => {
    const col = new Array(n + 1).fill(null);
    // no scheduler: the plan is the optimizer's LR, held
    const held = !spec.scheduler && groups === 1 && typeof spec.optimizer?.lr === 'number';
    const lr = run.planned?.lr?.[g] || (held ? new Array(n).fill(spec.optimizer.lr) : null);
    if (lr) {
      for (let t = 0; t < Math.min(n, lr.length); t++) col[t] = lr[t];
      if (lr.length >= n) col[n] = lr[n - 1];
    }
    return col;
  });
  const actual = Array.from({ length: groups }, () => new Array(n + 1).fill(null));
  const momentum = new Array(n + 1).fill(null);
  let hasMomentum = false;
  run.records.forEach((r, e) => {
    for (let g = 0; g < groups; g++) {
      if (perBatch)
        r.lr_steps[g].forEach((v, k) => {
          actual[g][e * nb + k] = v;
        });
      else actual[g][e] = r.lr[g];
    }
    const m = perBatch ? r.momentum_steps?.[0] : r.momentum ? [r.momentum[0]] : null;
    if (m) {
      hasMomentum = true;
      m.forEach((v, k) => {
        momentum[perBatch ? e * nb + k : e] = v;
      });
    }
  });
  if (run.records.length === E) {
    for (let g = 0; g < groups; g++) actual[g][n] = actual[g][n - 1];
    momentum[n] = momentum[n - 1];
  }
  if (!hasMomentum && run.planned?.momentum) {
    // before training, show the planned momentum path
    hasMomentum = true;
    run.planned.momentum[0].forEach((v, t) => {
      if (t < n) momentum[t] = v;
    });
  }
  // markers: epochs whose LR differs from the previous epoch (epoch-stepped schedules only)
  const markers = [];
  if (!perBatch) {
    const ref = run.records.length ? actual[0] : planned[0];
    for (let t = 1; t < n; t++)
      if (ref[t] != null && ref[t - 1] != null && ref[t] !== ref[t - 1]) markers.push(t);
  }
  // a schedule that changes almost every epoch (cosine, exponential) would be a fence of markers:
  // markers are for staircases; the epoch table still highlights every change
  if (markers.length > Math.max(8, n / 3)) markers.length = 0;
  return { xs, planned, actual, momentum, hasMomentum, groups, markers, perBatch, nb };
}

/** The LR a comparison run (scheduler none) used, per x position of `d` (null where not trained yet). */
function baselineColumn(baseline, d) {
  return d.xs.map((_, t) => {
    const e = Math.min(d.perBatch ? Math.floor(t / d.nb) : t, baseline.records.length - 1);
    return e >= 0 ? baseline.records[e].lr[0] : null;
  });
}

// context: run, state (lr_scale), optional baseline (a constant-LR TrainingRun drawn faintly),
// events / syncKey (see ChartFrame) when mounted outside a lesson page.
export function mount(el, { run, state, baseline, events, syncKey }) {
  // the scale is a URL field (lr_scale), so a shared link shows the same chart
  let log = state.get('lr_scale') === 'log';
  let shape = '';
  const logButton = h('button', {
    type: 'button',
    class: 'small',
    'aria-pressed': String(log),
    text: 'Log scale',
    onclick: () => state.set('lr_scale', log ? 'linear' : 'log'),
  });
  state.addEventListener('change', (e) => {
    if (!e.keys.includes('lr_scale')) return;
    log = state.get('lr_scale') === 'log';
    logButton.setAttribute('aria-pressed', String(log));
    frame.setLog(log);
    redraw();
  });
  const frame = new ChartFrame(el, {
    title: 'Learning rate per epoch (from the engine)',
    yLabel: 'learning rate',
    series: [],
    csvName: 'learning-rate',
    settings: () => describeSpec(run.spec),
    toolbar: [logButton],
    log,
    yRange: (u, min, max) => [0, (max || 1) * 1.08],
    yValues: (u, vals) => vals.map((v) => (v == null ? '' : fmtLr(v))),
    toCsv,
    events,
    syncKey,
  });
  el.classList.add('lr-chart');

  function toCsv() {
    const d = lrSeriesData(run);
    if (!d) return 'epoch\n';
    const head = [
      'epoch',
      ...d.planned.map((_, g) => `planned_lr_group${g}`),
      ...d.actual.map((_, g) => `lr_group${g}`),
      ...(d.hasMomentum ? ['momentum'] : []),
    ];
    const rows = d.xs
      .slice(0, -1)
      .map((x, t) => [
        x,
        ...d.planned.map((c) => c[t]),
        ...d.actual.map((c) => c[t]),
        ...(d.hasMomentum ? [d.momentum[t]] : []),
      ]);
    return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }

  function redraw() {
    const d = lrSeriesData(run);
    if (!d) {
      frame.setData([[]], []);
      return;
    }
    // a per-batch scheduler's LR changes at every optimizer step, not once an epoch
    frame.setTitle(
      d.perBatch
        ? 'Learning rate at every optimizer step (from the engine)'
        : 'Learning rate per epoch (from the engine)',
    );
    // the baseline is the run itself when the run has no scheduler: not drawn, not in the legend
    const withBase = !!baseline && !!run.spec.scheduler;
    const key = `${d.groups}|${d.hasMomentum}|${d.perBatch}|${!!run.planned}|${withBase}|${!!run.spec.scheduler}`;
    const clean = (col) => (log ? col.map((v) => (v != null && v > 0 ? v : null)) : col);
    const data = [
      d.xs,
      ...d.planned.map(clean),
      ...d.actual.map(clean),
      ...(d.hasMomentum ? [d.momentum] : []),
      ...(withBase ? [clean(baselineColumn(baseline, d))] : []),
    ];
    if (key !== shape) {
      shape = key;
      const series = [];
      for (let g = 0; g < d.groups; g++)
        series.push({
          label: !run.spec.scheduler
            ? 'planned: constant (no scheduler)'
            : !run.planned
              ? 'planned: none (the LR depends on training)'
              : d.groups > 1
                ? `planned, group ${g}`
                : 'planned (engine.schedule)',
          color: g ? palette(g) : 'var(--chart-faint)',
          stepped: true,
          faint: true,
          dash: [6, 4],
          value: (u, v) => fmtLr(v),
        });
      for (let g = 0; g < d.groups; g++)
        series.push({
          label: d.groups > 1 ? `lr, group ${g}` : 'lr used',
          color: palette(g),
          stepped: true,
          value: (u, v) => fmtLr(v),
        });
      if (d.hasMomentum)
        series.push({
          label: 'momentum',
          color: palette(4),
          scale: 'm',
          value: (u, v) => (v == null ? '–' : String(Number(v.toFixed(4)))),
        });
      if (withBase)
        series.push({
          label: 'constant lr (baseline)',
          color: 'var(--chart-faint)',
          stepped: true,
          faint: true,
          dash: [2, 3],
          value: (u, v) => fmtLr(v),
        });
      frame.opts.extraScales = d.hasMomentum ? { m: { range: [0, 1] } } : {};
      frame.opts.extraAxis = d.hasMomentum
        ? { scale: 'm', side: 1, label: 'momentum', size: 50, labelSize: 20 }
        : null;
      frame.opts.xLabel = d.perBatch ? 'epoch (optimizer steps as fractions)' : 'epoch';
      frame.opts.xRange = [0, run.spec.epochs];
      frame.setSeries(series, data);
    }
    frame.setData(data, d.markers);
  }
  for (const ev of ['reset', 'started', 'planned', 'epoch', 'done']) run.addEventListener(ev, redraw);
  if (baseline) for (const ev of ['reset', 'epoch', 'done']) baseline.addEventListener(ev, redraw);
  redraw();
}
