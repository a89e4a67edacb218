// The host page's half of the iframe form (embed.html posts {type: "lr-lab:height", height}
// whenever its height changes): sizes each embed.html iframe to its content. A file, not an
// inline script, so that a host page with a strict Content-Security-Policy can load it
// (script-src with the widget's origin, or a copy on its own). Heights are capped at 20,000 px.
addEventListener('message', (e) => {
  const d = e.data;
  if (d?.type !== 'lr-lab:height' || typeof d.height !== 'number') return;
  for (const f of document.querySelectorAll('iframe'))
    if (f.contentWindow === e.source) f.height = String(Math.ceil(Math.min(d.height, 20000)));
});
