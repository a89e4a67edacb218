// One engine per worker of the WorkerPool (worker-pool.mjs): trains the run-specs it is sent,
// one after another, and answers each with a small summary of the run (the sweep needs three
// numbers per cell, not the records). Messages: {generation, jobs: [{key, spec}]} ->
// {generation, key, summary | error} per job, then {generation, idle: true}.
import { createEngine } from '../engine/lrlab.mjs';
import { summarize } from './run-summary.mjs';

const ready = createEngine();

function trainOne(engine, spec) {
  const session = engine.trainSession(spec);
  try {
    const records = [];
    for (let r = session.next(); r; r = session.next()) records.push(r);
    return summarize(records);
  } finally {
    session.delete();
  }
}

self.addEventListener('message', async ({ data }) => {
  const engine = await ready;
  const { generation } = data;
  for (const { key, spec } of data.jobs) {
    try {
      self.postMessage({ generation, key, summary: trainOne(engine, spec) });
    } catch (err) {
      self.postMessage({ generation, key, error: err?.message || String(err) });
    }
  }
  self.postMessage({ generation, idle: true });
});
