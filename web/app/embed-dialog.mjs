// The lesson pages' "Embed" button on every chart group (the lesson's run, and each comparison):
// a dialog with the <lr-lab> element snippet and the iframe snippet for the current settings,
// with absolute URLs from where the site is served, and copy buttons. A comparison becomes one
// element (or iframe) per compared run.
import { MAX_SPEC_CHARS } from '../widget/attributes.mjs';
import {
  elementSnippet,
  embedAttributes,
  iframeSnippet,
  resizeListenerSnippet,
} from '../widget/embed-snippet.mjs';
import { h, nextId } from './element.mjs';
import { FIELDS } from './fields.mjs';
import { learnerCsv } from './learner-csv.mjs';
import { buildTrainSpec } from './run-spec.mjs';
import { configs } from './widgets/compare.mjs';
import { stepOrderVariants } from './widgets/step-order.mjs';

const fullValues = (state) =>
  Object.fromEntries(
    Object.values(FIELDS).map((f) => [f.key, state.has(f.key) ? state.get(f.key) : f.default]),
  );

async function copy(text, area, status) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    area.select(); // the reader can copy the selection
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    return;
  }
  status.textContent = 'Copied.';
}

function snippetBlock(title, text) {
  const id = nextId('embed-snippet');
  const area = h('textarea', { id, class: 'mono embed-code', readonly: true, rows: '4', spellcheck: false });
  area.value = text;
  const status = h('span', { class: 'muted embed-copied', role: 'status' });
  const button = h('button', {
    type: 'button',
    text: `Copy ${title.toLowerCase()}`,
    onclick: () => copy(area.value, area, status),
  });
  return h(
    'div',
    { class: 'embed-block' },
    h('label', { for: id, text: title }),
    area,
    h('div', {}, button, ' ', status),
  );
}

/** [{title, attrs}] of the element(s) that show this chart group. */
function demos(group, { lesson, state }) {
  const values = fullValues(state);
  if (group.classList.contains('zoo-card')) {
    // one zoo card: its scheduler with the lesson settings the card trained
    const type = group.dataset.scheduler;
    return [
      {
        title: `LR Lab: ${type}`,
        attrs: [
          ...embedAttributes({ ...values, scheduler: type }, { scheduler: '$scheduler' }),
          ['panels', 'lr loss accuracy table'],
        ],
      },
    ];
  }
  if (group.dataset.widget === 'step-order') {
    // the correct loop and the per-batch mistake as attributes; the "before optimizer.step()"
    // mistake has no attribute, so its element gets the whole run-spec
    const type = lesson.run?.scheduler || 'StepLR';
    return stepOrderVariants().map(({ label, extra, order }) => {
      const attrs = embedAttributes({ ...values, ...extra }, { scheduler: type });
      if (!order) return { title: `LR Lab: ${label}`, attrs: [...attrs, ['panels', 'lr loss table']] };
      const spec = {
        ...buildTrainSpec({ ...values, ...extra }, { scheduler: type }),
        scheduler_order: order,
      };
      return {
        title: `LR Lab: ${label}`,
        attrs: [
          ['spec', JSON.stringify(spec)],
          ['panels', 'lr loss table'],
        ],
      };
    });
  }
  if (group.dataset.widget !== 'compare')
    return [
      { title: `LR Lab: ${lesson.title}`, attrs: embedAttributes(values, lesson.run, { csv: learnerCsv() }) },
    ];
  const kind = group.dataset.argKind === 'lr' ? 'lr' : 'schedulers';
  const args = { schedule: group.dataset.argSchedule, peak: group.dataset.argPeak };
  return configs(kind, state, args).map(({ label, extra }) => ({
    title: `LR Lab: ${label}`,
    attrs: [...embedAttributes({ ...values, ...extra }, { scheduler: '$scheduler' }), ['panels', 'lr loss']],
  }));
}

function openDialog(group, context) {
  const base = new URL('.', location.href).href;
  let runs;
  try {
    runs = demos(group, context);
  } catch (err) {
    // settings no run can have (the csv data set before a file is chosen): nothing to embed
    const button = group.querySelector('.embed-button');
    button?.parentElement.querySelector('.embed-error')?.remove();
    button?.after(
      h('span', {
        class: 'field-error embed-error',
        role: 'alert',
        text: ` Nothing to embed: ${err.message}`,
      }),
    );
    return;
  }
  const element = [
    elementSnippet(runs[0].attrs, base).split('\n')[0],
    ...runs.map((r) => elementSnippet(r.attrs, base).split('\n').slice(1).join('\n')),
  ].join('\n');
  const iframes = runs.map((r) => iframeSnippet(r.attrs, base, r.title)).join('\n');
  const withCsv = context.state.get('dataset') === 'csv';
  const titleId = nextId('embed-title');
  const dialog = h(
    'dialog',
    { class: 'embed-dialog', 'aria-labelledby': titleId },
    h('h2', { id: titleId, text: 'Embed this demo' }),
    h('p', {
      class: 'muted',
      text: withCsv
        ? 'The same live demo, with the current settings, on any page: paste the element snippet into your HTML.'
        : 'The same live demo, with the current settings, on any page: paste the element snippet into your HTML, or the iframe snippet where only iframes are allowed.',
    }),
    csvNote(context.state, runs),
    snippetBlock('Element snippet', element),
    // an iframe would carry the learner's file in its address, sent to the server on every load
    withCsv ? null : snippetBlock(runs.length > 1 ? 'Iframe snippets' : 'Iframe snippet', iframes),
    withCsv ? null : snippetBlock('Iframe auto-resize listener (optional)', resizeListenerSnippet(base)),
    h('p', {}, h('a', { href: 'widget.html', text: 'Every attribute, property and event of <lr-lab>' })),
  );
  const close = h('button', { type: 'button', text: 'Close', onclick: () => dialog.close() });
  dialog.append(h('div', { class: 'embed-actions' }, close));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

// The learner's CSV travels inside the snippets as the spec's text: say so, and say when it is
// more than an element takes (attributes.mjs MAX_SPEC_CHARS).
function csvNote(state, runs) {
  if (state.get('dataset') !== 'csv') return null;
  const spec = runs[0].attrs.find(([k]) => k === 'spec')?.[1] ?? '';
  const fits = spec.length <= MAX_SPEC_CHARS;
  return h('p', {
    class: fits ? 'muted' : 'field-error',
    text: fits
      ? `Your CSV file is inside the element snippet (its spec attribute, ${spec.length} characters): whoever opens the page sees its rows. No iframe snippet: it would put the file in the iframe's address, which goes to the server.`
      : `Your CSV file makes the spec ${spec.length} characters long, more than the ${MAX_SPEC_CHARS} an <lr-lab> element takes: the snippet would show that error. A smaller file embeds.`,
  });
}

const embedButton = (group, context) =>
  h('button', {
    type: 'button',
    class: 'small embed-button',
    text: 'Embed',
    title: 'Put this live demo on your own page',
    'aria-haspopup': 'dialog',
    onclick: () => openDialog(group, context),
  });

/**
 * Adds the Embed button to every chart group that shows a run the widget can reproduce: the
 * lesson run's LR chart, each comparison, the step-order runs and every zoo card.
 */
export function addEmbedButtons(context) {
  const groups = document.querySelectorAll(
    `${context.lesson.run ? '.widget[data-widget="lr-chart"], ' : ''}.widget[data-widget="compare"], .widget[data-widget="step-order"]`,
  );
  for (const group of groups) group.querySelector('.chart-tools')?.append(embedButton(group, context));
  for (const card of document.querySelectorAll('.widget[data-widget="zoo"] .zoo-card')) {
    card.querySelector('.zoo-actions')?.append(embedButton(/** @type {HTMLElement} */ (card), context));
  }
}
