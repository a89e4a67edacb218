// ChainedScheduler (torch 1.13 lr_scheduler.py L833-903): every step() steps each child
// in order on the same param groups, so chainable rules compose multiplicatively.
// Children are built first, depth-first in array order (SPEC.md 1.2), each taking its
// own initial step; the constructor itself changes nothing.
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr size_t kMaxChildren = 32;

class ChainedScheduler : public LRScheduler {
 public:
  ChainedScheduler(std::vector<ParamGroup>& groups, std::vector<std::unique_ptr<LRScheduler>> schedulers)
      : LRScheduler("ChainedScheduler", groups), schedulers_(std::move(schedulers)) {
    record_last_lr();
  }

  void step() override {
    for (auto& s : schedulers_) s->step();
    record_last_lr();
  }

  void step_epoch(double) override {
    throw SpecError("epoch", "ChainedScheduler.step() takes no epoch");
  }

  bool cycles_momentum() const override {
    for (const auto& s : schedulers_)
      if (s->cycles_momentum()) return true;
    return false;
  }

  Json state_dict() const override {
    Json children = Json::array();
    for (const auto& s : schedulers_) children.push_back(s->state_dict());
    return {{"type", type_}, {"_last_lr", last_lr_}, {"_schedulers", children}};
  }

  void load_state_dict(const Json& state, const std::string& path) override {
    if (!state.is_object()) throw SpecError(path, "must be an object, got " + describe_value(state));
    if (state_field(state, "type", path) != type_)
      throw SpecError(join_path(path, "type"), "expected \"ChainedScheduler\"");
    last_lr_ = state_doubles(state, "_last_lr", groups().size(), path);
    const Json& children = state_field(state, "_schedulers", path);
    const std::string p = join_path(path, "_schedulers");
    if (!children.is_array() || children.size() != schedulers_.size())
      throw SpecError(p, "must be an array of " + std::to_string(schedulers_.size()) + " scheduler states");
    for (size_t i = 0; i < schedulers_.size(); ++i) schedulers_[i]->load_state_dict(children[i], index_path(p, i));
  }

 private:
  std::vector<std::unique_ptr<LRScheduler>> schedulers_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_chained_scheduler(SchedulerArgs& a) {
  a.spec.ignore({"type", "schedulers"});
  a.spec.finish();  // 1.13's ChainedScheduler(schedulers) has no last_epoch / verbose
  const std::string path = a.spec.field_path("schedulers");
  const Json* list = a.spec.get("schedulers");
  if (!list) throw SpecError(path, "is required (an array of scheduler objects)");
  if (!list->is_array() || list->empty() || list->size() > kMaxChildren)
    throw SpecError(path, "must be an array of 1 to " + std::to_string(kMaxChildren) + " scheduler objects, got " +
                              describe_value(*list));
  std::vector<std::unique_ptr<LRScheduler>> children;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& child = (*list)[i];
    // Its step() would be called without the metric it needs (TypeError in torch 1.13).
    if (child.is_object() && child.value("type", Json()) == "ReduceLROnPlateau")
      throw SpecError(index_path(path, i), "ReduceLROnPlateau cannot be chained: its step() needs a metric");
    children.push_back(make_nested_scheduler(child, index_path(path, i), a.groups, a.depth + 1));
  }
  return std::make_unique<ChainedScheduler>(a.groups, std::move(children));
}

}  // namespace lrlab
