#!/usr/bin/env bash
# Builds the WebAssembly engine and the static site into dist/:
#   dist/engine/  lrlab.mjs (JS API; browsers, workers, bundlers) + lrlab-node.mjs (Node entry)
#                 + lrlab.d.ts + lrlab_core.mjs/.wasm (emscripten output) + data/<name>.bin
#                 + lrlab-csv.mjs (the CSV reader, loaded on first use) + esbuild-plugin.mjs (lrlab/esbuild)
#                 + schedulers.json + lrlab-specs.d.ts (generated from the engine's declarations)
#   dist/         the course (scripts/build-site.mjs)
#   dist/widget/  the <lr-lab> element bundle (scripts/build-widget.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

[ -f build/wasm/CMakeCache.txt ] || cmake --preset wasm "${launcher[@]}" >/dev/null
cmake --build --preset wasm

mkdir -p dist/engine
cp build/wasm/engine/lrlab_core.wasm dist/engine/
cp wasm/js/lrlab.d.ts wasm/js/esbuild-plugin.mjs wasm/js/esbuild-plugin.d.ts wasm/js/lrlab_core.d.ts dist/engine/
# The JS every download carries, minified (issue 9's size budget): the API with a source map,
# and emscripten's glue (generated code: no map). Not bundled: each keeps its imports.
npx esbuild wasm/js/lrlab.mjs wasm/js/lrlab-node.mjs --format=esm --minify --sourcemap --out-extension:.js=.mjs \
  --log-level=warning --outdir=dist/engine
npx esbuild build/wasm/engine/lrlab_core.mjs --format=esm --minify --log-level=warning \
  --outfile=dist/engine/lrlab_core.mjs
node scripts/build-datasets.mjs dist/engine/data   # the data sets, loaded on demand
cp web/data/ATTRIBUTION.md dist/engine/data/       # their sources and licences travel with them
# The CSV reader (ours + Papa Parse), one module imported on first use; with its source map.
npx esbuild wasm/js/csv.mjs --bundle --format=esm --platform=browser --minify --sourcemap \
  --log-level=warning --outfile=dist/engine/lrlab-csv.mjs
# What derives from the engine's declarations: schedulers.json and the spec types.
node scripts/engine-types.mjs dist/engine
# The site's modules import ../engine/schedulers.json; the same file beside web/app lets Node
# import them from the source tree too (lesson checks at build time). Generated, not in git.
mkdir -p web/engine
cp dist/engine/schedulers.json web/engine/

if [ -f scripts/build-site.mjs ]; then
  node scripts/build-site.mjs
  node scripts/build-widget.mjs
fi
echo "build: dist/engine/lrlab_core.wasm $(stat -c %s dist/engine/lrlab_core.wasm) bytes"
node scripts/size-budget.mjs dist   # the core and the widget's first load against their budgets
