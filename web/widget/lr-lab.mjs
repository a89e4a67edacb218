// <lr-lab>: the live demo as one custom element for any page (reference: the site page widget.html,
// written from scripts/widget-docs.mjs).
//   <script type="module" src=".../widget/lr-lab.mjs"></script>
//   <lr-lab scheduler="StepLR" step_size="3" gamma="0.5" epochs="12"></lr-lab>
// Built by scripts/build-widget.mjs into a module (and the chunks it imports, next to it) that finds
// its engine worker (and through it the engine and its wasm) and the parts it loads on demand (the
// controls panel) relative to its own URL, so it works from any sub-path and from another origin
// that sends Access-Control-Allow-Origin. Every element of a page shares one engine; each
// trains on its own channel, when it first scrolls into view. Rendering is Shadow DOM with one
// constructable stylesheet: host-page CSS cannot reach in, ours cannot leak out, and no inline
// style is needed (strict CSP). Text from attributes only ever reaches the page as textContent.
import uplotCss from '../../node_modules/uplot/dist/uPlot.min.css';
import { h } from '../app/element.mjs';
import { engineClient } from '../app/engine-client.mjs';
import { FIELDS } from '../app/fields.mjs';
import { fmtAcc, fmtLoss, fmtLr } from '../app/number-format.mjs';
import { buildTrainSpec } from '../app/run-spec.mjs';
import { TrainingRun } from '../app/training-run.mjs';
import { mount as mountTable } from '../app/widgets/epoch-table.mjs';
import { mount as mountLrChart } from '../app/widgets/lr-chart.mjs';
import { mount as mountMetrics } from '../app/widgets/metrics-chart.mjs';
import {
  AttributeError,
  controlFields,
  OBSERVED_ATTRIBUTES,
  parseSpec,
  RUN_ATTRIBUTES,
  readAttributes,
} from './attributes.mjs';
import widgetCss from './lr-lab.css';

/** @typedef {import('../app/training-run.mjs').RunEvent} RunEvent */

const WORKER_URL = new URL('./engine-worker.mjs', import.meta.url);
let sheet = null;
const styles = () => {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${uplotCss}\n${widgetCss}`);
  }
  return sheet;
};
const darkMedia = matchMedia('(prefers-color-scheme: dark)');
let instances = 0;

/** Field values a control can change -> the attribute a learner knows them by (for error paths). */
const ATTRIBUTE_OF_PATH = {
  'optimizer.lr': 'lr',
  'optimizer.momentum': 'momentum',
  'optimizer.type': 'optimizer',
  epochs: 'epochs',
  batch_size: 'batch-size',
  scheduler_step: 'scheduler-step',
  'data.dataset': 'dataset',
};

function errorPath(message, fromSpec) {
  const m = /^([\w.[\]$]+): /.exec(message);
  const enginePath = m ? m[1] : '';
  if (fromSpec) return enginePath ? `spec.${enginePath}` : 'spec';
  if (ATTRIBUTE_OF_PATH[enginePath]) return ATTRIBUTE_OF_PATH[enginePath];
  const kw = /^scheduler\.(\w+)$/.exec(enginePath);
  if (kw) return kw[1].toLowerCase();
  return enginePath.startsWith('scheduler') ? 'scheduler' : enginePath || 'scheduler';
}

/** The widget's settings: field values with the same interface the course's controls use. */
class WidgetState extends EventTarget {
  constructor(values) {
    super();
    this.values = values;
  }
  has(key) {
    return key in FIELDS;
  }
  get(key) {
    return key in this.values ? this.values[key] : FIELDS[key].default;
  }
  update(changes) {
    const keys = [];
    for (const [key, value] of Object.entries(changes)) {
      const f = FIELDS[key];
      const v = f?.parse(f.format(value));
      if (v === undefined || f.format(v) === f.format(this.get(key))) continue;
      this.values[key] = v;
      keys.push(key);
    }
    if (keys.length) this.dispatchEvent(Object.assign(new Event('change'), { keys }));
  }
  set(key, value) {
    this.update({ [key]: value });
  }
}

// The attributes that still count beside a spec: how the element shows its run.
const SPEC_VIEW_ATTRIBUTES = new Set(['panels', 'theme', 'lr-scale', 'baseline']);

export class LrLabElement extends HTMLElement {
  static observedAttributes = OBSERVED_ATTRIBUTES;

  #shadow;
  #channel;
  #frame = 0;
  #visible = false;
  #forced = false;
  #specOverride = null; // the spec property, when set (wins over attributes)
  #current = null; // {spec, fromSpec, view, values} of the latest applied settings
  #run = null;
  #baseline = null;
  #readyPromise;
  #error = null; // {message, path} of the last refusal, until settings train
  #skipTraining = false; // cancel() came while settings waited for their frame
  #parts = {};
  #onScheme = null;

  constructor() {
    super();
    this.#channel = `lr-lab-${++instances}`;
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    const client = engineClient(WORKER_URL);
    client.warmup(); // the course's default runs, whenever the worker is idle (engine-warmup.mjs)
    this.#readyPromise = client.ready().then(() => undefined);
    this.#readyPromise.catch(() => {});
  }

  /** Resolves when the page's shared engine has loaded (rejects when it cannot load). */
  get ready() {
    return this.#readyPromise;
  }
  /** The run-spec this element trains: the spec property or attribute, else built from attributes
   *  (once training started, as the engine ran it: OneCycleLR / CyclicLR lengths in steps). */
  get spec() {
    const spec = this.#run?.spec ?? this.#current?.spec;
    return spec ? structuredClone(spec) : null;
  }
  set spec(value) {
    this.#specOverride = value === null || value === undefined ? null : { value };
    this.#schedule();
  }
  /** What engine.train() resolves to for the current settings, once trained; else null. */
  get result() {
    return this.#run?.result ?? null;
  }
  /** The last refusal ({message, path}, as the error event gave it), or null while settings train. */
  get error() {
    return this.#error && { ...this.#error };
  }

  connectedCallback() {
    // A page (or a framework) may set `spec` before this module defined the element: that value
    // is an own property shadowing the setter. Take it through the setter instead.
    if (Object.hasOwn(this, 'spec')) {
      const value = /** @type {any} */ (this).spec;
      delete (/** @type {any} */ (this).spec);
      this.spec = value;
    }
    this.#schedule();
    // an engine that cannot load (no WebAssembly, blocked files) is an error the reader sees
    this.#readyPromise.catch((err) => {
      this.#run?.abandon(err.message); // its views stop waiting for the engine
      this.#baseline?.abandon(err.message);
      if (this.#parts.alert) this.#fail(err.message, 'engine');
    });
    if (!this.observer) {
      this.observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting) || this.#visible || this.#forced) return;
        this.#visible = true;
        this.observer.disconnect();
        this.#train();
      });
    }
    if (!this.#visible && !this.#forced) this.observer.observe(this);
  }
  disconnectedCallback() {
    this.observer?.disconnect();
    this.#run?.cancel();
    this.#baseline?.cancel();
  }
  attributeChangedCallback() {
    this.#schedule();
  }

  /** Trains now with the current settings, whether or not the element has been scrolled into view. */
  run() {
    this.#forced = true;
    this.observer?.disconnect(); // trained now: scrolling into view later must not train again
    if (this.#frame) return; // the pending apply trains
    this.#train();
  }
  pause() {
    this.#run?.pause();
    this.#baseline?.pause();
  }
  resume() {
    this.#run?.resume();
    this.#baseline?.resume();
  }
  cancel() {
    this.#run?.cancel();
    this.#baseline?.cancel();
    // settings applied on the next frame would start a run the caller has just cancelled
    if (this.#frame) this.#skipTraining = true;
  }

  // Attribute and spec changes: one re-read and one retrain per animation frame.
  #schedule() {
    if (this.#frame || !this.isConnected) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#apply();
    });
  }

  #apply() {
    let settings;
    try {
      settings = this.#read();
    } catch (err) {
      this.#render(null);
      this.#fail(err.message, err.path || 'spec');
      return;
    }
    this.#error = null; // read cleanly: the last refusal no longer stands
    this.#render(settings);
    if (this.#skipTraining) {
      this.#skipTraining = false;
      this.#forced = false; // cancel() after run(): not trained now; scrolled into view, it trains
      if (!this.#visible) this.observer?.observe(this);
      this.#run?.setStatus('cancelled');
      this.#showStatus();
      return;
    }
    this.#train();
  }

  #read() {
    const raw = this.#specOverride ? this.#specOverride.value : this.getAttribute('spec');
    // A spec wins over the run attributes (and hides the sliders): only the view's are read,
    // so a stale run attribute beside it neither applies nor blocks the run.
    const get =
      raw === null
        ? (/** @type {string} */ name) => this.getAttribute(name)
        : (/** @type {string} */ name) => (SPEC_VIEW_ATTRIBUTES.has(name) ? this.getAttribute(name) : null);
    const { values, view } = readAttributes(get);
    if (raw !== null) return { spec: parseSpec(raw), fromSpec: true, view, values };
    return { spec: buildTrainSpec(values, { scheduler: '$scheduler' }), fromSpec: false, view, values };
  }

  #theme(view) {
    if (view.theme !== 'auto') return view.theme;
    return darkMedia.matches ? 'dark' : 'light';
  }

  // Builds the panels for these settings. Runs, state and the event target are new each time, so
  // the listeners of the previous panels go with them.
  #render(settings) {
    this.#current = settings;
    const view = settings?.view || { panels: ['lr'], controls: [], theme: 'auto', baseline: 'none' };
    const events = new EventTarget();
    const run = new TrainingRun(this.#channel, 'this widget');
    const baseline = view.baseline === 'constant' ? new TrainingRun(`${this.#channel}-baseline`) : null;
    this.#run?.cancel();
    if (this.#baseline && !baseline) this.#baseline.cancel();
    this.#run = run;
    this.#baseline = baseline;
    const state = new WidgetState({ ...(settings?.values || {}) });
    const context = { run, state, baseline, events, syncKey: this.#channel, args: {} };

    const root = h('div', { class: 'root', 'data-theme': this.#theme(view) });
    const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    const alert = h('p', { class: 'error', role: 'alert', hidden: true });
    const summary = h('p', { class: 'summary', id: 'summary', 'aria-live': 'polite' });
    root.append(alert);
    // mounted into the shadow root first: charts read their colours from the live element
    this.#shadow.replaceChildren(root);
    const panels = view.panels;
    const showControls =
      settings &&
      !settings.fromSpec &&
      (view.controls === null ? panels.includes('controls') : view.controls.length > 0);
    if (showControls) {
      const box = h('div', { class: 'panel panel-controls' });
      root.append(box);
      const args = { fields: controlFields(view, settings.values).join(',') };
      // the controls' code and styles load with the first element that shows them
      import('./controls-panel.mjs').then(
        ({ mountControls }) => {
          if (this.#parts.root === root) mountControls(this.#shadow, box, { state, args });
        },
        (err) => box.append(h('p', { class: 'error', text: `The controls could not load: ${err.message}` })),
      );
    }
    const charts = h('div', { class: 'charts' });
    root.append(charts, summary, status);
    if (panels.includes('lr')) {
      const box = h('div', { class: 'panel panel-lr' });
      charts.append(box);
      mountLrChart(box, context);
    }
    const show = panels.includes('loss') ? (panels.includes('accuracy') ? 'both' : 'loss') : 'accuracy';
    if (panels.includes('loss') || panels.includes('accuracy')) {
      const box = h('div', { class: 'panel panel-metrics' });
      charts.append(box);
      mountMetrics(box, { ...context, args: { show } });
    }
    if (panels.includes('table')) {
      const box = h('div', { class: 'panel panel-table' });
      root.append(box);
      mountTable(box, context);
    }
    for (const plot of root.querySelectorAll('.chart-plot')) plot.setAttribute('aria-describedby', 'summary');
    this.#parts = { root, status, alert, summary, events, view };

    if (this.#onScheme) darkMedia.removeEventListener('change', this.#onScheme);
    this.#onScheme = () => {
      root.dataset.theme = this.#theme(view);
      events.dispatchEvent(new Event('themechange'));
    };
    if (view.theme === 'auto') darkMedia.addEventListener('change', this.#onScheme);

    state.addEventListener(
      'change',
      (/** @type {import('../app/lesson-state.mjs').StateChangeEvent} */ e) => {
        if (e.keys.every((k) => k === 'lr_scale')) return;
        if (!this.#current || this.#current.fromSpec) return;
        let spec;
        try {
          spec = buildTrainSpec(state.values, { scheduler: '$scheduler' });
        } catch (err) {
          this.#fail(err.message, 'controls'); // settings the controls should not offer
          return;
        }
        this.#current = { ...this.#current, spec };
        this.#train();
      },
    );
    // A run replaced by newer settings may still answer (the worker finished it before the
    // cancel arrived): only the current run speaks for the element.
    const current = () => run === this.#run;
    run.addEventListener('status', () => current() && this.#showStatus());
    run.addEventListener('epoch', (/** @type {RunEvent} */ e) => {
      if (!current()) return;
      this.#showStatus();
      this.dispatchEvent(new CustomEvent('epoch', { detail: e.detail }));
    });
    run.addEventListener('done', (/** @type {RunEvent} */ e) => {
      if (!current()) return;
      this.#summarize();
      this.dispatchEvent(new CustomEvent('done', { detail: e.detail }));
    });
    run.addEventListener('error', (/** @type {RunEvent} */ e) => {
      if (!current() || typeof e.detail !== 'string') return;
      // the engine names its field ("epochs: …"); the reader needs the attribute ("spec.epochs: …")
      const path = errorPath(e.detail, this.#current?.fromSpec);
      // "scheduler.cycle_momentum: …" for the cycle_momentum attribute: named once, as written
      const enginePath = /^([\w.[\]$]+): /.exec(e.detail)?.[1] ?? '';
      const sameField = enginePath.toLowerCase().endsWith(`.${path}`);
      const message = e.detail.startsWith(`${path}:`)
        ? e.detail
        : path.startsWith('spec.')
          ? `spec.${e.detail}`
          : sameField
            ? `${path}: ${e.detail.slice(enginePath.length + 2)}`
            : `${path}: ${e.detail}`;
      this.#fail(message, path);
    });
    this.#showStatus();
  }

  #train() {
    const current = this.#current;
    if (!current || !this.#run || (!this.#visible && !this.#forced)) {
      this.#showStatus();
      return;
    }
    // an engine that could not load answers nothing: say why instead of "Loading the engine…"
    const failure = engineClient(WORKER_URL).failure;
    if (failure) {
      this.#run.abandon(failure);
      this.#baseline?.abandon(failure);
      this.#fail(failure, 'engine');
      return;
    }
    this.#parts.alert.hidden = true;
    this.#parts.root.removeAttribute('data-state');
    this.#error = null;
    this.#parts.summary.textContent = ''; // it told the previous run; the next is written on done
    this.#run.restart(current.spec);
    if (this.#baseline) {
      const spec = { ...current.spec, scheduler: null };
      delete spec.scheduler_step;
      delete spec.plateau_metric;
      this.#baseline.restart(spec);
    }
  }

  #fail(message, path) {
    this.#error = { message, path };
    const { alert, root } = this.#parts;
    alert.textContent = message;
    alert.hidden = false;
    root.dataset.state = 'error';
    this.#showStatus();
    this.dispatchEvent(new CustomEvent('error', { detail: { message, path } }));
  }

  #showStatus() {
    const { status } = this.#parts;
    const run = this.#run;
    if (!status) return;
    const epochs = run?.spec?.epochs ?? this.#current?.spec?.epochs;
    const texts = {
      idle: this.#current
        ? 'Starts training when scrolled into view.'
        : 'Not trained: see the message above.',
      queued: 'Loading the engine…',
      running: `Training: epoch ${run?.records.length ?? 0} of ${epochs ?? '?'}…`,
      paused: `Paused after epoch ${run?.records.length ?? 0}.`,
      done:
        run?.runError() ??
        (run?.divergence()
          ? `Not finished (${epochs ?? '?'} epochs asked). ${run.divergence()}`
          : `Trained ${run?.records.length ?? 0} epochs in your browser.`),
      cancelled: 'Cancelled.',
      error: 'Not trained: see the message above.',
    };
    status.textContent = texts[run?.status || 'idle'] ?? '';
  }

  // The charts in words, for screen readers and anyone skimming: LR path and final metrics.
  // The LR path is read per optimizer step (lr_steps) where the records carry it, so a schedule
  // stepped per batch (OneCycleLR, CyclicLR) is told as it moved, not by each epoch's first LR.
  // The final numbers name their split: the test split's, else (nothing held out) the
  // training split's.
  #summarize() {
    const run = this.#run;
    const rs = run.records;
    if (!rs.length) return;
    const lrs = rs.flatMap((r) => r.lr_steps?.[0] ?? [r.lr[0]]);
    const changes = lrs.filter((v, i) => i > 0 && v !== lrs[i - 1]).length;
    // a loop, not Math.min(...lrs): a run of 100,000s of steps would overflow the call stack
    let low = lrs[0];
    let high = lrs[0];
    for (const v of lrs) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    const ends = [lrs[0], lrs.at(-1)];
    const range = [
      ...(ends.includes(high) ? [] : [`highest ${fmtLr(high)}`]),
      ...(ends.includes(low) ? [] : [`lowest ${fmtLr(low)}`]),
    ];
    const last = rs[rs.length - 1];
    const type = run.spec?.scheduler?.type || 'no scheduler';
    // records carry the test split's numbers as test_* (withTestMetrics); null: nothing held out
    const [split, loss, acc] = Number.isFinite(last.test_loss)
      ? ['test', last.test_loss, last.test_accuracy]
      : ['training', last.train_loss, last.train_accuracy];
    const end = run.divergence()
      ? `${run.divergence()} No final numbers.`
      : `After the last epoch: ${split} loss ${fmtLoss(loss)}, ${split} accuracy ${fmtAcc(acc)}.`;
    this.#parts.summary.textContent =
      `${type}: the learning rate went from ${fmtLr(lrs[0])} to ${fmtLr(lrs.at(-1))} over ` +
      `${rs.length} epoch${rs.length === 1 ? '' : 's'} (${changes} change${changes === 1 ? '' : 's'}` +
      `${range.length ? `; ${range.join(', ')}` : ''}). ${end}`;
  }
}

export const ATTRIBUTES = OBSERVED_ATTRIBUTES;
export { RUN_ATTRIBUTES };

if (!customElements.get('lr-lab')) customElements.define('lr-lab', LrLabElement);

export { AttributeError };
