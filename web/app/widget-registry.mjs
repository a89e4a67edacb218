// Every widget module a lesson page mounts, by the name lessons use (widget-names.mjs lists them
// for the build; scripts/build-site.mjs checks this file imports exactly those). Static imports:
// the site ships the lesson page as one bundle that a browser caches once for every lesson. As
// ~45 modules of their own over HTTP/1.1 they put a lesson's first chart at ~1 s (issue 12).
import * as code from './widgets/code.mjs';
import * as compare from './widgets/compare.mjs';
import * as controls from './widgets/controls.mjs';
import * as csvData from './widgets/csv-data.mjs';
import * as epochTable from './widgets/epoch-table.mjs';
import * as formula from './widgets/formula.mjs';
import * as keyInsight from './widgets/key-insight.mjs';
import * as lrChart from './widgets/lr-chart.mjs';
import * as lrRangeTest from './widgets/lr-range-test.mjs';
import * as lrValue from './widgets/lr-value.mjs';
import * as metricsChart from './widgets/metrics-chart.mjs';
import * as paramGroups from './widgets/param-groups.mjs';
import * as pipeline from './widgets/pipeline.mjs';
import * as plateauStrip from './widgets/plateau-strip.mjs';
import * as predictionTrace from './widgets/prediction-trace.mjs';
import * as quiz from './widgets/quiz.mjs';
import * as runBar from './widgets/run-bar.mjs';
import * as stepOrder from './widgets/step-order.mjs';
import * as sweep from './widgets/sweep.mjs';
import * as zoo from './widgets/zoo.mjs';

/** @type {Record<string, {mount(el: HTMLElement, context: any): void}>} */
export const WIDGETS = {
  code,
  compare,
  controls,
  'csv-data': csvData,
  'epoch-table': epochTable,
  formula,
  'key-insight': keyInsight,
  'lr-chart': lrChart,
  'lr-range-test': lrRangeTest,
  'lr-value': lrValue,
  'metrics-chart': metricsChart,
  'param-groups': paramGroups,
  pipeline,
  'plateau-strip': plateauStrip,
  'prediction-trace': predictionTrace,
  quiz,
  'run-bar': runBar,
  'step-order': stepOrder,
  sweep,
  zoo,
};
