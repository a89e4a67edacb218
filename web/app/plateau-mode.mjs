// ReduceLROnPlateau's mode against the metric it is given. Mode 'min' counts a fall as an
// improvement (a loss), 'max' a rise (an accuracy); the wrong one counts every improvement as a bad
// epoch, so the LR is cut every patience + 1 epochs whatever the run does (PyTorch 1.13
// lr_scheduler.py, ReduceLROnPlateau._cmp). docs/run-spec.md: plateau_metric defaults to a loss.

/**
 * The mismatch between a training run-spec's ReduceLROnPlateau mode and its plateau_metric, in
 * words, or null when they agree (or the spec has no ReduceLROnPlateau).
 * @param {{scheduler?: {type?: string, mode?: string} | null, plateau_metric?: string} | null | undefined} spec
 */
export function plateauModeMismatch(spec) {
  const s = spec?.scheduler;
  if (s?.type !== 'ReduceLROnPlateau') return null;
  const mode = s.mode ?? 'min';
  const metric = spec.plateau_metric ?? 'val_loss';
  const isLoss = metric.endsWith('loss');
  if ((mode === 'min') === isLoss) return null;
  return (
    `ReduceLROnPlateau is in mode '${mode}' but is given ${metric}, which ${isLoss ? 'falls' : 'rises'} as the model improves: ` +
    `every improvement counts as a bad epoch, so it cuts the LR every patience + 1 epochs whatever the run does. ` +
    `Use mode '${isLoss ? 'min' : 'max'}' for ${isLoss ? 'a loss' : 'an accuracy'}.`
  );
}
