// The four pipeline stages of lesson 1 (data loading, split, model initialisation, training with
// the scheduler), each filled from the engine: its data summary, the shapes of the trained weight
// matrices and the LR changes seen in the run.
import { h } from '../element.mjs';
import { fmtLr, fmtNum } from '../number-format.mjs';

export function mount(el, { run }) {
  const stages = h('ol', { class: 'pipeline-stages' });
  el.append(stages);
  const stage = (n, title, ...body) =>
    h('li', { class: 'pipeline-stage' }, h('h3', { text: `${n}. ${title}` }), ...body);
  function render() {
    const s = run.summary;
    // a retrain keeps the last pipeline on screen until the new summary arrives (no collapse)
    if (!s && !run.error && stages.dataset.filled) return;
    if (!s) {
      delete stages.dataset.filled;
      stages.replaceChildren(
        h('li', {
          class: 'muted',
          text: run.engineDown
            ? `Not trained: ${run.error}`
            : run.error
              ? `The engine rejected the settings: ${run.error}`
              : 'Loading the data in the engine…',
        }),
      );
      return;
    }
    const head = s.head || { x: [], y: [] };
    const shown = Math.min(s.n_features, 10);
    const headTable = h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'First training rows' },
      h(
        'table',
        {},
        h('caption', {
          text: `First ${head.x.length} training rows${s.standardized ? ' (after standardising each feature)' : ''}`,
        }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', text: 'row' }),
            (s.feature_names || []).slice(0, shown).map((n) => h('th', { scope: 'col', text: n })),
            h('th', { scope: 'col', text: 'label' }),
          ),
        ),
        h(
          'tbody',
          {},
          head.x.map((row, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row', text: String(i) }),
              row.slice(0, shown).map((v) => h('td', { text: fmtNum(v, 3) })),
              h('td', { text: String(s.class_names?.[head.y[i]] ?? head.y[i]) }),
            ),
          ),
        ),
      ),
    );
    const total = s.n_train + s.n_test;
    const counts = (arr) => (arr || []).map((c, k) => `${s.class_names?.[k] ?? k}: ${c}`).join(', ');
    const r = run.result;
    const shapes = [];
    if (r?.final) {
      for (let i = 1; r.final[`W${i}`]; i++) {
        const W = r.final[`W${i}`];
        shapes.push(
          h(
            'li',
            {},
            // the names model.state_dict() gives in the Code mode's nn.Sequential(Linear, ReLU, …)
            h('code', { text: `${2 * (i - 1)}.weight` }),
            ` ${W.length} × ${W[0].length} (linear layer ${i}; PyTorch stores out × in), `,
            h('code', { text: `${2 * (i - 1)}.bias` }),
            ` ${r.final[`b${i}`]?.length ?? '?'}`,
          ),
        );
      }
    }
    const sizes = run.spec?.model?.sizes || [];
    const changes = run.lrChanges();
    const first = run.records[0];
    stages.dataset.filled = 'true';
    stages.replaceChildren(
      stage(
        1,
        'Data loading',
        h(
          'p',
          {},
          `${total} rows × ${s.n_features} feature columns, ${s.n_classes} classes (${s.dataset === 'synthetic' ? 'a synthetic classification set generated from a fixed seed' : s.dataset}).`,
        ),
        headTable,
      ),
      stage(
        2,
        'Train/test split',
        h(
          'p',
          {},
          `${s.n_train} rows for training, ${s.n_test} held out for testing${run.spec?.data?.stratify ? ', split so each class keeps its share' : ''}.`,
        ),
        h(
          'p',
          { class: 'muted' },
          `Class counts: train ${counts(s.class_counts?.train)}; test ${counts(s.class_counts?.test)}.`,
        ),
      ),
      stage(
        3,
        'Model initialisation',
        h(
          'p',
          {},
          `A multilayer perceptron: ${sizes.join(' → ')} (ReLU after each hidden layer; softmax turns the ${sizes.at(-1)} outputs into probabilities, folded into the cross-entropy loss).`,
        ),
        shapes.length
          ? h('ul', {}, shapes)
          : h('p', { class: 'muted', text: 'Weight shapes appear when training finishes.' }),
        h('p', {
          class: 'muted',
          text: `A tutorial that multiplies x @ W writes the same layers as ${sizes
            .slice(0, -1)
            .map((n, i) => `${n} × ${sizes[i + 1]}`)
            .join(' and ')}; nn.Linear stores the transpose.`,
        }),
      ),
      stage(
        4,
        'Training with the scheduler',
        h(
          'p',
          {},
          first
            ? `The learning rate starts at ${fmtLr(first.lr[0])}${changes.length ? `, ${changes.map((c) => `becomes ${fmtLr(c.to)} at epoch ${c.epoch}`).join(', ')}` : ' and does not change'}${run.status === 'done' ? '.' : ' (so far).'}`
            : 'Training has not produced an epoch yet.',
        ),
      ),
    );
  }
  for (const ev of ['reset', 'started', 'epoch', 'done', 'error']) run.addEventListener(ev, render);
  render();
}
