// The "Observation" column of the epoch table, derived from events in the engine's records (never
// typed in): LR changes, loss going up or flattening, best test accuracy, plateau reductions,
// divergence. For ReduceLROnPlateau the notes speak of the metric the scheduler watches.
import { fmtAcc, fmtLoss, fmtLr, fmtNum } from './number-format.mjs';

const PLATEAU_REL = 0.01; // |Δ loss| below 1 % of the loss counts as "plateaued"

/** Human name of a plateau metric key ("val_loss" -> "validation loss"). */
export function metricName(key, record) {
  const split = key.startsWith('val_') ? (record?.validation ? 'validation' : 'test') : 'training';
  return `${split} ${key.endsWith('loss') ? 'loss' : 'accuracy'}`;
}

/**
 * Why ReduceLROnPlateau's step after this epoch called a cut ('' when it did not), from the
 * engine's judgement (docs/run-spec.md 4.1). A negative patience (torch does not check it)
 * calls one with a count of 0, on an improving epoch or in cooldown too: the reason comes from
 * `improved` and `cooldown`, never assumed to be a metric that was not better.
 */
export function plateauCutReason(r, metric, patience) {
  const d = r.plateau?.decision;
  if (!d?.triggered) return '';
  const why = d.improved
    ? `${fmtNum(r[metric], 4)} became the best, yet`
    : d.cooldown
      ? 'in cooldown (not counted), yet'
      : `${fmtNum(r[metric], 4)} not better than best ${fmtNum(r.plateau.best, 4)}:`;
  const lowered = r.lr_after && r.lr_after[0] < r.lr[0];
  return `${why} bad epoch ${d.bad_count} > ${patience}${lowered ? '' : ' (min_lr or eps keeps the LR)'}`;
}

// patience: ReduceLROnPlateau's, named in the note of the epoch that triggered a cut.
export function observe(records, index, { diverged = null, metric = null, patience = null } = {}) {
  const r = records[index];
  const prev = records[index - 1];
  const notes = [];
  if (index === 0) notes.push(`First epoch, learning rate ${fmtLr(r.lr[0])}`);
  // a per-batch schedule changes the LR inside epochs: compare with the previous epoch's last
  // step, and name a change within this epoch where it happened (lr_steps: the epoch's steps)
  const last = (x) => x.lr_steps?.[0]?.at(-1) ?? x.lr[0];
  if (prev && r.lr[0] !== last(prev)) {
    notes.push(
      `Learning rate ${r.lr[0] < last(prev) ? 'reduced' : 'raised'} to ${fmtLr(r.lr[0])} by the scheduler`,
    );
  }
  if (last(r) !== r.lr[0]) {
    notes.push(
      `Learning rate ${last(r) < r.lr[0] ? 'reduced' : 'raised'} within the epoch: ${fmtLr(r.lr[0])} → ${fmtLr(last(r))}`,
    );
  }
  // ReduceLROnPlateau's judgement of this epoch's metric, as the engine records it
  // (plateau.decision, docs/run-spec.md 4): the count it compared with patience, whether that
  // called a cut (which min_lr or eps may leave without effect) and whether cooldown hid it.
  const decision = r.plateau?.decision;
  const cut = !!(r.plateau && r.lr_after && r.lr_after[0] < r.lr[0]);
  const p = patience != null ? ` ${patience}` : '';
  const cutNote = decision?.triggered
    ? `bad epoch ${decision.bad_count} > patience${p}: ${
        cut
          ? `LR cut to ${fmtLr(r.lr_after?.[0])} for the next epoch`
          : `a cut, but the LR stays ${fmtLr(r.lr_after?.[0])} (min_lr or eps); cooldown starts`
      }`
    : '';
  if (decision && metric && Number.isFinite(r[metric])) {
    // the watched metric, as scheduler.step(metric) judged it
    const name = metricName(metric, r);
    const shown = `Watched ${name} ${fmtNum(r[metric], 4)}`;
    if (decision.triggered) notes.push(`${shown}, best ${fmtNum(r.plateau.best, 4)}: ${cutNote}`);
    else if (decision.improved)
      notes.push(
        `Watched ${name} improved to ${fmtNum(r[metric], 4)}${decision.cooldown ? ' (in cooldown)' : ''}`,
      );
    else if (decision.cooldown)
      notes.push(`${shown}, best ${fmtNum(r.plateau.best, 4)}: in cooldown, not counted`);
    else notes.push(`${shown}, best ${fmtNum(r.plateau.best, 4)}: bad epoch ${decision.bad_count}`);
  } else if (prev && Number.isFinite(r.train_loss) && Number.isFinite(prev.train_loss)) {
    const d = r.train_loss - prev.train_loss;
    // a change the table's 4 decimals do not show is none to the reader: a plateau
    const shownSame = fmtLoss(r.train_loss) === fmtLoss(prev.train_loss);
    if (d > 0 && !shownSame) notes.push('Training loss went up');
    else if (shownSame || Math.abs(d) < PLATEAU_REL * Math.abs(prev.train_loss)) notes.push('Loss plateaued');
  }
  if (!Number.isFinite(r.train_loss)) notes.push('Loss is not a finite number');
  const acc = (x) => x.test_accuracy ?? null;
  if (acc(r) !== null && index > 0) {
    const bestBefore = Math.max(...records.slice(0, index).map((x) => acc(x) ?? -1));
    if (acc(r) > bestBefore) notes.push(`Best test accuracy so far (${fmtAcc(acc(r))})`);
  }
  if (decision?.triggered && !(metric && Number.isFinite(r[metric]))) notes.push(cutNote.replace(/^b/, 'B'));
  if (diverged && diverged.epoch === index) notes.push(`Training diverged (${diverged.reason})`);
  return notes.join('; ') || 'Loss decreased';
}
