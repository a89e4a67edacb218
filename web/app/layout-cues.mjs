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

const resized = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const box = target.classList.contains('scroll-cue-box') ? target : target.parentElement;
    if (!box?.classList.contains('scroll-cue-box')) continue;
    if (box.classList.contains('katex-display')) fitFormula(box);
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
    updateCue(box);
  };
  new MutationObserver(observeChildren).observe(box, { childList: true });
  observeChildren();
}

function labelRows(table) {
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

/**
 * Sets a code block's text as one block per line, each knowing its indent (--indent), so a line
 * too long for the block wraps with a hanging indent under its own start (site.css .code-line).
 * textContent stays the exact text (copy and download read it).
 * @param {HTMLElement} code
 * @param {string} text
 */
export function setCodeText(code, text) {
  code.replaceChildren(
    ...text.split(/(?<=\n)/).map((line) => {
      const span = document.createElement('span');
      span.className = 'code-line';
      span.textContent = line;
      const indent = /^ */.exec(line)[0].length;
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
  // (a block with markup inside, e.g. numbers bound to the settings, keeps it)
  for (const code of /** @type {HTMLElement[]} */ ([
    ...(root.matches(CODE) ? [root] : root.querySelectorAll(CODE)),
  ]))
    if (!code.dataset.lines && !code.childElementCount) setCodeText(code, code.textContent);
}

/** Watches `root` (a page's body) for wide boxes and stacked tables, now and as they mount. */
export function installLayoutCues(root = document.body) {
  scan(root);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) scan(n);
  }).observe(root, { childList: true, subtree: true });
}
