// CosineAnnealingLR (torch 1.13 lr_scheduler.py L761-830). The chainable form is a ratio
// recurrence on the current LR, with an additive branch when (e - 1 - T_max) % (2 T_max) == 0;
// it does not stop at T_max but climbs back with period 2 T_max. Closed form:
// eta_min + (base_lr - eta_min) * (1 + cos(pi * e / T_max)) / 2.
#include <cmath>

#include "platform/python_arithmetic.hpp"
#include "platform/python_trig.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr double kPi = 3.141592653589793;  // math.pi

class CosineAnnealingLR : public LRScheduler {
 public:
  CosineAnnealingLR(std::vector<ParamGroup>& groups, double t_max, bool int_t_max, double eta_min)
      : LRScheduler("CosineAnnealingLR", groups),
        t_max_(t_max),
        int_t_max_(int_t_max),
        eta_min_(eta_min) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    const double e = static_cast<double>(last_epoch_), t = t_max_;
    for (size_t g = 0; g < groups().size(); ++g) {
      const double lr = groups()[g].lr, base = base_lrs_[g];
      if (last_epoch_ == 0) {
        lrs.push_back(lr);
      } else if (step_count_ == 1 && last_epoch_ > 0) {
        lrs.push_back(eta_min_ + (base - eta_min_) * (1 + py_cos(e * kPi / t)) / 2);
      } else if (py_mod(e - 1 - t, 2 * t, int_t_max_, "CosineAnnealingLR T_max 0") == 0) {
        lrs.push_back(lr + (base - eta_min_) * (1 - py_cos(kPi / t)) / 2);
      } else {
        const double denom = 1 + py_cos(kPi * (e - 1) / t);
        if (denom == 0.0) throw_run_error("ZeroDivisionError", "float division by zero");
        lrs.push_back((1 + py_cos(kPi * e / t)) / denom * (lr - eta_min_) + eta_min_);
      }
    }
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const double e = static_cast<double>(last_epoch_), t = t_max_;
    if (t == 0.0)
      throw_run_error("ZeroDivisionError", "float division by zero (CosineAnnealingLR T_max 0)");
    std::vector<double> lrs;
    for (double base : base_lrs_)
      lrs.push_back(eta_min_ + (base - eta_min_) * (1 + py_cos(kPi * e / t)) / 2);
    return lrs;
  }

 private:
  double t_max_;  // an int or a float: torch's arithmetic runs with either
  bool int_t_max_;
  double eta_min_;
};

}  // namespace

const SchedulerDecl& cosine_annealing_lr_declaration() {
  static constexpr ParamDecl kParams[] = {
      integer_param("T_max")
          .is_required()
          .fractional_runs()
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("Number of epochs of a half period (0 raises ZeroDivisionError at "
                    "the first step)"),
      number_param("eta_min")
          .defaults_to(0.0)
          .in(Range::closed(-kMaxLearningRate, kMaxLearningRate))
          .describe("Minimum learning rate")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("CosineAnnealingLR",
                    "Anneals the LR along a half cosine from the base LR to eta_min over T_max "
                    "epochs, then back up.")
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_cosine_annealing_lr(SchedulerArgs& a) {
  return std::make_unique<CosineAnnealingLR>(a.groups, a.params.number("T_max"),
                                             a.params.written_as_int("T_max"),
                                             a.params.number("eta_min"));
}

}  // namespace lrlab
