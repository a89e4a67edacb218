// Parser and validator of the lesson file format documented in lessons/README.md:
// a JSON front-matter block between "---" lines, then Markdown split into "::: <modes>" ... ":::"
// sections, with "[[widget-name key=value ...]]" lines where live widgets go.
import { checkBound, firstLiteral } from '../web/app/bound-text.mjs';
import { FIELDS } from '../web/app/fields.mjs';
import { MODES } from '../web/app/modes.mjs';
import { GENERATED } from '../web/app/quiz-generated.mjs';
import { FORMULA_TYPES } from '../web/app/scheduler-formulas.mjs';
import { WIDGET_NAMES } from '../web/app/widget-names.mjs';

const MODE_IDS = new Set(MODES.map((m) => m.id));

function fail(where, msg) {
  throw new Error(`${where}: ${msg}`);
}

export function parseLesson(text, where) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0].trim() !== '---') fail(where, 'must start with a "---" line opening the JSON front matter');
  const close = lines.indexOf('---', 1);
  if (close < 0) fail(where, 'front matter is not closed by a "---" line');
  let meta;
  try {
    meta = JSON.parse(lines.slice(1, close).join('\n'));
  } catch (err) {
    fail(where, `front matter is not valid JSON: ${err.message}`);
  }
  validateMeta(meta, where);

  const sections = [];
  let current = null;
  let loose = null;
  const partsOf = (section) => section.parts;
  const pushLine = (section, line, lineNo) => {
    const w = line.trim().match(/^\[\[([a-z][a-z0-9-]*)((?:\s+[a-z][a-z0-9_-]*=\S+)*)\s*\]\]$/);
    if (w) {
      if (!WIDGET_NAMES.includes(w[1]))
        fail(`${where}:${lineNo}`, `unknown widget "${w[1]}"; known: ${WIDGET_NAMES.join(', ')}`);
      const args = {};
      for (const kv of w[2].trim().split(/\s+/).filter(Boolean)) {
        const eq = kv.indexOf('=');
        args[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      if (w[1] === 'formula' && !['steplr', 'scheduler', ...FORMULA_TYPES].includes(args.kind)) {
        fail(
          `${where}:${lineNo}`,
          `formula kind "${args.kind}" unknown; known: steplr, scheduler, ${FORMULA_TYPES.join(', ')}`,
        );
      }
      partsOf(section).push({ kind: 'widget', name: w[1], args });
      return;
    }
    if (line.trim().startsWith('[['))
      fail(`${where}:${lineNo}`, `malformed widget line "${line.trim()}" (expected [[name key=value ...]])`);
    const parts = partsOf(section);
    const last = parts[parts.length - 1];
    if (last && last.kind === 'text') last.text += '\n' + line;
    else parts.push({ kind: 'text', text: line, line: lineNo });
  };
  for (let i = close + 1; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    const open = line.match(/^:::\s*(\S.*)$/);
    if (open && !current) {
      // "defaults": the section makes claims about the default settings' run, so the page shows it
      // only while the training settings are the lesson's defaults (lessons/README.md 5)
      const words = open[1].trim().split(/[\s,]+/);
      const defaultsOnly = words.includes('defaults');
      const modes = words.filter((m) => m !== 'defaults');
      for (const m of modes)
        if (!MODE_IDS.has(m))
          fail(`${where}:${lineNo}`, `unknown mode "${m}"; known: ${[...MODE_IDS].join(', ')}`);
      current = { modes, parts: [], defaultsOnly };
      loose = null;
      continue;
    }
    if (line.trim() === ':::') {
      if (!current) fail(`${where}:${lineNo}`, '":::" closes no section');
      sections.push(current);
      current = null;
      continue;
    }
    if (current) {
      pushLine(current, line, lineNo);
      continue;
    }
    if (line.trim() === '' && !loose) continue;
    if (!loose) {
      loose = { modes: ['all'], parts: [] };
      sections.push(loose);
    }
    pushLine(loose, line, lineNo);
  }
  if (current) fail(where, 'a "::: modes" section is not closed by ":::"');
  checkNumbers(meta, sections, where);
  checkModes(meta, sections, where);
  return { file: where, meta, sections };
}

// Modes as a path: every mode the lesson offers has content, and Experiment mode holds both the
// controls and a chart they move.
function checkModes(meta, sections, where) {
  const widgetsIn = (mode) =>
    sections
      .filter((s) => s.modes.includes(mode) || s.modes.includes('all'))
      .flatMap((s) => s.parts.filter((p) => p.kind === 'widget').map((p) => p.name));
  for (const mode of meta.modes) {
    if (!sections.some((s) => s.modes.includes(mode)))
      fail(where, `"modes" offers "${mode}" but no section is marked for it`);
  }
  if (meta.modes.includes('experiment')) {
    const w = widgetsIn('experiment');
    if (!w.includes('controls')) fail(where, 'Experiment mode has no [[controls]]');
    if (!w.some((n) => ['lr-chart', 'metrics-chart', 'compare', 'zoo'].includes(n)))
      fail(where, 'Experiment mode has no chart the controls move (lr-chart, metrics-chart or compare)');
  }
  for (const s of sections)
    for (const m of s.modes)
      if (m !== 'story' && m !== 'all' && !meta.modes.includes(m))
        fail(where, `a section is marked "${m}" but "modes" does not offer it`);
}

// "No number the run can contradict" (lessons/README.md 5): prose, titles, summaries and quiz
// text may hold a number only as {{field}} (the learner's value) or {{#n}} (a fixed fact).
function checkNumbers(meta, sections, where) {
  const fields = { ...(meta.fields || {}) };
  if ((meta.field_groups || []).includes('scheduler-params'))
    for (const f of Object.values(FIELDS)) if (f.scheduler) fields[f.key] = f.default;
  const hint =
    'write {{field}} for a value the learner sets or {{#n}} for a fixed fact (lessons/README.md 5)';
  const check = (text, at) => {
    const bad = checkBound(text, fields);
    if (bad) fail(at, bad);
    const lit = firstLiteral(text);
    if (lit) return lit;
    return null;
  };
  for (const section of sections)
    for (const part of section.parts) {
      if (part.kind !== 'text') continue;
      const lit = check(part.text, `${where}:${part.line}`);
      if (lit) fail(`${where}:${part.line + lit.line}`, `numeric literal "${lit.literal}" in prose; ${hint}`);
    }
  const strings = [
    ['title', meta.title],
    ['short', meta.short],
    ['summary', meta.summary],
  ];
  for (const [i, q] of (meta.quiz || []).entries()) {
    if (q.generated) {
      if (q.run !== undefined) strings.push([`quiz[${i}].run`, q.run]);
      continue;
    }
    strings.push([`quiz[${i}].question`, q.question], [`quiz[${i}].explain`, q.explain]);
    for (const [j, c] of q.choices.entries()) strings.push([`quiz[${i}].choices[${j}]`, c]);
  }
  for (const [key, text] of strings) {
    const lit = check(String(text), `${where}: ${key}`);
    if (lit) fail(`${where}: ${key}`, `numeric literal "${lit.literal}"; ${hint}`);
  }
}

function validateMeta(meta, where) {
  const need = (key, type) => {
    if (typeof meta[key] !== type) fail(where, `front matter "${key}" must be a ${type}`);
  };
  need('id', 'string');
  need('order', 'number');
  need('title', 'string');
  need('short', 'string');
  need('summary', 'string');
  if (!/^[a-z][a-z0-9-]*$/.test(meta.id))
    fail(where, `"id" must be lower-case letters, digits and dashes, got "${meta.id}"`);
  if (!Array.isArray(meta.modes) || meta.modes.some((m) => !MODE_IDS.has(m)))
    fail(where, `"modes" must list modes from: ${[...MODE_IDS].join(', ')}`);
  const fields = meta.fields || {};
  for (const [key, def] of Object.entries(fields)) {
    if (!FIELDS[key]) fail(where, `fields.${key}: no such field in web/app/fields.mjs`);
    if (def !== null && FIELDS[key].parse(String(def)) === undefined)
      fail(where, `fields.${key}: default ${JSON.stringify(def)} is outside the field's range`);
  }
  for (const [i, q] of (meta.quiz || []).entries()) {
    const at = `quiz[${i}]`;
    if (q.generated) {
      if (!Object.hasOwn(GENERATED, q.generated))
        fail(where, `${at}.generated: must be one of ${Object.keys(GENERATED).join(', ')}`);
      if (q.run !== undefined && (typeof q.run !== 'string' || !q.run.trim() || /[{}]/.test(q.run)))
        fail(where, `${at}.run: must name the run in words (no {{bindings}}), e.g. "the middle run"`);
      continue;
    }
    if (typeof q.question !== 'string' || !Array.isArray(q.choices) || q.choices.length < 2)
      fail(where, `${at}: needs "question" and at least two "choices"`);
    if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.choices.length)
      fail(where, `${at}.answer: must index into choices`);
    if (typeof q.explain !== 'string') fail(where, `${at}: needs "explain" (shown after answering)`);
  }
}
