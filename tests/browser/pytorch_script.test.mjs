// The Code mode's generated scripts, run under real PyTorch (Debian python3-torch at /usr/bin/python3):
// the LR of every optimizer step they print must equal the engine's schedule for the same spec
// (docs/run-spec.md 2.2 tolerance). ReduceLROnPlateau is checked by feeding the engine the metrics the
// script's own training produced. Skipped, with the reason printed, when torch or sklearn is absent.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { pytorchScript } from '../../dist/app/pytorch-script.mjs';
import { buildTrainSpec, resolveBatches } from '../../dist/app/run-spec.mjs';
import { lessonDefaults } from '../../dist/app/url-state.mjs';
import { parseLesson } from '../../scripts/lesson-format.mjs';
import { repo } from './harness.mjs';

const run = promisify(execFile);
const PYTHON = process.env.TORCH_PYTHON || '/usr/bin/python3';
const enginePath = path.join(repo, 'dist/engine/lrlab-node.mjs');

async function why() {
  if (!existsSync(enginePath)) return 'dist/engine/lrlab-node.mjs missing: run npm run build';
  if (!existsSync(PYTHON)) return `no ${PYTHON}`;
  try {
    await run(PYTHON, ['-c', 'import torch, sklearn'], { timeout: 60000 });
  } catch {
    return `torch or scikit-learn not importable by ${PYTHON} (apt-get install python3-torch python3-sklearn)`;
  }
  return null;
}
const skip = (await why()) ?? false;
// Under npm test (LRLAB_REQUIRE_TORCH=1, after setup.sh installed it) the oracle must be there.
if (skip && process.env.LRLAB_REQUIRE_TORCH === '1')
  throw new Error(`PyTorch script tests cannot run: ${skip}`);
if (skip) console.log(`# PyTorch script tests skipped: ${skip}`);

async function lessonValues(file, overrides = {}) {
  const lesson = parseLesson(await readFile(path.join(repo, 'lessons', file), 'utf8'), file);
  return {
    lesson: lesson.meta,
    values: { ...lessonDefaults(lesson.meta.fields, lesson.meta.field_groups), ...overrides },
  };
}

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;

const CASES = [
  ['StepLR lesson defaults', '03-steplr.md', {}],
  ['StepLR stepped per batch', '03-steplr.md', { scheduler_step: 'batch', epochs: 3 }],
  ['ReduceLROnPlateau lesson, metrics from the script', '04-plateau.md', { epochs: 25 }],
  ['SequentialLR warm-up + cosine', '06-warmup.md', {}],
  ['OneCycleLR per batch', '06-warmup.md', { scheduler: 'OneCycleLR', epochs: 6 }],
  ['CyclicLR per batch (momentum trap)', '06-warmup.md', { scheduler: 'CyclicLR', momentum: 0, epochs: 5 }],
  ['ChainedScheduler', '06-warmup.md', { scheduler: 'ChainedScheduler' }],
  [
    'CosineAnnealingWarmRestarts, Adam',
    '05-zoo.md',
    {
      scheduler: 'CosineAnnealingWarmRestarts',
      optimizer: 'Adam',
      lr: 0.01,
      'CosineAnnealingWarmRestarts.T_mult': 2,
      'CosineAnnealingWarmRestarts.T_0': 3,
    },
  ],
  [
    'LambdaLR expression with math functions',
    '05-zoo.md',
    { scheduler: 'LambdaLR', 'LambdaLR.lr_lambda': 'max(0.1, cos(pi * epoch / 40)) * exp(-epoch / 30)' },
  ],
  ['MultiStepLR on iris', '07-playground.md', { scheduler: 'MultiStepLR', dataset: 'iris', batch_size: 16 }],
];

for (const [name, file, overrides] of CASES) {
  test(`generated PyTorch script matches the engine's LR trajectory: ${name}`, {
    skip,
    timeout: 180000,
  }, async () => {
    const { createEngine } = await import(enginePath);
    const engine = await createEngine();
    const { lesson, values } = await lessonValues(file, overrides);
    const spec = buildTrainSpec(values, lesson.run);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-py-'));
    try {
      const script = path.join(dir, 'lesson.py');
      await writeFile(script, pytorchScript(spec));
      const { stdout } = await run(PYTHON, [script], {
        timeout: 170000,
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      });
      const line = (tag) => {
        const l = stdout.split('\n').find((s) => s.startsWith(`${tag} `));
        assert.ok(l, `script printed ${tag}`);
        return JSON.parse(l.slice(tag.length + 1));
      };
      const torchLr = line('LR_BY_STEP');
      const nb = line('STEPS_PER_EPOCH');
      const perBatch = spec.scheduler_step === 'batch';
      const scheduler = resolveBatches(spec.scheduler, nb);
      const sched = {
        optimizer: spec.optimizer,
        scheduler,
        steps: perBatch ? spec.epochs * nb : spec.epochs,
      };
      if (scheduler.type === 'ReduceLROnPlateau') sched.metrics = line('PLATEAU_METRICS');
      const ours = engine.schedule(sched).lr[0];
      const expanded = perBatch ? ours : ours.flatMap((v) => new Array(nb).fill(v));
      assert.equal(torchLr.length, spec.epochs * nb);
      assert.equal(expanded.length, torchLr.length);
      const bad = torchLr.map((v, t) => [t, v, expanded[t]]).filter(([, a, b]) => !close(a, b));
      assert.deepEqual(bad.slice(0, 5), [], `first mismatches [step, torch, engine] of ${bad.length}`);
      if (scheduler.type === 'ReduceLROnPlateau')
        assert.ok(new Set(torchLr).size > 1, 'the plateau case actually reduced the LR');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

// A learner's CSV (the playground's "csv" data set): the script reads the file with Python's csv
// module as LR Lab's reader did (the same X and y, value for value), then trains it with the
// engine's LR at every step. The files have the quirks: a BOM, ';' with decimal commas (labels
// kept as written), CRLF, a comment line, a quoted header that begins with "#", quoted class
// names with a doubled quote and a line break, the label first, no header, a class of one row
// (which sklearn cannot stratify: the script falls back to a plain split).
const kinds = [
  ['"kind ""A"""', '1,5', '2'],
  ['"kind\nB"', '-0,25', '4e1'],
  ['"kind ""A"""', '3', '0,5'],
  ['"kind\nB"', '2', '1'],
  ['"kind ""A"""', '1,25', '3'],
  ['"kind\nB"', '-1', '2,5'],
];
const twice = (rows) => [...rows, ...rows.map(([k, a, b]) => [k, `${a}1`, `${b}1`])];
const lines = (rows, sep, eol = '\n') => rows.map((r) => r.join(sep)).join(eol) + eol;
/** @type {Array<[string, string, string, {class_names: string[], labelIndex: number}, Record<string, any>?]>} */
const CSV_CASES = [
  [
    'label first, quoted names, decimal commas',
    'my data; v2.csv',
    `\ufeff# made by hand\r\n"class";"a, cm";b\r\n${lines(twice(kinds), ';', '\r\n')}`,
    { class_names: ['kind\nB', 'kind "A"'], labelIndex: 0 }, // sorted by UTF-16 code unit (csv.mjs)
  ],
  [
    'a quoted "#id" header, decimal-comma labels, a class of one row',
    'doses.csv',
    `"#id";x;dose\n${lines(
      Array.from({ length: 11 }, (_, i) => [String(i), `${i},5`, i === 10 ? '9,5' : ['0,5', '1,5'][i % 2]]),
      ';',
    )}`,
    { class_names: ['0,5', '1,5', '9,5'], labelIndex: 2 },
  ],
  [
    "a Kaggle-style Id column, left out (it would leak the rows' order)",
    'Iris.csv',
    lines(
      [['Id', 'SepalLengthCm', 'PetalLengthCm', 'Species']].concat(
        Array.from({ length: 12 }, (_, i) => [
          String(i + 1),
          `${5 + i / 10}`,
          `${1 + (i % 4) / 2}`,
          ['Iris-setosa', 'Iris-virginica'][i % 2],
        ]),
      ),
      ',',
    ),
    { class_names: ['Iris-setosa', 'Iris-virginica'], labelIndex: 3 },
    { csv_ignore: [1] },
  ],
  [
    'no header, class names last (iris.data), a delimiter ending each line',
    'iris.data',
    lines(
      Array.from({ length: 12 }, (_, i) => [
        `${5 + i / 10}`,
        `${3 - i / 20}`,
        `Iris-${['setosa', 'virginica'][i % 2]}`,
        '',
      ]),
      ',',
    ),
    { class_names: ['Iris-setosa', 'Iris-virginica'], labelIndex: 2 },
  ],
];

for (const [name, file, text, expected, fields = {}] of CSV_CASES) {
  test(`generated PyTorch script reads the learner's CSV as LR Lab did and matches the LR trajectory: ${name}`, {
    skip,
    timeout: 180000,
  }, async () => {
    const { createEngine, parseCsv } = await import(enginePath);
    const ignoreColumns = (fields.csv_ignore ?? []).map((n) => n - 1);
    const parsed = await parseCsv(text, { ignoreColumns });
    assert.deepEqual(parsed.class_names, expected.class_names);
    assert.equal(parsed.labelIndex, expected.labelIndex);
    const { lesson, values } = await lessonValues('07-playground.md', {
      dataset: 'csv',
      test_fraction: 0.25,
      epochs: 4,
      ...fields,
    });
    const spec = buildTrainSpec(values, lesson.run, {}, { csv: { name: file, text } });
    const csv = {
      file,
      delimiter: parsed.delimiter,
      header: parsed.header,
      columns: parsed.columns,
      empty_columns: parsed.emptyColumns,
      label_index: parsed.labelIndex,
      class_names: parsed.class_names,
      classes_declared: parsed.classesDeclared,
    };
    const script = pytorchScript(spec, { csv });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-py-'));
    try {
      await writeFile(path.join(dir, file), text);
      // the data section alone: X and y as Python read them
      const data = script.slice(script.indexOf('# 1. Data'), script.indexOf('# 2. '));
      await writeFile(
        path.join(dir, 'data.py'),
        `import csv, json, math\nimport numpy as np\n${data}\nprint(json.dumps({"x": X.tolist(), "y": y.tolist()}))\n`,
      );
      const read = await run(PYTHON, ['data.py'], { cwd: dir, timeout: 60000 });
      assert.deepEqual(JSON.parse(read.stdout), { x: parsed.x, y: parsed.y });

      await writeFile(path.join(dir, 'lesson.py'), script);
      const { stdout } = await run(PYTHON, ['lesson.py'], {
        cwd: dir,
        timeout: 170000,
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      });
      const line = (tag) =>
        JSON.parse(
          stdout
            .split('\n')
            .find((s) => s.startsWith(`${tag} `))
            .slice(tag.length + 1),
        );
      const torchLr = line('LR_BY_STEP');
      const nb = line('STEPS_PER_EPOCH');
      const nTrain = parsed.y.length - Math.ceil(0.25 * parsed.y.length);
      assert.equal(nb, Math.ceil(nTrain / spec.batch_size), `the script kept ${nTrain} rows for training`);
      const engine = await createEngine();
      const ours = engine.schedule({
        optimizer: spec.optimizer,
        scheduler: spec.scheduler,
        steps: spec.epochs,
      }).lr[0];
      const expanded = ours.flatMap((v) => new Array(nb).fill(v));
      assert.equal(torchLr.length, expanded.length);
      for (const [t, v] of torchLr.entries())
        assert.ok(close(v, expanded[t]), `step ${t}: torch ${v}, engine ${expanded[t]}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
