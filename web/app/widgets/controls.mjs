// Labelled, keyboard-operable controls for lesson fields (fields.mjs). Sliders retrain while they
// move (the run coalesces to animation frames); text fields apply on change and say why a value
// was refused. args.fields: comma-separated field keys; "scheduler-params" expands to the
// parameters of the scheduler currently chosen in the "scheduler" field (or args.for).
// args.settings=grid: the fields are a sweep's base run (the settings note says so).
import { h, nextId } from '../element.mjs';
import { needsMetric } from '../engine-facts.mjs';
import { FIELDS } from '../fields.mjs';
import { torchDefaultText } from '../lesson-settings.mjs';
import { buildScheduler } from '../run-spec.mjs';
import { paramKey, schedulerByType } from '../scheduler-catalog.mjs';

const SLIDER_STEPS_MAX = 2000;

function sliderFor(f) {
  if (f.kind !== 'int' && f.kind !== 'number') return null;
  // f.slider: the span the slider covers when the field accepts a wider range (the engine's)
  const span = f.slider ?? f;
  if (f.scale === 'log')
    return {
      min: Math.log10(span.min),
      max: Math.log10(span.max),
      step: 0.01,
      to: (x) => Number((10 ** x).toPrecision(3)),
      from: (v) => Math.log10(Math.min(Math.max(v, span.min), span.max)),
    };
  const step = f.step || (f.kind === 'int' ? 1 : (span.max - span.min) / 100);
  if ((span.max - span.min) / step > SLIDER_STEPS_MAX) return null;
  return {
    min: span.min,
    max: span.max,
    step,
    to: (x) => (f.kind === 'int' ? Math.round(x) : Number(Number(x).toPrecision(6))),
    from: (v) => v,
  };
}

function control(f, state, args) {
  const id = nextId(`f-${f.key.replace(/[^a-z0-9]/gi, '-')}`);
  const label = h('label', { for: id, text: f.label });
  const hint = h('span', { class: 'field-error', role: 'alert' });
  const row = h('div', { class: `field field-${f.kind}`, 'data-field': f.key }, label);
  let sync;
  if (f.kind === 'enum') {
    const select = h(
      'select',
      { id, onchange: () => state.set(f.key, select.value) },
      // an <lr-lab> element (args.element) cannot take a page's own options (csv, custom)
      f.options
        .filter((o) => !(args.element && f.pageOnly?.includes(o)))
        .map((o) => h('option', { value: o, text: o })),
    );
    row.append(select);
    sync = () => {
      select.value = state.get(f.key);
    };
  } else if (f.kind === 'bool') {
    const box = h('input', { id, type: 'checkbox', onchange: () => state.set(f.key, box.checked) });
    row.classList.add('field-inline');
    row.prepend(box);
    sync = () => {
      box.checked = state.get(f.key);
    };
  } else if (f.kind === 'int' || f.kind === 'number') {
    const slider = sliderFor(f);
    const num = h('input', {
      id,
      type: 'number',
      inputmode: 'decimal',
      min: String(f.min),
      max: String(f.max),
      step: f.kind === 'int' ? '1' : 'any',
      onchange: () => apply(num.value),
    });
    const apply = (text) => {
      const v = f.parse(String(text).trim());
      if (v === undefined) {
        hint.textContent = `Must be ${f.kind === 'int' ? 'an integer' : 'a number'} from ${f.min} to ${f.max}.`;
        num.setAttribute('aria-invalid', 'true');
        return;
      }
      hint.textContent = '';
      num.removeAttribute('aria-invalid');
      state.set(f.key, v);
    };
    if (slider) {
      const range = h('input', {
        type: 'range',
        min: String(slider.min),
        max: String(slider.max),
        step: String(slider.step),
        'aria-labelledby': nextLabel(label),
        oninput: () => {
          const v = slider.to(Number(range.value));
          num.value = String(v);
          range.setAttribute('aria-valuetext', String(v));
          apply(String(v));
        },
      });
      row.append(h('div', { class: 'field-pair' }, range, num));
      sync = () => {
        const v = state.get(f.key);
        num.value = String(v);
        range.value = String(slider.from(v));
        // a log-scale slider's position is the exponent: screen readers hear the value itself
        range.setAttribute('aria-valuetext', String(v));
      };
    } else {
      row.append(num);
      sync = () => {
        num.value = String(state.get(f.key));
      };
    }
  } else {
    const input = h('input', {
      id,
      type: 'text',
      spellcheck: false,
      autocomplete: 'off',
      // code (an expression, JSON) in monospace; a list of integers reads like the other numbers
      class: f.kind === 'json' ? 'mono wide' : f.kind === 'intlist' ? '' : 'mono',
      onchange: () => {
        const v = f.parse(input.value.trim());
        if (v === undefined) {
          hint.textContent =
            f.kind === 'intlist'
              ? `Comma-separated integers from ${f.min} to ${f.max}${f.increasing ? ', increasing' : ''}.`
              : f.kind === 'json'
                ? 'Must be a JSON object.'
                : 'Only numbers, epoch/x, + - * / ** ( ) and min, max, abs, exp, log, sqrt, sin, cos, floor, ceil, pi.';
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        hint.textContent = '';
        input.removeAttribute('aria-invalid');
        state.set(f.key, v);
      },
    });
    row.append(input);
    sync = () => {
      input.value = f.format(state.get(f.key));
    };
  }
  // every field is label, control, notes: three rows a row of fields shares (site.css), so the
  // controls of a row line up when one label wraps
  const notes = h('div', { class: 'field-notes' });
  if (f.note) notes.append(h('span', { class: 'field-note muted', text: f.note }));
  // a scheduler kwarg: the lesson's setting above, PyTorch's default (from the engine) beside it
  const torchDefault = torchDefaultText(f);
  if (torchDefault) notes.append(h('span', { class: 'field-note muted torch-default', text: torchDefault }));
  notes.append(hint);
  row.append(notes);
  sync();
  return { row, sync };
}

function nextLabel(label) {
  if (!label.id) label.id = nextId('label');
  return label.id;
}

export function mount(el, { state, args }) {
  const box = h('div', { class: 'controls' });
  el.append(box);
  if (args.title) box.append(h('p', { class: 'controls-title', text: args.title }));
  // the scheduler's parameters are the lesson's settings; each says PyTorch's default beside it
  const settingsNote = h('p', { class: 'muted controls-settings-note', hidden: true });
  box.append(settingsNote);
  const grid = h('div', { class: 'controls-grid fields-aligned' });
  box.append(grid);
  let controls = [];
  function keys() {
    const out = [];
    for (const key of (args.fields || '').split(',').filter(Boolean)) {
      if (key === 'scheduler-params') {
        const type = args.for || state.get('scheduler');
        const s = schedulerByType(type);
        if (s) out.push(...s.params.map((p) => paramKey(type, p.name)));
      } else out.push(key);
    }
    return out.filter((k) => FIELDS[k] && state.has(k) && relevant(k));
  }
  // Where the learner picks the scheduler, the metric control shows only for one that needs a
  // metric (the engine's declaration) and the JSON box only for "custom": a control that changes
  // nothing must not look as if it were in effect.
  function relevant(key) {
    if (!state.has('scheduler') || args.for) return true;
    const type = state.get('scheduler');
    if (key === 'custom_scheduler') return type === 'custom';
    if (key !== 'plateau_metric') return true;
    try {
      return needsMetric(buildScheduler(state.values, type));
    } catch {
      return true; // an invalid custom JSON: keep the control, the run reports the error
    }
  }
  let current = '';
  function build() {
    const ks = keys();
    const sig = ks.join('|');
    if (sig === current) {
      for (const c of controls) c.sync();
      return;
    }
    current = sig;
    const sched = ks.map((k) => FIELDS[k]).find((f) => f.param);
    settingsNote.hidden = !sched;
    // The note names the scheduler's own kwargs: a box may hold other controls too (lesson 2's
    // constant LRs), which the note is not about. A sweep's base run (args.settings=grid): its
    // cells vary two of these values.
    const own = ks
      .map((k) => FIELDS[k])
      .filter((f) => f.param && f.scheduler === sched?.scheduler)
      .map((f) => f.label);
    // An <lr-lab> element's settings are its own: another element on the page keeps its values.
    const scope =
      args.settings === 'grid'
        ? 'the run every grid cell starts from; a cell replaces the two values its axes name'
        : args.element
          ? 'this widget trains with them'
          : `every ${sched?.scheduler} run on this page uses them`;
    settingsNote.textContent = sched
      ? `${args.element ? 'Settings' : 'Lesson settings'} for ${sched.scheduler} (${own.join(', ')}): ${scope}. PyTorch's default is under each where torch has one.`
      : '';
    // a control that changed the set (the scheduler select) keeps the keyboard focus: rebuilt
    // under it, the focus fell to the body and the next arrow key scrolled the page
    const focused = controls.find((c) => c.row.contains(document.activeElement))?.key;
    controls = ks.map((k) => ({ ...control(FIELDS[k], state, args), key: k }));
    grid.replaceChildren(...controls.map((c) => c.row));
    controls
      .find((c) => c.key === focused)
      ?.row.querySelector('select, input, textarea, button')
      ?.focus();
  }
  state.addEventListener('change', build);
  build();
}
