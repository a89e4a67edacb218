// PolynomialLR (torch 1.13 lr_scheduler.py L710-758, new in 1.13): decays to 0 over
// total_iters epochs, chainable as the ratio ((1 - e/T) / (1 - (e-1)/T)) ** power, then
// stays at 0. Closed form: base_lr * (1 - min(T, e) / T) ** power.
#include <algorithm>
#include <cmath>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class PolynomialLR : public LRScheduler {
 public:
  PolynomialLR(std::vector<ParamGroup>& groups, int64_t total_iters, double power)
      : LRScheduler("PolynomialLR", groups), total_iters_(total_iters), power_(power) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    if (last_epoch_ == 0 || last_epoch_ > total_iters_) {
      for (const ParamGroup& g : groups()) lrs.push_back(g.lr);
      return lrs;
    }
    const double t = static_cast<double>(total_iters_);
    const double decay_factor = std::pow((1.0 - static_cast<double>(last_epoch_) / t) /
                                             (1.0 - static_cast<double>(last_epoch_ - 1) / t),
                                         power_);
    for (const ParamGroup& g : groups()) lrs.push_back(g.lr * decay_factor);
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    if (total_iters_ == 0)
      throw RunError("ZeroDivisionError", "division by zero (PolynomialLR total_iters 0)");
    const double t = static_cast<double>(total_iters_);
    const double f =
        std::pow(1.0 - static_cast<double>(std::min(total_iters_, last_epoch_)) / t, power_);
    std::vector<double> lrs;
    for (double base : base_lrs_) lrs.push_back(base * f);
    return lrs;
  }

 private:
  int64_t total_iters_;
  double power_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_polynomial_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"total_iters", "power"});
  read_common_keys(a.spec);
  const int64_t total_iters = a.spec.integer("total_iters", 5, 0, kAnyCount);
  // A negative power would divide by zero at epoch total_iters.
  const double power = a.spec.number("power", 1.0, Range::closed(0.0, kMaxGamma));
  return std::make_unique<PolynomialLR>(a.groups, total_iters, power);
}

}  // namespace lrlab
