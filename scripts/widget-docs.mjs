// The reference of the <lr-lab> element (site page widget.html): every attribute, property,
// method, event and CSS custom property, each with a live example (scripts/build-widget.mjs
// writes the page). Scheduler arguments are not listed here: they are the catalogue's
// (web/app/scheduler-catalog.mjs), passed in with the field table as built into dist/.

const esc = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let FIELDS = {};
const range = (key) => {
  const f = FIELDS[key];
  if (f.kind === 'enum')
    return `one of ${f.options
      .filter((o) => o !== 'custom' && !f.pageOnly?.includes(o)) // a page's own: the playground's
      .map((o) => `<code>${esc(o)}</code>`)
      .join(', ')}`;
  return `${f.kind === 'int' ? 'integer' : 'number'} from ${f.min} to ${f.max}; default <code>${esc(f.format(f.default))}</code>`;
};

// [name, what it does (HTML), example element (HTML)]
const attributes = (SCHEDULERS) => [
  [
    'scheduler',
    `A <code>torch.optim.lr_scheduler</code> class name, or <code>none</code>: ${range('scheduler')}.`,
    '<lr-lab scheduler="MultiStepLR" milestones="3,6" gamma="0.5" epochs="10"></lr-lab>',
  ],
  [
    'step_size, gamma, T_max, milestones, … (scheduler arguments)',
    `That scheduler's constructor arguments under PyTorch's names. HTML attribute names ignore case, so <code>T_max</code> and <code>t_max</code> are one attribute. An argument the chosen scheduler does not take is an error, as in PyTorch. Arguments per scheduler: ${SCHEDULERS.filter(
      (s) => !s.composite,
    )
      .map((s) => `<code>${esc(s.type)}</code> (${s.params.map((p) => esc(p.name)).join(', ')})`)
      .join('; ')}. ${SCHEDULERS.filter((s) => s.composite)
      .map((s) => `<code>${esc(s.type)}</code>`)
      .join(
        ' and ',
      )} take child schedulers, which an attribute cannot hold: their attributes are the course's settings for one fixed pair of children, each naming the torch argument it sets (${SCHEDULERS.filter(
      (s) => s.composite,
    )
      .map(
        (s) =>
          `<code>${esc(s.type)}</code>: ${s.params.map((p) => `<code>${esc(p.name)}</code> sets ${esc(p.sets)}`).join(', ')}`,
      )
      .join('; ')}); for other children give the whole run-spec in <code>spec</code>.`,
    '<lr-lab scheduler="CosineAnnealingLR" T_max="12" eta_min="0.001" epochs="12"></lr-lab>',
  ],
  [
    'optimizer',
    `The torch optimizer: ${range('optimizer')}.`,
    '<lr-lab optimizer="Adam" lr="0.01" scheduler="ExponentialLR" gamma="0.85"></lr-lab>',
  ],
  [
    'lr',
    `The optimizer's learning rate: ${range('lr')}.`,
    '<lr-lab lr="0.5" scheduler="StepLR" step_size="4"></lr-lab>',
  ],
  [
    'momentum',
    `SGD / RMSprop momentum: ${range('momentum')}.`,
    '<lr-lab momentum="0.9" lr="0.02" scheduler="StepLR"></lr-lab>',
  ],
  [
    'epochs',
    `Training epochs: ${range('epochs')}.`,
    '<lr-lab epochs="30" scheduler="CosineAnnealingLR" T_max="30"></lr-lab>',
  ],
  [
    'batch-size',
    `Mini-batch size: ${range('batch_size')}.`,
    '<lr-lab batch-size="8" epochs="6" scheduler="StepLR" step_size="2"></lr-lab>',
  ],
  [
    'dataset',
    `The data set: ${range('dataset')}.`,
    '<lr-lab dataset="iris" scheduler="StepLR" step_size="5" gamma="0.5"></lr-lab>',
  ],
  [
    'validation-fraction',
    `The share of the rows held out as a validation split, which ReduceLROnPlateau watches (<code>plateau_metric</code> "val_loss"; without a split it watches the test split): ${range('validation_fraction')}.`,
    '<lr-lab validation-fraction="0.2" scheduler="ReduceLROnPlateau" patience="2" epochs="15"></lr-lab>',
  ],
  [
    'seed',
    'One seed for the run: the data split, the initial weights and the shuffling (integer from 0 to 99999).',
    '<lr-lab seed="7" scheduler="StepLR"></lr-lab>',
  ],
  [
    'scheduler-step',
    `When <code>scheduler.step()</code> is called: ${range('scheduler_step')} (<code>auto</code>: per batch for OneCycleLR and CyclicLR).`,
    '<lr-lab scheduler="OneCycleLR" max_lr="0.5" scheduler-step="batch" epochs="8"></lr-lab>',
  ],
  [
    'spec',
    'A whole training run-spec as JSON (docs/run-spec.md), at most 100,000 characters (inline <code>x</code>/<code>y</code> data included); it wins over the other run attributes (they are then not read at all), and the sliders are hidden.',
    `<lr-lab spec='{"data":{"dataset":"wine","test_fraction":0.2,"stratify":true,"standardize":true,"seed":1},"model":{"sizes":[13,8,3],"seed":0},"optimizer":{"type":"SGD","lr":0.05,"momentum":0.9},"scheduler":{"type":"LinearLR","start_factor":0.2,"total_iters":5},"scheduler_step":"epoch","epochs":12,"batch_size":16,"shuffle":true,"shuffle_seed":0}'></lr-lab>`,
  ],
  [
    'panels',
    'Which panels show, any of <code>lr loss accuracy table controls</code>; default <code>lr loss table</code>.',
    '<lr-lab panels="lr accuracy controls" scheduler="StepLR" step_size="3"></lr-lab>',
  ],
  [
    'controls',
    'Which sliders show, by attribute name (default: the scheduler\'s arguments and <code>lr</code>, when the controls panel shows). <code>controls=""</code> hides them all, for a classroom.',
    '<lr-lab controls="gamma epochs" scheduler="ExponentialLR" gamma="0.8"></lr-lab>',
  ],
  [
    'theme',
    "<code>light</code>, <code>dark</code> or <code>auto</code> (the reader's system setting; default).",
    '<lr-lab theme="dark" scheduler="CosineAnnealingWarmRestarts" T_0="4"></lr-lab>',
  ],
  [
    'lr-scale',
    "The LR chart's axis: <code>linear</code> (default) or <code>log</code>.",
    '<lr-lab lr-scale="log" scheduler="ExponentialLR" gamma="0.6" epochs="15"></lr-lab>',
  ],
  [
    'baseline',
    '<code>constant</code> trains the same run without a scheduler and draws it faintly behind the charts; <code>none</code> (default).',
    '<lr-lab baseline="constant" scheduler="StepLR" step_size="3" gamma="0.3"></lr-lab>',
  ],
];

const PROPERTIES = [
  [
    'spec',
    'The run-spec the element trains (read), or a run-spec object / JSON string that wins over the attributes (write; <code>null</code> goes back to the attributes).',
    'spec',
  ],
  [
    'result',
    'What <code>engine.train()</code> resolves to for the current settings (per-epoch records, the LR of every step, final weights), or <code>null</code> before the run is done.',
    'result',
  ],
  [
    'ready',
    "A Promise that resolves when the page's shared engine has loaded (rejects if it cannot load).",
    'ready',
  ],
  [
    'error',
    'What the element refused last, <code>{message, path}</code> as the <code>error</code> event gave it, or <code>null</code> while its settings train: a script that listens after the event fired can still read it.',
    'error',
  ],
];
const METHODS = [
  ['run()', 'Trains now, even before the element has been scrolled into view.', 'run'],
  ['pause()', 'Pauses after the current epoch.', 'pause'],
  ['resume()', 'Continues a paused run.', 'resume'],
  ['cancel()', 'Stops the run; the charts keep what was computed.', 'cancel'],
];
const EVENTS = [
  [
    'epoch',
    '<code>detail</code>: the epoch record: <code>lr</code>, <code>train_loss</code>, <code>train_accuracy</code>, <code>val_loss</code> and <code>val_accuracy</code> (the test split; with <code>validation-fraction</code> the validation split, and <code>test_loss</code>, <code>test_accuracy</code> the test split), the LR of every step (<code>lr_steps</code>), and <code>momentum</code> where the scheduler cycles it (OneCycleLR, CyclicLR).',
  ],
  ['done', '<code>detail</code>: the result (the same object as the <code>result</code> property).'],
  [
    'error',
    '<code>detail</code>: <code>{message, path}</code>; <code>path</code> names the attribute (or <code>spec.…</code> field) that was refused. The element shows the message too.',
  ],
];
export const CSS_PROPERTIES = [
  ['--lr-lab-accent', 'The first chart series, sliders and pressed buttons.', '#b3261e'],
  ['--lr-lab-font', 'Font family.', 'Georgia, serif'],
  ['--lr-lab-font-size', 'Base font size (everything scales with it).', '13px'],
  ['--lr-lab-bg', 'Background.', '#fdf6e3'],
  ['--lr-lab-fg', 'Text colour.', '#073642'],
  ['--lr-lab-muted', 'Secondary text and axes.', '#657b83'],
  ['--lr-lab-border', 'Border and table rules.', '#93a1a1'],
  ['--lr-lab-radius', 'Corner radius of the frame.', '0'],
  ['--lr-lab-error', 'Colour of error messages.', '#d33682'],
];

const example = (html) =>
  `<div class="widget-example">${html}<details><summary>HTML</summary><pre><code>${esc(html)}</code></pre></details></div>`;

/** site: the field table, the scheduler catalogue and the embed snippets, as built into dist/. */
export function widgetDocsBody({ FIELDS: fields, SCHEDULERS, RESIZE_SOURCE }) {
  FIELDS = fields;
  const section = (id, title, intro, items) =>
    `<section id="${id}"><h2>${title}</h2>${intro}${items.join('\n')}</section>`;
  let n = 0;
  const attrs = attributes(SCHEDULERS).map(
    ([name, text, html]) =>
      `<article class="api-entry"><h3><code>${esc(name)}</code></h3><p>${text}</p>${example(html)}</article>`,
  );
  const props = PROPERTIES.map(([name, text, hook]) => {
    const id = `prop-${++n}`;
    const attrs =
      name === 'error' ? 'scheduler="StepLR" gamma="banana"' : 'scheduler="StepLR" step_size="2" epochs="6"';
    return `<article class="api-entry"><h3><code>${name}</code></h3><p>${text}</p>${example(`<lr-lab id="${id}" ${attrs}></lr-lab>`)}<p><button type="button" data-show="${hook}" data-for="${id}">Show ${name}</button></p><pre class="api-output" data-output-for="${id}" aria-live="polite"></pre></article>`;
  });
  const methods = METHODS.map(([name, text, hook]) => {
    const id = `method-${++n}`;
    return `<article class="api-entry"><h3><code>${name}</code></h3><p>${text}</p>${example(`<lr-lab id="${id}" scheduler="ExponentialLR" gamma="0.9" epochs="60"></lr-lab>`)}<p><button type="button" data-call="${hook}" data-for="${id}">${name}</button></p></article>`;
  });
  const events = EVENTS.map(([name, text]) => {
    const id = `event-${++n}`;
    const attrs =
      name === 'error' ? 'scheduler="StepLR" gamma="banana"' : 'scheduler="StepLR" step_size="2" epochs="5"';
    return `<article class="api-entry"><h3><code>${name}</code></h3><p>${text}</p>${example(`<lr-lab id="${id}" ${attrs}></lr-lab>`)}<pre class="api-output" data-log="${name}" data-output-for="${id}" aria-live="polite"></pre></article>`;
  });
  const css = CSS_PROPERTIES.map(([name, text, value], i) => {
    const cls = `css-demo-${i + 1}`;
    return `<article class="api-entry"><h3><code>${name}</code></h3><p>${text} Example: <code>${esc(value)}</code>, set from the page's stylesheet (<code>.${cls} { ${name}: ${esc(value)} }</code>).</p>${example(`<lr-lab class="${cls}" scheduler="StepLR" step_size="3" panels="lr"></lr-lab>`)}</article>`;
  });
  return `<h1><code>&lt;lr-lab&gt;</code>: the live demo on your page</h1>
<p class="lede">One script tag and one element put a live PyTorch scheduler demo on any page: the model trains in the reader's browser, as on the lessons. Every example below is a live element.</p>
<pre><code>${esc('<script type="module" src="https://YOUR-HOST/lrlab/widget/lr-lab.mjs"></script>\n<lr-lab scheduler="StepLR" step_size="5" gamma="0.5"></lr-lab>')}</code></pre>
<p>The module finds its worker, engine and wasm next to itself, so the <code>widget/</code> and <code>engine/</code> folders of the built site can be served from any path, also from another origin that sends <code>Access-Control-Allow-Origin</code>. Every element on a page shares one engine; each trains when it first scrolls into view. No request goes to any other origin, no cookies, no storage. A page with a Content-Security-Policy needs, for the widget's origin: <code>script-src</code> (with <code>'wasm-unsafe-eval'</code>), <code>connect-src</code> (the wasm and the data sets are fetched) and <code>worker-src blob:</code> plus that origin (the engine's worker imports its module from there); for example <code>script-src 'self' https://widget.host 'wasm-unsafe-eval'; connect-src 'self' https://widget.host; worker-src blob: https://widget.host</code>. Without <code>worker-src</code> the engine runs on the page's own thread. Content inside the element (a sentence, an image) shows until the widget loads, and stays if it cannot (a host without <code>Access-Control-Allow-Origin</code>, a blocked script). Or frame <a href="embed.html">embed.html</a> with the same names as URL parameters; it posts its height to the parent: see <a href="#iframe">the iframe form</a>.</p>
<nav aria-label="On this page"><ul class="api-toc"><li><a href="#attributes">Attributes</a></li><li><a href="#properties">Properties</a></li><li><a href="#methods">Methods</a></li><li><a href="#events">Events</a></li><li><a href="#css">CSS custom properties</a></li><li><a href="#iframe">The iframe form</a></li></ul></nav>
${section('attributes', 'Attributes', '<p>Changing an attribute retrains (several changes in one frame give one run). A value out of range shows an error naming the attribute and fires <code>error</code>.</p>', attrs)}
${section('properties', 'Properties', '', props)}
${section('methods', 'Methods', '', methods)}
${section('events', 'Events', '<p>Listen with <code>addEventListener</code> on the element; the events do not bubble.</p>', events)}
${section('css', 'CSS custom properties', "<p>The element renders in a shadow root: the page's CSS cannot reach in, and its own does not leak out. Theme it with these properties (they inherit, so set them on the element or any ancestor).</p>", css)}
<section id="iframe"><h2>The iframe form</h2><p><code>embed.html</code> takes the attribute names as URL parameters and shows only the widget. It posts <code>{type: "lr-lab:height", height}</code> to its parent whenever its height changes; this listener on the host page resizes the frame. It is a file, <code>widget/embed-resize.js</code>, so that a page with a strict Content-Security-Policy can load it (<code>&lt;script src="https://widget.host/widget/embed-resize.js"&gt;&lt;/script&gt;</code>, with that origin in <code>script-src</code>, or a copy on your own server):</p><pre><code>${esc(RESIZE_SOURCE)}</code></pre><p>The parent may also post <code>{type: "lr-lab:set", attributes: {…}}</code> and <code>{type: "lr-lab:run" | "lr-lab:pause" | "lr-lab:resume" | "lr-lab:cancel"}</code>; embed.html relays <code>lr-lab:done</code> and <code>lr-lab:error</code>. A host serving embed.html should send <code>frame-ancestors *</code> for that page only (scripts/serve.mjs does).</p>
<iframe class="embed-demo" src="embed.html?scheduler=CosineAnnealingLR&amp;T_max=10&amp;epochs=10" title="LR Lab embed example" width="100%" height="700"></iframe></section>`;
}

/** The stylesheet of the CSS custom property examples (the CSP allows no inline styles). */
export function widgetDocsCss() {
  return (
    CSS_PROPERTIES.map(([name, , value], i) => `lr-lab.css-demo-${i + 1} { ${name}: ${value}; }`).join('\n') +
    '\n'
  );
}
