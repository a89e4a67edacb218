// MultiStepLR (torch 1.13 lr_scheduler.py L404-440): multiply by gamma at each milestone.
// PyTorch stores Counter(milestones): order does not matter and a milestone listed k
// times multiplies by gamma ** k at once. Closed form: base_lr * gamma ** bisect_right(sorted,
// epoch).
#include <algorithm>
#include <cmath>
#include <map>

#include "platform/python_arithmetic.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr size_t kMaxMilestones = 1000;

class MultiStepLR : public LRScheduler {
 public:
  MultiStepLR(std::vector<ParamGroup>& groups, std::vector<double> milestones, double gamma)
      : LRScheduler("MultiStepLR", groups), gamma_(gamma) {
    for (double m : milestones) ++counter_[m];
    // The counter's keys are in order: spelling it out gives the sorted milestones without a
    // std::sort instantiation.
    for (const auto& [m, count] : counter_)
      for (int i = 0; i < count; ++i) sorted_.push_back(m);
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    // Counter lookup: an int epoch finds the float key it equals (3 == 3.0 in Python).
    auto it = counter_.find(static_cast<double>(last_epoch_));
    for (const ParamGroup& g : groups())
      lrs.push_back(it == counter_.end() ? g.lr
                                         : g.lr * py_pow(gamma_, static_cast<double>(it->second)));
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const auto k =
        std::upper_bound(sorted_.begin(), sorted_.end(), static_cast<double>(last_epoch_)) -
        sorted_.begin();
    std::vector<double> lrs;
    for (double base : base_lrs_) lrs.push_back(base * py_pow(gamma_, static_cast<double>(k)));
    return lrs;
  }

 private:
  std::vector<double> sorted_;
  std::map<double, int> counter_;
  double gamma_;
};

}  // namespace

const SchedulerDecl& multi_step_lr_declaration() {
  static constexpr ParamDecl kParams[] = {
      list_param("milestones")
          .is_required()
          .fractional_runs()
          .at_most(kMaxMilestones)
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("Epoch indices, in any order; one listed k times decays k times"),
      gamma_param().defaults_to(0.1)};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("MultiStepLR", "Multiplies the LR by gamma at each milestone epoch.")
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_multi_step_lr(SchedulerArgs& a) {
  const double gamma = a.params.number("gamma");
  advise_gamma(a, gamma);
  return std::make_unique<MultiStepLR>(a.groups, a.params.list("milestones"), gamma);
}

}  // namespace lrlab
