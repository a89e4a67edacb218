const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (e) => {
  globalThis.__result = e.data;
  document.title = e.data.error ? 'failed' : 'done';
};
