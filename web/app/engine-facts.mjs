// What the engine declares about each scheduler and optimizer (its C++ declarations, published
// at build time as engine/schedulers.json by scripts/engine-types.mjs). The site reads these
// facts here and never re-types them: defaults, parameter kinds, "steps per batch", "needs a
// metric", "holds children".
import description from '../engine/schedulers.json' with { type: 'json' };
import { anySchedulerIn, stepsOnMetric } from './scheduler-tree.mjs';

/** @typedef {import('../../wasm/js/lrlab.js').EngineDescription} EngineDescription */
/** @typedef {import('../../wasm/js/lrlab.js').SchedulerDescription} SchedulerDescription */
/** @typedef {import('../../wasm/js/lrlab.js').ParamDescription} ParamDescription */

/** @type {EngineDescription} */
export const ENGINE = /** @type {EngineDescription} */ (description);

/** @type {Map<string, SchedulerDescription>} */
const byType = new Map(ENGINE.schedulers.map((s) => [s.type, s]));

/** The engine's scheduler type names, in torch's `__all__` order. */
export const ENGINE_SCHEDULER_TYPES = ENGINE.schedulers.map((s) => s.type);

/** @param {string} type @returns {SchedulerDescription | undefined} */
export const schedulerFacts = (type) => byType.get(type);

/** @param {string} type @param {string} name @returns {ParamDescription | undefined} */
export const paramFacts = (type, name) => schedulerFacts(type)?.params.find((p) => p.name === name);

/**
 * Whether a scheduler object (or one of its children) has a declared property.
 * @param {any} sched a run-spec scheduler object, or null
 * @param {(facts: SchedulerDescription) => boolean} test
 * @returns {boolean}
 */
export const anyScheduler = (sched, test) => anySchedulerIn(sched, schedulerFacts, test);

/** ReduceLROnPlateau and any other scheduler stepped with a metric. @param {any} sched */
export const needsMetric = (sched) => anyScheduler(sched, stepsOnMetric);

/** CyclicLR, OneCycleLR: stepped per batch. @param {any} sched */
export const stepsPerBatch = (sched) => anyScheduler(sched, (f) => f.step === 'batch');

/**
 * Whether torch's signature has an int for this kwarg (milestones: a list of ints).
 * @param {string} type @param {string} name
 */
export function isIntArg(type, name) {
  const p = paramFacts(type, name);
  return !!p && (p.kind === 'integer' || (p.kind === 'list' && (p.fractional || p.int_checked) === true));
}
