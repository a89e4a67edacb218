// Course progress in localStorage: lessons visited, quiz answers. Anything unreadable (corrupt
// JSON, wrong shape, storage disabled) is treated as "no progress yet" and overwritten; stored
// progress that cannot be read is reported by problem(), so pages can say so (issue 8).
const KEY = 'lrlab.progress.v1';

let unreadable = null; // why the stored progress could not be read, once seen

function read() {
  let raw = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return { lessons: {} }; // storage disabled: progress is optional, nothing was lost
  }
  if (raw === null) return { lessons: {} };
  try {
    const v = JSON.parse(raw);
    if (v && typeof v === 'object' && v.lessons && typeof v.lessons === 'object' && !Array.isArray(v.lessons))
      return v;
    unreadable = 'it has an unexpected shape';
  } catch {
    unreadable = 'it is not valid JSON';
  }
  return { lessons: {} };
}

function write(v) {
  try {
    localStorage.setItem(KEY, JSON.stringify(v));
  } catch {
    /* storage full or disabled: progress is optional */
  }
}

function lessonEntry(all, id) {
  const e = all.lessons[id];
  if (e && typeof e === 'object' && !Array.isArray(e)) {
    if (!e.quiz || typeof e.quiz !== 'object' || Array.isArray(e.quiz)) e.quiz = {};
    return e;
  }
  const fresh = { visited: false, quiz: {} };
  all.lessons[id] = fresh;
  return fresh;
}

export const progress = {
  /** A sentence for a notice when the stored progress was unreadable (and starts over), else null. */
  problem() {
    read();
    return unreadable
      ? `Your saved course progress could not be read (${unreadable}), so it starts over from here.`
      : null;
  },
  markVisited(id) {
    const all = read();
    lessonEntry(all, id).visited = true;
    write(all);
  },
  recordAnswer(id, qid, correct) {
    const all = read();
    lessonEntry(all, id).quiz[qid] = !!correct;
    write(all);
  },
  lesson(id) {
    const e = read().lessons[id];
    if (!e || typeof e !== 'object') return { visited: false, correct: 0, answered: 0 };
    const answers = e.quiz && typeof e.quiz === 'object' ? Object.values(e.quiz) : [];
    return {
      visited: e.visited === true,
      correct: answers.filter((a) => a === true).length,
      answered: answers.length,
    };
  },
};
