#!/usr/bin/env bash
# npm run bench (after scripts/build.sh built dist/engine): builds the native bench
# (Eigen baseline + our engine, -O3 -march=native, build/native) and the scalar WASM engine
# (build/wasm-scalar), then prints the training bench tables (scripts/bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
[ -f build/native/CMakeCache.txt ] || cmake --preset native "${launcher[@]}" >/dev/null
cmake --build --preset native --target lrlab_bench -- -j2 >/dev/null
[ -f build/wasm-scalar/CMakeCache.txt ] || cmake --preset wasm-scalar "${launcher[@]}" >/dev/null
cmake --build --preset wasm-scalar -- -j2 >/dev/null
node scripts/bench.mjs --native build/native/lrlab_bench "$@"
node scripts/bench-browser.mjs
