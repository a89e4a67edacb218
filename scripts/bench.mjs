// Training bench (issue 3): samples/s of the same run-specs (wasm/bench/workloads.json) on
//   native   build/native/lrlab_bench (-O3 -march=native), the baseline
//   wasm     our engine through the JS API (dist/engine/lrlab.mjs), in this Node process
//   tfjs-cpu / tfjs-wasm   TF.js 4.x doing the same training (same data and initial weights,
//            exported by the engine; same MLP, softmax cross-entropy, SGD/momentum, batches)
// Times are the best of N runs (after a warm-up run): the machine is shared.
// plus the module instantiate time and one full seed-lesson training through engine.train().
// Usage: node scripts/bench.mjs [--native build/native/lrlab_bench] [--no-tfjs]
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const nativeBench = path.resolve(root, opt('--native', 'build/native/lrlab_bench'));
const workloadsFile = path.join(root, 'wasm/bench/workloads.json');
const { workloads } = JSON.parse(await readFile(workloadsFile, 'utf8'));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
// Best of N: the machine is shared, and interference only ever adds time.
const best = (v) => Math.min(...v);

// ---- native -------------------------------------------------------------------
const native = JSON.parse(execFileSync(nativeBench, [workloadsFile], { encoding: 'utf8' }));
const nativeRate = Object.fromEntries(native.workloads.map((w) => [w.name, w.samples_per_s]));

// ---- our WASM through the JS API ---------------------------------------------------
const engineDir = path.join(root, 'dist/engine');
const wasmBytes = await readFile(path.join(engineDir, 'lrlab_core.wasm'));
const { default: createLrlabCore } = await import(pathToFileURL(path.join(engineDir, 'lrlab_core.mjs')).href);
const instantiate = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await createLrlabCore({ wasmBinary: wasmBytes });
  instantiate.push(performance.now() - t0);
}
const { createEngine } = await import(pathToFileURL(path.join(engineDir, 'lrlab.mjs')).href);
const engine = await createEngine({ wasmBinary: wasmBytes });

function wasmTrainSeconds(spec) {
  const session = engine.trainSession(spec);
  const t0 = performance.now();
  while (session.next());
  const t = (performance.now() - t0) / 1e3;
  session.delete();
  return t;
}
const wasmRate = {};
const samplesOf = {};
for (const w of workloads) {
  const probe = engine.trainSession(w.spec);
  samplesOf[w.name] = w.spec.epochs * probe.dataSummary().n_train;
  probe.delete();
  wasmTrainSeconds(w.spec); // warm-up: V8 tiers up the wasm functions (TOOLCHAIN.md 4)
  const times = [];
  for (let i = 0; i < w.repeat; i++) times.push(wasmTrainSeconds(w.spec));
  wasmRate[w.name] = samplesOf[w.name] / best(times);
}
const seedSpec = workloads[0].spec;
const seedTimes = [];
for (let i = 0; i < 31; i++) {
  const t0 = performance.now();
  const result = await engine.train(seedSpec);
  seedTimes.push(performance.now() - t0);
  if (result.epochs.length !== seedSpec.epochs) throw new Error('seed lesson did not finish');
}

// ---- TF.js ---------------------------------------------------------------------------
const tfRate = { cpu: {}, wasm: {} };
if (!args.includes('--no-tfjs')) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const tfwasm = await import('@tensorflow/tfjs-backend-wasm');
  tfwasm.setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  const exported = {};
  for (const w of workloads) {
    const tmp = path.join(root, 'build', `bench-${w.name}.json`);
    await (await import('node:fs/promises')).writeFile(tmp, JSON.stringify(w.spec));
    exported[w.name] = JSON.parse(
      execFileSync(nativeBench, ['export', tmp], { encoding: 'utf8', maxBuffer: 1 << 30 }),
    );
  }
  // One training run: the docs/run-spec.md 4.1 loop (no shuffle), StepLR applied per epoch where given.
  function tfTrain(w, ex, epochs) {
    const { spec } = w;
    const n = ex.data.y.length,
      bsz = spec.batch_size,
      classes = spec.model.sizes.at(-1);
    const layers = spec.model.sizes.length - 1;
    const vars = [];
    for (let l = 1; l <= layers; l++) {
      vars.push(
        tf.variable(tf.tensor2d(ex.model.init[`W${l}`])),
        tf.variable(tf.tensor1d(ex.model.init[`b${l}`])),
      );
    }
    const x = tf.tensor2d(ex.data.x),
      y = tf.cast(tf.oneHot(tf.tensor1d(ex.data.y, 'int32'), classes), 'float32');
    const batches = [];
    for (let k = 0; k < n; k += bsz) {
      const m = Math.min(bsz, n - k);
      batches.push([tf.slice(x, [k, 0], [m, -1]), tf.slice(y, [k, 0], [m, -1])]);
    }
    // tfjs-core alone registers no kernel gradients (the union package does), so the
    // backward pass is written out with tf ops: the same math as our engine's.
    const o = spec.optimizer;
    const bufs = o.momentum ? vars.map((v) => tf.variable(tf.zerosLike(v))) : null;
    let step = 0;
    const t0 = performance.now();
    for (let e = 0; e < epochs; e++) {
      let lr = o.lr;
      if (spec.scheduler?.type === 'StepLR')
        lr *= spec.scheduler.gamma ** Math.floor(e / spec.scheduler.step_size);
      for (const [xb, yb] of batches) {
        const loss = tf.tidy(() => {
          const acts = [xb],
            pre = [];
          for (let l = 0; l < layers; l++) {
            const z = tf.add(tf.matMul(acts[l], vars[2 * l], false, true), vars[2 * l + 1]);
            pre.push(z);
            acts.push(l + 1 < layers ? tf.relu(z) : z);
          }
          const logits = acts[layers];
          const m = xb.shape[0];
          const logp = tf.logSoftmax(logits);
          const lossValue = tf.neg(tf.div(tf.sum(tf.mul(yb, logp)), m));
          let delta = tf.div(tf.sub(tf.exp(logp), yb), m); // d loss / d logits
          const grads = new Array(vars.length);
          for (let l = layers - 1; l >= 0; l--) {
            grads[2 * l] = tf.matMul(delta, acts[l], true, false);
            grads[2 * l + 1] = tf.sum(delta, 0);
            if (l > 0) delta = tf.mul(tf.matMul(delta, vars[2 * l]), tf.step(pre[l - 1]));
          }
          for (let i = 0; i < vars.length; i++) {
            let d = grads[i];
            if (bufs) {
              // torch SGD: buf = g at the first step, then m*buf + g
              d = step === 0 ? d : tf.add(tf.mul(bufs[i], o.momentum), d);
              bufs[i].assign(d);
            }
            vars[i].assign(tf.sub(vars[i], tf.mul(d, lr)));
          }
          return lossValue;
        });
        step++;
        loss.dataSync(); // the course reads every batch loss
        loss.dispose();
      }
    }
    const t = (performance.now() - t0) / 1e3;
    tf.dispose([x, y, ...vars, ...(bufs ?? []), ...batches.flat()]);
    return t;
  }
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const w of workloads) {
      const ex = exported[w.name];
      tfTrain(w, ex, 1); // warm-up
      const reps = Math.min(w.repeat, 3);
      const times = [];
      for (let i = 0; i < reps; i++) times.push(tfTrain(w, ex, w.spec.epochs));
      tfRate[backend][w.name] = samplesOf[w.name] / best(times);
    }
  }
}

// ---- table ---------------------------------------------------------------------------
const fmt = (v) => (v === undefined ? '-' : Math.round(v).toLocaleString('en-US'));
const rows = [['workload', 'samples', 'native /s', 'wasm /s', 'wasm/native', 'tfjs-cpu /s', 'tfjs-wasm /s']];
for (const w of workloads) {
  rows.push([
    `${w.name} (${w.spec.model.sizes.join('→')}, batch ${w.spec.batch_size}, ${w.spec.epochs} ep)`,
    String(samplesOf[w.name]),
    fmt(nativeRate[w.name]),
    fmt(wasmRate[w.name]),
    (wasmRate[w.name] / nativeRate[w.name]).toFixed(2),
    fmt(tfRate.cpu[w.name]),
    fmt(tfRate.wasm[w.name]),
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('');
console.log(
  `wasm module instantiate (lrlab_core, ${wasmBytes.length} bytes): first ${instantiate[0].toFixed(1)} ms, ` +
    `median of next 4 ${median(instantiate.slice(1)).toFixed(1)} ms`,
);
console.log(
  `one seed-lesson training via engine.train() (data + split + 10 epochs + result): ` +
    `best ${best(seedTimes).toFixed(2)} ms, median ${median(seedTimes).toFixed(2)} ms (native best ${native.seed_lesson_ms.toFixed(2)} ms)`,
);
const worst = Math.min(...workloads.map((w) => wasmRate[w.name] / nativeRate[w.name]));
console.log(
  `targets: wasm/native >= 0.4 on every workload: ${worst >= 0.4 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}); ` +
    `seed lesson <= 3 ms: ${best(seedTimes) <= 3 ? 'met' : 'NOT met'}`,
);
