// Loss and accuracy per epoch, training and validation split, as two synced canvas charts.
import { ChartFrame, palette } from '../charts/chart-frame.mjs';
import { fmtAcc, fmtLoss } from '../number-format.mjs';
import { lrSeriesData } from './lr-chart.mjs';

const finite = (v) => (v == null || !Number.isFinite(v) ? null : v);

// context: run, args.show (loss | accuracy | both), optional baseline (a constant-LR TrainingRun
// drawn faintly behind), events / syncKey (see ChartFrame) when mounted outside a lesson page.
export function mount(el, { run, args = {}, baseline, events, syncKey }) {
  const showLoss = args.show !== 'accuracy';
  const showAcc = args.show !== 'loss';
  const faint = (label, color, value) => ({ label, color, faint: true, dash: [2, 3], value });
  const loss =
    showLoss &&
    new ChartFrame(el, {
      title: 'Loss per epoch (cross-entropy; test = held-out rows)',
      yLabel: 'loss',
      csvName: 'loss',
      series: [
        { label: 'train loss', color: palette(0), points: true, value: (u, v) => fmtLoss(v) },
        { label: 'test loss', color: palette(1), dash: [5, 3], points: true, value: (u, v) => fmtLoss(v) },
        ...(baseline ? [faint('train loss, constant lr', 'var(--fg-muted)', (u, v) => fmtLoss(v))] : []),
      ],
      events,
      syncKey,
    });
  const acc =
    showAcc &&
    new ChartFrame(el, {
      title: 'Accuracy per epoch',
      yLabel: 'accuracy',
      csvName: 'accuracy',
      yRange: [0, 1],
      yValues: (u, vals) => vals.map((v) => (v == null ? '' : `${Math.round(v * 100)}%`)),
      series: [
        { label: 'train accuracy', color: palette(2), points: true, value: (u, v) => fmtAcc(v) },
        { label: 'test accuracy', color: palette(3), dash: [5, 3], points: true, value: (u, v) => fmtAcc(v) },
        ...(baseline ? [faint('test accuracy, constant lr', 'var(--fg-muted)', (u, v) => fmtAcc(v))] : []),
      ],
      events,
      syncKey,
    });
  function redraw() {
    const E = run.spec ? run.spec.epochs : 0;
    const n = Math.max(run.records.length, baseline ? baseline.records.length : 0);
    const xs = Array.from({ length: n }, (_, e) => e);
    const col = (records, key) => xs.map((e) => finite(records[e]?.[key]));
    const markers = run.spec ? lrSeriesData(run)?.markers || [] : [];
    for (const [frame, a, b, c] of [
      [loss, 'train_loss', 'val_loss', 'train_loss'],
      [acc, 'train_accuracy', 'val_accuracy', 'val_accuracy'],
    ]) {
      if (!frame) continue;
      frame.opts.xRange = [0, Math.max(1, E)];
      const data = [xs, col(run.records, a), col(run.records, b)];
      if (baseline) data.push(col(baseline.records, c));
      frame.setData(data, markers);
    }
  }
  for (const ev of ['reset', 'started', 'planned', 'epoch', 'done']) run.addEventListener(ev, redraw);
  if (baseline) for (const ev of ['reset', 'epoch', 'done']) baseline.addEventListener(ev, redraw);
  redraw();
}
