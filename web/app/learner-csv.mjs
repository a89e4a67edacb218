// The learner's own CSV file for the playground's "csv" data set: its name and text, kept in
// sessionStorage so a reload (or a slip of the back button) does not lose it. It never goes into
// the address bar: a file can be megabytes, and it is the learner's, not the link's. The worker
// reads it (engine-client readCsv); this module only keeps it. No DOM: run-spec.mjs reads it.

const KEY = 'lrlab-learner-csv';

function storage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage blocked (a sandboxed frame): the file lives as long as the page
  }
}

function restore() {
  try {
    const raw = storage()?.getItem(KEY);
    const v = raw ? JSON.parse(raw) : null;
    return v && typeof v.name === 'string' && typeof v.text === 'string' ? v : null;
  } catch {
    return null; // unreadable: as if none was chosen
  }
}

let current = restore();
/** @type {'kept' | 'too-large' | 'no-storage'} */
let kept = 'kept';

/** The learner's CSV as {name, text, pasted}, or null when none was chosen in this browser tab. */
export const learnerCsv = () => current;

/** Whether the file survives a reload: 'kept', or why not ('too-large', 'no-storage'). */
export const learnerCsvKept = () => kept;

/**
 * Makes `text` the learner's CSV: a file named `name`, or text pasted into the page (`pasted`);
 * returns learnerCsvKept().
 */
export function setLearnerCsv(name, text, pasted = false) {
  current = { name, text, pasted };
  const s = storage();
  if (!s) {
    kept = 'no-storage';
    return kept;
  }
  try {
    s.setItem(KEY, JSON.stringify(current));
    kept = 'kept';
  } catch {
    kept = 'too-large'; // over the quota: better no copy than a stale one
    try {
      s.removeItem(KEY);
    } catch {
      /* nothing kept either way */
    }
  }
  return kept;
}
