#!/usr/bin/env bash
# tsc --checkJs over our JS (no output, types only), in two projects: the browser code (lib dom, no
# Node types: tsconfig.browser.json) and the Node code (scripts, tests, CLI: tsconfig.node.json).
# Incremental: build/tsc/*.tsbuildinfo keeps what an unchanged file needs, so a re-run is quick.
# It reads the engine's generated types (dist/engine/lrlab-specs.d.ts, web/engine/schedulers.json):
# run scripts/build.sh first (npm test does).
set -euo pipefail
cd "$(dirname "$0")/.."
for f in dist/engine/lrlab-specs.d.ts web/engine/schedulers.json; do
  [ -f "$f" ] || { echo "typecheck: $f is missing: run scripts/build.sh first" >&2; exit 1; }
done
npx tsc -b tsconfig.browser.json
echo "typecheck: ok"
