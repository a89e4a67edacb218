// Overlaid runs on the same data, model and seed (A/B): each run trains on its own worker channel
// and is drawn on shared LR / loss / accuracy charts with a legend, plus a results table.
//   [[compare kind=lr]]          constant LR: lr_low, lr, lr_high (lesson 2); with schedule=StepLR
//                                peak=k a fourth run starts at k x lr and follows that scheduler
//   [[compare kind=schedulers]]  the schedulers listed in the compare_set field (lessons 5 and 6)

import { ChartFrame, csvCell, palette } from '../charts/chart-frame.mjs';
import { h } from '../element.mjs';
import { settingsText } from '../lesson-settings.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../number-format.mjs';
import { buildTrainSpec } from '../run-spec.mjs';
import { atChance, majorityAccuracy } from '../schedule-gain.mjs';
import { SCHEDULER_TYPES } from '../scheduler-catalog.mjs';
import { describeSpec } from '../spec-summary.mjs';
import { lastStepLr, TrainingRun } from '../training-run.mjs';
import { accuracyRange } from './metrics-chart.mjs';

const MAX_RUNS = 4;
const finite = (v) => (v == null || !Number.isFinite(v) ? null : v);

/** Whether the three constant learning rates of kind=lr are too low < lr < too high. */
const lrsInOrder = (state) =>
  Number(state.get('lr_low')) < Number(state.get('lr')) &&
  Number(state.get('lr')) < Number(state.get('lr_high'));

/**
 * The runs a comparison trains: [{label, extra}] (extra: field overrides; also used by the Embed
 * dialog). args: the widget's arguments (schedule, peak for kind=lr).
 */
export function configs(kind, state, args = {}) {
  if (kind === 'lr') {
    const peak = Number(state.get('lr')) * Number(args.peak || 10);
    const scheduled = args.schedule
      ? [
          {
            label: `${args.schedule} from lr = ${fmtLr(peak)}`,
            extra: { lr: peak, scheduler: args.schedule },
          },
        ]
      : [];
    // "too low?" and "too high?" only where the values are in that order; otherwise the labels
    // name the fields, and the status line says why
    const ordered = lrsInOrder(state);
    return [
      {
        label: `lr = ${state.get('lr_low')} (${ordered ? 'too low?' : 'the “too low” field'})`,
        extra: { lr: state.get('lr_low'), scheduler: 'none' },
      },
      { label: `lr = ${state.get('lr')}`, extra: { lr: state.get('lr'), scheduler: 'none' } },
      {
        label: `lr = ${state.get('lr_high')} (${ordered ? 'too high?' : 'the “too high” field'})`,
        extra: { lr: state.get('lr_high'), scheduler: 'none' },
      },
      ...scheduled,
    ];
  }
  return state
    .get('compare_set')
    .slice(0, MAX_RUNS)
    .map((type) => ({
      label: type === 'none' ? 'constant LR (no scheduler)' : type,
      extra: { scheduler: type },
    }));
}

export function mount(el, { state, lesson, args }) {
  const kind = args.kind === 'lr' ? 'lr' : 'schedulers';
  const runs = Array.from({ length: MAX_RUNS }, (_, i) => new TrainingRun(`compare-${i}`));
  let active = [];
  let logLoss = false;
  let fullAcc = false;

  if (kind === 'schedulers') el.append(pickerFor(state));
  const status = h('p', { class: 'muted compare-status', role: 'status', 'aria-live': 'polite' });
  const verdict = h('p', { class: 'compare-verdict', 'aria-live': 'polite' });
  const lossLog = h('button', {
    type: 'button',
    class: 'small',
    'aria-pressed': String(logLoss),
    text: 'Log scale',
    onclick: () => {
      logLoss = !logLoss;
      lossLog.setAttribute('aria-pressed', String(logLoss));
      loss.setLog(logLoss);
      redraw(true);
    },
  });
  const lrLog = h('button', {
    type: 'button',
    class: 'small',
    'aria-pressed': String(kind === 'lr'),
    text: 'Log scale',
    onclick: () => {
      const on = lrLog.getAttribute('aria-pressed') !== 'true';
      lrLog.setAttribute('aria-pressed', String(on));
      lr.setLog(on);
      redraw(true);
    },
  });
  const lr = new ChartFrame(el, {
    title: 'Learning rate of each run',
    yLabel: 'learning rate',
    series: [],
    csvName: 'compare-lr',
    settings: () => describeSpec(active[0]?.run.spec),
    toolbar: [lrLog],
    log: kind === 'lr',
    // linear scale from 0, so a cut reads as the fraction of the LR it is (log ignores this)
    yRange: (u, min, max) => [0, Math.max(1e-12, max ?? 1) * 1.08],
    yValues: (u, v) => v.map((x) => (x == null ? '' : fmtLr(x))),
    toCsv: () => csv('lr'),
  });
  // A diverged run would flatten the others: the linear scale stops at four times the median
  // first-epoch loss, and the run's label and the table say where it diverged.
  const lossRange = (u, min, max) => {
    const firsts = u.data
      .slice(1)
      .map((c) => c[0])
      .filter((v) => v != null)
      .sort((a, b) => a - b);
    const cap = firsts.length ? 4 * firsts[Math.floor((firsts.length - 1) / 2)] : max;
    return [0, Math.max(1e-3, Math.min(max ?? cap, cap) * 1.05)];
  };
  const loss = new ChartFrame(el, {
    title: 'Training loss of each run',
    yLabel: 'loss',
    series: [],
    csvName: 'compare-loss',
    settings: () => describeSpec(active[0]?.run.spec),
    toolbar: [lossLog],
    log: logLoss,
    yRange: lossRange,
    toCsv: () => csv('train_loss'),
  });
  const accFull = h('button', {
    type: 'button',
    class: 'small',
    'aria-pressed': 'false',
    text: '0–100 %',
    title: 'Show the whole accuracy range instead of zooming to the data',
    onclick: () => {
      fullAcc = !fullAcc;
      accFull.setAttribute('aria-pressed', String(fullAcc));
      redraw(true);
    },
  });
  const acc = new ChartFrame(el, {
    title: 'Test accuracy of each run',
    yLabel: 'accuracy',
    series: [],
    csvName: 'compare-accuracy',
    settings: () => describeSpec(active[0]?.run.spec),
    toolbar: [accFull],
    yRange: (u) => accuracyRange(u.data.slice(1).flat(), fullAcc),
    toCsv: () => csv('test_accuracy'),
    yValues: (u, v) => v.map((x) => (x == null ? '' : `${Math.round(x * 100)}%`)),
  });
  const tbody = h('tbody');
  el.append(
    status,
    verdict,
    h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Comparison results' },
      h(
        'table',
        { class: 'compare-table stack-table' },
        h('caption', { text: 'Results (same data, model initialisation and batch order)' }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Run',
              'Lesson settings',
              'LR first → last',
              'Final train loss',
              'Final test loss',
              'Final test accuracy',
              'Best test accuracy',
              'Note',
            ].map((t) => h('th', { scope: 'col', text: t })),
          ),
        ),
        tbody,
      ),
    ),
  );

  function csv(key) {
    const head = ['epoch', ...active.map((a) => a.label)];
    const E = Math.max(0, ...active.map((a) => a.run.records.length));
    const rows = Array.from({ length: E }, (_, e) => [
      e,
      ...active.map((a) => {
        const r = a.run.records[e];
        return r ? (key === 'lr' ? r.lr[0] : r[key]) : '';
      }),
    ]);
    return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }

  let shape = '';
  function redraw(force = false) {
    const sig = active.map((a) => `${a.label}:${a.run.result?.diverged_at?.epoch ?? ''}`).join('|');
    const nbs = active.map((a) => a.run.batchesPerEpoch || 1);
    const nb = Math.max(1, ...nbs);
    const E = state.get('epochs');
    const xsStep = Array.from({ length: E * nb + 1 }, (_, t) => t / nb);
    const lrCols = active.map(({ run }) => {
      const col = new Array(E * nb + 1).fill(null);
      const k = run.batchesPerEpoch || 1;
      run.records.forEach((r, e) => {
        r.lr_steps[0].forEach((v, j) => {
          col[Math.round((e + j / k) * nb)] = v;
        });
      });
      // hold each value until the next recorded step so runs with fewer steps still draw as stairs
      let last = null;
      for (let t = 0; t < col.length; t++) {
        if (col[t] != null) last = col[t];
        else if (last != null && t <= run.records.length * nb) col[t] = last;
      }
      return lrLog.getAttribute('aria-pressed') === 'true' ? col.map((v) => (v > 0 ? v : null)) : col;
    });
    const xsEpoch = Array.from({ length: E }, (_, e) => e);
    const col = (run, key) =>
      xsEpoch.map((e) => {
        const v = finite(run.records[e]?.[key]);
        return logLoss && key === 'train_loss' && v !== null && v <= 0 ? null : v;
      });
    if (force || sig !== shape) {
      shape = sig;
      const series = (fmt, stepped) =>
        active.map((a, i) => ({
          label: a.run.result?.diverged_at
            ? `${a.label}: diverged at epoch ${a.run.result.diverged_at.epoch}`
            : a.label,
          color: palette(i),
          // earlier runs drawn wider, so a run another one follows exactly still shows behind it
          width: 2 + 1.2 * (active.length - 1 - i),
          stepped,
          points: !stepped,
          value: (u, v) => fmt(v),
        }));
      // one range for the three stacked charts, so an epoch sits at the same x in each
      for (const f of [lr, loss, acc]) f.opts.xRange = [0, E];
      lr.setSeries(series(fmtLr, true), [xsStep, ...lrCols]);
      loss.setSeries(series(fmtLoss, false), [xsEpoch, ...active.map((a) => col(a.run, 'train_loss'))]);
      acc.setSeries(series(fmtAcc, false), [xsEpoch, ...active.map((a) => col(a.run, 'test_accuracy'))]);
    }
    lr.setData([xsStep, ...lrCols], []);
    loss.setData([xsEpoch, ...active.map((a) => col(a.run, 'train_loss'))], []);
    // the loss scale clips a diverged run: a line in its colour says where it left the chart
    loss.setAnnotations(
      active.flatMap((a, i) => {
        const d = a.run.result?.diverged_at;
        return d
          ? [{ x: d.epoch, label: `${a.label}: diverged at epoch ${d.epoch}`, color: palette(i) }]
          : [];
      }),
    );
    acc.setData([xsEpoch, ...active.map((a) => col(a.run, 'test_accuracy'))], []);
    tbody.replaceChildren(
      ...active.map(({ label, run, extra }) => {
        const rs = run.records;
        const best = rs.reduce(
          (m, r) => (r.test_accuracy != null && r.test_accuracy > m ? r.test_accuracy : m),
          -1,
        );
        const d = run.result?.diverged_at;
        const note = run.engineDown
          ? `not trained: ${run.error}`
          : run.error
            ? `rejected: ${run.error}`
            : run.runError()
              ? run.runError()
              : d
                ? `diverged at epoch ${d.epoch} (${d.reason})`
                : run.status === 'done'
                  ? 'finished'
                  : `${rs.length} epochs so far`;
        return h(
          'tr',
          { 'data-run': label },
          h('th', { scope: 'row', text: label }),
          h('td', {
            class: 'mono compare-settings',
            text:
              extra.scheduler === 'none' ? 'constant LR' : settingsText(state.values, extra.scheduler) || '–',
          }),
          h('td', { text: rs.length ? `${fmtLr(rs[0].lr[0])} → ${fmtLr(lastStepLr(rs))}` : '–' }),
          h('td', { text: rs.length ? fmtLoss(rs.at(-1).train_loss) : '–' }),
          // the verdict above the table compares test losses: the table shows them too
          h('td', { text: rs.length ? fmtLoss(rs.at(-1).test_loss) : '–' }),
          h('td', { text: rs.length ? fmtAcc(rs.at(-1).test_accuracy) : '–' }),
          h('td', { text: best >= 0 ? fmtAcc(best) : '–' }),
          h('td', { text: note }),
        );
      }),
    );
    const done = active.filter((a) => ['done', 'error'].includes(a.run.status)).length;
    status.textContent =
      (done === active.length
        ? `All ${active.length} runs finished.`
        : `Training ${active.length} runs side by side: ${done} finished…`) +
      (kind === 'lr' && !lrsInOrder(state)
        ? ' The three constant learning rates are not in the order too low < lr < too high, so the labels name the fields they come from.'
        : '');
    el.dataset.status = done === active.length ? 'done' : 'running';
    verdict.textContent = done === active.length ? verdictText() : '';
    el.dataset.verdict = done === active.length ? verdict.dataset.verdict || '' : '';
  }

  // The scheduled run against every constant one: final test loss and accuracy, measured.
  function verdictText() {
    delete verdict.dataset.verdict;
    const sched = active.filter((a) => a.extra.scheduler !== 'none');
    const consts = active.filter((a) => a.extra.scheduler === 'none');
    if (kind !== 'lr' || sched.length !== 1 || !consts.length) return '';
    const fin = (a) => {
      const r = a.run.records.at(-1);
      const d = a.run.result?.diverged_at;
      return { loss: d || !r ? Infinity : r.test_loss, acc: !r || d ? 0 : r.test_accuracy, d };
    };
    const s = fin(sched[0]);
    if (s.d || !Number.isFinite(s.loss)) {
      verdict.dataset.verdict = 'lost';
      return `The schedule diverged with these settings: its first steps (${fmtLr(sched[0].extra.lr)}) are too large for this model.`;
    }
    const summary = sched[0].run.summary;
    const chance = majorityAccuracy(summary);
    if (atChance(s.acc, chance, summary?.n_test)) {
      verdict.dataset.verdict = 'not-learned';
      return `The schedule's run never learned to classify: it ended at ${fmtAcc(s.acc)} test accuracy, no better than always answering the largest class (${fmtAcc(chance)} of these test rows); it starts at lr = ${fmtLr(sched[0].extra.lr)}.`;
    }
    const rs = sched[0].run.records;
    if (rs.every((r) => r.lr[0] === rs[0].lr[0])) {
      verdict.dataset.verdict = 'no-cut';
      const gamma = Number(state.values[`${args.schedule}.gamma`]); // undefined for a schedule without one
      const why =
        gamma === 1
          ? `its gamma is 1, so a cut leaves the LR as it is`
          : 'its first cut would come after the last epoch';
      return `The schedule never changed the learning rate within these ${rs.length} epochs (${why}), so its run is a constant LR of ${fmtLr(rs[0].lr[0])}: this comparison says nothing about scheduling.`;
    }
    const beaten = consts.filter((c) => {
      const f = fin(c);
      return s.loss < f.loss && s.acc >= f.acc;
    });
    const best = consts.map((c) => ({ c, f: fin(c) })).sort((x, y) => x.f.loss - y.f.loss)[0];
    const head = `${sched[0].label} ended with test loss ${fmtLoss(s.loss)} and test accuracy ${fmtAcc(s.acc)}; the best constant run (${best.c.label.replace(/ \(.*\)$/, '')}) ended with ${Number.isFinite(best.f.loss) ? fmtLoss(best.f.loss) : 'a diverged run'} and ${fmtAcc(best.f.acc)}.`;
    verdict.dataset.verdict = beaten.length === consts.length ? 'beat-all' : 'not-all';
    return beaten.length === consts.length
      ? `${head} The schedule beat all ${consts.length} constant learning rates on test loss, with at least their accuracy.`
      : `${head} The schedule did not beat ${consts
          .filter((c) => !beaten.includes(c))
          .map((c) => c.label.replace(/ \(.*\)$/, ''))
          .join(
            ' and ',
          )} with these settings: ${s.loss >= best.f.loss ? 'its smaller late steps came too late or too small to catch up' : 'it reached a lower loss but not a higher accuracy'}.`;
  }

  function restart() {
    const cs = configs(kind, state, args);
    active = cs.map((c, i) => ({ ...c, run: runs[i] }));
    for (const r of runs.slice(cs.length)) r.cancel();
    for (const { run, extra } of active) {
      let spec = null;
      let err = null;
      try {
        spec = buildTrainSpec(state.values, lesson.run || {}, extra);
      } catch (e) {
        err = e.message;
      }
      run.restart(spec, err);
    }
    redraw(true);
  }
  let pending = 0;
  const schedule = () => {
    if (!pending)
      pending = requestAnimationFrame(() => {
        pending = 0;
        redraw();
      });
  };
  for (const run of runs)
    for (const ev of ['reset', 'started', 'epoch', 'done', 'error', 'status'])
      run.addEventListener(ev, schedule);
  state.addEventListener('change', (e) => {
    if (e.keys.some((k) => !['mode', 'lr_scale', 'sample', 'formula_epoch'].includes(k))) restart();
  });
  import('../engine-client.mjs').then(({ engineClient }) =>
    engineClient()
      .ready()
      .then(restart, () => {}),
  );
}

function pickerFor(state) {
  const box = h(
    'fieldset',
    { class: 'controls compare-picker' },
    h('legend', { text: 'Pick 2 to 4 schedulers to compare' }),
  );
  const grid = h('div', { class: 'controls-grid' });
  const note = h('p', { class: 'field-error', role: 'alert' });
  const options = ['none', ...SCHEDULER_TYPES];
  const boxes = options.map((type) => {
    const input = h('input', { type: 'checkbox', id: `cmp-${type}`, value: type });
    input.addEventListener('change', () => {
      const picked = boxes.filter((b) => b.checked).map((b) => b.value);
      if (picked.length < 2 || picked.length > MAX_RUNS) {
        note.textContent = `Choose between 2 and ${MAX_RUNS} (now ${picked.length}).`;
        return;
      }
      note.textContent = '';
      state.set('compare_set', picked);
    });
    grid.append(
      h(
        'div',
        { class: 'field field-inline' },
        input,
        h('label', { for: `cmp-${type}`, text: type === 'none' ? 'no scheduler' : type }),
      ),
    );
    return input;
  });
  const sync = () => {
    const set = state.get('compare_set');
    boxes.forEach((b) => {
      b.checked = set.includes(b.value);
    });
  };
  state.addEventListener('change', sync);
  sync();
  box.append(grid, note);
  return box;
}
