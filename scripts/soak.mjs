// Soak (issue 3): 100,000 trainings through the JS API in one process. WASM memory
// (the heap's buffer.byteLength) must not grow after warm-up. The runs rotate through
// the engine's paths: lesson specs on synthetic and real data, a scheduler stepped per
// batch, ReduceLROnPlateau, a diverging run, an invalid spec (error path), and a
// session opened for a prediction trace and deleted.
// Usage: node scripts/soak.mjs [--runs 100000]  (trainings)   (exit 1 if memory grew after warm-up)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 100000;
const WARMUP = Math.min(2000, Math.floor(RUNS / 10));
const { createEngine } = await import(pathToFileURL(path.join(root, 'dist/engine/lrlab-node.mjs')).href);
const engine = await createEngine();

const specs = [
  {
    data: { dataset: 'synthetic', n_samples: 200, n_features: 10, seed: 1 },
    model: { sizes: [10, 10, 2], seed: 0 },
    optimizer: { type: 'SGD', lr: 0.1 },
    scheduler: { type: 'StepLR', step_size: 1, gamma: 0.5 },
    epochs: 3,
    batch_size: 32,
  },
  {
    data: { dataset: 'iris', seed: 2 },
    model: { sizes: [4, 8, 3] },
    optimizer: { type: 'Adam', lr: 0.01 },
    scheduler: { type: 'ReduceLROnPlateau', patience: 0 },
    epochs: 3,
    batch_size: 16,
    shuffle: true,
  },
  {
    data: { dataset: 'synthetic', n_samples: 100, n_features: 4, n_informative: 2, seed: 3 },
    model: { sizes: [4, 6, 2] },
    optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 },
    scheduler: { type: 'OneCycleLR', max_lr: 0.5, epochs: 2, steps_per_epoch: 4 },
    scheduler_step: 'batch',
    epochs: 2,
    batch_size: 25,
  },
  {
    data: {
      dataset: 'synthetic',
      n_samples: 100,
      n_features: 4,
      n_informative: 2,
      class_sep: 50,
      standardize: false,
      seed: 4,
    },
    model: { sizes: [4, 6, 2] },
    optimizer: { type: 'SGD', lr: 1e6 },
    epochs: 3,
    batch_size: 10,
  },
];
const invalid = { ...specs[0], model: { sizes: [10, 0, 2] } };

let trainings = 0,
  errors = 0,
  diverged = 0,
  traces = 0,
  memoryAfterWarmup = 0;
const t0 = performance.now();
for (let i = 0; i < RUNS; i++) {
  // Every iteration is one full training; every fourth also takes the error path and
  // a session opened for a prediction trace and deleted.
  const r = await engine.train(specs[i % specs.length]);
  if (r.diverged_at) diverged++;
  trainings++;
  if (i % 4 === 3) {
    try {
      engine.trainSession(invalid);
      throw new Error('invalid spec accepted');
    } catch (e) {
      if (!String(e.message).startsWith('model.sizes[1]:')) throw e;
      errors++;
    }
    const s = engine.trainSession(specs[0]);
    s.next();
    s.trace(0, 'test');
    s.delete();
    traces++;
  }
  if (i + 1 === WARMUP) {
    memoryAfterWarmup = engine.stats().heapBytes;
    console.log(`after warm-up (${WARMUP} trainings): wasm memory ${memoryAfterWarmup} bytes`);
  }
  if ((i + 1) % 20000 === 0) {
    console.log(
      `${i + 1} trainings, ${((performance.now() - t0) / 1e3).toFixed(0)} s, wasm memory ${engine.stats().heapBytes} bytes`,
    );
  }
}
const end = engine.stats();
console.log(
  `end (${trainings} trainings, ${diverged} of them diverging; plus ${errors} rejected specs and ` +
    `${traces} trace sessions): wasm memory ` +
    `${end.heapBytes} bytes, open sessions ${end.openSessions}, ${((performance.now() - t0) / 1e3).toFixed(0)} s`,
);
if (end.heapBytes > memoryAfterWarmup || end.openSessions !== 0) {
  console.log('FAIL: memory grew after warm-up or sessions leaked');
  process.exit(1);
}
console.log('ok: no growth after warm-up');
