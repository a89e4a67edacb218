// Page-side handle on the engine worker (engine-worker.mjs): promise-based schedule/trace calls
// and streamed training runs per channel. Messages of a superseded run are dropped here, so a
// widget only ever sees the events of its latest request.
let nextRequest = 1;

export class EngineClient {
  constructor() {
    this.worker = new Worker(new URL('./engine-worker.mjs', import.meta.url), { type: 'module' });
    this.calls = new Map(); // id -> {resolve, reject}
    this.runs = new Map(); // channel -> {id, handlers}
    this.version = null;
    this.readyPromise = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.readyPromise.catch(() => {});
    this.worker.addEventListener('message', (e) => this.onMessage(e.data));
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.readyReject(new Error(`The engine worker failed to start${e.message ? `: ${e.message}` : ''}`));
    });
  }

  ready() {
    return this.readyPromise;
  }

  onMessage(msg) {
    if (msg.type === 'ready') {
      this.version = msg.version;
      this.readyResolve(msg.version);
      return;
    }
    if (msg.type === 'fatal') {
      this.readyReject(new Error(msg.message));
      return;
    }
    if (msg.type === 'schedule-result' || msg.type === 'trace-result') {
      const call = this.calls.get(msg.id);
      this.calls.delete(msg.id);
      if (call) call.resolve(msg.type === 'trace-result' ? msg.trace : msg.result);
      return;
    }
    if (msg.type === 'schedule-error' || msg.type === 'trace-error') {
      const call = this.calls.get(msg.id);
      this.calls.delete(msg.id);
      if (call) call.reject(new Error(msg.message));
      return;
    }
    const run = this.runs.get(msg.channel);
    if (!run || run.id !== msg.id) return; // a superseded run
    const fn = run.handlers[msg.type];
    if (fn) fn(msg);
  }

  call(type, payload) {
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...payload });
    });
  }

  /** engine.schedule(spec) in the worker. */
  schedule(spec) {
    return this.call('schedule', { spec });
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
    this.runs.set(channel, { id, handlers });
    this.worker.postMessage({ type: 'train', channel, id, spec, paused });
    return id;
  }

  cancel(channel) {
    this.worker.postMessage({ type: 'cancel', channel });
  }
  pause(channel) {
    this.worker.postMessage({ type: 'pause', channel });
  }
  resume(channel) {
    this.worker.postMessage({ type: 'resume', channel });
  }
  step(channel) {
    this.worker.postMessage({ type: 'step', channel });
  }
}

let shared = null;
/** One worker per page. */
export const engineClient = () => (shared ||= new EngineClient());
