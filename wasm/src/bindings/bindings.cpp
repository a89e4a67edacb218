// The engine's JS-facing calls. Everything crosses the boundary as JSON text:
// results keep full double precision (shortest round-trip digits), the JS side
// parses once, and no C++ exception ever escapes into JS: each call returns
// {"ok": true, ...} or {"ok": false, "error": {"kind", "path", "message"}}.
// The JS API (wasm/js/lrlab.mjs) turns the latter into an Error.
// The functions live in lrlab::api (bindings.hpp) so the native fuzz target
// (wasm/fuzz/fuzz_js_api.cpp) drives exactly what JS calls. Under Emscripten they are
// plain C exports (no Embind: its JS runtime and type registry were ~5 KB gzip of the
// core, issue 9): text and data arrive as UTF-8 bytes the JS API wrote into wasm memory,
// and the reply is read back from reply_text's buffer.
#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#include <malloc.h>
#endif

#include "bindings/bindings.hpp"

#include <map>
#include <memory>
#include <new>

#include "data/builtin_datasets.hpp"
#include "sched/engine_description.hpp"
#include "sched/schedule_run.hpp"
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

std::string ok(Json body) {
  body["ok"] = true;
  return reply_text(body);
}

std::string failure(const std::string& kind, const std::string& path, const std::string& message) {
  return reply_text(
      Json{{"ok", false}, {"error", {{"kind", kind}, {"path", path}, {"message", message}}}});
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
    if (it == items_.end()) throw SpecError("handle", "no open session " + std::to_string(id));
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
  return guarded([&] { return ok({{"description", describe_engine()}}); });
}

std::string schedule(const std::string& spec_text) {
  return guarded([&] { return ok({{"result", run_schedule(parse_spec_text(spec_text))}}); });
}

std::string schedule_open(const std::string& spec_text) {
  return guarded([&] {
    auto run = std::make_unique<ScheduleRun>(parse_spec_text(spec_text));
    return ok({{"handle", schedule_runs().add(std::move(run))}});
  });
}

std::string schedule_step(int handle, int count) {
  return guarded([&] {
    ScheduleRun& run = schedule_runs().get(handle);
    for (int i = 0; i < count && !run.finished(); ++i) run.step();
    return ok({{"steps_done", run.steps_done()}, {"finished", run.finished()}});
  });
}

std::string schedule_result(int handle) {
  return guarded([&] { return ok({{"result", schedule_runs().get(handle).result()}}); });
}

std::string schedule_state_dict(int handle) {
  return guarded([&] { return ok({{"state", schedule_runs().get(handle).state_dict()}}); });
}

std::string schedule_load_state_dict(int handle, const std::string& state_text) {
  return guarded([&] {
    schedule_runs().get(handle).load_state_dict(parse_spec_text(state_text));
    return ok({});
  });
}

std::string train_open(const std::string& spec_text) {
  return guarded([&] {
    auto session = std::make_unique<TrainSession>(parse_spec_text(spec_text));
    Json summary = session->data_summary();
    Json warnings = warnings_json(session->warnings());
    return ok({{"handle", train_sessions().add(std::move(session))},
               {"data", std::move(summary)},
               {"warnings", std::move(warnings)}});
  });
}

std::string train_next(int handle) {
  return guarded([&] {
    TrainSession& s = train_sessions().get(handle);
    if (s.done()) return ok({{"record", nullptr}});
    return ok({{"record", s.next_epoch()}});
  });
}

// Up to `max_batches` batches (>= 1): the epoch's record when it finished, else null, so the
// JS API can check its AbortSignal inside a long epoch.
std::string train_batches(int handle, int max_batches) {
  return guarded([&] {
    if (max_batches < 1)
      throw SpecError("max_batches", "must be an integer >= 1, got " + std::to_string(max_batches));
    TrainSession& s = train_sessions().get(handle);
    if (s.done()) return ok({{"record", nullptr}, {"done", true}});
    Json record = s.run_batches(static_cast<size_t>(max_batches));
    return ok({{"record", std::move(record)}, {"done", s.done()}});
  });
}

std::string train_result(int handle) {
  return guarded([&] { return ok({{"result", train_sessions().get(handle).result()}}); });
}

std::string train_trace(int handle, int sample, const std::string& split) {
  return guarded([&] {
    if (sample < 0)
      throw SpecError("sample", "must be an integer >= 0, got " + std::to_string(sample));
    return ok({{"trace", train_sessions().get(handle).trace(static_cast<size_t>(sample), split)}});
  });
}

// `bytes` is a data set file (data/dataset_asset.hpp).
std::string register_dataset(const std::string& name, const std::string& bytes) {
  return guarded([&] {
    register_builtin_dataset_asset(name, bytes, "dataset");
    return ok({});
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
// The C exports lrlab.mjs calls (its coreCalls()). A reply stays in `last_reply` until the
// next call; JS decodes it at once from lrlab_reply_size() bytes at the returned address.
namespace {
std::string last_reply;
const char* reply(std::string text) {
  last_reply = std::move(text);
  return last_reply.data();
}
std::string text_of(const char* bytes, size_t size) { return std::string(bytes, size); }
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE size_t lrlab_reply_size() { return last_reply.size(); }
EMSCRIPTEN_KEEPALIVE const char* lrlab_describe() { return reply(lrlab::describe()); }
EMSCRIPTEN_KEEPALIVE const char* lrlab_schedule(const char* spec, size_t size) {
  return reply(lrlab::schedule(text_of(spec, size)));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_schedule_open(const char* spec, size_t size) {
  return reply(lrlab::schedule_open(text_of(spec, size)));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_schedule_step(int handle, int count) {
  return reply(lrlab::schedule_step(handle, count));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_schedule_result(int handle) {
  return reply(lrlab::schedule_result(handle));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_schedule_state_dict(int handle) {
  return reply(lrlab::schedule_state_dict(handle));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_schedule_load_state_dict(int handle, const char* state,
                                                                size_t size) {
  return reply(lrlab::schedule_load_state_dict(handle, text_of(state, size)));
}
EMSCRIPTEN_KEEPALIVE void lrlab_schedule_close(int handle) { lrlab::schedule_close(handle); }
EMSCRIPTEN_KEEPALIVE const char* lrlab_train_open(const char* spec, size_t size) {
  return reply(lrlab::train_open(text_of(spec, size)));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_train_next(int handle) {
  return reply(lrlab::train_next(handle));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_train_batches(int handle, int max_batches) {
  return reply(lrlab::train_batches(handle, max_batches));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_train_result(int handle) {
  return reply(lrlab::train_result(handle));
}
EMSCRIPTEN_KEEPALIVE const char* lrlab_train_trace(int handle, int sample, const char* split,
                                                   size_t size) {
  return reply(lrlab::train_trace(handle, sample, text_of(split, size)));
}
EMSCRIPTEN_KEEPALIVE void lrlab_train_close(int handle) { lrlab::train_close(handle); }
EMSCRIPTEN_KEEPALIVE int lrlab_open_sessions() { return lrlab::open_sessions(); }
// `bytes` is a data set file (data/dataset_asset.hpp).
EMSCRIPTEN_KEEPALIVE const char* lrlab_register_dataset(const char* name, size_t name_size,
                                                        const char* bytes, size_t size) {
  return reply(lrlab::register_dataset(text_of(name, name_size), text_of(bytes, size)));
}
EMSCRIPTEN_KEEPALIVE int lrlab_heap_in_use() { return lrlab::heap_in_use(); }
}
#endif
