// The engine's JS-facing calls (bound by bindings.cpp under Emscripten): JSON text in,
// JSON text out, {"ok": true, ...} or {"ok": false, "error": {"kind", "path", "message"}};
// the records' per-batch arrays alone come as doubles in memory (train_steps).
// Declared here so native code (the fuzz target) can call exactly what JS calls.
#pragma once

#include <cstdint>
#include <string>

namespace lrlab {
inline namespace api {

std::string describe();
std::string schedule(const std::string& spec_text);
std::string schedule_open(const std::string& spec_text);
std::string schedule_step(int handle, int count);
std::string schedule_result(int handle);
std::string schedule_state_dict(int handle);
std::string schedule_load_state_dict(int handle, const std::string& state_text);
void schedule_close(int handle);
// The reply says "steps": true when the records have per-batch arrays (spec batch_records);
// they are left out of the records' JSON, for train_steps. Its "data" is the data summary, or
// null without `with_data_summary` (the JS API's train(), which shows it to no one: formatting
// and parsing it was 2 % of a seed-lesson training).
std::string train_open(const std::string& spec_text, bool with_data_summary = true);
std::string train_next(int handle);
// The latest epoch's per-batch arrays (TrainSession::last_epoch_step_array) packed as
// doubles: steps n, groups g, momentum m (0 or 1), then batch_loss (n), lr_steps (g x n),
// momentum_steps (m x g x n); also when the records leave them out (spec batch_records
// false), for the result. The address of the first; valid until the next call into the
// engine. 0 for a handle before its first epoch's end, in an epoch, closed or unknown, or
// when memory runs out.
uintptr_t train_steps(int handle);
// `records_kept`: how many of the epoch records, with their per-batch arrays (train_steps),
// the caller kept. When that is all of them, the reply's result leaves them and the
// per-batch arrays out for the caller to join (TrainSession::result) and says "join": true;
// not while an epoch is under way.
std::string train_result(int handle, int records_kept);
std::string train_trace(int handle, int sample, const std::string& split);
void train_close(int handle);
int open_sessions();
std::string register_dataset(const std::string& name, const std::string& bytes);

}  // namespace api
}  // namespace lrlab
