// The learner's own CSV for the "csv" data set: choose a file or paste text, pick the label
// column, and see what the engine's reader found (rows, features, classes, delimiter, header) or
// why it refused the file, by line and column. The worker reads it (wasm/js/csv.mjs through
// engine-client readCsv); learner-csv.mjs keeps it for this tab. A refused file leaves the one
// in use (and the learner's run) as it was.
import { h, nextId } from '../element.mjs';
import { learnerCsv, learnerCsvKept, setLearnerCsv } from '../learner-csv.mjs';
import { csvLabelColumn } from '../run-spec.mjs';

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const AUTOMATIC = ''; // the label_column field's "the text column, else the last" (csv.mjs)
const KEPT_TEXT = {
  kept: '.',
  'too-large': '; too large to keep across a reload of the page.',
  'no-storage': '; not kept across a reload (this page may not store data).',
};
const NOT_READ_BYTES = 256 * 2 ** 20;
// The reader's message as the box shows it: the box is about the CSV, so no "csv:" prefix.
const readerText = (err) => sentence(err.message.replace(/^csv: /, ''));
// What to do about a file read with the automatic choices that fails for its columns.
const advice = (err) =>
  /is not a number/.test(err.message)
    ? ' Leave that column out (under "Columns left out"), or choose it as the label column.'
    : /no feature is left/.test(err.message)
      ? ''
      : ' Choose the label column.';
const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);
// a name as the summary lists it: quoted when a comma, quote or line break would blur the list
const quoted = (name) => (/[,"\n\r]|^\s|\s$|^$/.test(name) ? JSON.stringify(name) : name);
const list = (names, max = 6) =>
  names.length > max ? `${names.slice(0, max).join(', ')}, … (${names.length - max} more)` : names.join(', ');

// A file's bytes as text: UTF-8 (a BOM is dropped), as the reader and the PyTorch script expect.
function decode(bytes) {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new Error('it is UTF-16 text; save it as "CSV UTF-8" (comma delimited)');
  // no CSV text holds a zero byte: UTF-16 without its byte-order mark, or not text at all
  if (bytes.subarray(0, 4096).includes(0))
    throw new Error(
      'it holds zero bytes (UTF-16 text, or not text); save it as "CSV UTF-8" (comma delimited)',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('it is not UTF-8 text; save it as "CSV UTF-8" (comma delimited)');
  }
}

export function mount(el, { state, client }) {
  const fileId = nextId('csv-file');
  const textId = nextId('csv-text');
  const labelId = nextId('csv-label');
  const file = h('input', {
    id: fileId,
    type: 'file',
    accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain',
    // emptied as the picker opens: choosing the same file again (edited) reads it again
    onclick: () => {
      file.value = '';
    },
    onchange: () => {
      const f = file.files?.[0];
      if (f) useFile(f);
    },
  });
  const text = h('textarea', {
    id: textId,
    class: 'mono wide',
    rows: 6,
    spellcheck: false,
    placeholder: 'x1,x2,label\n0.5,1.2,a\n…',
  });
  const useText = h('button', {
    type: 'button',
    class: 'small',
    text: 'Use this text',
    onclick: () => use('pasted.csv', text.value, true),
  });
  const label = h('select', {
    id: labelId,
    onchange: () => state.set('label_column', label.value),
  });
  const headerId = nextId('csv-header');
  const header = h(
    'select',
    { id: headerId, onchange: () => state.set('csv_header', header.value) },
    h('option', { value: 'auto', text: 'automatic: text above numbers' }),
    h('option', { value: 'yes', text: 'yes: the first row names the columns' }),
    h('option', { value: 'no', text: 'no: the first row is data' }),
  );
  const inUseNote = h('span', { class: 'field-note muted' });
  // columns left out (an id, a name): a checkbox each, in a fold (a file may have hundreds)
  const ignoreTitle = h('summary');
  const ignoreList = h(
    'fieldset',
    { class: 'csv-ignore' },
    h('legend', { text: 'Leave out (not features, not the label)' }),
  );
  const ignoreBox = h('details', { class: 'csv-ignore-box' }, ignoreTitle, ignoreList);
  // as a set, in order (a hand-edited address may repeat or shuffle them)
  const leftOut = () => [...new Set(state.get('csv_ignore'))].sort((a, b) => a - b);
  const summary = h('p', { class: 'csv-summary', role: 'status' });
  const problem = h('p', { class: 'field-error', role: 'alert' });
  el.append(
    h(
      'div',
      { class: 'controls csv-data' },
      h(
        'p',
        { class: 'muted' },
        `One sample per row: numeric features and one label column (the one holding text, else the last, unless you choose another). A header line, ',' ';' or tab between fields, and "quoted" fields are read as a spreadsheet writes them (UTF-8). The file stays in this browser tab: it is not uploaded and not put in the address. Choosing one switches the data set to csv.`,
      ),
      h(
        'div',
        { class: 'controls-grid' },
        h('div', { class: 'field' }, h('label', { for: fileId, text: 'CSV file' }), file, inUseNote),
        h('div', { class: 'field' }, h('label', { for: labelId, text: 'label column' }), label),
        h('div', { class: 'field' }, h('label', { for: headerId, text: 'header line' }), header),
      ),
      ignoreBox,
      h(
        'details',
        { class: 'csv-paste' },
        h('summary', { text: 'or paste CSV text' }),
        h(
          'div',
          { class: 'field' },
          h('label', { for: textId, text: 'CSV text' }),
          text,
          h('div', {}, useText),
        ),
      ),
      summary,
      problem,
    ),
  );

  const inUse = () => (learnerCsv() ? ` Still using ${fileName(learnerCsv())}.` : '');
  const fileName = (csv) => (csv.pasted ? 'the text pasted earlier' : csv.name);
  let chosen = 0; // the latest file or text chosen: an older one finishing later is dropped

  async function useFile(f) {
    const mine = ++chosen;
    let body;
    try {
      // the reader refuses a file over its size limit, naming the line where the limit falls;
      // one of hundreds of MB is not even read into memory
      if (f.size > NOT_READ_BYTES)
        throw new Error(`it is ${Math.round(f.size / 2 ** 20)} MiB, far more than the reader takes`);
      body = decode(new Uint8Array(await f.arrayBuffer()));
    } catch (err) {
      if (mine !== chosen) return;
      problem.textContent = `${f.name} was not used: ${sentence(err.message)}${inUse()}`;
      file.value = ''; // the input names no refused file; "In use" names the one in use
      return;
    }
    if (mine === chosen) await use(f.name, body, false, mine);
  }

  // A new file: read with the automatic label and header (the old label's column may not exist
  // in it). A file refused only for its label column (the guess is wrong: wine.data has its
  // class first, as numbers) is taken all the same, with its columns on offer: the learner
  // chose it, and picks the label next. A broken file is refused and the one in use stays.
  async function use(name, body, pasted, mine = ++chosen) {
    const before = summary.textContent;
    const shownName = pasted ? 'The pasted text' : name;
    problem.textContent = '';
    summary.textContent = `Reading ${pasted ? 'the pasted text' : name}…`;
    let facts = null;
    let labelProblem = null;
    try {
      facts = await client.readCsv(body, {});
    } catch (err) {
      if (mine !== chosen) return;
      if (!err.found) {
        summary.textContent = before;
        problem.textContent = `${shownName} was not used: ${readerText(err)}${inUse()}`;
        if (!pasted) file.value = ''; // the input names no refused file; "In use" names the one in use
        return;
      }
      labelProblem = err;
    }
    if (mine !== chosen) return;
    setLearnerCsv(name, body, pasted);
    const automatic = { dataset: 'csv', label_column: AUTOMATIC, csv_header: 'auto', csv_ignore: [] };
    const same = Object.entries(automatic).every(([k, v]) => String(state.get(k)) === String(v));
    state.update(automatic);
    if (same) state.touch('dataset'); // the same field values, another file: train again
    ++asked; // the box's own refresh for that change: what follows says it, and better
    if (facts) {
      show(name, facts);
      return;
    }
    summary.textContent = '';
    inUseNote.textContent = `In use: ${name}`;
    fillLabels(labelProblem.found, -1);
    problem.textContent = `${shownName} is in use, but not with the automatic label column (${columnNames(labelProblem.found)[labelProblem.found.label_index]}): ${readerText(labelProblem)}${advice(labelProblem)}`;
    ignoreBox.open ||= /is not a number/.test(labelProblem.message);
  }

  // The label column by position ("#3"): the header's names are text, and may repeat, be empty
  // or hold a line break. A name from the address is shown as chosen when the file has it.
  // selected: the chosen column's index, or -1 for automatic (facts.label_index is its column).
  const columnNames = (facts) =>
    facts.columns.map((n, i, all) => {
      if (!facts.header) return `column ${i + 1}`;
      if (!n) return `(column ${i + 1}, no name)`;
      return all.indexOf(n) !== all.lastIndexOf(n) ? `${n} (column ${i + 1})` : n;
    });
  function fillLabels(facts, selected) {
    const names = columnNames(facts);
    label.replaceChildren(
      h('option', {
        value: AUTOMATIC,
        text:
          selected < 0
            ? `automatic: ${names[facts.label_index]}`
            : 'automatic: the text column, else the last',
      }),
      ...names.map((n, i) => h('option', { value: `#${i + 1}`, text: n })),
    );
    label.value = selected < 0 ? AUTOMATIC : `#${selected + 1}`;
    label.disabled = false;
    const out = new Set(leftOut());
    // the label's own column cannot be left out: the reader would pick another label silently
    const labelAt = selected < 0 ? facts.label_index : selected;
    ignoreTitle.textContent = `Columns left out: ${out.size ? [...out].map((n) => names[n - 1] ?? `column ${n}`).join(', ') : 'none'}`;
    ignoreList.replaceChildren(
      ignoreList.firstChild,
      ...names.map((n, i) => {
        const box = h('input', {
          type: 'checkbox',
          id: nextId('csv-ignore'),
          checked: out.has(i + 1),
          disabled: i === labelAt && !out.has(i + 1),
          onchange: () => {
            const next = new Set(leftOut());
            if (box.checked) next.add(i + 1);
            else next.delete(i + 1);
            state.set(
              'csv_ignore',
              [...next].sort((a, b) => a - b),
            );
          },
        });
        return h('div', {}, box, h('label', { for: box.id, text: i === labelAt ? `${n} (the label)` : n }));
      }),
    );
    ignoreBox.hidden = false;
  }

  function show(name, facts) {
    fillLabels(facts, state.get('label_column') === AUTOMATIC ? -1 : facts.label_index);
    const classes = facts.class_names.map((c, k) => `${quoted(c)} (${facts.class_counts[k]})`);
    // a file without a header: its columns by position, as the select and the checkboxes say
    const features = facts.feature_names.map((n) =>
      facts.header ? quoted(n) : n.replace(/^x(\d+)$/, 'column $1'),
    );
    const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    // labels that are all numbers, some with decimals: a measurement, most likely, not a class
    const decimals =
      facts.class_names.every((c) => /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(c)) &&
      facts.class_names.some((c) => /[.,]\d*[1-9]/.test(c));
    const single = facts.class_names.filter((_, k) => facts.class_counts[k] < 2).map(quoted);
    const dataset = state.get('dataset');
    summary.textContent =
      (dataset === 'csv' ? '' : `Not in use (the data set is ${dataset}): `) +
      `${name}: ${plural(facts.rows, 'row')}, ${plural(features.length, 'feature')} (${list(features)}), ` +
      `${plural(facts.class_names.length, 'class', 'classes')}: ${list(classes)}. ` +
      `Read with ${DELIMITER_NAMES[facts.delimiter]}s between fields, ${facts.header ? 'a header line' : 'no header line'}` +
      KEPT_TEXT[learnerCsvKept()] +
      // a class of one row lands in the training rows or the test rows, never both (sklearn
      // refuses to stratify it; the PyTorch script then splits without stratifying)
      (single.length
        ? ` ${list(single)} ${single.length > 1 ? 'have' : 'has'} a single row: too few to both learn and test a class.`
        : '') +
      (decimals
        ? ` The label column holds decimal numbers (${facts.class_names.length} values): is it the right column?`
        : '');
    inUseNote.textContent = `${dataset === 'csv' ? 'In use' : 'Not in use'}: ${name}`;
  }

  let asked = 0;
  async function refresh() {
    const csv = learnerCsv();
    const ask = ++asked;
    header.value = state.get('csv_header');
    problem.textContent = '';
    if (!csv) {
      label.replaceChildren(
        h('option', { value: AUTOMATIC, text: 'automatic: the text column, else the last' }),
      );
      label.disabled = true;
      ignoreBox.hidden = true;
      summary.textContent = '';
      inUseNote.textContent = '';
      if (state.get('dataset') === 'csv')
        problem.textContent =
          'The data set is csv, but this browser tab has no CSV file yet (a link cannot carry one, and a file too large to keep does not survive a reload): choose a file or paste CSV text.';
      return;
    }
    const column = csvLabelColumn(state.get('label_column'));
    const options = {
      ...(column === null ? {} : { label_column: column }),
      ...(leftOut().length ? { ignore_columns: leftOut().map((n) => n - 1) } : {}),
      ...(state.get('csv_header') === 'auto' ? {} : { header: state.get('csv_header') === 'yes' }),
    };
    try {
      const facts = await client.readCsv(csv.text, options);
      if (ask === asked) show(csv.name, facts);
    } catch (err) {
      // Read with these choices the file fails: say which choices, and why, and keep its
      // columns on offer (err.found: what the reader had found) so that another can be chosen.
      // without err.found (a header choice that breaks the file): the automatic read's columns
      const found = err.found ?? (await client.readCsv(csv.text, {}).catch((e) => e.found ?? null));
      if (ask !== asked) return;
      summary.textContent = '';
      inUseNote.textContent = `In use: ${csv.name}`;
      const index =
        typeof column === 'number' ? column : column === null ? -1 : (found?.columns.indexOf(column) ?? -1);
      if (found) fillLabels(found, index < found.columns.length ? index : -1);
      // a column number the file does not have (a hand-edited address), in the learner's terms
      const count = found?.columns.length ?? 0;
      const missing = [...(index >= count ? [index + 1] : []), ...leftOut().filter((n) => n > count)];
      if (found && missing.length) {
        problem.textContent = `There is no column ${missing.join(' or ')}: ${csv.name} has ${count} columns.`;
        return;
      }
      const choices = [];
      if (column !== null)
        choices.push(
          `${found && index >= 0 && index < count ? columnNames(found)[index] : `"${column}"`} as the label column`,
        );
      if (leftOut().length)
        choices.push(`column${leftOut().length > 1 ? 's' : ''} ${leftOut().join(', ')} left out`);
      if (state.get('csv_header') !== 'auto')
        choices.push(state.get('csv_header') === 'yes' ? 'a header line' : 'no header line');
      problem.textContent =
        `${choices.length ? `With ${choices.join(' and ')}: ` : ''}${readerText(err)}` +
        (err.found && column === null ? advice(err) : '');
    }
  }
  state.addEventListener('change', (/** @type {import('../lesson-state.mjs').StateChangeEvent} */ e) => {
    if (['label_column', 'csv_header', 'csv_ignore', 'dataset'].some((k) => e.keys.includes(k))) refresh();
  });
  refresh();
}
