// When to use each scheduler, in one line, for the zoo's cards (widgets/zoo.mjs). Kept out of the
// scheduler catalog (scheduler-catalog.mjs) because the <lr-lab> element bundles the catalog and
// never shows these. tests/js/engine_description.test.mjs checks every catalog scheduler has one.

/** @type {Record<string, string>} scheduler type -> when to use it */
export const WHEN = {
  StepLR:
    'A simple staircase: big steps early, smaller ones later, when you know roughly when progress slows.',
  MultiStepLR: 'A staircase with hand-picked drop epochs, as in many published training recipes.',
  ConstantLR: 'Run the first few epochs at a reduced LR, then jump to the full LR.',
  LinearLR: 'A linear warm-up (or cool-down) between two multiples of the base LR.',
  ExponentialLR: 'Smooth, steady decay by the same factor every epoch.',
  PolynomialLR: 'Decay to zero over a fixed number of epochs along a polynomial curve.',
  CosineAnnealingLR:
    'A smooth half-cosine from the base LR down to eta_min; a strong default when the epoch budget is known.',
  CosineAnnealingWarmRestarts:
    'Cosine cycles that restart at the base LR (SGDR), optionally growing longer each time.',
  LambdaLR: 'Any rule you can write as a formula of the epoch: the LR is base_lr times your function.',
  MultiplicativeLR:
    'Multiply the current LR by your function of the epoch at every step (not at construction).',
  ReduceLROnPlateau: 'No fixed plan: cut the LR when a validation metric stops improving.',
  CyclicLR:
    'Let the LR sweep between two bounds every few epochs, stepped per batch; cycles momentum the other way.',
  OneCycleLR:
    'One warm-up to max_lr and one long anneal far below the start, stepped per batch; fast "super-convergence" training.',
  SequentialLR:
    'Hand over from one scheduler to the next at milestones: here a LinearLR warm-up, then CosineAnnealingLR.',
  ChainedScheduler:
    'Apply several schedulers at once, multiplying their effects: here a LinearLR warm-up chained with ExponentialLR decay.',
};
