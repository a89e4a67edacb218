// Walking a run-spec scheduler object and its children (ChainedScheduler, SequentialLR) against
// the engine's declared facts, given by whoever holds them: engine-facts.mjs (the build-time
// schedulers.json) or the engine worker (engine.describe(), so it does not bundle that file).

/** @typedef {import('../../wasm/js/lrlab.js').SchedulerDescription} SchedulerDescription */

/**
 * Whether a scheduler object (or one of its children) has a declared property.
 * @param {any} sched a run-spec scheduler object, or null
 * @param {(type: string) => SchedulerDescription | undefined} factsOf
 * @param {(facts: SchedulerDescription) => boolean} test
 * @returns {boolean}
 */
export function anySchedulerIn(sched, factsOf, test) {
  if (!sched || typeof sched !== 'object') return false;
  const facts = factsOf(sched.type);
  if (facts && test(facts)) return true;
  return Array.isArray(sched.schedulers) && sched.schedulers.some((c) => anySchedulerIn(c, factsOf, test));
}

/** @param {SchedulerDescription} facts ReduceLROnPlateau and any other scheduler stepped with a metric. */
export const stepsOnMetric = (facts) => facts.needs_metric;
