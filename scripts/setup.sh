#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: installs the Debian packages that are
# missing (apt, via sudo when not root), then the npm packages (npm ci) when the lock
# file changed since the last install. Run by `npm start` and `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: emscripten (em++ 3.1.6), Eigen, nlohmann-json, GoogleTest, cmake/ninja, g++.
# Browser tests: chromium. SIMD check in the bench: wabt. Fuzzing: clang + compiler-rt.
# The oracle: PyTorch and scikit-learn (the Code mode's scripts run under them in the tests, the
# fixtures and the bench's PyTorch column come from them); mpmath, the correctly rounded
# reference of the engine's cos and sin (tests/js/wasm_libc.test.mjs).
packages=(emscripten libeigen3-dev nlohmann-json3-dev libgtest-dev googletest cmake ninja-build g++
          chromium wabt clang clang-format libclang-rt-14-dev python3 python3-torch python3-sklearn
          python3-mpmath)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

# npm ci only when node_modules does not match package-lock.json.
stamp=node_modules/.lrlab-lock-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
echo "setup: ok"
