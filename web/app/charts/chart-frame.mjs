// A uPlot canvas chart with the course's conventions: theme colours from CSS variables, width that
// follows its container, a synced cursor across the page's charts, vertical markers where the LR
// changes, and CSV / PNG export buttons. Widgets give it series and data; it never computes values.
// It mounts in any container, also inside a shadow root: colours are read from the chart's own
// element (custom properties inherit), and theme / cursor events travel on opts.events (default
// the document), so two <lr-lab> elements on one page do not steer each other.
import uPlot from '../../vendor/uplot/uPlot.esm.js';
import { h } from '../element.mjs';

export const SYNC_KEY = 'lrlab';

/** The "chartcursor" event: the epoch under the synced cursor, or null when it left the plot. */
/** @typedef {Event & {epoch: number | null}} ChartCursorEvent */
const css = (el, name) => getComputedStyle(el).getPropertyValue(name).trim();

/** Series colour i of the theme palette, as a CSS var() the chart resolves where it is drawn. */
export const palette = (i) => `var(--chart-${(i % 6) + 1})`;

/** A colour for the canvas: var(--x) resolved against `el` (canvas cannot read CSS variables). */
export function resolveColor(el, color, fallback = '#3366cc') {
  const m = /^var\((--[\w-]+)\)$/.exec(color || '');
  if (!m) return color || fallback;
  return css(el, m[1]) || fallback;
}

export const steppedPath = uPlot.paths.stepped({ align: 1 });

/** A line's dash pattern as a CSS border style, for its legend marker. */
const lineStyle = (dash) => (!dash?.length ? 'solid' : Math.max(...dash) <= 3 ? 'dotted' : 'dashed');

/** How opaque a faint series (baseline, plan) is drawn: the theme's --chart-faint-alpha. */
export const faintAlphaOf = (el) => Number(css(el, '--chart-faint-alpha')) || 0.45;

/** The y axes' tick steps: 1, 2 and 5 times 10^k. */
const Y_INCRS = Array.from({ length: 25 }, (_, i) => i - 12).flatMap((k) =>
  [1, 2, 5].map((m) => Number((m * 10 ** k).toPrecision(12))),
);

function markersPlugin(frame) {
  return {
    hooks: {
      draw: (u) => {
        const xs = frame.markers || [];
        if (!xs.length) return;
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = css(frame.plotBox, '--marker') || '#999';
        ctx.lineWidth = Math.max(1, devicePixelRatio);
        ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
        for (const x of xs) {
          const px = Math.round(u.valToPos(x, 'x', true)) + 0.5;
          if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(px, top);
          ctx.lineTo(px, top + height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

// Labelled vertical lines (frame.annotations: [{x, label, color}]), e.g. "diverged at epoch 3"
// on a loss chart whose scale clips the diverged run: the label says where it left the chart.
function annotationsPlugin(frame) {
  return {
    hooks: {
      draw: (u) => {
        const notes = frame.annotations || [];
        if (!notes.length) return;
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const dpr = devicePixelRatio || 1;
        ctx.save();
        ctx.font = `600 ${11 * dpr}px sans-serif`;
        ctx.textBaseline = 'top';
        ctx.textAlign = 'left'; // uPlot leaves the y axis' right alignment on the context
        const bg = css(frame.plotBox, '--bg') || '#fff';
        const boxes = [];
        const colors = [];
        notes.forEach((n, i) => {
          const px = Math.round(u.valToPos(n.x, 'x', true)) + 0.5;
          if (px < left - 1 || px > left + width + 1) return;
          const color = resolveColor(frame.plotBox, n.color || 'var(--bad)', '#c62828');
          ctx.strokeStyle = color;
          ctx.fillStyle = color;
          ctx.lineWidth = 2 * dpr;
          ctx.setLineDash([6 * dpr, 3 * dpr]);
          ctx.beginPath();
          ctx.moveTo(px, top);
          ctx.lineTo(px, top + height);
          ctx.stroke();
          // the label inside the plot, on the side of the line with room, stacked when several
          // runs diverged; too long for the plot, it drops the run's name (the colour and the
          // legend say which run) and then is squeezed to the plot's width
          const room = width - 4 * dpr;
          let label = n.label;
          if (ctx.measureText(label).width > room) label = label.replace(/^.*: /, '');
          const w = Math.min(ctx.measureText(label).width, room);
          let x = px + 4 * dpr;
          if (x + w > left + width - 2 * dpr) x = px - 4 * dpr - w;
          x = Math.min(Math.max(x, left + 2 * dpr), left + width - 2 * dpr - w);
          const y = top + (4 + i * 14) * dpr;
          // on a backing of the page colour, so a curve under it does not cross its letters
          ctx.fillStyle = bg;
          ctx.globalAlpha = 0.6;
          ctx.fillRect(x - 2 * dpr, y - 1 * dpr, w + 4 * dpr, 14 * dpr);
          ctx.globalAlpha = 1;
          ctx.fillStyle = color;
          ctx.fillText(label, x, y, room);
          boxes.push([x, y, x + w, y + 12 * dpr].map((v) => Math.round(v / dpr)).join(','));
          colors.push(color);
        });
        ctx.restore();
        // where the labels are drawn, in CSS px of the canvas (for tests)
        frame.root.dataset.annotationBoxes = boxes.join('|');
        frame.root.dataset.annotationColors = colors.join('|');
      },
    },
  };
}

export class ChartFrame {
  /**
   * opts: {title, xLabel, yLabel, series: [{label, color, stepped, dash, width, faint, scale}], log,
   *        yRange, height, csvName, toCsv(): string, extraScales, describe(): string,
   *        events: EventTarget for "themechange" in / "chartcursor" out (default document),
   *        syncKey: cursor sync group (default: every chart of the page),
   *        settings(): string (the run's settings, printed under PNG exports)}
   */
  constructor(container, opts) {
    this.opts = opts;
    this.events = opts.events || document;
    this.markers = [];
    /** @type {{x: number, label: string, color?: string}[]} */
    this.annotations = [];
    /** @type {import('uplot').AlignedData} */
    this.data = [[]];
    this.root = h('figure', { class: 'chart' });
    this.plotBox = h('div', { class: 'chart-plot', role: 'img', 'aria-label': opts.title });
    const tools = h('div', { class: 'chart-tools' });
    this.titleEl = h('figcaption', { class: 'chart-title', text: opts.title });
    this.root.append(this.titleEl, this.plotBox, tools);
    if (opts.toolbar) tools.append(...opts.toolbar);
    tools.append(
      h('button', {
        type: 'button',
        class: 'small',
        text: 'CSV',
        title: 'Download the data as CSV',
        onclick: () => this.exportCsv(),
      }),
      h('button', {
        type: 'button',
        class: 'small',
        text: 'PNG',
        title: 'Download the chart as a PNG image',
        onclick: () => this.exportPng(),
      }),
    );
    container.append(this.root);
    this.build();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.plotBox);
    this.events.addEventListener('themechange', () => this.build());
  }

  build() {
    const { opts } = this;
    if (this.plot) this.plot.destroy();
    const el = this.plotBox;
    const axisStroke = css(el, '--fg-muted');
    const grid = { stroke: css(el, '--grid'), width: 1 };
    const faintAlpha = faintAlphaOf(el);
    const series = [
      {
        label: opts.xLabel || 'epoch',
        value: (u, v) => (v == null ? '–' : String(Math.round(v * 1000) / 1000)),
      },
    ];
    opts.series.forEach((s, i) => {
      series.push({
        label: s.label,
        stroke: resolveColor(el, s.color || palette(i)),
        width: s.width || (s.faint ? 1.5 : 2),
        dash: s.dash,
        alpha: s.faint ? faintAlpha : 1,
        scale: s.scale || 'y',
        paths: s.stepped ? steppedPath : undefined,
        points: { show: s.points ?? false, size: 5 },
        spanGaps: false,
        value: s.value,
        show: s.show ?? true,
      });
    });
    const scales = {
      x: { time: false, range: (u, min, max) => this.opts.xRange || [min, max] },
      y: { distr: opts.log ? 3 : 1, ...(opts.yRange && !opts.log ? { range: opts.yRange } : {}) },
      ...(opts.extraScales || {}),
    };
    const axes = [
      // epochs: ticks on whole epochs only (per-batch charts still count epochs on the x axis)
      {
        stroke: axisStroke,
        grid,
        ticks: grid,
        label: opts.xLabel || 'epoch',
        labelSize: 20,
        size: 36,
        incrs: [1, 2, 5, 10, 20, 50, 100],
      },
      {
        stroke: axisStroke,
        grid,
        ticks: grid,
        label: opts.yLabel,
        labelSize: 20,
        size: 56,
        values: opts.yValues,
        // steps of 1, 2 or 5 (times a power of ten), never 2.5: a percent axis then ticks at whole
        // percents its labels state exactly (87.5 % would read "88 %")
        incrs: Y_INCRS,
        // log scale: grid lines at powers of ten (then 2 and 5 if the range spans less), not at
        // every 1..9 multiple (a barcode)
        ...(opts.log ? { splits: (u, i, min, max) => logSplits(min, max) } : {}),
      },
    ];
    if (opts.extraAxis) axes.push({ stroke: axisStroke, grid: { show: false }, ...opts.extraAxis });
    this.plot = new uPlot(
      {
        width: Math.max(240, this.plotBox.clientWidth || 600),
        height: opts.height || 220,
        scales,
        axes,
        series,
        cursor: { sync: { key: opts.syncKey || SYNC_KEY, setSeries: false }, drag: { x: false, y: false } },
        legend: {
          show: true,
          live: true,
          // each marker is a short sample of its series' line: its colour (as faint as the line),
          // solid, dashed or dotted like the line (site.css draws the marker's top border only)
          markers: {
            width: (u, i) => Math.min(4, Math.max(2, series[i].width || 2)),
            dash: (u, i) => lineStyle(series[i].dash),
            stroke: (u, i) => {
              const { stroke, alpha } = series[i];
              return alpha < 1
                ? `color-mix(in srgb, ${stroke} ${Math.round(alpha * 100)}%, transparent)`
                : stroke;
            },
            fill: 'transparent',
          },
        },
        plugins: [markersPlugin(this), annotationsPlugin(this)],
        hooks: {
          // the drawn y range, for tests and readers of the DOM (a diverged run must not set it)
          draw: [
            (u) => {
              this.root.dataset.yMax = String(u.scales.y.max);
              // each y tick's value and the label drawn at it, "value=label|…"
              const ax = /** @type {any} */ (u.axes[1]);
              this.root.dataset.yTicks = (ax._splits || [])
                .map((v, i) => `${v}=${ax._values?.[i] ?? ''}`)
                .join('|');
            },
          ],
          // a legend entry shows ": value" only while it has one (the cursor is on the plot and
          // the series has a point there); otherwise its label stands alone (site.css)
          setLegend: [markEmptyLegendValues],
          // tell the epoch table which epoch the synced cursor is on, so it can highlight the row
          setCursor: [
            (u) => {
              const x = u.cursor.idx == null ? null : u.data[0][u.cursor.idx];
              this.events.dispatchEvent(
                Object.assign(new Event('chartcursor'), { epoch: x == null ? null : Math.floor(x + 1e-9) }),
              );
            },
          ],
        },
      },
      this.data,
      this.plotBox,
    );
    markEmptyLegendValues(this.plot);
  }

  resize() {
    const w = Math.max(240, this.plotBox.clientWidth);
    if (this.plot && Math.abs(this.plot.width - w) > 1)
      this.plot.setSize({ width: w, height: this.opts.height || 220 });
  }

  /** data: uPlot aligned data [xs, ys1, ys2, ...]; markers: x positions of LR changes. */
  setData(data, markers = this.markers) {
    this.data = data;
    this.markers = markers;
    this.plot.setData(data);
    this.root.dataset.points = String(data[0].length);
  }

  /** Labelled vertical lines, e.g. where a run diverged; drawn with the next paint. */
  setAnnotations(notes) {
    const sig = JSON.stringify(notes);
    if (sig === JSON.stringify(this.annotations)) return;
    this.annotations = notes;
    this.root.dataset.annotations = notes.map((n) => n.label).join('|');
    this.plot.redraw(false);
  }

  /** A new title (figure caption, the plot's accessible name and the PNG export's heading). */
  setTitle(title) {
    this.opts.title = title;
    this.titleEl.textContent = title;
    this.plotBox.setAttribute('aria-label', title);
  }

  setLog(log) {
    this.opts.log = log;
    this.build();
  }

  /** Rebuilds with a different set of series (overlays). */
  setSeries(series, data) {
    this.opts.series = series;
    this.data = data;
    this.build();
  }

  exportCsv() {
    const text = this.opts.toCsv ? this.opts.toCsv() : defaultCsv(this.opts, this.data);
    download(new Blob([text], { type: 'text/csv' }), `${this.opts.csvName || 'chart'}.csv`);
  }

  /**
   * The chart as an image that stands alone: title, the plot with its axes, ticks, axis labels and
   * markers, a legend (one entry per shown series) and the run's settings line.
   */
  renderPng() {
    const src = this.plot.ctx.canvas;
    const dpr = devicePixelRatio || 1;
    const line = 18 * dpr;
    const series = this.opts.series.filter((s) => s.show !== false);
    const settings = this.opts.settings ? this.opts.settings() : '';
    // legend columns: three where there is room, else one entry per row
    const cols = src.width / dpr >= 560 ? 3 : 1;
    const canvas = document.createElement('canvas');
    canvas.width = src.width;
    const ctx = canvas.getContext('2d');
    const maxText = canvas.width - 16 * dpr;
    // the settings line wraps at its " · " separators rather than being squeezed
    ctx.font = `${11 * dpr}px sans-serif`;
    const settingsLines = [];
    for (const part of settings ? settings.split(' · ') : []) {
      const last = settingsLines.at(-1);
      if (last !== undefined && ctx.measureText(`${last} · ${part}`).width <= maxText)
        settingsLines[settingsLines.length - 1] = `${last} · ${part}`;
      else settingsLines.push(part);
    }
    canvas.height = src.height + line * (2 + Math.ceil(series.length / cols) + settingsLines.length);
    ctx.fillStyle = css(this.plotBox, '--bg') || '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = css(this.plotBox, '--fg') || '#000';
    ctx.textBaseline = 'middle';
    ctx.font = `600 ${13 * dpr}px sans-serif`;
    ctx.fillText(this.opts.title, 8 * dpr, line * 0.75, maxText);
    ctx.drawImage(src, 0, line * 1.5);
    ctx.font = `${12 * dpr}px sans-serif`;
    let y = line * 1.5 + src.height + line * 0.6;
    series.forEach((s, i) => {
      const x = 8 * dpr + (i % cols) * (canvas.width / cols);
      if (i > 0 && i % cols === 0) y += line;
      ctx.strokeStyle = resolveColor(this.plotBox, s.color || palette(i));
      ctx.globalAlpha = s.faint ? faintAlphaOf(this.plotBox) : 1;
      ctx.lineWidth = 2 * dpr;
      ctx.setLineDash((s.dash || []).map((d) => d * dpr));
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 18 * dpr, y);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      ctx.fillText(s.label, x + 24 * dpr, y, canvas.width / cols - 32 * dpr);
    });
    ctx.fillStyle = css(this.plotBox, '--fg-muted') || '#555';
    ctx.font = `${11 * dpr}px sans-serif`;
    settingsLines.forEach((text, i) => {
      ctx.fillText(text, 8 * dpr, y + line * (i + 1), maxText);
    });
    return canvas;
  }

  exportPng() {
    this.renderPng().toBlob((blob) => download(blob, `${this.opts.csvName || 'chart'}.png`), 'image/png');
  }
}

const NO_VALUE = new Set(['', '-', '--', '–', '—']);

/** Marks each legend row whose value cell is empty or a dash (data-no-value). */
function markEmptyLegendValues(u) {
  for (const tr of u.root.querySelectorAll('.u-legend tr.u-series')) {
    const empty = NO_VALUE.has((tr.querySelector('.u-value')?.textContent || '').trim());
    if (tr.hasAttribute('data-no-value') !== empty) tr.toggleAttribute('data-no-value', empty);
  }
}

/** Tick values for a log axis: powers of ten in [min, max], refined by 2 and 5 when too few. */
export function logSplits(min, max) {
  if (!(min > 0) || !(max > min)) return [min, max].filter((v) => v > 0);
  for (const mults of [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const out = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
      for (const m of mults) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
      }
    if (out.length >= 2) return out;
  }
  return [min, max];
}

function defaultCsv(opts, data) {
  const head = [opts.xLabel || 'epoch', ...opts.series.map((s) => s.label)];
  const rows = data[0].map((x, i) => [x, ...data.slice(1).map((col) => (col[i] == null ? '' : col[i]))]);
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export const csvCell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  // a detached link downloads too, so this works from a shadow root on any host page
  h('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
