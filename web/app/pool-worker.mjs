// One engine per worker of the WorkerPool (worker-pool.mjs): trains the run-specs it is sent,
// one after another, and answers each with a small summary of the run (the sweep needs three
// numbers per cell, not the records). Messages: {generation, jobs: [{key, spec}]} ->
// {generation, results: [{key, summary | error}]}, one answer per batch of jobs.
// From load on, the worker warms its engine (engine-warmup.mjs): a fresh instance's first
// trainings run 2-25x slower than its hundredth (measured in Chromium: 29, 3.1, 2.0, then 1.2 ms
// per seed-lesson training in batches of 50), and the sweep's grid is a race of thousands of
// them (issue 12). Once jobs come, a warm-up epoch (a fraction of a ms) runs between two
// batches of jobs (about 10 ms each) until the warm-up's count or budget is spent: stopping it
// at the first job left a grid started at once 20 % slower (1.02-1.17 vs 0.91-0.96 s, 32 x 32).
import { createEngine } from '../engine/lrlab.mjs';
import { EngineWarmup } from './engine-warmup.mjs';
import { taskScheduler } from './next-task.mjs';
import { summarize } from './run-summary.mjs';

const WARMUP_TRAININGS = 150; // each about 1-3 ms once loaded
const WARMUP_BUDGET_MS = 3000;

const ready = createEngine();
let warmup = null;

// One warm-up epoch per macrotask (next-task.mjs): a job message waiting in the queue runs
// between two of them.
const warmUp = taskScheduler(() => {
  if (warmup?.step()) warmUp();
  else warmup = null;
});
ready.then(
  (engine) => {
    warmup = new EngineWarmup(engine, { trainings: WARMUP_TRAININGS, budgetMs: WARMUP_BUDGET_MS });
    warmUp();
  },
  () => {}, // answered as each job's error
);

function trainOne(engine, spec) {
  // epoch values only: the records' per-batch arrays were an eighth of each training (Node:
  // 1.23 -> 1.08 ms per seed-lesson training)
  const session = engine.trainSession({ ...spec, batch_records: false });
  try {
    const records = [];
    for (let r = session.next(); r; r = session.next()) records.push(r);
    return summarize(records);
  } finally {
    session.delete();
  }
}

self.addEventListener('message', async ({ data }) => {
  let engine = null;
  let failure = null;
  try {
    engine = await ready;
  } catch (err) {
    failure = `The training engine could not be loaded: ${err?.message || err}`;
  }
  const results = data.jobs.map(({ key, spec }) => {
    if (!engine) return { key, error: failure };
    try {
      return { key, summary: trainOne(engine, spec) };
    } catch (err) {
      return { key, error: err?.message || String(err) };
    }
  });
  self.postMessage({ generation: data.generation, results });
});
