// Lesson state <-> URL query, driven by the field table (fields.mjs). A value that does not parse
// or is out of range falls back to the default and produces a notice (shown with textContent, so
// a hostile value never becomes markup). So does a course setting this lesson does not have: a
// plain `step_size=3` names the lesson's `StepLR.step_size`. Other keys (a tracking tag) are
// left alone.
import { FIELDS } from './fields.mjs';

/** The lesson's fields and their defaults: lesson front matter "fields" overrides the table. */
export function lessonDefaults(lessonFields, fieldGroups = []) {
  // page-level fields every lesson has: the reading mode and the LR chart's scale
  const defaults = { mode: FIELDS.mode.default, lr_scale: FIELDS.lr_scale.default };
  // "field_groups": ["scheduler-params"] brings in every scheduler parameter with PyTorch's defaults
  for (const group of fieldGroups) {
    for (const f of Object.values(FIELDS))
      if (group === 'scheduler-params' && f.scheduler) defaults[f.key] = f.default;
  }
  for (const [key, def] of Object.entries(lessonFields || {})) {
    const f = FIELDS[key];
    defaults[key] = def === null ? f.default : f.parse(typeof def === 'string' ? def : f.format(def));
  }
  return defaults;
}

/** Parses a query string. Returns { values, notices }. */
export function parseState(search, defaults) {
  const params = new URLSearchParams(search);
  const values = { ...defaults };
  const notices = [];
  const clip = (text) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  for (const key of new Set(params.keys())) {
    if (key in defaults) continue;
    const meant = Object.keys(defaults).filter((k) => k.endsWith(`.${key}`));
    if (!Object.hasOwn(FIELDS, key) && meant.length === 0) continue;
    notices.push(
      `Ignored ${clip(key)}=“${clip(params.get(key))}” from the address: this lesson has no setting ${clip(key)}` +
        (meant.length ? `; it reads ${meant.join(' or ')}.` : '.'),
    );
  }
  for (const key of Object.keys(defaults)) {
    if (!params.has(key)) continue;
    const raw = params.get(key);
    // a link pasted twice, or edited by hand: the first value is the one read, and says so
    const all = params.getAll(key);
    if (all.length > 1)
      notices.push(
        `${key} is given ${all.length} times in the address; the first (“${clip(raw)}”) is used, the others ignored.`,
      );
    const v = FIELDS[key].parse(raw);
    if (v === undefined) {
      const shown = clip(raw);
      notices.push(
        `Ignored ${key}=“${shown}” from the address: not a valid ${FIELDS[key].label}${rangeText(FIELDS[key])}. Using ${FIELDS[key].format(defaults[key])}.`,
      );
    } else values[key] = v;
  }
  return { values, notices };
}

function rangeText(f) {
  if (f.kind === 'int') return ` (a whole number from ${f.min} to ${f.max})`;
  if (f.kind === 'number') return ` (${f.min} to ${f.max})`;
  if (f.kind === 'enum') return ` (one of ${f.options.join(', ')})`;
  if (f.kind === 'intlist') {
    const count = f.maxLength
      ? `${f.minLength ?? 0} to ${f.maxLength}`
      : f.minLength
        ? `at least ${f.minLength}`
        : 'any number of';
    const range = f.min !== undefined && f.max !== undefined ? ` from ${f.min} to ${f.max}` : '';
    return ` (${count} whole numbers${range}${f.increasing ? ', increasing' : ''}, separated by commas)`;
  }
  if (f.kind === 'name') return ` (at most ${f.maxLength} characters, no line breaks)`;
  return '';
}

/** Query string holding the values that differ from the defaults (keys in table order). */
export function serializeState(values, defaults) {
  const params = new URLSearchParams();
  for (const key of Object.keys(defaults)) {
    const f = FIELDS[key];
    const s = f.format(values[key]);
    if (s !== f.format(defaults[key])) params.set(key, s);
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}
