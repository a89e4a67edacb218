// ChainedScheduler (torch 1.13 lr_scheduler.py L833-903): every step() steps each child
// in order on the same param groups, so chainable rules compose multiplicatively.
// Children are built first, depth-first in array order (docs/run-spec.md 1.2), each taking its
// own initial step; the constructor itself changes nothing.
#include "sched/composite_scheduler.hpp"

namespace lrlab {

namespace {

class ChainedScheduler : public CompositeScheduler {
 public:
  ChainedScheduler(std::vector<ParamGroup>& groups,
                   std::vector<std::unique_ptr<LRScheduler>> schedulers)
      : CompositeScheduler("ChainedScheduler", groups, std::move(schedulers)) {
    record_last_lr();
  }

  void step() override {
    for (auto& s : schedulers_) s->step();
    record_last_lr();
  }

  void step_epoch(double) override {
    throw_spec_error("epoch", "ChainedScheduler.step() takes no epoch");
  }

  Json state_dict() const override {
    return json_object(
        {{"type", type_}, {"_last_lr", last_lr_}, {"_schedulers", children_state()}});
  }

  void load_state_dict(const Json& state, const std::string& path) override {
    if (!state.is_object())
      throw_spec_error(path, concat({"must be an object, got ", describe_value(state)}));
    if (state_field(state, "type", path) != type_)
      throw_spec_error(join_path(path, "type"), "expected \"ChainedScheduler\"");
    last_lr_ = state_doubles(state, "_last_lr", groups().size(), path, kStateLr);
    load_children_state(state, path);
  }
};

}  // namespace

const SchedulerDecl& chained_scheduler_declaration() {
  // 1.13's ChainedScheduler(schedulers) has no last_epoch and no verbose.
  static constexpr ParamDecl kParams[] = {children_param()};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("ChainedScheduler",
                    "Steps every child scheduler at each step, so their factors multiply.")
          .holding_children()
          .without_last_epoch()
          .without_verbose()
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_chained_scheduler(SchedulerArgs& a) {
  auto children = make_children(a, [](const std::string& type) {
    // Its step() would be called without the metric it needs (TypeError in torch 1.13).
    const SchedulerDecl* d = scheduler_declaration(type);
    return d && d->needs_metric ? type + " cannot be chained: its step() needs a metric"
                                : std::string();
  });
  return std::make_unique<ChainedScheduler>(a.groups, std::move(children));
}

}  // namespace lrlab
