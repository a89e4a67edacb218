// SequentialLR (torch 1.13 lr_scheduler.py L599-707): hands the schedule from one child to
// the next at each milestone. Its constructor resets every group to initial_lr, undoes
// the initial step of all children (last_epoch -= 1) and re-runs only child 0's. At a
// milestone the new child gets step(0): its closed form at its own epoch 0 (get_lr() where
// it has none), so it restarts from initial_lr; its epochs then count from the milestone.
#include <algorithm>

#include "sched/composite_scheduler.hpp"

namespace lrlab {

namespace {

class SequentialLR : public CompositeScheduler {
 public:
  SequentialLR(std::vector<ParamGroup>& groups,
               std::vector<std::unique_ptr<LRScheduler>> schedulers, std::vector<double> milestones)
      : CompositeScheduler("SequentialLR", groups, std::move(schedulers)),
        milestones_(std::move(milestones)) {
    last_epoch_ = 0;  // last_epoch + 1
    for (ParamGroup& g : this->groups()) g.lr = *g.initial_lr;
    for (auto& s : schedulers_) s->undo_initial_step();
    schedulers_[0]->initial_step();
    last_lr_ = schedulers_[0]->get_last_lr();
  }

  void step() override {
    ++last_epoch_;
    const double epoch = static_cast<double>(last_epoch_);
    const size_t idx = bisect_right(epoch);
    LRScheduler& s = *schedulers_[idx];
    if (idx > 0 && milestones_[idx - 1] == epoch)
      s.step_epoch(0.0);
    else
      s.step();
    last_lr_ = s.get_last_lr();
  }

  void step_epoch(double) override {
    throw_spec_error("epoch", "SequentialLR.step() takes no epoch");
  }

  Json state_dict() const override {
    return json_object({{"type", type_},
                        {"last_epoch", last_epoch_},
                        {"_last_lr", last_lr_},
                        {"_schedulers", children_state()}});
  }

  void load_state_dict(const Json& state, const std::string& path) override {
    if (!state.is_object())
      throw_spec_error(path, concat({"must be an object, got ", describe_value(state)}));
    if (state_field(state, "type", path) != type_)
      throw_spec_error(join_path(path, "type"), "expected \"SequentialLR\"");
    last_epoch_ = state_integer(state, "last_epoch", path, 0, kMaxStateEpoch);
    last_lr_ = state_doubles(state, "_last_lr", groups().size(), path, kStateLr);
    load_children_state(state, path);
  }

 private:
  // Python's bisect.bisect_right, step for step: on unsorted milestones its binary search
  // picks the child torch picks.
  size_t bisect_right(double x) const {
    size_t lo = 0, hi = milestones_.size();
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (x < milestones_[mid])
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  }

  std::vector<double> milestones_;
};

}  // namespace

const SchedulerDecl& sequential_lr_declaration() {
  static constexpr ParamDecl kParams[] = {
      children_param(), list_param("milestones")
                            .is_required()
                            .fractional_runs()
                            .at_most(32)
                            .in(Range::closed(-kMaxCount, kMaxCount))
                            .describe("Epochs at which the next child takes over, one fewer than "
                                      "schedulers")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("SequentialLR",
                    "Hands the schedule from one child scheduler to the next at each milestone.")
          .holding_children()
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_sequential_lr(SchedulerArgs& a) {
  auto children = make_children(a, [](const std::string& type) {
    // torch 1.13: ReduceLROnPlateau needs a metric; a ChainedScheduler child has no
    // last_epoch (AttributeError, issue #132745); a SequentialLR child cannot take step(0).
    const SchedulerDecl* d = scheduler_declaration(type);
    if (d && (d->needs_metric || d->holds_children))
      return type + " cannot be a child of SequentialLR in torch 1.13";
    return std::string();
  });
  const std::vector<double> milestones = a.params.list("milestones");
  // torch 1.13: "Sequential Schedulers expects number of schedulers provided to be one more
  // than the number of milestone points"
  if (milestones.size() != children.size() - 1)
    throw_spec_error(a.params.path("milestones"),
                     concat({"expected ", children.size() - 1, " milestones (one fewer than the ",
                             children.size(), " schedulers), got ", milestones.size()}));
  if (!std::is_sorted(milestones.begin(), milestones.end()))
    advise(a, "milestones",
           "milestones are not in increasing order: torch 1.13 runs them, but its bisect_right "
           "then picks children by a binary search over the unsorted list");
  return std::make_unique<SequentialLR>(a.groups, std::move(children), milestones);
}

}  // namespace lrlab
