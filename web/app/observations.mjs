// The "Observation" column of the epoch table, derived from events in the engine's records (never
// typed in): LR changes, loss going up or flattening, best test accuracy, plateau reductions,
// divergence. For ReduceLROnPlateau the notes speak of the metric the scheduler watches.
import { fmtAcc, fmtLr, fmtNum } from './number-format.mjs';

const PLATEAU_REL = 0.01; // |Δ loss| below 1 % of the loss counts as "plateaued"

/** Human name of a plateau metric key ("val_loss" -> "validation loss"). */
export function metricName(key, record) {
  const split = key.startsWith('val_') ? (record?.validation ? 'validation' : 'test') : 'training';
  return `${split} ${key.endsWith('loss') ? 'loss' : 'accuracy'}`;
}

export function observe(records, index, { diverged = null, metric = null } = {}) {
  const r = records[index];
  const prev = records[index - 1];
  const notes = [];
  if (index === 0) notes.push(`First epoch, learning rate ${fmtLr(r.lr[0])}`);
  if (prev && r.lr[0] !== prev.lr[0]) {
    notes.push(
      `Learning rate ${r.lr[0] < prev.lr[0] ? 'reduced' : 'raised'} to ${fmtLr(r.lr[0])} by the scheduler`,
    );
  }
  if (r.plateau && metric && Number.isFinite(r[metric])) {
    // the watched metric, as scheduler.step(metric) judged it
    const name = metricName(metric, r);
    if (r.plateau.num_bad_epochs === 0 && r.plateau.best === r[metric])
      notes.push(`Watched ${name} improved to ${fmtNum(r[metric], 4)}`);
    else if (r.plateau.cooldown_counter > 0 && r.plateau.num_bad_epochs === 0)
      notes.push(`Watched ${name} ${fmtNum(r[metric], 4)}; cooldown, not counted`);
    else
      notes.push(
        `Watched ${name} ${fmtNum(r[metric], 4)}, best ${fmtNum(r.plateau.best, 4)}: bad epoch ${r.plateau.num_bad_epochs}`,
      );
  } else if (prev && Number.isFinite(r.train_loss) && Number.isFinite(prev.train_loss)) {
    const d = r.train_loss - prev.train_loss;
    if (d > 0) notes.push('Training loss went up');
    else if (Math.abs(d) < PLATEAU_REL * Math.abs(prev.train_loss)) notes.push('Loss plateaued');
  }
  if (!Number.isFinite(r.train_loss)) notes.push('Loss is not a finite number');
  const acc = (x) => x.test_accuracy ?? null;
  if (acc(r) !== null && index > 0) {
    const bestBefore = Math.max(...records.slice(0, index).map((x) => acc(x) ?? -1));
    if (acc(r) > bestBefore) notes.push(`Best test accuracy so far (${fmtAcc(acc(r))})`);
  }
  if (r.plateau && r.lr_after && r.lr_after[0] < r.lr[0])
    notes.push(`More than patience bad epochs: LR cut to ${fmtLr(r.lr_after[0])} for the next epoch`);
  if (diverged && diverged.epoch === index) notes.push(`Training diverged (${diverged.reason})`);
  return notes.join('; ') || 'Loss decreased';
}
