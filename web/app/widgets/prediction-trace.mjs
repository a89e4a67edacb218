// Follows one held-out sample through the trained network (engine trace): input features, each
// hidden layer before/after ReLU, logits and softmax probabilities, with bars for magnitude.
import { h, nextId } from '../element.mjs';
import { fmtNum } from '../number-format.mjs';

function bars(title, values, names) {
  const max = Math.max(1e-12, ...values.map((v) => Math.abs(v)));
  return h(
    'div',
    { class: 'trace-layer' },
    h('h4', { text: title }),
    h(
      'div',
      { class: 'bars' },
      values.flatMap((v, i) => {
        const bar = h('span', { class: `bar${v < 0 ? ' neg' : ''}` });
        bar.style.width = `${(100 * Math.abs(v)) / max}%`; // CSSOM, allowed by the CSP (no inline markup)
        return [
          h('span', { class: 'muted', text: names?.[i] ?? String(i) }),
          h('span', { class: 'bar-track' }, bar),
          h('span', { class: 'mono', text: fmtNum(v, 3) }),
        ];
      }),
    ),
  );
}

export function mount(el, { run, state }) {
  const id = nextId('sample');
  const input = h('input', { id, type: 'number', min: '0', step: '1', value: String(state.get('sample')) });
  const go = h('button', { type: 'button', text: 'Trace this sample' });
  // the next held-out sample (after the current one) the model gets wrong, or right
  const seek = (wrong) => async () => {
    if (run.status !== 'done') return;
    const n = run.summary.n_test;
    const from = state.get('sample');
    for (let k = 1; k <= n; k++) {
      const i = (from + k) % n;
      const t = await run.trace(i, 'test');
      if ((t.predicted !== t.label) === wrong) {
        input.value = String(i);
        state.set('sample', i);
        show();
        return;
      }
    }
    out.prepend(
      h('p', {
        class: 'muted',
        text: `No ${wrong ? 'misclassified' : 'correctly classified'} sample in the test split.`,
      }),
    );
  };
  const nextWrong = h('button', {
    type: 'button',
    class: 'small',
    text: 'Show a misclassified sample',
    onclick: seek(true),
  });
  const nextRight = h('button', {
    type: 'button',
    class: 'small',
    text: 'Show a correct one',
    onclick: seek(false),
  });
  const out = h('div', { class: 'trace-out', 'aria-live': 'polite' });
  el.append(
    h(
      'div',
      { class: 'field-inline field trace-pick' },
      h('label', { for: id, text: 'Held-out sample #' }),
      input,
      go,
      nextWrong,
      nextRight,
    ),
    out,
  );
  const apply = () => {
    const v = Number(input.value);
    const max = run.summary ? run.summary.n_test - 1 : 9999;
    if (!Number.isInteger(v) || v < 0 || v > max) {
      out.replaceChildren(h('p', { class: 'field-error', text: `Choose a sample from 0 to ${max}.` }));
      return;
    }
    state.set('sample', v);
    show();
  };
  go.addEventListener('click', apply);
  input.addEventListener('change', apply);
  async function show() {
    if (run.status !== 'done') {
      // keep the previous trace (dimmed) while the model retrains, so the page does not collapse
      if (out.querySelector('.trace-layers')) out.classList.add('stale');
      else out.replaceChildren(h('p', { class: 'muted', text: 'The trace appears when training finishes.' }));
      return;
    }
    out.classList.remove('stale');
    input.max = String(run.summary.n_test - 1);
    const sample = state.get('sample');
    try {
      const t = await run.trace(Math.min(sample, run.summary.n_test - 1), 'test');
      // class names already say "class" ("class 1"); unnamed classes get it
      const cls = (i) => run.summary.class_names?.[i] ?? `class ${i}`;
      const names = run.summary.class_names;
      const layers = [bars(`Input (${t.input.length} features)`, t.input, run.summary.feature_names)];
      for (const L of t.layers) layers.push(bars(`${L.name} after ReLU`, L.post));
      layers.push(
        bars('Output logits', t.logits, names),
        bars('Softmax probabilities', t.probabilities, names),
      );
      const ok = t.predicted === t.label;
      el.dataset.correct = String(ok);
      out.replaceChildren(
        h(
          'p',
          {},
          `Sample ${t.index} of the test split: true label ${cls(t.label)}, predicted ${cls(t.predicted)} `,
          h('strong', { text: ok ? '(correct)' : '(wrong)' }),
          ok
            ? '.'
            : `: the output for ${cls(t.predicted)} came out larger.${run.spec?.data?.flip_y > 0 ? ' The data has label noise, so some held-out labels are themselves wrong.' : ''}`,
        ),
        h('div', { class: 'trace-layers' }, layers),
      );
    } catch (err) {
      out.replaceChildren(
        h('p', { class: 'field-error', text: `The engine could not trace this sample: ${err.message}` }),
      );
    }
  }
  run.addEventListener('done', show);
  run.addEventListener('reset', show);
  show();
}
