// One live training run on a worker channel: holds what the engine reported so far (data summary,
// planned schedule, epoch records, final result) and re-emits it to widgets as events:
//   reset, started, planned, epoch, status, done, error.
// restart() is coalesced to the next animation frame, so dragging a slider retrains once per frame
// with the latest value.
import { engineClient } from './engine-client.mjs';

/**
 * The engine's val_* is the split the plateau scheduler watches: the validation rows when the data
 * spec has a validation_fraction (then test_* is the test split), else the test rows themselves.
 * Widgets read test_* for "test" and val_* for "validation" (only where `validation` is true).
 */
export function withTestMetrics(record) {
  if ('test_loss' in record) return { ...record, validation: true };
  return { ...record, test_loss: record.val_loss, test_accuracy: record.val_accuracy, validation: false };
}

/** The events of a run (status, epoch, done, error, reset, ...): `detail` is the event's payload. */
/** @typedef {Event & {detail?: unknown}} RunEvent */

/**
 * The LR of a run's last optimizer step (group 0). An epoch record's `lr` is the LR its first step
 * used; a per-batch scheduler (OneCycleLR, CyclicLR) moves it within the epoch, so "first → last"
 * reads the last step. @param {Array<{lr: number[], lr_steps?: number[][]}>} records
 */
export const lastStepLr = (records) => records.at(-1)?.lr_steps?.[0]?.at(-1) ?? records.at(-1)?.lr[0];

export class TrainingRun extends EventTarget {
  constructor(channel, label = '') {
    super();
    this.channel = channel;
    this.label = label;
    this.client = engineClient();
    this.pendingSpec = null;
    this.frame = 0;
    this.startPaused = null; // {budget} when pause/step was pressed before the run reached the worker
    this.clear();
  }

  clear() {
    this.spec = null;
    this.requestedSpec = null;
    this.summary = null;
    this.csv = null;
    this.batchesPerEpoch = null;
    this.planned = null;
    this.records = [];
    this.result = null;
    this.error = null;
    this.status = 'idle'; // idle | queued | running | paused | done | cancelled | error
    this.engineDown = false;
    this.startedAt = 0;
  }

  /** Dispatches a RunEvent. */
  emit(type, detail) {
    this.dispatchEvent(Object.assign(new Event(type), { detail }));
  }

  setStatus(status) {
    this.status = status;
    this.emit('status', status);
  }

  /** Trains `spec` (or reports `specError`) at the next animation frame. */
  restart(spec, specError = null) {
    this.pendingSpec = { spec, specError };
    if (this.frame) return;
    this.startPaused = null;
    // queued at once, so the run bar can pause a run before its first epoch
    if (this.status !== 'queued') this.setStatus('queued');
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.launchPending();
    });
  }

  /**
   * Sends a restart that waits for its animation frame now. A lesson page sends its first run
   * so, before its widgets mount: the worker trains it meanwhile (lesson-page.mjs).
   */
  flush() {
    if (this.cancelFrame()) this.launchPending();
  }

  /** Drops the animation frame a restart waits for; true when there was one. */
  cancelFrame() {
    if (!this.frame) return false;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    return true;
  }

  launchPending() {
    const { spec, specError } = this.pendingSpec;
    this.pendingSpec = null;
    this.launch(spec, specError);
  }

  /** The engine could not be loaded (`reason`): the run will never be answered; an error. */
  abandon(reason = 'The training engine could not be loaded') {
    this.cancelFrame();
    this.pendingSpec = null;
    this.clear();
    this.error = reason;
    this.engineDown = true; // not these settings' fault: views say the engine did not load
    this.status = 'error';
    this.emit('reset');
  }

  /** The engine (or the page) refused these settings: an error before the run started. */
  get refused() {
    return this.status === 'error' && !this.summary && !this.engineDown;
  }

  launch(spec, specError) {
    this.generation = (this.generation || 0) + 1; // lets tests and widgets tell runs apart
    // the engine could not load: no request would ever be answered
    if (this.client.failure) {
      this.abandon(this.client.failure);
      return;
    }
    this.clear();
    this.emit('reset');
    if (specError) {
      this.error = specError;
      this.setStatus('error');
      this.emit('error', specError);
      return;
    }
    this.spec = spec;
    this.requestedSpec = spec; // as built from the controls; spec becomes the worker's resolved copy
    this.startedAt = performance.now();
    this.setStatus('queued');
    const paused = this.startPaused;
    this.startPaused = null;
    this.client.train(
      this.channel,
      spec,
      {
        started: (m) => {
          this.summary = m.summary;
          this.csv = m.csv ?? null; // how the learner's CSV was read (engine-worker.mjs), or null
          this.batchesPerEpoch = m.batchesPerEpoch;
          this.spec = m.spec;
          this.setStatus('running');
          this.emit('started', m);
        },
        planned: (m) => {
          this.planned = m.planned;
          this.emit('planned', m.planned);
        },
        epoch: (m) => {
          this.records.push(withTestMetrics(m.record));
          this.emit('epoch', m.record);
        },
        paused: () => this.setStatus('paused'),
        resumed: () => this.setStatus('running'),
        done: (m) => {
          this.result = m.result;
          this.setStatus('done');
          this.emit('done', m.result);
        },
        cancelled: () => this.setStatus('cancelled'),
        error: (m) => {
          this.error = m.message;
          this.setStatus('error');
          this.emit('error', m.message);
        },
      },
      paused,
    );
  }

  // Pause / step pressed while the restart waits for its animation frame travel with the train
  // request, so the run starts paused (or with that many epochs to step) and never races ahead.
  pause() {
    if (this.frame) this.startPaused = { budget: 0 };
    else this.client.pause(this.channel);
  }
  resume() {
    if (this.frame) this.startPaused = null;
    else this.client.resume(this.channel);
  }
  step() {
    if (this.frame) this.startPaused = { budget: (this.startPaused?.budget || 0) + 1 };
    else this.client.step(this.channel);
  }
  cancel() {
    this.client.cancel(this.channel);
  }
  trace(index, split) {
    return this.client.trace(this.channel, index, split);
  }

  /**
   * Why a finished run stopped early, when PyTorch itself raised (e.g. OneCycleLR stepped past
   * total_steps: the run ends "done" with result.error), or null. Every view of a run shows it.
   */
  runError() {
    const e = this.result?.error;
    if (!e) return null;
    const where = e.batch == null ? `epoch ${e.epoch}` : `epoch ${e.epoch}, batch ${e.batch}`;
    return `Training stopped at ${where}: ${e.type}: ${e.message}`;
  }

  /**
   * Why a finished run stopped before its last epoch because the loss or the weights stopped
   * being finite (result.diverged_at, docs/run-spec.md 4), or null.
   */
  divergence() {
    const d = this.result?.diverged_at;
    return d ? `The run diverged: ${d.reason}.` : null;
  }

  /**
   * Where PyTorch runs these settings in a surprising way (a negative gamma flips the LR's sign,
   * an integral float where torch means an int): the engine's result.warnings as text. The run
   * goes ahead with torch's numbers; the views say why they look odd.
   */
  runWarnings() {
    return (this.result?.warnings || []).map((w) => `PyTorch runs this, but note: ${w.path}: ${w.message}`);
  }

  /** LR changes between consecutive epochs: [{epoch, from, to}] (group 0). */
  lrChanges() {
    const out = [];
    for (let i = 1; i < this.records.length; i++) {
      const a = this.records[i - 1].lr[0];
      const b = this.records[i].lr[0];
      if (a !== b) out.push({ epoch: i, from: a, to: b });
    }
    return out;
  }
}

/**
 * Trains `baseline` as the constant-LR comparison of `spec`: the same spec without its scheduler
 * (same data, initial weights and batch order). Without a scheduler the run is its own baseline,
 * so `baseline` is stopped and emptied.
 * @param {TrainingRun} baseline
 * @param {any} spec
 */
export function followWithBaseline(baseline, spec) {
  if (spec?.scheduler) {
    const { scheduler_step: _step, plateau_metric: _metric, ...rest } = spec;
    baseline.restart({ ...rest, scheduler: null });
  } else if (baseline.status !== 'idle') {
    baseline.cancel();
    baseline.clear();
    baseline.emit('reset');
  }
}
