// ReduceLROnPlateau's mode against the metric it is given. Mode 'min' counts a fall as an
// improvement (a loss), 'max' a rise (an accuracy). In the wrong mode every epoch that improves
// the model is a bad epoch: while training goes well the LR is cut every patience + 1 epochs
// (plus the cooldown after each cut) until min_lr (PyTorch 1.13 lr_scheduler.py,
// ReduceLROnPlateau.step and is_better). docs/run-spec.md: plateau_metric is a loss by default.

/**
 * The mismatch between a training run-spec's ReduceLROnPlateau mode and its plateau_metric, in
 * words, or null when they agree (or the spec has no ReduceLROnPlateau).
 * @param {{scheduler?: {type?: string, mode?: string, patience?: number, cooldown?: number, min_lr?: number | number[]} | null, plateau_metric?: string} | null | undefined} spec
 */
export function plateauModeMismatch(spec) {
  const s = spec?.scheduler;
  if (s?.type !== 'ReduceLROnPlateau') return null;
  const mode = s.mode ?? 'min';
  const metric = spec.plateau_metric ?? 'loss';
  const isLoss = metric.endsWith('loss');
  if ((mode === 'min') === isLoss) return null;
  const patience = s.patience ?? 10;
  const cooldown = s.cooldown ?? 0;
  const period = patience + 1 + cooldown;
  const minLr = Array.isArray(s.min_lr) ? Math.max(...s.min_lr) : (s.min_lr ?? 0);
  const given = metric === 'loss' ? 'a loss' : metric;
  return (
    `ReduceLROnPlateau is in mode '${mode}' but is given ${given}, which ${isLoss ? 'falls' : 'rises'} as the model improves: ` +
    `every epoch that improves it counts as a bad epoch, so while training goes well the LR is cut every ${period} epochs ` +
    `(patience ${patience} + 1${cooldown ? ` + cooldown ${cooldown}` : ''})${minLr > 0 ? ` until it reaches min_lr ${minLr}` : ''}. ` +
    `Use mode '${isLoss ? 'min' : 'max'}' for ${isLoss ? 'a loss' : 'an accuracy'}.`
  );
}
