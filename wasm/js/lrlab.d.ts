// Types of the LR Lab engine's JS API (lrlab.mjs). They compile with lib es2022 alone (no DOM,
// no @types/node); tests/js/record_types.test.mjs checks real engine output against them. Specs are the JSON run-specs of
// docs/run-spec.md: a schedule spec is a case of schedules.json without "expected"; a training
// spec a case of training.json (or the lesson form with a named data set).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Scheduler and optimizer specs are generated at build time from the engine's declarations
// (scripts/engine-types.mjs): a discriminated union on `type` with each class's kwargs.
import type { OptimizerSpec, SchedulerSpec } from './lrlab-specs.js';

export type * from './lrlab-specs.js';

export interface ScheduleSpec {
  optimizer: OptimizerSpec;
  scheduler: SchedulerSpec;
  steps: number;
  /** ReduceLROnPlateau only: one metric per step; NaN/±Infinity allowed. */
  metrics?: Array<number | 'NaN' | 'Infinity' | '-Infinity'>;
  /** CosineAnnealingWarmRestarts only: the argument of each step(epoch) call. */
  step_epochs?: number[];
  [ignored: string]: unknown;
}

export interface SpecWarning {
  /** JSON path of the field, e.g. "scheduler.gamma". */
  path: string;
  message: string;
}

export interface PlateauState {
  best: number | 'Infinity' | '-Infinity' | 'NaN';
  num_bad_epochs: number;
  cooldown_counter: number;
  /** Training records only: how this epoch's step(metric) judged it (docs/run-spec.md 4.1). */
  decision?: PlateauDecision;
}

export interface PlateauDecision {
  /** The metric became `best`. */
  improved: boolean;
  /** The step was in cooldown: its bad epoch was not counted. */
  cooldown: boolean;
  /** num_bad_epochs as compared with patience. */
  bad_count: number;
  /** bad_count > patience: a cut was called (min_lr or eps may leave the LR unchanged). */
  triggered: boolean;
}

/** A scheduler step PyTorch raises on; `batch` is null when it was the per-epoch step. */
export interface TrainError {
  epoch: number;
  batch: number | null;
  type: string;
  message: string;
}

export interface ScheduleResult {
  /** lr[g][i]: group g's LR after i calls of step() (what iteration i trains with). */
  lr: number[][];
  /** Momentum (SGD/RMSprop) or beta1 (Adam/AdamW), when a CyclicLR/OneCycleLR cycles it. */
  momentum?: number[][];
  /** A step() that raised in PyTorch (OneCycleLR past total_steps, step_size 0, ...): the
   * Python exception's type and message, and the index of the step() call. */
  error?: { at_step: number; type: string; message: string };
  /** Values torch runs in a surprising way (a negative gamma, a float where an int is meant). */
  warnings?: SpecWarning[];
  /** ReduceLROnPlateau state before each step (best may be "Infinity"/"-Infinity"/"NaN"). */
  plateau?: PlateauState[];
  /** After ScheduleRun.loadStateDict(state at step k): the arrays start at step k. */
  start_step?: number;
}

export interface TrainSpec {
  data: Record<string, Json>;
  model: { sizes: number[]; seed?: number; init?: Record<string, Json> };
  optimizer: OptimizerSpec;
  scheduler?: SchedulerSpec | null;
  scheduler_step?: 'epoch' | 'batch';
  /** 'before_optimizer' trains the loop bug of calling scheduler.step() before optimizer.step(). */
  scheduler_order?: 'after_optimizer' | 'before_optimizer';
  plateau_metric?: 'train_loss' | 'val_loss' | 'train_accuracy' | 'val_accuracy';
  epochs: number;
  batch_size: number;
  shuffle?: boolean;
  shuffle_seed?: number;
  /**
   * false leaves each epoch record's per-batch arrays (batch_loss, lr_steps, momentum_steps)
   * out, for a caller that reads only epoch values; result() still has them. Default true.
   */
  batch_records?: boolean;
  [ignored: string]: unknown;
}

export interface EpochRecord {
  epoch: number;
  lr: number[];
  momentum?: number[];
  /** null when the epoch stopped early (divergence or a scheduler error). */
  train_loss: number | null;
  train_accuracy: number | null;
  val_loss: number | null;
  val_accuracy: number | null;
  /** The test split, present when a validation split is carved out (then val_* is validation). */
  test_loss?: number | null;
  test_accuracy?: number | null;
  /**
   * null for a batch whose loss was not finite. This, lr_steps and momentum_steps are left
   * out when the spec sets batch_records: false (TrainResult has them).
   */
  batch_loss: Array<number | null>;
  lr_steps: number[][];
  momentum_steps?: number[][];
  plateau?: PlateauState;
  lr_after: number[];
  /** Set on the epoch where the loss or the weights stopped being finite. */
  diverged?: true;
  /** Set on the epoch where a scheduler step raised (see TrainResult.error). */
  error?: TrainError;
}

/** The per-batch arrays of an epoch record, which a spec's batch_records: false leaves out. */
export type BatchArrays = 'batch_loss' | 'lr_steps' | 'momentum_steps';
/** An epoch record of a spec with batch_records: false. */
export type EpochSummary = Omit<EpochRecord, BatchArrays>;
/** An epoch record whose spec's batch_records is only known at run time (a boolean, JSON text). */
export type EpochRecordMaybeBatched = EpochSummary & Partial<Pick<EpochRecord, BatchArrays>>;
/** Options of Engine.train(); R: the epoch record of the spec (see Engine.trainSession). */
export interface TrainOptions<R extends EpochSummary = EpochRecord> {
  onEpoch?: (record: R) => void;
  signal?: AbortSignalLike;
}

/** R: the epoch record of the spec (without the per-batch arrays when batch_records is false). */
export interface TrainResult<R extends EpochSummary = EpochRecord> {
  epochs: R[];
  epoch_loss: Array<number | null>;
  batch_loss: Array<Array<number | null>>;
  lr: number[][];
  momentum?: number[][];
  /** null where a weight is not finite (a diverged model). */
  final: Record<string, Array<number | null> | Array<Array<number | null>>>;
  diverged_at: null | { epoch: number; batch: number; reason: string };
  test_accuracy: number | null;
  /** Where torch runs this spec in a surprising way; absent when there is nothing to say. */
  warnings?: SpecWarning[];
  /**
   * A step PyTorch would raise on stopped the run: the scheduler's (e.g. OneCycleLR past
   * total_steps) or the optimizer's (docs/pytorch-semantics.md 3).
   */
  error?: TrainError;
}

export interface PredictionTrace {
  split: 'train' | 'test';
  index: number;
  input: number[];
  label: number;
  /** null where a value is not finite (a diverged model). */
  layers: Array<{ name: string; pre: Array<number | null>; post: Array<number | null> }>;
  logits: Array<number | null>;
  probabilities: Array<number | null>;
  predicted: number;
}

export interface DataSummary {
  dataset: string;
  n_train: number;
  n_test: number;
  /** Rows carved out of the training rows for validation (data.validation_fraction); 0 when none. */
  n_validation: number;
  n_features: number;
  n_classes: number;
  feature_names: string[];
  class_names: string[];
  head: { x: number[][]; y: number[] };
  class_counts: { train: number[]; test: number[] };
  standardized: boolean;
}

export declare class SpecError extends Error {
  name: 'SpecError';
  /** JSON path of the offending field, e.g. "scheduler.step_size". */
  path: string;
  /**
   * CSV refused for its label column (a wrong guess or choice, not a broken file): what the
   * reader found, so that another column can be chosen.
   */
  csv?: { columns: string[]; header: boolean; delimiter: ',' | ';' | '\t'; label_index: number };
}

export declare class EngineError extends Error {
  name: 'EngineError';
  kind: string;
}

export interface ScheduleRun {
  step(count?: number): { steps_done: number; finished: boolean };
  result(): ScheduleResult;
  stateDict(): Json;
  loadStateDict(state: Json): void;
  delete(): void;
}

/** R: the epoch record of the session's spec (see Engine.trainSession). */
export interface TrainSession<R extends EpochSummary = EpochRecord> {
  readonly data: DataSummary;
  /** Where torch runs this spec in a surprising way (docs/pytorch-semantics.md); may be empty. */
  readonly warnings: SpecWarning[];
  next(): R | null;
  /** Up to maxBatches (>= 1) more batches; the epoch's record when it finished within them. */
  runBatches(maxBatches: number): { record: R | null; done: boolean };
  result(): TrainResult<R>;
  trace(sample: number, split?: 'train' | 'test'): PredictionTrace;
  dataSummary(): DataSummary;
  delete(): void;
}

export interface Engine {
  readonly version: string;
  /** Throws SpecError on an invalid spec. A spec may also be given as JSON text. */
  schedule(spec: ScheduleSpec | string): ScheduleResult;
  scheduleRun(spec: ScheduleSpec | string): ScheduleRun;
  /**
   * The session's epoch records (next(), runBatches()) have their per-batch arrays when the
   * spec's batch_records is true or left out, not when it is false (EpochSummary), and maybe
   * when only known at run time: a spec typed TrainSpec, or JSON text (EpochRecordMaybeBatched).
   * Overloads rather than one generic, so that a misspelt kwarg in an inline spec still fails.
   */
  trainSession(spec: TrainSpec & { batch_records?: true }): TrainSession<EpochRecord>;
  trainSession(spec: TrainSpec & { batch_records: false }): TrainSession<EpochSummary>;
  trainSession(spec: TrainSpec | string): TrainSession<EpochRecordMaybeBatched>;
  /**
   * Rejects with SpecError on an invalid spec, with an AbortError when `signal` aborts. onEpoch
   * receives the records trainSession(spec) would return.
   */
  train(
    spec: TrainSpec & { batch_records?: true },
    options?: TrainOptions<EpochRecord>,
  ): Promise<TrainResult<EpochRecord>>;
  train(
    spec: TrainSpec & { batch_records: false },
    options?: TrainOptions<EpochSummary>,
  ): Promise<TrainResult<EpochSummary>>;
  train(
    spec: TrainSpec | string,
    options?: TrainOptions<EpochRecordMaybeBatched>,
  ): Promise<TrainResult<EpochRecordMaybeBatched>>;
  /**
   * Loads a bundled data set into the engine (once per instance): from `source` (the
   * data/<name>.bin file's bytes or URL) or from beside the module. train() does it itself.
   */
  loadDataset(name: DatasetName, source?: ArrayBuffer | Uint8Array | string | UrlLike): Promise<void>;
  stats(): { openSessions: number; heapBytes: number; heapInUseBytes: number };
  /** Every scheduler's and optimizer's declaration (also the file `lrlab/schedulers.json`). */
  describe(): EngineDescription;
}

/** An AbortSignal (DOM or Node): only what the engine reads. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** One declared constructor parameter (engine.describe()). */
export interface ParamDescription {
  name: string;
  kind: 'integer' | 'number' | 'boolean' | 'enum' | 'expression' | 'list' | 'schedulers';
  doc: string;
  required: boolean;
  /** null (Python None) is accepted. */
  nullable: boolean;
  /** A value, or an array with one per param group. */
  per_group: boolean;
  /** The accepted values in words, as error messages state them. */
  domain: string;
  /** torch's default (absent when required). */
  default?: Json;
  /** Bounds for integer, number and list items; null when unbounded. */
  min?: number | null;
  max?: number | null;
  min_open?: boolean;
  max_open?: boolean;
  /** integer: torch checks isinstance(int) (floats refused). */
  int_checked?: boolean;
  /** integer: a fractional float runs through torch's arithmetic. */
  fractional?: boolean;
  choices?: string[];
  any_string?: boolean;
  any_string_with?: string;
  variable?: string;
  min_items?: number;
  max_items?: number;
}

export interface SchedulerDescription {
  type: SchedulerSpec['type'];
  description: string;
  /** How the course steps it: per epoch, or per batch (CyclicLR, OneCycleLR). */
  step: 'epoch' | 'batch';
  needs_metric: boolean;
  cycles_momentum: boolean;
  holds_children: boolean;
  takes_last_epoch: boolean;
  takes_verbose: boolean;
  takes_step_epochs: boolean;
  params: ParamDescription[];
}

export interface OptimizerDescription {
  type: OptimizerSpec['type'];
  description: string;
  params: ParamDescription[];
}

export interface EngineDescription {
  torch: string;
  schedulers: SchedulerDescription[];
  optimizers: OptimizerDescription[];
}

/** A CSV file read into the engine's data form (docs/run-spec.md 5). */
export interface ParsedCsv {
  x: number[][];
  y: number[];
  feature_names: string[];
  class_names: string[];
  /** Not enumerable: what was detected (spreading the result into a run-spec leaves them out). */
  readonly delimiter: ',' | ';' | '\t';
  readonly header: boolean;
  /** Every column's name, the label's too: the header's; without one x1, x2, … and "label". */
  readonly columns: string[];
  /** Empty columns dropped from the end of every line (a delimiter that ends each line). */
  readonly emptyColumns: number;
  /** The label's 0-based column in the file. */
  readonly labelIndex: number;
  /**
   * The file named its classes in a leading "# classes: a,b,c" line and they apply: the label is
   * the file's own label column (not another one chosen), whose values are class indices.
   */
  readonly classesDeclared: boolean;
}
export interface CsvOptions {
  delimiter?: ',' | ';' | '\t';
  header?: boolean | 'auto';
  /**
   * Column name (needs a header) or 0-based index. Default: the one column that holds text (class
   * names), or the last column when none or several do.
   */
  labelColumn?: string | number | null;
  /** 0-based indices of columns left out (an id, a name): neither features nor the label. */
  ignoreColumns?: number[];
  /** Default 8 MiB. */
  maxBytes?: number;
}
/** Reads a learner's CSV (RFC 4180 quoting, BOM, ',' ';' or tab); SpecError naming line and column. */
export declare function parseCsv(text: string, options?: CsvOptions): Promise<ParsedCsv>;

export type DatasetName = 'iris' | 'wine' | 'breast_cancer' | 'digits';
/** The bundled data sets, loaded on demand (dist/engine/data/<name>.bin). */
export declare const datasetNames: readonly DatasetName[];

/** A URL object or anything with its `href` (the typings need no DOM or Node lib). */
export interface UrlLike {
  readonly href: string;
}

/** Where and how the engine finds its files. Calls with the same wasm source share one instance. */
export interface EngineOptions {
  /** The wasm's bytes (nothing is fetched). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where the wasm is served (default: lrlab_core.wasm beside the module); in Node also a file path. */
  wasmUrl?: string | UrlLike;
  /** Maps one of the engine's file names (e.g. "lrlab_core.wasm") to its URL; defaultUrl is beside the module. */
  locateFile?: (file: string, defaultUrl: string) => string | UrlLike;
  /** Reads an asset instead of fetch() (the Node entry reads file: URLs from disk). */
  readAsset?: (url: UrlLike & { readonly protocol: string }) => Promise<ArrayBuffer | Uint8Array>;
}

export declare function createEngine(options?: EngineOptions): Promise<Engine>;

export declare const version: string;
