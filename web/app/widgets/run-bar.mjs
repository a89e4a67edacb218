// Run controls and progress: pause, step one epoch, resume, cancel, retrain. The progress bar
// appears only when a run has taken longer than ~200 ms, so quick retrains do not flicker.
import { h } from '../element.mjs';

const SHOW_AFTER_MS = 200;

export function mount(el, { run, retrain }) {
  const status = h('span', { class: 'run-status', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', {
    class: 'run-progress',
    max: '1',
    value: '0',
    hidden: true,
    'aria-label': 'Training progress',
  });
  const pause = h('button', {
    type: 'button',
    text: 'Pause',
    onclick: () => (run.status === 'paused' ? run.resume() : run.pause()),
  });
  const step = h('button', { type: 'button', text: 'Step one epoch', onclick: () => run.step() });
  const cancel = h('button', { type: 'button', text: 'Cancel', onclick: () => run.cancel() });
  const again = h('button', { type: 'button', text: 'Retrain', onclick: () => retrain() });
  el.append(
    h(
      'div',
      { class: 'run-bar' },
      h('div', { class: 'run-buttons' }, pause, step, cancel, again),
      progress,
      status,
    ),
  );
  let timer = 0;
  function update() {
    const E = run.spec?.epochs || 0;
    const n = run.records.length;
    const active = run.status === 'running' || run.status === 'queued' || run.status === 'paused';
    pause.textContent = run.status === 'paused' ? 'Resume' : 'Pause';
    pause.disabled = !active;
    step.disabled = !active;
    cancel.disabled = !active;
    progress.value = E ? n / E : 0;
    const texts = {
      idle: 'Not started.',
      queued: 'Preparing data and model…',
      running: `Training: epoch ${n} of ${E} done`,
      paused: `Paused after epoch ${n} of ${E}. Step or resume.`,
      done:
        run.runError() ??
        (run.divergence() ? `Stopped after ${n} epochs: the loss diverged.` : `Done: ${n} epochs trained.`),
      cancelled: `Cancelled after ${n} of ${E} epochs.`,
      error: run.engineDown
        ? `Not trained: ${run.error}`
        : `The engine rejected these settings: ${run.error}`,
    };
    status.textContent = texts[run.status] || '';
    el.dataset.status = run.status;
    el.dataset.generation = String(run.generation || 0);
    if (active && !timer && progress.hidden) {
      timer = setTimeout(() => {
        timer = 0;
        if (run.status === 'running' || run.status === 'queued') progress.hidden = false;
      }, SHOW_AFTER_MS);
    }
    if (!active) {
      clearTimeout(timer);
      timer = 0;
      progress.hidden = true;
    }
  }
  for (const ev of ['reset', 'status', 'epoch', 'started', 'done']) run.addEventListener(ev, update);
  update();
}
