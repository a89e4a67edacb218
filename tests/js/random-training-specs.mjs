// Random training run-specs (docs/run-spec.md 4) for the differential test against real torch
// (torch_training_differential.test.mjs). The optimizer's kwargs come from the engine's own
// declarations (engine.describe(): every declared parameter, drawn half the time), the
// scheduler from the schedule test's generator (random-schedule-specs.mjs), so a new
// optimizer, scheduler or argument is covered without touching this file. Values stay where
// learners train (moderate LRs, a few epochs of a small MLP) so that float32 noise stays small:
// the test compares semantics, not chaos. Now and then a value torch's constructor refuses
// (a negative LR, momentum or eps, a beta of 1, Nesterov without momentum).
import { randomSource, schedulerFor } from './random-schedule-specs.mjs';

// The optimizer's LR per type: what converges in a few epochs without blowing up.
const LRS = {
  SGD: [0.01, 0.05, 0.1, 0.2, 0.5],
  Adam: [0.001, 0.005, 0.01, 0.03],
  AdamW: [0.001, 0.005, 0.01, 0.03],
  RMSprop: [0.001, 0.003, 0.01, 0.02],
};

// Moderate values per kwarg name; a declared kwarg without an entry is drawn from its domain.
const PALETTE = {
  momentum: [0, 0.5, 0.9, 0.95, 0.99],
  dampening: [0, 0.1, 0.5, 1, 1.5, -0.5],
  weight_decay: [0, 1e-4, 0.01, 0.1, 0.5],
  eps: [1e-8, 1e-6, 1e-3, 0.1, 0],
  alpha: [0.9, 0.99, 0.5, 0],
};
const BETA1 = [0, 0.5, 0.8, 0.9, 0.95, 0.99];
const BETA2 = [0.9, 0.99, 0.999, 0.9999, 0];

// Values the declared domain leaves out (below its minimum), which torch's constructor
// refuses too: the test holds the engine to refusing them.
const BELOW_DOMAIN = { lr: -0.01, momentum: -0.5, weight_decay: -0.01, eps: -1e-8, alpha: -0.1 };

/** A value for the declared optimizer kwarg `p`. */
function kwargFor(rng, p) {
  if (p.kind === 'boolean') return rng.chance(0.5);
  if (p.kind === 'list') {
    // betas: each in [0, 1); rarely 1 or below 0, which torch refuses
    const beta = (list) => (rng.chance(0.04) ? rng.pick([1, -0.1]) : rng.pick(list));
    return [beta(BETA1), beta(BETA2)];
  }
  if (p.kind !== 'number') return p.default;
  if (p.name in BELOW_DOMAIN && rng.chance(0.03)) return BELOW_DOMAIN[p.name];
  const palette = PALETTE[p.name];
  if (palette) return rng.pick(palette);
  const lo = p.min ?? 0;
  return Number((lo + rng.next() * (Math.min(p.max ?? 1, lo + 1) - lo)).toPrecision(2));
}

/** An optimizer from its declaration, one param group (a training trains all weights in one). */
function optimizerFor(rng, decl) {
  const optimizer = { type: decl.type, lr: rng.pick(LRS[decl.type] ?? [0.01]) };
  const kwargs = {};
  for (const p of decl.params) {
    if (p.name === 'lr' || rng.chance(0.5)) continue;
    kwargs[p.name] = kwargFor(rng, p);
  }
  if (optimizer.type === 'SGD' && kwargs.nesterov && rng.chance(0.7)) {
    // Nesterov needs momentum and no dampening (torch refuses it otherwise): mostly given
    kwargs.momentum = rng.pick([0.5, 0.9]);
    delete kwargs.dampening;
  }
  if (kwargs.centered && kwargs.alpha === 0) {
    // RMSprop(alpha=0, centered=True) estimates the variance as g*g - g*g: torch's addcmul is
    // fused (FMA) on x86, leaves the rounding error of g*g, negative half the time, and its
    // sqrt is NaN; the engine (WebAssembly, no FMA) gets 0 and divides by eps. Rounding, not
    // semantics: not drawn.
    kwargs.alpha = 0.5;
  }
  if (rng.chance(0.03)) optimizer.lr = BELOW_DOMAIN.lr;
  if (rng.chance(0.2)) {
    // the per-group form: some kwargs (and maybe the LR) in param_groups[0] over the top level
    const group = {};
    // torch's constructor checks its own kwargs, not a group's: a value it would refuse
    // at the top level runs in a group, which the engine refuses (a reported deviation), so
    // the probes below the domain stay at the top level
    const probe = (k, v) => v === BELOW_DOMAIN[k] || (k === 'betas' && v.some((b) => b < 0 || b >= 1));
    for (const [k, v] of Object.entries(kwargs)) if (!probe(k, v) && rng.chance(0.5)) group[k] = v;
    if (rng.chance(0.5)) group.lr = rng.pick(LRS[decl.type] ?? [0.01]);
    for (const k of Object.keys(group)) if (k !== 'lr' && rng.chance(0.5)) delete kwargs[k];
    Object.assign(optimizer, kwargs, { param_groups: [group] });
  } else {
    Object.assign(optimizer, kwargs);
  }
  return optimizer;
}

// A scheduler's LR-valued kwargs, redrawn at training scale (the schedule generator's reach up
// to 10, which only measures float32 chaos here). Cycled momenta stay as drawn.
const LR_KWARGS = {
  max_lr: [0.01, 0.05, 0.1, 0.3],
  base_lr: [0.001, 0.01, 0.05],
  eta_min: [0, 0.001, 0.01],
  min_lr: [0, 1e-4, 0.01],
};

function moderate(rng, byType, scheduler) {
  const params = new Map(byType.get(scheduler.type).params.map((p) => [p.name, p]));
  for (const [k, list] of Object.entries(LR_KWARGS))
    if (k in scheduler) {
      const v = rng.pick(list);
      // a per-group value may be an array with one entry per group: here one
      scheduler[k] = params.get(k)?.per_group && rng.chance(0.15) ? [v] : v;
    }
  for (const child of scheduler.schedulers ?? []) moderate(rng, byType, child);
  return scheduler;
}

/** Inline data: gaussian clusters, one per class, rounded to 3 decimals. */
function inlineData(rng) {
  const n = rng.int(20, 120);
  const features = rng.int(2, 6);
  const classes = rng.int(2, 4);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const centers = Array.from({ length: classes }, () =>
    Array.from({ length: features }, () => rng.next() * 4 - 2),
  );
  const spread = rng.pick([0.5, 1, 2]);
  const y = Array.from({ length: n }, () => rng.int(0, classes - 1));
  const x = y.map((c) => centers[c].map((m) => Number((m + spread * gauss()).toFixed(3))));
  return { x, y, classes: Math.max(...y) + 1, features };
}

/** The MLP's explicit initial weights (model.init), nn.Linear layout. */
function initFor(rng, sizes) {
  const init = {};
  const u = () => Number((rng.next() - 0.5).toFixed(4));
  for (let l = 1; l < sizes.length; l++) {
    init[`W${l}`] = Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l - 1] }, u));
    init[`b${l}`] = Array.from({ length: sizes[l] }, u);
  }
  return init;
}

// The bundled sets small enough for thousands of trainings (docs/run-spec.md 5).
const BUNDLED = [
  { dataset: 'iris', features: 4, classes: 3, rows: 150 },
  { dataset: 'wine', features: 13, classes: 3, rows: 178 },
  { dataset: 'breast_cancer', features: 30, classes: 2, rows: 569 },
];

/**
 * Turns `spec` into one whose optimizer.step() raises in torch (docs/run-spec.md 3): a cycled
 * momentum the optimizer cannot take. Adam's bias correction 1 - beta1 ** step is 0 for a beta1
 * of 1 (at the first step) or -1 (the second): ZeroDivisionError, after AdamW decayed the
 * first parameter. RMSprop's momentum cycled up from 0 (CyclicLR starts at max_momentum) reads a momentum buffer its first step
 * did not make: KeyError.
 */
function stepErrorProbe(rng, spec) {
  spec.scheduler_step = 'batch';
  delete spec.scheduler_order;
  delete spec.plateau_metric;
  if (rng.chance(0.6)) {
    const beta1 = rng.pick([1, -1]);
    spec.optimizer = { type: rng.pick(['Adam', 'AdamW']), lr: 0.01 };
    if (rng.chance(0.5)) spec.optimizer.weight_decay = rng.pick([0, 0.01, 0.5]);
    spec.scheduler = {
      type: 'OneCycleLR',
      max_lr: 0.05,
      total_steps: 1000,
      base_momentum: beta1,
      max_momentum: beta1,
    };
  } else {
    spec.optimizer = { type: 'RMSprop', lr: 0.01, momentum: 0.5 };
    spec.scheduler = {
      type: 'CyclicLR',
      base_lr: 0.001,
      max_lr: 0.01,
      step_size_up: rng.int(1, 3),
      base_momentum: 0.9,
      max_momentum: 0,
    };
  }
}

/**
 * `count` training run-specs for engine.trainSession(), drawn from `description`
 * (engine.describe()), each with a `name` saying which draw it is. No shuffling: the oracle
 * loop (training.py) takes the rows in order.
 */
export function randomTrainingSpecs(description, seed, count) {
  const rng = randomSource(seed);
  const byType = new Map(description.schedulers.map((d) => [d.type, d]));
  const types = [...byType.keys()];
  return Array.from({ length: count }, (_, i) => {
    // data: inline, a synthetic set or a bundled one (held-out splits only for the last two)
    /** @type {Record<string, any>} */
    let data;
    let features;
    let classes;
    let rows;
    const form = rng.next();
    if (form < 0.6) {
      const d = inlineData(rng);
      data = { x: d.x, y: d.y };
      ({ features, classes } = d);
      rows = d.y.length;
    } else if (form < 0.75) {
      features = rng.int(2, 6);
      classes = rng.int(2, 3);
      const n = rng.int(40, 150);
      data = {
        dataset: 'synthetic',
        n_samples: n,
        n_features: features,
        n_informative: Math.min(features, 2),
        n_classes: classes,
        n_clusters_per_class: 1,
        seed: rng.int(0, 1000),
      };
      rows = n;
    } else {
      const set = rng.pick(BUNDLED);
      data = { dataset: set.dataset, seed: rng.int(0, 100) };
      ({ features, classes, rows } = set);
    }
    if (!('x' in data)) {
      if (rng.chance(0.4)) data.test_fraction = 0;
      else if (rng.chance(0.3)) data.test_fraction = rng.pick([0.1, 0.3]);
      if (rng.chance(0.5)) data.standardize = rng.chance(0.7);
      const held = data.test_fraction ?? 0.2;
      rows = rows - Math.round(rows * held); // about: batch sizes are drawn from it
    }

    const hidden = Array.from({ length: rng.int(0, 2) }, () => rng.int(2, 8));
    const out = 'x' in data && rng.chance(0.1) ? classes + 1 : classes; // inline: more outputs than labels
    const sizes = [features, ...hidden, out];
    const model = rng.chance(0.3) ? { sizes, init: initFor(rng, sizes) } : { sizes, seed: rng.int(0, 1000) };

    const optimizer = optimizerFor(rng, rng.pick(description.optimizers));

    const spec = { name: `seed ${seed} #${i}`, data, model, optimizer };
    const type = types[i % types.length]; // every scheduler as often as the others
    const decl = byType.get(type);
    if (rng.chance(0.08)) {
      spec.scheduler = null;
    } else {
      spec.scheduler = moderate(rng, byType, schedulerFor(rng, byType, type, 1));
      // how the course steps it (docs/run-spec.md 4), now and then the other way
      const perBatch = (decl.step === 'batch') !== rng.chance(0.1);
      if (perBatch && !decl.needs_metric) spec.scheduler_step = 'batch';
      else if (rng.chance(0.5)) spec.scheduler_step = 'epoch';
      if (!decl.needs_metric && rng.chance(0.1)) spec.scheduler_order = 'before_optimizer';
      if (decl.needs_metric && rng.chance(0.6)) {
        const heldOut = !('x' in data) && data.test_fraction !== 0;
        spec.plateau_metric = rng.pick(
          heldOut
            ? ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy']
            : ['train_loss', 'train_accuracy'],
        );
      }
    }
    if (!('x' in data) && !decl.needs_metric && rng.chance(0.1)) data.validation_fraction = 0.2;

    spec.epochs = rng.int(2, 6);
    // batch sizes that divide the rows and that leave a partial last batch; at most ~25 batches
    const divisors = [];
    for (let b = Math.ceil(rows / 25); b <= rows; b++) if (rows % b === 0) divisors.push(b);
    spec.batch_size =
      divisors.length && rng.chance(0.4) ? rng.pick(divisors) : rng.int(Math.ceil(rows / 25), rows + 5);
    if (spec.scheduler?.type === 'OneCycleLR' && rng.chance(0.5)) {
      // mostly a schedule as long as the training, so that it runs to the end
      const batches = Math.ceil(rows / spec.batch_size);
      const steps = spec.scheduler_step === 'batch' ? spec.epochs * batches : spec.epochs;
      for (const k of ['total_steps', 'epochs', 'steps_per_epoch']) delete spec.scheduler[k];
      spec.scheduler.total_steps = steps + rng.pick([0, 0, 1, -1]);
    }
    if (rng.chance(0.05)) stepErrorProbe(rng, spec);
    return spec;
  });
}
