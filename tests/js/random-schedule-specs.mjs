// Random schedule run-specs (docs/run-spec.md 2) for the differential test against real torch
// (torch_differential.test.mjs). Every argument is drawn from the engine's own declaration of
// it (engine.describe(): kind, domain, per group, nullable), so a new scheduler or argument is
// covered without touching this file. Values favour what learners type (small counts, rates
// below 1) and the edges torch treats specially (0, 1, negatives, the domain's bounds).

/** A seeded generator (mulberry32): the same seed gives the same cases on every machine. */
export function randomSource(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

// Expressions in the variable, in docs/run-spec.md 3's grammar (the ones learners write).
const EXPRESSIONS = [
  '0.95 ** v',
  '1 / (v + 1)',
  'max(0.1, 1 - v / 10)',
  '0.5 * (1 + cos(pi * v / 20))',
  'min(1, (v + 1) / 5)',
  '1',
  'exp(-0.1 * v)',
  'floor(v / 3) + 1',
  '1 / v',
];

const inDomain = (p, v) =>
  (p.min === undefined || (p.min_open ? v > p.min : v >= p.min)) &&
  (p.max === undefined || (p.max_open ? v < p.max : v <= p.max));

/** A number for a `number` parameter: a small rate, an edge torch treats specially, or a bound. */
function numberFor(rng, p) {
  const candidates = [0, 1, -1, 0.5, 2, p.min, p.max].filter((v) => v !== undefined && inDomain(p, v));
  if (candidates.length && rng.chance(0.25)) return rng.pick(candidates);
  let v = rng.chance(0.5) ? 10 ** (rng.next() * 4 - 3) : rng.next(); // 0.001..10, or 0..1
  if (p.min !== undefined && p.min < 0 && rng.chance(0.1)) v = -v;
  v = Number(v.toPrecision(rng.int(1, 4)));
  return inDomain(p, v) ? v : (candidates[0] ?? p.default ?? 1);
}

/** An integer for an `integer` parameter (an int in torch's signature): small counts and 0. */
function integerFor(rng, p) {
  const lo = Math.max(p.min ?? -2, -2);
  const hi = Math.min(p.max ?? 40, 40);
  for (let i = 0; i < 10; i++) {
    const v = rng.chance(0.85) ? rng.int(Math.max(lo, 1), Math.max(hi, 1)) : rng.int(lo, hi);
    if (inDomain(p, v)) return v;
  }
  return p.default ?? 1;
}

function valueFor(rng, p, variable, groups) {
  switch (p.kind) {
    case 'number':
      return p.per_group && groups > 1 && rng.chance(0.4)
        ? Array.from({ length: groups }, () => numberFor(rng, p))
        : numberFor(rng, p);
    case 'integer':
      return integerFor(rng, p);
    case 'boolean':
      return rng.chance(0.5);
    case 'enum':
      return p.any_string && rng.chance(0.1) ? 'other' : rng.pick(p.choices);
    case 'expression': {
      const one = () => rng.pick(EXPRESSIONS).replaceAll('v', p.variable ?? variable);
      return p.per_group && groups > 1 && rng.chance(0.4) ? Array.from({ length: groups }, one) : one();
    }
    case 'list': {
      const items = Array.from({ length: rng.int(0, 4) }, () => rng.int(0, 30));
      return rng.chance(0.85) ? items.sort((a, b) => a - b) : items; // unsorted: torch runs it
    }
    default:
      return undefined; // schedulers: built by the caller
  }
}

/**
 * One scheduler of type `type`: required arguments always, each optional one half the time
 * (a nullable one sometimes null). Children of SequentialLR / ChainedScheduler are plain
 * schedulers that step without a metric.
 */
export function schedulerFor(rng, byType, type, groups, depth = 0) {
  const decl = byType.get(type);
  const spec = { type };
  for (const p of decl.params) {
    if (!p.required && rng.chance(0.5)) continue;
    if (p.kind === 'schedulers') {
      const plain = [...byType.values()].filter((d) => !d.holds_children && !d.needs_metric);
      spec[p.name] = Array.from({ length: rng.int(1, 3) }, () =>
        schedulerFor(rng, byType, rng.pick(plain).type, groups, depth + 1),
      );
      continue;
    }
    const v = p.nullable && rng.chance(0.2) ? null : valueFor(rng, p, 'epoch', groups);
    if (v !== undefined) spec[p.name] = v;
  }
  if (type === 'SequentialLR' && Array.isArray(spec.schedulers) && rng.chance(0.8)) {
    // torch needs one milestone fewer than schedulers; the rest of the time, its refusal
    const n = spec.schedulers.length - 1;
    spec.milestones = Array.from({ length: n }, () => rng.int(1, 20)).sort((a, b) => a - b);
  }
  return spec;
}

/** An optimizer the scheduler can drive: one or two param groups, SGD/Adam/AdamW/RMSprop. */
function optimizerFor(rng, groups) {
  const type = rng.pick(['SGD', 'SGD', 'Adam', 'AdamW', 'RMSprop']);
  // Never an integral lr: JSON 1 is a Python int, and torch's int arithmetic (lr * an int
  // gamma) overflows differently from a float's; the engine reads every number as a float.
  const optimizer = { type, lr: rng.pick([0.1, 0.01, 1.5, 0.05, 0.3]) };
  if ((type === 'SGD' || type === 'RMSprop') && rng.chance(0.6))
    optimizer.momentum = rng.pick([0.9, 0.5, 0.99]);
  if (type === 'SGD' && optimizer.momentum && rng.chance(0.3)) optimizer.nesterov = true;
  if (groups > 1) optimizer.param_groups = [{}, { lr: rng.pick([0.2, 0.001, 0.5]) }];
  return optimizer;
}

/** A metric sequence for ReduceLROnPlateau: a noisy descent with plateaus and jumps. */
function metricsFor(rng, steps) {
  let m = 1 + rng.next();
  return Array.from({ length: steps }, () => {
    if (rng.chance(0.5)) m -= rng.next() * 0.1;
    else if (rng.chance(0.2)) m += rng.next() * 0.2;
    return Number(m.toPrecision(6));
  });
}

/**
 * `count` run-specs for engine.schedule(), drawn from `description` (engine.describe()),
 * each with a `name` saying which draw it is.
 */
export function randomScheduleSpecs(description, seed, count) {
  const rng = randomSource(seed);
  const byType = new Map(description.schedulers.map((d) => [d.type, d]));
  const types = [...byType.keys()];
  return Array.from({ length: count }, (_, i) => {
    const groups = rng.chance(0.25) ? 2 : 1;
    const type = types[i % types.length]; // every scheduler as often as the others
    const scheduler = schedulerFor(rng, byType, type, groups);
    const steps = rng.int(1, 45);
    const spec = {
      name: `seed ${seed} #${i} ${type}`,
      optimizer: optimizerFor(rng, groups),
      scheduler,
      steps,
    };
    if (byType.get(type).needs_metric) spec.metrics = metricsFor(rng, steps);
    // scheduler.step(epoch) where the scheduler takes it: epochs that mostly grow, some
    // fractional, a repeat, a jump back, now and then a negative one (torch's ValueError)
    if (byType.get(type).takes_step_epochs && rng.chance(0.4)) {
      let e = 0;
      spec.step_epochs = Array.from({ length: steps }, () => {
        e += rng.pick([1, 1, 1, 0.5, 0.25, 0, 2, -3]);
        return rng.chance(0.03) ? -1 : Math.max(0, e);
      });
    }
    return spec;
  });
}
