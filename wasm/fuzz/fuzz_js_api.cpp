// libFuzzer target: arbitrary bytes through the calls JS makes (bindings.hpp, the
// functions bindings.cpp binds). Whatever the bytes, every call must return a reply that
// is valid JSON (so valid UTF-8) with "ok", an error must carry a non-empty message,
// and no session may stay open after it is closed: never an exception out of a call.
//
// The first byte picks the entry point, the rest is the text handed to it:
//   0 schedule(text)                 1 scheduleOpen(text) + step/result/stateDict
//   2 scheduleOpen(valid) + loadStateDict(text)   3 trainOpen(text) + next/trace/result
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bindings/bindings.hpp"
#include "spec/spec_reader.hpp"

namespace {

using lrlab::Json;

// A reply as JS's unwrap() reads it. Aborts (a crash for libFuzzer) on anything else.
Json checked(const std::string& reply) {
  Json r = Json::parse(reply, nullptr, /*allow_exceptions=*/false);
  if (r.is_discarded() || !r.is_object() || !r.contains("ok") || !r["ok"].is_boolean()) abort();
  if (!r["ok"].get<bool>()) {
    const Json& e = r["error"];
    if (!e.is_object() || !e["message"].is_string() || e["message"].get<std::string>().empty() ||
        !e["kind"].is_string() || !e["path"].is_string())
      abort();
  }
  return r;
}

int handle_of(const Json& reply) {
  return reply["ok"].get<bool>() ? reply["handle"].get<int>() : 0;
}

// Long runs are valid but slow; the fuzzer learns nothing more from them.
bool too_long(const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return false;
  const auto big = [&](const char* key, double limit) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() && it->get<double>() > limit;
  };
  return big("steps", 5000) || big("epochs", 20);
}

const char* const kStepLR =
    R"({"optimizer":{"type":"SGD","lr":0.1},"scheduler":{"type":"StepLR","step_size":2},"steps":8})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int entry = data[0] % 4;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (entry != 2 && too_long(text)) return 0;
  switch (entry) {
    case 0:
      checked(lrlab::schedule(text));
      break;
    case 1: {
      const int h = handle_of(checked(lrlab::schedule_open(text)));
      if (!h) break;
      checked(lrlab::schedule_step(h, 3));
      checked(lrlab::schedule_state_dict(h));
      checked(lrlab::schedule_result(h));
      lrlab::schedule_close(h);
      break;
    }
    case 2: {
      const int h = handle_of(checked(lrlab::schedule_open(kStepLR)));
      checked(lrlab::schedule_load_state_dict(h, text));
      checked(lrlab::schedule_step(h, 8));
      checked(lrlab::schedule_result(h));
      lrlab::schedule_close(h);
      break;
    }
    case 3: {
      // with and without the data summary (the JS API's train() opens without it)
      const bool summary = size % 3 != 0;
      const Json opened = checked(lrlab::train_open(text, summary));
      const int h = handle_of(opened);
      if (!h) break;
      if (summary && opened["data"].value("n_train", 0) <= 256) checked(lrlab::train_next(h));
      checked(lrlab::train_trace(h, static_cast<int>(size % 7) - 1, size % 2 ? "test" : "tr\xC3"));
      checked(lrlab::train_result(h, 0));
      checked(lrlab::train_result(h, 1));
      lrlab::train_close(h);
      break;
    }
  }
  if (lrlab::open_sessions() != 0) abort();
  return 0;
}
