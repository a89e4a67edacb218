// The worker's side of the learner's CSV (the playground's "csv" data set): the file arrives as
// text in each run's spec; it is read once with the JS API's parseCsv (Papa Parse,
// docs/run-spec.md 5) and its rows kept for the runs that follow, so a slider move does not
// parse it again. One file at a time: a page has one. engine-worker.mjs gates runs on it.
import { parseCsv } from '../engine/lrlab.mjs';

let csvRead = null; // {key, parsed} | {key, loading: Promise}
const csvOptions = (data) => ({
  labelColumn: data.label_column ?? null,
  ignoreColumns: data.ignore_columns ?? [],
  delimiter: data.delimiter,
  header: data.header ?? 'auto',
});
// What a read depends on, compared field by field (the text by content: each message brings a copy).
const csvKey = (data) => ({ csv: data.csv, ...csvOptions(data) });
const sameCsv = (a, b) =>
  a.csv === b.csv &&
  a.labelColumn === b.labelColumn &&
  a.ignoreColumns.join() === b.ignoreColumns.join() &&
  a.delimiter === b.delimiter &&
  a.header === b.header;
export const csvText = (spec) =>
  spec?.data?.dataset === 'csv' && typeof spec.data.csv === 'string' ? spec.data : null;

export function readCsv(data) {
  const key = csvKey(data);
  if (csvRead && sameCsv(csvRead.key, key)) return csvRead.loading ?? Promise.resolve(csvRead.parsed);
  const loading = parseCsv(data.csv, csvOptions(data)).then((parsed) => {
    if (csvRead?.key === key) csvRead = { key, parsed }; // not another file's read meanwhile
    return parsed;
  });
  csvRead = { key, loading };
  loading.catch(() => {
    if (csvRead?.key === key) csvRead = null;
  });
  return loading;
}

/** The spec with its CSV text replaced by the rows read from it (the engine's inline form). */
export function withCsvRows(spec) {
  const data = csvText(spec);
  if (!data) return spec;
  const { csv, label_column, ignore_columns, delimiter, header, ...rest } = data;
  const { x, y, feature_names, class_names } = csvRead.parsed;
  return { ...spec, data: { ...rest, x, y, feature_names, class_names } };
}

// The playground's model for a CSV is [features, ...hidden, classes], which only the file knows:
// run-spec.mjs writes "$features" and "$classes" there, resolved here once the file is read.
export function withCsvShape(spec) {
  if (!csvText(spec) || !Array.isArray(spec.model?.sizes)) return spec;
  const { feature_names, class_names } = csvRead.parsed;
  const size = (n) => (n === '$features' ? feature_names.length : n === '$classes' ? class_names.length : n);
  return { ...spec, model: { ...spec.model, sizes: spec.model.sizes.map(size) } };
}

/** What a read CSV holds and how it was read (the page's summary, the PyTorch script's reader). */
export function csvFacts(parsed) {
  const counts = parsed.class_names.map(() => 0);
  for (const c of parsed.y) counts[c] += 1;
  return {
    rows: parsed.y.length,
    feature_names: parsed.feature_names,
    class_names: parsed.class_names,
    class_counts: counts,
    delimiter: parsed.delimiter,
    header: parsed.header,
    columns: parsed.columns,
    empty_columns: parsed.emptyColumns,
    label_index: parsed.labelIndex,
    classes_declared: parsed.classesDeclared,
  };
}

// The page keeps the CSV text it sent (TrainingRun.requestedSpec): the echo of the resolved spec
// leaves it out, one copy of the file less per run.
export function withoutCsvText(spec) {
  if (!csvText(spec)) return spec;
  const { csv: _text, ...data } = spec.data;
  return { ...spec, data };
}

/** Whether `data` (a spec's CSV data) has been read already, with the same options. */
export const csvReadDone = (data) => !!csvRead?.parsed && sameCsv(csvRead.key, csvKey(data));

/** The rows of the file read last (once csvReadDone). */
export const readRows = () => csvRead.parsed;
