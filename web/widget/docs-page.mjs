// widget.html: the buttons and logs of the live examples (properties, methods, events).
const short = (v) => {
  const text = JSON.stringify(
    v,
    (k, x) => (Array.isArray(x) && x.length > 6 ? [...x.slice(0, 6), `… ${x.length - 6} more`] : x),
    1,
  );
  return text && text.length > 1200 ? `${text.slice(0, 1200)}…` : String(text);
};
const output = (id) => document.querySelector(`[data-output-for="${id}"]`);
/** @typedef {import('./lr-lab.mjs').LrLabElement} LrLabElement */
const widget = (id) => /** @type {LrLabElement} */ (document.getElementById(id));

for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
  document.querySelectorAll('button[data-show]')
)) {
  button.addEventListener('click', async () => {
    const el = widget(button.dataset.for);
    const name = button.dataset.show;
    if (name === 'ready') {
      output(el.id).textContent = 'waiting…';
      await el.ready.then(
        () => {
          output(el.id).textContent = 'resolved: the engine is loaded';
        },
        (err) => {
          output(el.id).textContent = `rejected: ${err.message}`;
        },
      );
    } else output(el.id).textContent = short(el[name]);
  });
}
for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (
  document.querySelectorAll('button[data-call]')
))
  button.addEventListener('click', () => widget(button.dataset.for)[button.dataset.call]());
for (const pre of /** @type {NodeListOf<HTMLPreElement>} */ (document.querySelectorAll('pre[data-log]'))) {
  const el = widget(pre.dataset.outputFor);
  el.addEventListener(pre.dataset.log, (/** @type {CustomEvent} */ e) => {
    const line =
      pre.dataset.log === 'epoch' ? `epoch ${e.detail.epoch}: lr ${e.detail.lr[0]}` : short(e.detail);
    pre.textContent = `${pre.textContent}${pre.textContent ? '\n' : ''}${pre.dataset.log}: ${line}`.slice(
      -4000,
    );
  });
}
