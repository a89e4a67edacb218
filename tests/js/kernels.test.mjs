// The WASM SIMD kernels (wasm/src/nn/linear_kernels.hpp, nn/exp_log.hpp) against the scalar
// path. The native build compiles the scalar path (its kernel is checked bit for bit against
// the definition in wasm/tests/linear_kernels_test.cpp); the WASM engine runs the SIMD
// micro-kernels. Both promise the same floats: the same summation order, and the loss's exp
// and log are the engine's own, not each platform's libm. So whole trainings over shapes that
// visit every block of the SIMD kernel (1-3 leftover rows, 1-3 leftover vectors, a partial last
// vector, an odd number of classes, several hidden layers) must agree bit for bit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { enginePath, root } from './fixture_compare.mjs';

const native = fileURLToPath(new URL('build/native/lrlab_native', root));
const { createEngine } = /** @type {typeof import('../../wasm/js/lrlab-node.mjs')} */ (
  await import(enginePath.href)
);
const engine = await createEngine();

const shapes = [
  { sizes: [3, 5, 2], batch: 7 },
  { sizes: [10, 10, 2], batch: 32 },
  { sizes: [6, 13, 3], batch: 30 },
  { sizes: [9, 24, 7, 4], batch: 33 },
  { sizes: [5, 37, 17, 9, 2], batch: 18 },
  { sizes: [16, 64, 10], batch: 64 },
];

for (const { sizes, batch } of shapes) {
  test(`SIMD kernels agree with the scalar path: sizes ${sizes.join('-')}, batch ${batch}`, (t) => {
    if (!existsSync(native)) {
      if (process.env.LRLAB_REQUIRE_NATIVE) assert.fail('build/native/lrlab_native is missing');
      t.skip('native CLI not built (ctest --preset native builds it)');
      return;
    }
    const spec = {
      data: {
        dataset: 'synthetic',
        n_samples: 150,
        n_features: sizes[0],
        n_informative: Math.min(sizes[0], 5),
        n_classes: sizes.at(-1),
        test_fraction: 0.2,
        seed: sizes.length,
      },
      model: { sizes, seed: 1 },
      optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 },
      epochs: 4,
      batch_size: batch,
      shuffle: true,
    };
    const ours = engine.trainSession(spec);
    while (ours.next());
    const simd = ours.result();
    ours.delete();
    const scalar = JSON.parse(
      execFileSync(native, ['train', '-'], { input: JSON.stringify(spec), encoding: 'utf8' }),
    );
    assert.equal(simd.batch_loss.flat().length, scalar.batch_loss.flat().length);
    simd.batch_loss.flat().forEach((a, i) => {
      const b = scalar.batch_loss.flat()[i];
      assert.ok(a === b, `batch_loss ${i}: SIMD ${a}, scalar ${b}`);
    });
    for (const [name, value] of Object.entries(scalar.final)) {
      const want = [value].flat(2);
      const got = [simd.final[name]].flat(2);
      assert.equal(got.length, want.length, name);
      for (const [i, a] of got.entries()) {
        assert.ok(a === want[i], `${name}[${i}]: SIMD ${a}, scalar ${want[i]}`);
      }
    }
  });
}
