// _LRScheduler bookkeeping, torch 1.13 lr_scheduler.py L27-175.
#include "sched/lr_scheduler.hpp"

#include <cmath>
#include <limits>

namespace lrlab {

void LRScheduler::initialize() {
  // `group.setdefault('initial_lr', group['lr'])` (1.13:L38): a second scheduler on the
  // same optimizer takes its base_lrs from the first one's initial_lr, not the current LR.
  base_lrs_.clear();
  for (ParamGroup& g : groups()) {
    if (!g.initial_lr) g.initial_lr = g.lr;
    base_lrs_.push_back(*g.initial_lr);
  }
  last_epoch_ = -1;
  initial_step();
}

void LRScheduler::initial_step() {
  step_count_ = 0;
  step();
}

std::vector<double> LRScheduler::get_lr() { throw std::logic_error(type_ + " has no get_lr()"); }

void LRScheduler::step() {
  ++step_count_;
  ++last_epoch_;
  write_lrs(get_lr());
}

void LRScheduler::step_epoch(double epoch) {
  // PyTorch's last_epoch is an int for every scheduler but CosineAnnealingWarmRestarts.
  if (!(epoch >= 0.0 && epoch <= 1e15) || epoch != std::floor(epoch))
    throw_spec_error("epoch", concat({"must be a whole number in [0, 1e15] for ", type_,
                                      ".step(epoch), got ", describe_value(epoch)}));
  ++step_count_;
  last_epoch_ = static_cast<int64_t>(epoch);
  std::optional<std::vector<double>> closed = closed_form_lr();
  write_lrs(closed ? *closed : get_lr());
}

void LRScheduler::step_metric(double) {
  throw_spec_error("metrics",
                   concat({type_, ".step() takes no metric (only ReduceLROnPlateau does)"}));
}

void LRScheduler::write_lrs(const std::vector<double>& lrs) {
  std::vector<ParamGroup>& gs = groups();
  for (size_t g = 0; g < gs.size(); ++g) {
    // PyTorch would carry an inf/NaN LR on; JSON cannot hold one, so we stop here.
    if (!std::isfinite(lrs[g]))
      throw_run_error("OverflowError",
                      concat({type_, ": the learning rate of param group ", g,
                              " is no longer a finite number (epoch ", last_epoch_, ")"}));
  }
  for (size_t g = 0; g < gs.size(); ++g) gs[g].lr = lrs[g];
  record_last_lr();
}

void LRScheduler::record_last_lr() {
  last_lr_.clear();
  for (const ParamGroup& g : groups()) last_lr_.push_back(g.lr);
}

Json LRScheduler::state_dict() const {
  Json s = json_object({{"type", type_},
                        {"last_epoch", last_epoch_},
                        {"_step_count", step_count_},
                        {"base_lrs", base_lrs_},
                        {"_last_lr", last_lr_}});
  save_fields(s);
  return s;
}

void LRScheduler::load_state_dict(const Json& state, const std::string& path) {
  if (!state.is_object())
    throw_spec_error(path, concat({"must be an object, got ", describe_value(state)}));
  const Json& t = state_field(state, "type", path);
  if (t != type_)
    throw_spec_error(join_path(path, "type"),
                     concat({"expected ", Json(type_).dump(), ", got ", describe_value(t)}));
  const size_t n = groups().size();
  last_epoch_ = state_integer(state, "last_epoch", path, -1, kMaxStateEpoch);
  step_count_ = state_integer(state, "_step_count", path, 0, kMaxStateEpoch);
  base_lrs_ = state_doubles(state, "base_lrs", n, path, kStateBaseLr);
  last_lr_ = state_doubles(state, "_last_lr", n, path, kStateLr);
  load_fields(state, path);
}

// ---- helpers ------------------------------------------------------------------

Json json_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

double read_json_double(const Json& j, const std::string& path) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  throw_spec_error(path,
                   concat({"must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\", got ",
                           describe_value(j)}));
}

const Json& state_field(const Json& state, const char* key, const std::string& path) {
  auto it = state.find(key);
  if (it == state.end()) throw_spec_error(join_path(path, key), "is missing from the state");
  return *it;
}

int64_t state_integer(const Json& state, const char* key, const std::string& path, int64_t lo,
                      int64_t hi) {
  return read_integer(state_field(state, key, path), join_path(path, key), lo, hi);
}

double state_double(const Json& state, const char* key, const std::string& path,
                    const Range& range) {
  return read_number(state_field(state, key, path), join_path(path, key), range);
}

std::vector<double> state_doubles(const Json& state, const char* key, size_t size,
                                  const std::string& path, const Range& range) {
  const Json& a = state_field(state, key, path);
  const std::string p = join_path(path, key);
  if (!a.is_array() || a.size() != size)
    throw_spec_error(p,
                     concat({"must be an array of ", size, " numbers, got ", describe_value(a)}));
  std::vector<double> out;
  for (size_t i = 0; i < a.size(); ++i) out.push_back(read_number(a[i], index_path(p, i), range));
  return out;
}

}  // namespace lrlab
