// Generates a complete, runnable PyTorch script for a training run-spec (run-spec.mjs), so the
// learner can reproduce a lesson's schedule in real PyTorch. The schedule (LR of every optimizer
// step) matches the engine exactly; the data and the initial weights come from scikit-learn and
// torch's own RNG, so losses are similar but not identical. No DOM: tests import this in Node.

import { isIntArg, needsMetric } from './engine-facts.mjs';

const MATH_NAMES = new Set(['exp', 'log', 'sqrt', 'sin', 'cos', 'floor', 'ceil', 'pi']);
const SKLEARN_LOADERS = {
  iris: 'load_iris',
  wine: 'load_wine',
  breast_cancer: 'load_breast_cancer',
  digits: 'load_digits',
};

const pyFloat = (v) => {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as a Python float`);
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
};
const pyStr = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A run-spec expression (docs/run-spec.md 3, a subset of Python) as a Python expression. */
export function pyExpr(expr) {
  if (!/^[0-9a-z_.+\-*/(), \t\n]*$/i.test(expr))
    throw new Error(`not an expression of the course grammar: ${expr}`);
  return expr.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => (MATH_NAMES.has(name) ? `math.${name}` : name));
}

// A kwarg whose torch signature has an int (the engine's declarations) is written as an int
// literal; every other number as a float literal, the way the fixtures pass them (docs/run-spec.md 1).
function pyValue(type, key, v, batchesVar) {
  if (v && typeof v === 'object' && !Array.isArray(v) && '$batches' in v) {
    return `max(1, math.floor(${pyFloat(v.$batches)} * ${batchesVar} + 0.5))`;
  }
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map((x) => pyValue(type, key, x, batchesVar)).join(', ')}]`;
  if (typeof v === 'number') return isIntArg(type, key) && Number.isInteger(v) ? String(v) : pyFloat(v);
  throw new Error(`unsupported value for ${key}`);
}

/** Python source constructing `sched` (recursively for SequentialLR / ChainedScheduler). */
function schedulerExpr(s, indent = '') {
  const args = [];
  const extraDefs = [];
  for (const [k, v] of Object.entries(s)) {
    if (k === 'type') continue;
    if (k === 'schedulers') {
      const inner = v.map((c) => schedulerExpr(c, `${indent}    `));
      for (const i of inner) extraDefs.push(...i.defs);
      args.push(`schedulers=[\n${inner.map((i) => `${indent}    ${i.expr}`).join(',\n')},\n${indent}]`);
      continue;
    }
    if (k === 'lr_lambda') {
      const lam = (e) => `lambda epoch: ${pyExpr(e)}`;
      args.push(`lr_lambda=${Array.isArray(v) ? `[${v.map(lam).join(', ')}]` : lam(v)}`);
      continue;
    }
    if (k === 'scale_fn') {
      args.push(`scale_fn=lambda x: ${pyExpr(v)}`);
      continue;
    }
    args.push(`${k}=${pyValue(s.type, k, v, 'steps_per_epoch')}`);
  }
  const head = s.type === 'ChainedScheduler' ? '' : 'optimizer, ';
  return { expr: `lr_scheduler.${s.type}(${head}${args.join(', ')})`, defs: extraDefs };
}

function optimizerExpr(o) {
  const args = ['model.parameters()'];
  for (const [k, v] of Object.entries(o)) {
    if (k === 'type' || k === 'param_groups') continue;
    if (k === 'betas') args.push(`betas=(${v.map(pyFloat).join(', ')})`);
    else args.push(`${k}=${typeof v === 'boolean' ? (v ? 'True' : 'False') : pyFloat(v)}`);
  }
  return `torch.optim.${o.type}(${args.join(', ')})`;
}

// The learner's CSV read the way LR Lab read it (wasm/js/csv.mjs): leading lines that begin
// with "#" or are empty are skipped before parsing; Python's csv module has the same RFC 4180
// quoting; rows of blank fields are skipped; with ';' or tab between fields a feature's decimal
// comma is a decimal point (labels stay as written); the classes in LR Lab's order (sorted, or as
// the file's "# classes:" line declares them, when the labels are their indices).
function csvData(L, csv, ignored = []) {
  const sep = csv.delimiter === '\t' ? '\\t' : csv.delimiter;
  const label = csv.label_index;
  L.push(
    `# your CSV, as LR Lab read it: delimiter '${sep}', ${csv.header ? 'a header line' : 'no header line'}, label in column ${label + 1}`,
  );
  // JSON's string escapes are Python's: a name may hold a quote or a (quoted) line break
  const text = (v) => JSON.stringify(String(v));
  const file = csv.file || 'your_data.csv';
  L.push(
    `# ${file}: the CSV ${csv.pasted ? 'text you pasted into' : 'file you chose in'} LR Lab, saved next to this script`,
  );
  L.push(`with open(${text(file)}, newline='', encoding='utf-8-sig') as f:`);
  L.push('    lines = f.readlines()');
  L.push("while lines and (lines[0].startswith('#') or not lines[0].strip('\\r\\n')):  # leading comments");
  L.push('    lines.pop(0)');
  L.push(`rows = [r for r in csv.reader(lines, delimiter='${sep}') if any(c.strip() for c in r)]`);
  if (csv.empty_columns)
    L.push(
      `rows = [r[:${csv.columns.length}] for r in rows]  # the empty column a delimiter at each line's end makes`,
    );
  if (csv.header) L.push('rows = rows[1:]  # the header line');
  const number = csv.delimiter !== ',' ? "float(c.strip().replace(',', '.'))" : 'float(c)';
  // the label's column and those left out (an id, a name) are no features
  const notFeature = ignored.length ? `j not in (${[label, ...ignored].join(', ')})` : `j != ${label}`;
  L.push(`X = np.array([[${number} for j, c in enumerate(r) if ${notFeature}] for r in rows])`);
  L.push(`classes = [${csv.class_names.map(text).join(', ')}]`);
  L.push(
    csv.classes_declared
      ? `y = np.array([int(r[${label}]) for r in rows])  # the file's labels are class indices`
      : `y = np.array([classes.index(r[${label}].strip()) for r in rows])`,
  );
  L.push('');
  L.push('');
  L.push('def stratify_by(y, test_size):');
  L.push('    # sklearn refuses to stratify a class of one row, or fewer held-out rows than classes;');
  L.push("    # LR Lab's split keeps the class proportions anyway (largest remainder), so there it differs");
  L.push('    n_test = math.ceil(test_size * len(y))');
  L.push('    counts = np.unique(y, return_counts=True)[1]');
  L.push('    return y if counts.min() >= 2 and len(counts) <= min(n_test, len(y) - n_test) else None');
}

// A CSV's model sizes are the file's: "$features" and "$classes" (run-spec.mjs) in Python.
const pySize = (n) => (n === '$features' ? 'X.shape[1]' : n === '$classes' ? 'len(classes)' : n);

/**
 * The script for `spec` (a lesson-form training run-spec). options.csv: what the worker found
 * in the learner's CSV (engine-worker.mjs "started"), with `file`, its name.
 */
export function pytorchScript(spec, options = {}) {
  const d = spec.data;
  const sizes = spec.model.sizes.map(pySize);
  const sched = spec.scheduler;
  const perBatch = sched && spec.scheduler_step === 'batch';
  const plateau = needsMetric(sched);
  const metric = spec.plateau_metric || 'val_loss';
  const L = [];
  L.push('#!/usr/bin/env python3');
  L.push('"""LR Lab: the current lesson settings as a plain PyTorch script.');
  L.push('');
  if (plateau) {
    // the cuts follow the metric, and this script's metric is not the page's (different data and weights)
    L.push(`ReduceLROnPlateau cuts the learning rate when this script's own ${metric} stops improving.`);
    L.push("The data and the initial weights come from scikit-learn and torch's random generators, so");
    L.push("that metric, and with it the epochs of the cuts, can differ from the page's run: compare the");
    L.push('schedule with PLATEAU_METRICS, printed at the end, rather than with the page.');
  } else {
    L.push('The learning rate of every optimizer step matches LR Lab exactly. The data and the initial');
    L.push("weights come from scikit-learn and torch's random generators, so losses and accuracies are");
    L.push('close to, but not the same as, the numbers on the page.');
  }
  L.push('Needs: torch, scikit-learn, numpy.');
  L.push('"""');
  if (d.dataset === 'csv') L.push('import csv');
  L.push('import json');
  L.push('import math');
  L.push('');
  L.push('import numpy as np');
  L.push('import torch');
  L.push('from torch import nn');
  L.push('from torch.optim import lr_scheduler');
  L.push('from torch.utils.data import DataLoader, TensorDataset');
  L.push('from sklearn.model_selection import train_test_split');
  L.push('from sklearn.preprocessing import StandardScaler');
  if (d.dataset === 'synthetic') L.push('from sklearn.datasets import make_classification');
  else if (d.dataset !== 'csv') L.push(`from sklearn.datasets import ${SKLEARN_LOADERS[d.dataset]}`);
  L.push('');
  L.push('torch.set_num_threads(1)');
  L.push('');
  L.push('# 1. Data');
  if (d.dataset === 'synthetic') {
    L.push(
      `X, y = make_classification(n_samples=${d.n_samples}, n_features=${d.n_features}, n_informative=${d.n_informative},`,
    );
    L.push(
      `                           n_redundant=0, n_classes=${d.n_classes}, n_clusters_per_class=${d.n_clusters_per_class},`,
    );
    L.push(
      `                           class_sep=${pyFloat(d.class_sep)}, flip_y=${pyFloat(d.flip_y)}, random_state=${d.seed})`,
    );
  } else if (d.dataset === 'csv') {
    if (!options.csv) throw new Error('the CSV file has not been read yet');
    csvData(L, options.csv, d.ignore_columns);
  } else {
    L.push(`X, y = ${SKLEARN_LOADERS[d.dataset]}(return_X_y=True)`);
  }
  L.push('');
  // docs/run-spec.md 3: the test rows are split off first, the validation rows from what remains
  const val = (d.validation_fraction ?? 0) > 0;
  const strat = (v) => (d.stratify === false ? 'None' : v);
  L.push(
    val
      ? '# 2. Train/validation/test split (stratified), features standardised with the training statistics'
      : '# 2. Train/test split (stratified), features standardised with the training statistics',
  );
  L.push(
    `X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=${pyFloat(d.test_fraction)}, stratify=${strat(d.dataset === 'csv' ? `stratify_by(y, ${pyFloat(d.test_fraction)})` : 'y')}, random_state=${d.seed})`,
  );
  if (val) {
    L.push(
      `# validation: ${pyFloat(d.validation_fraction)} of all rows, taken from the rows left after the test split`,
    );
    L.push(
      `X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=${pyFloat(d.validation_fraction)} / (1 - ${pyFloat(d.test_fraction)}), stratify=${strat(d.dataset === 'csv' ? `stratify_by(y_train, ${pyFloat(d.validation_fraction)} / (1 - ${pyFloat(d.test_fraction)}))` : 'y_train')}, random_state=${d.seed})`,
    );
  }
  const sets = val ? ['X_train', 'X_val', 'X_test'] : ['X_train', 'X_test'];
  if (d.standardize !== false) {
    L.push('scaler = StandardScaler().fit(X_train)');
    L.push(`${sets.join(', ')} = ${sets.map((x) => `scaler.transform(${x})`).join(', ')}`);
  }
  for (const x of sets) L.push(`${x} = torch.tensor(${x}, dtype=torch.float32)`);
  for (const x of sets)
    L.push(`${x.replace('X', 'y')} = torch.tensor(${x.replace('X', 'y')}, dtype=torch.int64)`);
  L.push(
    `train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=${spec.batch_size}, shuffle=${spec.shuffle ? 'True' : 'False'}${spec.shuffle ? `,\n                          generator=torch.Generator().manual_seed(${spec.shuffle_seed})` : ''})`,
  );
  L.push('steps_per_epoch = len(train_loader)');
  L.push('');
  L.push('# 3. Model: Linear layers with ReLU between them; softmax is inside the cross-entropy loss');
  L.push(`torch.manual_seed(${spec.model.seed ?? 0})`);
  const layers = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push(`nn.Linear(${sizes[i]}, ${sizes[i + 1]})`);
    if (i + 2 < sizes.length) layers.push('nn.ReLU()');
  }
  L.push(`model = nn.Sequential(${layers.join(', ')})`);
  L.push('loss_fn = nn.CrossEntropyLoss()');
  L.push('');
  L.push('# 4. Optimizer and learning-rate scheduler');
  L.push(`optimizer = ${optimizerExpr(spec.optimizer)}`);
  if (sched) {
    const { expr } = schedulerExpr(sched);
    L.push(`scheduler = ${expr}`);
  } else {
    L.push('scheduler = None  # constant learning rate');
  }
  L.push('');
  L.push('');
  L.push('def evaluate(X, y):');
  L.push('    with torch.no_grad():');
  L.push('        logits = model(X)');
  L.push('        return loss_fn(logits, y).item(), (logits.argmax(1) == y).float().mean().item()');
  L.push('');
  L.push('');
  L.push('lr_by_step = []  # LR of every optimizer step (group 0)');
  if (plateau) L.push('plateau_metrics = []  # what ReduceLROnPlateau was given, epoch by epoch');
  L.push(
    val
      ? `print(f"{'epoch':>5} {'lr':>12} {'train_loss':>10} {'val_loss':>9} {'test_loss':>9} {'test_acc':>8}")`
      : `print(f"{'epoch':>5} {'lr':>12} {'train_loss':>10} {'test_loss':>9} {'test_acc':>8}")`,
  );
  L.push(`for epoch in range(${spec.epochs}):`);
  L.push('    model.train()');
  L.push('    epoch_lr = optimizer.param_groups[0]["lr"]');
  L.push('    total, seen = 0.0, 0');
  L.push('    for xb, yb in train_loader:');
  L.push('        optimizer.zero_grad()');
  L.push('        loss = loss_fn(model(xb), yb)');
  L.push('        loss.backward()');
  L.push('        lr_by_step.append(optimizer.param_groups[0]["lr"])');
  L.push('        optimizer.step()');
  if (perBatch)
    L.push('        scheduler.step()  # stepped per batch: this scheduler counts optimizer steps');
  L.push('        total += loss.item() * len(xb)');
  L.push('        seen += len(xb)');
  L.push('    train_loss = total / seen');
  L.push('    model.eval()');
  L.push('    _, train_accuracy = evaluate(X_train, y_train)');
  L.push('    test_loss, test_accuracy = evaluate(X_test, y_test)');
  // without a validation split "val_*" is the held-out test split, as in the engine (docs/run-spec.md 4)
  L.push(
    val
      ? '    val_loss, val_accuracy = evaluate(X_val, y_val)  # what ReduceLROnPlateau may watch'
      : '    val_loss, val_accuracy = test_loss, test_accuracy  # no validation split: the held-out rows',
  );
  if (sched && !perBatch) {
    if (plateau) {
      L.push(`    plateau_metrics.append(${metric})`);
      L.push(`    scheduler.step(${metric})  # ReduceLROnPlateau is given the ${metric.replace('_', ' ')}`);
    } else {
      L.push("    scheduler.step()  # once per epoch, after the epoch's optimizer steps");
    }
  }
  L.push(
    val
      ? '    print(f"{epoch:5d} {epoch_lr:12.6g} {train_loss:10.4f} {val_loss:9.4f} {test_loss:9.4f} {test_accuracy:8.3f}")'
      : '    print(f"{epoch:5d} {epoch_lr:12.6g} {train_loss:10.4f} {test_loss:9.4f} {test_accuracy:8.3f}")',
  );
  L.push('');
  L.push('print("LR_BY_STEP", json.dumps(lr_by_step))');
  L.push('print("STEPS_PER_EPOCH", steps_per_epoch)');
  if (plateau) L.push('print("PLATEAU_METRICS", json.dumps(plateau_metrics))');
  return L.join('\n') + '\n';
}
