// The Sweep (lesson 8): the lesson's training run over a grid of two hyper-parameters,
// trained by a pool of workers (worker-pool.mjs), drawn as a heatmap that fills in cell by
// cell. Hover (or the arrow keys) shows a cell's numbers; click (or Enter) opens that run's
// charts. The row of gamma = 1 (or the "constant" row) is the constant-LR run to compare with.
import { h, nextId } from '../element.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../number-format.mjs';
import { buildTrainSpec } from '../run-spec.mjs';
import { followWithBaseline, TrainingRun } from '../training-run.mjs';
import { WorkerPool } from '../worker-pool.mjs';

const logRange = (lo, hi, n) =>
  Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (n > 1 ? i / (n - 1) : 0));
const linRange = (lo, hi, n) =>
  Array.from({ length: n }, (_, i) => lo + (hi - lo) * (n > 1 ? i / (n - 1) : 0));
const intRange = (lo, hi, n) => [...new Set(linRange(lo, hi, n).map(Math.round))];
const round = (v) => Number(v.toPrecision(3));

// The base run's StepLR step_size, so the grid's cells cut where the base run's chart does
// (a third of the epochs when the base run has no StepLR).
const baseStepSize = (base) =>
  base.scheduler?.type === 'StepLR' ? base.scheduler.step_size : Math.max(1, Math.round(base.epochs / 3));

// Each pair: its axes (x across, y down) and the run-spec of a cell. y's last value is the
// constant-LR comparison (gamma = 1, or no scheduler). The label (the picker's option) names
// the axes first and stays short enough for a 360 px screen; the note under the picker says more.
const PAIRS = {
  'lr-gamma': {
    label: 'lr × gamma (StepLR)',
    note: "Across: the initial lr. Down: StepLR's gamma, cutting every step_size epochs as the base run does.",
    x: { name: 'lr', values: (n) => logRange(1e-3, 1, n).map(round), fmt: fmtLr },
    y: { name: 'gamma', values: (n) => linRange(0.1, 1, n).map((v) => round(v)), fmt: String },
    spec: (base, lr, gamma) => ({
      ...base,
      optimizer: { ...base.optimizer, lr },
      scheduler: { type: 'StepLR', step_size: baseStepSize(base), gamma },
      scheduler_step: 'epoch',
    }),
  },
  'step-gamma': {
    label: 'step_size × gamma (StepLR)',
    note: "Across: StepLR's step_size. Down: its gamma. Every cell starts from the base run's lr.",
    x: { name: 'step_size', values: (n, base) => intRange(1, base.epochs, n), fmt: String },
    y: { name: 'gamma', values: (n) => linRange(0.1, 1, n).map((v) => round(v)), fmt: String },
    spec: (base, stepSize, gamma) => ({
      ...base,
      scheduler: { type: 'StepLR', step_size: stepSize, gamma },
      scheduler_step: 'epoch',
    }),
  },
  'lr-tmax': {
    label: 'lr × T_max (CosineAnnealingLR)',
    note: "Across: the initial lr. Down: CosineAnnealingLR's T_max; the last row has no scheduler.",
    x: { name: 'lr', values: (n) => logRange(1e-3, 1, n).map(round), fmt: fmtLr },
    y: {
      name: 'T_max',
      values: (n, base) => [...intRange(1, base.epochs, n - 1), 'constant'],
      fmt: String,
    },
    spec: (base, lr, tMax) => ({
      ...base,
      optimizer: { ...base.optimizer, lr },
      scheduler: tMax === 'constant' ? null : { type: 'CosineAnnealingLR', T_max: tMax },
      scheduler_step: 'epoch',
    }),
  },
};

const METRICS = {
  final_accuracy: { label: 'final test accuracy', fmt: fmtAcc, higherIsBetter: true },
  final_loss: { label: 'final training loss', fmt: fmtLoss, higherIsBetter: false },
  best_epoch: { label: 'best epoch', fmt: String, higherIsBetter: true },
};

// A perceptually ordered ramp (dark blue -> teal -> yellow), t in [0, 1].
function ramp(t) {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * f));
  return `rgb(${c.join(',')})`;
}

const fmtCount = (n) => n.toLocaleString('en-US');

/**
 * What the finished grid measured, in words: in how many columns a scheduled cell beat the
 * column's constant-LR cell (the last row) on final test accuracy, and the best cell. The
 * lesson's prose says how to read the grid; this says what this grid shows.
 * @param {{pair: any, xs: any[], ys: any[], results: Map<string, any>, specOf?: (key: string) => any}} sweep
 */
export function measuredVerdict(sweep) {
  const { pair, xs, ys, results } = sweep;
  const last = ys.length - 1;
  const acc = (i, j) => {
    const s = results.get(`${i},${j}`)?.summary;
    return s && !s.diverged && Number.isFinite(s.final_accuracy) ? s.final_accuracy : null;
  };
  const wins = [];
  let best = null;
  for (let i = 0; i < xs.length; i++) {
    const constant = acc(i, last);
    let top = null;
    for (let j = 0; j <= last; j++) {
      const a = acc(i, j);
      if (a !== null && (best === null || a > best.a)) best = { a, i, j };
      if (j < last && a !== null && (top === null || a > top)) top = a;
    }
    if (top !== null && (constant === null || top > constant)) wins.push(i);
  }
  const x = (i) => `${pair.x.name} ${pair.x.fmt(xs[i])}`;
  // one column, a run of neighbours, a short list, or only the span of a scattered many
  const contiguous = wins.every((c, k) => c === wins[0] + k);
  const span = `${x(wins[0])} to ${pair.x.fmt(xs[wins[wins.length - 1]])}`;
  const where = !wins.length
    ? ''
    : wins.length === 1
      ? ` (${x(wins[0])})`
      : contiguous
        ? ` (${span})`
        : wins.length <= 6
          ? ` (${pair.x.name} ${wins.map((c) => pair.x.fmt(xs[c])).join(', ')})`
          : ` (scattered from ${span})`;
  const y = (j) =>
    j !== last
      ? `${pair.y.name} ${pair.y.fmt(ys[j])}`
      : ys[j] === 'constant'
        ? 'no scheduler (constant LR)'
        : `${pair.y.name} ${pair.y.fmt(ys[j])} (constant LR)`;
  const cells = best ? ` Best cell: ${x(best.i)}, ${y(best.j)}, ${fmtAcc(best.a)}.` : '';
  return (
    `In ${wins.length} of ${xs.length} columns${where} a scheduled run ended with a higher test accuracy ` +
    `than the column's constant-LR run; in ${xs.length - wins.length} the constant LR did as well or better.${cells}`
  );
}

// The heatmap redraws at most this often while cells come in: still live, and the page's own
// thread leaves the cores to the workers (redrawn every frame, it took 1.0 of a 1.4 s grid's
// 2 cores in Chromium: issue 12).
const REDRAW_MS = 150;

export function mount(el, ctx) {
  const { state, lesson } = ctx;
  const pool = { current: null };
  const id = nextId('sweep');
  const pairSelect = h(
    'select',
    { id: `${id}-pair` },
    Object.entries(PAIRS).map(([k, p]) => h('option', { value: k, text: p.label })),
  );
  const sizeSelect = h(
    'select',
    { id: `${id}-size` },
    [4, 8, 16, 32].map((n) => h('option', { value: String(n), text: `${n} × ${n}`, selected: n === 16 })),
  );
  const metricSelect = h(
    'select',
    { id: `${id}-metric` },
    Object.entries(METRICS).map(([k, m]) => h('option', { value: k, text: m.label })),
  );
  const runButton = h('button', { type: 'button', class: 'sweep-run', text: 'Run the sweep' });
  const cancelButton = h('button', { type: 'button', class: 'sweep-cancel', text: 'Cancel', disabled: true });
  // shown once a sweep starts (an empty bar before it reads as a stalled one)
  const bar = h('progress', { class: 'sweep-progress', max: 1, value: 0, hidden: true });
  const status = h('p', { class: 'sweep-status', 'aria-live': 'polite' });
  const pairNote = h('p', { class: 'sweep-pair-note muted', id: `${id}-pair-note` });
  pairSelect.setAttribute('aria-describedby', pairNote.id);
  const showPairNote = () => {
    pairNote.textContent = PAIRS[pairSelect.value].note;
  };
  pairSelect.addEventListener('change', showPairNote);
  // the verdict speaks of the grid on screen: not of a pair chosen but not yet run
  pairSelect.addEventListener('change', () => {
    verdict.hidden = true;
  });
  showPairNote();
  // hidden until a sweep has cells to draw: an empty canvas would leave a blank 150 px box
  const canvas = h('canvas', {
    class: 'sweep-heatmap',
    hidden: true,
    tabindex: '0',
    role: 'img',
    'aria-label': 'Heatmap of the sweep; arrow keys move between cells, Enter opens a cell',
  });
  const hover = h('p', { class: 'sweep-hover', 'aria-live': 'polite' });
  const verdict = h('p', { class: 'sweep-verdict', hidden: true });
  const detailTitle = h('h3', { class: 'sweep-detail-title', hidden: true });
  const detail = h('div', { class: 'sweep-detail' });
  el.append(
    h(
      'div',
      { class: 'sweep-controls' },
      h('label', { for: pairSelect.id, text: 'Sweep ' }),
      pairSelect,
      h('label', { for: sizeSelect.id, text: ' grid ' }),
      sizeSelect,
      h('label', { for: metricSelect.id, text: ' colour by ' }),
      metricSelect,
      ' ',
      runButton,
      cancelButton,
    ),
    pairNote,
    bar,
    status,
    canvas,
    hover,
    verdict,
    detailTitle,
    detail,
  );

  // The sweep in progress or done: axes, per-cell specs and summaries.
  let sweep = null;
  let controller = null;
  /** @type {[number, number] | null} */
  let cursor = null; // [i, j] under the keyboard
  let hovered = null; // [i, j] under the pointer
  el.sweep = null; // for tests: {xs, ys, specOf(key), results}

  function layout() {
    const width = Math.min(el.clientWidth || 480, 560);
    const n = sweep ? Math.max(sweep.xs.length, sweep.ys.length) : 1;
    const cell = Math.max(6, Math.floor((width - 70) / n));
    return { cell, left: 64, top: 8 };
  }

  function draw() {
    const ctx2 = canvas.getContext('2d');
    canvas.hidden = !sweep;
    if (!sweep) return;
    const { cell, left, top } = layout();
    const w = left + cell * sweep.xs.length + 4;
    const metric = METRICS[metricSelect.value];
    // the colour bar's name goes right of the bar when it fits, else on a line under the bar
    const barW = Math.min(160, sweep.xs.length * cell);
    ctx2.font = '11px system-ui, sans-serif';
    const labelW = ctx2.measureText(metric.label).width;
    const labelBelow = left + barW + 8 + labelW > w - 2;
    const hgt = top + cell * sweep.ys.length + 76 + (labelBelow ? 16 : 0);
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${hgt}px`;
    }
    ctx2.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx2.clearRect(0, 0, w, hgt);
    const values = [...sweep.results.values()]
      .map((s) => s.summary?.[metricSelect.value])
      .filter(Number.isFinite);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    for (let j = 0; j < sweep.ys.length; j++) {
      for (let i = 0; i < sweep.xs.length; i++) {
        const r = sweep.results.get(`${i},${j}`);
        const v = r?.summary?.[metricSelect.value];
        if (!r) ctx2.fillStyle = '#e5e5e5';
        else if (!Number.isFinite(v) || r.summary.diverged) ctx2.fillStyle = '#888';
        else {
          const t = hi > lo ? (v - lo) / (hi - lo) : 1;
          ctx2.fillStyle = ramp(metric.higherIsBetter ? t : 1 - t);
        }
        ctx2.fillRect(left + i * cell, top + j * cell, cell - (cell > 8 ? 1 : 0), cell - (cell > 8 ? 1 : 0));
      }
    }
    if (hovered) {
      ctx2.strokeStyle = getComputedStyle(el).color || '#222';
      ctx2.lineWidth = 1.5;
      ctx2.strokeRect(left + hovered[0] * cell, top + hovered[1] * cell, cell, cell);
    }
    if (cursor) {
      ctx2.strokeStyle = '#d00';
      ctx2.lineWidth = 2;
      ctx2.strokeRect(left + cursor[0] * cell, top + cursor[1] * cell, cell, cell);
    }
    ctx2.fillStyle = getComputedStyle(el).color || '#222';
    ctx2.font = '11px system-ui, sans-serif';
    ctx2.textAlign = 'right';
    const every = Math.ceil(sweep.ys.length / 8);
    const last = sweep.ys.length - 1;
    sweep.ys.forEach((y, j) => {
      // the last row is the constant-LR comparison: say so where its value does not
      const text = j === last && y !== 'constant' ? `const ${sweep.pair.y.fmt(y)}` : sweep.pair.y.fmt(y);
      // a regular tick closer to the last one than a line of text would print over it
      if ((j % every === 0 && (last - j) * cell >= 13) || j === last)
        ctx2.fillText(text, left - 4, top + j * cell + cell / 2 + 4);
    });
    ctx2.textAlign = 'center';
    const everyX = Math.ceil(sweep.xs.length / 6);
    const lastX = sweep.xs.length - 1;
    const xLabelWidth = (i) => ctx2.measureText(sweep.pair.x.fmt(sweep.xs[i])).width;
    const lastWidth = xLabelWidth(lastX);
    // a regular tick whose label would reach the last one's (measured, 4 px apart) is left out
    const clearOfLast = (i) => (lastX - i) * cell >= (xLabelWidth(i) + lastWidth) / 2 + 4;
    sweep.xs.forEach((x, i) => {
      if ((i % everyX === 0 && clearOfLast(i)) || i === lastX)
        ctx2.fillText(sweep.pair.x.fmt(x), left + i * cell + cell / 2, top + sweep.ys.length * cell + 14);
    });
    const bottom = top + sweep.ys.length * cell;
    ctx2.fillText(sweep.pair.x.name, left + (sweep.xs.length * cell) / 2, bottom + 30);
    ctx2.save();
    ctx2.translate(10, top + (sweep.ys.length * cell) / 2);
    ctx2.rotate(-Math.PI / 2);
    ctx2.fillText(sweep.pair.y.name, 0, 0);
    ctx2.restore();
    // The colour scale: the worst and best values of the cells trained so far.
    if (!values.length) return;
    const barY = bottom + 42;
    for (let x = 0; x < barW; x++) {
      ctx2.fillStyle = ramp(x / (barW - 1));
      ctx2.fillRect(left + x, barY, 1, 10);
    }
    const [worst, best] = metric.higherIsBetter ? [lo, hi] : [hi, lo];
    ctx2.fillStyle = getComputedStyle(el).color || '#222';
    ctx2.textAlign = 'left';
    ctx2.fillText(metric.fmt(worst), left, barY + 24);
    ctx2.textAlign = 'right';
    ctx2.fillText(metric.fmt(best), left + barW, barY + 24);
    ctx2.textAlign = 'left';
    const [labelX, labelY] = labelBelow ? [left, barY + 40] : [left + barW + 8, barY + 9];
    ctx2.fillText(metric.label, labelX, labelY);
    // where the label is, in CSS px of the canvas (for tests)
    canvas.dataset.colourLabel = [labelX, labelY - 9, labelX + labelW, labelY + 3].map(Math.round).join(',');
  }

  /** @returns {[number, number] | null} */
  function cellAt(event) {
    if (!sweep) return null;
    const { cell, left, top } = layout();
    const rect = canvas.getBoundingClientRect();
    const i = Math.floor((event.clientX - rect.left - left) / cell);
    const j = Math.floor((event.clientY - rect.top - top) / cell);
    if (i < 0 || j < 0 || i >= sweep.xs.length || j >= sweep.ys.length) return null;
    return [i, j];
  }

  function describeCell([i, j]) {
    const x = sweep.xs[i];
    const y = sweep.ys[j];
    const head = `${sweep.pair.x.name} ${sweep.pair.x.fmt(x)}, ${sweep.pair.y.name} ${sweep.pair.y.fmt(y)}`;
    const r = sweep.results.get(`${i},${j}`);
    if (!r) return `${head}: not trained yet`;
    if (r.error) return `${head}: ${r.error}`;
    const s = r.summary;
    const constant = j === sweep.ys.length - 1 ? ' (constant LR)' : '';
    return (
      `${head}${constant}: test accuracy ${fmtAcc(s.final_accuracy)}, final loss ${fmtLoss(s.final_loss)}, ` +
      `best epoch ${s.best_epoch}${s.diverged ? ', diverged' : ''}. Click to see its charts.`
    );
  }

  let detailRun = null;
  // The cell's own constant-LR run (its initial LR, no scheduler), not the base run's: the
  // faint curves compare the cell with what its LR does unscheduled.
  let detailBaseline = null;
  async function openCell([i, j]) {
    if (!sweep) return;
    const spec = sweep.specOf(`${i},${j}`);
    if (!detailRun) {
      detailRun = new TrainingRun('sweep-detail', 'the chosen cell');
      detailBaseline = new TrainingRun('sweep-detail-baseline', 'constant LR');
      const lr = h('div', { class: 'widget' });
      const metrics = h('div', { class: 'widget' });
      detail.append(lr, metrics);
      const [lrChart, metricsChart] = await Promise.all([
        import('./lr-chart.mjs'),
        import('./metrics-chart.mjs'),
      ]);
      const charts = { ...ctx, run: detailRun, baseline: detailBaseline, args: {} };
      lrChart.mount(lr, charts);
      metricsChart.mount(metrics, charts);
    }
    detailTitle.hidden = false;
    detailTitle.textContent = `Charts of ${sweep.pair.x.name} ${sweep.pair.x.fmt(sweep.xs[i])}, ${sweep.pair.y.name} ${sweep.pair.y.fmt(sweep.ys[j])}`;
    detailRun.restart(spec);
    el.sweepDetail = { run: detailRun, baseline: detailBaseline }; // for tests
    followWithBaseline(detailBaseline, spec);
  }

  async function start() {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    const pair = PAIRS[pairSelect.value];
    const n = Number(sizeSelect.value);
    const base = buildTrainSpec(state.values, lesson.run);
    const xs = pair.x.values(n, base);
    const ys = pair.y.values(n, base);
    const jobs = [];
    for (let j = 0; j < ys.length; j++)
      for (let i = 0; i < xs.length; i++)
        jobs.push({ key: `${i},${j}`, spec: pair.spec(base, xs[i], ys[j]) });
    const specs = new Map(jobs.map((job) => [job.key, job.spec]));
    sweep = { pair, xs, ys, results: new Map(), specOf: (key) => specs.get(key) };
    // a new grid may be smaller: no reading of a cell it does not have
    cursor = null;
    hovered = null;
    hover.textContent = '';
    verdict.hidden = true;
    el.sweep = sweep;
    el.dataset.state = 'running';
    bar.hidden = false;
    bar.max = jobs.length;
    bar.value = 0;
    cancelButton.disabled = false;
    status.textContent = `Training ${fmtCount(jobs.length)} runs…`;
    draw();
    pool.current ??= new WorkerPool();
    const t0 = performance.now();
    let drawQueued = false;
    const { cancelled } = await pool.current.run(
      jobs,
      (result) => {
        sweep.results.set(result.key, result);
        el.dataset.cells = String(sweep.results.size);
        if (!drawQueued) {
          drawQueued = true;
          setTimeout(
            () =>
              requestAnimationFrame(() => {
                drawQueued = false;
                bar.value = sweep.results.size;
                draw();
              }),
            REDRAW_MS,
          );
        }
      },
      signal,
    );
    const seconds = (performance.now() - t0) / 1e3;
    cancelButton.disabled = true;
    bar.value = sweep.results.size;
    draw();
    el.dataset.state = cancelled ? 'cancelled' : 'done';
    el.dataset.seconds = String(seconds);
    if (!cancelled) {
      verdict.textContent = measuredVerdict(sweep);
      verdict.hidden = false;
    }
    status.textContent = cancelled
      ? `Cancelled after ${fmtCount(sweep.results.size)} of ${fmtCount(jobs.length)} trainings; the pale cells were not trained (dark grey ones diverged).`
      : `${fmtCount(jobs.length)} trainings in ${seconds.toFixed(seconds < 10 ? 2 : 1)} s ` +
        `(${pool.current.size} workers).`;
  }

  runButton.addEventListener('click', start);
  cancelButton.addEventListener('click', () => controller?.abort());
  metricSelect.addEventListener('change', draw);
  canvas.addEventListener('mousemove', (e) => {
    const c = cellAt(e);
    hover.textContent = c ? describeCell(c) : '';
    // outline the cell the reading is about; redrawn only when the pointer changes cell
    if (c?.[0] === hovered?.[0] && c?.[1] === hovered?.[1]) return;
    hovered = c;
    draw();
  });
  canvas.addEventListener('mouseleave', () => {
    if (!hovered) return;
    hovered = null;
    draw();
  });
  canvas.addEventListener('click', (e) => {
    const c = cellAt(e);
    if (c) openCell(c);
  });
  // a keyboard user landing on the heatmap reads a cell at once, as a mouse user does on hover;
  // a click also focuses it (pointerdown comes first), and then the clicked cell is the one read
  let pointerFocus = false;
  canvas.addEventListener('pointerdown', () => {
    pointerFocus = true;
  });
  canvas.addEventListener('focus', () => {
    const byPointer = pointerFocus;
    pointerFocus = false;
    if (!sweep || cursor || byPointer) return;
    cursor = [0, 0];
    hover.textContent = describeCell(cursor);
    draw();
  });
  canvas.addEventListener('keydown', (e) => {
    if (!sweep) return;
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (e.key === 'Enter' && cursor) {
      openCell(cursor);
      e.preventDefault();
      return;
    }
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    cursor ??= [0, 0];
    cursor = [
      Math.min(Math.max(cursor[0] + m[0], 0), sweep.xs.length - 1),
      Math.min(Math.max(cursor[1] + m[1], 0), sweep.ys.length - 1),
    ];
    hover.textContent = describeCell(cursor);
    draw();
  });
  status.textContent = 'Choose two hyper-parameters and run the sweep.';
  // The pool's workers load and warm their engines before the first run (pool-worker.mjs), once
  // the page has settled: the lesson's own charts come first.
  const startPool = () => {
    pool.current ??= new WorkerPool();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(startPool, { timeout: 2000 });
  else setTimeout(startPool, 1000);
}
