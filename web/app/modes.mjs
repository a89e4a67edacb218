// The nine ways to read a lesson (the source's "choose your learning style"). A lesson section
// lists the modes it belongs to; "story" is the whole lesson in order.
export const MODES = [
  { id: 'story', label: 'Story', hint: 'the whole lesson, in order' },
  { id: 'visual', label: 'Visual', hint: 'charts' },
  { id: 'trace', label: 'Trace', hint: 'the epoch table' },
  { id: 'math', label: 'Math', hint: 'formulas' },
  { id: 'code', label: 'Code', hint: 'the PyTorch script for your settings' },
  { id: 'experiment', label: 'Experiment', hint: 'controls' },
  { id: 'compare', label: 'Compare', hint: 'overlaid runs' },
  { id: 'quiz', label: 'Quiz', hint: 'check yourself' },
  { id: 'summary', label: 'Summary', hint: 'cheat sheet' },
  // "all" is for sections that show in every mode (written outside any ::: block).
  { id: 'all', label: 'All', hint: 'shown in every mode', hidden: true },
];
