// The learner's scheduler applied to an optimizer with two param groups (the second at a tenth of
// the LR), computed by engine.schedule, to show that every group is scheduled in lock-step.
import { h } from '../element.mjs';
import { fmtLr } from '../number-format.mjs';
import { buildScheduler } from '../run-spec.mjs';

export function mount(el, { state, client, args }) {
  const box = h('div', {
    class: 'table-scroll',
    tabindex: '0',
    role: 'region',
    'aria-label': 'Two param groups',
  });
  el.append(box);
  let seq = 0;
  async function render() {
    const mine = ++seq;
    const lr = state.get('lr');
    const spec = {
      optimizer: { type: 'SGD', lr, param_groups: [{ lr }, { lr: lr / 10 }] },
      scheduler: buildScheduler(state.values, args.scheduler || 'StepLR'),
      steps: state.get('epochs'),
    };
    try {
      await client.ready();
      const r = await client.schedule(spec);
      if (mine !== seq) return;
      const n = r.lr[0].length;
      box.replaceChildren(
        h(
          'table',
          {},
          h('caption', { text: 'LR of each param group per epoch (engine.schedule)' }),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col', text: 'epoch' }),
              Array.from({ length: n }, (_, e) => h('th', { scope: 'col', text: String(e) })),
            ),
          ),
          h(
            'tbody',
            {},
            r.lr.map((row, g) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row', text: `group ${g}` }),
                row.map((v) => h('td', { text: fmtLr(v) })),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      if (mine === seq) box.replaceChildren(h('p', { class: 'field-error', text: err.message }));
    }
  }
  state.addEventListener('change', render);
  render();
}
