// The one declarative table of every control a lesson can have: kind, default, range, label.
// It drives the URL both ways (url-state.mjs), the control widgets and the run-spec. Lessons pick
// the fields they use and may override defaults in their front matter (lessons/README.md).
import { MODES } from './modes.mjs';
import { paramKey, SCHEDULER_TYPES, SCHEDULERS } from './scheduler-catalog.mjs';

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// lr_lambda / scale_fn expressions (docs/run-spec.md 3): numbers, the variable, operators, known functions.
const EXPR_RE = /^[0-9a-z_.+\-*/(), ]{1,120}$/;

const KINDS = {
  int: {
    parse(s, f) {
      if (!/^[+-]?\d{1,9}$/.test(s)) return undefined;
      const v = Number(s);
      return v >= f.min && v <= f.max ? v : undefined;
    },
    format: (v) => String(v),
  },
  number: {
    parse(s, f) {
      if (!NUMBER_RE.test(s) || s.length > 24) return undefined;
      const v = Number(s);
      return Number.isFinite(v) && v >= f.min && v <= f.max ? v : undefined;
    },
    format: (v) => String(v),
  },
  enum: {
    parse: (s, f) => (f.options.includes(s) ? s : undefined),
    format: (v) => v,
  },
  bool: {
    parse: (s) => (s === '1' || s === 'true' ? true : s === '0' || s === 'false' ? false : undefined),
    format: (v) => (v ? '1' : '0'),
  },
  intlist: {
    parse(s, f) {
      if (s === '') return f.minLength ? undefined : [];
      const parts = s.split(',');
      if (parts.length > f.maxLength || parts.length < (f.minLength || 0)) return undefined;
      const out = [];
      for (const p of parts) {
        if (!/^\d{1,6}$/.test(p.trim())) return undefined;
        const v = Number(p);
        if (v < f.min || v > f.max) return undefined;
        out.push(v);
      }
      if (f.increasing && out.some((v, i) => i > 0 && v <= out[i - 1])) return undefined;
      return out;
    },
    format: (v) => v.join(','),
  },
  expr: {
    parse: (s) => (EXPR_RE.test(s) ? s : undefined),
    format: (v) => v,
  },
  enumlist: {
    parse(s, f) {
      const parts = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (parts.length < (f.minLength || 0) || parts.length > f.maxLength) return undefined;
      if (parts.some((x) => !f.options.includes(x)) || new Set(parts).size !== parts.length) return undefined;
      return parts;
    },
    format: (v) => v.join(','),
  },
  // a name from the learner's file (a CSV column): shown with textContent only, never as markup
  name: {
    parse: (s, f) => (s.length <= f.maxLength && !/\p{Cc}/u.test(s) ? s : undefined),
    format: (v) => v,
  },
  json: {
    parse(s, f) {
      if (s.length > f.maxLength) return undefined;
      try {
        const v = JSON.parse(s);
        return v && typeof v === 'object' && !Array.isArray(v) ? s : undefined;
      } catch {
        return undefined;
      }
    },
    format: (v) => v,
  },
};

function field(key, kind, def, extra = {}) {
  const f = {
    key,
    kind,
    default: def,
    label: extra.label || key,
    ...extra,
    parse: (s) => KINDS[kind].parse(String(s), f),
    format: (v) => KINDS[kind].format(v, f),
  };
  return f;
}

const list = [
  field('mode', 'enum', 'story', {
    options: MODES.filter((m) => !m.hidden).map((m) => m.id),
    label: 'Reading mode',
    group: 'page',
  }),
  field('lr_scale', 'enum', 'linear', { options: ['linear', 'log'], label: 'LR chart scale', group: 'page' }),
  // data
  // csv: the learner's own file (learner-csv.mjs), which only a course page can read
  field('dataset', 'enum', 'synthetic', {
    options: ['synthetic', 'iris', 'wine', 'breast_cancer', 'digits', 'csv'],
    pageOnly: ['csv'],
    label: 'data set',
    group: 'data',
  }),
  // the CSV's label column: "#3" for the third column, a header name, or empty: automatic (the
  // one column holding text, else the last; wasm/js/csv.mjs)
  field('label_column', 'name', '', { maxLength: 100, label: 'label column (CSV)', group: 'data' }),
  // the CSV's columns left out (an id, a name), by position from 1
  field('csv_ignore', 'intlist', [], {
    min: 1,
    max: 1025,
    maxLength: 64,
    label: 'columns left out (CSV)',
    group: 'data',
  }),
  // whether the CSV's first row names the columns; auto: when it has text above numbers (csv.mjs)
  field('csv_header', 'enum', 'auto', {
    options: ['auto', 'yes', 'no'],
    label: 'header line (CSV)',
    group: 'data',
  }),
  field('n_samples', 'int', 1000, {
    min: 50,
    max: 5000,
    step: 50,
    label: 'samples (synthetic)',
    group: 'data',
  }),
  field('n_features', 'int', 10, { min: 2, max: 64, label: 'features (synthetic)', group: 'data' }),
  // The seed task's defaults (lesson 1): an XOR of two informative features with 10 % label noise
  // learns slowly in epoch 0 (test accuracy near 0.6) and reaches about 0.9 in ten epochs; the
  // label noise is what a lower late LR averages out (scripts/seed_lesson.py checks it in PyTorch).
  field('n_informative', 'int', 2, {
    min: 1,
    max: 64,
    label: 'informative features (synthetic)',
    group: 'data',
  }),
  field('n_classes', 'int', 2, { min: 2, max: 10, label: 'classes (synthetic)', group: 'data' }),
  field('n_clusters_per_class', 'int', 2, {
    min: 1,
    max: 8,
    label: 'clusters per class (synthetic)',
    group: 'data',
  }),
  field('class_sep', 'number', 1.5, {
    min: 0.1,
    max: 5,
    step: 0.1,
    label: 'class separation (synthetic)',
    group: 'data',
  }),
  field('flip_y', 'number', 0.1, {
    min: 0,
    max: 0.5,
    step: 0.01,
    label: 'label noise: fraction of labels redrawn (synthetic)',
    group: 'data',
  }),
  field('test_fraction', 'number', 0.2, {
    min: 0.05,
    max: 0.5,
    step: 0.05,
    label: 'test fraction',
    group: 'data',
  }),
  // rows held out for the scheduler to watch (ReduceLROnPlateau), apart from the test rows
  field('validation_fraction', 'number', 0, {
    min: 0,
    max: 0.4,
    step: 0.05,
    label: 'validation fraction',
    group: 'data',
  }),
  field('data_seed', 'int', 42, { min: 0, max: 99999, label: 'data seed', group: 'data' }),
  // model
  field('hidden', 'intlist', [10], {
    min: 1,
    max: 128,
    maxLength: 3,
    minLength: 1,
    label: 'hidden layer sizes',
    group: 'model',
  }),
  field('model_seed', 'int', 0, { min: 0, max: 99999, label: 'weight-init seed', group: 'model' }),
  // optimizer
  field('optimizer', 'enum', 'SGD', {
    options: ['SGD', 'Adam', 'AdamW', 'RMSprop'],
    label: 'optimizer',
    group: 'optimizer',
  }),
  field('lr', 'number', 0.1, {
    min: 0.00001,
    max: 10,
    step: 0.001,
    scale: 'log',
    label: 'learning rate (lr)',
    group: 'optimizer',
  }),
  field('momentum', 'number', 0, {
    min: 0,
    max: 0.99,
    step: 0.01,
    label: 'momentum (SGD, RMSprop)',
    group: 'optimizer',
  }),
  field('weight_decay', 'number', 0, {
    min: 0,
    max: 0.1,
    step: 0.0001,
    label: 'weight_decay',
    group: 'optimizer',
  }),
  // training loop
  field('epochs', 'int', 15, { min: 1, max: 200, label: 'epochs', group: 'training' }),
  field('batch_size', 'int', 32, { min: 1, max: 2048, label: 'batch size', group: 'training' }),
  field('shuffle', 'bool', true, { label: 'shuffle each epoch', group: 'training' }),
  field('shuffle_seed', 'int', 0, { min: 0, max: 99999, label: 'shuffle seed', group: 'training' }),
  field('scheduler', 'enum', 'StepLR', {
    options: ['none', ...SCHEDULER_TYPES, 'custom'],
    pageOnly: ['custom'], // an element takes a custom scheduler as its spec attribute
    label: 'scheduler',
    group: 'scheduler',
  }),
  field('scheduler_step', 'enum', 'auto', {
    options: ['auto', 'epoch', 'batch'],
    label: 'scheduler.step() called per',
    group: 'scheduler',
  }),
  field('plateau_metric', 'enum', 'val_loss', {
    options: ['val_loss', 'train_loss', 'val_accuracy', 'train_accuracy'],
    label: 'metric given to ReduceLROnPlateau',
    group: 'scheduler',
  }),
  field(
    'custom_scheduler',
    'json',
    '{"type":"SequentialLR","milestones":[4],"schedulers":[{"type":"ConstantLR","factor":0.5,"total_iters":4},{"type":"ExponentialLR","gamma":0.85}]}',
    {
      maxLength: 2000,
      label: 'scheduler JSON (any run-spec scheduler, nesting allowed)',
      group: 'scheduler',
    },
  ),
  // lesson-specific controls
  field('sample', 'int', 0, { min: 0, max: 9999, label: 'test sample to trace', group: 'trace' }),
  field('formula_epoch', 'int', 7, { min: 0, max: 200, label: 'evaluate at epoch', group: 'trace' }),
  field('lr_high', 'number', 2, {
    min: 0.00001,
    max: 100,
    step: 0.01,
    scale: 'log',
    label: 'too high lr',
    group: 'compare',
  }),
  field('lr_low', 'number', 0.001, {
    min: 0.00001,
    max: 10,
    step: 0.0001,
    scale: 'log',
    label: 'too low lr',
    group: 'compare',
  }),
  field('compare_set', 'enumlist', ['StepLR', 'CosineAnnealingLR', 'OneCycleLR'], {
    options: ['none', ...SCHEDULER_TYPES],
    minLength: 2,
    maxLength: 4,
    label: 'schedulers compared (2 to 4)',
    group: 'compare',
  }),
];

// one field per scheduler parameter, keyed "<Type>.<param>"
for (const s of SCHEDULERS) {
  for (const prm of s.params) {
    list.push(
      field(paramKey(s.type, prm.name), prm.kind, prm.default, {
        min: prm.min,
        max: prm.max,
        step: prm.step,
        scale: prm.scale,
        slider: prm.slider,
        options: prm.options,
        maxLength: prm.maxLength,
        minLength: prm.kind === 'intlist' ? 1 : undefined,
        increasing: prm.name === 'milestones',
        label: prm.label || prm.name,
        note: prm.note,
        torchDefault: prm.torchDefault,
        torchOf: prm.torchOf,
        group: 'scheduler',
        scheduler: s.type,
        param: prm.name,
      }),
    );
  }
}

export const FIELDS = Object.freeze(Object.fromEntries(list.map((f) => [f.key, f])));
