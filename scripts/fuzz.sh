#!/usr/bin/env bash
# Fuzzes the run-spec and expression parsers and the JS-facing calls (libFuzzer + ASan +
# UBSan, native clang) for a fixed budget per target: FUZZ_SECONDS (default 120).
# Seeds: the fixture specs (fuzz_js_api: each prefixed with the byte that picks the call).
# Prints executions and crashes per target; exits non-zero if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-120}

[ -f build/fuzz/CMakeCache.txt ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

corpus=build/fuzz/corpus
mkdir -p "$corpus/run_spec" "$corpus/expression" "$corpus/js_api" build/fuzz/crashes
# Seed corpus: every fixture case as its own spec file, every lambda/scale_fn string.
node -e '
  const fs = require("fs");
  for (const f of ["schedules", "training"]) {
    const cases = JSON.parse(fs.readFileSync(`tests/fixtures/${f}.json`, "utf8")).cases;
    cases.forEach((c, i) => {
      if (f === "training" && c.data.y.length > 128) return;
      fs.writeFileSync(`build/fuzz/corpus/run_spec/${f}-${i}.json`, JSON.stringify(c));
      // first byte: the call, as fuzz_js_api.cpp reads it (0 schedule, 1 scheduleOpen, 3 trainOpen)
      for (const call of f === "schedules" ? [0, 1] : [3])
        fs.writeFileSync(`build/fuzz/corpus/js_api/${f}-${i}-${call}.json`, String.fromCharCode(call) + JSON.stringify(c));
      for (const k of ["lr_lambda", "scale_fn"]) {
        const v = c.scheduler && c.scheduler[k];
        // first byte: variable (0 = epoch, 1 = x), as fuzz_expression.cpp reads it
        [].concat(v || []).forEach((e, j) => fs.writeFileSync(`build/fuzz/corpus/expression/${f}-${i}-${k}-${j}.txt`, (k === "scale_fn" ? "\x01" : "\x00") + e));
      }
    });
  }
  // 2: a state dict loaded into a StepLR run
  fs.writeFileSync("build/fuzz/corpus/js_api/state-dict.json",
    "\x02" + JSON.stringify({step_size: 2, gamma: 0.1, base_lrs: [0.1], last_epoch: 3, _step_count: 4,
                               verbose: false, _get_lr_called_within_step: false, _last_lr: [0.01]}));'

status=0
for target in fuzz_run_spec fuzz_expression fuzz_js_api; do
  [ -x "build/fuzz/$target" ] || continue
  name=${target#fuzz_}
  log=build/fuzz/$target.log
  set +e
  "build/fuzz/$target" "$corpus/$name" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix=build/fuzz/crashes/ -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  crashes=$(ls build/fuzz/crashes 2>/dev/null | grep -c "" || true)
  echo "$target: ${execs:-?} executions in ${seconds}s, exit $rc, crash files so far: $crashes"
  [ "$rc" -eq 0 ] || { status=1; tail -40 "$log"; }
done
exit $status
