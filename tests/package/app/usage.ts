// What a TypeScript user writes, compiled with lib es2022 only (no DOM, no @types/node).
import { createEngine, datasetNames, parseCsv, type ScheduleResult, SpecError } from 'lrlab';

export async function main(): Promise<number> {
  const engine = await createEngine({ locateFile: (file) => `/assets/${file}` });
  const r: ScheduleResult = engine.schedule({
    optimizer: { type: 'SGD', lr: 0.1 },
    scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
    steps: 4,
  });
  await engine.loadDataset(datasetNames[0]);
  const t = await engine.train(
    {
      data: { dataset: 'iris' },
      model: { sizes: [4, 3] },
      optimizer: { type: 'SGD', lr: 0.1 },
      epochs: 1,
      batch_size: 8,
    },
    { onEpoch: (e) => e.epoch },
  );
  const csv = await parseCsv('a,b\n1,x\n2,y\n', { labelColumn: 'b' });
  try {
    engine.schedule('{}');
  } catch (e) {
    if (e instanceof SpecError) return e.path.length;
  }
  return r.lr[0][0] + (t.test_accuracy ?? 0) + csv.x.length;
}
