// LR Lab engine: the JS API over the WebAssembly build (lrlab_core.mjs/.wasm,
// which the build places beside this file). This is the entry for browsers,
// module Workers and bundlers: it never imports a `node:` module. Node takes
// lrlab-node.mjs (package.json "exports" condition `node`), which reads the
// same files from disk. Types: lrlab.d.ts.
//
//   import { createEngine } from 'lrlab';
//   const engine = await createEngine();
//   engine.schedule({optimizer: {type: 'SGD', lr: 0.1},
//                    scheduler: {type: 'StepLR', step_size: 5, gamma: 0.5}, steps: 10}).lr[0]
//   // -> [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05]

// A static import, so bundlers put the glue into the bundle (nothing to copy).
import createLrlabCore from './lrlab_core.mjs';

const MAX_DEPTH = 32;
// Node's globals, which this module uses only when it runs under Node (it never imports them).
const nodeGlobals =
  /** @type {{process?: {versions?: {node?: string}}, setImmediate?: (f: (value?: unknown) => void) => unknown}} */ (
    globalThis
  );
const isNode =
  !!nodeGlobals.process?.versions?.node &&
  typeof globalThis.window === 'undefined' &&
  typeof globalThis.WorkerGlobalScope === 'undefined';

/** An invalid run-spec (or other bad input). `path` names the offending field. */
export class SpecError extends Error {
  constructor(message, path = '') {
    super(message);
    this.name = 'SpecError';
    this.path = path;
    /** @type {object | undefined} a CSV refused for its label column: what it has (lrlab.d.ts) */
    this.csv = undefined;
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
// The minified build renames classes; Node's console and inspect print the constructor's name.
Object.defineProperty(SpecError, 'name', { value: 'SpecError' });
Object.defineProperty(EngineError, 'name', { value: 'EngineError' });

function joinPath(parent, key) {
  return parent ? `${parent}.${key}` : String(key);
}

// JSON cannot carry NaN/Infinity: JSON.stringify would silently turn them into
// null and the engine would report "got null". Catch them here with their path.
// ReduceLROnPlateau metrics legitimately carry them (docs/run-spec.md 2: as strings).
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
      out = Array.from(/** @type {ArrayLike<unknown>} */ (value), (v, i) =>
        walk(v, `${path}[${i}]`, depth + 1),
      );
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
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v);
}

const MAX_INT32 = 2 ** 31 - 1;

// Numeric arguments cross into C++ as int32: embind would turn NaN, 'a' or 2**32 into 0
// and 2**32+3 into 3. Anything that is not an integer in range is refused by name instead.
function checkedInteger(value, name, min, max = MAX_INT32) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SpecError(`${name}: must be an integer in [${min}, ${max}], got ${describe(value)}`, name);
  }
  return value;
}

// The bindings catch every C++ exception and reply with JSON, so nothing else should ever
// come out of a call. If something does (a WebAssembly.Exception, a trap), it still leaves
// the API as an Error subclass with a message.
const guardedCores = new WeakMap(); // one guard per instance, so per-instance caches still hit

// Text and bytes cross into C++ as a malloc'd block, a little-endian 4-byte length then the
// bytes (bindings.cpp bytes_at), written with one TypedArray.set(); the block is freed after
// the call. Text is UTF-8 from the platform's TextEncoder: a lone surrogate becomes U+FFFD, as
// the Encoding Standard converts every JS string.
const utf8 = new TextEncoder();

function toBlock(core, arg, blocks) {
  if (typeof arg !== 'string' && !(arg instanceof Uint8Array)) return arg;
  const bytes = typeof arg === 'string' ? utf8.encode(arg) : arg;
  const block = core._malloc(4 + bytes.length);
  if (!block) throw new EngineError("out of memory: the run needs more than the engine's 1 GiB", 'memory');
  blocks.push(block);
  const heap = core.HEAPU8; // read after malloc: growing the memory replaces the view
  new DataView(heap.buffer, block, 4).setUint32(0, bytes.length, true);
  heap.set(bytes, block + 4);
  return block;
}

function guardCore(core) {
  if (guardedCores.has(core)) return guardedCores.get(core);
  const wrapped = new Map();
  const guarded = new Proxy(core, {
    get(target, name) {
      const value = target[name];
      if (typeof value !== 'function') return value;
      let f = wrapped.get(name);
      if (!f) {
        f = (...args) => {
          const blocks = [];
          try {
            return value.apply(
              target,
              args.map((arg) => toBlock(target, arg, blocks)),
            );
          } catch (e) {
            if (e instanceof SpecError || e instanceof EngineError) throw e;
            const detail = e instanceof Error ? e.message : String(e?.message ?? e);
            throw new EngineError(`internal error in ${String(name)}: ${detail || 'unknown failure'}`);
          } finally {
            // after a trap the instance may refuse this too: the error above is the one to see
            try {
              for (const block of blocks) target._free(block);
            } catch {
              /* the instance is unusable; its memory goes with it */
            }
          }
        };
        wrapped.set(name, f);
      }
      return f;
    },
  });
  guardedCores.set(core, guarded);
  return guarded;
}

// Sessions hold C++ memory behind an integer handle. One the caller drops without
// delete() is closed when it is garbage-collected (delete() stays the prompt way).
const unreleased =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((close) => close()) : null;

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
  ? () => new Promise((resolve) => nodeGlobals.setImmediate(resolve))
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
const CHUNK_MS = 4;

class ScheduleRun {
  #core;
  #handle;
  constructor(core, handle) {
    this.#core = core;
    this.#handle = handle;
    unreleased?.register(this, () => core.scheduleClose(handle), this);
  }
  /** Runs up to `count` more iterations of the docs/run-spec.md 2.1 loop. */
  step(count = 1) {
    checkedInteger(count, 'count', 0);
    const { steps_done, finished } = unwrap(this.#core.scheduleStep(this.#live(), count));
    return { steps_done, finished };
  }
  result() {
    return unwrap(this.#core.scheduleResult(this.#live())).result;
  }
  stateDict() {
    return unwrap(this.#core.scheduleStateDict(this.#live())).state;
  }
  loadStateDict(state) {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new SpecError(`state: must be a JSON object (a stateDict()), got ${describe(state)}`, 'state');
    }
    let text;
    try {
      // non-finite numbers as the engine's own state dicts write them ("Infinity" for a best
      // not seen yet), so a NaN is named as such at its path instead of arriving as null
      text = JSON.stringify(state, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    } catch (e) {
      throw new SpecError(`state: not JSON data: ${e.message}`, 'state');
    }
    unwrap(this.#core.scheduleLoadStateDict(this.#live(), text));
  }
  delete() {
    if (this.#handle) this.#core.scheduleClose(this.#handle);
    unreleased?.unregister(this);
    this.#handle = 0;
  }
  #live() {
    if (!this.#handle) throw new EngineError('this schedule run was deleted', 'closed');
    return this.#handle;
  }
}

// The parts of a TrainResult that the caller already holds (docs/run-spec.md 4.1): the epoch
// records and each epoch's per-batch values (`steps`, as train_steps packs them), which the
// engine leaves out for a caller that kept them: serializing and parsing them twice was a
// fifth of a seed-lesson training (issue 12), and with batch_records false (the records
// without their per-batch arrays, the result with them) a fifth of engine.train(). Keys in
// the engine's order.
function joinRecords(result, epochs, steps) {
  // Plain loops and one merge of two sorted key lists: spread, flatMap and a sort of the
  // entries took 7x as long (40 us of a seed-lesson training).
  const groups = steps[0][1];
  const perGroup = (first) => {
    const arrays = [];
    for (let g = 0; g < groups; g++) {
      const values = [];
      for (const s of steps)
        for (let i = 0, n = s[0], at = 3 + (first + g) * n; i < n; i++) values.push(s[at + i]);
      arrays.push(values);
    }
    return arrays;
  };
  const added = { batch_loss: steps.map((s) => stepArray(s, 0)), epochs, lr: perGroup(1) };
  if (steps[0][2]) added.momentum = perGroup(1 + groups);
  const names = Object.keys(added); // sorted
  const joined = {};
  let i = 0;
  for (const key of Object.keys(result)) {
    for (; i < names.length && names[i] < key; i++) joined[names[i]] = added[names[i]];
    joined[key] = result[key];
  }
  for (; i < names.length; i++) joined[names[i]] = added[names[i]];
  return joined;
}

// The k-th array of an epoch's packed per-batch values (bindings.hpp train_steps).
function stepArray(steps, k) {
  const n = steps[0];
  const values = new Array(n); // filled by a loop: Array.from(steps.subarray(...)) took 5x as long
  for (let i = 0, at = 3 + k * n; i < n; i++) values[i] = steps[at + i];
  return values;
}

// An epoch record with its per-batch arrays, which the engine leaves out of the record's
// JSON and hands over as doubles (`steps`: bindings.hpp train_steps): formatting and parsing
// them was a sixth of a seed-lesson training (issue 12). Keys in the engine's order (sorted):
// batch_loss first, lr_steps after lr_after, momentum_steps after momentum.
function withSteps(record, steps) {
  const groups = steps[1];
  const perGroup = (first) => {
    const arrays = [];
    for (let g = 0; g < groups; g++) arrays.push(stepArray(steps, first + g));
    return arrays;
  };
  const out = { batch_loss: stepArray(steps, 0) };
  for (const key of Object.keys(record)) {
    out[key] = record[key];
    if (key === 'lr_after') out.lr_steps = perGroup(1);
    else if (key === 'momentum' && steps[2]) out.momentum_steps = perGroup(1 + groups);
  }
  return out;
}

class TrainSession {
  #core;
  #handle;
  #steps; // the records have per-batch arrays (withSteps; spec batch_records)
  #records = []; // each epoch record's reply text and per-batch values, for result() (joinRecords)
  constructor(core, handle, { data, warnings, steps }) {
    this.#core = core;
    this.#handle = handle;
    this.#steps = steps;
    this.data = data;
    /** Where torch runs this spec in a surprising way (also in result().warnings). */
    this.warnings = warnings;
    unreleased?.register(this, () => core.trainClose(handle), this);
  }
  /** Trains one more epoch; returns its record, or null when the run is over. */
  next() {
    return this.#keep(this.#core.trainNext(this.#live())).record;
  }
  /**
   * Trains up to `maxBatches` more batches of the current (or next) epoch. `record` is the
   * epoch's record when the epoch finished within them, else null; `done` when the run is over.
   */
  runBatches(maxBatches) {
    if (!Number.isInteger(maxBatches) || maxBatches < 1 || maxBatches > 2 ** 31 - 1) {
      throw new SpecError(
        `maxBatches: must be an integer in [1, 2147483647], got ${describe(maxBatches)}`,
        'maxBatches',
      );
    }
    const { record, done } = this.#keep(this.#core.trainBatches(this.#live(), maxBatches));
    return { record, done };
  }
  result() {
    const reply = unwrap(this.#core.trainResult(this.#live(), this.#records.length));
    if (!reply.join) return reply.result;
    return joinRecords(
      reply.result,
      this.#records.map(({ text, steps }) => {
        const { record } = JSON.parse(text);
        return this.#steps ? withSteps(record, steps) : record;
      }),
      this.#records.map(({ steps }) => steps),
    );
  }
  trace(sample, split = 'test') {
    checkedInteger(sample, 'sample', 0);
    return unwrap(this.#core.trainTrace(this.#live(), sample, String(split))).trace;
  }
  dataSummary() {
    return this.data;
  }
  delete() {
    if (this.#handle) this.#core.trainClose(this.#handle);
    unreleased?.unregister(this);
    this.#handle = 0;
  }
  #keep(text) {
    const reply = unwrap(text);
    if (!reply.record) return reply;
    // kept for result() even when the records leave them out (batch_records false)
    const at = this.#core.trainSteps(this.#handle);
    if (!at)
      throw new EngineError('internal error: an epoch record without its per-batch values', 'internal');
    const head = new Float64Array(this.#core.HEAPU8.buffer, at, 3); // n, groups, momentum
    const size = 3 + head[0] * (1 + head[1] * (1 + head[2]));
    const steps = new Float64Array(this.#core.HEAPU8.buffer, at, size).slice();
    if (this.#steps) reply.record = withSteps(reply.record, steps);
    this.#records.push({ text, steps });
    return reply;
  }
  #live() {
    if (!this.#handle) throw new EngineError('this training session was deleted', 'closed');
    return this.#handle;
  }
}

class Engine {
  #core;
  #options;
  #description = null;
  constructor(core, options) {
    this.#core = guardCore(core);
    this.#options = options;
  }

  get version() {
    return version;
  }

  /**
   * What the engine accepts, as data: every scheduler's and optimizer's declared parameters
   * (kind, default, torch's domain) and how a scheduler is stepped. Also built into
   * dist/engine/schedulers.json.
   */
  describe() {
    this.#description ??= unwrap(this.#core.describe()).description;
    return structuredClone(this.#description);
  }

  /** The learning-rate (and momentum) trajectory of a schedule run-spec (docs/run-spec.md 2). */
  schedule(spec) {
    return unwrap(this.#core.schedule(toSpecText(spec))).result;
  }

  /** A step-by-step schedule run with state_dict()/load_state_dict(). Call delete() when done. */
  scheduleRun(spec) {
    return new ScheduleRun(this.#core, unwrap(this.#core.scheduleOpen(toSpecText(spec))).handle);
  }

  /** An epoch-by-epoch training session. Call delete() when done. */
  trainSession(spec) {
    return this.#open(spec, true);
  }

  // train() shows the session's data summary to no one: opened without it (bindings.hpp).
  #open(spec, withDataSummary) {
    const reply = unwrap(this.#core.trainOpen(toSpecText(withParsedCsv(spec)), withDataSummary));
    return new TrainSession(this.#core, reply.handle, reply);
  }

  /** Trains the whole run, calling onEpoch(record) as each epoch finishes; cancellable by signal. */
  /**
   * @param {object | string} spec
   * @param {{onEpoch?: (record: object) => void, signal?: {aborted: boolean, reason?: unknown}}} [options]
   */
  async train(spec, { onEpoch, signal } = {}) {
    if (signal?.aborted) throw abortError(signal);
    const name = datasetNamed(spec);
    if (name) await this.loadDataset(name);
    if (csvSpec(spec)) await loadCsvReader();
    if (signal?.aborted) throw abortError(signal);
    const session = this.#open(spec, false);
    try {
      // Batches per call, grown or shrunk from the measured time per batch so that one call
      // lasts about CHUNK_MS: an abort is seen within an epoch however long the epoch is.
      let chunk = 1;
      let lastYield = now();
      for (;;) {
        const t0 = now();
        const { record, done } = session.runBatches(chunk);
        const dt = now() - t0;
        chunk = Math.min(
          chunk * 8,
          dt > 0 ? Math.max(1, Math.floor((CHUNK_MS * chunk) / dt)) : chunk * 8,
          2 ** 30,
        );
        if (record && onEpoch) onEpoch(record);
        if (done) break;
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

  /**
   * Loads a bundled data set (one of `datasetNames`) into the engine, once per engine
   * instance: from `source` (the .bin file's bytes or URL) or from data/<name>.bin beside
   * this module. train() does this itself; call it before trainSession().
   */
  loadDataset(name, source) {
    const loaded = loadedDatasets(this.#core);
    if (source === undefined && loaded.has(name)) return loaded.get(name);
    const promise = this.#readDataset(name, source).then((bytes) => {
      unwrap(this.#core.registerDataset(name, bytes));
    });
    loaded.set(name, promise);
    promise.catch(() => loaded.get(name) === promise && loaded.delete(name));
    return promise;
  }

  async #readDataset(name, source) {
    if (typeof name !== 'string' || !Object.hasOwn(DATASET_FILES, name)) {
      throw new SpecError(`name: must be one of ${datasetNames.join(', ')}, got ${describe(name)}`, 'name');
    }
    if (source instanceof ArrayBuffer) return new Uint8Array(source);
    if (ArrayBuffer.isView(source))
      return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    const url =
      source != null
        ? (this.#options.toUrl ?? resolveUrl)(source)
        : assetUrl(this.#options, `data/${name}.bin`, DATASET_FILES[name]);
    const bytes = this.#options.readAsset
      ? await this.#options.readAsset(url)
      : await (await fetchBytes(url)).arrayBuffer();
    return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  }

  /** Open sessions, WASM memory size and the bytes malloc has handed out, for leak checks. */
  stats() {
    return {
      openSessions: this.#core.openSessions(),
      heapBytes: this.#core.HEAPU8.buffer.byteLength,
      heapInUseBytes: this.#core.heapInUse(),
    };
  }
}

// One engine instance per wasm source: a URL (its href) or a caller's bytes.
const coresByUrl = new Map();
const coresByBinary = new WeakMap();
const WASM_FILE = 'lrlab_core.wasm';

// Where an asset of ours lives. The literal `new URL('./lrlab_core.wasm', import.meta.url)`
// is the pattern Vite, webpack and Rollup recognise: they emit the file and rewrite the URL.
function defaultWasmUrl() {
  return new URL('./lrlab_core.wasm', import.meta.url);
}

function resolveUrl(url) {
  if (url instanceof URL) return url;
  return new URL(String(url), globalThis.location?.href ?? import.meta.url);
}

function assetUrl(options, file, defaultUrl) {
  if (typeof options.locateFile === 'function')
    return resolveUrl(options.locateFile(file, defaultUrl().href));
  return defaultUrl();
}

function wasmUrlOf(options) {
  if (options.wasmUrl != null) return resolveUrl(options.wasmUrl);
  return assetUrl(options, WASM_FILE, defaultWasmUrl);
}

// The bundled data sets (docs/run-spec.md, "Data sets"), built from web/data/*.csv by
// scripts/build-datasets.mjs. One literal URL each, so that bundlers emit every file.
const DATASET_FILES = {
  iris: () => new URL('./data/iris.bin', import.meta.url),
  wine: () => new URL('./data/wine.bin', import.meta.url),
  breast_cancer: () => new URL('./data/breast_cancer.bin', import.meta.url),
  digits: () => new URL('./data/digits.bin', import.meta.url),
};
// The learner's CSV is parsed here, not in the engine: lrlab-csv.mjs (wasm/js/csv.mjs with
// Papa Parse, bundled by the build) is imported on first use, so the core stays small.
let csvReader = null;
async function loadCsvReader() {
  csvReader ??= await import('./lrlab-csv.mjs');
  return csvReader;
}

function csvSpecError(e, parent) {
  if (e?.name !== 'CsvError') throw e;
  const path = joinPath(parent, e.field);
  const error = new SpecError(`${path}: ${e.message}`, path);
  // refused for its label column: what the file has, so that another column can be chosen
  if (e.found) error.csv = e.found;
  return error;
}

/**
 * Reads CSV text into the engine's data form {x, y, feature_names, class_names} (and the
 * delimiter and header it found): RFC 4180 quoting, a UTF-8 BOM, ',' ';' or tab, a header
 * line or none. Errors are SpecErrors naming the line and column.
 * @param {string} text
 * @param {{delimiter?: string, header?: boolean|'auto', labelColumn?: string|number|null, ignoreColumns?: number[], maxBytes?: number}} [options]
 * @returns {Promise<import('./lrlab.js').ParsedCsv>}
 */
export async function parseCsv(text, options = {}) {
  const { parseCsvText } = await loadCsvReader();
  let parsed;
  try {
    parsed = parseCsvText(text, options);
  } catch (e) {
    throw csvSpecError(e, '');
  }
  const { x, y, feature_names, class_names, delimiter, header, columns, label_index, classes_declared } =
    parsed;
  const emptyColumns = parsed.empty_columns;
  // What was detected rides along without entering a spread into the run-spec's data (so
  // defineProperties, whose type does not list them).
  return /** @type {import('./lrlab.js').ParsedCsv} */ (
    Object.defineProperties(
      { x, y, feature_names, class_names },
      {
        delimiter: { value: delimiter },
        header: { value: header },
        columns: { value: columns },
        emptyColumns: { value: emptyColumns },
        labelIndex: { value: label_index },
        classesDeclared: { value: classes_declared },
      },
    )
  );
}

// A training spec whose data is CSV text ({"dataset": "csv", "csv": "..."}), as an object.
function csvSpec(spec) {
  let object = spec;
  if (typeof spec === 'string') {
    if (!spec.includes('"csv"')) return null;
    try {
      object = JSON.parse(spec);
    } catch {
      return null;
    }
  }
  const data = object?.data;
  return data?.dataset === 'csv' && typeof data.csv === 'string' ? object : null;
}

// The engine takes parsed rows (docs/run-spec.md 5): CSV text becomes {x, y, names}.
function withParsedCsv(spec) {
  const object = csvSpec(spec);
  if (!object) return spec;
  if (!csvReader) {
    throw new SpecError(
      'data.csv: CSV text needs the CSV reader, loaded by engine.train(); before trainSession(), await parseCsv(text) and pass {dataset: "csv", ...its result}',
      'data.csv',
    );
  }
  const {
    csv,
    label_column: labelColumn = null,
    ignore_columns: ignoreColumns = [],
    delimiter,
    header = 'auto',
    ...rest
  } = object.data;
  let parsed;
  try {
    parsed = csvReader.parseCsvText(csv, { labelColumn, ignoreColumns, delimiter, header });
  } catch (e) {
    throw csvSpecError(e, 'data');
  }
  const { x, y, feature_names, class_names } = parsed;
  return { ...object, data: { ...rest, x, y, feature_names, class_names } };
}

/** The data sets a run-spec may name with "dataset" besides "synthetic" and "csv". */
export const datasetNames = Object.freeze(Object.keys(DATASET_FILES));

// Which data sets each wasm instance holds (name -> Promise of the registration).
const datasetsByCore = new WeakMap();
function loadedDatasets(core) {
  if (!datasetsByCore.has(core)) datasetsByCore.set(core, new Map());
  return datasetsByCore.get(core);
}

// The bundled data set a training spec names, if any (the engine validates the rest).
function datasetNamed(spec) {
  let data;
  try {
    data = (typeof spec === 'string' ? JSON.parse(spec) : spec)?.data;
  } catch {
    return null;
  }
  const name = data?.dataset;
  return typeof name === 'string' && Object.hasOwn(DATASET_FILES, name) ? name : null;
}

// A data: URL (Vite inlines small assets so) is decoded here: fetching it would need
// connect-src data: under a Content-Security-Policy.
function dataUrlResponse(url) {
  const comma = url.href.indexOf(',');
  const meta = url.href.slice(5, comma);
  const payload = decodeURIComponent(url.href.slice(comma + 1));
  const text = meta.endsWith(';base64') ? atob(payload) : payload;
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return {
    ok: true,
    headers: new Map([['content-type', meta.split(';')[0]]]),
    arrayBuffer: async () => bytes.buffer,
  };
}

async function fetchBytes(url) {
  if (url.protocol === 'data:') return dataUrlResponse(url);
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new EngineError(`could not fetch ${url}: ${e.message}`, 'load');
  }
  if (!response.ok) throw new EngineError(`could not fetch ${url}: HTTP ${response.status}`, 'load');
  return response;
}

async function instantiate(source, imports, readAsset) {
  if (source.binary) return WebAssembly.instantiate(source.binary, imports);
  if (readAsset) return WebAssembly.instantiate(await readAsset(source.url), imports);
  const response = await fetchBytes(source.url);
  const streaming =
    typeof WebAssembly.instantiateStreaming === 'function' &&
    typeof Response !== 'undefined' &&
    response instanceof Response &&
    (response.headers.get('content-type') || '').startsWith('application/wasm');
  if (streaming) return WebAssembly.instantiateStreaming(response, imports);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

// The glue's own lookup (import.meta.url of the glue, which a bundler may have moved)
// is bypassed: we locate and instantiate the wasm, the glue only receives the instance.
function loadCore(source, readAsset) {
  let fail;
  const failed = new Promise((_, reject) => {
    fail = reject;
  });
  const core = createLrlabCore({
    locateFile: () => (source.url ? source.url.href : WASM_FILE),
    instantiateWasm(imports, receiveInstance) {
      instantiate(source, imports, readAsset).then(
        ({ instance, module }) => receiveInstance(instance, module),
        (e) =>
          fail(
            e instanceof EngineError ? e : new EngineError(`could not load the engine: ${e.message}`, 'load'),
          ),
      );
      return {};
    },
  });
  return Promise.race([core, failed]);
}

function cached(cache, key, load) {
  let promise = cache.get(key);
  if (!promise) {
    promise = load().catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, promise);
  }
  return promise;
}

/**
 * Loads the engine. Calls with the same wasm source share one instance; each call
 * honours its own options.
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, wasmUrl?: string|URL,
 *          locateFile?: (file: string, defaultUrl: string) => string|URL,
 *          readAsset?: (url: URL) => Promise<ArrayBuffer|Uint8Array>,
 *          toUrl?: (location: string|URL) => URL}} [options]
 *   toUrl: how a loadDataset() source that is not a URL is resolved (lrlab-node.mjs: a file path)
 */
export async function createEngine(options = {}) {
  let core;
  if (options.wasmBinary) {
    const binary = options.wasmBinary;
    core = await cached(coresByBinary, binary, () => loadCore({ binary }, null));
  } else {
    const url = wasmUrlOf(options);
    const readAsset = options.readAsset ?? null;
    core = await cached(coresByUrl, url.href, () => loadCore({ url }, readAsset));
  }
  return new Engine(core, options);
}

export const version = '0.1.0';
