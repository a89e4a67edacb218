// libFuzzer target: arbitrary bytes as a run-spec. Any input must end in a result
// or a SpecError/RunError: never a crash, a sanitizer report, or an abort.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sched/schedule_run.hpp"
#include "spec/spec_text.hpp"
#include "train/train_session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const lrlab::Json spec = lrlab::parse_spec_text(text);
    if (spec.is_object() && spec.contains("data")) {
      lrlab::TrainSession session(spec);  // validation of the training spec
      // Train one epoch only when it is small, to keep executions fast.
      if (session.data_summary().value("n_train", 0) <= 256 && !session.done())
        session.next_epoch();
    } else {
      // Long schedules are valid but slow; the fuzzer learns nothing more from them.
      if (spec.is_object() && spec.contains("steps") && spec["steps"].is_number() &&
          spec["steps"].get<double>() > 5000)
        return 0;
      lrlab::run_schedule(spec);
    }
  } catch (const lrlab::SpecError&) {
  } catch (const lrlab::RunError&) {
  }
  return 0;
}
