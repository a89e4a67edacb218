// What every consumer runs, in Node and in each page: a StepLR schedule and a short
// training on iris, whose data set the engine loads on demand.
export async function check(createEngine) {
  const engine = await createEngine();
  const lr = engine.schedule({
    optimizer: { type: 'SGD', lr: 0.1 },
    scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
    steps: 6,
  }).lr[0];
  const result = await engine.train({
    data: { dataset: 'iris', seed: 1 },
    model: { sizes: [4, 8, 3], seed: 1 },
    optimizer: { type: 'Adam', lr: 0.01 },
    scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
    epochs: 4,
    batch_size: 16,
  });
  return { lr, epochLoss: result.epoch_loss, testAccuracy: result.test_accuracy };
}
