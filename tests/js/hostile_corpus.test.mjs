// Issue 8: the engine survives anything. A corpus of hostile inputs goes through the JS API
// (and a sample through the CLI): every one must end in an Error subclass with a message (a
// SpecError with a path, or a refusal stating a cost and its limit), parsing must stay linear,
// and afterwards a valid spec still gives PyTorch's numbers with the heap where it started.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertScheduleCase, enginePath, loadCases, root, specOf } from './fixture_compare.mjs';

const { createEngine, SpecError, EngineError } =
  /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (await import(enginePath.href));
const engine = await createEngine();
const cli = fileURLToPath(new URL('wasm/js/cli.mjs', root));
const heapAtStart = engine.stats().heapInUseBytes;

const SGD = { type: 'SGD', lr: 0.1 };
const stepLR = { optimizer: SGD, scheduler: { type: 'StepLR', step_size: 2 }, steps: 5 };
const seedTraining = {
  data: { dataset: 'synthetic', n_samples: 200, n_features: 4, n_classes: 2, seed: 1 },
  model: { sizes: [4, 4, 2], seed: 0 },
  optimizer: SGD,
  scheduler: { type: 'StepLR', step_size: 2 },
  epochs: 2,
};
// A CSV file as the engine receives it (read in JS): a cell that is not a number.
const csvTraining = (cell) => ({
  ...seedTraining,
  model: { sizes: [2, 4, 2], seed: 0 },
  data: {
    dataset: 'csv',
    x: [
      [1, 2],
      [3, cell],
    ],
    y: [0, 1],
    feature_names: ['a', 'b'],
    class_names: ['n', 'y'],
  },
});

// What any hostile input must end in.
/**
 * @param {unknown} e what a call threw
 * @returns {Error & {path?: string, kind?: string}} a SpecError (with its path) or an EngineError
 */
function assertCleanError(e, what) {
  assert.ok(e instanceof Error, `${what}: not an Error: ${String(e)}`);
  assert.ok(e instanceof SpecError || e instanceof EngineError, `${what}: ${e.name}: ${e.message}`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0 && e.message.length < 2500, `${what}: message length ${e.message.length}`);
  assert.ok(e.message.isWellFormed(), `${what}: message is not well-formed Unicode`);
  if (e instanceof SpecError) assert.ok(e.path, `${what}: SpecError without a path: ${e.message}`);
  return e;
}

const calls = {
  schedule: (s) => engine.schedule(s),
  scheduleRun: (s) => engine.scheduleRun(s).delete(),
  trainSession: (s) => engine.trainSession(s).delete(),
};

// Runs one corpus case; returns the error for further checks.
function refused(call, spec, what) {
  let error;
  try {
    calls[call](spec);
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${what}: accepted`);
  return assertCleanError(error, what);
}

const timed = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const fastest = (xs) => Math.min(...xs); // the run least disturbed by other work

let corpusSize = 0;
const corpus = (call, spec, what) => {
  corpusSize += 1;
  return refused(call, spec, what);
};

// Characters that break naive text handling. Through the JS API a lone surrogate arrives as
// U+FFFD (text is encoded with TextEncoder; the JS CLI decodes files as UTF-8). Bytes that are
// not UTF-8 reach the engine's parser in the native tests (wasm/tests/hostile_input_test.cpp)
// and the fuzzer (npm run fuzz).
const HOSTILE_CHARS = {
  'e-acute': 'é',
  'replacement char': '\uFFFD',
  'lone high surrogate': '\uD800',
  'lone low surrogate': '\uDC00',
  emoji: '😀',
  'half an emoji': '😀'.slice(0, 1),
  'byte-order mark': '\uFEFF',
  nul: '\u0000',
  'control char': '\u0007',
  'right-to-left override': '\u202E',
};

test('non-ASCII and invalid UTF-8 at every position class', () => {
  const base = JSON.stringify(stepLR);
  const positions = {
    'first character': (c) => c + base,
    'last character': (c) => base + c,
    'between tokens': (c) => base.replace(',', `,${c}`),
    'inside a key': (c) => base.replace('"steps"', `"st${c}eps"`),
    'inside a number': (c) => base.replace('0.1', `0.${c}1`),
    'inside a literal': (c) => `{"a": tr${c}ue}`,
    'scheduler.type': (c) => base.replace('"StepLR"', `"${'x'.repeat(37)}${c.repeat(4)}"`),
    'optimizer.type': (c) => base.replace('"SGD"', `"SG${c}D"`),
    'string lr': (c) => base.replace('0.1', `"${'x'.repeat(38)}${c}"`),
    'plateau mode': (c) =>
      JSON.stringify({
        optimizer: SGD,
        scheduler: { type: 'ReduceLROnPlateau', mode: `m${'i'.repeat(37)}${c}${c}` },
        steps: 1,
        metrics: [1],
      }),
    'whole text': (c) => c.repeat(1000),
  };
  for (const [where, make] of Object.entries(positions)) {
    for (const [name, c] of Object.entries(HOSTILE_CHARS)) {
      const text = make(c);
      let e;
      try {
        engine.schedule(text);
        continue; // e.g. a BOM between tokens is not JSON whitespace, but some inputs stay valid
      } catch (err) {
        e = err;
      }
      corpusSize += 1;
      assertCleanError(e, `${name} at ${where}`);
    }
  }
  // The reproducers of the issue, exactly: a field error keeps its field.
  const cut = `{"optimizer":{"type":"SGD","lr":0.1},"scheduler":{"type":"${'x'.repeat(37)}éééé"},"steps":1}`;
  assert.equal(corpus('schedule', cut, 'cut multi-byte value').path, 'scheduler.type');
  assert.equal(corpus('schedule', 'é', 'é alone').path, 'spec');
  for (const [name, c] of Object.entries(HOSTILE_CHARS)) {
    const e = corpus(
      'trainSession',
      { ...seedTraining, data: { ...seedTraining.data, dataset: `syn${c}` } },
      name,
    );
    // text that is not UTF-8 is refused as a whole before any field is read
    assert.equal(e.path, c.isWellFormed() ? 'data.dataset' : 'spec', name);
    corpus('trainSession', csvTraining(`${'x'.repeat(28)}${c}${c}`), `CSV cell with ${name}`);
  }
});

test('truncation at every position of a spec with multi-byte text', () => {
  const text = JSON.stringify({
    name: 'café 😀 ünïcödé',
    optimizer: SGD,
    scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
    steps: 5,
  });
  for (let i = 0; i < text.length; i++) corpus('schedule', text.slice(0, i), `cut at ${i}`);
});

test('duplicate keys are an error naming the key', () => {
  const e = corpus(
    'schedule',
    '{"optimizer":{"type":"SGD","lr":0.1,"lr":0.2},"scheduler":{"type":"StepLR","step_size":1},"steps":1}',
    'dup',
  );
  assert.equal(e.path, 'optimizer.lr');
  assert.match(e.message, /^optimizer\.lr: duplicate key$/);
});

test('parsing is linear: 40,000-object arrays cost about 4x 10,000 (not 16x)', () => {
  const shapes = {
    'unknown key': (n) => `{"zzz":[${Array(n).fill('{}').join(',')}]}`,
    param_groups: (n) =>
      `{"optimizer":{"type":"SGD","lr":0.1,"param_groups":[${Array(n).fill('{}').join(',')}]},"scheduler":{"type":"StepLR","step_size":1},"steps":1}`,
    schedulers: (n) =>
      `{"optimizer":{"type":"SGD","lr":0.1},"scheduler":{"type":"ChainedScheduler","schedulers":[${Array(n).fill('{"type":"ConstantLR"}').join(',')}]},"steps":100000}`,
  };
  for (const [shape, make] of Object.entries(shapes)) {
    const small = make(10000);
    const large = make(40000);
    corpus('schedule', small, shape);
    const tSmall = fastest([0, 1, 2].map(() => timed(() => refused('schedule', small, shape))));
    const tLarge = fastest([0, 1, 2].map(() => timed(() => refused('schedule', large, shape))));
    corpusSize += 1;
    console.log(`# ${shape}: 10k objects ${tSmall.toFixed(1)} ms, 40k objects ${tLarge.toFixed(1)} ms`);
    // linear: ~4x; quadratic: ~16x (before the fix: 1.3 s and 21.6 s). Budget 10x the small
    // input (+50 ms for timer noise and memory growth).
    assert.ok(tLarge < 10 * tSmall + 50, `${shape}: 40k objects took ${tLarge} ms, 10k took ${tSmall} ms`);
  }
});

test('10 MB strings are refused at their path, in time linear in their length', () => {
  // No string a spec needs is longer than 64 KiB (names, notes, expressions): a longer one is
  // refused before the JSON lexer reads it, at the path where it sits.
  const specs = (big) => ({
    note: { ...stepLR, note: big },
    'scheduler.type': { ...stepLR, scheduler: { type: big } },
    'optimizer.type': { ...stepLR, optimizer: { type: big, lr: 0.1 } },
    'scheduler (a key)': { ...stepLR, scheduler: { type: 'StepLR', step_size: 1, [big]: 1 } },
  });
  // As text, so the timing is the engine's (the JS API's own JSON.stringify is V8's business).
  const asText = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, JSON.stringify(v)]));
  const small = asText(specs('S'.repeat(1024 * 1024)));
  const large = asText(specs('S'.repeat(10 * 1024 * 1024)));
  for (const path of Object.keys(large)) {
    /** @type {Error & {path?: string}} */
    let e;
    const tSmall = fastest([0, 1, 2].map(() => timed(() => refused('schedule', small[path], path))));
    const tLarge = fastest(
      [0, 1, 2].map(() =>
        timed(() => {
          e = corpus('schedule', large[path], path);
        }),
      ),
    );
    assert.equal(e.path, path);
    assert.match(e.message, /a string of 10485760 bytes; a spec's strings are at most 65536 bytes/);
    assert.doesNotMatch(e.message, /did you mean/);
    console.log(
      `# 10 MB string at ${path}: refused in ${tLarge.toFixed(1)} ms (1 MB: ${tSmall.toFixed(1)} ms)`,
    );
    // Linear is 10x, quadratic 100x; the budget leaves room for a busy machine (node --test runs
    // files in parallel).
    assert.ok(tLarge < 25 * tSmall + 100, `${path}: 10 MB took ${tLarge} ms, 1 MB took ${tSmall} ms`);
  }
  const e = corpus(
    'trainSession',
    { ...seedTraining, data: { ...seedTraining.data, dataset: 'S'.repeat(10 * 1024 * 1024) } },
    'data.dataset',
  );
  assert.equal(e.path, 'data.dataset');
});

test('fan-out trees and oversized trainings are refused up front with their cost and the limit', () => {
  const tree = (depth) =>
    depth === 0
      ? { type: 'StepLR', step_size: 1 }
      : { type: 'ChainedScheduler', schedulers: Array.from({ length: 32 }, () => tree(depth - 1)) };
  const fanOut = JSON.stringify({ optimizer: SGD, scheduler: tree(3), steps: 1000000 });
  /** @type {Error} */
  let e;
  const t = timed(() => {
    e = corpus('schedule', fanOut, 'fan-out 32x32x32');
  });
  assert.match(e.message, /^steps: the schedule costs [\d,]+ scheduler updates .* the limit is [\d,]+$/);
  // Refused before any scheduler is built: as fast as refusing the same text for a bad step count.
  const tRead = timed(() =>
    corpus('schedule', fanOut.replace('"steps":1000000', '"steps":-1'), 'fan-out, steps -1'),
  );
  assert.ok(t < 3 * tRead + 50, `refused in ${t} ms; reading the text takes ${tRead} ms`);
  corpus('scheduleRun', fanOut, 'fan-out, step by step');

  const huge = {
    data: { dataset: 'synthetic', n_samples: 100000, n_features: 100, n_classes: 2, seed: 0 },
    model: { sizes: [100, 1024, 1024, 1024, 1024, 2], seed: 0 },
    optimizer: SGD,
    scheduler: null,
    epochs: 1250,
    batch_size: 1024,
  };
  for (const epochs of [1250, 1]) {
    // Refused before the 100,000 x 100 synthetic set (40 MB of floats) is generated: the wasm
    // heap neither grows nor keeps anything (deterministic, unlike a timing).
    const before = engine.stats();
    e = corpus('trainSession', { ...huge, epochs }, `oversized training, ${epochs} epochs`);
    assert.match(e.message, /^epochs: the training costs [\d,]+ multiply-adds .* the limit is [\d,]+/);
    const after = engine.stats();
    assert.equal(after.heapBytes, before.heapBytes, 'the heap did not grow');
    assert.equal(after.heapInUseBytes, before.heapInUseBytes, 'nothing allocated is kept');
    assert.ok(before.heapBytes < 100000 * 100 * 4, 'the data set would not have fit in the heap as it is');
  }
});

test('numeric arguments of the JS API are checked, not coerced', () => {
  const run = engine.scheduleRun(stepLR);
  for (const n of [Number.NaN, 'a', 2 ** 32, 2 ** 32 + 3, -1, 1.5, Infinity, null, {}, 10n]) {
    const e = assertCleanError(
      (() => {
        try {
          // @ts-expect-error: arguments of every type on purpose; the API checks them
          run.step(n);
        } catch (err) {
          return err;
        }
      })(),
      `step(${String(n)})`,
    );
    corpusSize += 1;
    assert.equal(e.path, 'count');
  }
  assert.equal(run.step(2).steps_done, 2, 'a good call still works');
  for (const s of [null, 'x', [1], 42]) {
    corpusSize += 1;
    assert.throws(
      () => run.loadStateDict(s),
      (e) => !!assertCleanError(e, `loadStateDict(${s})`),
    );
  }
  run.delete();
  const session = engine.trainSession(seedTraining);
  for (const i of [2 ** 31, 2 ** 32 + 1, -1, 0.5, Number.NaN, '1']) {
    corpusSize += 1;
    const e = assertCleanError(
      (() => {
        try {
          session.trace(i);
        } catch (err) {
          return err;
        }
      })(),
      `trace(${String(i)})`,
    );
    assert.equal(e.path, 'sample');
  }
  session.delete();
});

test('the CLI exits 2 with a message for bad input, whatever the bytes', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-hostile-'));
  const files = {
    'e-acute.json': Buffer.from('é'),
    'invalid-bytes.json': Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    'utf16.json': Buffer.from(`\uFEFF${JSON.stringify(stepLR)}`, 'utf16le'),
    'cut.json': Buffer.from(
      `{"optimizer":{"type":"SGD","lr":0.1},"scheduler":{"type":"${'x'.repeat(37)}éééé"},"steps":1}`,
    ),
    'fan-out.json': Buffer.from(
      JSON.stringify({
        optimizer: SGD,
        scheduler: { type: 'ChainedScheduler', schedulers: Array(64).fill({ type: 'ConstantLR' }) },
        steps: 1000000,
      }),
    ),
  };
  for (const [name, bytes] of Object.entries(files)) {
    await writeFile(path.join(dir, name), bytes);
    const run = spawnSync(process.execPath, [cli, 'schedule', path.join(dir, name)], { encoding: 'utf8' });
    corpusSize += 1;
    assert.equal(run.status, 2, `${name}: exit ${run.status}, ${run.stderr}`);
    assert.match(run.stderr, /^lrlab: \S+: /, name);
    assert.doesNotMatch(run.stderr, /undefined|internal error/, name);
  }
  const stdin = spawnSync(process.execPath, [cli, 'schedule', '-'], { input: 'é', encoding: 'utf8' });
  assert.equal(stdin.status, 2, stdin.stderr);
  const dir2 = spawnSync(process.execPath, [cli, 'schedule', dir], { encoding: 'utf8' });
  assert.equal(dir2.status, 2, dir2.stderr);
  // Reading stops at the 64 MiB cap: /dev/zero ends in the size error, not in memory exhaustion.
  const zero = spawnSync(process.execPath, [cli, 'schedule', '/dev/zero'], { encoding: 'utf8' });
  assert.equal(zero.status, 2, zero.stderr);
  assert.match(zero.stderr, /^lrlab: spec: must be at most 64 MiB/);
  corpusSize += 3;
});

// Issue 8 item 8: a saved state edited by hand or by an attacker. Every leaf of real state dicts
// (six schedulers, saved mid-run) is replaced by each hostile value. loadStateDict checks the
// same declared domains as the spec reader: a refusal is a clean SpecError under "state";
// whatever it accepts must run on to finite learning rates.
test('tampered state dicts are refused at their path or run on to finite LRs', () => {
  const cases = [
    { type: 'StepLR', step_size: 2, gamma: 0.5 },
    { type: 'OneCycleLR', max_lr: 0.1, total_steps: 30 },
    { type: 'CosineAnnealingWarmRestarts', T_0: 3, T_mult: 2, eta_min: 0.001 },
    { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, step_size_up: 2 },
    {
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', start_factor: 0.1, total_iters: 3 },
        { type: 'ExponentialLR', gamma: 0.9 },
      ],
      milestones: [3],
    },
    { type: 'ReduceLROnPlateau', patience: 1 },
  ];
  const hostile = [-1e308, 1e308, -1, 0, 1.5, 2 ** 53, 'NaN', 'x', null, true, [], {}, [-1], '1e999'];
  const leaves = (value, path = []) =>
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [
          ...(Array.isArray(v) ? [[...path, k]] : []),
          ...leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
        ])
      : [path];
  let refusedCount = 0;
  let accepted = 0;
  for (const scheduler of cases) {
    const spec = {
      optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
      scheduler,
      steps: 30,
      ...(scheduler.type === 'ReduceLROnPlateau' ? { metrics: Array(30).fill(1) } : {}),
    };
    const saved = engine.scheduleRun(spec);
    saved.step(5);
    const state = saved.stateDict();
    saved.delete();
    for (const path of leaves(state)) {
      for (const value of hostile) {
        const tampered = structuredClone(state);
        let at = tampered;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path.at(-1)] = value;
        const what = `${scheduler.type} ${path.join('.')} = ${JSON.stringify(value)}`;
        corpusSize += 1;
        const run = engine.scheduleRun(spec);
        try {
          run.loadStateDict(tampered);
        } catch (e) {
          assertCleanError(e, what);
          assert.ok(e.path.startsWith('state'), `${what}: path ${e.path}`);
          refusedCount += 1;
          run.delete();
          continue;
        }
        accepted += 1;
        run.step(30);
        for (const lr of run.result().lr.flat()) assert.ok(Number.isFinite(lr), `${what}: LR ${lr}`);
        run.delete();
      }
    }
  }
  console.log(
    `# tampered state dicts: ${refusedCount + accepted}, refused ${refusedCount}, accepted ${accepted}`,
  );
  assert.ok(refusedCount > accepted, 'most hostile values are outside the declared domains');
});

test('no leak per failed call: 100,000 failing calls leave the heap flat', () => {
  const before = engine.stats();
  const text = `é${'x'.repeat(1000)}`;
  for (let i = 0; i < 100000; i++) {
    try {
      engine.schedule(i % 2 ? text : '{"steps": 1, "steps": 2}');
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
    }
  }
  const after = engine.stats();
  assert.equal(after.openSessions, before.openSessions);
  assert.ok(
    after.heapInUseBytes - before.heapInUseBytes < 64 * 1024,
    `heap in use grew ${after.heapInUseBytes - before.heapInUseBytes} bytes`,
  );
  assert.equal(after.heapBytes, before.heapBytes, 'the WASM memory did not grow');
});

test('after the corpus, a valid spec still gives PyTorch numbers and the heap is where it started', () => {
  const cases = loadCases('schedules.json');
  for (const c of cases.slice(0, 20)) assertScheduleCase(engine.schedule(specOf(c)), c);
  const stats = engine.stats();
  console.log(
    `# corpus: ${corpusSize} hostile inputs; heap in use ${heapAtStart} -> ${stats.heapInUseBytes} bytes; memory ${stats.heapBytes} bytes`,
  );
  assert.equal(stats.openSessions, 0);
  assert.ok(
    Math.abs(stats.heapInUseBytes - heapAtStart) < 1024 * 1024,
    `heap in use ${heapAtStart} -> ${stats.heapInUseBytes}`,
  );
});

test('sessions the caller forgets to delete() are freed when garbage-collected', () => {
  const script = `
    const { createEngine } = await import(${JSON.stringify(enginePath.href)});
    const engine = await createEngine();
    const spec = ${JSON.stringify(stepLR)};
    const training = ${JSON.stringify(seedTraining)};
    (() => {
      for (let i = 0; i < 100; i++) {
        engine.scheduleRun(spec).step(1);
        engine.trainSession(training);
      }
    })();
    const kept = engine.scheduleRun(spec);
    const opened = engine.stats().openSessions;
    for (let i = 0; i < 50 && engine.stats().openSessions > 1; i++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(JSON.stringify({ opened, after: engine.stats().openSessions, kept: kept.step(1).steps_done }));`;
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const { opened, after, kept } = JSON.parse(run.stdout);
  assert.equal(opened, 201);
  assert.equal(after, 1, 'only the session still referenced stays open');
  assert.equal(kept, 1);
});
