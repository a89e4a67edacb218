// Writes the bundled data sets as the compact files the engine loads on demand:
// web/data/<name>.csv -> <out>/<name>.bin (layout: wasm/src/data/dataset_asset.hpp).
// Features are float32 (Math.fround of the CSV decimal, as the engine's CSV reader
// rounds: strtod then a cast to float), or uint8 when every value is an integer in
// 0..255 (digits); labels are uint8 class indices.
//   node scripts/build-datasets.mjs [OUT_DIR]   (default dist/engine/data)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const NAMES = ['iris', 'wine', 'breast_cancer', 'digits'];
const FLOAT32 = 1;
const UINT8 = 2;

// Our own files (scripts/datasets.py): '# title', '# classes: a,b', header, numeric rows.
function readDatasetCsv(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const classes = lines
    .find((l) => l.startsWith('# classes: '))
    ?.slice(11)
    .split(',');
  const [header, ...rows] = lines.filter((l) => !l.startsWith('#'));
  const features = header.split(',').slice(0, -1);
  if (!classes) throw new Error(`${file}: no "# classes:" line`);
  const x = [];
  const y = [];
  rows.forEach((row, i) => {
    const cells = row.split(',').map(Number);
    if (cells.length !== features.length + 1 || cells.some((v) => !Number.isFinite(v))) {
      throw new Error(`${file}:${i + 1}: expected ${features.length + 1} numbers`);
    }
    x.push(...cells.slice(0, -1));
    y.push(cells.at(-1));
  });
  return { features, classes, x, y };
}

export function encodeDataset(name, { features, classes, x, y }) {
  if (features.length + classes.length === 0) throw new Error('no names');
  for (const name of [...features, ...classes]) {
    if (name.includes('\n')) throw new Error(`name ${JSON.stringify(name)} contains a newline`);
  }
  if (classes.length > 255 || y.some((c) => !Number.isInteger(c) || c < 0 || c >= classes.length)) {
    throw new Error('labels must be class indices below 255');
  }
  const type = x.every((v) => Number.isInteger(v) && v >= 0 && v <= 255) ? UINT8 : FLOAT32;
  // the set's own name first: the engine refuses one set's file handed over as another's
  const names = new TextEncoder().encode(`${[name, ...features, ...classes].join('\n')}\n`);
  const xAt = Math.ceil((24 + names.length) / 4) * 4;
  const valueBytes = type === FLOAT32 ? 4 : 1;
  const bytes = new Uint8Array(xAt + x.length * valueBytes + y.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('LRDS'), 0);
  view.setUint8(4, 2); // format version (wasm/src/data/dataset_asset.hpp)
  view.setUint8(5, type);
  [y.length, features.length, classes.length, names.length].forEach((v, i) => {
    view.setUint32(8 + 4 * i, v, true);
  });
  bytes.set(names, 24);
  x.forEach((v, i) => {
    if (type === FLOAT32) view.setFloat32(xAt + 4 * i, v, true);
    else view.setUint8(xAt + i, v);
  });
  bytes.set(y, xAt + x.length * valueBytes);
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.resolve(process.argv[2] || path.join(repo, 'dist/engine/data'));
  mkdirSync(out, { recursive: true });
  for (const name of NAMES) {
    const bytes = encodeDataset(name, readDatasetCsv(path.join(repo, 'web/data', `${name}.csv`)));
    writeFileSync(path.join(out, `${name}.bin`), bytes);
    console.log(`build-datasets: ${name}.bin ${bytes.length} bytes`);
  }
}
