// The "Observation" column of the epoch table, derived from events in the engine's records (never
// typed in): LR changes, loss going up or flattening, best validation accuracy, plateau reductions,
// divergence.
import { fmtAcc, fmtLr } from './number-format.mjs';

const PLATEAU_REL = 0.01; // |Δ loss| below 1 % of the loss counts as "plateaued"

export function observe(records, index, { diverged = null } = {}) {
  const r = records[index];
  const prev = records[index - 1];
  const notes = [];
  if (index === 0) notes.push(`First epoch, learning rate ${fmtLr(r.lr[0])}`);
  if (prev && r.lr[0] !== prev.lr[0]) {
    notes.push(
      `Learning rate ${r.lr[0] < prev.lr[0] ? 'reduced' : 'raised'} to ${fmtLr(r.lr[0])} by the scheduler`,
    );
  }
  if (prev && Number.isFinite(r.train_loss) && Number.isFinite(prev.train_loss)) {
    const d = r.train_loss - prev.train_loss;
    if (d > 0) notes.push('Training loss went up');
    else if (Math.abs(d) < PLATEAU_REL * Math.abs(prev.train_loss)) notes.push('Loss plateaued');
  }
  if (!Number.isFinite(r.train_loss)) notes.push('Loss is not a finite number');
  const acc = (x) => x.val_accuracy ?? null;
  if (acc(r) !== null && index > 0) {
    const bestBefore = Math.max(...records.slice(0, index).map((x) => acc(x) ?? -1));
    if (acc(r) > bestBefore) notes.push(`Best test accuracy so far (${fmtAcc(acc(r))})`);
  }
  if (r.plateau && r.lr_after && r.lr_after[0] < r.lr[0])
    notes.push(
      `Plateau: no improvement for more than patience epochs, LR cut to ${fmtLr(r.lr_after[0])} for the next epoch`,
    );
  if (diverged && diverged.epoch === index) notes.push(`Training diverged (${diverged.reason})`);
  return notes.join('; ') || 'Loss decreased';
}
