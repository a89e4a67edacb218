// Numbers in lesson text bound to the learner's settings (lessons/README.md, "Numbers in prose").
//   {{lr}}                          the current value of a field of the lesson
//   {{lr*StepLR.gamma}}             +, -, * over fields and numbers (left to right, * first)
//   {{#15}}                         a fixed fact that no setting changes (a count, an epoch index)
// The site build checks every expression against the lesson's fields and renders it with the
// defaults; the lesson page re-renders it whenever a setting changes, so no number in the text
// can contradict the run.
import { FIELDS } from './fields.mjs';
import { fmtNum } from './number-format.mjs';

export const BOUND_RE = /\{\{([^{}]+)\}\}/g;
const TERM_RE = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?|\d+(?:\.\d+)?)$/;

/** Parses "a*b+c" into [[sign, [terms]]]; throws Error naming the bad part. */
export function parseBound(expr) {
  const src = expr.replace(/\s+/g, '');
  if (src.startsWith('#')) {
    if (!/^#-?\d+(?:\.\d+)?(?:e-?\d+)?%?$/.test(src))
      throw new Error(`"{{${expr}}}": a fixed fact is {{#number}}`);
    return { literal: src.slice(1) };
  }
  const sums = [];
  for (const m of src.matchAll(/([+-]?)([^+-]+)/g)) {
    const terms = m[2].split('*');
    for (const t of terms)
      if (!TERM_RE.test(t)) throw new Error(`"{{${expr}}}": "${t}" is not a field or a number`);
    sums.push([m[1] === '-' ? -1 : 1, terms]);
  }
  if (!sums.length || sums.map((s) => s[1].join('*')).join('').length === 0)
    throw new Error(`"{{${expr}}}": empty expression`);
  return { sums };
}

/** Field keys an expression reads. */
export const boundFields = (parsed) =>
  parsed.literal !== undefined ? [] : parsed.sums.flatMap(([, ts]) => ts.filter((t) => !/^\d/.test(t)));

/** The expression's text for control values `get(key)`. */
export function evalBound(parsed, get) {
  if (parsed.literal !== undefined) return parsed.literal;
  let total = 0;
  for (const [sign, terms] of parsed.sums) {
    let p = 1;
    for (const t of terms) {
      const v = /^\d/.test(t) ? Number(t) : get(t);
      if (typeof v !== 'number') return terms.length === 1 && parsed.sums.length === 1 ? String(v) : '–';
      p *= v;
    }
    total += sign * p;
  }
  // products of decimals (0.1 * 0.5) carry binary noise: 12 significant digits, as fmtNum would
  return fmtNum(Number(total.toPrecision(12)), 6);
}

/** Checks every {{...}} of `text` against `fields` (the lesson's controls); returns error text or null. */
export function checkBound(text, fields) {
  for (const m of text.matchAll(BOUND_RE)) {
    let parsed;
    try {
      parsed = parseBound(m[1]);
    } catch (err) {
      return err.message;
    }
    for (const key of boundFields(parsed)) {
      if (!FIELDS[key]) return `"{{${m[1]}}}": no field "${key}" in web/app/fields.mjs`;
      if (!(key in fields))
        return `"{{${m[1]}}}": "${key}" is not a control of this lesson, so its value never changes: write the number as {{#…}} or add the field`;
    }
  }
  return null;
}

/** Replaces every {{...}} of a plain string (quiz text) by its value. */
export const fillBound = (text, get) => text.replace(BOUND_RE, (_, expr) => evalBound(parseBound(expr), get));

// A numeric literal in prose: digits not inside a word (x1, L2, float32 are names, not numbers).
const LITERAL_RE = /(?<![\w.{#\\])\d+(?:[.,]\d+)*(?:e-?\d+)?/;

/**
 * The first unmarked numeric literal in a piece of lesson prose, or null. Code (fenced blocks and
 * `spans`), math ($...$, $$...$$), HTML comments and {{...}} are skipped.
 */
export function firstLiteral(text) {
  const stripped = text
    .replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\$\$[\s\S]*?\$\$/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length))
    .replace(/\$[^$\n]+\$/g, (m) => ' '.repeat(m.length))
    .replace(BOUND_RE, (m) => ' '.repeat(m.length));
  const m = stripped.match(LITERAL_RE);
  if (!m) return null;
  const line = stripped.slice(0, m.index).split('\n').length - 1;
  return { literal: m[0], line };
}
