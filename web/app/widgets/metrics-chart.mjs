// Loss and accuracy per epoch, training and validation split, as two synced canvas charts.
import { ChartFrame, palette } from '../charts/chart-frame.mjs';
import { fmtAcc, fmtLoss } from '../number-format.mjs';
import { lrSeriesData } from './lr-chart.mjs';

const finite = (v) => (v == null || !Number.isFinite(v) ? null : v);

export function mount(el, { run, args }) {
  const showLoss = args.show !== 'accuracy';
  const showAcc = args.show !== 'loss';
  const loss =
    showLoss &&
    new ChartFrame(el, {
      title: 'Loss per epoch (cross-entropy; test = held-out rows)',
      yLabel: 'loss',
      csvName: 'loss',
      series: [
        { label: 'train loss', color: palette(0), points: true, value: (u, v) => fmtLoss(v) },
        { label: 'test loss', color: palette(1), dash: [5, 3], points: true, value: (u, v) => fmtLoss(v) },
      ],
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
      ],
    });
  function redraw() {
    const E = run.spec ? run.spec.epochs : 0;
    const xs = Array.from({ length: run.records.length }, (_, e) => e);
    const markers = run.spec ? lrSeriesData(run)?.markers || [] : [];
    for (const [frame, a, b] of [
      [loss, 'train_loss', 'val_loss'],
      [acc, 'train_accuracy', 'val_accuracy'],
    ]) {
      if (!frame) continue;
      frame.opts.xRange = [0, Math.max(1, E)];
      frame.setData(
        [xs, run.records.map((r) => finite(r[a])), run.records.map((r) => finite(r[b]))],
        markers,
      );
    }
  }
  for (const ev of ['reset', 'started', 'planned', 'epoch', 'done']) run.addEventListener(ev, redraw);
  redraw();
}
