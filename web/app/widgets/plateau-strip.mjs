// ReduceLROnPlateau's state after every epoch (engine records): the metric it was given, best so
// far, bad epochs counted against patience, the cooldown counter, and the cut when one fired. This
// shows *why* each reduction happened (PyTorch 1.13 lr_scheduler.py L1000-1077).
import { h } from '../element.mjs';
import { fmtLr, fmtNum } from '../number-format.mjs';
import { metricName, plateauCutReason } from '../observations.mjs';
import { plateauModeMismatch } from '../plateau-mode.mjs';

export function mount(el, { run, state }) {
  const box = h('div', {
    class: 'plateau-strip table-scroll',
    tabindex: '0',
    role: 'region',
    'aria-label': 'ReduceLROnPlateau state per epoch',
  });
  // the mode that contradicts the metric explains the strip's cuts better than any row of it
  const modeNote = h('p', { class: 'notice plateau-mode-note', role: 'note', hidden: true });
  el.append(box, modeNote);
  // Once a run is done the strip scrolls (inside itself) to the first cut, with the bad epochs
  // that led to it when they fit: a run of 30 epochs is wider than the page, and its first cut
  // would otherwise sit off-screen. Re-renders while training keep the learner's scroll position.
  let scrollPending = true;
  function scrollToFirstCut(cutAt, patience) {
    const heads = box.querySelectorAll('thead th');
    const rowHead = /** @type {HTMLElement} */ (heads[0]);
    const cutHead = /** @type {HTMLElement} */ (heads[cutAt + 1]);
    const fromHead = /** @type {HTMLElement} */ (heads[Math.max(0, cutAt - patience - 1) + 1]);
    if (!rowHead || !cutHead || !fromHead) return;
    const left = box.getBoundingClientRect().left - box.scrollLeft;
    const x = (/** @type {HTMLElement} */ th) => th.getBoundingClientRect().left - left;
    const rowW = rowHead.getBoundingClientRect().width;
    let target = x(fromHead) - rowW;
    const cutRight = x(cutHead) + cutHead.getBoundingClientRect().width;
    if (cutRight - target > box.clientWidth) target = cutRight - box.clientWidth;
    // the strip snaps an epoch's left edge to the row names (site.css): go to the first such
    // position at or after the target, so the cut stays whole in view
    const stops = [...heads].slice(1).map((th) => x(/** @type {HTMLElement} */ (th)) - rowW);
    target = stops.find((p) => p >= target - 0.5) ?? target;
    box.scrollLeft = Math.max(0, Math.min(target, x(cutHead) - rowW));
  }
  function render() {
    const keep = box.scrollLeft;
    const rs = run.records;
    const metric = run.spec?.plateau_metric || state.get('plateau_metric');
    const mismatch = run.spec ? plateauModeMismatch({ ...run.spec, plateau_metric: metric }) : null;
    modeNote.textContent = mismatch ?? '';
    modeNote.hidden = !mismatch;
    const patience = state.get('ReduceLROnPlateau.patience');
    if (!rs.length || !rs[0].plateau) {
      box.replaceChildren(
        h('p', {
          class: 'muted',
          text: run.error ? '' : 'The scheduler state appears here epoch by epoch as training runs.',
        }),
      );
      return;
    }
    const row = (name, f, cls) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', text: name }),
        rs.map((r, i) => {
          const td = h('td', { text: f(r, i) });
          if (cls) {
            const c = cls(r, i);
            if (c) td.className = c;
          }
          return td;
        }),
      );
    const cut = (r) => r.lr_after && r.lr_after[0] < r.lr[0];
    box.replaceChildren(
      h(
        'table',
        {},
        h('caption', { text: `ReduceLROnPlateau after each epoch's scheduler.step(${metric})` }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', text: 'epoch' }),
            rs.map((_, i) => h('th', { scope: 'col', text: String(i) })),
          ),
        ),
        h(
          'tbody',
          {},
          row(`${metricName(metric, rs[0])} given (${metric})`, (r) => fmtNum(r[metric], 4)),
          row('best so far', (r) => fmtNum(r.plateau.best, 4)),
          row(`bad epochs (cut when > ${patience})`, (r) => String(r.plateau.num_bad_epochs)),
          row('cooldown left', (r) => String(r.plateau.cooldown_counter)),
          // the engine's record of the step's judgement (docs/run-spec.md 4.1): a cut is called
          // also where min_lr leaves the LR as it was, and the cooldown restarts then too
          row(
            'cut triggered by',
            (r) => plateauCutReason(r, metric, patience),
            (r) => (r.plateau.decision?.triggered ? 'cut-trigger' : ''),
          ),
          row(
            'LR used → next',
            (r) => (cut(r) ? `${fmtLr(r.lr[0])} → ${fmtLr(r.lr_after[0])}` : fmtLr(r.lr[0])),
            (r) => (cut(r) ? 'reduced' : ''),
          ),
        ),
      ),
    );
    box.scrollLeft = keep;
    const cutAt = rs.findIndex(cut);
    if (run.status === 'done' && scrollPending && cutAt >= 0) {
      scrollPending = false;
      scrollToFirstCut(cutAt, Number(patience) || 0);
    }
    box.dataset.firstCut = cutAt >= 0 ? String(cutAt) : '';
  }
  run.addEventListener('reset', () => {
    scrollPending = true;
  });
  for (const ev of ['reset', 'epoch', 'done', 'error']) run.addEventListener(ev, render);
  render();
}
