// Where scheduler.step() goes, and what the two common mistakes do to the learning rate, for the
// learner's StepLR settings:
//   - correct: once per epoch after the epoch's optimizer.step() calls (engine.schedule, E steps);
//   - scheduler.step() called before optimizer.step(): the first scheduler.step() already moves the
//     LR, so epoch e trains with the correct schedule's value for e + 1 and the first value is never
//     used (torch warns "Detected call of lr_scheduler.step() before optimizer.step()"). Planned with
//     engine.schedule over E + 1 steps, dropping the first, and trained for real
//     (scheduler_order "before_optimizer").
//   - scheduler.step() called per batch: a real training run (scheduler_step "batch").
// The three trained runs share the data, initial weights and batch order.

import { ChartFrame, csvCell, palette } from '../charts/chart-frame.mjs';
import { h } from '../element.mjs';
import { engineClient } from '../engine-client.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../number-format.mjs';
import { buildScheduler, buildTrainSpec } from '../run-spec.mjs';
import { TrainingRun } from '../training-run.mjs';

/**
 * How each run calls scheduler.step(): its label and the spec fields that differ from the correct
 * loop (extra: field overrides; order: the spec's scheduler_order). Also used by the Embed dialog.
 */
export function stepOrderVariants() {
  return [
    { name: 'epoch', label: 'once per epoch, after the epoch (correct)', extra: { scheduler_step: 'epoch' } },
    {
      name: 'early',
      label: 'once per epoch, before optimizer.step() (mistake)',
      extra: { scheduler_step: 'epoch' },
      order: 'before_optimizer',
    },
    { name: 'batch', label: 'after every batch (mistake)', extra: { scheduler_step: 'batch' } },
  ];
}

export function mount(el, { state, lesson }) {
  const client = engineClient();
  const type = lesson.run?.scheduler || 'StepLR';
  const runs = {
    epoch: new TrainingRun('order-epoch'),
    early: new TrainingRun('order-early'),
    batch: new TrainingRun('order-batch'),
  };
  const variants = Object.fromEntries(stepOrderVariants().map((v) => [v.name, v]));
  let schedules = null; // { correct: [...], early: [...] } from engine.schedule
  let scheduleError = null;
  let seq = 0;

  const logButton = h('button', {
    type: 'button',
    class: 'small',
    'aria-pressed': 'false',
    text: 'Log scale',
    onclick: () => {
      const on = logButton.getAttribute('aria-pressed') !== 'true';
      logButton.setAttribute('aria-pressed', String(on));
      chart.setLog(on);
      draw(true);
    },
  });
  const chart = new ChartFrame(el, {
    title: 'Learning rate: correct order versus the two mistakes',
    yLabel: 'learning rate',
    series: [],
    csvName: 'step-order',
    toolbar: [logButton],
    yValues: (u, v) => v.map((x) => (x == null ? '' : fmtLr(x))),
    toCsv,
  });
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const results = h('tbody');
  el.append(
    status,
    h(
      'div',
      {
        class: 'table-scroll',
        tabindex: '0',
        role: 'region',
        'aria-label': 'LR per epoch for each call order',
      },
      h(
        'table',
        { class: 'step-order-table stack-table' },
        h('caption', { text: 'LR each epoch trains with (first optimizer step of the epoch → last)' }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Epoch', 'Correct: after the epoch', 'Before optimizer.step()', 'Per batch (trained)'].map((t) =>
              h('th', { scope: 'col', text: t }),
            ),
          ),
        ),
        tbody,
      ),
    ),
    h(
      'div',
      {
        class: 'table-scroll',
        tabindex: '0',
        role: 'region',
        'aria-label': 'Training results for each call order',
      },
      h(
        'table',
        { class: 'step-order-results stack-table' },
        h('caption', { text: 'The three trained runs (same data, initial weights and batch order)' }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'scheduler.step() called',
              'LR of the last optimizer step',
              'Final train loss',
              'Final test accuracy',
            ].map((t) => h('th', { scope: 'col', text: t })),
          ),
        ),
        results,
      ),
    ),
  );

  function toCsv() {
    const E = schedules?.correct.length || 0;
    const head = [
      'epoch',
      'lr_correct',
      'lr_step_before_optimizer',
      'lr_per_batch_first_step',
      'lr_per_batch_last_step',
    ];
    const rows = Array.from({ length: E }, (_, e) => {
      const b = runs.batch.records[e]?.lr_steps[0];
      return [e, schedules.correct[e], schedules.early[e], b ? b[0] : '', b ? b.at(-1) : ''];
    });
    return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }

  let shape = '';
  function draw(force = false) {
    const E = state.get('epochs');
    const nb = runs.batch.batchesPerEpoch || 1;
    const xs = Array.from({ length: E * nb + 1 }, (_, t) => t / nb);
    const log = logButton.getAttribute('aria-pressed') === 'true';
    const clean = (col) => (log ? col.map((v) => (v != null && v > 0 ? v : null)) : col);
    const perEpoch = (arr) =>
      xs.map((x) => (arr ? (arr[Math.min(E - 1, Math.floor(x + 1e-9))] ?? null) : null));
    const batchCol = new Array(E * nb + 1).fill(null);
    runs.batch.records.forEach((r, e) => {
      r.lr_steps[0].forEach((v, k) => {
        batchCol[e * nb + k] = v;
      });
    });
    if (runs.batch.records.length === E) batchCol[E * nb] = batchCol[E * nb - 1];
    const data = [
      xs,
      clean(perEpoch(schedules?.correct)),
      clean(perEpoch(schedules?.early)),
      clean(batchCol),
    ];
    const sig = `${E}|${nb}`;
    if (force || sig !== shape) {
      shape = sig;
      chart.opts.xRange = [0, E];
      chart.setSeries(
        [
          {
            label: 'correct (per epoch, after optimizer.step())',
            color: palette(0),
            stepped: true,
            width: 3,
            value: (u, v) => fmtLr(v),
          },
          {
            label: 'scheduler.step() first (first value skipped)',
            color: palette(1),
            stepped: true,
            dash: [6, 4],
            value: (u, v) => fmtLr(v),
          },
          {
            label: 'scheduler.step() per batch',
            color: palette(2),
            stepped: true,
            value: (u, v) => fmtLr(v),
          },
        ],
        data,
      );
    }
    chart.setData(data, []);

    tbody.replaceChildren(
      ...Array.from({ length: schedules ? schedules.correct.length : 0 }, (_, e) => {
        const b = runs.batch.records[e]?.lr_steps[0];
        const early = runs.early.records[e]?.lr[0] ?? schedules.early[e]; // trained, else planned
        const differs = (v) => (v !== schedules.correct[e] ? 'differs' : '');
        return h(
          'tr',
          {},
          h('th', { scope: 'row', text: String(e) }),
          h('td', { text: fmtLr(schedules.correct[e]) }),
          h('td', { class: differs(early), text: fmtLr(early) }),
          h('td', {
            class: b && (b[0] !== schedules.correct[e] || b.at(-1) !== schedules.correct[e]) ? 'differs' : '',
            text: b ? (b[0] === b.at(-1) ? fmtLr(b[0]) : `${fmtLr(b[0])} → ${fmtLr(b.at(-1))}`) : '…',
          }),
        );
      }),
    );
    results.replaceChildren(
      ...stepOrderVariants()
        .map((v) => /** @type {[string, TrainingRun]} */ ([v.label, runs[v.name]]))
        .map(([label, run]) => {
          const rs = run.records;
          const last = rs.at(-1);
          return h(
            'tr',
            {},
            h('th', { scope: 'row', text: label }),
            h('td', { text: last ? fmtLr(last.lr_steps[0].at(-1)) : '–' }),
            h('td', { text: last ? fmtLoss(last.train_loss) : '–' }),
            h('td', { text: last ? fmtAcc(last.test_accuracy) : '–' }),
          );
        }),
    );
    const done = Object.values(runs).every((r) => ['done', 'error'].includes(r.status)) && schedules;
    const errors = [scheduleError, ...Object.values(runs).flatMap((r) => [r.error, r.runError()])].filter(
      Boolean,
    );
    const down = Object.values(runs).some((r) => r.engineDown);
    status.textContent = errors.length
      ? down
        ? `Not trained: ${errors[0]}`
        : `The engine rejected these settings: ${errors[0]}`
      : done
        ? `${runs.batch.batchesPerEpoch} batches per epoch, so the per-batch mistake calls scheduler.step() ${runs.batch.batchesPerEpoch} times per epoch.`
        : 'Computing the schedules and training both runs…';
    el.dataset.status = done || errors.length ? 'done' : 'running';
  }

  async function restart() {
    const mine = ++seq;
    const E = state.get('epochs');
    const optimizer = { type: 'SGD', lr: state.get('lr') };
    schedules = null;
    scheduleError = null;
    let scheduler = null;
    try {
      scheduler = buildScheduler(state.values, type);
    } catch (err) {
      scheduleError = err.message;
    }
    for (const [name, run] of Object.entries(runs)) {
      let spec = null;
      let err = null;
      const { order, extra } = variants[name];
      try {
        spec = buildTrainSpec(state.values, { scheduler: type }, extra);
        if (order) spec.scheduler_order = order;
      } catch (e) {
        err = e.message;
      }
      run.restart(spec, err);
    }
    draw(true);
    try {
      await client.ready();
      const [a, b] = await Promise.all([
        client.schedule({ optimizer, scheduler, steps: E }),
        client.schedule({ optimizer, scheduler, steps: E + 1 }),
      ]);
      if (mine !== seq) return;
      schedules = { correct: a.lr[0], early: b.lr[0].slice(1) };
    } catch (err) {
      if (mine === seq) scheduleError = err.message;
    }
    draw();
  }
  let pending = 0;
  const later = () => {
    if (!pending)
      pending = requestAnimationFrame(() => {
        pending = 0;
        draw();
      });
  };
  for (const run of Object.values(runs))
    for (const ev of ['reset', 'started', 'epoch', 'done', 'error']) run.addEventListener(ev, later);
  state.addEventListener('change', (e) => {
    if (
      e.keys.some(
        (k) =>
          ['lr', 'epochs', 'batch_size', 'momentum', 'optimizer'].includes(k) || k.startsWith(`${type}.`),
      )
    )
      restart();
  });
  client.ready().then(restart, () => {});
}
