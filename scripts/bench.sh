#!/usr/bin/env bash
# npm run bench (after scripts/build.sh built dist/engine): builds the native bench
# (-O3 -march=native, build/native) and prints the training bench table (scripts/bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
cmake --build --preset native --target lrlab_bench -- -j2 >/dev/null
node scripts/bench.mjs --native build/native/lrlab_bench "$@"
