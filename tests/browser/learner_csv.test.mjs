// The playground's "Your CSV" box (web/app/widgets/csv-data.mjs): the quirks corpus pasted into
// the page gives the reader's result or its error (tests/js/csv-corpus.mjs, the API's own
// corpus); a chosen file trains the same run as the JS API on the same spec, epoch by epoch; a
// refused file leaves the learner's CSV and run as they were; a reload keeps the file; an address
// that asks for dataset=csv in a tab without one says so and the page stays whole.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseLesson } from '../../scripts/lesson-format.mjs';
import { CSV_CORPUS } from '../js/csv-corpus.mjs';
import { launch, openPage, repo, retrainAfter, skipReason, tableRows, waitForRun } from './harness.mjs';

const skip = skipReason() ?? false;
let env;
before(async () => {
  if (!skip) env = await launch();
});
after(async () => env?.close());

const BOX = '[data-widget="csv-data"]';
// How the summary writes a name: quoted (JSON) when a comma, quote or line break would blur a list.
const quoted = (name) => (/[,"\n\r]|^\s|\s$|^$/.test(name) ? JSON.stringify(name) : name);
const summaryOf = (page) => page.textContent(`${BOX} .csv-summary`);
const problemOf = (page) => page.textContent(`${BOX} .field-error`);

// Iris as a spreadsheet in a semicolon locale writes it: a BOM, CRLF, decimal commas, a quoted
// header name with doubled quotes, class names with a quoted line break.
async function quirkyIris() {
  const lines = (await readFile(path.join(repo, 'web/data/iris.csv'), 'utf8')).trim().split('\n');
  const names = lines
    .find((l) => l.startsWith('# classes:'))
    .slice(10)
    .split(',')
    .map((s) => s.trim());
  const [header, ...rows] = lines.filter((l) => !l.startsWith('#')).map((l) => l.split(','));
  const head = ['"sepal ""length"""', ...header.slice(1, -1).map((h) => `"${h}"`), 'species'];
  const body = rows.map((r) => [
    ...r.slice(0, -1).map((v) => v.replace('.', ',')),
    `"Iris\n${names[r.at(-1)]}"`,
  ]);
  return `\ufeff${[head, ...body].map((r) => r.join(';')).join('\r\n')}\r\n`;
}

async function chooseFile(page, name, text) {
  await page.setInputFiles(`${BOX} input[type=file]`, {
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
}

test('a CSV file trains in the playground exactly as the JS API trains the same spec; a reload keeps it', {
  skip,
  timeout: 120000,
}, async () => {
  const text = await quirkyIris();
  const { page, problems } = await openPage(env, 'playground.html?epochs=6');
  assert.equal(await waitForRun(page), 'done');
  assert.equal(await retrainAfter(page, () => chooseFile(page, 'iris; semicolons.csv', text)), 'done');
  assert.equal(new URL(page.url()).searchParams.get('dataset'), 'csv');
  const summary = await summaryOf(page);
  // names with a quote or a line break are quoted as JSON writes them, so the list stays clear
  assert.match(
    summary,
    /^iris; semicolons\.csv: 150 rows, 4 features \("sepal \\"length\\"", sepal width \(cm\),/,
  );
  assert.match(
    summary,
    /3 classes: "Iris\\nsetosa" \(50\), "Iris\\nversicolor" \(50\), "Iris\\nvirginica" \(50\)\./,
  );
  assert.match(summary, /Read with semicolons between fields, a header line\.$/);
  const pageRows = (await tableRows(page)).map((r) => r.cells);

  // The same spec through the JS API in Node: the page's fields, the same file.
  const { createEngine, parseCsv } = await import(path.join(repo, 'dist/engine/lrlab-node.mjs'));
  const { buildTrainSpec } = await import(path.join(repo, 'dist/app/run-spec.mjs'));
  const { lessonDefaults } = await import(path.join(repo, 'dist/app/url-state.mjs'));
  const lesson = parseLesson(await readFile(path.join(repo, 'lessons/07-playground.md'), 'utf8'), '07').meta;
  const values = { ...lessonDefaults(lesson.fields, lesson.field_groups), dataset: 'csv', epochs: 6 };
  const spec = buildTrainSpec(values, lesson.run, {}, { csv: { name: 'iris; semicolons.csv', text } });
  const parsed = await parseCsv(text);
  spec.model.sizes = spec.model.sizes.map((n) =>
    n === '$features' ? parsed.feature_names.length : n === '$classes' ? parsed.class_names.length : n,
  );
  assert.deepEqual(spec.model.sizes, [4, 10, 3]);
  // the worker's path: a session, one epoch per next() (the reader is loaded by parseCsv above)
  const engine = await createEngine();
  const session = engine.trainSession(spec);
  const records = [];
  for (let r = session.next(); r; r = session.next()) records.push(r);
  session.delete();
  const { fmtAcc, fmtLoss } = await import(path.join(repo, 'dist/app/number-format.mjs'));
  assert.equal(pageRows.length, 6);
  records.forEach((e, i) => {
    const [epoch, , trainLoss, trainAcc, testLoss, testAcc] = pageRows[i];
    assert.equal(epoch, String(i));
    assert.equal(trainLoss, fmtLoss(e.train_loss), `epoch ${i} train loss`);
    assert.equal(trainAcc, fmtAcc(e.train_accuracy), `epoch ${i} train accuracy`);
    // without a validation split the held-out (test) rows are the record's val_* (training-run.mjs)
    assert.equal(testLoss, fmtLoss(e.val_loss), `epoch ${i} test loss`);
    assert.equal(testAcc, fmtAcc(e.val_accuracy), `epoch ${i} test accuracy`);
  });
  // the model learned the file's three classes: well above a third
  assert.ok(records.at(-1).val_accuracy > 0.6, `${records.at(-1).val_accuracy}`);

  // A broken file is refused with its line and column; the one in use and its run stay.
  const generation = await page.$eval('[data-widget="run-bar"]', (el) => el.dataset.generation);
  await chooseFile(page, 'broken.csv', 'a,b,label\n1,2,x\n3,4,y\n5,?,x\n');
  await page.waitForFunction((box) => document.querySelector(`${box} .field-error`).textContent !== '', BOX);
  assert.equal(
    await problemOf(page),
    'broken.csv was not used: line 4, column 2: "?" is not a number (column "b"). Still using iris; semicolons.csv.',
  );
  assert.equal(await page.$eval('[data-widget="run-bar"]', (el) => el.dataset.generation), generation);
  assert.equal(await summaryOf(page), summary);
  // Text that is not UTF-8 is refused, not read with garbled names (the script reads UTF-8 too).
  for (const [name, bytes, why] of [
    ['unicode.txt', Buffer.from('\ufeffa\tb\n1\t2\n', 'utf16le'), 'it is UTF-16 text'],
    ['excel-de.csv', Buffer.from('Gr\xf6\xdfe;K\xfcrbis\n1;2\n', 'latin1'), 'it is not UTF-8 text'],
    ['no-bom.txt', Buffer.from('a\tb\n1\t2\n', 'utf16le'), 'it holds zero bytes (UTF-16 text, or not text)'],
  ]) {
    await page.setInputFiles(`${BOX} input[type=file]`, { name, mimeType: 'text/csv', buffer: bytes });
    await page.waitForFunction(
      ([box, n]) => document.querySelector(`${box} .field-error`).textContent.startsWith(n),
      [BOX, name],
    );
    assert.equal(
      await problemOf(page),
      `${name} was not used: ${why}; save it as "CSV UTF-8" (comma delimited). Still using iris; semicolons.csv.`,
    );
  }
  assert.equal(await page.$eval('[data-widget="run-bar"]', (el) => el.dataset.generation), generation);

  // The label column, by position in the address ("#4"). A numeric column as the label leaves
  // the text column among the features: refused, naming the line and column; the columns stay
  // on offer.
  await retrainAfter(page, () =>
    page.selectOption(`${BOX} select[id^="csv-label"]`, { label: 'petal width (cm)' }),
  );
  assert.equal(new URL(page.url()).searchParams.get('label_column'), '#4');
  await page.waitForFunction((box) => document.querySelector(`${box} .field-error`).textContent !== '', BOX);
  assert.equal(
    await problemOf(page),
    'With petal width (cm) as the label column: line 2, column 5: "Iris\\nsetosa" is not a number (column "species").',
  );
  assert.equal(await summaryOf(page), '');
  assert.equal(
    await page.$eval(`${BOX} select[id^="csv-label"]`, (s) => s.selectedOptions[0].textContent),
    'petal width (cm)',
  );
  assert.match(await page.textContent('[data-widget="run-bar"]'), /is not a number \(column "species"\)/);
  await retrainAfter(page, () => page.selectOption(`${BOX} select[id^="csv-label"]`, { label: 'species' }));
  assert.equal(new URL(page.url()).searchParams.get('label_column'), '#5');
  assert.equal(await problemOf(page), '');
  assert.deepEqual(
    (await tableRows(page)).map((r) => r.cells),
    pageRows,
  );
  await retrainAfter(page, () => page.selectOption(`${BOX} select[id^="csv-label"]`, ''));

  // The PyTorch script reads the file by its name, as the reader did.
  const script = await page.textContent('[data-widget="code"] code');
  assert.match(script, /with open\("iris; semicolons\.csv", newline='', encoding='utf-8-sig'\) as f:/);
  assert.match(script, /nn\.Linear\(X\.shape\[1\], 10\), nn\.ReLU\(\), nn\.Linear\(10, len\(classes\)\)/);

  // An embed carries the file in its spec (the element's worker reads it as the page's does).
  await page.click('[data-widget="lr-chart"] .embed-button');
  assert.match(
    await page.textContent('.embed-dialog'),
    /Your CSV file is inside the element snippet \(its spec attribute, \d+ characters\).*No iframe snippet/,
  );
  assert.match(
    await page.inputValue('.embed-dialog textarea'),
    /<lr-lab spec="\{&quot;data&quot;:\{&quot;dataset&quot;:&quot;csv&quot;/,
  );
  assert.equal(await page.$$eval('.embed-dialog textarea', (els) => els.length), 1, 'no iframe snippet');
  await page.click('.embed-dialog .embed-actions button');

  await page.reload();
  assert.equal(await waitForRun(page), 'done');
  assert.equal(await summaryOf(page), summary);
  assert.equal(await page.$eval(`${BOX} input[type=file]`, (f) => f.files.length), 0);
  assert.deepEqual(
    (await tableRows(page)).map((r) => r.cells),
    pageRows,
  );

  // A column name in a hand-written address: one the file lacks is named, the columns stay.
  await page.goto(page.url().replace(/\?.*$/, '?dataset=csv&epochs=6&label_column=nope'));
  assert.equal(await waitForRun(page), 'error');
  await page.waitForFunction((box) => document.querySelector(`${box} .field-error`).textContent !== '', BOX);
  assert.match(
    await problemOf(page),
    /^With "nope" as the label column: label_column: no column named "nope"; the columns are "sepal \\"length\\"", /,
  );
  assert.equal(await page.$$eval(`${BOX} select[id^="csv-label"] option`, (os) => os.length), 6);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file whose label column the page guesses wrong is taken with its columns on offer (UCI wine.data)', {
  skip,
  timeout: 120000,
}, async () => {
  // wine.data: no header, the class (1, 2, 3) first and 13 numeric features: the automatic
  // label is the last column, proline, with more distinct values than a label may have.
  const lines = (await readFile(path.join(repo, 'web/data/wine.csv'), 'utf8')).trim().split('\n');
  const rows = lines
    .filter((l) => !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split(','));
  const text = `${rows.map((r) => [Number(r.at(-1)) + 1, ...r.slice(0, -1)].join(',')).join('\n')}\n`;
  const { page, problems } = await openPage(env, 'playground.html');
  assert.equal(await waitForRun(page), 'done');
  assert.equal(await retrainAfter(page, () => chooseFile(page, 'wine.data', text)), 'error');
  assert.match(
    await problemOf(page),
    /^wine\.data is in use, but not with the automatic label column \(column 14\): the label column 14 has \d+ distinct values \(at most 100 classes\); is it the right column\? Choose the label column\.$/,
  );
  assert.equal(await page.$$eval(`${BOX} select[id^="csv-label"] option`, (os) => os.length), 15);
  assert.equal(
    await retrainAfter(page, () => page.selectOption(`${BOX} select[id^="csv-label"]`, '#1')),
    'done',
  );
  assert.equal(await problemOf(page), '');
  assert.match(
    await summaryOf(page),
    /^wine\.data: 178 rows, 13 features \(column 2, column 3, .*\), 3 classes: 1 \(59\), 2 \(71\), 3 \(48\)\. Read with commas between fields, no header line\./,
  );

  // A header choice that breaks the file, kept across a reload: the choice is named and the
  // columns stay on offer.
  await retrainAfter(page, () => chooseFile(page, 'small.csv', 'a,b,label\n1,2,x\n3,4,y\n1,2,x\n3,4,y\n'));
  await retrainAfter(page, () => page.selectOption(`${BOX} select[id^="csv-header"]`, 'no'));
  for (const reload of [false, true]) {
    if (reload) {
      await page.reload();
      assert.equal(await waitForRun(page), 'error');
    }
    await page.waitForFunction(
      (box) => document.querySelector(`${box} .field-error`).textContent !== '',
      BOX,
    );
    assert.equal(
      await problemOf(page),
      'With no header line: line 1, column 1: "a" is not a number (column 1).',
      `reload ${reload}`,
    );
    assert.deepEqual(
      await page.$$eval(`${BOX} select[id^="csv-label"] option`, (os) => os.map((o) => o.textContent)),
      ['automatic: label', 'a', 'b', 'label'],
    );
    assert.equal(await page.textContent(`${BOX} .field-note`), 'In use: small.csv');
  }

  // A Kaggle-style Id column: a feature unless left out (it would leak the rows' order).
  const kaggle = `Id,SepalLengthCm,PetalLengthCm,Species\n${Array.from(
    { length: 20 },
    (_, i) => `${i + 1},${5 + i / 10},${1 + (i % 4) / 2},${['Iris-setosa', 'Iris-virginica'][i % 2]}`,
  ).join('\n')}\n`;
  assert.equal(await retrainAfter(page, () => chooseFile(page, 'Iris.csv', kaggle)), 'done');
  assert.match(await summaryOf(page), /^Iris\.csv: 20 rows, 3 features \(Id, SepalLengthCm, PetalLengthCm\)/);
  assert.equal(await page.textContent(`${BOX} .csv-ignore-box summary`), 'Columns left out: none');
  await page.click(`${BOX} .csv-ignore-box summary`);
  assert.equal(await retrainAfter(page, () => page.check(`${BOX} .csv-ignore input >> nth=0`)), 'done');
  assert.equal(new URL(page.url()).searchParams.get('csv_ignore'), '1');
  await page.waitForFunction(
    (box) =>
      /^Iris\.csv: 20 rows, 2 features \(SepalLengthCm, PetalLengthCm\)/.test(
        document.querySelector(`${box} .csv-summary`).textContent,
      ),
    BOX,
  );
  assert.equal(await page.textContent(`${BOX} .csv-ignore-box summary`), 'Columns left out: Id');
  assert.match(
    await page.textContent('[data-widget="code"] code'),
    /for j, c in enumerate\(r\) if j not in \(3, 0\)\]/,
  );
  // the label's own column cannot be left out (the reader would pick another label silently)
  assert.deepEqual(
    await page.$$eval(`${BOX} .csv-ignore div`, (ds) =>
      ds.map((d) => [d.textContent, d.querySelector('input').disabled]),
    ),
    [
      ['Id', false],
      ['SepalLengthCm', false],
      ['PetalLengthCm', false],
      ['Species (the label)', true],
    ],
  );
  // a column number the file does not have, from a hand-edited address, in the learner's terms
  await page.goto(page.url().replace(/csv_ignore=1/, 'csv_ignore=9'));
  assert.equal(await waitForRun(page), 'error');
  await page.waitForFunction((box) => document.querySelector(`${box} .field-error`).textContent !== '', BOX);
  assert.equal(await problemOf(page), 'There is no column 9: Iris.csv has 4 columns.');

  // An id column of text beside the class column: the advice is to leave it out, the fold opens.
  const ids = `id,x,kind\n${Array.from({ length: 8 }, (_, i) => `s${i},${i / 2},${'ab'[i % 2]}`).join('\n')}\n`;
  await retrainAfter(page, () => chooseFile(page, 'ids.csv', ids));
  assert.equal(
    await problemOf(page),
    'ids.csv is in use, but not with the automatic label column (kind): line 2, column 1: "s0" is not a number (column "id"). Leave that column out (under "Columns left out"), or choose it as the label column.',
  );
  assert.equal(await page.$eval(`${BOX} .csv-ignore-box`, (d) => d.open), true);
  assert.equal(await retrainAfter(page, () => page.check(`${BOX} .csv-ignore input >> nth=0`)), 'done');
  assert.match(await summaryOf(page), /^ids\.csv: 8 rows, 1 feature \(x\), 2 classes: a \(4\), b \(4\)\./);

  // A last column of measurements taken as the label is questioned.
  const measured = `a,b,hue\n${Array.from({ length: 8 }, (_, i) => `${i},${i % 3},${(0.5 + i / 10).toFixed(2)}`).join('\n')}\n`;
  await retrainAfter(page, () => chooseFile(page, 'measured.csv', measured));
  assert.match(
    await summaryOf(page),
    /The label column holds decimal numbers \(8 values\): is it the right column\?$/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test("the CSV quirks corpus pasted into the playground: the reader's result or its error, by line and column", {
  skip,
  timeout: 120000,
}, async () => {
  const { page, problems } = await openPage(env, 'playground.html');
  assert.equal(await waitForRun(page), 'done');
  await page.click(`${BOX} .csv-paste summary`);
  let checked = 0;
  for (const [name, text, options, expected] of CSV_CORPUS) {
    // the box has no delimiter, header or size option: those entries are the API's alone
    if (Object.keys(options).some((k) => k !== 'labelColumn')) continue;
    // the box offers the file's own columns only (a name it lacks comes from an address: below)
    const header = text.split('\n')[0].split(',');
    if (typeof options.labelColumn === 'string' && !header.includes(options.labelColumn)) continue;
    await page.fill(`${BOX} textarea`, text);
    await page.$$eval(`${BOX} .csv-summary, ${BOX} .field-error`, (els) => {
      for (const el of els) el.textContent = '';
    });
    await page.click(`${BOX} button:text("Use this text")`);
    await page.waitForFunction((box) => {
      const s = document.querySelector(`${box} .csv-summary`).textContent;
      return (s && !s.startsWith('Reading')) || document.querySelector(`${box} .field-error`).textContent;
    }, BOX);
    if (options.labelColumn !== undefined) {
      // the box offers columns by position
      const index =
        typeof options.labelColumn === 'string' ? header.indexOf(options.labelColumn) : options.labelColumn;
      const value = `#${index + 1}`;
      await page.$eval(`${BOX} .csv-summary`, (el) => {
        el.textContent = '';
      });
      await page.selectOption(`${BOX} select[id^="csv-label"]`, value);
      await page.waitForFunction((box) => document.querySelector(`${box} .csv-summary`).textContent, BOX);
    }
    const summary = await summaryOf(page);
    const problem = await problemOf(page);
    if (expected instanceof RegExp) {
      const message = new RegExp(
        expected.source
          .replace(/^\^/, '')
          .replace(/^csv: /, '')
          .replace(/\$$/, ''),
      );
      assert.match(problem, message, name);
      // a broken text is refused; one that fails only for its label column is taken, with its
      // columns on offer to choose another
      assert.match(
        problem,
        /^The pasted text (was not used: |is in use, but not with the automatic label column \(.*\): )/,
        name,
      );
    } else {
      assert.equal(problem, '', name);
      const counts = expected.class_names.map((_, k) => expected.y.filter((c) => c === k).length);
      // a file without a header (its features x1, x2, …) names them by position, as the select does
      const headerless =
        expected.feature_names.every((n) => /^x\d+$/.test(n)) && !text.split('\n')[0].includes('x1');
      const features = expected.feature_names.map((n) =>
        headerless ? n.replace(/^x(\d+)$/, 'column $1') : quoted(n),
      );
      const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
      assert.ok(
        summary.startsWith(
          `pasted.csv: ${plural(expected.y.length, 'row')}, ${plural(features.length, 'feature')} (${features.join(', ')}), ` +
            `${plural(expected.class_names.length, 'class', 'classes')}: ${expected.class_names.map((c, k) => `${quoted(c)} (${counts[k]})`).join(', ')}.`,
        ),
        `${name}: ${summary}`,
      );
    }
    checked += 1;
  }
  assert.ok(checked >= 20, `${checked} corpus entries through the page`);

  // A file without a header: its columns by position, "#1" in the address for the first.
  await page.fill(`${BOX} textarea`, '0,1.5,2\n1,2.5,3\n0,1,4\n1,2,5\n');
  await page.click(`${BOX} button:text("Use this text")`);
  await page.waitForFunction(
    (box) =>
      /^pasted\.csv: 4 rows, 2 features \(column 1, column 2\), 4 classes/.test(
        document.querySelector(`${box} .csv-summary`).textContent,
      ),
    BOX,
  );
  assert.deepEqual(
    await page.$$eval(`${BOX} select[id^="csv-label"] option`, (os) =>
      os.map((o) => [o.value, o.textContent]),
    ),
    [
      ['', 'automatic: column 3'],
      ['#1', 'column 1'],
      ['#2', 'column 2'],
      ['#3', 'column 3'],
    ],
  );
  await page.selectOption(`${BOX} select[id^="csv-label"]`, '#1');
  await page.waitForFunction(
    (box) =>
      /^pasted\.csv: 4 rows, 2 features \(column 2, column 3\), 2 classes: 0 \(2\), 1 \(2\)\./.test(
        document.querySelector(`${box} .csv-summary`).textContent,
      ),
    BOX,
  );
  assert.equal(new URL(page.url()).searchParams.get('label_column'), '#1');
  // four classes of one row each, then two of two: the summary warns while it applies
  assert.doesNotMatch(await summaryOf(page), /single row/);

  // The header line by hand: "yes" names the columns after the first row's fields.
  await retrainAfter(page, () => page.selectOption(`${BOX} select[id^="csv-header"]`, 'yes'));
  assert.equal(new URL(page.url()).searchParams.get('csv_header'), 'yes');
  await page.waitForFunction(
    (box) =>
      /^pasted\.csv: 3 rows, 2 features \(1\.5, 2\)/.test(
        document.querySelector(`${box} .csv-summary`).textContent,
      ),
    BOX,
  );
  assert.match(
    await summaryOf(page),
    /classes: 0 \(1\), 1 \(2\)\. Read with commas between fields, a header line\. 0 has a single row: too few to both learn and test a class\.$/,
  );

  // Another data set: the box says its file is not in use, and its script comment names pasted text.
  await retrainAfter(page, () => page.selectOption('[data-field="dataset"] select', 'iris'));
  await page.waitForFunction(
    (box) =>
      document
        .querySelector(`${box} .csv-summary`)
        .textContent.startsWith('Not in use (the data set is iris): pasted.csv: '),
    BOX,
  );
  await retrainAfter(page, () => page.selectOption('[data-field="dataset"] select', 'csv'));
  await page.goto(page.url().replace('mode=story', '').replace(/\?/, '?mode=code&'));
  assert.equal(await waitForRun(page), 'done');
  assert.match(
    await page.textContent('[data-widget="code"] code'),
    /# pasted\.csv: the CSV text you pasted into LR Lab, saved next to this script\n/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('dataset=csv in a tab without a CSV: the box and the run say what is missing; the page stays whole', {
  skip,
}, async () => {
  const { page, problems } = await openPage(
    env,
    'playground.html?dataset=csv&label_column=%3Cimg%20src%3Dx%3E',
  );
  assert.equal(await waitForRun(page), 'error');
  assert.match(await problemOf(page), /^The data set is csv, but this browser tab has no CSV file yet/);
  assert.match(await page.textContent('[data-widget="run-bar"]'), /no CSV file in this browser tab yet/);
  assert.equal(await page.$$eval('img[src="x"]', (els) => els.length), 0);
  // in every mode, a notice at the top says why the charts are empty
  await page.goto(page.url().replace('?', '?mode=visual&'));
  assert.equal(await waitForRun(page), 'error');
  assert.match(
    await page.textContent('#notices .notice-error'),
    /^This lesson's run cannot start: dataset csv: no CSV file in this browser tab yet; choose one under "Your CSV" \(in the Story and Experiment modes\)/,
  );
  await page.goto(page.url().replace('mode=visual&', ''));
  assert.equal(await waitForRun(page), 'error');
  await page.click('.embed-button');
  assert.match(
    await page.textContent('.embed-error'),
    /^ Nothing to embed: dataset csv: no CSV file in this browser tab yet/,
  );
  assert.ok(
    (await page.$$('[data-widget="lr-chart"] canvas')).length > 0,
    'the charts are still on the page',
  );
  assert.deepEqual(problems, []);
  await page.close();
});
