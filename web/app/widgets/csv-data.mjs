// The learner's own CSV for the "csv" data set: choose a file or paste text, pick the label
// column, and see what the engine's reader found (rows, features, classes, delimiter, header) or
// why it refused the file, by line and column. The worker reads it (wasm/js/csv.mjs through
// engine-client readCsv); learner-csv.mjs keeps it for this tab. A refused file leaves the one
// in use (and the learner's run) as it was.
import { h, nextId } from '../element.mjs';
import { learnerCsv, learnerCsvKept, setLearnerCsv } from '../learner-csv.mjs';
import { csvLabelColumn } from '../run-spec.mjs';

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const LAST = '';
const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);
const list = (names, max = 6) =>
  names.length > max ? `${names.slice(0, max).join(', ')}, … (${names.length - max} more)` : names.join(', ');

export function mount(el, { state, client }) {
  const fileId = nextId('csv-file');
  const textId = nextId('csv-text');
  const labelId = nextId('csv-label');
  const file = h('input', {
    id: fileId,
    type: 'file',
    accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain',
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
    onclick: () => use('pasted.csv', text.value),
  });
  const label = h('select', {
    id: labelId,
    onchange: () => state.set('label_column', label.value),
  });
  const summary = h('p', { class: 'csv-summary', role: 'status' });
  const problem = h('p', { class: 'field-error', role: 'alert' });
  el.append(
    h(
      'div',
      { class: 'controls csv-data' },
      h(
        'p',
        { class: 'muted' },
        `One sample per row: numeric features and one label column (the one holding text, else the last, unless you choose another). A header line, ',' ';' or tab between fields, and "quoted" fields are read as a spreadsheet writes them. The file stays in this browser tab: it is not uploaded and not put in the address. Choosing one switches the data set to csv.`,
      ),
      h(
        'div',
        { class: 'controls-grid' },
        h('div', { class: 'field' }, h('label', { for: fileId, text: 'CSV file' }), file),
        h('div', { class: 'field' }, h('label', { for: labelId, text: 'label column' }), label),
      ),
      h(
        'details',
        {},
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

  async function useFile(f) {
    // the reader refuses a file over its size limit, naming the line where the limit falls
    try {
      await use(f.name, await f.text());
    } catch (err) {
      problem.textContent = `${f.name} could not be read: ${sentence(err.message)}${inUse()}`;
    }
  }

  const inUse = () => (learnerCsv() ? ` Still using ${learnerCsv().name}.` : '');

  // A new file: read it with its own last column as the label (the old label may not exist).
  async function use(name, body) {
    problem.textContent = '';
    summary.textContent = `Reading ${name}…`;
    try {
      const facts = await client.readCsv(body, {});
      const kept = setLearnerCsv(name, body);
      show(name, facts, kept);
      state.update({ dataset: 'csv', label_column: LAST });
      state.touch('dataset'); // the same field values, another file: train again
    } catch (err) {
      problem.textContent = `${name} was not used: ${sentence(err.message)}${inUse()}`;
      file.value = ''; // the box shows the file in use (the summary), not the refused one
      refresh();
    }
  }

  // The label column by header name, or by position ("#3") in a file without a header.
  function show(name, facts, kept = learnerCsvKept()) {
    const names = facts.header ? facts.columns : facts.columns.map((_, i) => `column ${i + 1}`);
    const current = state.get('label_column');
    label.replaceChildren(
      h('option', {
        value: LAST,
        text:
          current === LAST
            ? `automatic: ${names[facts.label_index]}`
            : 'automatic: the text column, else the last',
      }),
      ...names.map((n, i) => h('option', { value: facts.header ? n : `#${i + 1}`, text: n })),
    );
    label.value = [...label.options].some((o) => o.value === current) ? current : LAST;
    const classes = facts.class_names.map((c, k) => `${c} (${facts.class_counts[k]})`);
    summary.textContent =
      `${name}: ${facts.rows} rows, ${facts.feature_names.length} features (${list(facts.feature_names)}), ` +
      `${facts.class_names.length} classes: ${list(classes)}. ` +
      `Read with ${DELIMITER_NAMES[facts.delimiter]}s between fields, ${facts.header ? 'a header line' : 'no header line'}` +
      `${kept ? '.' : '; too large to keep across a reload of the page.'}`;
  }

  let asked = 0;
  async function refresh() {
    const csv = learnerCsv();
    const ask = ++asked;
    if (!csv) {
      label.replaceChildren(h('option', { value: LAST, text: 'automatic: the text column, else the last' }));
      label.disabled = true;
      summary.textContent = '';
      if (state.get('dataset') === 'csv')
        problem.textContent =
          'The data set is csv, but this browser tab has no CSV file yet (a link cannot carry one): choose a file or paste CSV text.';
      return;
    }
    label.disabled = false;
    const column = csvLabelColumn(state.get('label_column'));
    try {
      const facts = await client.readCsv(csv.text, column === null ? {} : { label_column: column });
      if (ask === asked) show(csv.name, facts);
    } catch (err) {
      if (ask !== asked) return;
      problem.textContent =
        column === null
          ? err.message
          : `With ${label.selectedOptions[0]?.textContent ?? column} as the label column: ${err.message}`;
    }
  }
  state.addEventListener('change', (/** @type {import('../lesson-state.mjs').StateChangeEvent} */ e) => {
    if (e.keys.includes('label_column') || e.keys.includes('dataset')) {
      problem.textContent = '';
      refresh();
    }
  });
  refresh();
}
