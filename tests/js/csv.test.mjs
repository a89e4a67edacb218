// A learner's CSV: the quirks real files have, through the API (parseCsv and a training run
// with {"dataset": "csv", "csv": text}). Parsing is Papa Parse's; the rules are wasm/js/csv.mjs.
import assert from 'node:assert/strict';
import test from 'node:test';
import { CSV_CORPUS as CORPUS } from './csv-corpus.mjs';
import { enginePath } from './fixture_compare.mjs';

const { createEngine, parseCsv, SpecError } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

test('trainSession cannot take CSV text before the CSV reader is loaded, and says what to do', () => {
  assert.throws(
    () => engine.trainSession({ data: { dataset: 'csv', csv: 'a,b\n1,0\n2,1\n' } }),
    (e) => e instanceof SpecError && e.path === 'data.csv' && /await parseCsv\(text\)/.test(e.message),
  );
});

for (const [name, text, options, expected] of CORPUS) {
  test(`parseCsv: ${name}`, async () => {
    if (expected instanceof RegExp) {
      await assert.rejects(parseCsv(text, options), (e) => {
        assert.ok(e instanceof SpecError, `${e}`);
        assert.match(e.message, expected);
        assert.equal(e.path, e.message.slice(0, e.message.indexOf(':')));
        return true;
      });
    } else {
      assert.deepEqual({ ...(await parseCsv(text, options)) }, expected);
    }
  });
}

const training = (data) => ({
  data: { test_fraction: 0, standardize: false, ...data },
  model: { sizes: [2, 4, 2], seed: 1 },
  optimizer: { type: 'SGD', lr: 0.1 },
  epochs: 2,
  batch_size: 2,
});

test('a training run takes CSV text; its errors name data.csv and the line', async () => {
  const csv = 'a;b;label\n1,5;2;"x"\n3;4;y\n5;6;x\n7;8;y\n';
  const result = await engine.train(training({ dataset: 'csv', csv }));
  assert.equal(result.epochs.length, 2);
  const session = engine.trainSession(training({ dataset: 'csv', csv }));
  const summary = session.dataSummary();
  session.delete();
  assert.deepEqual(summary.feature_names, ['a', 'b']);
  assert.deepEqual(summary.class_names, ['x', 'y']);
  assert.equal(summary.n_train, 4);
  assert.deepEqual(summary.head.x[0], [1.5, 2]);
  await assert.rejects(engine.train(training({ dataset: 'csv', csv: 'a,b,c\n1,2,x\n3,?,y\n' })), (e) => {
    assert.ok(e instanceof SpecError);
    assert.equal(e.path, 'data.csv');
    assert.equal(e.message, 'data.csv: line 3, column 2: "?" is not a number (column "b")');
    return true;
  });
  await assert.rejects(
    engine.train(training({ dataset: 'csv', csv, label_column: 'nope' })),
    (/** @type {Error & {path?: string}} */ e) => e.path === 'data.label_column',
  );
  // The parsed form, spread into the data, is what the engine itself reads.
  const parsed = await parseCsv(csv);
  assert.equal(parsed.delimiter, ';');
  assert.equal(parsed.header, true);
  const again = await engine.train(training({ dataset: 'csv', ...parsed }));
  assert.deepEqual(again.epochs, result.epochs);
});

test('parseCsv says how it read the file: delimiter, header, columns, label index, declared classes', async () => {
  const semi = await parseCsv('"a; cm";label;b\n1,5;x;2\n3;y;4\n', { labelColumn: 'label' });
  assert.equal(semi.delimiter, ';');
  assert.equal(semi.header, true);
  assert.deepEqual(semi.columns, ['a; cm', 'label', 'b']);
  assert.equal(semi.labelIndex, 1);
  assert.equal(semi.classesDeclared, false);
  assert.deepEqual(Object.keys(semi), ['x', 'y', 'feature_names', 'class_names']);
  const bare = await parseCsv('# classes: cat,dog\n1\t2\t1\n3\t4\t0\n');
  assert.equal(bare.delimiter, '\t');
  assert.equal(bare.header, false);
  assert.deepEqual(bare.columns, ['x1', 'x2', 'label']);
  assert.equal(bare.labelIndex, 2);
  assert.equal(bare.classesDeclared, true);
  assert.deepEqual(bare.class_names, ['cat', 'dog']);
});

test('a CSV refused only for its label column says what it has (SpecError.csv); a broken one does not', async () => {
  // wine.data's shape: no header, the class first as a number, the automatic label (the last
  // column) with more distinct values than a label may have
  const rows = Array.from({ length: 120 }, (_, i) => `${1 + (i % 3)},${i / 10},${1000 + i}`);
  await assert.rejects(
    parseCsv(`${rows.join('\n')}\n`),
    (/** @type {import('../../wasm/js/lrlab.js').SpecError} */ e) => {
      assert.match(e.message, /^csv: the label column 3 has 120 distinct values \(at most 100 classes\)/);
      assert.deepEqual(e.csv, { columns: ['x1', 'x2', 'x3'], header: false, delimiter: ',', label_index: 2 });
      return true;
    },
  );
  const chosen = await parseCsv(`${rows.join('\n')}\n`, { labelColumn: 0 });
  assert.deepEqual(chosen.class_names, ['1', '2', '3']);
  // two text columns (an id and the class): the id is a column of text, so it may be the label
  await assert.rejects(
    parseCsv('id,a,kind\nr1,1,x\nr2,2,y\n'),
    (/** @type {import('../../wasm/js/lrlab.js').SpecError} */ e) => {
      assert.equal(e.message, 'csv: line 2, column 1: "r1" is not a number (column "id")');
      assert.equal(e.csv.label_index, 2);
      return true;
    },
  );
  // a stray value in a column of numbers, a ragged row: the file's own problems
  for (const text of ['a,b,label\n1,2,x\n?,4,y\n', 'a,b,label\n1,2,x\n3,y\n']) {
    await assert.rejects(
      parseCsv(text),
      (/** @type {import('../../wasm/js/lrlab.js').SpecError} */ e) => e.csv === undefined,
    );
  }
});

test('"# classes:" names the file\'s own label column, not another one chosen instead', async () => {
  const text = '# classes: cat,dog\na,b,t\n5,2,1\n7,4,0\n5,6,1\n';
  assert.deepEqual((await parseCsv(text)).class_names, ['cat', 'dog']);
  const other = await parseCsv(text, { labelColumn: 'a' });
  assert.deepEqual(other.class_names, ['5', '7']);
  assert.equal(other.classesDeclared, false); // the PyTorch script reads its labels as names
});

test('parseCsv options are checked: a header that is not "auto", true or false, an unknown option', async () => {
  const text = 'a,b\n1,x\n2,y\n';
  await assert.rejects(
    parseCsv(text, /** @type {any} */ ({ header: 'yes' })),
    (e) =>
      e instanceof SpecError &&
      e.path === 'header' &&
      /must be "auto", true or false, got "yes"/.test(e.message),
  );
  await assert.rejects(
    parseCsv(text, /** @type {any} */ ({ labelcolumn: 0 })),
    (e) =>
      e instanceof SpecError && e.path === 'labelcolumn' && /unknown option; the options are/.test(e.message),
  );
  assert.deepEqual((await parseCsv(text, { header: true })).class_names, ['x', 'y']);
});
