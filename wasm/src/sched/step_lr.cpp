// StepLR (torch 1.13 lr_scheduler.py L356-401): multiply by gamma every step_size epochs.
// Chainable: lr *= gamma when last_epoch % step_size == 0 (never at epoch 0).
// Closed form: base_lr * gamma ** (last_epoch // step_size).
#include <cmath>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class StepLR : public LRScheduler {
 public:
  StepLR(std::vector<ParamGroup>& groups, int64_t step_size, double gamma)
      : LRScheduler("StepLR", groups), step_size_(step_size), gamma_(gamma) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    const bool decay = last_epoch_ != 0 && last_epoch_ % step_size_ == 0;
    for (const ParamGroup& g : groups()) lrs.push_back(decay ? g.lr * gamma_ : g.lr);
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    std::vector<double> lrs;
    const double k =
        static_cast<double>(last_epoch_ / step_size_);  // Python // on non-negative ints
    for (double base : base_lrs_) lrs.push_back(base * std::pow(gamma_, k));
    return lrs;
  }

 private:
  int64_t step_size_;
  double gamma_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_step_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"step_size", "gamma"});
  read_common_keys(a.spec);
  // step_size 0 would make PyTorch divide by zero at the first step().
  const int64_t step_size = a.spec.required_integer("step_size", 1, kAnyCount);
  const double gamma = a.spec.number("gamma", 0.1, Range::closed(0.0, kMaxGamma));
  return std::make_unique<StepLR>(a.groups, step_size, gamma);
}

}  // namespace lrlab
