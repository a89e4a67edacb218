#!/usr/bin/env node
// Bundles the <lr-lab> element (web/widget/) into dist/widget/ after build-site.mjs:
//   lr-lab.mjs         the element, the course's charts and panels, uPlot and the styles
//   chunks/*.mjs       what lr-lab.mjs imports on demand (the controls panel) and the modules it
//                      shares with them (imported statically, so part of the first load); named by
//                      content hash, so a cached lr-lab.mjs never meets chunks of another build
//   first-load.json    lr-lab.mjs and the chunks it imports statically (scripts/size-budget.mjs)
//   engine-worker.mjs  the engine worker; imports ../engine/lrlab.mjs, which finds its wasm itself
// and prints the widget's first load (gzip), which must stay within the budget.
//   node scripts/build-widget.mjs [--out dist]
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import { parseLesson } from './lesson-format.mjs';
import {
  gzipTotal,
  kb,
  report,
  sizes,
  WIDGET_BUDGET_GZIP,
  WIDGET_MODULES_FILE,
  widgetFiles,
} from './size-budget.mjs';
import { widgetDocsBody, widgetDocsCss } from './widget-docs.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = path.resolve(repo, outArg >= 0 ? args[outArg + 1] : 'dist');
export const BUDGET_GZIP = WIDGET_BUDGET_GZIP;
// The engine core (lrlab.mjs + glue + wasm) has its own target of 120 KB (the package issue);
// the widget's own files get the rest.
export const WIDGET_OWN_GZIP = 80 * 1024;
// oEmbed needs absolute URLs, and a static build does not know where it will be served:
// LRLAB_SITE_URL says it (default: where `npm start` serves). The lessons' Embed dialogs use the
// address they are actually served from.
const SITE_URL = new URL(process.env.LRLAB_SITE_URL || 'http://127.0.0.1:8000/').href;

// The site's modules as built into dist/ (they may import files the build generates there).
let site = null;
async function siteModules() {
  const load = (rel) => import(pathToFileURL(path.join(out, rel)).href);
  if (!site) {
    const [fields, urlState, snippet, catalog] = await Promise.all([
      load('app/fields.mjs'),
      load('app/url-state.mjs'),
      load('widget/embed-snippet.mjs'),
      load('app/scheduler-catalog.mjs'),
    ]);
    site = { ...fields, ...urlState, ...snippet, ...catalog };
  }
  return site;
}

function oembed(title, attrs, { iframeSnippet, EMBED_HEIGHT }) {
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'LR Lab',
    provider_url: SITE_URL,
    title,
    html: iframeSnippet(attrs, SITE_URL, title),
    width: 720,
    height: EMBED_HEIGHT,
  };
}

/** oembed/<lesson>.json for every lesson (its default run) and oembed/embed.json. */
async function writeOembed() {
  const m = await siteModules();
  await mkdir(path.join(out, 'oembed'), { recursive: true });
  const files = (await readdir(path.join(repo, 'lessons'))).filter((f) => /^\d+-.*\.md$/.test(f));
  for (const f of files) {
    const { meta } = parseLesson(await readFile(path.join(repo, 'lessons', f), 'utf8'), `lessons/${f}`);
    if (!meta.run) continue;
    const values = m.lessonDefaults(meta.fields, meta.field_groups);
    const attrs = m.embedAttributes(fullValues(values, m.FIELDS), meta.run);
    await writeFile(
      path.join(out, 'oembed', `${meta.id}.json`),
      JSON.stringify(oembed(`LR Lab: ${meta.title}`, attrs, m), null, 1),
    );
  }
  await writeFile(
    path.join(out, 'oembed', 'embed.json'),
    JSON.stringify(oembed('LR Lab live demo', [['scheduler', 'StepLR']], m), null, 1),
  );
}

/** Field values with the field table's defaults filled in. */
function fullValues(values, FIELDS) {
  return Object.fromEntries(
    Object.values(FIELDS).map((f) => [f.key, f.key in values ? values[f.key] : f.default]),
  );
}

const shell = ({ title, head = '', body, bodyClass = '' }) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
${head}
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ''}>
${body}
</body>
</html>
`;

async function writePages() {
  // embed.html: the widget alone (frameable by any origin: scripts/serve.mjs FRAMEABLE)
  await writeFile(
    path.join(out, 'embed.html'),
    shell({
      title: 'LR Lab live demo',
      head: `<link rel="alternate" type="application/json+oembed" href="oembed/embed.json" title="LR Lab live demo">
<link rel="stylesheet" href="widget/embed.css">
<script type="module" src="widget/lr-lab.mjs"></script>
<script type="module" src="widget/embed.mjs"></script>`,
      body: '',
    }),
  );
  const m = await siteModules();
  await writeFile(path.join(out, 'widget', 'docs.css'), widgetDocsCss());
  await writeFile(
    path.join(out, 'widget.html'),
    shell({
      title: 'The &lt;lr-lab&gt; element · LR Lab',
      head: `<link rel="stylesheet" href="app/site.css">
<link rel="stylesheet" href="widget/docs.css">
<script type="module" src="app/theme.mjs"></script>
<script type="module" src="widget/lr-lab.mjs"></script>
<script type="module" src="widget/docs-page.mjs"></script>`,
      body: `<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="brand" href="index.html">LR Lab</a><nav aria-label="Site"><ul class="lesson-nav"><li><a href="index.html">Course</a></li><li><a href="widget.html" aria-current="page">Widget</a></li></ul></nav><button type="button" class="theme-toggle" id="theme-toggle" aria-pressed="false">Dark theme</button></header>
<main id="main" class="widget-docs">
${widgetDocsBody({ ...m, RESIZE_SOURCE: await readFile(path.join(repo, 'web/widget/embed-resize.js'), 'utf8') })}
</main>`,
    }),
  );
  await mkdir(path.join(out, 'examples'), { recursive: true });
  for (const f of await readdir(path.join(repo, 'examples')))
    await cp(path.join(repo, 'examples', f), path.join(out, 'examples', f));
}

// The course's modules import uPlot from the site's vendor copy and the engine from dist/engine/:
// bundle uPlot from node_modules, keep the engine a separate file next to its wasm.
const resolvePlugin = {
  name: 'lrlab-paths',
  setup(b) {
    b.onResolve({ filter: /\/vendor\/uplot\/uPlot\.esm\.js$/ }, () => ({
      path: path.join(repo, 'node_modules/uplot/dist/uPlot.esm.js'),
    }));
    b.onResolve({ filter: /\/engine\/lrlab\.mjs$/ }, () => ({ path: '../engine/lrlab.mjs', external: true }));
    // what the engine declares about itself, generated into dist/engine/ by the build
    b.onResolve({ filter: /\/engine\/schedulers\.json$/ }, () => ({
      path: path.join(out, 'engine/schedulers.json'),
    }));
    // stylesheets become minified text for the element's constructable stylesheet
    b.onLoad({ filter: /\.css$/ }, async (a) => ({
      contents: (await transform(await readFile(a.path, 'utf8'), { loader: 'css', minify: true })).code,
      loader: 'text',
    }));
    b.onResolve({ filter: /katex/ }, (a) => ({
      errors: [{ text: `the widget must never load KaTeX (imported by ${a.importer})` }],
    }));
  },
};

// The element reads the engine's declarations for defaults, kinds, choices and flags (through
// web/app/engine-facts.mjs and scheduler-catalog.mjs); only the facts it reads are bundled. The
// rest (the optimizers, each parameter's prose and validation details, torch's version) stays in
// engine/schedulers.json for the site and tools. tests/js/widget_facts.test.mjs checks that the
// catalog, the fields and the scheduler tests built from these are those built from the whole file.
export const ELEMENT_FACTS = {
  scheduler: ['type', 'params', 'step', 'needs_metric', 'holds_children'],
  param: ['name', 'kind', 'default', 'required', 'min', 'max', 'choices'],
};
const pick = (obj, keys) => Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]]));
/** What the element reads of the engine's description (dist/engine/schedulers.json). */
export function elementFactsOf(description) {
  return {
    schedulers: description.schedulers.map((s) => ({
      ...pick(s, ELEMENT_FACTS.scheduler),
      params: s.params.map((p) => pick(p, ELEMENT_FACTS.param)),
    })),
  };
}
/** @param {string} dist @returns {import('esbuild').Plugin} */
export const elementFacts = (dist) => ({
  name: 'lrlab-element-facts',
  setup(b) {
    b.onResolve({ filter: /\/engine\/schedulers\.json$/ }, () => ({
      path: path.join(dist, 'engine/schedulers.json'),
      namespace: 'element-facts',
    }));
    b.onLoad({ filter: /.*/, namespace: 'element-facts' }, async (a) => ({
      contents: JSON.stringify(elementFactsOf(JSON.parse(await readFile(a.path, 'utf8')))),
      loader: 'json',
    }));
  },
});

/** Bytes of the widget's first load: [file, raw, gzip] (scripts/size-budget.mjs). */
export async function firstLoad(dir) {
  return sizes(dir, await widgetFiles(dir));
}

/**
 * The output files `entry` loads before it runs: itself and its static imports, transitively (not
 * its dynamic import()s, nor external files), as paths under `dir`.
 * @param {import('esbuild').Metafile} metafile @param {string} entry @param {string} dir
 */
function staticGraph(metafile, entry, dir) {
  const key = (file) => path.relative(process.cwd(), file).split(path.sep).join('/');
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.outputs[file].imports)
      if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(key(entry));
  return [...seen].map((f) => path.relative(dir, path.resolve(f)).split(path.sep).join('/'));
}

async function main() {
  // dist/widget/ already holds web/widget/'s sources (build-site.mjs copied web/): the lesson pages'
  // Embed dialog imports embed-snippet.mjs from there; the bundles are written next to them.
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'eof',
    plugins: [resolvePlugin],
    logLevel: 'warning',
  };
  // The element and the chunks it imports: import('./x.mjs') in the element becomes a chunk
  // resolved against the module's own URL, so it loads from any sub-path or origin as the element does.
  await rm(path.join(out, 'widget/chunks'), { recursive: true, force: true });
  const element = await build({
    ...common,
    plugins: [elementFacts(out), resolvePlugin],
    entryPoints: { 'lr-lab': path.join(repo, 'web/widget/lr-lab.mjs') },
    outdir: path.join(out, 'widget'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
  });
  const modules = staticGraph(element.metafile, path.join(out, 'widget/lr-lab.mjs'), out);
  await writeFile(path.join(out, WIDGET_MODULES_FILE), `${JSON.stringify({ modules }, null, 1)}\n`);
  for (const [entry, file] of [
    ['web/widget/embed.mjs', 'widget/embed.mjs'],
    ['web/widget/docs-page.mjs', 'widget/docs-page.mjs'],
  ])
    await build({ ...common, entryPoints: [path.join(repo, entry)], outfile: path.join(out, file) });
  await cp(path.join(repo, 'web/widget/embed.css'), path.join(out, 'widget/embed.css'));
  // the iframe form's resize listener, a file a host page loads (a strict CSP allows no inline script)
  await cp(path.join(repo, 'web/widget/embed-resize.js'), path.join(out, 'widget/embed-resize.js'));
  await writePages();
  await writeOembed();
  await build({
    ...common,
    entryPoints: [path.join(repo, 'web/app/engine-worker.mjs')],
    outfile: path.join(out, 'widget/engine-worker.mjs'),
  });
  const rows = await firstLoad(out);
  console.log(`build-widget: ${report('first load', rows, BUDGET_GZIP)}`);
  if (gzipTotal(rows) > BUDGET_GZIP)
    console.warn(`build-widget: warning: over the widget budget of ${kb(BUDGET_GZIP)}`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(`build-widget: ${err.message}`);
    process.exit(1);
  });
