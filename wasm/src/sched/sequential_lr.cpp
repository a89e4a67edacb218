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
               std::vector<std::unique_ptr<LRScheduler>> schedulers,
               std::vector<int64_t> milestones)
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
    const size_t idx =
        std::upper_bound(milestones_.begin(), milestones_.end(), last_epoch_) - milestones_.begin();
    LRScheduler& s = *schedulers_[idx];
    if (idx > 0 && milestones_[idx - 1] == last_epoch_)
      s.step_epoch(0.0);
    else
      s.step();
    last_lr_ = s.get_last_lr();
  }

  void step_epoch(double) override {
    throw SpecError("epoch", "SequentialLR.step() takes no epoch");
  }

  Json state_dict() const override {
    return {{"type", type_},
            {"last_epoch", last_epoch_},
            {"_last_lr", last_lr_},
            {"_schedulers", children_state()}};
  }

  void load_state_dict(const Json& state, const std::string& path) override {
    if (!state.is_object())
      throw SpecError(path, "must be an object, got " + describe_value(state));
    if (state_field(state, "type", path) != type_)
      throw SpecError(join_path(path, "type"), "expected \"SequentialLR\"");
    last_epoch_ = state_integer(state, "last_epoch", path);
    last_lr_ = state_doubles(state, "_last_lr", groups().size(), path);
    load_children_state(state, path);
  }

 private:
  std::vector<int64_t> milestones_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_sequential_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"schedulers", "milestones"});
  read_common_keys(a.spec);
  auto children = make_children(a, [](const std::string& type) {
    // torch 1.13: ReduceLROnPlateau needs a metric; a ChainedScheduler child has no
    // last_epoch (AttributeError, issue #132745); a SequentialLR child cannot take step(0).
    if (type == "ReduceLROnPlateau" || type == "ChainedScheduler" || type == "SequentialLR")
      return type + " cannot be a child of SequentialLR in torch 1.13";
    return std::string();
  });

  const std::string mpath = a.spec.field_path("milestones");
  const Json* m = a.spec.get("milestones");
  if (!m) throw SpecError(mpath, "is required (an array of epochs, one fewer than schedulers)");
  if (!m->is_array())
    throw SpecError(mpath, "must be an array of integers, got " + describe_value(*m));
  if (m->size() != children.size() - 1)
    throw SpecError(mpath, "expected " + std::to_string(children.size() - 1) +
                               " milestones (one fewer than the " +
                               std::to_string(children.size()) + " schedulers), got " +
                               std::to_string(m->size()));
  std::vector<int64_t> milestones;
  for (size_t i = 0; i < m->size(); ++i) {
    milestones.push_back(read_integer((*m)[i], index_path(mpath, i), 0, kAnyCount));
    // bisect_right over an unsorted list silently picks the wrong child.
    if (i > 0 && milestones[i] < milestones[i - 1])
      throw SpecError(index_path(mpath, i), "milestones must be in increasing order, got " +
                                                std::to_string(milestones[i]) + " after " +
                                                std::to_string(milestones[i - 1]));
  }

  return std::make_unique<SequentialLR>(a.groups, std::move(children), std::move(milestones));
}

}  // namespace lrlab
