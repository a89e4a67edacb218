// The schedule run-spec (docs/run-spec.md 2) and its loop (docs/run-spec.md 2.1): the one path by
// which the CLI, the WASM bindings and the tests turn a spec into LR (and momentum) trajectories.
//
//   {"optimizer": {...}, "scheduler": {...}, "steps": N,
//    "metrics": [...] (ReduceLROnPlateau only), "step_epochs": [...] (CosineAnnealingWarmRestarts
//    only)}
// "name", "note", "expected" and "tolerance_hint" are ignored, so fixture cases run as they are.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optim/optimizer.hpp"
#include "optim/param_group.hpp"
#include "sched/lr_scheduler.hpp"
#include "spec/param_declaration.hpp"

namespace lrlab {

constexpr int64_t kMaxScheduleSteps = 1000000;
// steps x param groups: the recorded trajectory must fit the WASM heap and one JS string.
constexpr int64_t kMaxScheduleValues = 4000000;

// docs/run-spec.md 2.1 loop. Throws SpecError on an invalid spec. A RunError during stepping is
// reported in the result:
// {"lr": [[g][i]], "momentum": [[g][i]] (only when a (nested) CyclicLR/OneCycleLR cycles momentum),
//  "error": {"at_step", "type", "message"} (only if a step raised),
//  "plateau": [{"best","num_bad_epochs","cooldown_counter"} per step i, state BEFORE step i]
//  (ReduceLROnPlateau only),
//  "warnings": [{"path", "message"}] (only when torch runs a value in a surprising way)}
Json run_schedule(const Json& spec);

// Step-by-step form of the same loop, for resume tests and the course.
class ScheduleRun {
 public:
  explicit ScheduleRun(const Json& spec);
  ~ScheduleRun();
  ScheduleRun(ScheduleRun&&) noexcept;
  ScheduleRun& operator=(ScheduleRun&&) noexcept;

  size_t steps_done() const { return step_; }
  size_t total_steps() const { return static_cast<size_t>(steps_); }
  bool finished() const { return error_.has_value() || step_ >= static_cast<size_t>(steps_); }

  // One iteration of the loop: record lr (momentum, plateau state) of step i, step the
  // optimizer (on one zero parameter per group, as the loop does: only what it raises shows),
  // then step the scheduler.
  void step();
  // As run_schedule, for the steps recorded by this object. After load_state_dict(k) the
  // arrays start at step k and the result carries "start_step": k.
  Json result() const;
  // {"optimizer": {"param_groups": [...]}, "scheduler": {...}, "step": i}
  Json state_dict() const;
  // Resume a run of the same spec at the saved step; throws SpecError on malformed state.
  void load_state_dict(const Json& state);

  const LRScheduler& scheduler() const { return *scheduler_; }
  const std::vector<ParamGroup>& param_groups() const { return *groups_; }

 private:
  struct Error {
    size_t at_step;
    std::string type, message;
  };

  std::unique_ptr<std::vector<ParamGroup>> groups_;  // stable address: the scheduler points at it
  std::unique_ptr<LRScheduler> scheduler_;
  std::vector<std::unique_ptr<Optimizer>> optimizers_;  // one per group, for one parameter each
  std::string optimizer_type_;
  std::vector<ParamGroup> first_groups_;  // the groups as the first optimizer step sees them
  int64_t steps_ = 0;
  std::vector<double> metrics_;      // ReduceLROnPlateau
  std::vector<double> step_epochs_;  // CosineAnnealingWarmRestarts step(epoch)
  bool record_momentum_ = false;

  size_t step_ = 0;        // iterations done
  size_t start_step_ = 0;  // first recorded step (non-zero after load_state_dict)
  std::vector<std::vector<double>> lr_, momentum_;
  std::vector<Json> plateau_;
  std::optional<Error> error_;
  Warnings warnings_;  // advice from reading the spec (SpecWarning), reported with the result
};

}  // namespace lrlab
