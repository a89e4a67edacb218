// Building a scheduler from its run-spec object (docs/run-spec.md 1.2): {"type": <torch class
// name>,
// ...constructor kwargs with torch's names}. One table in scheduler_registry.cpp maps each
// type to the factory in its own file; a factory reads and validates its parameters
// (PyTorch names and defaults), mirrors the constructor's checks, and constructs the
// scheduler on `groups`, which performs PyTorch's initial step.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optim/param_group.hpp"
#include "sched/lr_scheduler.hpp"

namespace lrlab {

constexpr int kMaxSchedulerDepth = 8;  // ChainedScheduler/SequentialLR nesting

// What a scheduler's factory receives.
struct SchedulerArgs {
  SpecObject& spec;  // the scheduler's object; "type" is already read
  std::vector<ParamGroup>& groups;
  int depth;  // 1 at the top level
};

// Throws SpecError (path-named) for an invalid spec. An error PyTorch's constructor
// would raise while taking its initial step is a SpecError too.
std::unique_ptr<LRScheduler> make_scheduler(const Json& spec, const std::string& path,
                                            std::vector<ParamGroup>& groups);

// For composite schedulers: a child at `depth` (parent's depth + 1).
std::unique_ptr<LRScheduler> make_nested_scheduler(const Json& spec, const std::string& path,
                                                   std::vector<ParamGroup>& groups, int depth);

// The registered type names, in PyTorch's `__all__` order.
std::vector<std::string> scheduler_types();

}  // namespace lrlab
