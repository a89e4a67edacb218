#!/usr/bin/env bash
# Every test: native GoogleTest (CTest), the WASM engine through its JS API and CLI
# under Node's test runner, the npm package in each toolchain, and the browser
# end-to-end tests in headless Chromium.
# Expects scripts/build.sh to have run (npm test does both), and setup.sh to have installed
# PyTorch: tests/js/torch_differential.test.mjs asks it about drawn schedules.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/lint.sh

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
[ -f build/native/CMakeCache.txt ] || cmake --preset native "${launcher[@]}" >/dev/null
cmake --build --preset native
ctest --preset native -j2

LRLAB_REQUIRE_TORCH=1 node --test --test-reporter=spec tests/js/
# The packed package in a fresh app: Node, esbuild, Vite (build + dev), import map, Worker, tsc, publint, attw.
LRLAB_REQUIRE_BROWSER=1 node --test --test-reporter=spec tests/package/
# setup.sh installed Chromium and PyTorch and build.sh built dist/: a browser test that cannot run,
# or a PyTorch check that cannot, is a failure here.
LRLAB_REQUIRE_BROWSER=1 LRLAB_REQUIRE_TORCH=1 node --test --test-concurrency=1 --test-reporter=spec tests/browser/
