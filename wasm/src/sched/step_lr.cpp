// StepLR (torch 1.13 lr_scheduler.py L356-401): multiply by gamma every step_size epochs.
// Chainable: lr *= gamma when last_epoch % step_size == 0 (never at epoch 0).
// Closed form: base_lr * gamma ** (last_epoch // step_size). step_size may be a float (torch
// runs its arithmetic with it) or 0 (ZeroDivisionError at the first step()).
#include <cmath>

#include "platform/python_arithmetic.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class StepLR : public LRScheduler {
 public:
  StepLR(std::vector<ParamGroup>& groups, double step_size, bool int_step_size, double gamma)
      : LRScheduler("StepLR", groups),
        step_size_(step_size),
        int_step_size_(int_step_size),
        gamma_(gamma) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    if (last_epoch_ == 0) return current_lrs();
    const bool decay = py_mod(static_cast<double>(last_epoch_), step_size_, int_step_size_,
                              "StepLR step_size 0") == 0;
    std::vector<double> lrs;
    for (const ParamGroup& g : groups()) lrs.push_back(decay ? g.lr * gamma_ : g.lr);
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    std::vector<double> lrs;
    const double k = py_floordiv(static_cast<double>(last_epoch_), step_size_, int_step_size_,
                                 "StepLR step_size 0");
    for (double base : base_lrs_) lrs.push_back(base * py_pow(gamma_, k));
    return lrs;
  }

 private:
  std::vector<double> current_lrs() const {
    std::vector<double> lrs;
    for (const ParamGroup& g : groups()) lrs.push_back(g.lr);
    return lrs;
  }

  double step_size_;  // torch runs `last_epoch % step_size` with an int or a float
  bool int_step_size_;
  double gamma_;
};

}  // namespace

const SchedulerDecl& step_lr_declaration() {
  static constexpr ParamDecl kParams[] = {
      integer_param("step_size")
          .is_required()
          .fractional_runs()
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("Period of LR decay in epochs (0 raises ZeroDivisionError at the "
                    "first step)"),
      gamma_param().defaults_to(0.1)};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("StepLR", "Multiplies the LR by gamma every step_size epochs.").with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_step_lr(SchedulerArgs& a) {
  const double gamma = a.params.number("gamma");
  advise_gamma(a, gamma);
  return std::make_unique<StepLR>(a.groups, a.params.number("step_size"),
                                  a.params.written_as_int("step_size"), gamma);
}

}  // namespace lrlab
