// Names a lesson may use in a "[[widget ...]]" line (lessons/README.md describes each).
// Kept apart from the widget modules so the site build can validate lessons without a DOM.
export const WIDGET_NAMES = [
  'controls',
  'run-bar',
  'lr-chart',
  'metrics-chart',
  'epoch-table',
  'pipeline',
  'prediction-trace',
  'formula',
  'plateau-strip',
  'quiz',
  'code',
  'compare',
  'zoo',
  'lr-value',
  'param-groups',
  'key-insight',
  'step-order',
  'sweep',
  'lr-range-test',
  'csv-data',
];
