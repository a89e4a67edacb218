#!/usr/bin/env node
import { existsSync } from 'node:fs';
// Assembles the static course site into dist/ (run by scripts/build.sh after the wasm build put
// dist/engine/ in place). Lessons are rendered from lessons/*.md at build time (format:
// lessons/README.md): Markdown via markdown-it, formulas via KaTeX, widget lines become empty
// placeholders that web/app/lesson-page.mjs fills at run time. Every URL in the output is relative,
// so the site works from any sub-path.
//   node scripts/build-site.mjs [--out dist]
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { BOUND_RE, evalBound, fillBound, parseBound } from '../web/app/bound-text.mjs';
import { FIELDS } from '../web/app/fields.mjs';
import { lessonDefaults } from '../web/app/url-state.mjs';
import { WIDGET_NAMES } from '../web/app/widget-names.mjs';
import { parseLesson } from './lesson-format.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = path.resolve(repo, outArg >= 0 ? args[outArg + 1] : 'dist');

const md = new MarkdownIt({ html: true, linkify: false, typographer: true });

const escapeAttr = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// JSON inside <script type="application/json">: "<" escaped so "</script>" can never close it.
const jsonForScript = (v) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

// MathML only: KaTeX's HTML output lays formulas out with style="" attributes, which the site's
// CSP (style-src 'self', no 'unsafe-inline') refuses; browsers typeset MathML Core themselves.
function renderMath(tex, displayMode, where) {
  try {
    return katex.renderToString(tex, { displayMode, throwOnError: true, output: 'mathml' });
  } catch (err) {
    throw new Error(`${where}: KaTeX cannot render "${tex}": ${err.message}`);
  }
}

// {{expr}} in prose: a span the lesson page re-renders from the learner's settings (bound-text.mjs),
// filled here with the lesson's defaults; {{#n}} is plain text.
function boundHtml(expr, get) {
  const parsed = parseBound(expr);
  const text = escapeText(evalBound(parsed, get));
  return parsed.literal !== undefined
    ? text
    : `<span class="bound" data-bind="${escapeAttr(expr)}">${text}</span>`;
}

/** An inline `code` span, left to markdown-it unless it holds a {{field}}: then rendered here, the
 *  field a live span as in prose (`lr={{lr}}` reads lr=0.1 and follows the learner's lr). */
function codeSpan(part, get, stash) {
  const inner = part.slice(1, -1);
  if (!part.endsWith('`') || !inner.match(BOUND_RE)) return part;
  return stash(`<code>${withBoundSpans(inner, get)}</code>`);
}

/** Text with each {{field}} a live span (boundHtml), the rest escaped. */
function withBoundSpans(text, get) {
  let html = '';
  let last = 0;
  for (const m of text.matchAll(BOUND_RE)) {
    html += escapeText(text.slice(last, m.index)) + boundHtml(m[1], get);
    last = m.index + m[0].length;
  }
  return html + escapeText(text.slice(last));
}

/** A fenced code block, left to markdown-it unless it holds a {{field}}: then the same HTML as
 *  markdown-it's, with the fields live (a PyTorch snippet whose arguments follow the controls).
 *  Returned as one raw <pre> block, which markdown-it passes through untouched. */
function fencedBlock(lines, get) {
  const body = lines.slice(1, -1).join('\n');
  if (!body.match(BOUND_RE)) return lines;
  const lang = lines[0]
    .trim()
    .replace(/^(```|~~~)/, '')
    .trim();
  const cls = lang ? ` class="language-${escapeAttr(lang)}"` : '';
  return [`<pre><code${cls}>${withBoundSpans(body, get)}\n</code></pre>`];
}

/** Markdown with $$display$$ and $inline$ math (outside code) to HTML. */
function renderMarkdown(text, where, get = (k) => FIELDS[k].default) {
  const math = [];
  const stash = (html) => `MATHSLOT${math.push(html) - 1}END`;
  const lines = text.split('\n');
  const outLines = [];
  let fence = null;
  let fenced = [];
  let block = null;
  for (const line of lines) {
    if (fence) {
      fenced.push(line);
      if (line.trim().startsWith(fence)) {
        outLines.push(...fencedBlock(fenced, get));
        fence = null;
      }
      continue;
    }
    const f = line.trim().match(/^(```|~~~)/);
    if (f && block === null) {
      fence = f[1];
      fenced = [line];
      continue;
    }
    if (block !== null) {
      const end = line.indexOf('$$');
      if (end >= 0) {
        block.push(line.slice(0, end));
        outLines.push('', stash(renderMath(block.join('\n'), true, where)), '');
        block = null;
      } else block.push(line);
      continue;
    }
    const startBlock = line.trim().startsWith('$$');
    if (startBlock) {
      const rest = line.trim().slice(2);
      const end = rest.indexOf('$$');
      if (end >= 0) {
        outLines.push('', stash(renderMath(rest.slice(0, end), true, where)), '');
        continue;
      }
      block = [rest];
      continue;
    }
    // inline: split on `code` spans, replace $...$ in the rest
    outLines.push(
      line
        .split(/(`[^`]*`)/)
        .map((part) =>
          part.startsWith('`')
            ? codeSpan(part, get, stash)
            : part
                .replace(
                  /(^|[^\\$])\$([^$\n]+?)\$/g,
                  (m, pre, tex) => pre + stash(renderMath(tex, false, where)),
                )
                .replace(BOUND_RE, (m, expr) => stash(boundHtml(expr, get))),
        )
        .join(''),
    );
  }
  if (fence) outLines.push(...fenced); // unterminated: markdown-it closes it at the end
  if (block !== null) throw new Error(`${where}: unterminated $$ block`);
  const html = md.render(outLines.join('\n'));
  return html.replace(/MATHSLOT(\d+)END/g, (m, i) => math[Number(i)]);
}

function widgetPlaceholder(widget) {
  const attrs = Object.entries(widget.args)
    .map(([k, v]) => ` data-arg-${escapeAttr(k)}="${escapeAttr(v)}"`)
    .join('');
  return `<div class="widget" data-widget="${escapeAttr(widget.name)}"${attrs}></div>`;
}

function renderBody(lesson) {
  const defaults = lessonDefaults(lesson.meta.fields, lesson.meta.field_groups);
  const get = (k) => (k in defaults ? defaults[k] : FIELDS[k].default);
  return lesson.sections
    .map((section, si) => {
      const inner = section.parts
        .map((part) =>
          part.kind === 'widget'
            ? widgetPlaceholder(part)
            : renderMarkdown(part.text, `${lesson.file} section ${si + 1}`, get),
        )
        .join('\n');
      const modes = section.modes.join(' ');
      const only = section.defaultsOnly ? ' data-defaults-only=""' : '';
      return `<section class="lesson-section" data-modes="${escapeAttr(modes)}"${only}>\n${inner}\n</section>`;
    })
    .join('\n');
}

/**
 * @param {{title: string, description: string, body: string, script: string, lessonData?: object,
 *   navLessons: Array<{id: string, order: number, short: string}>, currentId?: string, oembed?: string,
 *   preload?: string[]}} page
 */
function pageShell({
  title,
  description,
  body,
  script,
  lessonData,
  navLessons,
  currentId,
  oembed,
  preload = [],
}) {
  const nav = navLessons
    .map(
      (l) =>
        `<li><a href="${escapeAttr(l.id)}.html"${l.id === currentId ? ' aria-current="page"' : ''} data-lesson-link="${escapeAttr(l.id)}">${escapeText(l.order)}. ${escapeText(l.short)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeAttr(description)}">
<title>${escapeText(title)} · LR Lab</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
${script === LESSON_SCRIPT ? `<script src="${ENGINE_BOOT}"></script>\n` : ''}${oembed ? `<link rel="alternate" type="application/json+oembed" href="${escapeAttr(oembed)}" title="${escapeAttr(title)}">\n` : ''}<link rel="stylesheet" href="vendor/katex/katex.min.css">
<link rel="stylesheet" href="vendor/uplot/uPlot.min.css">
<link rel="stylesheet" href="app/site.css">
<script type="module" src="${THEME_SCRIPT}"></script>
${preload.map((href) => `<link rel="modulepreload" href="${escapeAttr(href)}">\n`).join('')}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="index.html">LR Lab</a>
  <nav aria-label="Lessons"><ul class="lesson-nav">${nav}</ul></nav>
  <button type="button" class="theme-toggle" id="theme-toggle" aria-pressed="false">Dark theme</button>
</header>
<main id="main">
<div class="notices" id="notices" role="status" aria-live="polite"></div>
${body}
</main>
<footer class="site-footer"><p>Every number on this page is computed in your browser by LR Lab's WebAssembly port of PyTorch's optimizers and learning-rate schedulers. <a href="about.html">About, licences and data sources</a></p></footer>
${lessonData ? `<script type="application/json" id="lesson-data">${jsonForScript(lessonData)}</script>\n` : ''}${script === THEME_SCRIPT ? '' : `<script type="module" src="${escapeAttr(script)}"></script>\n`}</body>
</html>
`;
}

// The libraries ship their ES modules unminified; minify them as they are copied (no
// bundling: each stays one file under its own name and licence). KaTeX 603 KB -> ~270 KB.
async function copyMinified(from, to) {
  const { code } = await transform(await readFile(from, 'utf8'), {
    minify: true,
    format: 'esm',
    target: 'es2020',
  });
  await writeFile(to, code);
}

// Bundles of the site's scripts, read from dist/app/ (web/app/ as copied there, next to the
// generated engine/schedulers.json they import) and written back under their own names, so every
// relative URL in them (the workers', the data's) resolves as before. The engine stays next to
// its wasm; KaTeX stays a file of its own, fetched by a page with a formula widget once its run
// is done (formula.mjs).
/** @returns {import('esbuild').BuildOptions} */
function siteBundle() {
  const appDir = path.join(out, 'app');
  return {
    absWorkingDir: out,
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [
      {
        name: 'separate-files',
        setup(b) {
          b.onResolve({ filter: /\/engine\/lrlab\.mjs$|\/vendor\/katex\/katex\.mjs$/ }, (a) => {
            const rel = path.relative(appDir, path.resolve(a.resolveDir, a.path)).split(path.sep).join('/');
            return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
          });
        },
      },
    ],
  };
}

// The workers in one file each: a worker fetches its module graph level by level, and the wasm
// can only be asked for once the worker runs (issue 12, page speed).
async function bundleWorkers() {
  for (const worker of ['app/engine-worker.mjs', 'app/pool-worker.mjs'])
    await build({ ...siteBundle(), entryPoints: [worker], outfile: path.join(out, worker) });
}

// The pages' scripts (issue 12, page speed): as ~45 modules of their own over HTTP/1.1 a lesson
// drew its first chart at ~1.05 s; bundled, at ~0.5 s (A/B in headless Chromium). The code they
// share is in chunks next to them. The unbundled modules stay in dist/app/ for the tests that
// import them.
const PAGE_SCRIPTS = ['app/lesson-page.mjs', 'app/theme.mjs', 'app/index-page.mjs'];
async function bundlePageScripts() {
  const { metafile } = await build({
    ...siteBundle(),
    entryPoints: PAGE_SCRIPTS,
    outdir: path.join(out, 'app'),
    outbase: 'app',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
  });
  // every widget a lesson may name is in the bundle (lesson-format.mjs checks lessons by
  // WIDGET_NAMES; tests/browser/lessons.test.mjs checks the registry's keys)
  const registered = metafile.inputs['app/widget-registry.mjs'].imports.map((i) => i.path).sort();
  const named = WIDGET_NAMES.map((n) => `app/widgets/${n}.mjs`).sort();
  if (JSON.stringify(registered) !== JSON.stringify(named))
    throw new Error(
      `web/app/widget-registry.mjs imports ${registered.join(', ')}; widget-names.mjs names ${named.join(', ')}`,
    );
  return metafile;
}

/**
 * The chunks `scripts` import statically (page-relative), for <link rel="modulepreload">: without
 * them the browser finds each only after the module that imports it has arrived.
 * @param {import('esbuild').Metafile} metafile
 * @param {string[]} scripts
 */
function chunksOf(metafile, scripts) {
  const key = (file) => path.relative(out, file).split(path.sep).join('/');
  const outputs = Object.fromEntries(
    Object.entries(metafile.outputs).map(([k, v]) => [key(path.resolve(out, k)), v]),
  );
  const seen = new Set();
  const visit = (file) => {
    for (const i of outputs[file]?.imports ?? []) {
      const f = key(path.resolve(out, i.path));
      if (i.kind !== 'import-statement' || i.external || seen.has(f)) continue;
      seen.add(f);
      visit(f);
    }
  };
  for (const s of scripts) visit(s);
  return [...seen].filter((f) => !scripts.includes(f)).sort();
}

async function copyVendor() {
  const nm = path.join(repo, 'node_modules');
  await mkdir(path.join(out, 'vendor/uplot'), { recursive: true });
  await copyMinified(path.join(nm, 'uplot/dist/uPlot.esm.js'), path.join(out, 'vendor/uplot/uPlot.esm.js'));
  await cp(path.join(nm, 'uplot/dist/uPlot.min.css'), path.join(out, 'vendor/uplot/uPlot.min.css'));
  await cp(path.join(nm, 'uplot/LICENSE'), path.join(out, 'vendor/uplot/LICENSE')).catch(() => {});
  await mkdir(path.join(out, 'vendor/katex'), { recursive: true });
  await copyMinified(path.join(nm, 'katex/dist/katex.mjs'), path.join(out, 'vendor/katex/katex.mjs'));
  await cp(path.join(nm, 'katex/dist/katex.min.css'), path.join(out, 'vendor/katex/katex.min.css'));
  await cp(path.join(nm, 'katex/LICENSE'), path.join(out, 'vendor/katex/LICENSE')).catch(() => {});
  // Only the woff2 fonts: every browser that runs WebAssembly reads woff2.
  await mkdir(path.join(out, 'vendor/katex/fonts'), { recursive: true });
  for (const f of await readdir(path.join(nm, 'katex/dist/fonts'))) {
    if (f.endsWith('.woff2'))
      await cp(path.join(nm, 'katex/dist/fonts', f), path.join(out, 'vendor/katex/fonts', f));
  }
  // katex.min.css lists woff2, woff and ttf; strip the formats we do not ship so nothing 404s.
  const cssPath = path.join(out, 'vendor/katex/katex.min.css');
  const css = await readFile(cssPath, 'utf8');
  await writeFile(
    cssPath,
    css
      .replace(/,url\([^)]*\.woff\) format\("woff"\)/g, '')
      .replace(/,url\([^)]*\.ttf\) format\("truetype"\)/g, ''),
  );
}

// Every page runs the theme's script from <head>. A lesson page starts its engine worker there
// first, with a classic script that runs as soon as it arrives, before the stylesheets it would
// otherwise wait for (web/app/engine-boot.js says why).
const THEME_SCRIPT = 'app/theme.mjs';
const LESSON_SCRIPT = 'app/lesson-page.mjs';
const ENGINE_BOOT = 'app/engine-boot.js';
/** The module scripts a page runs. */
const scriptsOf = (script) => [...new Set([THEME_SCRIPT, script])];

async function main() {
  if (!existsSync(path.join(out, 'engine/lrlab.mjs'))) {
    console.warn(
      `build-site: warning: ${path.relative(repo, out)}/engine/lrlab.mjs is missing (the wasm build puts it there); the lessons need it to run`,
    );
  }
  for (const dir of ['app']) await rm(path.join(out, dir), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  // web/ sources (the data sets in web/data/ come along).
  await cp(path.join(repo, 'web'), out, { recursive: true, filter: (src) => !src.endsWith('.DS_Store') });
  await copyVendor();
  await bundleWorkers();
  const bundles = await bundlePageScripts();

  const files = (await readdir(path.join(repo, 'lessons'))).filter((f) => /^\d+-.*\.md$/.test(f)).sort();
  const lessons = [];
  for (const f of files) {
    const text = await readFile(path.join(repo, 'lessons', f), 'utf8');
    lessons.push(parseLesson(text, `lessons/${f}`));
  }
  lessons.sort((a, b) => a.meta.order - b.meta.order);
  for (const l of lessons) {
    const defaults = lessonDefaults(l.meta.fields, l.meta.field_groups);
    const get = (k) => (k in defaults ? defaults[k] : FIELDS[k].default);
    for (const key of ['title', 'short', 'summary']) l.meta[key] = fillBound(l.meta[key], get);
  }
  const navLessons = lessons.map((l) => ({
    id: l.meta.id,
    order: l.meta.order,
    short: l.meta.short,
    title: l.meta.title,
    summary: l.meta.summary,
    questions: (l.meta.quiz || []).length,
  }));
  for (const lesson of lessons) {
    const body = `<article class="lesson" data-lesson="${escapeAttr(lesson.meta.id)}">
<h1>${escapeText(lesson.meta.title)}</h1>
<div class="mode-bar widget" data-widget="mode-switch"></div>
${renderBody(lesson)}
<nav class="lesson-pager" aria-label="Next and previous lesson">${pager(lessons, lesson)}</nav>
</article>`;
    await writeFile(
      path.join(out, `${lesson.meta.id}.html`),
      pageShell({
        title: lesson.meta.title,
        description: lesson.meta.summary,
        body,
        script: LESSON_SCRIPT,
        preload: chunksOf(bundles, scriptsOf(LESSON_SCRIPT)),
        lessonData: lesson.meta,
        navLessons,
        currentId: lesson.meta.id,
        // written by scripts/build-widget.mjs
        oembed: lesson.meta.run ? `oembed/${lesson.meta.id}.json` : null,
      }),
    );
  }
  const list = navLessons
    .map(
      (l) =>
        `<li class="lesson-card"><a href="${escapeAttr(l.id)}.html"><span class="lesson-number">${l.order}</span> <span class="lesson-title">${escapeText(l.title)}</span></a><p>${escapeText(l.summary)}</p><p class="lesson-progress" data-progress-for="${escapeAttr(l.id)}" data-questions="${l.questions}"></p></li>`,
    )
    .join('\n');
  // The lede counts the lessons the list below it shows.
  const countWords = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
  const count = countWords[navLessons.length] ?? String(navLessons.length);
  const indexBody = `<h1>LR Lab: learning-rate schedulers in PyTorch</h1>
<p class="lede">${count} short lessons on how PyTorch changes the learning rate while a model trains. Every chart and table is produced live, in your browser, by a WebAssembly port of PyTorch's optimizers and every <code>torch.optim.lr_scheduler</code> class of torch 1.13, training a small neural network as you move the sliders.</p>
<ol class="lesson-list">\n${list}\n</ol>
<p>Put a live demo on your own page: <a href="widget.html">the <code>&lt;lr-lab&gt;</code> element</a>.</p>`;
  await writeFile(
    path.join(out, 'index.html'),
    pageShell({
      title: 'Course',
      description: 'An interactive course on PyTorch learning-rate schedulers',
      body: indexBody,
      script: 'app/index-page.mjs',
      preload: chunksOf(bundles, scriptsOf('app/index-page.mjs')),
      lessonData: { lessons: navLessons },
      navLessons,
      currentId: null,
    }),
  );
  await writeFile(path.join(out, 'lessons.json'), JSON.stringify(navLessons, null, 1));
  // About: licence, software used, and the data sets' sources (one text: web/data/ATTRIBUTION.md).
  const about = await readFile(path.join(repo, 'docs/about.md'), 'utf8');
  const attribution = (await readFile(path.join(repo, 'web/data/ATTRIBUTION.md'), 'utf8')).replace(
    /^# /m,
    '## ',
  );
  await writeFile(
    path.join(out, 'about.html'),
    pageShell({
      title: 'About',
      description: 'LR Lab: licence, the software it uses, and the sources of its data sets',
      body: `<article class="lesson-body">${renderMarkdown(`${about}\n${attribution}`, 'docs/about.md')}</article>`,
      script: THEME_SCRIPT,
      preload: chunksOf(bundles, scriptsOf(THEME_SCRIPT)),
      navLessons,
      currentId: null,
    }),
  );
  console.log(`build-site: ${lessons.length} lessons -> ${path.relative(repo, out) || '.'}/`);
}

function pager(lessons, lesson) {
  const i = lessons.indexOf(lesson);
  const prev = lessons[i - 1];
  const next = lessons[i + 1];
  return [
    prev
      ? `<a rel="prev" href="${escapeAttr(prev.meta.id)}.html">← ${escapeText(prev.meta.short)}</a>`
      : '<span></span>',
    next
      ? `<a rel="next" href="${escapeAttr(next.meta.id)}.html">${escapeText(next.meta.short)} →</a>`
      : '<a href="index.html">Course overview</a>',
  ].join('');
}

main().catch((err) => {
  console.error(`build-site: ${err.message}`);
  process.exit(1);
});
