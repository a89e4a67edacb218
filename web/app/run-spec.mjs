// Turns control values into the engine's training run-spec (docs/run-spec.md 4,
// docs/run-spec.md 1.1/1.2). No numbers are computed here: the engine validates and runs the spec.

import { needsMetric, stepsPerBatch } from './engine-facts.mjs';
import { FIELDS } from './fields.mjs';
import { paramKey, schedulerByType } from './scheduler-catalog.mjs';

// Shapes of the built-in data sets (scikit-learn's copies): the model's first and last layer
// sizes must match them.
export const DATASET_SHAPES = {
  iris: { features: 4, classes: 3 },
  wine: { features: 13, classes: 3 },
  breast_cancer: { features: 30, classes: 2 },
  digits: { features: 64, classes: 10 },
};

/** Value of a field, or the table default when the lesson does not expose it. */
export const fieldValue = (values, key) => (key in values ? values[key] : FIELDS[key].default);

export function schedulerParams(values, type) {
  const s = schedulerByType(type);
  return Object.fromEntries(s.params.map((p) => [p.name, fieldValue(values, paramKey(type, p.name))]));
}

/** The scheduler object for a type, or null; throws Error for malformed custom JSON. */
export function buildScheduler(values, type) {
  if (type === 'none' || type === null) return null;
  if (type === 'custom') return JSON.parse(fieldValue(values, 'custom_scheduler'));
  const s = schedulerByType(type);
  return s.build(schedulerParams(values, type), { epochs: fieldValue(values, 'epochs') });
}

/**
 * values: control values; run: the lesson's "run" block ({"scheduler": "StepLR" | "$scheduler" | null, "overrides": {...}}).
 * extra: per-run overrides used by comparisons ({lr, scheduler}).
 * files.csv: the learner's CSV {name, text} for the "csv" data set (learner-csv.mjs): a lesson
 * page passes its own, so no other caller trains a file it was not given.
 */
export function buildTrainSpec(values, run = {}, extra = {}, files = {}) {
  const v = (key) => (key in extra ? extra[key] : fieldValue(values, key));
  const dataset = v('dataset');
  const data = {
    dataset,
    test_fraction: v('test_fraction'),
    ...(v('validation_fraction') > 0 ? { validation_fraction: v('validation_fraction') } : {}),
    stratify: true,
    standardize: true,
    seed: v('data_seed'),
  };
  let features;
  let classes;
  if (dataset === 'synthetic') {
    Object.assign(data, {
      n_samples: v('n_samples'),
      n_features: v('n_features'),
      n_informative: v('n_informative'), // more than n_features is refused, naming the field (as sklearn)
      n_classes: v('n_classes'),
      n_clusters_per_class: v('n_clusters_per_class'),
      class_sep: v('class_sep'),
      flip_y: v('flip_y'),
    });
    features = v('n_features');
    classes = v('n_classes');
  } else if (dataset === 'csv') {
    // The learner's file as text (docs/run-spec.md 5); the worker reads it once and puts its
    // feature and class counts where the markers are.
    const file = files.csv;
    if (!file)
      throw new Error(
        'dataset csv: no CSV file in this browser tab yet; choose one under "Your CSV" (in the Story and Experiment modes)',
      );
    const label = csvLabelColumn(v('label_column'));
    const header = { yes: true, no: false }[v('csv_header')];
    const ignored = [...new Set(v('csv_ignore'))].sort((a, b) => a - b).map((n) => n - 1);
    Object.assign(data, {
      csv: file.text,
      ...(label === null ? {} : { label_column: label }),
      ...(ignored.length ? { ignore_columns: ignored } : {}),
      ...(header === undefined ? {} : { header }),
    });
    features = '$features';
    classes = '$classes';
  } else ({ features, classes } = DATASET_SHAPES[dataset]);

  const type = v('optimizer');
  const optimizer = { type, lr: v('lr') };
  if (type === 'SGD' || type === 'RMSprop') optimizer.momentum = v('momentum');
  if (v('weight_decay') !== 0 || type === 'AdamW') optimizer.weight_decay = v('weight_decay');

  let schedType = run.scheduler === undefined ? null : run.scheduler;
  if (schedType === '$scheduler') schedType = v('scheduler');
  if ('scheduler' in extra) schedType = extra.scheduler;
  const scheduler = buildScheduler({ ...values, ...extra }, schedType);
  let step = v('scheduler_step');
  if (step === 'auto') step = stepsPerBatch(scheduler) ? 'batch' : 'epoch';

  const spec = {
    data,
    model: { sizes: [features, ...v('hidden'), classes], seed: v('model_seed') },
    optimizer,
    scheduler,
    epochs: v('epochs'),
    batch_size: v('batch_size'),
    shuffle: v('shuffle'),
    shuffle_seed: v('shuffle_seed'),
  };
  if (scheduler) spec.scheduler_step = step;
  if (needsMetric(scheduler)) spec.plateau_metric = v('plateau_metric');
  return spec;
}

/** The label_column field as the run-spec's: a name, "#3" -> index 2, empty -> null (automatic). */
export function csvLabelColumn(value) {
  if (value === '') return null;
  const m = /^#(\d{1,4})$/.exec(value);
  return m && Number(m[1]) >= 1 ? Number(m[1]) - 1 : value;
}

/** Replaces {"$batches": k} markers by k * batchesPerEpoch (rounded, at least 1). */
export function resolveBatches(value, batchesPerEpoch) {
  if (Array.isArray(value)) return value.map((x) => resolveBatches(x, batchesPerEpoch));
  if (value && typeof value === 'object') {
    if ('$batches' in value) return Math.max(1, Math.round(value.$batches * batchesPerEpoch));
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, resolveBatches(x, batchesPerEpoch)]));
  }
  return value;
}

export const hasBatchMarkers = (value) => JSON.stringify(value ?? null).includes('"$batches"');
