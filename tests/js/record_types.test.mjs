// The record types of lrlab.d.ts against what the engine really writes: real results (schedules
// with an error, warnings, plateau state, momentum; trainings that finish, diverge and stop on a
// scheduler error; a trace, a data summary, engine.describe()) are written into a TypeScript file
// as literals of their declared types and compiled with tsc --strict, lib es2022 only. A field
// the types lack, or a null where they say number, fails the compile.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { enginePath, loadCases, root, specOf } from './fixture_compare.mjs';

const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

const iris = (over = {}) => ({
  data: { dataset: 'iris', seed: 1, test_fraction: 0.2 },
  model: { sizes: [4, 5, 3], seed: 0 },
  optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
  epochs: 4,
  batch_size: 32,
  ...over,
});

async function samples() {
  const cases = [...loadCases('schedules.json'), ...loadCases('torch-accepts.json')];
  const pick = (name) => specOf(cases.find((c) => c.name === name));
  /** @type {Array<[string, string, unknown]>} */
  const out = [];
  for (const name of [
    'onecycle-overstep-error',
    'negative-gamma',
    'cycled-momentum-above-1',
    'negative-step-epoch',
  ]) {
    out.push(['ScheduleResult', name, engine.schedule(pick(name))]);
  }
  const plateau = cases.find((c) => c.scheduler.type === 'ReduceLROnPlateau');
  out.push(['ScheduleResult', 'plateau', engine.schedule(specOf(plateau))]);
  const run = engine.scheduleRun(pick('negative-gamma'));
  run.step(3);
  const resumed = engine.scheduleRun(pick('negative-gamma'));
  resumed.loadStateDict(run.stateDict());
  resumed.step(100);
  out.push(['ScheduleResult', 'resumed', resumed.result()]);
  run.delete();
  resumed.delete();

  const trainings = {
    plain: iris({ scheduler: { type: 'StepLR', step_size: 2 } }),
    onecycle_batch_error: iris({
      scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: 3 },
      scheduler_step: 'batch',
    }),
    onecycle_epoch_error: iris({
      scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: 2 },
      scheduler_step: 'epoch',
    }),
    diverged: iris({ optimizer: { type: 'SGD', lr: 1e5 } }),
    plateau: iris({
      scheduler: { type: 'ReduceLROnPlateau', patience: 0 },
      optimizer: { type: 'Adam', lr: 0.01 },
    }),
    cyclic: iris({
      scheduler: { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, step_size_up: 2 },
      scheduler_step: 'batch',
    }),
    // torch runs a negative gamma (the LR flips sign each cut); the result says so.
    warned: iris({ scheduler: { type: 'StepLR', step_size: 2, gamma: -0.5 } }),
    validation: iris({
      data: { dataset: 'iris', seed: 1, test_fraction: 0.2, validation_fraction: 0.2 },
      scheduler: { type: 'ReduceLROnPlateau', patience: 0 },
    }),
  };
  await engine.loadDataset('iris'); // trainSession() does not fetch data sets; train() would
  for (const [name, spec] of Object.entries(trainings)) {
    const session = engine.trainSession(spec);
    for (let r = session.next(); r; r = session.next()) out.push(['EpochRecord', `${name} epoch`, r]);
    out.push(['TrainResult', name, session.result()]);
    out.push(['DataSummary', name, session.dataSummary()]);
    out.push(['SpecWarning[]', `${name} warnings`, session.warnings]);
    out.push(['PredictionTrace', name, session.trace(0, 'test')]);
    session.delete();
  }
  out.push(['EngineDescription', 'describe', engine.describe()]);
  return out;
}

test('real engine output type-checks against lrlab.d.ts (tsc --strict, lib es2022)', async () => {
  const all = await samples();
  const kinds = new Set(all.map(([type]) => type.replace('[]', '')));
  // Each shape that can occur must have occurred, or the check would prove less than it says.
  const written = JSON.stringify(all);
  for (const field of [
    '"warnings"',
    '"error"',
    '"plateau"',
    '"momentum"',
    '"diverged"',
    '"batch":null',
    '"start_step"',
    '"test_loss"',
  ]) {
    assert.ok(written.includes(field), `no sample carries ${field}`);
  }
  const warned = all.find(([, name]) => name === 'warned warnings')?.[2];
  assert.match(JSON.stringify(warned), /scheduler\.gamma/, 'a training run reports torch warnings');
  const summary = all.find(([type, name]) => type === 'DataSummary' && name === 'validation')?.[2];
  assert.ok(/** @type {any} */ (summary).n_validation > 0, 'a validation split is summarised');
  const dir = new URL('build/record-types/', root);
  mkdirSync(dir, { recursive: true });
  let source = `import type { ${[...kinds].join(', ')} } from '../../dist/engine/lrlab.js';\n\n`;
  all.forEach(([type, name, value], i) => {
    source += `// ${name}\nexport const sample${i}: ${type} = ${JSON.stringify(value)};\n`;
  });
  writeFileSync(new URL('records.ts', dir), source);
  writeFileSync(
    new URL('tsconfig.json', dir),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022'],
        types: [],
      },
      files: ['records.ts'],
    }),
  );
  const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', root));
  const compile = spawnSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('tsconfig.json', dir))], {
    encoding: 'utf8',
  });
  assert.equal(compile.status, 0, compile.stdout.slice(0, 4000) + compile.stderr);
});
