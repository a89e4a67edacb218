// Building a scheduler from its run-spec object (docs/run-spec.md 1.2):
// {"type": <torch class name>, ...constructor kwargs with torch's names}. Each scheduler's file
// declares it as data (SchedulerDecl: parameters with kinds, defaults and torch's domains; how it
// is stepped) and defines its factory; one table in scheduler_registry.cpp lists them. The registry
// validates a spec object through the declaration before the factory runs; the factory reads
// validated values, adds the cross-parameter checks torch's constructor makes, and constructs the
// scheduler on `groups`, which performs PyTorch's initial step.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optim/param_group.hpp"
#include "sched/lr_scheduler.hpp"
#include "spec/param_declaration.hpp"

namespace lrlab {

constexpr int kMaxSchedulerDepth = 8;  // ChainedScheduler/SequentialLR nesting

enum class StepUnit { kEpoch, kBatch };

// A scheduler class as data (published by describe() and dist/engine/schedulers.json): a
// static constexpr value in the scheduler's file, its parameters a static constexpr table.
struct SchedulerDecl {
  constexpr SchedulerDecl(const char* type_name, const char* one_line)
      : type(type_name), description(one_line) {}
  constexpr SchedulerDecl& with(ParamList list) { return params = list, *this; }
  constexpr SchedulerDecl& stepped_per_batch() { return step = StepUnit::kBatch, *this; }
  constexpr SchedulerDecl& needing_metric() { return needs_metric = true, *this; }
  constexpr SchedulerDecl& cycling_momentum() { return cycles_momentum = true, *this; }
  constexpr SchedulerDecl& holding_children() { return holds_children = true, *this; }
  constexpr SchedulerDecl& without_last_epoch() { return takes_last_epoch = false, *this; }
  constexpr SchedulerDecl& without_verbose() { return takes_verbose = false, *this; }
  constexpr SchedulerDecl& taking_step_epochs() { return takes_step_epochs = true, *this; }

  const char* type;                  // torch class name
  const char* description;           // one line
  StepUnit step = StepUnit::kEpoch;  // how the course steps it (CyclicLR, OneCycleLR: per batch)
  bool needs_metric = false;         // step(metrics)
  bool cycles_momentum = false;      // writes momentum / beta1 while cycle_momentum is true
  bool holds_children = false;       // ChainedScheduler, SequentialLR
  bool takes_last_epoch = true;      // last_epoch in torch 1.13's signature
  bool takes_verbose = true;         // verbose in torch 1.13's signature
  bool takes_step_epochs =
      false;  // step(epoch) with fractional epochs (the run-spec's step_epochs)
  ParamList params;
};

// What a scheduler's factory receives: its parameters, already validated.
struct SchedulerArgs {
  DeclaredValues& params;
  std::vector<ParamGroup>& groups;
  int depth;  // 1 at the top level
  Warnings* warnings;
  const std::string& path;
};

// Linter advice on a parameter the scheduler runs as torch does, but probably not as meant.
inline void advise(const SchedulerArgs& a, std::string_view param, const std::string& message) {
  warn(a.warnings, a.params.path(param), message);
}

// `gamma` of StepLR, MultiStepLR and ExponentialLR: torch takes any float.
constexpr ParamDecl gamma_param() {
  return number_param("gamma")
      .in(Range::closed(-kMaxGamma, kMaxGamma))
      .describe("Multiplicative factor of LR decay");
}
inline void advise_gamma(const SchedulerArgs& a, double gamma) {
  if (gamma < 0)
    advise(a, "gamma",
           "a negative gamma flips the sign of the LR at each decay (torch 1.13 runs it; "
           "SGD then climbs the loss)");
  else if (gamma > 1)
    advise(a, "gamma", "gamma > 1 makes the LR grow at each step instead of decay");
}

// base_momentum / max_momentum of CyclicLR and OneCycleLR.
inline void advise_momentum(const SchedulerArgs& a, std::string_view name) {
  for (double m : a.params.per_group(name))
    if (m > 1 || m < 0) {
      advise(a, name,
             "a cycled momentum outside [0, 1] is run by torch (no check), but SGD's momentum "
             "buffer then grows or flips sign at every step");
      return;
    }
}

// Throws SpecError (path-named) for an invalid spec. An error PyTorch's constructor
// would raise while taking its initial step is a SpecError too. Advice on values torch
// runs in a surprising way is appended to `warnings` when given.
std::unique_ptr<LRScheduler> make_scheduler(const Json& spec, const std::string& path,
                                            std::vector<ParamGroup>& groups,
                                            Warnings* warnings = nullptr);

// For composite schedulers: a child at `depth` (parent's depth + 1).
std::unique_ptr<LRScheduler> make_nested_scheduler(const Json& spec, const std::string& path,
                                                   std::vector<ParamGroup>& groups, int depth,
                                                   Warnings* warnings);

// The registered type names, in PyTorch's `__all__` order.
std::vector<std::string> scheduler_types();
// The declaration of a registered type, or nullptr.
const SchedulerDecl* scheduler_declaration(const std::string& type);
// Every declaration as JSON, in registry order.
Json describe_schedulers();

}  // namespace lrlab
