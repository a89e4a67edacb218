#!/usr/bin/env bash
# Repository habits, checked in npm test: Biome (lint + format) over the JS, JSON and CSS,
# clang-format over our C++ (style in .clang-format). Fix with: npm run format
# Then the TypeScript check of the JS (scripts/typecheck.sh; it reads types the build generates).
set -euo pipefail
cd "$(dirname "$0")/.."
npx biome ci --reporter=summary .
git ls-files -co --exclude-standard 'wasm/*.cpp' 'wasm/*.hpp' | xargs clang-format --dry-run --Werror
bash scripts/typecheck.sh
echo "lint: ok"
