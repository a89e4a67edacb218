// The epoch table: every number the charts show, as text (the accessible alternative to the
// charts), filled row by row as the engine finishes each epoch. Epochs are 0-based like PyTorch's
// scheduler.last_epoch; the lesson text explains the difference to 1-based tables.

import { csvCell, download } from '../charts/chart-frame.mjs';
import { h } from '../element.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../number-format.mjs';
import { observe } from '../observations.mjs';

/** A header's last word and its ↑/↓ kept on one line (the header may wrap before them). */
function headerText(name) {
  const m = /^(.*) (\S+ [↑↓])$/.exec(name);
  return m ? [`${m[1]} `, h('span', { class: 'nowrap', text: m[2] })] : [name];
}

// context: run, args.validation, events (where charts announce the cursor's epoch; default document),
// state (a lesson page's settings: a validation_fraction adds validation columns).
/**
 * @param {HTMLElement} el
 * @param {{run: import('../training-run.mjs').TrainingRun, args?: {validation?: string}, events?: EventTarget,
 *   state?: {get(key: string): unknown}}} context
 */
export function mount(el, { run, args = {}, events = document, state }) {
  const showVal = args.validation !== 'no';
  // a validation split (ReduceLROnPlateau's lesson) gets its own columns next to the test ones
  const validation = showVal && Number(state?.get('validation_fraction') ?? 0) > 0;
  const opts = () => ({
    diverged: run.result?.diverged_at,
    metric: run.spec?.plateau_metric || null,
    patience: run.spec?.scheduler?.patience ?? null,
  });
  /** @typedef {[string, (r: import('../../../wasm/js/lrlab.js').EpochRecord, i: number) => string]} Column */
  /** @type {Column[]} */
  const cols = [
    ['Epoch', (r, i) => String(i)],
    // the epoch's first step, and its last where a per-batch schedule moved it within the epoch
    [
      'Learning rate',
      (r) =>
        r.lr
          .map((lr, g) => {
            const last = r.lr_steps?.[g]?.at(-1) ?? lr;
            return last === lr ? fmtLr(lr) : `${fmtLr(lr)} → ${fmtLr(last)}`;
          })
          .join(' / '),
    ],
    ['Train loss ↓', (r) => fmtLoss(r.train_loss)],
    ['Train acc. ↑', (r) => fmtAcc(r.train_accuracy)],
    ...(validation
      ? /** @type {Column[]} */ ([
          ['Val. loss ↓', (r) => fmtLoss(r.val_loss)],
          ['Val. acc. ↑', (r) => fmtAcc(r.val_accuracy)],
        ])
      : []),
    ...(showVal
      ? /** @type {Column[]} */ ([
          ['Test loss ↓', (r) => fmtLoss(r.test_loss)],
          ['Test acc. ↑', (r) => fmtAcc(r.test_accuracy)],
        ])
      : []),
    ['Observation', (r, i) => observe(run.records, i, opts())],
  ];
  const caption = h('caption', { text: 'Epoch by epoch, as computed by the engine' });
  // at 360 px each row is a grid with the observation on a line of its own (site.css)
  const valueCols = String(cols.length - 4);
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'epoch-table' },
    caption,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        cols.map(([name]) => h('th', { scope: 'col' }, ...headerText(name))),
      ),
    ),
    tbody,
  );
  table.style.setProperty('--value-cols', valueCols); // CSSOM: the CSP allows no style attributes
  const csv = h('button', {
    type: 'button',
    class: 'small',
    text: 'Download CSV',
    onclick: () => {
      const head = [
        'epoch',
        'lr',
        'train_loss',
        'train_accuracy',
        'test_loss',
        'test_accuracy',
        'observation',
      ];
      const rows = run.records.map((r, i) => [
        i,
        r.lr[0],
        r.train_loss,
        r.train_accuracy,
        r.test_loss,
        r.test_accuracy,
        observe(run.records, i, opts()),
      ]);
      download(
        new Blob([[head, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n'], {
          type: 'text/csv',
        }),
        'epochs.csv',
      );
    },
  });
  const status = h('p', { class: 'table-status muted' });
  el.append(
    h(
      'div',
      { class: 'table-scroll epoch-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Epoch table' },
      table,
    ),
    h('div', { class: 'table-tools' }, status, csv),
  );

  function renderRow(i) {
    const r = run.records[i];
    const tr = h(
      'tr',
      { 'data-epoch': String(i) },
      cols.map(([name, f], c) =>
        c === 0 ? h('th', { scope: 'row', text: f(r, i) }) : h('td', { 'data-col': name, text: f(r, i) }),
      ),
    );
    if (i > 0 && r.lr[0] !== run.records[i - 1].lr[0]) tr.classList.add('lr-changed');
    return tr;
  }
  const scroll = /** @type {HTMLElement} */ (el.querySelector('.table-scroll'));
  function rebuild() {
    // room for every epoch of the run up front, so rows arriving do not push the page down; once
    // no more rows come (done, stopped, failed) the table is as tall as its rows, no blank band
    const spec = run.spec || run.requestedSpec;
    const E = spec?.epochs;
    // which run this is: pages such as the zoo and warm-up train more than one scheduler
    if (spec)
      caption.textContent = `Epoch by epoch, ${spec.scheduler ? spec.scheduler.type : 'constant LR'}, as computed by the engine`;
    const finished = ['done', 'cancelled', 'error'].includes(run.status);
    if (E && !finished) scroll.style.setProperty('--epoch-rows', String(E + 1));
    else scroll.style.removeProperty('--epoch-rows');
    tbody.replaceChildren(...run.records.map((_, i) => renderRow(i)));
    const diverged = run.result?.diverged_at;
    status.textContent = run.runError()
      ? run.runError()
      : diverged
        ? `Training stopped: diverged at epoch ${diverged.epoch} (${diverged.reason}).`
        : run.status === 'done'
          ? `${run.records.length} epochs.`
          : run.status === 'cancelled'
            ? `Cancelled after ${run.records.length} of ${run.spec?.epochs ?? '?'} epochs.`
            : run.error
              ? ''
              : run.records.length
                ? `${run.records.length} of ${run.spec?.epochs ?? '?'} epochs so far…`
                : 'Waiting for the engine…';
  }
  events.addEventListener(
    'chartcursor',
    (/** @type {import('../charts/chart-frame.mjs').ChartCursorEvent} */ e) => {
      for (const tr of tbody.querySelectorAll('tr.current-epoch')) tr.classList.remove('current-epoch');
      if (e.epoch !== null)
        tbody.querySelector(`tr[data-epoch="${e.epoch}"]`)?.classList.add('current-epoch');
    },
  );
  run.addEventListener('reset', rebuild);
  run.addEventListener('epoch', () => {
    tbody.append(renderRow(run.records.length - 1));
    status.textContent = `${run.records.length} of ${run.spec?.epochs ?? '?'} epochs so far…`;
  });
  run.addEventListener('done', rebuild);
  run.addEventListener('error', rebuild);
  // a cancelled run only changes its status: release its reserved rows and say so
  run.addEventListener('status', () => {
    if (run.status === 'cancelled') rebuild();
  });
  rebuild();
}
