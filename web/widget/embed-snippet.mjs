// The embed snippets for a run's settings: <lr-lab> attributes (or the whole run-spec when the
// attributes cannot say it exactly), the element snippet and the iframe snippet. Used by the
// lesson pages' Embed dialog and, at build time, by the oEmbed JSON (scripts/build-widget.mjs).
import { FIELDS } from '../app/fields.mjs';
import { buildTrainSpec } from '../app/run-spec.mjs';
import { paramKey, schedulerByType } from '../app/scheduler-catalog.mjs';
import { RUN_ATTRIBUTES, readAttributes } from './attributes.mjs';

const escapeAttr = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The attribute form of `values` trained as `run` (a lesson's run block): [[name, value]].
 * files: as buildTrainSpec's (a learner's CSV goes into the spec attribute).
 */
export function embedAttributes(values, run = { scheduler: '$scheduler' }, files = {}) {
  const spec = buildTrainSpec(values, run, {}, files);
  const type = run.scheduler === '$scheduler' ? values.scheduler : (run.scheduler ?? 'none');
  const attrs = [['scheduler', type]];
  const s = schedulerByType(type);
  for (const p of s ? s.params : [])
    attrs.push([p.name, FIELDS[paramKey(type, p.name)].format(values[paramKey(type, p.name)])]);
  for (const [attr, key] of Object.entries(RUN_ATTRIBUTES)) {
    if (attr === 'scheduler' || values[key] === undefined) continue;
    if (FIELDS[key].format(values[key]) !== FIELDS[key].format(FIELDS[key].default))
      attrs.push([attr, FIELDS[key].format(values[key])]);
  }
  if (values.data_seed === values.model_seed && values.model_seed === values.shuffle_seed)
    attrs.push(['seed', String(values.data_seed)]);
  // Only when the element would train exactly this spec; else the spec itself.
  let same = false;
  try {
    const byName = new Map(attrs.map(([k, v]) => [k.toLowerCase(), v]));
    const read = readAttributes((name) => (byName.has(name) ? byName.get(name) : null));
    same = JSON.stringify(buildTrainSpec(read.values, { scheduler: '$scheduler' })) === JSON.stringify(spec);
  } catch {
    same = false;
  }
  return same ? attrs : [['spec', JSON.stringify(spec)]];
}

/** `<script>` + `<lr-lab>` for a page anywhere; base: the absolute URL the site is served from. */
export function elementSnippet(attrs, base) {
  const src = new URL('widget/lr-lab.mjs', base).href;
  const list = attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  return `<script type="module" src="${escapeAttr(src)}"></script>\n<lr-lab${list}></lr-lab>`;
}

/** embed.html?<the same names> for these attributes. */
export function embedUrl(attrs, base) {
  const url = new URL('embed.html', base);
  for (const [k, v] of attrs) url.searchParams.set(k, v);
  return url.href;
}

export const EMBED_HEIGHT = 760;

/** The iframe snippet (embed.html posts its height; see resizeListenerSnippet). */
export function iframeSnippet(attrs, base, title = 'LR Lab live demo') {
  return `<iframe src="${escapeAttr(embedUrl(attrs, base))}" title="${escapeAttr(title)}" width="100%" height="${EMBED_HEIGHT}" frameborder="0" loading="lazy"></iframe>`;
}

/**
 * The host page's listener that sizes the iframe to the height embed.html reports: a script
 * file beside the widget (web/widget/embed-resize.js), which a strict CSP can allow.
 */
export function resizeListenerSnippet(base) {
  return `<script src="${escapeAttr(new URL('widget/embed-resize.js', base).href)}"></script>`;
}
