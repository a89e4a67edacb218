// Compile-only check of the published typings (dist/engine/lrlab.d.ts): what a
// TypeScript user of the package writes must type-check, and misuse must not. Compiled with
// lib es2022 alone: the typings need neither the DOM lib nor @types/node.
import {
  createEngine,
  type EpochRecord,
  type ScheduleResult,
  SpecError,
  type TrainResult,
  type TrainSpec,
} from 'lrlab';

async function main(): Promise<void> {
  const engine = await createEngine();
  const r: ScheduleResult = engine.schedule({
    optimizer: { type: 'SGD', lr: 0.1 },
    scheduler: { type: 'StepLR', step_size: 5, gamma: 0.5 },
    steps: 10,
  });
  const first: number = r.lr[0][0];
  const records: EpochRecord[] = [];
  const controller = { signal: { aborted: false } }; // an AbortController in a real program
  const t: TrainResult = await engine.train(
    {
      data: { dataset: 'iris', seed: 1 },
      model: { sizes: [4, 8, 3] },
      optimizer: { type: 'Adam', lr: 0.01 },
      epochs: 5,
      batch_size: 16,
    },
    { onEpoch: (rec) => records.push(rec), signal: controller.signal },
  );
  const acc: number | null = t.test_accuracy;
  const run = engine.scheduleRun(
    '{"optimizer": {"type": "SGD", "lr": 1}, "scheduler": {"type": "ExponentialLR", "gamma": 0.5}, "steps": 4}',
  );
  run.step(2);
  run.loadStateDict(run.stateDict());
  run.delete();
  try {
    engine.schedule({
      optimizer: { type: 'SGD', lr: 0.1 },
      scheduler: { type: 'StepLR', step_size: 0 },
      steps: 1,
    });
  } catch (e) {
    if (e instanceof SpecError) report(e.path, first, acc);
  }
  const description = engine.describe();
  const batchStepped: string[] = description.schedulers.filter((s) => s.step === 'batch').map((s) => s.type);
  report(batchStepped.length, r.warnings?.[0]?.path, r.error?.type);
  // Typed kwargs: a misspelt kwarg and a wrongly typed value fail to compile.
  engine.schedule({
    optimizer: { type: 'SGD', lr: 0.1 },
    // @ts-expect-error: stepsize is not a StepLR kwarg (step_size is)
    scheduler: { type: 'StepLR', stepsize: 5 },
    steps: 1,
  });
  engine.schedule({
    optimizer: { type: 'SGD', lr: 0.1 },
    // @ts-expect-error: step_size is a number, not a string
    scheduler: { type: 'StepLR', step_size: '5' },
    steps: 1,
  });
  engine.schedule({
    // @ts-expect-error: betas belongs to Adam, not SGD
    optimizer: { type: 'SGD', lr: 0.1, betas: [0.9, 0.99] },
    scheduler: { type: 'ExponentialLR', gamma: 0.9 },
    steps: 1,
  });
  engine.schedule({
    optimizer: { type: 'Adam', param_groups: [{ lr: 0.1 }, { betas: [0.8, 0.9] }] },
    scheduler: {
      type: 'SequentialLR',
      milestones: [3],
      schedulers: [
        { type: 'LinearLR', start_factor: 0.1, total_iters: 3 },
        { type: 'CyclicLR', base_lr: [0.01, 0.02], max_lr: 0.1, cycle_momentum: false, scale_mode: 'Cycle' },
      ],
    },
    steps: 1,
  });
  engine.trainSession({
    data: { dataset: 'iris' },
    model: { sizes: [4, 8, 3] },
    optimizer: { type: 'SGD', lr: 0.1 },
    // @ts-expect-error: stepsize is not a StepLR kwarg (step_size is)
    scheduler: { type: 'StepLR', stepsize: 5 },
    epochs: 2,
    batch_size: 16,
  });
  // An epoch record has its per-batch arrays unless the spec's batch_records leaves them out.
  const base = {
    data: { dataset: 'iris' },
    model: { sizes: [4, 8, 3] },
    optimizer: { type: 'SGD', lr: 0.1 },
    epochs: 2,
    batch_size: 16,
  } satisfies TrainSpec;
  const batched = engine.trainSession({ ...base, scheduler: { type: 'StepLR', step_size: 1 } }).next();
  report(batched?.batch_loss.length, batched?.lr_steps[0][0]);
  const lean = engine.trainSession({ ...base, batch_records: false }).next();
  report(lean?.train_loss, lean?.lr_after[0]);
  // @ts-expect-error: batch_records: false leaves batch_loss out of the records
  report(lean?.batch_loss);
  // A TrainSpec variable may say either: the arrays are there or not.
  const spec: TrainSpec = base;
  const either = engine.trainSession(spec).next();
  report(either?.batch_loss?.length);
  // @ts-expect-error: maybe absent
  report(either?.batch_loss.length);
  const leanResult = await engine.train(
    { ...base, batch_records: false },
    { onEpoch: (rec) => report(rec.val_accuracy) },
  );
  report(leanResult.batch_loss[0], leanResult.epochs[0].val_loss);
  // @ts-expect-error: the result's records follow batch_records too (the result keeps its arrays)
  report(leanResult.epochs[0].batch_loss);
  const fullResult = await engine.train(base, { onEpoch: (rec) => report(rec.batch_loss.length) });
  report(fullResult.epochs[0].batch_loss.length);
  // A misspelt optional kwarg fails too, in an inline spec and a spread one, lean or not.
  engine.trainSession({
    ...base,
    // @ts-expect-error: gama is not a StepLR kwarg (gamma is)
    scheduler: { type: 'StepLR', step_size: 1, gama: 0.5 },
  });
  engine.trainSession({
    ...base,
    batch_records: false,
    // @ts-expect-error: momentun is not an SGD kwarg (momentum is)
    optimizer: { type: 'SGD', lr: 0.1, momentun: 0.9 },
  });
  await engine.train({
    ...base,
    // @ts-expect-error: gama is not an ExponentialLR kwarg
    scheduler: { type: 'ExponentialLR', gama: 0.5 },
  });
  // A spec of type any (JSON.parse) reads like a default one.
  const parsed = JSON.parse('{}');
  report(engine.trainSession(parsed).next()?.batch_loss.length);
  // @ts-expect-error: not a PyTorch scheduler name
  engine.schedule({ optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'StepLr' }, steps: 1 });
  // @ts-expect-error: optimizer type is checked too
  engine.schedule({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR' }, steps: 1 });
}

function report(...values: unknown[]): void {
  void values;
}

void main();
