// The lesson quiz: questions from the front matter plus questions generated from the learner's
// run. Feedback explains the right answer; answers are remembered in localStorage progress.
import { fillBound } from '../bound-text.mjs';
import { h, nextId } from '../element.mjs';
import { GENERATED } from '../quiz-generated.mjs';

function questionBox(raw, { lesson, progress, state }) {
  // {{field}} in a written question reads the learner's settings, so its key stays true
  const fill = (t) => (state ? fillBound(t, (k) => state.get(k)) : t);
  const q = {
    ...raw,
    question: fill(raw.question),
    choices: raw.choices.map(fill),
    explain: fill(raw.explain),
  };
  const name = nextId('q');
  const fieldset = h('fieldset', { class: 'quiz-question', 'data-question': q.id });
  const feedback = h('p', { class: 'quiz-feedback', role: 'status', 'aria-live': 'polite' });
  const choices = q.choices.map((c, i) => {
    const id = `${name}-${i}`;
    return h(
      'div',
      { class: 'quiz-choice' },
      h('input', { type: 'radio', name, id, value: String(i) }),
      h('label', { for: id, text: `${String.fromCharCode(65 + i)}. ${c}` }),
    );
  });
  const check = h('button', {
    type: 'button',
    text: 'Check answer',
    onclick: () => {
      const picked = fieldset.querySelector('input:checked');
      if (!picked) {
        feedback.dataset.correct = '';
        feedback.textContent = 'Pick an answer first.';
        return;
      }
      const correct = Number(picked.value) === q.answer;
      feedback.dataset.correct = String(correct);
      feedback.textContent = `${correct ? 'Right.' : `Not quite: the answer is ${String.fromCharCode(65 + q.answer)}.`} ${q.explain}`;
      progress.recordAnswer(lesson.id, q.id, correct);
    },
  });
  fieldset.append(h('legend', { text: q.question }), ...choices, check, feedback);
  return fieldset;
}

export function mount(el, ctx) {
  const { lesson, run } = ctx;
  const list = h('div', { class: 'quiz' });
  el.append(list);
  const questions = lesson.quiz || [];
  const slots = questions.map((q) => {
    const slot = h('div', { class: 'quiz-slot' });
    if (!q.generated) slot.append(questionBox(q, ctx));
    return { q, slot };
  });
  list.append(...slots.map((s) => s.slot));
  function regenerate() {
    for (const { q, slot } of slots) {
      if (!q.generated) continue;
      const make = GENERATED[q.generated];
      // the run named with its scheduler, as the zoo and warm-up pages train several kinds
      const name =
        q.run ?? (run.spec?.scheduler ? `your ${run.spec.scheduler.type} run` : 'your constant-LR run');
      const g = make ? make(run, name) : null;
      slot.replaceChildren(
        g
          ? questionBox(g, ctx)
          : h('p', {
              class: 'muted',
              text:
                run.status === 'error'
                  ? 'A question about your own run appears here once a run succeeds.'
                  : 'A question about your own run appears here when training finishes.',
            }),
      );
    }
  }
  for (const ev of ['reset', 'done', 'error']) run.addEventListener(ev, regenerate);
  regenerate();
  ctx.state?.addEventListener('change', (e) => {
    for (const { q, slot } of slots) {
      const bound = q.generated ? '' : (JSON.stringify(q).match(/\{\{[^}]*\}\}/g) || []).join(' ');
      if (!e.keys.some((k) => bound.includes(k))) continue;
      slot.replaceChildren(questionBox(q, ctx));
    }
  });
}
