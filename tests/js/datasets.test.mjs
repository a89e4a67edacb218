// The bundled data sets live outside the wasm (dist/engine/data/<name>.bin) and are
// loaded on demand; the engine validates what it is handed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import test from 'node:test';
import { enginePath, root } from './fixture_compare.mjs';

const { createEngine, datasetNames, SpecError } =
  /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (await import(enginePath.href));
const dataDir = new URL('dist/engine/data/', root);
const wasmFile = new URL('dist/engine/lrlab_core.wasm', root);
// A separate wasm instance (its own bytes object) that has loaded no data set yet.
const freshEngine = async () => createEngine({ wasmBinary: await readFile(wasmFile) });

const run = (data) => ({
  data: { seed: 3, ...data },
  model: { sizes: [4, 8, 3] },
  optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
  scheduler: { type: 'StepLR', step_size: 3, gamma: 0.5 },
  epochs: 6,
  batch_size: 16,
});

test('the wasm carries no data set', async () => {
  const wasm = (await readFile(wasmFile)).toString('latin1');
  for (const text of ['sepal length', 'malic_acid', 'mean radius', 'pixel_0_0']) {
    assert.equal(wasm.includes(text), false, text);
  }
});

test('iris loaded on demand trains exactly like the same CSV given inline', async () => {
  const engine = await createEngine();
  const csv = await readFile(new URL('web/data/iris.csv', root), 'utf8');
  const fromAsset = await engine.train(run({ dataset: 'iris' }));
  const fromCsv = await engine.train(run({ dataset: 'csv', csv }));
  assert.equal(fromAsset.epochs.length, 6);
  assert.deepEqual(fromAsset.epochs, fromCsv.epochs);
  assert.ok(fromAsset.test_accuracy > 0.6, `iris test accuracy ${fromAsset.test_accuracy}`);
});

test('every bundled set decodes with its shape', async () => {
  const engine = await freshEngine();
  const shapes = {
    iris: [150, 4, 3],
    wine: [178, 13, 3],
    breast_cancer: [569, 30, 2],
    digits: [1797, 64, 10],
  };
  assert.deepEqual([...datasetNames], Object.keys(shapes));
  for (const name of datasetNames) {
    await engine.loadDataset(name);
    const [rows, features, classes] = shapes[name];
    const spec = { ...run({ dataset: name, test_fraction: 0 }), model: { sizes: [features, classes] } };
    const session = engine.trainSession(spec);
    const summary = session.dataSummary();
    session.delete();
    assert.deepEqual(
      [summary.n_train, summary.n_features, summary.n_classes],
      [rows, features, classes],
      name,
    );
  }
});

test('trainSession before the set is loaded names the field and the remedy', async () => {
  const engine = await freshEngine();
  assert.throws(
    () => engine.trainSession(run({ dataset: 'wine' })),
    (e) =>
      e instanceof SpecError &&
      e.path === 'data.dataset' &&
      /"wine" is not loaded: engine.train\(\) loads it, or call await engine.loadDataset\("wine"\)/.test(
        e.message,
      ),
  );
  await engine.loadDataset('wine', await readFile(new URL('wine.bin', dataDir)));
  const session = engine.trainSession({ ...run({ dataset: 'wine' }), model: { sizes: [13, 3] } });
  assert.ok(session.next());
  session.delete();
});

test('damaged or unknown data set files are refused with a message', async () => {
  const engine = await freshEngine();
  const bytes = await readFile(new URL('iris.bin', dataDir));
  await assert.rejects(engine.loadDataset('iris', bytes.subarray(0, bytes.length - 1)), (e) => {
    assert.ok(e instanceof SpecError);
    assert.match(e.message, /data set "iris": size \d+ bytes does not match its header \(150 x 4 values\)/);
    return true;
  });
  await assert.rejects(engine.loadDataset('iris', new Uint8Array(8)), /no LRDS header/);
  // one set's file under another's name: refused, not trained as "wine" with iris's rows
  await assert.rejects(
    engine.loadDataset('wine', bytes),
    (e) => e instanceof SpecError && /data set "wine": the file holds the data set "iris"/.test(e.message),
  );
  await assert.rejects(engine.loadDataset('mnist'), (e) => e instanceof SpecError && e.path === 'name');
  await assert.rejects(engine.loadDataset('iris', new URL('missing.bin', dataDir)), /missing\.bin/);
  // A failed load leaves nothing behind: the real file still loads afterwards.
  await engine.loadDataset('iris');
  assert.ok((await engine.train(run({ dataset: 'iris' }))).epochs.length === 6);
});
