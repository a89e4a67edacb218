// A small table of the LR at chosen epochs of a fixed example schedule from the lesson's front
// matter ("examples"), computed by engine.schedule.
import { h } from '../element.mjs';
import { fmtLr } from '../number-format.mjs';

export async function mount(el, { lesson, client, args }) {
  const spec = lesson.examples?.[args.example];
  const epochs = (args.epochs || '0').split(',').map(Number);
  const box = h('div', { class: 'table-scroll' });
  el.append(box);
  if (!spec) {
    box.append(h('p', { class: 'field-error', text: `Unknown example "${args.example}".` }));
    return;
  }
  try {
    await client.ready();
    const r = await client.schedule(spec);
    box.append(
      h(
        'table',
        { class: 'lr-value' },
        h('caption', {
          text: `${spec.scheduler.type}(${Object.entries(spec.scheduler)
            .filter(([k]) => k !== 'type')
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}) with lr=${spec.optimizer.lr}`,
        }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', text: 'epoch' }),
            epochs.map((e) => h('th', { scope: 'col', text: String(e) })),
          ),
        ),
        h(
          'tbody',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'row', text: 'lr' }),
            epochs.map((e) => h('td', { text: fmtLr(r.lr[0][e]) })),
          ),
        ),
      ),
    );
  } catch (err) {
    box.append(
      h('p', { class: 'field-error', text: `The engine could not compute this example: ${err.message}` }),
    );
  }
}
