// The UI of every scheduler the engine declares: labels and slider ranges (the zoo's one-line
// "when to use it" is scheduler-when.mjs: the <lr-lab> element bundles this file, and never shows
// those). Everything PyTorch defines -- a kwarg's kind, its default, enum options, whether the class
// is stepped per batch, needs a metric or holds children -- comes from the engine's declarations
// (engine-facts.mjs); an entry for a type the engine does not declare, or a kwarg it does not
// know, throws at import. build() turns control values into the run-spec "scheduler" object.
// {"$batches": k} stands for k times the number of batches per epoch; the worker fills it in once the
// data set is known (OneCycleLR and CyclicLR count optimizer steps, not epochs).
import { ENGINE_SCHEDULER_TYPES, paramFacts, schedulerFacts } from './engine-facts.mjs';

const KINDS = {
  integer: 'int',
  number: 'number',
  boolean: 'bool',
  enum: 'enum',
  expression: 'expr',
  list: 'intlist',
};

/**
 * A control for a kwarg of the scheduler: kind, default and options come from its declaration.
 * Where torch has no default (a required kwarg), the course's is given as `uiDefault`.
 * @param {string} name @param {Record<string, any>} [ui]
 */
const torch = (name, ui = {}) => ({ name, torch: true, ...ui });
/**
 * A control the course adds (not a torch kwarg, e.g. a composite's child settings). `torchOf`
 * ("LinearLR.start_factor") names the torch kwarg whose default is shown beside it; `sets` says in
 * words which torch arguments it sets (the <lr-lab> reference prints it).
 */
const own = (name, kind, def, ui = {}) => ({ name, kind, default: def, ...ui });

// The warm-up child LinearLR's start_factor, a control of both composites below.
const warmupStartFactor = own('start_factor', 'number', 0.1, {
  min: 0.01,
  max: 1,
  step: 0.01,
  label: 'LinearLR start_factor',
  torchOf: 'LinearLR.start_factor',
  sets: 'LinearLR start_factor',
});

const UI_ENTRIES = [
  {
    type: 'StepLR',
    params: [
      torch('step_size', { uiDefault: 5, min: 1, max: 100, label: 'step_size (epochs)' }),
      torch('gamma', { min: 0.01, max: 1, step: 0.01 }),
    ],
    build: (v) => ({ type: 'StepLR', step_size: v.step_size, gamma: v.gamma }),
  },
  {
    type: 'MultiStepLR',
    params: [
      torch('milestones', { uiDefault: [5, 10], min: 0, max: 200, maxLength: 8 }),
      torch('gamma', { min: 0.01, max: 1, step: 0.01 }),
    ],
    build: (v) => ({ type: 'MultiStepLR', milestones: v.milestones, gamma: v.gamma }),
  },
  {
    type: 'ConstantLR',
    params: [torch('factor', { min: 0, max: 1, step: 0.01 }), torch('total_iters', { min: 0, max: 200 })],
    build: (v) => ({ type: 'ConstantLR', factor: v.factor, total_iters: v.total_iters }),
  },
  {
    type: 'LinearLR',
    params: [
      torch('start_factor', { min: 0.01, max: 1, step: 0.01 }),
      torch('end_factor', { min: 0, max: 1, step: 0.01 }),
      torch('total_iters', { min: 0, max: 200 }),
    ],
    build: (v) => ({
      type: 'LinearLR',
      start_factor: v.start_factor,
      end_factor: v.end_factor,
      total_iters: v.total_iters,
    }),
  },
  {
    type: 'ExponentialLR',
    params: [
      torch('gamma', {
        uiDefault: 0.9,
        min: 0.5,
        max: 1,
        step: 0.01,
        note: 'PyTorch has no default; 0.9 is ours',
      }),
    ],
    build: (v) => ({ type: 'ExponentialLR', gamma: v.gamma }),
  },
  {
    type: 'PolynomialLR',
    params: [torch('total_iters', { min: 1, max: 200 }), torch('power', { min: 0.1, max: 5, step: 0.1 })],
    build: (v) => ({ type: 'PolynomialLR', total_iters: v.total_iters, power: v.power }),
  },
  {
    type: 'CosineAnnealingLR',
    params: [
      torch('T_max', {
        uiDefault: 15,
        min: 1,
        max: 200,
        note: 'PyTorch has no default; usually the number of epochs',
      }),
      torch('eta_min', { min: 0, max: 1, step: 0.001 }),
    ],
    build: (v) => ({ type: 'CosineAnnealingLR', T_max: v.T_max, eta_min: v.eta_min }),
  },
  {
    type: 'CosineAnnealingWarmRestarts',
    params: [
      torch('T_0', { uiDefault: 5, min: 1, max: 100, note: 'PyTorch has no default' }),
      torch('T_mult', { min: 1, max: 4 }),
      torch('eta_min', { min: 0, max: 1, step: 0.001 }),
    ],
    build: (v) => ({ type: 'CosineAnnealingWarmRestarts', T_0: v.T_0, T_mult: v.T_mult, eta_min: v.eta_min }),
  },
  {
    type: 'LambdaLR',
    params: [torch('lr_lambda', { uiDefault: '0.95 ** epoch', label: 'lr_lambda(epoch)' })],
    build: (v) => ({ type: 'LambdaLR', lr_lambda: v.lr_lambda }),
  },
  {
    type: 'MultiplicativeLR',
    params: [torch('lr_lambda', { uiDefault: '0.95', label: 'lr_lambda(epoch)' })],
    build: (v) => ({ type: 'MultiplicativeLR', lr_lambda: v.lr_lambda }),
  },
  {
    type: 'ReduceLROnPlateau',
    params: [
      torch('mode'),
      torch('factor', { min: 0.01, max: 0.99, step: 0.01 }),
      torch('patience', { min: 0, max: 50 }),
      torch('threshold', { min: 0, max: 0.5, step: 0.0001 }),
      torch('threshold_mode'),
      torch('cooldown', { min: 0, max: 50 }),
      torch('min_lr', { min: 0, max: 1, step: 0.0001 }),
    ],
    build: (v) => ({
      type: 'ReduceLROnPlateau',
      mode: v.mode,
      factor: v.factor,
      patience: v.patience,
      threshold: v.threshold,
      threshold_mode: v.threshold_mode,
      cooldown: v.cooldown,
      min_lr: v.min_lr,
    }),
  },
  {
    type: 'CyclicLR',
    params: [
      torch('base_lr', { uiDefault: 0.01, min: 0.00001, max: 1, step: 0.001 }),
      torch('max_lr', { uiDefault: 0.1, min: 0.00001, max: 5, step: 0.001 }),
      own('step_size_up', 'number', 2, {
        min: 0.25,
        max: 50,
        step: 0.25,
        label: 'step_size_up (epochs of batches)',
        note: 'given in epochs here; PyTorch counts batches (default 2000)',
        // the settings line says the unit, so "step_size_up=2" is not read as two optimizer steps
        unit: 'epochs of batches',
      }),
      torch('mode'),
      torch('gamma', { min: 0.9, max: 1, step: 0.001 }),
      torch('cycle_momentum'),
    ],
    build: (v) => ({
      type: 'CyclicLR',
      base_lr: v.base_lr,
      max_lr: v.max_lr,
      step_size_up: { $batches: v.step_size_up },
      mode: v.mode,
      gamma: v.gamma,
      cycle_momentum: v.cycle_momentum,
    }),
  },
  {
    type: 'OneCycleLR',
    params: [
      // The field accepts what the engine declares; the log slider spans the useful part.
      torch('max_lr', { uiDefault: 0.5, scale: 'log', slider: { min: 0.0001, max: 5 } }),
      torch('pct_start', { min: 0.05, max: 0.95, step: 0.05 }),
      torch('anneal_strategy'),
      torch('div_factor', { min: 1, max: 1000, step: 1 }),
      torch('final_div_factor', { min: 1, max: 1e6, step: 1 }),
      torch('three_phase'),
      torch('cycle_momentum'),
    ],
    build: (v, ctx) => ({
      type: 'OneCycleLR',
      max_lr: v.max_lr,
      epochs: ctx.epochs,
      steps_per_epoch: { $batches: 1 },
      pct_start: v.pct_start,
      anneal_strategy: v.anneal_strategy,
      div_factor: v.div_factor,
      final_div_factor: v.final_div_factor,
      three_phase: v.three_phase,
      cycle_momentum: v.cycle_momentum,
    }),
  },
  {
    type: 'SequentialLR',
    params: [
      own('warmup_epochs', 'int', 3, {
        min: 1,
        max: 50,
        label: 'warm-up epochs (milestone)',
        torchOf: 'LinearLR.total_iters',
        sets: 'milestones=[warmup_epochs], LinearLR total_iters, and CosineAnnealingLR T_max = max(1, epochs − warmup_epochs)',
      }),
      warmupStartFactor,
      own('eta_min', 'number', 0, {
        min: 0,
        max: 1,
        step: 0.001,
        label: 'CosineAnnealingLR eta_min',
        torchOf: 'CosineAnnealingLR.eta_min',
        sets: 'CosineAnnealingLR eta_min',
      }),
    ],
    build: (v, ctx) => ({
      type: 'SequentialLR',
      milestones: [v.warmup_epochs],
      schedulers: [
        { type: 'LinearLR', start_factor: v.start_factor, end_factor: 1.0, total_iters: v.warmup_epochs },
        { type: 'CosineAnnealingLR', T_max: Math.max(1, ctx.epochs - v.warmup_epochs), eta_min: v.eta_min },
      ],
    }),
  },
  {
    type: 'ChainedScheduler',
    params: [
      own('warmup_epochs', 'int', 3, {
        min: 1,
        max: 50,
        label: 'LinearLR total_iters',
        torchOf: 'LinearLR.total_iters',
        sets: 'LinearLR total_iters',
      }),
      warmupStartFactor,
      own('gamma', 'number', 0.9, {
        min: 0.5,
        max: 1,
        step: 0.01,
        label: 'ExponentialLR gamma',
        torchOf: 'ExponentialLR.gamma',
        sets: 'ExponentialLR gamma',
      }),
    ],
    build: (v) => ({
      type: 'ChainedScheduler',
      schedulers: [
        { type: 'LinearLR', start_factor: v.start_factor, end_factor: 1.0, total_iters: v.warmup_epochs },
        { type: 'ExponentialLR', gamma: v.gamma },
      ],
    }),
  },
];

/** An entry's UI merged with what the engine declares about the class and its kwargs. */
function withFacts(entry) {
  const facts = schedulerFacts(entry.type);
  if (!facts) throw new Error(`scheduler-catalog: the engine declares no ${entry.type}`);
  const params = entry.params.map((prm) => {
    if (!prm.torch) {
      if (!prm.torchOf) return prm;
      const [type, name] = prm.torchOf.split('.');
      const decl = paramFacts(type, name);
      if (!decl) throw new Error(`scheduler-catalog: ${prm.torchOf} is not a declared kwarg`);
      return { ...prm, ...(!decl.required && { torchDefault: decl.default }) };
    }
    const decl = paramFacts(entry.type, prm.name);
    if (!decl) throw new Error(`scheduler-catalog: ${entry.type} has no kwarg ${prm.name}`);
    const { torch: _torch, uiDefault, ...ui } = prm;
    const kind = KINDS[decl.kind];
    const fromTorch = decl.required ? uiDefault : decl.default;
    if (fromTorch === undefined)
      throw new Error(`scheduler-catalog: ${entry.type}.${prm.name} needs a uiDefault`);
    const note = decl.required && ui.note === undefined ? 'PyTorch has no default' : ui.note;
    return {
      ...ui,
      kind,
      // the accepted range is the engine's declared domain unless the entry narrows it
      ...(ui.min === undefined && decl.min !== undefined && { min: decl.min }),
      ...(ui.max === undefined && decl.max !== undefined && { max: decl.max }),
      default: fromTorch,
      // PyTorch's default, shown beside the lesson's setting (none where torch requires the kwarg)
      ...(!decl.required && { torchDefault: decl.default }),
      ...(decl.choices && { options: decl.choices }),
      ...(note && { note }),
    };
  });
  return {
    ...entry,
    params,
    step: facts.step,
    metric: facts.needs_metric,
    composite: facts.holds_children,
    description: facts.description,
  };
}

export const SCHEDULERS = UI_ENTRIES.map(withFacts);

/** Types the engine declares that have no UI entry (a test keeps this empty). */
export const UNLISTED_TYPES = ENGINE_SCHEDULER_TYPES.filter((t) => !SCHEDULERS.some((s) => s.type === t));

export const SCHEDULER_TYPES = SCHEDULERS.map((s) => s.type);
export const schedulerByType = (type) => SCHEDULERS.find((s) => s.type === type);
/** Field key of a scheduler parameter, e.g. "StepLR.gamma". */
export const paramKey = (type, name) => `${type}.${name}`;
