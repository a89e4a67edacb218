// Boots a lesson page: reads the lesson's front matter (embedded by scripts/build-site.mjs),
// restores control values from the URL, starts the lesson's training run in the engine worker
// and mounts the widgets the lesson placed in its text. Modes show and hide sections without
// destroying widgets, so switching modes keeps every setting and result.
import { evalBound, parseBound } from './bound-text.mjs';
import { h } from './element.mjs';
import { engineClient } from './engine-client.mjs';
import { FIELDS } from './fields.mjs';
import { installLayoutCues } from './layout-cues.mjs';
import { learnerCsv } from './learner-csv.mjs';
import { LessonState } from './lesson-state.mjs';
import { MODES } from './modes.mjs';
import { progress } from './progress-store.mjs';
import { buildTrainSpec } from './run-spec.mjs';
import { followWithBaseline, TrainingRun } from './training-run.mjs';
import { WIDGETS } from './widget-registry.mjs';

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
  return item;
}
for (const n of state.notices) notice(n);
// A mode the lesson has no content for is not offered; asked for in the address, it falls back
// to Story with a notice instead of an empty page.
const offered = (m) => m === 'story' || lesson.modes.includes(m);
if (!offered(state.get('mode'))) {
  const asked = MODES.find((m) => m.id === state.get('mode'));
  notice(`This lesson has no ${asked ? asked.label : state.get('mode')} mode; showing the Story instead.`);
  state.set('mode', 'story');
}

if (progress.problem()) notice(progress.problem());

const run = new TrainingRun('main', 'this lesson');
// A run PyTorch stopped (result.error) gets a notice, replaced by the next run's; so do
// settings torch runs in a surprising way (result.warnings).
let runNotices = [];
run.addEventListener('reset', () => {
  for (const n of runNotices) n.remove();
  runNotices = [];
});
// A run that cannot start (settings the engine refuses, a CSV not chosen yet) says why at the
// top too: in a mode without the run bar the charts would otherwise just stay empty.
run.addEventListener('error', (/** @type {Event & {detail: string}} */ e) => {
  runNotices.push(notice(`This lesson's run cannot start: ${e.detail}`, 'error'));
});
run.addEventListener('done', () => {
  if (run.runError()) runNotices.push(notice(run.runError(), 'error'));
  for (const w of run.runWarnings()) runNotices.push(notice(w));
});
// The constant-LR baseline: the same spec without its scheduler (same data, initial weights and
// batch order), drawn faintly behind the charts and measured against in the key insight.
const baseline = new TrainingRun('baseline', 'constant LR');
function retrain() {
  if (!lesson.run) return;
  let spec = null;
  let error = null;
  try {
    spec = buildTrainSpec(state.values, lesson.run, {}, { csv: learnerCsv() });
  } catch (err) {
    error = err.message;
  }
  run.restart(spec, error);
  followWithBaseline(baseline, spec);
}
state.addEventListener('change', (/** @type {import('./lesson-state.mjs').StateChangeEvent} */ e) => {
  if (e.keys.some((k) => !VIEW_ONLY.has(k))) retrain();
});

// --- modes ---------------------------------------------------------------------------------
const sections = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.lesson-section'))];
// Sections about the default settings' run ("::: story defaults") hide once a setting moves.
const atDefaults = () =>
  Object.keys(state.defaults).every(
    (k) => VIEW_ONLY.has(k) || FIELDS[k].format(state.values[k]) === FIELDS[k].format(state.defaults[k]),
  );
function applyMode() {
  const mode = state.get('mode');
  const defaults = atDefaults();
  for (const s of sections) {
    const modes = s.dataset.modes.split(' ');
    s.hidden =
      !(mode === 'story' || modes.includes('all') || modes.includes(mode)) ||
      ('defaultsOnly' in s.dataset && !defaults);
  }
  // A control appears once on the page: a controls block whose fields an earlier visible block
  // already holds (the Math section's scheduler picker under Story) stays hidden.
  const held = new Set();
  for (const c of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll('.widget[data-widget="controls"]')
  )) {
    const fields = (c.dataset.argFields || '').split(',').filter(Boolean);
    const inView = !(/** @type {HTMLElement | null} */ (c.closest('.lesson-section'))?.hidden);
    const duplicate = inView && fields.length > 0 && fields.every((f) => held.has(f));
    c.hidden = duplicate;
    if (inView && !duplicate) for (const f of fields) held.add(f);
  }
  document.body.dataset.mode = mode;
  for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (
    document.querySelectorAll('.mode-bar button')
  ))
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
state.addEventListener('change', applyMode);

// --- widgets -------------------------------------------------------------------------------
const context = { lesson, state, run, baseline, retrain, notice, client: engineClient(), progress };

function mountWidgets() {
  // Mounted in one task: the page lays out once instead of growing widget by widget.
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll('.widget[data-widget]')
  )) {
    const name = el.dataset.widget ?? '';
    if (name === 'mode-switch') {
      mountModeSwitch(el);
      continue;
    }
    const args = {};
    for (const [k, v] of Object.entries(el.dataset))
      if (k.startsWith('arg')) args[k.slice(3).replace(/^./, (c) => c.toLowerCase())] = v;
    try {
      const widget = Object.hasOwn(WIDGETS, name) ? WIDGETS[name] : null;
      if (!widget) throw new Error(`no widget is named "${name}"`);
      widget.mount(el, { ...context, args });
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

// Numbers in the text bound to the settings ({{field}} in lessons, bound-text.mjs).
function renderBound() {
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.bound[data-bind]')))
    el.textContent = evalBound(parseBound(el.dataset.bind), (k) => state.get(k));
}
state.addEventListener('change', renderBound);

applyMode();
renderBound();
installLayoutCues();
// The lesson's run goes to the worker before the widgets mount: the worker, started from <head>
// (engine-boot.js), trains it on the other core while they do (it takes requests once the
// engine has loaded), and each widget shows the run's state as it mounts.
retrain();
run.flush();
baseline.flush();
mountWidgets();
// Then the worker warms up on the lesson's run, so the learner's next runs are on optimized
// code (engine-warmup.mjs); not before: it would take the other core from the mount. A lesson
// without a run of its own (the Sweep trains on its worker pool) leaves the cores to the page.
if (lesson.run) engineClient().warmup(run.requestedSpec);
import('./embed-dialog.mjs').then((m) => m.addEmbedButtons(context), console.warn);
applyMode();
progress.markVisited(lesson.id);
document.body.dataset.ready = 'true';
engineClient()
  .ready()
  .then(
    () => {
      document.body.dataset.engine = 'ready';
    },
    (err) => {
      document.body.dataset.engine = 'failed';
      run.abandon(err.message);
      baseline.abandon(err.message);
      notice(err.message, 'error');
    },
  );
