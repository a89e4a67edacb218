// The base of every learning-rate scheduler: PyTorch's `_LRScheduler` bookkeeping
// (torch 1.13 lr_scheduler.py L27-175).
//
// A scheduler works on the optimizer's param groups, exactly where PyTorch reads and
// writes `optimizer.param_groups[g]`: the constructor stores `initial_lr` with
// setdefault, takes `base_lrs` from it and performs the initial step (last_epoch -1 -> 0);
// step() increments last_epoch and writes get_lr() into every group; step(epoch) sets
// last_epoch and uses the closed form where the scheduler has one. Subclasses hold
// only their rule. Composite schedulers (ChainedScheduler, SequentialLR) and
// ReduceLROnPlateau override step() as PyTorch does.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optim/param_group.hpp"
#include "spec/json_record.hpp"  // state dicts are built with json_object()/put()
#include "spec/spec_reader.hpp"

namespace lrlab {

class LRScheduler {
 public:
  virtual ~LRScheduler() = default;
  LRScheduler(const LRScheduler&) = delete;
  LRScheduler& operator=(const LRScheduler&) = delete;

  const std::string& type() const { return type_; }

  // PyTorch `step()`.
  virtual void step();
  // PyTorch `step(epoch)` (deprecated there, except CosineAnnealingWarmRestarts which
  // takes fractional epochs): closed form when the scheduler has one, else get_lr().
  virtual void step_epoch(double epoch);
  // ReduceLROnPlateau `step(metrics)`; every other scheduler rejects it.
  virtual void step_metric(double metric);
  virtual bool wants_metric() const { return false; }
  // True when this scheduler (or a nested one) writes momentum / beta1 (CyclicLR, OneCycleLR).
  virtual bool cycles_momentum() const { return false; }

  // `_last_lr`: the LRs written by the latest step.
  std::vector<double> get_last_lr() const { return last_lr_; }
  int64_t last_epoch() const { return last_epoch_; }

  // The scheduler's own fields (PyTorch names) as JSON; composites nest their children's.
  // Non-finite numbers are written as "NaN" / "Infinity" / "-Infinity".
  virtual Json state_dict() const;
  // Restores a state_dict() of a scheduler built from the same spec. Throws SpecError.
  virtual void load_state_dict(const Json& state, const std::string& path = "scheduler");

  // ReduceLROnPlateau: {"best", "num_bad_epochs", "cooldown_counter"}; null otherwise.
  virtual Json plateau_state() const { return nullptr; }
  // ReduceLROnPlateau: how its last step judged the metric (docs/run-spec.md 4): {"improved",
  // "cooldown", "bad_count", "triggered"}; null otherwise, and before its first step.
  virtual Json plateau_decision() const { return nullptr; }

  // `_initial_step()` (1.13:L78-84), and the `last_epoch -= 1` with which SequentialLR
  // undoes its children's initial steps (1.13:L655-660).
  void initial_step();
  void undo_initial_step() { --last_epoch_; }

 protected:
  LRScheduler(std::string type, std::vector<ParamGroup>& groups)
      : type_(std::move(type)), groups_(&groups) {}

  // `_LRScheduler.__init__` with last_epoch=-1: setdefault initial_lr, base_lrs, initial step.
  // Subclasses call it last in their constructor, where PyTorch calls super().__init__.
  void initialize();

  // The chainable rule (PyTorch `get_lr`), evaluated after last_epoch moved.
  virtual std::vector<double> get_lr();
  // `_get_closed_form_lr`, used only by step(epoch); nullopt where PyTorch has none.
  virtual std::optional<std::vector<double>> closed_form_lr() const { return std::nullopt; }

  // Writes LRs into the groups and records _last_lr (the loop at the end of step()).
  void write_lrs(const std::vector<double>& lrs);
  void record_last_lr();

  // Extra fields of a subclass in state_dict (base writes last_epoch, _step_count, base_lrs,
  // _last_lr).
  virtual void save_fields(Json& /*state*/) const {}
  virtual void load_fields(const Json& /*state*/, const std::string& /*path*/) {}

  std::vector<ParamGroup>& groups() { return *groups_; }
  const std::vector<ParamGroup>& groups() const { return *groups_; }

  std::string type_;
  std::vector<ParamGroup>* groups_;
  int64_t last_epoch_ = -1;
  int64_t step_count_ = 0;  // `_step_count`; CosineAnnealingLR branches on it
  std::vector<double> base_lrs_;
  std::vector<double> last_lr_;
};

// ---- helpers shared by the scheduler files ------------------------------------

// Generous bounds against hostile input (PyTorch has none): every value a schedule can
// sensibly use is far inside, and nothing inside can overflow an int64 or a double.
constexpr double kMaxGamma = 1e3;               // |gamma| and other per-step multipliers
constexpr double kMaxLearningRate = 1e6;        // as the optimizer's lr bound
constexpr int64_t kMaxIterations = 1000000000;  // periods and phase lengths, in steps
constexpr double kMaxCount = 1e9;               // |value| of int-or-float counts (step_size, T_max)
constexpr int64_t kAnyCount = std::numeric_limits<int64_t>::max();

// JSON for a double that may be non-finite (docs/run-spec.md 2 metrics convention) and back.
Json json_double(double v);
double read_json_double(const Json& j, const std::string& path);
// Readers for state_dict fields, validated against the ranges a run of the declared
// parameters can reach (a tampered file gets a SpecError naming the path and the range).
constexpr int64_t kMaxStateEpoch = kMaxIterations;  // last_epoch, _step_count, counters
constexpr double kMaxStateLr =
    1e30;  // |current LR|: gamma up to 1e3 makes LRs grow, never this far
const Range kStateLr = Range::closed(-kMaxStateLr, kMaxStateLr);
// a param group's lr, which torch never checks (docs/run-spec.md 1.1), within the engine's bound
const Range kStateBaseLr = Range::closed(-kMaxLearningRate, kMaxLearningRate);
const Range kStateMomentum =
    Range::closed(-kMaxGamma, kMaxGamma);  // as the declared cycled momenta
const Json& state_field(const Json& state, const char* key, const std::string& path);
int64_t state_integer(const Json& state, const char* key, const std::string& path, int64_t lo,
                      int64_t hi);
double state_double(const Json& state, const char* key, const std::string& path,
                    const Range& range);
std::vector<double> state_doubles(const Json& state, const char* key, size_t size,
                                  const std::string& path, const Range& range);

}  // namespace lrlab
