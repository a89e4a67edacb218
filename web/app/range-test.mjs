// The LR range test (Leslie Smith 2015, fast.ai's lr_find) on the learner's own model and
// data: the LR grows exponentially from START_LR to END_LR over NUM_IT batches (fast.ai's
// num_it; as many epochs as that takes -- one epoch of the seed's 25 batches is too short for
// the loss to respond before the LR is already too large). The engine trains it as an
// ordinary run (ExponentialLR stepped per batch), so every point is a real batch loss; the
// curve is smoothed as lr_find does (exponential moving average with bias correction), the
// first SKIP_START points are left out of the search (one noisy batch is no minimum), and the
// suggested max_lr is a tenth of the LR at the lowest smoothed loss, rounded to two digits and
// kept inside the range the OneCycleLR max_lr field accepts (the engine's declaration).
import { FIELDS } from './fields.mjs';
import { paramKey } from './scheduler-catalog.mjs';

export const START_LR = 1e-5;
export const END_LR = 10;
const NUM_IT = 100; // fast.ai lr_find's default
const SKIP_START = 10; // fast.ai's plot_lr_find skip_start
const BETA = 0.98; // lr_find's smoothing
export const MAX_LR = FIELDS[paramKey('OneCycleLR', 'max_lr')];

/** Epochs and the per-batch growth factor for a range test over batches of this many per epoch. */
export function rangeTestPlan(batchesPerEpoch) {
  const epochs = Math.ceil(NUM_IT / Math.max(1, batchesPerEpoch));
  const steps = epochs * batchesPerEpoch;
  return { epochs, gamma: (END_LR / START_LR) ** (1 / Math.max(1, steps - 1)) };
}

/** A max_lr the OneCycleLR field accepts: two significant digits, inside its declared range. */
export function acceptedMaxLr(lr) {
  const v = Number(lr.toPrecision(2));
  return Math.min(Math.max(v, MAX_LR.min), MAX_LR.max);
}

/** Smoothed losses (bias-corrected EMA) and the suggestion, from per-batch LRs and losses. */
export function rangeTestCurve(lrs, losses) {
  const smooth = [];
  let avg = 0;
  let best = Infinity;
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i])) break;
    avg = BETA * avg + (1 - BETA) * losses[i];
    const s = avg / (1 - BETA ** (i + 1));
    if (i > SKIP_START && s > 4 * best) break; // the loss has exploded: the rest says nothing
    if (i >= SKIP_START) best = Math.min(best, s);
    smooth.push(s);
  }
  const from = smooth.length > SKIP_START + 1 ? SKIP_START : 0;
  let min = from;
  for (let i = from + 1; i < smooth.length; i++) if (smooth[i] < smooth[min]) min = i;
  return {
    lr: lrs.slice(0, smooth.length),
    smooth,
    minLr: lrs[min],
    suggestion: acceptedMaxLr(lrs[min] / 10),
  };
}
