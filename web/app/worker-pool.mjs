// A pool of Web Workers, one engine each (pool-worker.mjs), for many independent trainings:
// as many workers as the machine has cores (navigator.hardwareConcurrency). Plain messages
// only, no SharedArrayBuffer: static hosts cannot send the COOP/COEP headers it needs.
// Jobs go out in small batches, answered by one message each, so results stream back while
// the rest are queued, and a cancelled run stops handing out work (a batch in flight finishes
// in a few tens of milliseconds). One message per job kept the page's thread busy for a tenth
// of a 1,024-cell sweep, on the cores the workers need (issue 12).

const BATCH = 8;

export class WorkerPool {
  constructor(
    size = navigator.hardwareConcurrency || 2,
    url = new URL('./pool-worker.mjs', import.meta.url),
  ) {
    this.size = Math.max(1, Math.min(size, 16));
    this.workers = Array.from({ length: this.size }, () => new Worker(url, { type: 'module' }));
    this.generation = 0;
  }

  /**
   * Trains every {key, spec} of `jobs`, calling onResult({key, summary | error}) as each ends.
   * Resolves when all are done, or at once with `cancelled: true` after signal aborts.
   */
  run(jobs, onResult, signal) {
    const generation = ++this.generation;
    let next = 0;
    let pending = jobs.length;
    return new Promise((resolve) => {
      if (pending === 0) {
        resolve({ cancelled: false });
        return;
      }
      const finish = (cancelled) => {
        for (const w of this.workers) w.onmessage = null;
        signal?.removeEventListener('abort', onAbort);
        resolve({ cancelled });
      };
      const onAbort = () => finish(true);
      signal?.addEventListener('abort', onAbort);
      const feed = (worker) => {
        if (next >= jobs.length) return;
        worker.postMessage({ generation, jobs: jobs.slice(next, next + BATCH) });
        next += BATCH;
      };
      for (const worker of this.workers) {
        worker.onmessage = ({ data }) => {
          // Answers to a run replaced or cancelled since are dropped.
          if (data.generation !== generation || signal?.aborted) return;
          feed(worker);
          for (const result of data.results) onResult(result);
          pending -= data.results.length;
          if (pending === 0) finish(false);
        };
      }
      // two batches in flight per worker (no idle gap between them), dealt round by round so
      // that a small grid still spreads over every worker
      for (let round = 0; round < 2; round++) for (const worker of this.workers) feed(worker);
    });
  }

  terminate() {
    for (const w of this.workers) w.terminate();
  }
}
