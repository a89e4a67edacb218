// Every torch.optim.lr_scheduler class of torch 1.13 (the oracle), with the parameters the course
// exposes, PyTorch's defaults where PyTorch has one and a one-line "when to
// use it". build() turns control values into the run-spec "scheduler" object (docs/run-spec.md 1.2).
// {"$batches": k} stands for k times the number of batches per epoch; the worker fills it in once the
// data set is known (OneCycleLR and CyclicLR count optimizer steps, not epochs).

const p = (name, kind, def, extra = {}) => ({ name, kind, default: def, ...extra });

export const SCHEDULERS = [
  {
    type: 'StepLR',
    step: 'epoch',
    when: 'A simple staircase: big steps early, smaller ones later, when you know roughly when progress slows.',
    params: [
      p('step_size', 'int', 5, { min: 1, max: 100, label: 'step_size (epochs)' }),
      p('gamma', 'number', 0.1, { min: 0.01, max: 1, step: 0.01 }),
    ],
    build: (v) => ({ type: 'StepLR', step_size: v.step_size, gamma: v.gamma }),
  },
  {
    type: 'MultiStepLR',
    step: 'epoch',
    when: 'A staircase with hand-picked drop epochs, as in many published training recipes.',
    params: [
      p('milestones', 'intlist', [5, 10], { min: 0, max: 200, maxLength: 8 }),
      p('gamma', 'number', 0.1, { min: 0.01, max: 1, step: 0.01 }),
    ],
    build: (v) => ({ type: 'MultiStepLR', milestones: v.milestones, gamma: v.gamma }),
  },
  {
    type: 'ConstantLR',
    step: 'epoch',
    when: 'Run the first few epochs at a reduced LR, then jump to the full LR.',
    params: [
      p('factor', 'number', 1 / 3, { min: 0, max: 1, step: 0.01 }),
      p('total_iters', 'int', 5, { min: 0, max: 200 }),
    ],
    build: (v) => ({ type: 'ConstantLR', factor: v.factor, total_iters: v.total_iters }),
  },
  {
    type: 'LinearLR',
    step: 'epoch',
    when: 'A linear warm-up (or cool-down) between two multiples of the base LR.',
    params: [
      p('start_factor', 'number', 1 / 3, { min: 0.01, max: 1, step: 0.01 }),
      p('end_factor', 'number', 1, { min: 0, max: 1, step: 0.01 }),
      p('total_iters', 'int', 5, { min: 0, max: 200 }),
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
    step: 'epoch',
    when: 'Smooth, steady decay by the same factor every epoch.',
    params: [
      p('gamma', 'number', 0.9, {
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
    step: 'epoch',
    when: 'Decay to zero over a fixed number of epochs along a polynomial curve.',
    params: [
      p('total_iters', 'int', 5, { min: 1, max: 200 }),
      p('power', 'number', 1, { min: 0.1, max: 5, step: 0.1 }),
    ],
    build: (v) => ({ type: 'PolynomialLR', total_iters: v.total_iters, power: v.power }),
  },
  {
    type: 'CosineAnnealingLR',
    step: 'epoch',
    when: 'A smooth half-cosine from the base LR down to eta_min; a strong default when the epoch budget is known.',
    params: [
      p('T_max', 'int', 15, {
        min: 1,
        max: 200,
        note: 'PyTorch has no default; usually the number of epochs',
      }),
      p('eta_min', 'number', 0, { min: 0, max: 1, step: 0.001 }),
    ],
    build: (v) => ({ type: 'CosineAnnealingLR', T_max: v.T_max, eta_min: v.eta_min }),
  },
  {
    type: 'CosineAnnealingWarmRestarts',
    step: 'epoch',
    when: 'Cosine cycles that restart at the base LR (SGDR), optionally growing longer each time.',
    params: [
      p('T_0', 'int', 5, { min: 1, max: 100, note: 'PyTorch has no default' }),
      p('T_mult', 'int', 1, { min: 1, max: 4 }),
      p('eta_min', 'number', 0, { min: 0, max: 1, step: 0.001 }),
    ],
    build: (v) => ({ type: 'CosineAnnealingWarmRestarts', T_0: v.T_0, T_mult: v.T_mult, eta_min: v.eta_min }),
  },
  {
    type: 'LambdaLR',
    step: 'epoch',
    when: 'Any rule you can write as a formula of the epoch: the LR is base_lr times your function.',
    params: [p('lr_lambda', 'expr', '0.95 ** epoch', { label: 'lr_lambda(epoch)' })],
    build: (v) => ({ type: 'LambdaLR', lr_lambda: v.lr_lambda }),
  },
  {
    type: 'MultiplicativeLR',
    step: 'epoch',
    when: 'Multiply the current LR by your function of the epoch at every step (not at construction).',
    params: [p('lr_lambda', 'expr', '0.95', { label: 'lr_lambda(epoch)' })],
    build: (v) => ({ type: 'MultiplicativeLR', lr_lambda: v.lr_lambda }),
  },
  {
    type: 'ReduceLROnPlateau',
    step: 'epoch',
    metric: true,
    when: 'No fixed plan: cut the LR when a validation metric stops improving.',
    params: [
      p('mode', 'enum', 'min', { options: ['min', 'max'] }),
      p('factor', 'number', 0.1, { min: 0.01, max: 0.99, step: 0.01 }),
      p('patience', 'int', 10, { min: 0, max: 50 }),
      p('threshold', 'number', 1e-4, { min: 0, max: 0.5, step: 0.0001 }),
      p('threshold_mode', 'enum', 'rel', { options: ['rel', 'abs'] }),
      p('cooldown', 'int', 0, { min: 0, max: 50 }),
      p('min_lr', 'number', 0, { min: 0, max: 1, step: 0.0001 }),
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
    step: 'batch',
    when: 'Let the LR sweep between two bounds every few epochs, stepped per batch; cycles momentum the other way.',
    params: [
      p('base_lr', 'number', 0.01, { min: 0.00001, max: 1, step: 0.001 }),
      p('max_lr', 'number', 0.1, { min: 0.00001, max: 5, step: 0.001 }),
      p('step_size_up', 'number', 2, {
        min: 0.25,
        max: 50,
        step: 0.25,
        label: 'step_size_up (epochs of batches)',
        note: 'given in epochs here; PyTorch counts batches (default 2000)',
      }),
      p('mode', 'enum', 'triangular', { options: ['triangular', 'triangular2', 'exp_range'] }),
      p('gamma', 'number', 1, { min: 0.9, max: 1, step: 0.001 }),
      p('cycle_momentum', 'bool', true),
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
    step: 'batch',
    when: 'One warm-up to max_lr and one long anneal far below the start, stepped per batch; fast "super-convergence" training.',
    params: [
      p('max_lr', 'number', 0.5, { min: 0.0001, max: 5, step: 0.01 }),
      p('pct_start', 'number', 0.3, { min: 0.05, max: 0.95, step: 0.05 }),
      p('anneal_strategy', 'enum', 'cos', { options: ['cos', 'linear'] }),
      p('div_factor', 'number', 25, { min: 1, max: 1000, step: 1 }),
      p('final_div_factor', 'number', 1e4, { min: 1, max: 1e6, step: 1 }),
      p('three_phase', 'bool', false),
      p('cycle_momentum', 'bool', true),
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
    step: 'epoch',
    composite: true,
    when: 'Hand over from one scheduler to the next at milestones: here a LinearLR warm-up, then CosineAnnealingLR.',
    params: [
      p('warmup_epochs', 'int', 3, { min: 1, max: 50, label: 'warm-up epochs (milestone)' }),
      p('start_factor', 'number', 0.1, { min: 0.01, max: 1, step: 0.01, label: 'LinearLR start_factor' }),
      p('eta_min', 'number', 0, { min: 0, max: 1, step: 0.001, label: 'CosineAnnealingLR eta_min' }),
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
    step: 'epoch',
    composite: true,
    when: 'Apply several schedulers at once, multiplying their effects: here a LinearLR warm-up chained with ExponentialLR decay.',
    params: [
      p('warmup_epochs', 'int', 3, { min: 1, max: 50, label: 'LinearLR total_iters' }),
      p('start_factor', 'number', 0.1, { min: 0.01, max: 1, step: 0.01, label: 'LinearLR start_factor' }),
      p('gamma', 'number', 0.9, { min: 0.5, max: 1, step: 0.01, label: 'ExponentialLR gamma' }),
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

export const SCHEDULER_TYPES = SCHEDULERS.map((s) => s.type);
export const schedulerByType = (type) => SCHEDULERS.find((s) => s.type === type);
/** Field key of a scheduler parameter, e.g. "StepLR.gamma". */
export const paramKey = (type, name) => `${type}.${name}`;
