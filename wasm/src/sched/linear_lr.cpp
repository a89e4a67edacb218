// LinearLR (torch 1.13 lr_scheduler.py L497-566): the factor moves linearly from
// start_factor to end_factor over total_iters epochs. Chainable as a ratio recurrence:
// lr *= 1 + (end - start) / (total * start + (epoch - 1) * (end - start)).
// Closed form: base_lr * (start + (end - start) * min(total, epoch) / total).
#include <algorithm>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class LinearLR : public LRScheduler {
 public:
  LinearLR(std::vector<ParamGroup>& groups, double start_factor, double end_factor,
           double total_iters)
      : LRScheduler("LinearLR", groups),
        start_(start_factor),
        end_(end_factor),
        total_iters_(total_iters) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    for (const ParamGroup& g : groups()) {
      if (last_epoch_ == 0) {
        lrs.push_back(g.lr * start_);
      } else if (static_cast<double>(last_epoch_) > total_iters_) {
        lrs.push_back(g.lr);
      } else {
        const double denom =
            total_iters_ * start_ + static_cast<double>(last_epoch_ - 1) * (end_ - start_);
        if (denom == 0.0) throw_run_error("ZeroDivisionError", "float division by zero (LinearLR)");
        lrs.push_back(g.lr * (1. + (end_ - start_) / denom));
      }
    }
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    if (total_iters_ == 0)
      throw_run_error("ZeroDivisionError", "float division by zero (LinearLR total_iters 0)");
    const double reached = std::min(total_iters_, static_cast<double>(last_epoch_));
    std::vector<double> lrs;
    for (double base : base_lrs_)
      lrs.push_back(base * (start_ + (end_ - start_) * reached / total_iters_));
    return lrs;
  }

 private:
  double start_, end_;
  double total_iters_;
};

}  // namespace

const SchedulerDecl& linear_lr_declaration() {
  static constexpr ParamDecl kParams[] = {
      number_param("start_factor")
          .defaults_to(1.0 / 3)
          // torch 1.13 accepts 0 and divides by zero at the first step(); 2.x refuses it
          .in(Range::closed(0.0, 1.0))
          .describe("The factor at epoch 0"),
      number_param("end_factor")
          .defaults_to(1.0)
          .in(Range::closed(0.0, 1.0))
          .describe("The factor from epoch total_iters on"),
      integer_param("total_iters")
          .defaults_to(5)
          .fractional_runs()
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("Number of epochs the factor moves over")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("LinearLR",
                    "Moves the LR's factor linearly from start_factor to end_factor over "
                    "total_iters epochs.")
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_linear_lr(SchedulerArgs& a) {
  const double start = a.params.number("start_factor");
  if (start == 0.0)
    advise(a, "start_factor",
           "start_factor 0: torch 1.13 divides by zero at the first step() (torch 2.x refuses "
           "it at construction)");
  return std::make_unique<LinearLR>(a.groups, start, a.params.number("end_factor"),
                                    a.params.number("total_iters"));
}

}  // namespace lrlab
