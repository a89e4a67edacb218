// What ChainedScheduler and SequentialLR share: the children they own and step,
// built depth-first in array order before their parent (docs/run-spec.md 1.2), and a
// state_dict that nests the children's under "_schedulers" (as torch's does).
#pragma once

#include "sched/scheduler_registry.hpp"

namespace lrlab {

class CompositeScheduler : public LRScheduler {
 public:
  bool cycles_momentum() const override;

 protected:
  CompositeScheduler(std::string type, std::vector<ParamGroup>& groups,
                     std::vector<std::unique_ptr<LRScheduler>> schedulers)
      : LRScheduler(std::move(type), groups), schedulers_(std::move(schedulers)) {}

  Json children_state() const;
  void load_children_state(const Json& state, const std::string& path);

  std::vector<std::unique_ptr<LRScheduler>> schedulers_;
};

constexpr size_t kMaxChildren = 32;

// The "schedulers" parameter: 1 to 32 scheduler objects.
constexpr ParamDecl children_param() {
  return schedulers_param("schedulers")
      .is_required()
      .at_most(kMaxChildren)
      .describe("The child schedulers, built in order on the same optimizer");
}

// Builds the "schedulers" array of a composite: 1 to 32 scheduler objects. `refuse`
// (a plain function: captureless lambdas convert to it) returns why a child type cannot be
// nested here ("" when it can).
std::vector<std::unique_ptr<LRScheduler>> make_children(
    SchedulerArgs& a, std::string (*refuse)(const std::string& type));

}  // namespace lrlab
