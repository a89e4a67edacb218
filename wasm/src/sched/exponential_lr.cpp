// ExponentialLR (torch 1.13 lr_scheduler.py L569-596): lr *= gamma every epoch after the
// first. Closed form: base_lr * gamma ** last_epoch.
#include <cmath>

#include "platform/python_arithmetic.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class ExponentialLR : public LRScheduler {
 public:
  ExponentialLR(std::vector<ParamGroup>& groups, double gamma)
      : LRScheduler("ExponentialLR", groups), gamma_(gamma) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    for (const ParamGroup& g : groups()) lrs.push_back(last_epoch_ == 0 ? g.lr : g.lr * gamma_);
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    std::vector<double> lrs;
    for (double base : base_lrs_)
      lrs.push_back(base * py_pow(gamma_, static_cast<double>(last_epoch_)));
    return lrs;
  }

 private:
  double gamma_;
};

}  // namespace

const SchedulerDecl& exponential_lr_declaration() {
  static constexpr ParamDecl kParams[] = {gamma_param().is_required()};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("ExponentialLR", "Multiplies the LR by gamma every epoch.").with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_exponential_lr(SchedulerArgs& a) {
  const double gamma = a.params.number("gamma");
  advise_gamma(a, gamma);
  return std::make_unique<ExponentialLR>(a.groups, gamma);
}

}  // namespace lrlab
