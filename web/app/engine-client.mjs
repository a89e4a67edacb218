// Page-side handle on the engine worker (engine-worker.mjs): promise-based schedule/trace calls
// and streamed training runs per channel. Messages of a superseded run are dropped here, so a
// widget only ever sees the events of its latest request.
let nextRequest = 1;

/**
 * Starts the engine worker from `url`. A Worker script must be same-origin, so a module served
 * from another origin (the <lr-lab> element on someone's blog) is started through a same-origin
 * Blob URL that imports it; the import itself is a CORS fetch.
 */
function startWorker(url) {
  if (url.origin === location.origin) return new Worker(url, { type: 'module' });
  const source = `import ${JSON.stringify(url.href)};`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(blobUrl, { type: 'module' });
}

/**
 * The worker a lesson page started from <head> (engine-boot.js), if it runs `url`; taken once.
 * @returns {{worker: Worker, adopt: () => Event[]} | null}
 */
function earlyWorker(url) {
  const key = Symbol.for('lrlab.earlyWorker');
  const early = /** @type {any} */ (globalThis)[key];
  if (!early) return null;
  delete (/** @type {any} */ (globalThis)[key]);
  if (early.url === url.href) return early;
  early.worker.terminate(); // another engine worker was asked for: this one would idle
  return null;
}

export class EngineClient {
  /** workerUrl: engine-worker.mjs (the <lr-lab> bundle passes its own copy). */
  constructor(workerUrl = new URL('./engine-worker.mjs', import.meta.url)) {
    this.workerUrl = new URL(workerUrl, location.href);
    this.calls = new Map(); // id -> {resolve, reject}
    this.runs = new Map(); // channel -> {id, handlers}
    this.version = null;
    this.inPage = false; // true when the engine runs on the page's thread (no worker allowed)
    this.warmupAsked = false;
    this.unanswered = []; // messages sent before the engine said "ready", re-sent on fallback
    this.readyPromise = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    /** @type {string | null} why the engine could not load, once known */
    this.failure = null;
    this.readyPromise.catch((err) => {
      this.failure = err?.message || String(err);
    });
    /** @type {Worker | MessagePort | null} the engine worker, or a channel to the engine in the page */
    this.worker = null;
    const early = earlyWorker(this.workerUrl);
    let worker = early?.worker;
    if (!worker) {
      performance.mark?.('lrlab:worker-start');
      try {
        worker = startWorker(this.workerUrl);
      } catch {
        this.runInPage();
        return;
      }
    }
    this.worker = worker;
    worker.addEventListener('message', (e) => this.onMessage(e.data));
    worker.addEventListener('error', (e) => this.onWorkerError(e));
    for (const e of early?.adopt() ?? []) {
      if (e.type === 'error') this.onWorkerError(e);
      else this.onMessage(/** @type {MessageEvent} */ (e).data);
    }
  }

  /** @param {ErrorEvent | Event} e */
  onWorkerError(e) {
    e.preventDefault();
    // A worker that never started (CSP worker-src, a blocked blob: URL): run the engine here.
    if (this.version === null && !this.inPage) this.runInPage();
    else
      this.readyReject(
        new Error(`The engine worker failed${'message' in e && e.message ? `: ${e.message}` : ''}`),
      );
  }

  /** Fallback: the same engine protocol on a MessageChannel, served by engine-worker.mjs in the page. */
  runInPage() {
    this.inPage = true;
    if (this.worker && 'terminate' in this.worker) this.worker.terminate();
    const { port1, port2 } = new MessageChannel();
    this.worker = port1;
    port1.addEventListener('message', (e) => this.onMessage(e.data));
    port1.start();
    import(this.workerUrl.href).then(
      (m) => m.serveEngine(port2),
      (err) => this.readyReject(new Error(`The training engine could not be loaded: ${err.message}`)),
    );
    for (const msg of this.unanswered) port1.postMessage(msg);
  }

  send(msg) {
    if (this.version === null) this.unanswered.push(msg);
    this.worker.postMessage(msg);
  }

  ready() {
    return this.readyPromise;
  }

  onMessage(msg) {
    if (msg.type === 'ready') {
      performance.mark?.('lrlab:engine-ready');
      this.version = msg.version;
      this.unanswered = [];
      this.readyResolve(msg.version);
      return;
    }
    if (msg.type === 'fatal') {
      this.readyReject(new Error(msg.message));
      return;
    }
    if (msg.type === 'schedule-result' || msg.type === 'trace-result' || msg.type === 'csv-result') {
      const call = this.calls.get(msg.id);
      this.calls.delete(msg.id);
      if (call) call.resolve(msg.type === 'trace-result' ? msg.trace : msg.result);
      return;
    }
    if (msg.type === 'schedule-error' || msg.type === 'trace-error' || msg.type === 'csv-error') {
      const call = this.calls.get(msg.id);
      this.calls.delete(msg.id);
      // a CSV refused for its label column says what it has (found: columns, header, …)
      if (call) call.reject(Object.assign(new Error(msg.message), { found: msg.found ?? null }));
      return;
    }
    const run = this.runs.get(msg.channel);
    if (!run || run.id !== msg.id) return; // a superseded run
    if (msg.type === 'done') recordTraining(run, msg);
    const fn = run.handlers[msg.type];
    if (fn) fn(msg);
  }

  call(type, payload) {
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.send({ type, id, ...payload });
    });
  }

  /**
   * Starts the worker's warm-up (engine-warmup.mjs): it trains `spec` (the page's own run, if
   * given) and the course's default runs whenever it has nothing else to do.
   */
  warmup(spec = null) {
    if (this.warmupAsked) return; // once per worker: every <lr-lab> of a page asks
    this.warmupAsked = true;
    this.send({ type: 'warmup', spec });
  }

  /** engine.schedule(spec) in the worker. */
  schedule(spec) {
    return this.call('schedule', { spec });
  }

  /**
   * Reads a learner's CSV in the worker (parseCsv) and keeps its rows for the runs that name it:
   * resolves with {rows, feature_names, class_names, class_counts, delimiter, header, columns,
   * label_index, classes_declared}; rejects with the reader's error (line and column), with
   * `found` ({columns, header, delimiter, label_index}) when only the label column is at fault.
   * options: {label_column, delimiter, header} as in the run-spec's data (docs/run-spec.md 5).
   */
  readCsv(text, options = {}) {
    return this.call('csv', { text, options });
  }

  /** Prediction trace of sample `index` of `split` for the finished run on `channel`. */
  trace(channel, index, split) {
    return this.call('trace', { channel, index, split });
  }

  /**
   * Trains `spec` on `channel`, replacing any run there. handlers: started, planned, epoch, paused,
   * resumed, done, cancelled, error (each gets the worker message). paused: null, or {budget} to
   * start paused with `budget` epochs to step.
   */
  train(channel, spec, handlers, paused = null) {
    const id = nextRequest++;
    this.runs.set(channel, { id, handlers, channel, sentAt: performance.now() });
    this.send({ type: 'train', channel, id, spec, paused });
    return id;
  }

  cancel(channel) {
    this.send({ type: 'cancel', channel });
  }
  pause(channel) {
    this.send({ type: 'pause', channel });
  }
  resume(channel) {
    this.send({ type: 'resume', channel });
  }
  step(channel) {
    this.send({ type: 'step', channel });
  }
}

// Each finished run leaves a User Timing entry "lrlab:training" spanning request to result, whose
// detail says how long the engine itself worked on it (busyMs): scripts/bench-browser.mjs reads
// the page's first one ("first training after page load").
function recordTraining(run, msg) {
  if (typeof msg.busyMs !== 'number') return;
  try {
    performance.measure('lrlab:training', {
      start: run.sentAt,
      end: performance.now(),
      detail: { channel: run.channel, busyMs: msg.busyMs },
    });
  } catch {
    /* User Timing Level 3 missing: nothing to record */
  }
}

let shared = null;
/** One engine per page: the first caller may say where the worker script is. */
export const engineClient = (workerUrl) => (shared ||= new EngineClient(workerUrl));
