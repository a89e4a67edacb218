// Boots a lesson page: reads the lesson's front matter (embedded by scripts/build-site.mjs),
// restores control values from the URL, starts the lesson's training run in the engine worker
// and mounts the widgets the lesson placed in its text. Modes show and hide sections without
// destroying widgets, so switching modes keeps every setting and result.
import { h } from './element.mjs';
import { engineClient } from './engine-client.mjs';
import { LessonState } from './lesson-state.mjs';
import { MODES } from './modes.mjs';
import { progress } from './progress-store.mjs';
import { buildTrainSpec } from './run-spec.mjs';
import { TrainingRun } from './training-run.mjs';

// Fields that change what is shown, not what is trained.
const VIEW_ONLY = new Set([
  'mode',
  'lr_scale',
  'sample',
  'formula_epoch',
  'compare_set',
  'lr_high',
  'lr_low',
]);

const lesson = JSON.parse(document.getElementById('lesson-data').textContent);
const state = new LessonState(lesson.fields, location.search, lesson.field_groups);
const notices = document.getElementById('notices');

export function notice(text, kind = 'warning') {
  const close = h('button', {
    type: 'button',
    class: 'small',
    text: 'Dismiss',
    'aria-label': 'Dismiss notice',
  });
  const item = h('p', { class: `notice notice-${kind}` }, h('span', { text }), close);
  close.addEventListener('click', () => item.remove());
  notices.append(item);
}
for (const n of state.notices) notice(n);

const run = new TrainingRun('main', 'this lesson');
function retrain() {
  if (!lesson.run) return;
  let spec = null;
  let error = null;
  try {
    spec = buildTrainSpec(state.values, lesson.run);
  } catch (err) {
    error = err.message;
  }
  run.restart(spec, error);
}
state.addEventListener('change', (e) => {
  if (e.keys.some((k) => !VIEW_ONLY.has(k))) retrain();
});

// --- modes ---------------------------------------------------------------------------------
const sections = [...document.querySelectorAll('.lesson-section')];
function applyMode() {
  const mode = state.get('mode');
  for (const s of sections) {
    const modes = s.dataset.modes.split(' ');
    s.hidden = !(mode === 'story' || modes.includes('all') || modes.includes(mode));
  }
  document.body.dataset.mode = mode;
  for (const b of document.querySelectorAll('.mode-bar button'))
    b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
}
function mountModeSwitch(el) {
  const available = MODES.filter((m) => !m.hidden && (m.id === 'story' || lesson.modes.includes(m.id)));
  el.append(
    h('span', { class: 'mode-label', id: 'mode-label', text: 'Read as:' }),
    h(
      'div',
      { class: 'mode-buttons', role: 'group', 'aria-labelledby': 'mode-label' },
      available.map((m) =>
        h('button', {
          type: 'button',
          class: 'mode-button',
          'data-mode': m.id,
          title: m.hint,
          text: m.label,
          onclick: () => state.set('mode', m.id),
        }),
      ),
    ),
  );
}
state.addEventListener('change', (e) => {
  if (e.keys.includes('mode')) applyMode();
});

// --- widgets -------------------------------------------------------------------------------
const context = { lesson, state, run, retrain, notice, client: engineClient(), progress };

async function mountWidgets() {
  const placeholders = [...document.querySelectorAll('.widget[data-widget]')];
  for (const el of placeholders) {
    const name = el.dataset.widget;
    if (name === 'mode-switch') {
      mountModeSwitch(el);
      continue;
    }
    const args = {};
    for (const [k, v] of Object.entries(el.dataset))
      if (k.startsWith('arg')) args[k.slice(3).replace(/^./, (c) => c.toLowerCase())] = v;
    try {
      const mod = await import(`./widgets/${name}.mjs`);
      mod.mount(el, { ...context, args });
    } catch (err) {
      el.append(
        h('p', {
          class: 'notice notice-error',
          text: `This part of the page failed to load (${name}): ${err.message}`,
        }),
      );
      console.warn(err);
    }
  }
}

applyMode();
await mountWidgets();
import('./embed-dialog.mjs').then((m) => m.addEmbedButtons(context), console.warn);
applyMode();
progress.markVisited(lesson.id);
document.body.dataset.ready = 'true';
engineClient()
  .ready()
  .then(
    () => {
      document.body.dataset.engine = 'ready';
      retrain();
    },
    (err) => {
      document.body.dataset.engine = 'failed';
      notice(err.message, 'error');
    },
  );
