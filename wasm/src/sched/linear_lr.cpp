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
           int64_t total_iters)
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
      } else if (last_epoch_ > total_iters_) {
        lrs.push_back(g.lr);
      } else {
        const double denom = static_cast<double>(total_iters_) * start_ +
                             static_cast<double>(last_epoch_ - 1) * (end_ - start_);
        if (denom == 0.0) throw RunError("ZeroDivisionError", "float division by zero (LinearLR)");
        lrs.push_back(g.lr * (1. + (end_ - start_) / denom));
      }
    }
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    if (total_iters_ == 0)
      throw RunError("ZeroDivisionError", "float division by zero (LinearLR total_iters 0)");
    const double reached = static_cast<double>(std::min(total_iters_, last_epoch_));
    std::vector<double> lrs;
    for (double base : base_lrs_)
      lrs.push_back(base *
                    (start_ + (end_ - start_) * reached / static_cast<double>(total_iters_)));
    return lrs;
  }

 private:
  double start_, end_;
  int64_t total_iters_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_linear_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"start_factor", "end_factor", "total_iters"});
  read_common_keys(a.spec);
  // torch 1.13 accepts start_factor 0 and then divides by zero at step 1;
  // torch 2.x rejects it at construction, and so do we.
  const double start = a.spec.number("start_factor", 1.0 / 3, Range::open_closed(0.0, 1.0));
  const double end = a.spec.number("end_factor", 1.0, Range::closed(0.0, 1.0));
  const int64_t total_iters = a.spec.integer("total_iters", 5, 0, kAnyCount);
  return std::make_unique<LinearLR>(a.groups, start, end, total_iters);
}

}  // namespace lrlab
