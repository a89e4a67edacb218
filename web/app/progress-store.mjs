// Course progress in localStorage: lessons visited, quiz answers. Anything unreadable (corrupt
// JSON, wrong shape, storage disabled) is treated as "no progress yet" and overwritten.
const KEY = 'lrlab.progress.v1';

function read() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY));
    if (v && typeof v === 'object' && v.lessons && typeof v.lessons === 'object' && !Array.isArray(v.lessons))
      return v;
  } catch {
    /* corrupt or unavailable: start fresh */
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
