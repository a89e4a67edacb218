// Compile-only check of the published typings (dist/engine/lrlab.d.ts): what a
// TypeScript user of the package writes must type-check, and misuse must not.
import { createEngine, type EpochRecord, type ScheduleResult, SpecError, type TrainResult } from 'lrlab';

async function main(): Promise<void> {
  const engine = await createEngine();
  const r: ScheduleResult = engine.schedule({
    optimizer: { type: 'SGD', lr: 0.1 },
    scheduler: { type: 'StepLR', step_size: 5, gamma: 0.5 },
    steps: 10,
  });
  const first: number = r.lr[0][0];
  const records: EpochRecord[] = [];
  const controller = new AbortController();
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
    if (e instanceof SpecError) console.log(e.path, first, acc);
  }
  // @ts-expect-error: not a PyTorch scheduler name
  engine.schedule({ optimizer: { type: 'SGD', lr: 0.1 }, scheduler: { type: 'StepLr' }, steps: 1 });
  // @ts-expect-error: optimizer type is checked too
  engine.schedule({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR' }, steps: 1 });
}

void main();
