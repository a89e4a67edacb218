// ConstantLR (torch 1.13 lr_scheduler.py L443-494): multiply by `factor` at construction
// and divide it out exactly at epoch total_iters. With total_iters=0 the factor is applied
// and never removed (the epoch-0 branch comes first), while the closed form disagrees.
#include <cmath>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class ConstantLR : public LRScheduler {
 public:
  ConstantLR(std::vector<ParamGroup>& groups, double factor, double total_iters)
      : LRScheduler("ConstantLR", groups), factor_(factor), total_iters_(total_iters) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    for (const ParamGroup& g : groups()) {
      if (last_epoch_ == 0) {
        lrs.push_back(g.lr * factor_);
      } else if (static_cast<double>(last_epoch_) != total_iters_) {
        lrs.push_back(g.lr);
      } else {
        if (factor_ == 0.0)
          throw_run_error("ZeroDivisionError", "float division by zero (ConstantLR factor 0)");
        lrs.push_back(g.lr * (1.0 / factor_));
      }
    }
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const double reached = static_cast<double>(last_epoch_) >= total_iters_ ? 1.0 : 0.0;
    std::vector<double> lrs;
    for (double base : base_lrs_) lrs.push_back(base * (factor_ + reached * (1 - factor_)));
    return lrs;
  }

 private:
  double factor_;
  double total_iters_;  // a float never equals last_epoch: the factor then stays
};

}  // namespace

const SchedulerDecl& constant_lr_declaration() {
  static constexpr ParamDecl kParams[] = {
      number_param("factor")
          .defaults_to(1.0 / 3)
          .in(Range::closed(0.0, 1.0))  // "expected to be between 0 and 1"
          .describe("The factor applied until total_iters"),
      integer_param("total_iters")
          .defaults_to(5)
          .fractional_runs()
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("The epoch at which the factor is removed")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("ConstantLR",
                    "Multiplies the LR by factor until epoch total_iters, then restores it.")
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_constant_lr(SchedulerArgs& a) {
  const double total_iters = a.params.number("total_iters");
  if (total_iters != std::floor(total_iters))
    advise(a, "total_iters",
           "last_epoch never equals a fractional total_iters: the factor is never removed");
  return std::make_unique<ConstantLR>(a.groups, a.params.number("factor"), total_iters);
}

}  // namespace lrlab
