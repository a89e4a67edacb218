// Starts a lesson page's engine worker from <head>, before the body is parsed (issue 12, page
// speed). A module worker's start needs the page's main thread once its script has arrived
// (Chromium's DedicatedWorker::ContinueStart runs there), and from the first layout on that thread
// is busy for ~0.4 s: layout, the lesson script, the widgets' mount. Started from the lesson
// script, the worker began only after all of it (trace); started here, it loads and compiles the
// wasm meanwhile, and the run the lesson script asks for is trained while the widgets mount.
// A classic script on purpose: it runs as soon as it arrives, where a module waits for its graph
// and the deferred scripts. engine-client.mjs adopts the worker and what it said before the page
// listened.
(() => {
  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  const url = new URL('engine-worker.mjs', script.src).href;
  let worker;
  try {
    worker = new Worker(url, { type: 'module' });
  } catch {
    return; // engine-client.mjs tries again, and falls back to the engine in the page
  }
  performance.mark?.('lrlab:worker-start');
  /** @type {Event[]} */
  const early = [];
  /** @param {Event} e */
  const keep = (e) => {
    if (e.type === 'error') e.preventDefault(); // replayed to the client, which reports it
    early.push(e);
  };
  worker.addEventListener('message', keep);
  worker.addEventListener('error', keep);
  /** @type {any} */ (globalThis)[Symbol.for('lrlab.earlyWorker')] = {
    url,
    worker,
    /** Stops buffering; returns the events the worker sent so far, in order. */
    adopt() {
      worker.removeEventListener('message', keep);
      worker.removeEventListener('error', keep);
      return early;
    },
  };
})();
