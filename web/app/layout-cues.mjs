// Layout for what a page fills in after load, so no value is cut off at 360 px without a hint:
// - scroll cues: a box that scrolls sideways (a wide table, a display formula, a code block) sits in
//   a .scroll-cue wrapper whose data-overflow ("left", "right" or "left right") shows an edge
//   shadow on each side that has more to see (site.css);
// - stacked tables: the cells of a table.stack-table (and of a lesson's own Markdown tables) carry
//   their column's name in data-label, so under 600 px each row reads as a card of "label value"
//   lines (site.css) instead of losing its right-hand columns;
// - display formulas shrink (down to MIN_SCALE) to fit their line before they need to scroll.
// One MutationObserver finds these boxes as widgets mount and re-render.

const SCROLLERS = '.table-scroll, .katex-display, pre';
const CODE = 'pre > code';
const STACKED = 'table.stack-table, .lesson-section > table';
const MIN_SCALE = 0.9; // smaller, a fraction's digits are unreadable at 360 px

const seen = new WeakSet();

/** Marks on the wrapper which sides of `box` have content scrolled out of view. */
function updateCue(box) {
  const wrap = box.parentElement;
  if (!wrap?.classList.contains('scroll-cue')) return;
  const max = box.scrollWidth - box.clientWidth;
  const sides = [];
  if (max > 1 && box.scrollLeft > 1) sides.push('left');
  if (max > 1 && box.scrollLeft < max - 1) sides.push('right');
  const value = sides.join(' ');
  if ((wrap.dataset.overflow || '') !== value) wrap.dataset.overflow = value;
}

/** A table's caption stays in view while its columns scroll: the shades start under it. Its
 * height changes with the layout, not with scrolling, so this runs on resize and mutation only. */
function updateCueTop(box) {
  const wrap = box.parentElement;
  if (!wrap?.classList.contains('scroll-cue')) return;
  const caption = /** @type {HTMLElement | null} */ (box.querySelector(':scope > table > caption'));
  const top = caption ? `${caption.offsetHeight}px` : '';
  if (wrap.style.getPropertyValue('--cue-top') !== top) wrap.style.setProperty('--cue-top', top); // CSSOM
}

/** A display formula wider than its line is set smaller, at most down to MIN_SCALE. */
function fitFormula(box) {
  const width = box.clientWidth;
  if (!width || Number(box.dataset.fitWidth) === width) return;
  box.dataset.fitWidth = String(width);
  box.style.fontSize = ''; // CSSOM: the CSP allows no style attributes
  const need = box.scrollWidth;
  if (need > width + 1) {
    const scale = Math.max(MIN_SCALE, Math.floor((width / need) * 100) / 100);
    box.style.fontSize = `${scale}em`;
  }
}

/**
 * A table that snaps its columns to its pinned (sticky) ones (site.css: scroll-snap-type on the box,
 * scroll-snap-align and a scroll-margin as wide as the pinned columns on the cells) also needs its
 * last scroll position to be a column's: otherwise, scrolled to the end, the column at the pinned
 * edge sits half under it with its digits cut. --snap-end on the box is the room to add after the
 * last column (site.css puts it where the table's layout allows).
 * @param {HTMLElement} box
 */
function alignSnapEnd(box) {
  const table = box.querySelector(':scope > table');
  const now = Number.parseFloat(box.style.getPropertyValue('--snap-end')) || 0;
  if (!table || getComputedStyle(box).scrollSnapType === 'none') {
    if (now) box.style.removeProperty('--snap-end');
    return;
  }
  const max = box.scrollWidth - box.clientWidth - now;
  const origin = box.getBoundingClientRect().left + box.clientLeft - box.scrollLeft;
  const row = table.querySelector('tbody tr');
  const stops = [...(row?.children || [])].flatMap((cell) => {
    const style = getComputedStyle(cell);
    if (!style.scrollSnapAlign.includes('start')) return [];
    return [cell.getBoundingClientRect().left - origin - Number.parseFloat(style.scrollMarginLeft || '0')];
  });
  const next = stops.filter((x) => x >= max - 1).sort((a, b) => a - b)[0];
  const pad = max > 1 && next !== undefined && next - max > 1 ? Math.ceil(next - max) : 0;
  if (pad !== now) box.style.setProperty('--snap-end', `${pad}px`); // CSSOM: allowed by the CSP
}

const resized = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const box = target.classList.contains('scroll-cue-box') ? target : target.parentElement;
    if (!box?.classList.contains('scroll-cue-box')) continue;
    if (box.classList.contains('katex-display')) fitFormula(box);
    alignSnapEnd(/** @type {HTMLElement} */ (box));
    updateCueTop(box);
    updateCue(box);
  }
});

function watchScroller(box) {
  if (seen.has(box)) return;
  seen.add(box);
  box.classList.add('scroll-cue-box');
  const wrap = document.createElement(box.tagName === 'PRE' || box.tagName === 'DIV' ? 'div' : 'span');
  wrap.className = 'scroll-cue';
  box.before(wrap);
  wrap.append(box);
  box.addEventListener('scroll', () => updateCue(box), { passive: true });
  resized.observe(box);
  const observeChildren = () => {
    for (const child of box.children) resized.observe(child);
    alignSnapEnd(box);
    updateCueTop(box);
    updateCue(box);
  };
  // new text deeper down (a code block's lines, a formula's terms) can change how wide the content
  // is without resizing any box the ResizeObserver watches (inline and full-width children); the
  // mutations of one frame (an epoch table's rows arriving) are measured once, at its end
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      observeChildren();
    });
  }).observe(box, { childList: true, subtree: true, characterData: true });
  // Measured by the ResizeObserver's first report, after the frame's layout: measuring here, as
  // each box mounts, laid the page out again per box (278 ms of a lesson's load; issue 12).
  for (const child of box.children) resized.observe(child);
}

/** Measures every watched box again: web fonts that arrive after the first layout (KaTeX's) change
 * how wide a formula is while its box keeps its size, so a cue would show for nothing (or hide). */
function remeasureAll() {
  for (const box of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.scroll-cue-box'))) {
    if (box.classList.contains('katex-display')) {
      delete box.dataset.fitWidth;
      fitFormula(box);
    }
    alignSnapEnd(box);
    updateCueTop(box);
    updateCue(box);
  }
}

// a value a column of numbers holds: 0.05, −1e-3, 91.5%, 1 → 0.125
const NUMBER = /^[-−+]?(\d[\d,]*\.?\d*|\.\d+)(e[-−+]?\d+)?\s*%?(\s*→\s*[-−+]?[\d.]+(e[-−+]?\d+)?\s*%?)?$/i;

/** A lesson's own table: columns of numbers are set right (class num), text reads left (site.css). */
function markNumberColumns(table) {
  const head = [...table.querySelectorAll('thead tr:last-child > th')];
  const rows = [...table.querySelectorAll('tbody > tr')].map((tr) => [...tr.children]);
  head.forEach((th, i) => {
    const cells = rows.map((r) => r[i]).filter((c) => c?.textContent.trim());
    const num = cells.length > 0 && cells.every((c) => NUMBER.test(c.textContent.trim()));
    for (const c of [th, ...cells]) c.classList.toggle('num', num);
  });
}

function labelRows(table) {
  if (table.matches('.lesson-section > table')) markNumberColumns(table);
  const names = [...table.querySelectorAll('thead tr:last-child > th')].map((th) => th.textContent.trim());
  // explicit roles keep the table semantics when CSS stacks its cells
  table.setAttribute('role', 'table');
  for (const tr of table.querySelectorAll('thead > tr')) {
    tr.setAttribute('role', 'row');
    for (const th of tr.children) th.setAttribute('role', 'columnheader');
  }
  for (const tr of table.querySelectorAll('tbody > tr')) {
    tr.setAttribute('role', 'row');
    [...tr.children].forEach((cell, i) => {
      if (names[i] && cell.getAttribute('data-label') !== names[i]) cell.setAttribute('data-label', names[i]);
      cell.setAttribute('role', cell.tagName === 'TH' ? 'rowheader' : 'cell');
    });
  }
}

function watchStacked(table) {
  if (seen.has(table)) return;
  seen.add(table);
  table.classList.add('stack-table');
  new MutationObserver(() => labelRows(table)).observe(table, { childList: true, subtree: true });
  labelRows(table);
}

// Where a code line may break besides its spaces: after a "." that joins two names
// (torch.optim.lr_scheduler), and after "(", "[", "{" or "," before what follows. Never inside a
// name, a number or a keyword argument (site.css sets overflow-wrap: normal; what still does not
// fit scrolls).
const CODE_BREAK = /(?<=[\w)\]]\.(?=[A-Za-z_])|[([{,](?=[^\s)\]}]))/;

/**
 * Sets a code block's text as one block per line, each knowing its indent (--indent), so a line
 * too long for the block wraps with a hanging indent under its own start (site.css .code-line),
 * at a space or at a <wbr> between a name and the punctuation around it (CODE_BREAK).
 * textContent stays the exact text (copy and download read it).
 * @param {HTMLElement} code
 * @param {string} text
 */
export function setCodeText(code, text) {
  code.replaceChildren(
    ...text.split(/(?<=\n)/).map((line) => {
      const span = document.createElement('span');
      span.className = 'code-line';
      const indent = /^ */.exec(line)[0].length;
      // the indent is a box of its own, so a phone can set a deep one narrower (site.css) instead
      // of breaking after it and leaving its line empty
      if (indent) {
        const lead = document.createElement('span');
        lead.className = 'code-indent';
        lead.textContent = line.slice(0, indent);
        span.append(lead);
      }
      span.append(
        ...line
          .slice(indent)
          .split(CODE_BREAK)
          .flatMap((part, i) => (i ? [document.createElement('wbr'), part] : [part])),
      );
      if (indent) span.style.setProperty('--indent', `${indent}ch`); // CSSOM: allowed by the CSP
      return span;
    }),
  );
  code.dataset.lines = 'true';
}

function scan(root) {
  if (!(root instanceof Element)) return;
  for (const [selector, watch] of /** @type {const} */ ([
    [STACKED, watchStacked],
    [SCROLLERS, watchScroller],
  ])) {
    if (root.matches(selector)) watch(root);
    for (const el of root.querySelectorAll(selector)) watch(el);
  }
  for (const code of /** @type {HTMLElement[]} */ ([
    ...(root.matches(CODE) ? [root] : root.querySelectorAll(CODE)),
  ])) {
    if (code.dataset.lines) continue;
    if (code.childElementCount) setCodeLinesAround(code);
    else setCodeText(code, code.textContent);
  }
}

/**
 * setCodeText for a block with markup inside (numbers bound to the settings: build-site.mjs
 * fencedBlock): its nodes regrouped into the same .code-line blocks, the elements kept as they
 * are (the lesson page updates them in place), <wbr> in the text between them. Its lines have no
 * indent (the hanging indent is the plain 4 columns). textContent stays the exact text.
 * @param {HTMLElement} code
 */
function setCodeLinesAround(code) {
  /** @type {HTMLElement[]} */
  const lines = [];
  const newLine = () => {
    const span = document.createElement('span');
    span.className = 'code-line';
    lines.push(span);
    return span;
  };
  let line = newLine();
  for (const node of [...code.childNodes]) {
    if (node.nodeType !== Node.TEXT_NODE) {
      line.append(node);
      continue;
    }
    for (const part of (node.textContent ?? '').split(/(?<=\n)/)) {
      line.append(
        ...part.split(CODE_BREAK).flatMap((p, i) => (i ? [document.createElement('wbr'), p] : [p])),
      );
      if (part.endsWith('\n')) line = newLine();
    }
  }
  if (!line.childNodes.length) lines.pop();
  code.replaceChildren(...lines);
  code.dataset.lines = 'true';
}

/** The sticky mode bar's height, for what is scrolled to under it (site.css scroll-margin-top). */
function measureModeBar() {
  const bar = document.querySelector('.mode-bar');
  if (!bar) return;
  new ResizeObserver(() => {
    const sticky = getComputedStyle(bar).position === 'sticky';
    const px = sticky ? `${Math.ceil(bar.getBoundingClientRect().height)}px` : '0px';
    document.documentElement.style.setProperty('--mode-bar-height', px); // CSSOM: allowed by the CSP
  }).observe(bar);
}

/** Watches `root` (a page's body) for wide boxes and stacked tables, now and as they mount. */
export function installLayoutCues(root = document.body) {
  scan(root);
  measureModeBar();
  document.fonts?.addEventListener('loadingdone', remeasureAll);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) scan(n);
  }).observe(root, { childList: true, subtree: true });
}
