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
let kept = current !== null;

/** The learner's CSV as {name, text}, or null when none was chosen in this browser tab. */
export const learnerCsv = () => current;

/** Whether the file survives a reload (false when sessionStorage refused it: too large). */
export const learnerCsvKept = () => kept;

/** Makes `text` (from a file named `name`) the learner's CSV; returns whether it is kept. */
export function setLearnerCsv(name, text) {
  current = { name, text };
  kept = false;
  try {
    const s = storage();
    if (s) {
      s.setItem(KEY, JSON.stringify(current));
      kept = true;
    }
  } catch {
    storage()?.removeItem(KEY); // over the quota: better no copy than a stale one
  }
  return kept;
}
