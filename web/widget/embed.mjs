// embed.html: one <lr-lab> built from the page's URL parameters (the element's attribute names),
// no site chrome. It tells the parent frame its height ({type: 'lr-lab:height', height}) and
// relays the element's done / error events; the parent may send {type: 'lr-lab:set', attributes}
// or {type: 'lr-lab:run' | 'lr-lab:pause' | 'lr-lab:resume' | 'lr-lab:cancel'}. Parameters and
// messages are hostile input: only the element's own attribute names pass, values stay strings
// and the element validates them.
const MAX_VALUE = 200_000;
const framed = window.parent !== window;
const tell = (msg) => {
  if (framed) window.parent.postMessage(msg, '*');
};

await customElements.whenDefined('lr-lab');
/** @typedef {import('./lr-lab.mjs').LrLabElement} LrLabElement */
const LrLab = /** @type {typeof import('./lr-lab.mjs').LrLabElement} */ (customElements.get('lr-lab'));
const names = new Set(LrLab.observedAttributes);
const el = /** @type {LrLabElement} */ (document.createElement('lr-lab'));
el.id = 'widget';
const ignored = [];
const seen = new Map(); // attribute -> how many times the address gives it
for (const [key, value] of new URLSearchParams(location.search)) {
  const name = key.toLowerCase();
  if (names.has(name)) {
    el.setAttribute(name, value.slice(0, MAX_VALUE));
    seen.set(name, (seen.get(name) ?? 0) + 1);
  } else ignored.push(key);
}
document.body.append(el);
const short = (/** @type {string} */ k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k);
const repeated = [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} (${n} times: the last is used)`);
const notes = [
  ignored.length
    ? `Ignored parameter${ignored.length > 1 ? 's' : ''} (not a widget attribute): ${ignored.map(short).join(', ')}`
    : '',
  repeated.length ? `Given more than once: ${repeated.join(', ')}` : '',
].filter(Boolean);
if (notes.length) {
  const note = document.createElement('p');
  note.className = 'embed-note';
  note.textContent = notes.join('. ');
  document.body.append(note);
}

// The element's "error" is a CustomEvent with {message, path}, not the DOM's ErrorEvent.
el.addEventListener('error', (e) => {
  const { detail } = /** @type {CustomEvent<{message: string, path: string}>} */ (/** @type {Event} */ (e));
  tell({ type: 'lr-lab:error', message: detail.message, path: detail.path });
});
el.addEventListener('done', () => tell({ type: 'lr-lab:done', epochs: el.result?.epochs?.length ?? 0 }));

let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  tell({ type: 'lr-lab:height', height });
}).observe(document.body);

const refuse = (message) => tell({ type: 'lr-lab:error', message, path: 'message' });
window.addEventListener('message', (e) => {
  if (!framed || e.source !== window.parent) return;
  const d = e.data;
  if (!d || typeof d !== 'object' || typeof d.type !== 'string') return refuse('message: must be {type, …}');
  if (d.type === 'lr-lab:set') {
    const attrs = d.attributes;
    if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs))
      return refuse('message.attributes: must be an object of attribute names to strings');
    for (const [key, value] of Object.entries(attrs)) {
      const name = key.toLowerCase();
      if (!names.has(name)) {
        refuse(`message.attributes: ${JSON.stringify(key.slice(0, 40))} is not a widget attribute`);
        continue;
      }
      if (value === null) el.removeAttribute(name);
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        el.setAttribute(name, String(value).slice(0, MAX_VALUE));
      else refuse(`message.attributes.${name}: must be a string, number, boolean or null`);
    }
    return;
  }
  const method = {
    'lr-lab:run': 'run',
    'lr-lab:pause': 'pause',
    'lr-lab:resume': 'resume',
    'lr-lab:cancel': 'cancel',
  }[d.type];
  if (method) el[method]();
  else
    refuse(
      `message.type: ${JSON.stringify(d.type.slice(0, 40))} is not one of lr-lab:set, lr-lab:run, lr-lab:pause, lr-lab:resume, lr-lab:cancel`,
    );
});
