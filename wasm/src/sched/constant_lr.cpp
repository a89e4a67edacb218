// ConstantLR (torch 1.13 lr_scheduler.py L443-494): multiply by `factor` at construction
// and divide it out exactly at epoch total_iters. With total_iters=0 the factor is applied
// and never removed (the epoch-0 branch comes first), while the closed form disagrees.
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class ConstantLR : public LRScheduler {
 public:
  ConstantLR(std::vector<ParamGroup>& groups, double factor, int64_t total_iters)
      : LRScheduler("ConstantLR", groups), factor_(factor), total_iters_(total_iters) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    for (const ParamGroup& g : groups()) {
      if (last_epoch_ == 0) {
        lrs.push_back(g.lr * factor_);
      } else if (last_epoch_ != total_iters_) {
        lrs.push_back(g.lr);
      } else {
        if (factor_ == 0.0)
          throw RunError("ZeroDivisionError", "float division by zero (ConstantLR factor 0)");
        lrs.push_back(g.lr * (1.0 / factor_));
      }
    }
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const double reached = last_epoch_ >= total_iters_ ? 1.0 : 0.0;
    std::vector<double> lrs;
    for (double base : base_lrs_) lrs.push_back(base * (factor_ + reached * (1 - factor_)));
    return lrs;
  }

 private:
  double factor_;
  int64_t total_iters_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_constant_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"factor", "total_iters"});
  read_common_keys(a.spec);
  // PyTorch: "Constant multiplicative factor expected to be between 0 and 1."
  const double factor = a.spec.number("factor", 1.0 / 3, Range::closed(0.0, 1.0));
  const int64_t total_iters = a.spec.integer("total_iters", 5, 0, kAnyCount);
  return std::make_unique<ConstantLR>(a.groups, factor, total_iters);
}

}  // namespace lrlab
