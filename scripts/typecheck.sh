#!/usr/bin/env bash
# tsc --checkJs over our JS (no output, types only), in three projects: the browser code (web/app,
# web/widget, the engine's JS API; lib dom, no Node types: tsconfig.browser.json), the Node code
# (scripts, CLI, Node entry, esbuild plugin: tsconfig.node.json) and the Node tests
# (tsconfig.tests.json; tests/package/app is the fixture app the package test type-checks in its
# own project). Node
# projects keep lib dom too: scripts and tests import web/app modules. types/ maps the paths the
# site serves from dist/ (engine/, vendor/) to their declarations, so no generated or vendored
# JS is checked.
# Incremental: build/tsc/*.tsbuildinfo keeps what an unchanged file needs, so a re-run is quick.
# It reads the engine's generated types (dist/engine/lrlab-specs.d.ts, web/engine/schedulers.json):
# run scripts/build.sh first (npm test does).
set -euo pipefail
cd "$(dirname "$0")/.."
for f in dist/engine/lrlab-specs.d.ts web/engine/schedulers.json; do
  [ -f "$f" ] || { echo "typecheck: $f is missing: run scripts/build.sh first" >&2; exit 1; }
done
npx tsc -b tsconfig.browser.json tsconfig.node.json tsconfig.tests.json
echo "typecheck: ok"
