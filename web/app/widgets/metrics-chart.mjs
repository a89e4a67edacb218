// Loss and accuracy per epoch, training and held-out split, as two synced canvas charts. The
// constant-LR baseline (same data, weights and batch order; lesson-page.mjs) is drawn faintly
// behind the run, so every chart shows what the schedule bought. The accuracy axis zooms to the
// data, with a 0-100 % toggle.
import { ChartFrame, palette } from '../charts/chart-frame.mjs';
import { h } from '../element.mjs';
import { needsMetric } from '../engine-facts.mjs';
import { fmtAcc, fmtLoss } from '../number-format.mjs';
import { describeSpec } from '../spec-summary.mjs';
import { lrSeriesData } from './lr-chart.mjs';

const finite = (v) => (v == null || !Number.isFinite(v) ? null : v);

/** Accuracy range: the data's span padded to whole 5 % steps (at least 10 % tall), or 0-100 %. */
export function accuracyRange(values, full) {
  const vs = values.filter((v) => v != null);
  if (full || !vs.length) return [0, 1];
  let lo = Math.floor((Math.min(...vs) - 0.02) * 20) / 20;
  let hi = Math.ceil((Math.max(...vs) + 0.02) * 20) / 20;
  if (hi - lo < 0.1) lo = hi - 0.1;
  lo = Math.max(0, lo);
  hi = Math.min(1, Math.max(hi, lo + 0.1));
  return [lo, hi];
}

/** Loss range from 0; a diverging epoch (beyond 4 x the median loss) is clipped, not the scale. */
export function lossRange(values, max) {
  const vs = values.filter((v) => v != null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!vs.length) return [0, 1];
  const cap = 4 * vs[Math.floor((vs.length - 1) / 2)];
  return [0, Math.max(1e-3, Math.min(max ?? cap, cap) * 1.05)];
}

function toggle(text, pressed, title, onchange) {
  const b = h('button', { type: 'button', class: 'small', 'aria-pressed': String(pressed), text, title });
  b.addEventListener('click', () => {
    const on = b.getAttribute('aria-pressed') !== 'true';
    b.setAttribute('aria-pressed', String(on));
    onchange(on);
  });
  return b;
}

// context: run, args.show (loss | accuracy | both), optional baseline (a constant-LR TrainingRun
// drawn faintly behind), lesson / state on a lesson page, events / syncKey (see ChartFrame) when
// mounted outside one.
/**
 * @param {HTMLElement} el
 * @param {{run: import('../training-run.mjs').TrainingRun, baseline?: import('../training-run.mjs').TrainingRun,
 *   lesson?: {run?: {scheduler?: unknown}}, state?: {get(key: string): unknown}, args?: {show?: string},
 *   events?: EventTarget, syncKey?: string}} context
 */
export function mount(el, { run, baseline, lesson, state, args = {}, events, syncKey }) {
  // the plateau lesson's validation split (what the scheduler watches) drawn next to test
  const validation = Number(state?.get('validation_fraction') ?? 0) > 0;
  const showLoss = args.show !== 'accuracy';
  const showAcc = args.show !== 'loss';
  let showBaseline = true;
  let fullAcc = false;
  const baselineOn = () => showBaseline && !!baseline && !!run.spec?.scheduler;
  const baseButton = () =>
    toggle('Constant-LR baseline', true, 'Show the same run at a constant learning rate, faintly', (on) => {
      showBaseline = on;
      for (const b of el.querySelectorAll('[data-toggle="baseline"]'))
        b.setAttribute('aria-pressed', String(on));
      redraw();
    });
  const lossBase = baseButton();
  const accBase = baseButton();
  lossBase.dataset.toggle = 'baseline';
  accBase.dataset.toggle = 'baseline';
  const accFull = toggle(
    '0–100 %',
    false,
    'Show the whole accuracy range instead of zooming to the data',
    (on) => {
      fullAcc = on;
      redraw();
    },
  );
  // the baseline in the theme's faint colour, so it reads as "behind" the run's colours; wide,
  // so it still shows as a halo where the run follows it exactly (the epochs before a first cut)
  const faint = (label, i, dash) => ({
    label: `${label}, constant lr`,
    color: 'var(--chart-faint)',
    faint: true,
    width: 5,
    dash,
    value: (u, v) => (label.includes('accuracy') ? fmtAcc(v) : fmtLoss(v)),
  });
  // the legend lists the baseline only when it is drawn (a run without a scheduler is its own
  // baseline), and calls validation "watched" only when the scheduler is given it
  const lossSeries = (withBase, watched) => [
    ...(withBase ? [faint('train loss', 0), faint('test loss', 1, [5, 3])] : []),
    { label: 'train loss', color: palette(0), points: true, value: (u, v) => fmtLoss(v) },
    { label: 'test loss', color: palette(1), dash: [5, 3], points: true, value: (u, v) => fmtLoss(v) },
    ...(validation
      ? [
          {
            label: watched ? 'validation loss (watched)' : 'validation loss',
            color: palette(4),
            dash: [2, 2],
            points: true,
            value: (u, v) => fmtLoss(v),
          },
        ]
      : []),
  ];
  const accSeries = (withBase) => [
    ...(withBase ? [faint('train accuracy', 2), faint('test accuracy', 3, [5, 3])] : []),
    { label: 'train accuracy', color: palette(2), points: true, value: (u, v) => fmtAcc(v) },
    { label: 'test accuracy', color: palette(3), dash: [5, 3], points: true, value: (u, v) => fmtAcc(v) },
    ...(validation
      ? [
          {
            label: 'validation accuracy',
            color: palette(5),
            dash: [2, 2],
            points: true,
            value: (u, v) => fmtAcc(v),
          },
        ]
      : []),
  ];
  const loss =
    showLoss &&
    new ChartFrame(el, {
      title: 'Loss per epoch (cross-entropy; test = held-out rows)',
      yLabel: 'loss',
      yRange: (u, min, max) => lossRange(u.data.slice(1).flat(), max),
      csvName: 'loss',
      settings: () => describeSpec(run.spec),
      events,
      syncKey,
      toolbar: baseline ? [lossBase] : [],
      series: lossSeries(false, false),
    });
  const acc =
    showAcc &&
    new ChartFrame(el, {
      title: 'Accuracy per epoch',
      yLabel: 'accuracy',
      csvName: 'accuracy',
      settings: () => describeSpec(run.spec),
      events,
      syncKey,
      toolbar: [...(baseline ? [accBase] : []), accFull],
      yRange: (u, min, max) => accuracyRange(u.data.slice(1).flat(), fullAcc),
      yValues: (u, vals) => vals.map((v) => (v == null ? '' : `${Math.round(v * 100)}%`)),
      series: accSeries(false),
    });
  /** @type {Map<ChartFrame, string>} the series set each chart was built with */
  const shapes = new Map();
  function redraw() {
    const E = run.spec ? run.spec.epochs : 0;
    const base = baselineOn() ? baseline.records : [];
    const xs = Array.from({ length: Math.max(run.records.length, base.length) }, (_, e) => e);
    const markers = run.spec ? lrSeriesData(run)?.markers || [] : [];
    el.dataset.baseline = String(base.length);
    const scheduled = run.spec ? !!run.spec.scheduler : lesson?.run?.scheduler != null;
    lossBase.hidden = accBase.hidden = !baseline || !scheduled;
    /** @type {Array<[ChartFrame | false, string, string, string]>} */
    const charts = [
      [loss, 'train_loss', 'test_loss', 'val_loss'],
      [acc, 'train_accuracy', 'test_accuracy', 'val_accuracy'],
    ];
    const withBase = baselineOn();
    const watched = !!run.spec && needsMetric(run.spec.scheduler);
    const sig = `${withBase}|${watched}`;
    for (const [frame, a, b, v] of charts) {
      if (!frame) continue;
      // the LR chart's range, so the charts stacked on a page line up epoch for epoch (its steps
      // hold over [e, e+1), so it runs to E)
      frame.opts.xRange = [0, Math.max(1, E)];
      const col = (rs, key) => xs.map((e) => finite(rs[e]?.[key]));
      const cols = [
        xs,
        ...(withBase ? [col(base, a), col(base, b)] : []),
        col(run.records, a),
        col(run.records, b),
      ];
      if (validation) cols.push(col(run.records, v));
      if (shapes.get(frame) !== sig) {
        shapes.set(frame, sig);
        frame.setSeries(frame === loss ? lossSeries(withBase, watched) : accSeries(withBase), cols);
      }
      frame.setData(cols, markers);
    }
    // the loss scale clips a diverged run (lossRange): a labelled line says where it left
    if (loss) {
      const notes = [];
      const d = run.result?.diverged_at;
      if (d) notes.push({ x: d.epoch, label: `diverged at epoch ${d.epoch}` });
      const bd = baselineOn() ? baseline.result?.diverged_at : null;
      if (bd)
        notes.push({
          x: bd.epoch,
          label: `constant LR diverged at epoch ${bd.epoch}`,
          color: 'var(--fg-muted)',
        });
      loss.setAnnotations(notes);
    }
  }
  for (const ev of ['reset', 'started', 'planned', 'epoch', 'done']) run.addEventListener(ev, redraw);
  if (baseline) for (const ev of ['reset', 'epoch', 'done']) baseline.addEventListener(ev, redraw);
  redraw();
}
