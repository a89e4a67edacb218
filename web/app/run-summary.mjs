// The three numbers a sweep cell shows, from a run's epoch records (the engine's EpochRecord):
// the final held-out accuracy (training accuracy without a test split), the final training
// loss and the epoch with the best accuracy.
export function summarize(records) {
  const last = records.at(-1) ?? null;
  let best = null;
  for (const r of records) {
    const score = r.val_accuracy ?? r.train_accuracy;
    if (score != null && (best === null || score > best.score)) best = { epoch: r.epoch, score };
  }
  return {
    epochs: records.length,
    final_accuracy: last ? (last.val_accuracy ?? last.train_accuracy ?? null) : null,
    final_loss: last?.train_loss ?? null,
    best_epoch: best ? best.epoch : null,
    diverged: records.some((r) => r.diverged),
  };
}
