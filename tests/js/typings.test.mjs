// The package's typings compile for a TypeScript user (tests/types/usage.ts, which also
// holds @ts-expect-error lines that fail the compile if the types get too loose).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { root } from './fixture_compare.mjs';

test('lrlab.d.ts type-checks a typical program (tsc --strict)', () => {
  const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', root));
  const project = fileURLToPath(new URL('tests/types/tsconfig.json', root));
  const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
