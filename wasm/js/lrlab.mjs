// LR Lab engine: the JS API over the WebAssembly build (lrlab_core.mjs/.wasm,
// which the build places beside this file). Works in Node >= 20, browsers and
// module Workers. Types: lrlab.d.ts.
//
//   import { createEngine } from 'lrlab';
//   const engine = await createEngine();
//   engine.schedule({optimizer: {type: 'SGD', lr: 0.1},
//                    scheduler: {type: 'StepLR', step_size: 5, gamma: 0.5}, steps: 10}).lr[0]
//   // -> [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05]

const MAX_DEPTH = 32;
const isNode =
  typeof process !== 'undefined' &&
  !!process.versions?.node &&
  typeof globalThis.window === 'undefined' &&
  typeof globalThis.WorkerGlobalScope === 'undefined';

/** An invalid run-spec (or other bad input). `path` names the offending field. */
export class SpecError extends Error {
  constructor(message, path = '') {
    super(message);
    this.name = 'SpecError';
    this.path = path;
  }
}

/** A run the engine could not complete (internal error, out of memory). */
export class EngineError extends Error {
  constructor(message, kind = 'internal') {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
  }
}

function joinPath(parent, key) {
  return parent ? `${parent}.${key}` : String(key);
}

// JSON cannot carry NaN/Infinity: JSON.stringify would silently turn them into
// null and the engine would report "got null". Catch them here with their path.
// ReduceLROnPlateau metrics legitimately carry them (SPEC.md 2: as strings).
function toSpecText(spec) {
  if (typeof spec === 'string') return spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new SpecError(`spec: must be a JSON object, got ${describe(spec)}`, 'spec');
  }
  const seen = new Set();
  const walk = (value, path, depth) => {
    if (depth > MAX_DEPTH) throw new SpecError(`${path}: nesting deeper than ${MAX_DEPTH} levels`, path);
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
      if (path.startsWith('metrics[')) return String(value); // "NaN", "Infinity", "-Infinity"
      throw new SpecError(`${path}: must be a finite number, got ${value}`, path);
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value !== 'object') {
      throw new SpecError(`${path}: must be JSON data, got ${typeof value}`, path);
    }
    if (seen.has(value)) throw new SpecError(`${path}: circular reference`, path);
    seen.add(value);
    let out;
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      out = Array.from(value, (v, i) => walk(v, `${path}[${i}]`, depth + 1));
    } else {
      out = {};
      for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) out[k] = walk(v, joinPath(path, k), depth + 1);
      }
    }
    seen.delete(value);
    return out;
  };
  const clean = {};
  for (const [k, v] of Object.entries(spec)) if (v !== undefined) clean[k] = walk(v, k, 1);
  return JSON.stringify(clean);
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v);
}

function unwrap(text) {
  const reply = JSON.parse(text);
  if (reply.ok) return reply;
  const { kind, path, message } = reply.error;
  if (kind === 'spec') throw new SpecError(message, path);
  throw new EngineError(message, kind);
}

function abortError(signal) {
  const reason = signal?.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('The training run was cancelled');
  e.name = 'AbortError';
  return e;
}

// Hand control back to the event loop (so an abort or a worker message can
// arrive) without the ~1 ms clamp of setTimeout.
const yieldToEventLoop = isNode
  ? () => new Promise((resolve) => setImmediate(resolve))
  : () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(null);
      });
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const YIELD_EVERY_MS = 8;

class ScheduleRun {
  #core;
  #handle;
  constructor(core, handle) {
    this.#core = core;
    this.#handle = handle;
  }
  /** Runs up to `count` more iterations of the SPEC.md 2.1 loop. */
  step(count = 1) {
    return unwrap(this.#core.scheduleStep(this.#live(), count));
  }
  result() {
    return unwrap(this.#core.scheduleResult(this.#live())).result;
  }
  stateDict() {
    return unwrap(this.#core.scheduleStateDict(this.#live())).state;
  }
  loadStateDict(state) {
    unwrap(this.#core.scheduleLoadStateDict(this.#live(), JSON.stringify(state)));
  }
  delete() {
    if (this.#handle) this.#core.scheduleClose(this.#handle);
    this.#handle = 0;
  }
  #live() {
    if (!this.#handle) throw new EngineError('this schedule run was deleted', 'closed');
    return this.#handle;
  }
}

class TrainSession {
  #core;
  #handle;
  constructor(core, handle, data) {
    this.#core = core;
    this.#handle = handle;
    this.data = data;
  }
  /** Trains one more epoch; returns its record, or null when the run is over. */
  next() {
    return unwrap(this.#core.trainNext(this.#live())).record;
  }
  result() {
    return unwrap(this.#core.trainResult(this.#live())).result;
  }
  trace(sample, split = 'test') {
    if (!Number.isInteger(sample) || sample < 0) {
      throw new SpecError(`sample: must be an integer >= 0, got ${describe(sample)}`, 'sample');
    }
    return unwrap(this.#core.trainTrace(this.#live(), sample, String(split))).trace;
  }
  dataSummary() {
    return this.data;
  }
  delete() {
    if (this.#handle) this.#core.trainClose(this.#handle);
    this.#handle = 0;
  }
  #live() {
    if (!this.#handle) throw new EngineError('this training session was deleted', 'closed');
    return this.#handle;
  }
}

class Engine {
  #core;
  constructor(core) {
    this.#core = core;
  }

  get version() {
    return version;
  }

  /** The learning-rate (and momentum) trajectory of a schedule run-spec (SPEC.md 2). */
  schedule(spec) {
    return unwrap(this.#core.schedule(toSpecText(spec))).result;
  }

  /** A step-by-step schedule run with state_dict()/load_state_dict(). Call delete() when done. */
  scheduleRun(spec) {
    return new ScheduleRun(this.#core, unwrap(this.#core.scheduleOpen(toSpecText(spec))).handle);
  }

  /** An epoch-by-epoch training session. Call delete() when done. */
  trainSession(spec) {
    const reply = unwrap(this.#core.trainOpen(toSpecText(spec)));
    return new TrainSession(this.#core, reply.handle, reply.data);
  }

  /** Trains the whole run, calling onEpoch(record) as each epoch finishes; cancellable by signal. */
  async train(spec, { onEpoch, signal } = {}) {
    if (signal?.aborted) throw abortError(signal);
    const session = this.trainSession(spec);
    try {
      let lastYield = now();
      for (let record = session.next(); record; record = session.next()) {
        if (onEpoch) onEpoch(record);
        if (now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = now();
        }
        if (signal?.aborted) throw abortError(signal);
      }
      return session.result();
    } finally {
      session.delete();
    }
  }

  /** Open sessions and WASM heap size, for leak checks. */
  stats() {
    return { openSessions: this.#core.openSessions(), heapBytes: this.#core.HEAPU8.buffer.byteLength };
  }
}

let corePromise = null;

async function loadCore(options) {
  const { default: createLrlabCore } = await import(new URL('./lrlab_core.mjs', import.meta.url).href);
  const moduleArgs = {};
  if (options.wasmBinary) {
    moduleArgs.wasmBinary = options.wasmBinary;
  } else if (isNode) {
    // Emscripten 3.1.6's ES6 output cannot fetch a file: URL in node (TOOLCHAIN.md 2).
    const { readFile } = await import('node:fs/promises');
    moduleArgs.wasmBinary = await readFile(new URL('./lrlab_core.wasm', import.meta.url));
  } else if (options.wasmUrl) {
    moduleArgs.locateFile = () => String(options.wasmUrl);
  }
  return createLrlabCore(moduleArgs);
}

/**
 * Loads the engine (once per JS realm; later calls share the instance).
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, wasmUrl?: string|URL}} [options]
 */
export async function createEngine(options = {}) {
  if (!corePromise) {
    corePromise = loadCore(options).catch((e) => {
      corePromise = null;
      throw e;
    });
  }
  return new Engine(await corePromise);
}

export const version = '0.1.0';
