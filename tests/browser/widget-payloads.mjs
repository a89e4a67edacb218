// Hostile inputs for <lr-lab> (tests/browser/widget_payloads.test.mjs): script and event-handler
// injection, javascript: URLs, CSS injection, __proto__ / constructor keys, 1 MB strings, NaN,
// 1e308, deep JSON and unknown scheduler names, through attributes, the spec JSON (attribute and
// property), embed.html's URL parameters and the parent frame's messages. Every one must be
// refused: an error naming the attribute, nothing executed, nothing fetched from elsewhere.
// Scripts in these strings set window.__pwned (or call alert) if they ever run.

const MB = 1 << 20;
export const STRINGS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '</style><script>window.__pwned=1</script>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, as text
  '${alert(1)}',
  '<a href="javascript:alert(1)">x</a>',
  '\u2028\u2029<script>window.__pwned=1</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<details open ontoggle=window.__pwned=1>',
  'x" onmouseover="window.__pwned=1',
  '\u0000<script>window.__pwned=1</script>',
  '%3Cscript%3Ewindow.__pwned=1%3C/script%3E',
  '<img src="http://evil.test/x.png">',
  '<link rel=stylesheet href=http://evil.test/x.css>',
  '<object data="http://evil.test/x.swf"></object>',
  // CSS injection
  'red; background: url(http://evil.test/x)',
  '}</style><style>*{display:none}</style>',
  'expression(alert(1))',
  '@import url(http://evil.test/x.css);',
  'var(--x); } * { display: none } {',
  'url(javascript:alert(1))',
  '0.1;background-image:url(http://evil.test/y)',
  // numbers
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1e308',
  '1e-400',
  '0x10',
  '1_000',
  '--1',
  '\u0663',
  '1e',
  '0.1.2',
  '9'.repeat(400),
  // prototype keys
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  // unknown scheduler names
  'EvilLR',
  'steplr',
  'StepLR ',
  'torch.optim.lr_scheduler.StepLR',
  'custom',
  // 1 MB strings
  'x'.repeat(MB),
  '<'.repeat(MB),
];

/** Attributes that take these strings; every string is invalid for every one of them. */
export const TARGETS = [
  'scheduler',
  'lr',
  'epochs',
  'optimizer',
  'dataset',
  'batch-size',
  'seed',
  'momentum',
  'scheduler-step',
  'step_size',
  'gamma',
  'panels',
  'controls',
  'theme',
  'lr-scale',
  'baseline',
];

/** [attribute, value]: each string through two different attributes. */
export function attributePayloads() {
  const out = [];
  STRINGS.forEach((value, i) => {
    out.push([TARGETS[i % TARGETS.length], value]);
    out.push([TARGETS[(i * 7 + 3) % TARGETS.length], value]);
  });
  return out;
}

const base = {
  data: { dataset: 'iris', test_fraction: 0.2, stratify: true, standardize: true, seed: 1 },
  model: { sizes: [4, 5, 3], seed: 0 },
  optimizer: { type: 'SGD', lr: 0.1 },
  scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
  scheduler_step: 'epoch',
  epochs: 3,
  batch_size: 16,
  shuffle: true,
  shuffle_seed: 0,
};
const mut = (f) => {
  const s = structuredClone(base);
  f(s);
  return JSON.stringify(s);
};

/** spec attribute values (JSON text), each refused by the element or the engine. */
export const SPEC_PAYLOADS = [
  'not json',
  '<script>window.__pwned=1</script>',
  '[1,2,3]',
  'null',
  '"a string"',
  '42',
  '{"a":NaN}',
  '{"epochs":1e999}',
  '['.repeat(50000) + ']'.repeat(50000),
  '{"a":'.repeat(80) + '1' + '}'.repeat(80),
  JSON.stringify({ ...base, note: 'x'.repeat(MB) }),
  '{"__proto__":{"polluted":1}}',
  mut((s) => {
    s.constructor = { prototype: { polluted: 1 } };
  }),
  mut(() => {}).replace('"scheduler":{', '"scheduler":{"__proto__":{"type":"EvilLR"},'),
  mut((s) => {
    s.epochs = 1e308;
  }),
  mut((s) => {
    s.optimizer.lr = 1e308;
  }),
  mut((s) => {
    s.optimizer.lr = -1;
  }),
  mut((s) => {
    s.scheduler.type = 'EvilLR';
  }),
  mut((s) => {
    s.scheduler.type = '<img src=x onerror=window.__pwned=1>';
  }),
  mut((s) => {
    s.scheduler = { type: 'LambdaLR', lr_lambda: "constructor.constructor('window.__pwned=1')()" };
  }),
  mut((s) => {
    s.scheduler = { type: 'LambdaLR', lr_lambda: 'javascript:alert(1)' };
  }),
  mut((s) => {
    s.scheduler = {
      type: 'CyclicLR',
      base_lr: 0.01,
      max_lr: 0.1,
      step_size_up: 4,
      mode: 'exp_range',
      scale_fn: 'fetch("http://evil.test")',
    };
  }),
  mut((s) => {
    s.model.sizes = [4, 1e9, 3];
  }),
  mut((s) => {
    s.data.dataset = 'javascript:alert(1)';
  }),
  mut((s) => {
    s.data.dataset = 'http://evil.test/data.csv';
  }),
  mut((s) => {
    s.data = { dataset: 'csv', csv: '<script>window.__pwned=1</script>\n1,2', label_column: 'b' };
  }),
  mut((s) => {
    s.batch_size = 0;
  }),
  mut((s) => {
    s.epochs = 1e6;
  }),
  mut((s) => {
    s.scheduler_step = 'javascript:alert(1)';
  }),
  mut((s) => {
    s.optimizer.type = 'constructor';
  }),
];

/** Messages a hostile parent frame posts to embed.html; each gets an lr-lab:error back. */
/** @type {Array<string | number | null | number[] | {type: unknown, attributes?: unknown}>} */
export const MESSAGES = [
  'a string',
  42,
  null,
  [1, 2, 3],
  { type: 5 },
  { type: 'evil' },
  { type: '<script>window.__pwned=1</script>' },
  { type: 'lr-lab:set' },
  { type: 'lr-lab:set', attributes: '<img src=x onerror=window.__pwned=1>' },
  { type: 'lr-lab:set', attributes: [1, 2] },
  { type: 'lr-lab:set', attributes: { onload: 'window.__pwned=1' } },
  { type: 'lr-lab:set', attributes: { style: 'background:url(http://evil.test/x)' } },
  { type: 'lr-lab:set', attributes: { lr: '<svg onload=window.__pwned=1>' } },
  { type: 'lr-lab:set', attributes: { scheduler: 'x'.repeat(MB) } },
  { type: 'lr-lab:set', attributes: { epochs: { toString: 'x' } } },
  { type: 'lr-lab:set', attributes: { theme: 'javascript:alert(1)' } },
  { type: 'lr-lab:set', attributes: { spec: '{"__proto__":{"polluted":1}}' } },
  { type: 'lr-lab:set', attributes: { gamma: 'NaN' } },
];

/** embed.html query strings with hostile values for known parameters (URLs stay under the
 *  ~16 KB a server reads: longer ones never reach the page). */
export const EMBED_PARAMS = [
  ['scheduler', '<script>window.__pwned=1</script>'],
  ['lr', 'javascript:alert(1)'],
  ['epochs', '1e308'],
  ['gamma', 'NaN'],
  ['theme', '"><img src=x onerror=window.__pwned=1>'],
  ['panels', 'lr}</style><style>*{display:none}</style>'],
  ['spec', '{"__proto__":{"polluted":1}}'],
  ['spec', '['.repeat(1000) + ']'.repeat(1000)],
  ['T_max', 'x'.repeat(8000)],
  ['scheduler', 'EvilLR'],
];
