// The lesson pages' "Embed" button (on the chart group of the lesson's run): a dialog with the
// <lr-lab> element snippet and the iframe snippet for the current settings, with absolute URLs
// from where the site is served, and copy buttons.
import { elementSnippet, embedAttributes, iframeSnippet, RESIZE_LISTENER } from '../widget/embed-snippet.mjs';
import { h, nextId } from './element.mjs';
import { FIELDS } from './fields.mjs';

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

function openDialog({ lesson, state }) {
  const base = new URL('.', location.href).href;
  const attrs = embedAttributes(fullValues(state), lesson.run);
  const titleId = nextId('embed-title');
  const dialog = h(
    'dialog',
    { class: 'embed-dialog', 'aria-labelledby': titleId },
    h('h2', { id: titleId, text: 'Embed this demo' }),
    h('p', {
      class: 'muted',
      text: 'The same live demo, with the current settings, on any page: paste the element snippet into your HTML, or the iframe snippet where only iframes are allowed.',
    }),
    snippetBlock('Element snippet', elementSnippet(attrs, base)),
    snippetBlock('Iframe snippet', iframeSnippet(attrs, base, `LR Lab: ${lesson.title}`)),
    snippetBlock('Iframe auto-resize listener (optional)', RESIZE_LISTENER),
    h('p', {}, h('a', { href: 'widget.html', text: 'Every attribute, property and event of <lr-lab>' })),
  );
  const close = h('button', { type: 'button', text: 'Close', onclick: () => dialog.close() });
  dialog.append(h('div', { class: 'embed-actions' }, close));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

/** Adds the Embed button to the chart group of the lesson's run (the LR chart's toolbar). */
export function addEmbedButtons(context) {
  if (!context.lesson.run) return;
  for (const tools of document.querySelectorAll('.widget[data-widget="lr-chart"] .chart-tools')) {
    tools.append(
      h('button', {
        type: 'button',
        class: 'small embed-button',
        text: 'Embed',
        title: 'Put this live demo on your own page',
        'aria-haspopup': 'dialog',
        onclick: () => openDialog(context),
      }),
    );
  }
}
