// <lr-lab> attributes -> the course's field values (fields.mjs), and the presentation options.
// Attribute values are hostile input: each is parsed through the field table (the one place that
// knows kinds, defaults and ranges), and a refusal names the attribute and what it accepts.
// Scheduler kwargs use PyTorch's names as the scheduler catalog gives them; HTML lower-cases
// attribute names, so "T_max" and "t_max" are one attribute.
import { FIELDS } from '../app/fields.mjs';
import { paramKey, SCHEDULERS, schedulerByType } from '../app/scheduler-catalog.mjs';

/** Run attributes with a field of their own (attribute name -> field key). */
export const RUN_ATTRIBUTES = {
  scheduler: 'scheduler',
  optimizer: 'optimizer',
  lr: 'lr',
  momentum: 'momentum',
  epochs: 'epochs',
  'batch-size': 'batch_size',
  dataset: 'dataset',
  // a held-out split for ReduceLROnPlateau to watch, so the test split stays unseen
  'validation-fraction': 'validation_fraction',
  'scheduler-step': 'scheduler_step',
};
/** One seed for the run: data split, initial weights and shuffling (as torch.manual_seed would). */
const SEED_FIELDS = ['data_seed', 'model_seed', 'shuffle_seed'];

export const PANELS = ['lr', 'loss', 'accuracy', 'table', 'controls'];
export const DEFAULT_PANELS = ['lr', 'loss', 'table'];
export const THEMES = ['light', 'dark', 'auto'];
export const LR_SCALES = ['linear', 'log'];
export const BASELINES = ['none', 'constant'];

/** Every scheduler kwarg name of the catalog, lower-cased as HTML stores it -> its spellings. */
const KWARGS = new Map();
for (const s of SCHEDULERS)
  for (const p of s.params) {
    const lower = p.name.toLowerCase();
    if (!KWARGS.has(lower)) KWARGS.set(lower, new Set());
    KWARGS.get(lower).add(p.name);
  }

export const OBSERVED_ATTRIBUTES = [
  ...Object.keys(RUN_ATTRIBUTES),
  'seed',
  'spec',
  'panels',
  'controls',
  'theme',
  'lr-scale',
  'baseline',
  ...KWARGS.keys(),
];

const MAX_SHOWN = 40;
/** A value quoted for an error message: short, and shown with textContent only. */
export const shown = (v) => JSON.stringify(v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}…` : v);

export class AttributeError extends Error {
  constructor(path, message) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

function accepted(f) {
  if (f.kind === 'int') return `an integer from ${f.min} to ${f.max}`;
  if (f.kind === 'number') return `a number from ${f.min} to ${f.max}`;
  if (f.kind === 'enum') return `one of ${f.options.filter((o) => !f.pageOnly?.includes(o)).join(', ')}`;
  if (f.kind === 'bool') return 'true or false';
  if (f.kind === 'intlist')
    return `comma-separated integers from ${f.min} to ${f.max}${f.increasing ? ', increasing' : ''}`;
  if (f.kind === 'expr') return 'an expression of epoch (numbers, + - * / ** ( ), min, max, exp, log, …)';
  return 'a valid value';
}

function parseField(attr, key, raw) {
  const f = FIELDS[key];
  const v = f.parse(raw.trim());
  if (v === undefined || f.pageOnly?.includes(v))
    throw new AttributeError(attr, `must be ${accepted(f)}, got ${shown(raw)}`);
  return v;
}

/** Kwarg attributes of the scheduler `type`: lower-case attribute name -> field key. */
export function kwargAttributes(type) {
  const s = schedulerByType(type);
  return new Map((s ? s.params : []).map((p) => [p.name.toLowerCase(), paramKey(type, p.name)]));
}

function tokens(raw) {
  return raw.split(/[\s,]+/).filter(Boolean);
}

function parseTokens(attr, raw, options) {
  const out = tokens(raw);
  for (const t of out)
    if (!options.includes(t))
      throw new AttributeError(attr, `${shown(t)} is not one of ${options.join(', ')}`);
  return out;
}

function parseChoice(attr, raw, options, fallback) {
  if (raw === null) return fallback;
  const v = raw.trim().toLowerCase();
  if (!options.includes(v))
    throw new AttributeError(attr, `must be one of ${options.join(', ')}, got ${shown(raw)}`);
  return v;
}

/**
 * Reads the element's attributes (get: name -> string | null). Returns {values, view}: field
 * values for buildTrainSpec and the presentation options. Throws AttributeError.
 */
export function readAttributes(get) {
  const values = Object.fromEntries(Object.values(FIELDS).map((f) => [f.key, f.default]));
  for (const [attr, key] of Object.entries(RUN_ATTRIBUTES)) {
    const raw = get(attr);
    if (raw !== null) values[key] = parseField(attr, key, raw);
  }
  const seed = get('seed');
  if (seed !== null) {
    const v = parseField('seed', 'data_seed', seed);
    for (const key of SEED_FIELDS) values[key] = v;
  }
  const type = values.scheduler;
  const own = kwargAttributes(type);
  for (const attr of KWARGS.keys()) {
    const raw = get(attr);
    if (raw === null || attr in RUN_ATTRIBUTES) continue;
    const key = own.get(attr);
    if (!key) {
      const takes = [...own.keys()].map((a) => FIELDS[own.get(a)].param);
      throw new AttributeError(
        attr,
        type === 'none'
          ? 'is a scheduler argument, but scheduler is none'
          : `${type} takes no argument ${attr}${takes.length ? ` (it takes ${takes.join(', ')})` : ''}`,
      );
    }
    values[key] = parseField(attr, key, raw);
  }
  const panelsRaw = get('panels');
  const panels = panelsRaw === null ? DEFAULT_PANELS : parseTokens('panels', panelsRaw, PANELS);
  const controlsRaw = get('controls');
  const controlNames = [...Object.keys(RUN_ATTRIBUTES), ...own.keys()];
  const controls =
    controlsRaw === null ? null : parseTokens('controls', controlsRaw.toLowerCase(), controlNames);
  const view = {
    panels,
    controls,
    theme: parseChoice('theme', get('theme'), THEMES, 'auto'),
    lrScale: parseChoice('lr-scale', get('lr-scale'), LR_SCALES, 'linear'),
    baseline: parseChoice('baseline', get('baseline'), BASELINES, 'none'),
  };
  values.lr_scale = view.lrScale;
  return { values, view };
}

/** Field keys of the sliders to show: the controls attribute, or the scheduler's kwargs and lr. */
export function controlFields(view, values) {
  const own = kwargAttributes(values.scheduler);
  if (view.controls === null) return ['scheduler-params', 'lr'];
  return view.controls.map((name) => RUN_ATTRIBUTES[name] || own.get(name));
}

export const MAX_SPEC_CHARS = 100_000;
// Deeper specs are refused before they are copied to the worker (structured clone recurses).
export const MAX_SPEC_DEPTH = 64;

/** Throws for nesting deeper than MAX_SPEC_DEPTH and for "__proto__" keys (never a run-spec field). */
function checkShape(value) {
  const stack = [[value, 1, 'spec']];
  while (stack.length) {
    const [v, d, where] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (d > MAX_SPEC_DEPTH) throw new AttributeError('spec', `nested deeper than ${MAX_SPEC_DEPTH} levels`);
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__') throw new AttributeError(`${where}.__proto__`, 'not a run-spec field');
      stack.push([x, d + 1, Array.isArray(v) ? `${where}[${k}]` : `${where}.${k}`]);
    }
  }
}

/** Parses the spec attribute / property: a JSON object (or an object), size-limited. */
export function parseSpec(value) {
  let spec = value;
  if (typeof value === 'string') {
    if (value.length > MAX_SPEC_CHARS)
      throw new AttributeError('spec', `longer than ${MAX_SPEC_CHARS} characters (${value.length})`);
    try {
      spec = JSON.parse(value);
    } catch (err) {
      throw new AttributeError('spec', `not valid JSON (${err.message.slice(0, 80)})`);
    }
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new AttributeError('spec', 'must be a JSON object (a training run-spec)');
  checkShape(spec);
  // an object given as the property is copied as JSON data: no functions, getters or cycles reach the worker
  if (typeof value !== 'string') {
    let text;
    try {
      text = JSON.stringify(spec);
    } catch (err) {
      throw new AttributeError('spec', `not JSON data (${String(err.message).slice(0, 80)})`);
    }
    if (text.length > MAX_SPEC_CHARS)
      throw new AttributeError('spec', `longer than ${MAX_SPEC_CHARS} characters as JSON (${text.length})`);
    spec = JSON.parse(text);
  }
  return spec;
}
