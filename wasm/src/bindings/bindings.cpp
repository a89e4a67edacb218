// Embind surface of the engine. Everything but the records' per-batch arrays (train_steps:
// doubles in memory) crosses the boundary as JSON text:
// results keep full double precision (shortest round-trip digits), the JS side
// parses once, and no C++ exception ever escapes into JS: each call returns
// {"ok": true, ...} or {"ok": false, "error": {"kind", "path", "message"}}.
// The JS API (wasm/js/lrlab.mjs) turns the latter into an Error.
// The functions live in lrlab::api (bindings.hpp) so the native fuzz target
// (wasm/fuzz/fuzz_js_api.cpp) drives exactly what JS calls.
#ifdef __EMSCRIPTEN__
#include <emscripten/bind.h>
#include <malloc.h>

#include <cstdint>
#include <cstring>
#endif

#include "bindings/bindings.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <new>
#include <vector>

#include "data/builtin_datasets.hpp"
#include "sched/engine_description.hpp"
#include "sched/schedule_run.hpp"
#include "spec/json_record.hpp"
#include "spec/spec_text.hpp"
#include "train/train_session.hpp"

namespace lrlab {
inline namespace api {
namespace {

// dump() throws on a string that is not UTF-8; a reply must never throw, so any such
// byte (none is expected: messages pass through utf8_safe) becomes U+FFFD.
std::string reply_text(const Json& body) {
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// {"ok": true, ...body}
std::string ok(Json body = Json::object()) {
  put(body, "ok", true);
  return reply_text(body);
}

// {"ok": true, key: value}: most replies carry one field.
std::string ok(const char* key, Json value) { return ok(json_object({{key, std::move(value)}})); }

std::string failure(const std::string& kind, const std::string& path, const std::string& message) {
  return reply_text(json_object(
      {{"ok", false},
       {"error", json_object({{"kind", kind}, {"path", path}, {"message", message}})}}));
}

// Runs `body` and converts every exception into the error object. One copy of the catch
// clauses serves every call (a template instance per call repeated them: issue 9's size).
std::string guarded_call(std::string (*body)(const void*), const void* context) {
  try {
    return body(context);
  } catch (const SpecError& e) {
    return failure("spec", e.path(), e.what());
  } catch (const RunError& e) {
    return failure("run", e.type(), e.what());
  } catch (const std::bad_alloc&) {
    return failure("memory", "", "out of memory: the run needs more than the engine's 1 GiB");
  } catch (const std::exception& e) {
    return failure("internal", "", "internal error: " + utf8_safe(e.what()));
  } catch (...) {
    return failure("internal", "", "internal error");
  }
}

template <typename F>
std::string guarded(const F& body) {
  return guarded_call([](const void* f) { return (*static_cast<const F*>(f))(); }, &body);
}

// Sessions live in C++; JS holds integer handles (no raw pointers across the boundary).
template <typename T>
class Handles {
 public:
  int add(std::unique_ptr<T> p) {
    const int id = next_++;
    items_[id] = std::move(p);
    return id;
  }
  T& get(int id) {
    auto it = items_.find(id);
    if (it == items_.end()) throw_spec_error("handle", concat({"no open session ", id}));
    return *it->second;
  }
  void remove(int id) { items_.erase(id); }
  size_t size() const { return items_.size(); }

 private:
  int next_ = 1;
  std::map<int, std::unique_ptr<T>> items_;
};

Handles<TrainSession>& train_sessions() {
  static Handles<TrainSession> h;
  return h;
}
Handles<ScheduleRun>& schedule_runs() {
  static Handles<ScheduleRun> h;
  return h;
}

}  // namespace

std::string describe() {
  return guarded([&] { return ok("description", describe_engine()); });
}

std::string schedule(const std::string& spec_text) {
  return guarded([&] { return ok("result", run_schedule(parse_spec_text(spec_text))); });
}

std::string schedule_open(const std::string& spec_text) {
  return guarded([&] {
    auto run = std::make_unique<ScheduleRun>(parse_spec_text(spec_text));
    return ok("handle", schedule_runs().add(std::move(run)));
  });
}

std::string schedule_step(int handle, int count) {
  return guarded([&] {
    ScheduleRun& run = schedule_runs().get(handle);
    for (int i = 0; i < count && !run.finished(); ++i) run.step();
    return ok(json_object({{"steps_done", run.steps_done()}, {"finished", run.finished()}}));
  });
}

std::string schedule_result(int handle) {
  return guarded([&] { return ok("result", schedule_runs().get(handle).result()); });
}

std::string schedule_state_dict(int handle) {
  return guarded([&] { return ok("state", schedule_runs().get(handle).state_dict()); });
}

std::string schedule_load_state_dict(int handle, const std::string& state_text) {
  return guarded([&] {
    schedule_runs().get(handle).load_state_dict(parse_spec_text(state_text));
    return ok();
  });
}

std::string train_open(const std::string& spec_text, bool with_data_summary) {
  return guarded([&] {
    auto session = std::make_unique<TrainSession>(parse_spec_text(spec_text));
    session->leave_step_values_out_of_records();
    Json summary = with_data_summary ? session->data_summary() : Json(nullptr);
    Json warnings = warnings_json(session->warnings());
    const bool steps = session->spec().batch_records;
    return ok(json_object({{"handle", train_sessions().add(std::move(session))},
                           {"data", std::move(summary)},
                           {"warnings", std::move(warnings)},
                           {"steps", steps}}));
  });
}

std::string train_next(int handle) {
  return guarded([&] {
    TrainSession& s = train_sessions().get(handle);
    if (s.done()) return ok("record", nullptr);
    return ok("record", s.next_epoch());
  });
}

// Up to `max_batches` batches (>= 1): the epoch's record when it finished, else null, so the
// JS API can check its AbortSignal inside a long epoch.
std::string train_batches(int handle, int max_batches) {
  return guarded([&] {
    if (max_batches < 1)
      throw_spec_error("max_batches", concat({"must be an integer >= 1, got ", max_batches}));
    TrainSession& s = train_sessions().get(handle);
    if (s.done()) return ok(json_object({{"record", nullptr}, {"done", true}}));
    Json record = s.run_batches(static_cast<size_t>(max_batches));
    return ok(json_object({{"record", std::move(record)}, {"done", s.done()}}));
  });
}

uintptr_t train_steps(int handle) {
  static std::vector<double> packed;
  try {
    const TrainSession& s = train_sessions().get(handle);
    if (s.epochs_run() == 0 || s.in_epoch()) return 0;
    const size_t n = s.last_epoch_steps(), arrays = s.step_arrays(), groups = s.group_count();
    packed.resize(3 + arrays * n);
    packed[0] = static_cast<double>(n);
    packed[1] = static_cast<double>(groups);
    packed[2] = arrays > 1 + groups ? 1.0 : 0.0;
    for (size_t k = 0; k < arrays; ++k)
      std::copy_n(s.last_epoch_step_array(k), n, &packed[3 + k * n]);
    return reinterpret_cast<uintptr_t>(packed.data());
  } catch (...) {  // no open session `handle`, or out of memory: the JS API reports it
    return 0;
  }
}

std::string train_result(int handle, int records_kept) {
  return guarded([&] {
    const TrainSession& s = train_sessions().get(handle);
    const bool join =
        records_kept > 0 && static_cast<size_t>(records_kept) == s.epochs_run() && !s.in_epoch();
    return ok(json_object({{"result", s.result(!join)}, {"join", join}}));
  });
}

std::string train_trace(int handle, int sample, const std::string& split) {
  return guarded([&] {
    if (sample < 0) throw_spec_error("sample", concat({"must be an integer >= 0, got ", sample}));
    return ok("trace", train_sessions().get(handle).trace(static_cast<size_t>(sample), split));
  });
}

// `bytes` is a data set file (data/dataset_asset.hpp), as the JS API wrote it (bytes_at).
std::string register_dataset(const std::string& name, const std::string& bytes) {
  return guarded([&] {
    register_builtin_dataset_asset(name, bytes, "dataset");
    return ok();
  });
}

void train_close(int handle) { train_sessions().remove(handle); }
void schedule_close(int handle) { schedule_runs().remove(handle); }
int open_sessions() { return static_cast<int>(train_sessions().size() + schedule_runs().size()); }

#ifdef __EMSCRIPTEN__
// Bytes malloc has handed out and not taken back (emmalloc's mallinfo): leak checks watch
// this, not the memory size, which only ever grows.
int heap_in_use() { return static_cast<int>(mallinfo().uordblks); }
#endif

}  // namespace api
}  // namespace lrlab

#ifdef __EMSCRIPTEN__
namespace lrlab {
namespace {

// Text and data arrive as bytes the JS API wrote into a malloc'd block: a 4-byte length, then
// the bytes (one TypedArray.set(); embind's std::string walks them in JS, and its emval
// costs ~1.3 KB gzip of glue: issue 9). The JS API frees the block after the call.
std::string bytes_at(uintptr_t block) {
  uint32_t n = 0;
  std::memcpy(&n, reinterpret_cast<const void*>(block), sizeof n);
  return std::string(reinterpret_cast<const char*>(block) + sizeof n, n);
}

}  // namespace
}  // namespace lrlab

EMSCRIPTEN_BINDINGS(lrlab) {
  using namespace emscripten;
  using lrlab::bytes_at;
  function("describe", &lrlab::describe);
  function("schedule",
           optional_override([](uintptr_t spec) { return lrlab::schedule(bytes_at(spec)); }));
  function("scheduleOpen",
           optional_override([](uintptr_t spec) { return lrlab::schedule_open(bytes_at(spec)); }));
  function("scheduleStep", &lrlab::schedule_step);
  function("scheduleResult", &lrlab::schedule_result);
  function("scheduleStateDict", &lrlab::schedule_state_dict);
  function("scheduleLoadStateDict", optional_override([](int handle, uintptr_t state) {
             return lrlab::schedule_load_state_dict(handle, bytes_at(state));
           }));
  function("scheduleClose", &lrlab::schedule_close);
  function("trainOpen", optional_override([](uintptr_t spec, bool with_data_summary) {
             return lrlab::train_open(bytes_at(spec), with_data_summary);
           }));
  function("trainNext", &lrlab::train_next);
  function("trainBatches", &lrlab::train_batches);
  function("trainSteps", &lrlab::train_steps);
  function("trainResult", &lrlab::train_result);
  function("trainTrace", optional_override([](int handle, int sample, uintptr_t split) {
             return lrlab::train_trace(handle, sample, bytes_at(split));
           }));
  function("trainClose", &lrlab::train_close);
  function("openSessions", &lrlab::open_sessions);
  function("registerDataset", optional_override([](uintptr_t name, uintptr_t bytes) {
             return lrlab::register_dataset(bytes_at(name), bytes_at(bytes));
           }));
  function("heapInUse", &lrlab::heap_in_use);
}
#endif
