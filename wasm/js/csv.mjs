// A learner's CSV -> the engine's data {x, y, feature_names, class_names}. Tokenizing is
// Papa Parse's (RFC 4180 quoting: "" escapes, quoted newlines, CRLF; ',' ';' or tab,
// detected or given); this file adds what makes it a data set: an optional header, a
// label column, numeric features, class indices, limits, and errors that name the line
// and the column. The build bundles it (with Papa Parse) as dist/engine/lrlab-csv.mjs,
// which lrlab.mjs imports only when a run brings CSV text (docs/run-spec.md 5).
import Papa from 'papaparse';

export const CSV_LIMITS = Object.freeze({
  maxBytes: 8 << 20,
  maxRows: 100000,
  maxColumns: 1025,
  maxClasses: 100,
});
const DELIMITERS = [',', ';', '\t'];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const MISSING = /^(|na|n\/a|nan|null|none|\?|-)$/i;
const DECIMAL_COMMA = /^[+-]?\d*,\d+([eE][+-]?\d+)?$/;

/** A CSV problem; `line` and `column` are 1-based (column: the field's position). */
// What parseCsvText reads from its options (maxBytes: the API's limit, for tests).
const OPTIONS = ['delimiter', 'header', 'labelColumn', 'ignoreColumns', 'maxBytes'];

export class CsvError extends Error {
  constructor(message, line = 0, column = 0, field = 'csv') {
    super(line ? `line ${line}${column ? `, column ${column}` : ''}: ${message}` : message);
    this.name = 'CsvError';
    this.line = line;
    this.column = column;
    this.field = field; // the run-spec key at fault: csv, label_column, delimiter
  }
}

const quote = (s) => JSON.stringify(s.length > 30 ? `${s.slice(0, 27)}...` : s);
// number-shaped: 1e999 is one, outside the float32 range (refused below by that name)
const isNumber = (s) => NUMBER.test(s.trim());

// Line number (1-based) of each character offset: the offsets where lines start.
function lineIndex(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function checkSize(text, maxBytes) {
  if (text.length <= maxBytes / 3) return;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return;
  const before = new TextDecoder().decode(bytes.subarray(0, maxBytes));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  throw new CsvError(
    `the text is ${bytes.length} bytes, more than the limit of ${maxBytes} bytes (reached at character ${column})`,
    line,
  );
}

// A feature field as a number's text: where the comma does not separate fields (';' or tab, as
// spreadsheets in many locales write them) it may be a decimal comma (1,5 = 1.5).
const numberText = (field, sep) => {
  const f = field.trim();
  return sep !== ',' && DECIMAL_COMMA.test(f) ? f.replace(',', '.') : f;
};

// What each column holds from row `from` on: 'number' (every field that is not empty is a
// number), 'text' (none is), 'mixed', or 'empty'. An empty field is a missing value, not text.
function columnKinds(rows, from, sep) {
  return rows[0].map((_, c) => {
    let numbers = 0;
    let texts = 0;
    for (let r = from; r < rows.length; r++) {
      const f = c < rows[r].length ? numberText(rows[r][c], sep) : '';
      if (f === '') continue;
      if (isNumber(f)) numbers += 1;
      else texts += 1;
    }
    return numbers && texts ? 'mixed' : numbers ? 'number' : texts ? 'text' : 'empty';
  });
}

// A first row is a header when it has text above a column of numbers: the class names of a
// headerless file (iris.data: 5.1,3.5,1.4,0.2,Iris-setosa) are text in every row. Without a
// column of numbers below it, any text in it makes it a header.
function firstRowIsHeader(rows, sep) {
  const below = rows.length > 1 ? columnKinds(rows, 1, sep) : [];
  // a missing value's marker (NA, ?) in a first data row is no name: its row stays data
  const isText = (f) => !isNumber(numberText(f, sep)) && !MISSING.test(f.trim());
  if (!below.includes('number')) return rows[0].some(isText);
  return rows[0].some((f, c) => below[c] === 'number' && isText(f));
}

/**
 * Parses CSV text into a data set.
 * @param {string} text
 * @param {{delimiter?: ',' | ';' | '\t', header?: boolean | 'auto',
 *          labelColumn?: string | number | null, ignoreColumns?: number[], maxBytes?: number}} [options]
 * @returns {{x: number[][], y: number[], feature_names: string[], class_names: string[],
 *            delimiter: string, header: boolean, columns: string[], empty_columns: number,
 *            label_index: number,
 *            classes_declared: boolean}}
 */
export function parseCsvText(text, options = {}) {
  if (typeof text !== 'string') throw new CsvError(`must be text, got ${typeof text}`);
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key))
      throw new CsvError(`unknown option; the options are ${OPTIONS.join(', ')}`, 0, 0, key);
  }
  const {
    delimiter,
    header = 'auto',
    labelColumn = null,
    ignoreColumns = [],
    maxBytes = CSV_LIMITS.maxBytes,
  } = options;
  if (header !== 'auto' && header !== true && header !== false) {
    throw new CsvError(`must be "auto", true or false, got ${quote(String(header))}`, 0, 0, 'header');
  }
  if (delimiter !== undefined && !DELIMITERS.includes(delimiter)) {
    throw new CsvError(`must be ",", ";" or a tab, got ${quote(String(delimiter))}`, 0, 0, 'delimiter');
  }
  checkSize(text, maxBytes);
  const body0 = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // UTF-8 BOM
  const lineOf = lineIndex(body0);

  // Leading '#' lines are comments; "# classes: a,b,c" names the classes (label = index).
  let declaredClasses = null;
  let offset = 0;
  while (
    offset < body0.length &&
    (body0[offset] === '#' || body0[offset] === '\n' || body0[offset] === '\r')
  ) {
    const end = body0.indexOf('\n', offset);
    const line = body0.slice(offset, end === -1 ? body0.length : end).trim();
    const tag = line.match(/^#\s*classes:\s*(.*)$/);
    if (tag) declaredClasses = tag[1].split(',').map((s) => s.trim());
    offset = end === -1 ? body0.length : end + 1;
  }

  const rows = [];
  const rowLines = [];
  let start = offset;
  let failure = null;
  const parsed = Papa.parse(body0.slice(offset), {
    delimiter: delimiter ?? '',
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: 'greedy',
    step(result, parser) {
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        const at = offset + (quoteError.index ?? result.meta.cursor);
        failure = new CsvError(
          quoteError.code === 'MissingQuotes'
            ? 'a quoted field is never closed (a " without its closing ")'
            : 'text after the closing " of a quoted field (write "" for a quote inside quotes)',
          lineOf(at),
        );
        parser.abort();
        return;
      }
      // The row starts after the line breaks that ended the previous one.
      while (start < body0.length && /\s/.test(body0[start])) start += 1;
      rows.push(result.data);
      rowLines.push(lineOf(start));
      start = offset + result.meta.cursor;
      if (rows.length > CSV_LIMITS.maxRows + 1) {
        failure = new CsvError(`more than ${CSV_LIMITS.maxRows} rows`, rowLines.at(-1));
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  if (rows.length === 0) throw new CsvError('no data: the text has no rows');
  const sep = delimiter ?? parsed.meta.delimiter;

  // Some exports end every line with the delimiter: the empty column(s) it makes are dropped
  // (the PyTorch script drops them too: empty_columns).
  let emptyColumns = 0;
  const width = rows[0].length;
  while (
    width - emptyColumns > 2 &&
    rows.every((r) => r.length === width && r[width - 1 - emptyColumns].trim() === '')
  )
    emptyColumns += 1;
  if (emptyColumns) for (const r of rows) r.length = width - emptyColumns;
  const columns = rows[0].length;
  if (columns < 2) {
    throw new CsvError(
      'need at least 2 columns (features and a label), got 1; delimiters tried: , ; tab',
      rowLines[0],
    );
  }
  if (columns > CSV_LIMITS.maxColumns) {
    throw new CsvError(`${columns} columns, at most ${CSV_LIMITS.maxColumns}`, rowLines[0]);
  }
  const hasHeader = header === 'auto' ? firstRowIsHeader(rows, sep) : !!header;
  // Without a header, column c is "x<c>" (1-based) and the label column "label".
  const names = hasHeader ? rows[0].map((f) => f.trim()) : rows[0].map((_, c) => `x${c + 1}`);

  // No label column given: the last, unless exactly one column holds only text (a file with
  // the class names first, as many data sets have them), which then is the label. A column of
  // numbers with a stray "?" is not that column: its error says where the "?" is.
  const first = hasHeader ? 1 : 0;
  // Columns left out (an id, a name): neither features nor the label.
  if (
    !Array.isArray(ignoreColumns) ||
    ignoreColumns.some((c) => !Number.isInteger(c) || c < 0 || c >= columns)
  ) {
    throw new CsvError(
      `must be a list of column indices in [0, ${columns - 1}], got ${quote(JSON.stringify(ignoreColumns))}`,
      0,
      0,
      'ignore_columns',
    );
  }
  const ignored = new Set(ignoreColumns);
  const kinds = columnKinds(rows, first, sep).map((k, c) => (ignored.has(c) ? 'ignored' : k));
  let autoLabel = kinds.filter((k) => k === 'text').length === 1 ? kinds.indexOf('text') : columns - 1;
  while (autoLabel > 0 && ignored.has(autoLabel)) autoLabel -= 1; // the last column not left out
  let label = autoLabel;
  // A file refused for its label column (a wrong guess, a wrong choice) says what it has, so
  // that another column can be chosen: error.found (wasm/js/lrlab.mjs passes it on).
  const found = { columns: [...names], header: hasHeader, delimiter: sep, label_index: autoLabel };
  const labelError = (message, line = 0, column = 0, field = 'csv') =>
    Object.assign(new CsvError(message, line, column, field), { found });
  if (typeof labelColumn === 'string') {
    label = hasHeader ? names.indexOf(labelColumn) : -1;
    if (label < 0) {
      throw labelError(
        `no column named ${quote(labelColumn)}${hasHeader ? `; the columns are ${names.map(quote).join(', ')}` : ' (the CSV has no header line)'}`,
        0,
        0,
        'label_column',
      );
    }
  } else if (labelColumn !== null && labelColumn !== undefined) {
    if (!Number.isInteger(labelColumn) || labelColumn < 0 || labelColumn >= columns) {
      throw labelError(
        `must be a column name or an index in [0, ${columns - 1}], got ${labelColumn}`,
        0,
        0,
        'label_column',
      );
    }
    label = labelColumn;
  }
  if (ignored.has(label)) {
    throw labelError(
      `the label column ${hasHeader ? quote(names[label]) : label + 1} is one left out (ignore_columns)`,
      0,
      0,
      'label_column',
    );
  }
  if (ignored.size > columns - 2)
    throw labelError(
      `${ignored.size} of ${columns} columns left out: no feature is left`,
      0,
      0,
      'ignore_columns',
    );

  if (!hasHeader) names[label] = 'label';
  // a column in a message: its header name, or its position in a file without a header
  const columnName = (c) => (hasHeader ? quote(names[c]) : String(c + 1));
  if (rows.length === first) throw new CsvError('the CSV has a header but no data rows', rowLines[0]);
  const x = [];
  const rawLabels = [];
  for (let r = first; r < rows.length; r++) {
    const fields = rows[r];
    const line = rowLines[r];
    if (fields.length !== columns) {
      throw new CsvError(`${fields.length} fields, expected ${columns} like line ${rowLines[0]}`, line);
    }
    const features = [];
    for (let c = 0; c < columns; c++) {
      if (ignored.has(c)) continue;
      if (c === label) {
        // a label is a name, kept as written ("0,5" stays "0,5"): the PyTorch script compares it so
        const name = fields[c].trim();
        if (name === '') throw labelError('empty label', line, c + 1);
        rawLabels.push(name);
        continue;
      }
      const f = numberText(fields[c], sep);
      if (!isNumber(f)) {
        // a column of text where a feature should be may be the label (choose it); a stray
        // value in a column of numbers is the file's own problem
        throw (kinds[c] === 'text' ? labelError : (...a) => new CsvError(...a))(
          `${f === '' ? 'empty field' : `${quote(f)} is not a number`} (column ${columnName(c)})`,
          line,
          c + 1,
        );
      } else {
        const v = Number(f);
        if (Math.abs(v) > 3e38)
          throw new CsvError(`${quote(f)} is outside the float32 range (|x| <= 3e38)`, line, c + 1);
        features.push(v);
      }
    }
    x.push(features);
  }

  let classNames;
  let y;
  // "# classes:" describes the file's own label column, not another one chosen instead
  const declared = declaredClasses !== null && label === autoLabel;
  if (declared) {
    classNames = declaredClasses;
    y = rawLabels.map((s, i) => {
      const k = Number(s);
      if (!INTEGER.test(s) || k < 0 || k >= classNames.length) {
        throw labelError(
          `label ${quote(s)} must be a class index in [0, ${classNames.length - 1}] (the file declares its classes)`,
          rowLines[first + i],
          label + 1,
        );
      }
      return k;
    });
  } else {
    const distinct = [...new Set(rawLabels)];
    if (distinct.every((s) => INTEGER.test(s))) distinct.sort((a, b) => Number(a) - Number(b));
    else distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (distinct.length < 2)
      throw labelError(`the label column ${columnName(label)} has a single class; need at least 2`);
    if (distinct.length > CSV_LIMITS.maxClasses) {
      throw labelError(
        `the label column ${columnName(label)} has ${distinct.length} distinct values (at most ${CSV_LIMITS.maxClasses} classes); is it the right column?`,
      );
    }
    const index = new Map(distinct.map((s, k) => [s, k]));
    y = rawLabels.map((s) => index.get(s));
    classNames = distinct;
  }
  return {
    x,
    y,
    feature_names: names.filter((_, c) => c !== label && !ignored.has(c)),
    class_names: classNames,
    delimiter: sep,
    header: hasHeader,
    columns: names,
    empty_columns: emptyColumns,
    label_index: label,
    classes_declared: declared,
  };
}
