// A scheduler's closed form typeset with KaTeX, with the learner's values substituted and
// evaluated at a chosen epoch. The final value shown is the engine's (planned schedule or the
// run's records), not computed here; the formula only shows how it arises.
import katex from '../../vendor/katex/katex.mjs';
import { h, nextId } from '../element.mjs';
import { fmtLr } from '../number-format.mjs';

const tex = (n) => String(n);

const KINDS = {
  steplr(state, e, value) {
    const lr0 = state.get('lr'); const g = state.get('StepLR.gamma'); const s = state.get('StepLR.step_size');
    const k = Math.floor(e / s);
    return `\\text{lr}_{${e}} = ${tex(lr0)} \\cdot ${tex(g)}^{\\lfloor ${e} / ${s} \\rfloor} = ${tex(lr0)} \\cdot ${tex(g)}^{${k}} = ${value}`;
  },
};

export function mount(el, { run, state, args }) {
  const kind = KINDS[args.kind] ? args.kind : 'steplr';
  const id = nextId('epoch');
  const input = h('input', { id, type: 'number', min: '0', step: '1' });
  const out = h('div', { class: 'formula', 'aria-live': 'polite' });
  el.append(h('div', { class: 'field field-inline' }, h('label', { for: id, text: 'Epoch e =' }), input), out);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isInteger(v) && v >= 0) state.set('formula_epoch', Math.min(v, (run.spec?.epochs || 1) - 1));
    render();
  });
  function render() {
    const E = run.spec?.epochs || state.get('epochs');
    const e = Math.min(state.get('formula_epoch'), E - 1);
    input.max = String(E - 1);
    input.value = String(e);
    const fromEngine = run.planned?.lr?.[0]?.[e] ?? run.records[e]?.lr[0];
    const value = fromEngine === undefined ? '\\ldots' : fmtLr(fromEngine);
    katex.render(KINDS[kind](state, e, value), out, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
    out.dataset.value = fromEngine === undefined ? '' : String(fromEngine);
  }
  state.addEventListener('change', render);
  for (const ev of ['reset', 'planned', 'epoch']) run.addEventListener(ev, render);
  render();
}
