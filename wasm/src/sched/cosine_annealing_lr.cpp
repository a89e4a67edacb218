// CosineAnnealingLR (torch 1.13 lr_scheduler.py L761-830). The chainable form is a ratio
// recurrence on the current LR, with an additive branch when (e - 1 - T_max) % (2 T_max) == 0;
// it does not stop at T_max but climbs back with period 2 T_max. Closed form:
// eta_min + (base_lr - eta_min) * (1 + cos(pi * e / T_max)) / 2.
#include <cmath>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr double kPi = 3.141592653589793;  // math.pi

class CosineAnnealingLR : public LRScheduler {
 public:
  CosineAnnealingLR(std::vector<ParamGroup>& groups, int64_t t_max, double eta_min)
      : LRScheduler("CosineAnnealingLR", groups), t_max_(t_max), eta_min_(eta_min) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    const double e = static_cast<double>(last_epoch_), t = static_cast<double>(t_max_);
    for (size_t g = 0; g < groups().size(); ++g) {
      const double lr = groups()[g].lr, base = base_lrs_[g];
      if (last_epoch_ == 0) {
        lrs.push_back(lr);
      } else if (step_count_ == 1 && last_epoch_ > 0) {
        lrs.push_back(eta_min_ + (base - eta_min_) * (1 + std::cos(e * kPi / t)) / 2);
      } else if ((last_epoch_ - 1 - t_max_) % (2 * t_max_) == 0) {
        lrs.push_back(lr + (base - eta_min_) * (1 - std::cos(kPi / t)) / 2);
      } else {
        const double denom = 1 + std::cos(kPi * (e - 1) / t);
        if (denom == 0.0)
          throw RunError("ZeroDivisionError", "float division by zero (CosineAnnealingLR)");
        lrs.push_back((1 + std::cos(kPi * e / t)) / denom * (lr - eta_min_) + eta_min_);
      }
    }
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const double e = static_cast<double>(last_epoch_), t = static_cast<double>(t_max_);
    std::vector<double> lrs;
    for (double base : base_lrs_)
      lrs.push_back(eta_min_ + (base - eta_min_) * (1 + std::cos(kPi * e / t)) / 2);
    return lrs;
  }

 private:
  int64_t t_max_;
  double eta_min_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_cosine_annealing_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"T_max", "eta_min"});
  read_common_keys(a.spec);
  // T_max 0 would make PyTorch divide by zero at the first step().
  const int64_t t_max = a.spec.required_integer("T_max", 1, kMaxIterations);
  const double eta_min = a.spec.number("eta_min", 0.0, Range::closed(0.0, kMaxLearningRate));
  return std::make_unique<CosineAnnealingLR>(a.groups, t_max, eta_min);
}

}  // namespace lrlab
