// A scheduler's closed form typeset with KaTeX, with the learner's values substituted and
// evaluated at a chosen epoch. The final value shown is the engine's (planned schedule or the
// run's records), not computed here; the formula only shows how it arises.
//   [[formula kind=steplr]]             StepLR
//   [[formula kind=ReduceLROnPlateau]]  any scheduler type by name
//   [[formula kind=scheduler]]          the type chosen in the lesson's "scheduler" field
import { h, nextId } from '../element.mjs';
import { fmtLr } from '../number-format.mjs';
import { paramKey } from '../scheduler-catalog.mjs';
import { schedulerFormula, texNum } from '../scheduler-formulas.mjs';

// KaTeX (270 KB of script) is fetched once the lesson's run has drawn its charts (or after 2 s),
// so no chart waits for it (issue 12): preloaded with the page it put a lesson's first chart
// 90-150 ms later, and fetched at the first frame its parse still took a core from the starting
// engine. Until it arrives the formula boxes keep their room (site.css, [data-typeset]).
/** @type {Promise<typeof import('../../vendor/katex/katex.mjs').default> | null} */
let katexLoading = null;
/** @type {typeof import('../../vendor/katex/katex.mjs').default | null} */
let katex = null;
/** @param {EventTarget & {status?: string}} run */
function loadKatex(run) {
  katexLoading ||= new Promise((charted) => {
    // a run the page sent before its widgets mounted may be over already (a spec error)
    if (run.status === 'done' || run.status === 'error') return charted(undefined);
    const timer = setTimeout(charted, 2000);
    for (const ev of ['done', 'error'])
      run.addEventListener(
        ev,
        () => {
          clearTimeout(timer);
          charted(undefined);
        },
        { once: true },
      );
  })
    .then(() => import('../../vendor/katex/katex.mjs'))
    .then((m) => (katex = m.default));
  return katexLoading;
}

/** Typesets `tex` into `el`, unless `el` already shows it: a formula is re-rendered on every
 *  epoch of a run, and its text changes only when the epoch it is evaluated at arrives. */
function typeset(tex, el) {
  if (!katex || el.dataset.tex === tex) return;
  katex.render(tex, el, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
  el.dataset.tex = tex;
}
/** Empties a box typeset() filled. */
function clear(el) {
  el.replaceChildren();
  delete el.dataset.tex;
}

export function mount(el, { run, state, lesson, args }) {
  const id = nextId('epoch');
  const input = h('input', { id, type: 'number', min: '0', step: '1' });
  const caption = h('p', { class: 'formula-caption muted' });
  // the general formula and the substituted one; a second, narrower setting of either (when the
  // type has one) replaces it on a narrow line (site.css container query), so it stays full size
  // instead of shrinking or breaking mid-formula
  const generalWide = h('div', { class: 'formula-wide' });
  const generalNarrow = h('div', { class: 'formula-narrow' });
  const general = h('div', { class: 'formula-general' }, generalWide, generalNarrow);
  const outWide = h('div', { class: 'formula-wide' });
  const outNarrow = h('div', { class: 'formula-narrow' });
  const out = h('div', { class: 'formula', 'aria-live': 'polite' }, outWide, outNarrow);
  el.append(
    caption,
    general,
    h('div', { class: 'field field-inline' }, h('label', { for: id, text: 'Evaluate at epoch e =' }), input),
    out,
  );
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isInteger(v) && v >= 0) state.set('formula_epoch', Math.min(v, (run.spec?.epochs || 1) - 1));
    render();
  });

  function typeOf() {
    if (args.kind === 'steplr') return 'StepLR';
    if (args.kind === 'scheduler')
      return state.has('scheduler') ? state.get('scheduler') : lesson.run?.scheduler;
    return args.kind;
  }

  function plateauAt(e) {
    const rs = run.records;
    const r = rs[e];
    if (!r?.plateau) return null;
    const metric = run.spec?.plateau_metric || state.get('plateau_metric');
    const mode = state.get('ReduceLROnPlateau.mode');
    // best before this epoch's step: the previous epoch's state, or ±inf before the first step
    const bestBefore = e > 0 ? rs[e - 1].plateau.best : mode === 'min' ? Infinity : -Infinity;
    const m = r[metric];
    return {
      m,
      bestBefore,
      improved: r.plateau.decision ? r.plateau.decision.improved : r.plateau.best === m && bestBefore !== m,
      cut: r.lr_after[0] < r.lr[0],
      lrBefore: r.lr[0],
      lrAfter: r.lr_after[0],
      bad: r.plateau.num_bad_epochs,
      cooldown: r.plateau.cooldown_counter,
    };
  }

  function render() {
    const type = typeOf();
    const E = run.spec?.epochs || state.get('epochs');
    const e = Math.min(state.get('formula_epoch'), E - 1);
    input.max = String(E - 1);
    input.value = String(e);
    const perBatch = run.spec?.scheduler_step === 'batch';
    const nb = run.batchesPerEpoch || 1;
    const t = perBatch ? e * nb : e;
    let fromEngine;
    let plateau = null;
    if (type === 'ReduceLROnPlateau') {
      plateau = plateauAt(e);
      fromEngine = plateau ? plateau.lrAfter : undefined;
    } else {
      fromEngine =
        run.planned?.lr?.[0]?.[t] ?? (perBatch ? run.records[e]?.lr_steps[0][0] : run.records[e]?.lr[0]);
    }
    const value = fromEngine === undefined ? '\\ldots' : texNum(Number(fmtLr(fromEngine)));
    const f =
      type && type !== 'none' && type !== 'custom'
        ? schedulerFormula({
            type,
            p: (name) => state.get(paramKey(type, name)),
            lr0: state.get('lr'),
            e,
            t,
            nb,
            E,
            sched: run.spec?.scheduler ?? null,
            value,
            plateau,
          })
        : null;
    el.dataset.type = type || '';
    // "pending" (site.css keeps the boxes' room) only while a formula waits for KaTeX
    if (el.dataset.typeset !== 'failed') el.dataset.typeset = f && !katex ? 'pending' : 'done';
    if (!f) {
      caption.textContent =
        type === 'custom'
          ? 'A custom scheduler has no single closed form here: the LR chart shows what the engine computed.'
          : "With no scheduler the learning rate is the optimizer's lr in every epoch.";
      clear(generalWide);
      clear(generalNarrow);
      clear(outWide);
      clear(outNarrow);
      out.dataset.value = '';
      return;
    }
    caption.textContent =
      type === 'ReduceLROnPlateau'
        ? `ReduceLROnPlateau's rule with your settings, and the check it made after epoch ${e} (numbers from the engine's run; the LR on the right is the one for the next epoch).`
        : perBatch
          ? `${type} with your settings. It is stepped per batch: epoch ${e} starts at optimizer step t = ${e} × ${nb} = ${t}. The value on the right is the engine's.`
          : `${type} with your settings, at epoch ${e} (counted from 0). The value on the right is the engine's.`;
    if (args.general === 'no') general.hidden = true;
    else {
      typeset(f.general, generalWide);
      if (f.generalNarrow) typeset(f.generalNarrow, generalNarrow);
      else clear(generalNarrow);
      general.classList.toggle('has-narrow', !!f.generalNarrow);
    }
    typeset(f.substituted, outWide);
    if (f.substitutedNarrow) typeset(f.substitutedNarrow, outNarrow);
    else clear(outNarrow);
    out.classList.toggle('has-narrow', !!f.substitutedNarrow);
    out.dataset.value = fromEngine === undefined ? '' : String(fromEngine);
  }
  state.addEventListener('change', render);
  for (const ev of ['reset', 'started', 'planned', 'epoch', 'done']) run.addEventListener(ev, render);
  render();
  loadKatex(run).then(render, (err) => {
    el.dataset.typeset = 'failed';
    out.replaceChildren(
      h('p', { class: 'notice notice-error', text: `The formula could not be typeset: ${err.message}` }),
    );
  });
}
