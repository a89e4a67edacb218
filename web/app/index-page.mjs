// Course overview: shows each lesson's progress from localStorage.
import { progress } from './progress-store.mjs';

const problem = progress.problem();
if (problem) {
  const item = document.createElement('p');
  item.className = 'notice notice-warning';
  item.textContent = problem;
  document.getElementById('notices')?.append(item);
}

for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-progress-for]'))) {
  const p = progress.lesson(el.dataset.progressFor);
  const total = Number(el.dataset.questions) || 0;
  // answered counts against the lesson's questions; correct against the answered ones
  el.textContent = !p.visited
    ? 'Not started'
    : p.answered
      ? `Visited · quiz: ${Math.min(p.answered, total || p.answered)} of ${total || p.answered} answered, ${p.correct} correct`
      : 'Visited';
}
