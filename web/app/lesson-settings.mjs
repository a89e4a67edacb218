// A scheduler's lesson settings (the values its runs train with on this page), each with PyTorch's
// default beside it where torch has one. The defaults come from the engine's declarations through
// the scheduler catalogue (torchDefault), never typed here. One text for the zoo card, the
// comparison table and the controls, so the three never show different parameters.
import { FIELDS } from './fields.mjs';
import { paramKey, schedulerByType } from './scheduler-catalog.mjs';

/** A parameter value as the settings line shows it. @param {any} x */
export const fmtParam = (x) =>
  Array.isArray(x)
    ? `[${x.join(', ')}]`
    : typeof x === 'number'
      ? String(Number(x.toPrecision(4)))
      : String(x);

/** "PyTorch default 0.1" for a field with a torch default, else ''. @param {any} field */
export function torchDefaultText(field) {
  if (!field || field.torchDefault === undefined || field.torchDefault === null) return '';
  // a course setting that sets a child's kwarg names it: "PyTorch's LinearLR total_iters default 5"
  if (field.torchOf)
    return `PyTorch's ${field.torchOf.replace('.', ' ')} default ${fmtParam(field.torchDefault)}`;
  return `PyTorch default ${fmtParam(field.torchDefault)}`;
}

/**
 * [{name, value, torchDefault, same}] for `type` under `values` (field values by key; a key not
 * given takes the field's default). @param {Record<string, any>} values @param {string} type
 */
export function settingsParts(values, type) {
  const s = schedulerByType(type);
  if (!s) return [];
  return s.params.map((p) => {
    const f = FIELDS[paramKey(type, p.name)];
    const v = paramKey(type, p.name) in values ? values[paramKey(type, p.name)] : f.default;
    const d = f.torchDefault;
    return {
      name: p.name,
      value: fmtParam(v) + (p.unit ? ` ${p.unit}` : ''),
      torchOf: f.torchOf ? f.torchOf.replace('.', ' ') : null,
      torchDefault: d === undefined || d === null ? null : fmtParam(d),
      same: d !== undefined && d !== null && fmtParam(d) === fmtParam(v),
    };
  });
}

/**
 * "step_size=5, gamma=0.5 (PyTorch default 0.1)": each kwarg set away from torch's default says the
 * default; those at it are listed once after a "·": "max_lr=0.5 · PyTorch's defaults: pct_start=0.3,
 * …". '' for none / custom.
 */
export function settingsText(values, type) {
  const parts = settingsParts(values, type);
  const set = parts
    .filter((p) => !p.same)
    .map(
      (p) =>
        `${p.name}=${p.value}${p.torchDefault === null ? '' : ` (PyTorch${p.torchOf ? `'s ${p.torchOf}` : ''} default ${p.torchDefault})`}`,
    );
  const kept = parts
    .filter((p) => p.same)
    .map((p) => `${p.name}=${p.value}${p.torchOf ? ` (${p.torchOf})` : ''}`);
  const tail = kept.length ? `PyTorch's default${kept.length > 1 ? 's' : ''}: ${kept.join(', ')}` : '';
  return [set.join(', '), tail].filter(Boolean).join(' · ');
}
