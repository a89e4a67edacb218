// Web Worker that owns the WebAssembly engine, so the page never blocks while a model trains.
// (engine-client.mjs serves the same protocol on a MessageChannel in the page, through
// serveEngine(port), when a host page forbids workers.)
// Runs are keyed by "channel" (one per chart group): a new run on a channel replaces the old one,
// so when a slider moves quickly only the latest value is trained. Between two epochs the worker
// returns to its event loop, which lets cancel / pause / step / resume messages take effect.
//
// Page speed (issue 12): the site and the widget bundle this worker into one file (its helpers
// inlined), so the wasm is fetched and stream-compiled as soon as the worker runs. A lesson page
// starts it from <head> (engine-boot.js) and sends its run before its widgets mount, so the run
// is trained while they do. When the page asks, the worker warms up: it trains the page's run and
// the course's default run a few times whenever it has nothing else to do (engine-warmup.mjs), so
// the hot wasm and JS functions are optimized for the learner's next runs.
import { createEngine, datasetNames } from '../engine/lrlab.mjs';
import {
  csvFacts,
  csvReadDone,
  csvText,
  readCsv,
  readRows,
  withCsvRows,
  withCsvShape,
  withoutCsvText,
} from './csv-rows.mjs';
import { EngineWarmup } from './engine-warmup.mjs';
import { taskScheduler } from './next-task.mjs';
import { hasBatchMarkers, resolveBatches } from './run-spec.mjs';
import { anySchedulerIn, stepsOnMetric } from './scheduler-tree.mjs';

let warmup = null; // an EngineWarmup until it has run its course
let engine = null;
let port = null; // the worker's global scope, or a MessagePort
const jobs = new Map(); // channel -> {id, session, paused, budget, finished}
const pendingTrains = new Map(); // channel -> latest train request not started yet

const post = (msg) => port.postMessage(msg);
const errorText = (err) => err?.message || String(err);

let ready = null;
const load = () =>
  createEngine().then(
    (e) => {
      engine = e;
      post({ type: 'ready', version: e.version });
      schedule();
    },
    (err) => {
      post({ type: 'fatal', message: `The training engine could not be loaded: ${errorText(err)}` });
    },
  );

function dropJob(channel) {
  const job = jobs.get(channel);
  if (!job) return null;
  jobs.delete(channel);
  try {
    job.session.delete();
  } catch {
    /* already freed */
  }
  return job;
}

/** Number of optimizer steps per epoch for this spec's data (needs a session to know n_train). */
function batchesPerEpoch(summary, spec) {
  return Math.ceil(summary.n_train / spec.batch_size);
}

function startTrain({ channel, id, spec, paused = null }) {
  const t0 = performance.now();
  const old = dropJob(channel);
  if (old && !old.finished) post({ type: 'cancelled', channel, id: old.id });
  let resolved = spec;
  try {
    spec = withCsvShape(spec);
    resolved = spec;
    if (hasBatchMarkers(spec.scheduler)) {
      // OneCycleLR / CyclicLR lengths are given in epochs of batches; the batch count depends on
      // the split, which only the engine knows: ask it with a scheduler-free probe session.
      const probeSpec = { ...spec, scheduler: null, epochs: 1 };
      delete probeSpec.scheduler_step;
      delete probeSpec.plateau_metric;
      const probe = engine.trainSession(withCsvRows(probeSpec));
      const nb = batchesPerEpoch(probe.dataSummary(), spec);
      probe.delete();
      resolved = { ...spec, scheduler: resolveBatches(spec.scheduler, nb) };
    }
    const session = engine.trainSession(withCsvRows(resolved));
    const summary = session.dataSummary();
    const nb = batchesPerEpoch(summary, resolved);
    const job = {
      channel,
      id,
      session,
      paused: !!paused,
      budget: paused ? paused.budget : Infinity,
      finished: false,
      epochs: 0,
      total: resolved.epochs,
      busyMs: 0, // the worker's time on this run (session, epochs, result), for the bench
    };
    jobs.set(channel, job);
    const csv = csvText(resolved) ? csvFacts(readRows()) : null;
    post({ type: 'started', channel, id, summary, batchesPerEpoch: nb, spec: withoutCsvText(resolved), csv });
    const planned = plannedSchedule(resolved, nb);
    if (planned) post({ type: 'planned', channel, id, planned });
    if (job.paused && job.budget <= 0) post({ type: 'paused', channel, id });
    job.busyMs += performance.now() - t0;
    schedule();
  } catch (err) {
    post({ type: 'error', channel, id, message: errorText(err) });
  }
}

// The engine's own declarations (engine-facts.mjs reads the same from schedulers.json, which
// the worker does not bundle: 3.4 KB gzip of the widget's first load).
let schedulerTypes = null;
const factsOf = (type) => {
  schedulerTypes ??= new Map(engine.describe().schedulers.map((s) => [s.type, s]));
  return schedulerTypes.get(type);
};

/** The LR the scheduler will produce, before any training, where it does not depend on metrics. */
function plannedSchedule(spec, nb) {
  if (!spec.scheduler || anySchedulerIn(spec.scheduler, factsOf, stepsOnMetric)) return null;
  const perBatch = spec.scheduler_step === 'batch';
  const steps = spec.epochs * (perBatch ? nb : 1);
  try {
    const r = engine.schedule({ optimizer: spec.optimizer, scheduler: spec.scheduler, steps });
    return { perBatch, batchesPerEpoch: nb, lr: r.lr, momentum: r.momentum || null, error: r.error || null };
  } catch (err) {
    return { perBatch, batchesPerEpoch: nb, lr: null, error: { message: errorText(err) } };
  }
}

// A bundled data set is fetched into the engine before the first run that names it;
// runs wait in pendingTrains meanwhile.
const datasetLoads = new Map(); // name -> 'ready' | Promise
function datasetReady(msg) {
  const name = msg.spec?.data?.dataset;
  if (!datasetNames.includes(name) || datasetLoads.get(name) === 'ready') return true;
  if (!datasetLoads.has(name)) {
    const loading = engine.loadDataset(name).then(
      () => {
        datasetLoads.set(name, 'ready');
        schedule();
      },
      (err) => {
        datasetLoads.delete(name);
        for (const waiting of [...pendingTrains.values()]) {
          if (waiting.spec?.data?.dataset !== name) continue;
          pendingTrains.delete(waiting.channel);
          post({ type: 'error', channel: waiting.channel, id: waiting.id, message: errorText(err) });
        }
      },
    );
    datasetLoads.set(name, loading);
  }
  return false;
}

// A run on the learner's CSV waits until the file is read (csv-rows.mjs).
function csvReady(msg) {
  const data = csvText(msg.spec);
  if (!data || csvReadDone(data)) return true;
  readCsv(data).then(schedule, (err) => {
    for (const waiting of [...pendingTrains.values()]) {
      if (csvText(waiting.spec)?.csv !== data.csv) continue;
      pendingTrains.delete(waiting.channel);
      post({ type: 'error', channel: waiting.channel, id: waiting.id, message: errorText(err) });
    }
  });
  return false;
}

// One tick per macrotask (next-task.mjs): a 10-epoch run would otherwise wait ~25 ms between
// its epochs, and messages get their turn between two ticks.
const schedule = taskScheduler(() => tick());

// One epoch of one runnable job per macrotask, round-robin over channels.
let turn = 0;
function tick() {
  // Start only the newest request per channel: older ones queued meanwhile were superseded.
  if (pendingTrains.size) {
    for (const msg of [...pendingTrains.values()]) {
      if (!datasetReady(msg) || !csvReady(msg)) continue;
      pendingTrains.delete(msg.channel);
      startTrain(msg);
    }
  }
  const runnable = [...jobs.values()].filter((j) => !j.finished && (!j.paused || j.budget > 0));
  if (runnable.length === 0) {
    // Idle: one more step of the warm-up, if it has not run its course (the learner's runs
    // always go first: a request arriving meanwhile waits at most one warm-up epoch).
    if (warmup && pendingTrains.size === 0) {
      if (warmup.step()) schedule();
      else warmup = null;
    }
    return;
  }
  const job = runnable[turn++ % runnable.length];
  if (job.paused) job.budget -= 1;
  const t0 = performance.now();
  try {
    const record = job.session.next();
    if (record) {
      job.epochs += 1;
      post({ type: 'epoch', channel: job.channel, id: job.id, record });
    }
    // next() returns null once the run is over (all epochs, or diverged)
    if (!record || job.epochs >= job.total) {
      job.finished = true;
      const result = job.session.result();
      const busyMs = job.busyMs + performance.now() - t0;
      post({ type: 'done', channel: job.channel, id: job.id, result, busyMs });
    } else if (job.paused && job.budget <= 0) {
      post({ type: 'paused', channel: job.channel, id: job.id });
    }
    job.busyMs += performance.now() - t0;
  } catch (err) {
    job.finished = true;
    post({ type: 'error', channel: job.channel, id: job.id, message: errorText(err) });
  }
  schedule();
}

const handlers = {
  train(msg) {
    const superseded = pendingTrains.get(msg.channel);
    if (superseded) post({ type: 'cancelled', channel: msg.channel, id: superseded.id });
    pendingTrains.set(msg.channel, msg);
    schedule();
  },
  cancel({ channel }) {
    const pending = pendingTrains.get(channel);
    if (pending) {
      pendingTrains.delete(channel);
      post({ type: 'cancelled', channel, id: pending.id });
    }
    const job = dropJob(channel);
    if (job && !job.finished) post({ type: 'cancelled', channel, id: job.id });
  },
  pause({ channel }) {
    const pending = pendingTrains.get(channel);
    if (pending) pending.paused = { budget: 0 };
    const job = jobs.get(channel);
    if (job && !job.finished) {
      job.paused = true;
      job.budget = 0;
      post({ type: 'paused', channel, id: job.id });
    }
  },
  resume({ channel }) {
    const pending = pendingTrains.get(channel);
    if (pending) pending.paused = null;
    const job = jobs.get(channel);
    if (job && !job.finished) {
      job.paused = false;
      job.budget = Infinity;
      post({ type: 'resumed', channel, id: job.id });
      schedule();
    }
  },
  step({ channel }) {
    const pending = pendingTrains.get(channel);
    if (pending) pending.paused = { budget: (pending.paused?.budget || 0) + 1 };
    const job = jobs.get(channel);
    if (job && !job.finished) {
      job.paused = true;
      job.budget = 1;
      schedule();
    }
  },
  // The warm-up starts when the page asks: a lesson page once its widgets have mounted (warming
  // while they mount took the second core from the page: its first chart came ~200 ms later,
  // A/B in headless Chromium), the <lr-lab> element at once. `spec`, the page's own run, is
  // warmed every other time; a spec in epochs of batches ($batches) needs the split's batch
  // count: not warmed. Never on a host page's own thread (serveEngine on a MessagePort).
  warmup({ spec }) {
    if (port !== globalThis) return;
    warmup ??= new EngineWarmup(engine);
    // nor a learner's CSV: its run needs the file read first (csvReady)
    if (spec && !hasBatchMarkers(spec.scheduler) && !csvText(spec)) warmup.prefer(spec);
    schedule();
  },
  // What the learner's CSV holds (the playground shows it before a run): counts, names, what
  // was detected; or the reader's error, which names the line and the column.
  async csv({ id, text, options }) {
    try {
      const parsed = await readCsv({ csv: text, ...options });
      post({ type: 'csv-result', id, result: csvFacts(parsed) });
    } catch (err) {
      post({ type: 'csv-error', id, message: errorText(err), found: err?.csv ?? null });
    }
  },
  schedule({ id, spec }) {
    try {
      post({ type: 'schedule-result', id, result: engine.schedule(spec) });
    } catch (err) {
      post({ type: 'schedule-error', id, message: errorText(err) });
    }
  },
  trace({ id, channel, index, split }) {
    const job = jobs.get(channel);
    try {
      if (!job) throw new Error('no trained model on this page yet');
      post({ type: 'trace-result', id, trace: job.session.trace(index, split) });
    } catch (err) {
      post({ type: 'trace-error', id, message: errorText(err) });
    }
  },
};

/** Answers the engine protocol on `target` (once per realm). */
export function serveEngine(target) {
  port = target;
  ready = load();
  port.addEventListener('message', async (event) => {
    await ready;
    if (!engine) return; // the fatal message was already sent
    const msg = event.data;
    const handler = handlers[msg?.type];
    if (handler) handler(msg);
  });
  port.start?.(); // a MessagePort delivers only once started
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) serveEngine(self);
