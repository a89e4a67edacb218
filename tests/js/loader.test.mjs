// How the engine finds its files: the package's entries per runtime, and the
// createEngine options (wasmUrl, locateFile, wasmBinary) honoured on every call.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { enginePath, root } from './fixture_compare.mjs';

const { createEngine, EngineError, SpecError } =
  /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (await import(enginePath.href));
const engineDir = new URL('dist/engine/', root);
const wasmFile = fileURLToPath(new URL('lrlab_core.wasm', engineDir));
const STEP = {
  optimizer: { type: 'SGD', lr: 0.1 },
  scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 },
  steps: 5,
};
const STEP_LR = [0.1, 0.1, 0.05, 0.05, 0.025];

test('package "exports": Node resolves lrlab to the Node entry', () => {
  assert.equal(import.meta.resolve('lrlab'), new URL('lrlab-node.mjs', engineDir).href);
  assert.equal(import.meta.resolve('lrlab/lrlab_core.wasm'), new URL('lrlab_core.wasm', engineDir).href);
});

test('the browser entry bundles for the browser platform without any node: import', async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('lrlab.mjs', engineDir))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const text = out.outputFiles[0].text;
  assert.doesNotMatch(text, /["']node:/);
  assert.match(text, /createLrlabCore|instantiateWasm/, 'the glue is in the bundle');
});

test('wasmUrl is honoured on every call, not only the first', async () => {
  const first = await createEngine();
  assert.deepEqual(first.schedule(STEP).lr[0], STEP_LR);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lrlab-loader-'));
  try {
    await assert.rejects(createEngine({ wasmUrl: path.join(dir, 'missing.wasm') }), (e) => {
      assert.ok(e instanceof EngineError, `${e}`);
      assert.match(e.message, /missing\.wasm/);
      return true;
    });
    const moved = path.join(dir, 'moved.wasm');
    await copyFile(wasmFile, moved);
    const located = [];
    const viaLocate = await createEngine({
      locateFile: (file, defaultUrl) => {
        located.push([file, defaultUrl]);
        return moved;
      },
    });
    assert.deepEqual(located, [['lrlab_core.wasm', new URL('lrlab_core.wasm', engineDir).href]]);
    assert.deepEqual(viaLocate.schedule(STEP).lr[0], STEP_LR);
    const viaUrl = await createEngine({ wasmUrl: new URL(`file://${moved}`) });
    assert.deepEqual(viaUrl.schedule(STEP).lr[0], STEP_LR);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('the browser entry runs in Node given the wasm bytes', async () => {
  const browserEntry = await import(new URL('lrlab.mjs', engineDir).href);
  const engine = await browserEntry.createEngine({ wasmBinary: await readFile(wasmFile) });
  assert.deepEqual(engine.schedule(STEP).lr[0], STEP_LR);
  assert.throws(() => engine.schedule({ ...STEP, steps: -1 }), browserEntry.SpecError);
  assert.equal(browserEntry.SpecError, SpecError, 'one error class for both entries');
});
