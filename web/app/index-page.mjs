// Course overview: shows each lesson's progress from localStorage.
import { progress } from './progress-store.mjs';

for (const el of document.querySelectorAll('[data-progress-for]')) {
  const p = progress.lesson(el.dataset.progressFor);
  el.textContent = !p.visited
    ? 'Not started'
    : p.answered
      ? `Visited · quiz ${p.correct} of ${p.answered} answered correctly`
      : 'Visited';
}
