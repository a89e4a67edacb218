// Warms the engine up (issue 12). A fresh WebAssembly instance runs on baseline-compiled code,
// and its first trainings are 10-40x slower than later ones; the engine optimizes a function
// once it has run enough. So the worker, when idle and once the page asks (engine-worker.mjs),
// trains the course's default run (plain SGD and SGD with momentum) the way it trains a
// learner's run: the session, the planned schedule, one epoch per step, the result. Two dozen
// trainings: with one dozen, runs after the warm-up took 6-17 ms of engine time in Chromium,
// with two 4-11 ms (warm, 2-4 ms). A lesson names its own run (prefer()): the warm-up then
// trains that one every other time, so the learner's next runs find their own code paths
// (ReduceLROnPlateau, SequentialLR, ...) optimized. A lesson's first run is not warmed: it is
// trained while the page mounts its widgets, and a warm-up then would slow the mount.

const TRAININGS = 24; // the warm-up stops after these trainings (unless told otherwise)...
const BUDGET_MS = 3000; // ...or once it has spent this long (a heavily loaded machine)

/**
 * The run-spec of the course's default run: buildTrainSpec(lesson defaults) of run-spec.mjs,
 * written out so the worker does not load the course's field table (the widget's first load);
 * tests/js/engine-warmup.test.mjs holds it equal to what run-spec.mjs builds.
 */
export const WARMUP_SPEC = Object.freeze({
  data: {
    dataset: 'synthetic',
    test_fraction: 0.2,
    stratify: true,
    standardize: true,
    seed: 42,
    n_samples: 1000,
    n_features: 10,
    n_informative: 2,
    n_classes: 2,
    n_clusters_per_class: 2,
    class_sep: 1.5,
    flip_y: 0.1,
  },
  model: { sizes: [10, 10, 2], seed: 0 },
  optimizer: { type: 'SGD', lr: 0.1, momentum: 0 },
  scheduler: { type: 'StepLR', step_size: 5, gamma: 0.1 },
  epochs: 15,
  batch_size: 32,
  shuffle: true,
  shuffle_seed: 0,
  scheduler_step: 'epoch',
});

export class EngineWarmup {
  /**
   * @param {{trainSession: Function, schedule: Function}} engine
   * @param {{budgetMs?: number, trainings?: number}} [options]
   */
  constructor(engine, { budgetMs = BUDGET_MS, trainings = TRAININGS } = {}) {
    this.engine = engine;
    this.budgetMs = budgetMs;
    this.total = trainings;
    const spec = WARMUP_SPEC;
    this.specs = [spec, { ...spec, optimizer: { ...spec.optimizer, momentum: 0.9 } }];
    this.defaults = this.specs;
    this.current = null; // the spec of the training under way
    this.trainings = 0;
    this.spentMs = 0;
    this.session = null;
  }

  /** Trains `spec` (a lesson's default run) now and every other time after, for a fresh count. */
  prefer(spec) {
    this.session?.delete(); // a default run under way gives way at once
    this.session = null;
    this.specs = this.defaults.flatMap((d) => [spec, d]);
    this.trainings = 0;
  }

  /**
   * Trains one epoch of the warm-up (a few ms for the course's default run; a lesson's own run
   * may take longer per epoch). False once it is over.
   */
  step() {
    if (this.trainings >= this.total || this.spentMs >= this.budgetMs) {
      this.session?.delete(); // out of time mid-run
      this.session = null;
      return false;
    }
    const t0 = performance.now();
    try {
      if (!this.session) {
        const spec = this.specs[this.trainings % this.specs.length];
        this.current = spec;
        this.session = this.engine.trainSession(spec);
        try {
          this.engine.schedule({ optimizer: spec.optimizer, scheduler: spec.scheduler, steps: spec.epochs });
        } catch {
          // no planned schedule for a run stepped on a metric (ReduceLROnPlateau): the worker
          // does not ask for one either
        }
      }
      if (!this.session.next()) {
        this.session.result();
        this.session.delete();
        this.session = null;
        this.trainings += 1;
      }
    } catch {
      // A warm-up that fails costs nothing but speed. A lesson's own run may fail here (a data
      // set not fetched yet): the default runs go on. Otherwise the engine is broken: stop.
      this.session?.delete();
      this.session = null;
      if (!this.defaults.includes(this.current)) this.specs = this.defaults;
      else this.trainings = this.total;
    }
    this.spentMs += performance.now() - t0;
    return true;
  }
}
