// Training bench (issue 12): samples/s of the same run-specs (wasm/bench/workloads.json),
// same data, batches and initial weights, one thread, on
//   Eigen      build/native/lrlab_bench: the same math on Eigen 3.4's GEMM, -O3 -march=native
//              (wasm/bench/eigen_reference.cpp), THE BASELINE every ratio is taken against
//   native     our engine compiled natively (-O3 -march=native)
//   wasm simd  our engine through the JS API exactly as the worker uses it:
//              trainSession(spec), then next() per epoch (records included)
//   wasm scalar the same without -msimd128 (build/wasm-scalar)
//   tfjs-wasm / tfjs-cpu  TF.js 4.x doing the same training
//   torch      PyTorch CPU eager (scripts/bench_torch.py) when /usr/bin/python3 has torch
// plus one seed-lesson training warm (best of 31 in this process) and cold (the first
// training in a fresh Node process, after createEngine()). Times are the best of N runs
// after a warm-up run: the machine is shared and interference only ever adds time.
// Usage: node scripts/bench.mjs [--native build/native/lrlab_bench] [--no-tfjs] [--no-torch]
//        [--no-scalar] [--engine DIR (default dist/engine)] [--json FILE]
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
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
const best = (v) => Math.min(...v);
const rate = {}; // rate[column][workload] = samples/s
const column = (name) => {
  rate[name] ??= {};
  return rate[name];
};

// ---- native: Eigen baseline and our engine ------------------------------------------
const native = JSON.parse(execFileSync(nativeBench, [workloadsFile], { encoding: 'utf8' }));
for (const w of native.workloads) {
  column('Eigen')[w.name] = w.eigen_samples_per_s;
  column('native')[w.name] = w.samples_per_s;
}

// ---- our WASM through the JS API --------------------------------------------------------
const samplesOf = {};
async function benchEngine(engineDir, name) {
  const { createEngine } = await import(pathToFileURL(path.join(engineDir, 'lrlab-node.mjs')).href);
  const engine = await createEngine({ wasmBinary: await readFile(path.join(engineDir, 'lrlab_core.wasm')) });
  const trainSeconds = (spec) => {
    const session = engine.trainSession(spec);
    const t0 = performance.now();
    while (session.next());
    const t = (performance.now() - t0) / 1e3;
    session.delete();
    return t;
  };
  for (const w of workloads) {
    // Built-in data sets are assets the JS API loads on demand; trainSession() needs them loaded.
    if (w.spec.data.dataset !== 'synthetic') await engine.loadDataset(w.spec.data.dataset);
    const probe = engine.trainSession(w.spec);
    samplesOf[w.name] = w.spec.epochs * probe.dataSummary().n_train;
    probe.delete();
    trainSeconds(w.spec); // warm-up: V8 tiers up the wasm functions
    const times = [];
    for (let i = 0; i < w.repeat; i++) times.push(trainSeconds(w.spec));
    column(name)[w.name] = samplesOf[w.name] / best(times);
  }
  return engine;
}
const engineDir = path.resolve(root, opt('--engine', 'dist/engine'));
const engine = await benchEngine(engineDir, 'wasm simd');
if (!args.includes('--no-scalar')) {
  // The scalar core beside a copy of the JS API (it loads the core next to itself).
  const scalarDir = path.join(root, 'build/bench-scalar');
  await mkdir(scalarDir, { recursive: true });
  await cp(engineDir, scalarDir, { recursive: true });
  for (const f of ['lrlab_core.mjs', 'lrlab_core.wasm']) {
    await cp(path.join(root, 'build/wasm-scalar/engine', f), path.join(scalarDir, f));
  }
  await benchEngine(scalarDir, 'wasm scalar');
}

// One seed-lesson training as the course runs it: engine.train(spec) builds the data,
// split and model, trains 10 epochs with every record and returns the result. Warm: after
// 30 untimed runs of this path (its JS and the record code were not yet optimized by V8).
const seedSpec = workloads[0].spec;
const seedTimes = [];
for (let i = 0; i < 30; i++) await engine.train(seedSpec);
for (let i = 0; i < 31; i++) {
  const t0 = performance.now();
  const result = await engine.train(seedSpec);
  seedTimes.push(performance.now() - t0);
  if (result.epochs.length !== seedSpec.epochs) throw new Error('seed lesson did not finish');
}
// Cold: the first training in a fresh process (baseline-tier code), three processes.
const coldScript = `
  const t0 = performance.now();
  const { createEngine } = await import(${JSON.stringify(pathToFileURL(path.join(engineDir, 'lrlab-node.mjs')).href)});
  const engine = await createEngine();
  const t1 = performance.now();
  await engine.train(${JSON.stringify(seedSpec)});
  const t2 = performance.now();
  console.log(JSON.stringify({ load: t1 - t0, first: t2 - t1 }));`;
const cold = [0, 1, 2].map(() =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', coldScript], { encoding: 'utf8' })),
);

// ---- exported runs (TF.js and PyTorch train from the engine's data and weights) -------
const exported = {};
for (const w of workloads) {
  const tmp = path.join(root, 'build', `bench-${w.name}.json`);
  await writeFile(tmp, JSON.stringify(w.spec));
  exported[w.name] = JSON.parse(
    execFileSync(nativeBench, ['export', tmp], { encoding: 'utf8', maxBuffer: 1 << 30 }),
  );
}

// ---- PyTorch CPU eager ------------------------------------------------------------------
let torchVersion = null;
if (!args.includes('--no-torch')) {
  const file = path.join(root, 'build', 'bench-torch.json');
  await writeFile(
    file,
    JSON.stringify(
      workloads.map((w) => ({ name: w.name, spec: w.spec, repeat: w.repeat, export: exported[w.name] })),
    ),
  );
  try {
    const out = JSON.parse(
      execFileSync('/usr/bin/python3', [path.join(root, 'scripts/bench_torch.py'), file], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    torchVersion = out.torch;
    for (const w of out.workloads) column('torch')[w.name] = samplesOf[w.name] / w.seconds;
  } catch (e) {
    console.log(
      `(PyTorch skipped: ${String(e.stderr || e.message)
        .trim()
        .split('\n')
        .at(-1)})`,
    );
  }
}

// ---- TF.js ---------------------------------------------------------------------------
if (!args.includes('--no-tfjs')) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const tfwasm = await import('@tensorflow/tfjs-backend-wasm');
  tfwasm.setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
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
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const w of workloads) {
      const ex = exported[w.name];
      tfTrain(w, ex, 1); // warm-up
      const times = [];
      for (let i = 0; i < Math.min(w.repeat, 3); i++) times.push(tfTrain(w, ex, w.spec.epochs));
      column(`tfjs-${backend}`)[w.name] = samplesOf[w.name] / best(times);
    }
  }
}

// ---- tables ----------------------------------------------------------------------------
const millions = (v) => (v === undefined ? '-' : `${(v / 1e6).toFixed(v >= 1e6 ? 2 : 3)} M`);
function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`,
    );
    if (i === 0)
      console.log(
        `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
      );
  }
}
const columns = Object.keys(rate);
console.log('Training throughput, samples/s (ratio to the Eigen baseline), one thread, best of N:');
console.log('');
printTable([
  ['workload', ...columns],
  ...workloads.map((w) => [
    `${w.name} ${w.spec.model.sizes.join('→')}, batch ${w.spec.batch_size}, ${w.spec.epochs} ep`,
    ...columns.map((c) => {
      const v = rate[c][w.name];
      if (v === undefined) return '-';
      return c === 'Eigen' ? millions(v) : `${millions(v)} (${(v / rate.Eigen[w.name]).toFixed(2)})`;
    }),
  ]),
]);
console.log('');
console.log('Eigen baseline vs our engine (same math, other summation order), last epoch loss / weights:');
for (const w of native.workloads) {
  console.log(
    `  ${w.name}: loss rel diff ${w.eigen_final_loss_rel_diff.toExponential(1)}, ` +
      `max |weight diff| ${w.eigen_max_weight_diff.toExponential(1)}`,
  );
}
if (torchVersion)
  console.log(`torch ${torchVersion} (torch.set_num_threads(1), eager, loss.item() per batch)`);
console.log('');
const seedMs = best(seedTimes);
console.log(
  `one seed-lesson training via engine.train() (data + split + 10 epochs + records + result): ` +
    `warm best ${seedMs.toFixed(2)} ms, median ${median(seedTimes).toFixed(2)} ms; ` +
    `native ${native.seed_lesson_ms.toFixed(2)} ms`,
);
console.log(
  `cold (fresh Node process): createEngine ${median(cold.map((c) => c.load)).toFixed(1)} ms, ` +
    `first training ${median(cold.map((c) => c.first)).toFixed(2)} ms (median of 3 processes)`,
);
const ratios = workloads.map((w) => rate['wasm simd'][w.name] / rate.Eigen[w.name]);
const worst = Math.min(...ratios);
const peers = ['tfjs-wasm', 'tfjs-cpu', 'torch'].filter((c) => rate[c]?.[workloads[0].name]);
const lead = Math.min(...peers.map((c) => rate['wasm simd'][workloads[0].name] / rate[c][workloads[0].name]));
console.log('');
console.log(`targets:`);
console.log(
  `  wasm simd / Eigen >= 0.6 on every workload: ${worst >= 0.6 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)})`,
);
console.log(
  `  seed-lesson training <= 1 ms warm (Node): ${seedMs <= 1 ? 'met' : 'NOT met'} (${seedMs.toFixed(2)} ms)`,
);
if (peers.length)
  console.log(
    `  seed workload >= 30x ahead of ${peers.join(', ')}: ${lead >= 30 ? 'met' : 'NOT met'} (${lead.toFixed(0)}x)`,
  );
const jsonOut = opt('--json', null);
if (jsonOut) {
  await writeFile(jsonOut, JSON.stringify({ rate, samplesOf, seedTimes, cold, native }, null, 1));
}
