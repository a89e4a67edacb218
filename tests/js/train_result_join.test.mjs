// TrainSession.result() joins the epoch records the JS API already received with the rest of
// the result (lrlab.mjs joinRecords); the engine's own whole result is the reference, read
// from the same build through its glue, for every shape a record can take.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { enginePath, root } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();
const engineDir = new URL('dist/engine/', root);
const { default: createLrlabCore } = /** @type {typeof import('../../wasm/js/lrlab_core.d.ts')} */ (
  await import(new URL('lrlab_core.mjs', engineDir).href)
);
const core = /** @type {Record<string, any>} */ (
  await createLrlabCore({ wasmBinary: await readFile(new URL('lrlab_core.wasm', engineDir)) })
);

/** The engine's reply to trainOpen for `spec` (text passed as bindings.cpp bytes_at reads it). */
function openReply(spec, withDataSummary = true) {
  const bytes = new TextEncoder().encode(JSON.stringify(spec));
  const block = core._malloc(4 + bytes.length);
  new DataView(core.HEAPU8.buffer, block, 4).setUint32(0, bytes.length, true);
  core.HEAPU8.set(bytes, block + 4);
  try {
    return JSON.parse(core.trainOpen(block, withDataSummary));
  } finally {
    core._free(block);
  }
}
const openRaw = (spec) => openReply(spec).handle;

const seed = {
  data: { dataset: 'synthetic', n_samples: 200, n_features: 4, n_classes: 3, n_informative: 3, seed: 1 },
  model: { sizes: [4, 8, 3], seed: 0 },
  optimizer: { type: 'SGD', lr: 0.1 },
  scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
  epochs: 5,
  batch_size: 32,
  shuffle: true,
};
const specs = {
  'StepLR per epoch': seed,
  'OneCycleLR per batch, cycling momentum': {
    ...seed,
    optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
    scheduler: { type: 'OneCycleLR', max_lr: 0.5, total_steps: 35 },
    scheduler_step: 'batch',
  },
  'ReduceLROnPlateau on train_loss': {
    ...seed,
    scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 0.5 },
    plateau_metric: 'train_loss',
  },
  'a diverging run': { ...seed, optimizer: { type: 'SGD', lr: 1e6 }, scheduler: null },
  'a scheduler that raises (OneCycleLR past total_steps)': {
    ...seed,
    scheduler: { type: 'OneCycleLR', max_lr: 0.5, total_steps: 10 },
    scheduler_step: 'batch',
  },
};

const variants = Object.entries(specs).flatMap(([name, spec]) => [
  [name, spec],
  [`${name}, batch_records false`, { ...spec, batch_records: false }],
]);
for (const [name, spec] of variants) {
  test(`result() joins the records as the engine's whole result: ${name}`, () => {
    const session = engine.trainSession(spec);
    const records = [];
    for (let r = session.next(); r; r = session.next()) records.push(r);
    const joined = session.result();
    session.delete();
    // the same records from batches in chunks that end inside epochs
    const chunked = engine.trainSession(spec);
    const fromChunks = [];
    for (let step = chunked.runBatches(3); ; step = chunked.runBatches(3)) {
      if (step.record) fromChunks.push(step.record);
      if (step.done) break;
    }
    // engine.train()'s path: batches in chunks, then result()
    const chunkedResult = chunked.result();
    chunked.delete();

    const handle = openRaw(spec);
    while (JSON.parse(core.trainNext(handle)).record);
    const whole = JSON.parse(core.trainResult(handle, 0));
    core.trainClose(handle);

    assert.equal(whole.join, false);
    assert.ok(joined.epochs.length > 0);
    assert.equal(JSON.stringify(joined), JSON.stringify(whole.result), 'same keys, order and numbers');
    // and the same values where JSON text would hide a difference (NaN, Infinity, -0)
    assert.deepStrictEqual(joined, whole.result);
    // each record as next() handed it out: its per-batch arrays read apart from its JSON
    // (bindings.hpp train_steps) and put back in the engine's key order
    assert.equal(JSON.stringify(records), JSON.stringify(whole.result.epochs), 'records from next()');
    assert.equal(JSON.stringify(fromChunks), JSON.stringify(whole.result.epochs), 'from runBatches(3)');
    assert.deepStrictEqual(chunkedResult, whole.result, 'result() after runBatches(3)');
  });
}

test('the engine hands over per-batch values only for a finished epoch of a live session', () => {
  const handle = openRaw(seed);
  assert.equal(core.trainSteps(handle), 0, 'before the first epoch');
  const { record } = JSON.parse(core.trainNext(handle));
  assert.ok(!('batch_loss' in record) && !('lr_steps' in record), 'left out of the JSON');
  const at = core.trainSteps(handle);
  assert.ok(at > 0);
  // 160 training rows in batches of 32: 5 steps, 1 group, no momentum
  assert.deepEqual([...new Float64Array(core.HEAPU8.buffer, at, 3)], [5, 1, 0]);
  assert.deepEqual(
    [...new Float64Array(core.HEAPU8.buffer, at + 8 * 8, 5)],
    [0.1, 0.1, 0.1, 0.1, 0.1],
    'lr_steps',
  );
  JSON.parse(core.trainBatches(handle, 2));
  assert.equal(core.trainSteps(handle), 0, 'inside an epoch');
  core.trainClose(handle);
  assert.equal(core.trainSteps(handle), 0, 'a closed session');
  // records without them (batch_records false): handed over all the same, for result()
  const lean = openRaw({ ...seed, batch_records: false });
  const leanRecord = JSON.parse(core.trainNext(lean)).record;
  assert.ok(!('batch_loss' in leanRecord));
  const leanAt = core.trainSteps(lean);
  assert.ok(leanAt > 0);
  assert.deepEqual([...new Float64Array(core.HEAPU8.buffer, leanAt, 3)], [5, 1, 0]);
  core.trainClose(lean);
});

// train() passing false is not visible through the API (its session is its own); what is: the
// binding's reply without the summary, and train()'s result.
test('trainOpen without the data summary replies data null and the rest alike; train() trains as trainSession() does', async () => {
  const session = engine.trainSession(seed);
  const summary = session.data;
  for (let r = session.next(); r; r = session.next());
  const stepped = session.result();
  session.delete();
  assert.equal(summary.n_train, 160);
  const full = openReply(seed, true);
  const lean = openReply(seed, false);
  core.trainClose(full.handle);
  core.trainClose(lean.handle);
  assert.deepEqual(full.data, summary, 'the summary trainSession() hands out');
  assert.equal(lean.data, null);
  assert.deepEqual({ ...lean, handle: 0, data: 0 }, { ...full, handle: 0, data: 0 }, 'the rest of the reply');
  assert.equal(JSON.stringify(await engine.train(seed)), JSON.stringify(stepped));
});

test('result() in the middle of an epoch is the engine’s whole result (no record has those batches)', () => {
  const session = engine.trainSession(seed);
  session.next();
  session.runBatches(2);
  const r = session.result();
  session.delete();
  assert.equal(r.epochs.length, 1);
  // 160 training rows in batches of 32: 5 a full epoch, then 2 of the next.
  assert.deepEqual(
    r.batch_loss.map((b) => b.length),
    [5, 2],
  );
  assert.equal(r.lr[0].length, 7);
});

test('the records handed out are the caller’s: changing one does not change result()', () => {
  const session = engine.trainSession(seed);
  const first = session.next();
  first.batch_loss.length = 0;
  first.lr_steps[0][0] = -1;
  while (session.next());
  const r = session.result();
  session.delete();
  assert.equal(r.batch_loss[0].length, 5);
  assert.equal(r.lr[0][0], 0.1);
});

test('batch_records: false leaves the per-batch arrays out of the records, not the result', () => {
  const run = (/** @type {Record<string, unknown>} */ extra) => {
    const session = engine.trainSession({ ...specs['OneCycleLR per batch, cycling momentum'], ...extra });
    const records = [];
    for (let r = session.next(); r; r = session.next()) records.push(r);
    const result = session.result();
    session.delete();
    return { records, result };
  };
  const lean = run({ batch_records: false });
  const full = run({});
  for (const r of lean.records) {
    assert.ok(!('batch_loss' in r) && !('lr_steps' in r) && !('momentum_steps' in r), `epoch ${r.epoch}`);
  }
  const strip = ({ batch_loss, lr_steps, momentum_steps, ...rest }) => rest;
  assert.deepEqual(lean.records, full.records.map(strip), 'the same epoch values');
  assert.deepEqual({ ...lean.result, epochs: [] }, { ...full.result, epochs: [] }, 'the same result');
  assert.deepEqual(lean.result.epochs, lean.records);
});

test('the engine leaves the records out only for a caller that holds all of them', () => {
  const handle = openRaw(seed);
  core.trainNext(handle);
  core.trainNext(handle);
  const join = (/** @type {number} */ kept) => JSON.parse(core.trainResult(handle, kept));
  assert.equal(join(1).join, false);
  assert.equal(join(1).result.epochs.length, 2, 'the whole result');
  assert.equal(join(2).join, true);
  assert.equal(join(2).result.epochs, undefined);
  core.trainClose(handle);
});

test('batch_records false: result() mid-epoch and after an epoch with no step are the engine’s whole result', () => {
  /** @type {Array<Record<string, unknown>>} */
  const leanSpecs = [
    { ...seed, batch_records: false },
    // scheduler.step() first (the bug variant), per epoch, raising when epoch 1 begins: an epoch
    // record with no batches
    {
      ...seed,
      batch_records: false,
      scheduler_order: 'before_optimizer',
      scheduler: { type: 'OneCycleLR', max_lr: 0.5, total_steps: 1 },
      scheduler_step: 'epoch',
    },
  ];
  for (const spec of leanSpecs) {
    const session = engine.trainSession(spec);
    session.next();
    session.runBatches(2);
    const mid = session.result();
    while (session.next());
    const end = session.result();
    session.delete();
    if (spec.scheduler_order)
      assert.deepEqual(end.batch_loss.at(-1), [], 'the epoch that raised has no steps');
    const handle = openRaw(spec);
    JSON.parse(core.trainNext(handle));
    JSON.parse(core.trainBatches(handle, 2));
    assert.deepStrictEqual(mid, JSON.parse(core.trainResult(handle, 0)).result, 'mid-epoch');
    while (JSON.parse(core.trainNext(handle)).record);
    assert.deepStrictEqual(end, JSON.parse(core.trainResult(handle, 0)).result, 'at the end');
    core.trainClose(handle);
  }
});
