// PolynomialLR (torch 1.13 lr_scheduler.py L710-758, new in 1.13): decays to 0 over
// total_iters epochs, chainable as the ratio ((1 - e/T) / (1 - (e-1)/T)) ** power, then
// stays at 0. Closed form: base_lr * (1 - min(T, e) / T) ** power.
#include <algorithm>
#include <cmath>

#include "platform/python_arithmetic.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class PolynomialLR : public LRScheduler {
 public:
  PolynomialLR(std::vector<ParamGroup>& groups, double total_iters, double power)
      : LRScheduler("PolynomialLR", groups), total_iters_(total_iters), power_(power) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    const double e = static_cast<double>(last_epoch_), t = total_iters_;
    if (last_epoch_ == 0 || e > t) {
      for (const ParamGroup& g : groups()) lrs.push_back(g.lr);
      return lrs;
    }
    // A negative power raises ZeroDivisionError at e == T, as in torch (0.0 ** -p).
    const double decay_factor = py_pow((1.0 - e / t) / (1.0 - (e - 1) / t), power_);
    for (const ParamGroup& g : groups()) lrs.push_back(g.lr * decay_factor);
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const double t = total_iters_;
    if (t == 0.0)
      throw_run_error("ZeroDivisionError", "float division by zero (PolynomialLR total_iters 0)");
    const double f = py_pow(1.0 - std::min(t, static_cast<double>(last_epoch_)) / t, power_);
    std::vector<double> lrs;
    for (double base : base_lrs_) lrs.push_back(base * f);
    return lrs;
  }

 private:
  double total_iters_;
  double power_;
};

}  // namespace

const SchedulerDecl& polynomial_lr_declaration() {
  static constexpr ParamDecl kParams[] = {integer_param("total_iters")
                                              .defaults_to(5)
                                              .fractional_runs()
                                              .in(Range::closed(-kMaxCount, kMaxCount))
                                              .describe("Number of epochs of decay"),
                                          number_param("power")
                                              .defaults_to(1.0)
                                              .in(Range::closed(-kMaxGamma, kMaxGamma))
                                              .describe("Power of the polynomial")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("PolynomialLR",
                    "Decays the LR to 0 over total_iters epochs along (1 - t/T) ** power.")
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_polynomial_lr(SchedulerArgs& a) {
  const double power = a.params.number("power");
  if (power < 0)
    advise(a, "power",
           "a negative power makes the LR grow, and torch raises ZeroDivisionError at epoch "
           "total_iters");
  return std::make_unique<PolynomialLR>(a.groups, a.params.number("total_iters"), power);
}

}  // namespace lrlab
