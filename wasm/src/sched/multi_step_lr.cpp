// MultiStepLR (torch 1.13 lr_scheduler.py L404-440): multiply by gamma at each milestone.
// PyTorch stores Counter(milestones): order does not matter and a milestone listed k
// times multiplies by gamma ** k at once. Closed form: base_lr * gamma ** bisect_right(sorted,
// epoch).
#include <algorithm>
#include <cmath>
#include <map>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr size_t kMaxMilestones = 1000;

class MultiStepLR : public LRScheduler {
 public:
  MultiStepLR(std::vector<ParamGroup>& groups, std::vector<int64_t> milestones, double gamma)
      : LRScheduler("MultiStepLR", groups), sorted_(std::move(milestones)), gamma_(gamma) {
    std::sort(sorted_.begin(), sorted_.end());
    for (int64_t m : sorted_) ++counter_[m];
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    auto it = counter_.find(last_epoch_);
    for (const ParamGroup& g : groups())
      lrs.push_back(
          it == counter_.end() ? g.lr : g.lr * std::pow(gamma_, static_cast<double>(it->second)));
    return lrs;
  }

  std::optional<std::vector<double>> closed_form_lr() const override {
    const auto k = std::upper_bound(sorted_.begin(), sorted_.end(), last_epoch_) - sorted_.begin();
    std::vector<double> lrs;
    for (double base : base_lrs_) lrs.push_back(base * std::pow(gamma_, static_cast<double>(k)));
    return lrs;
  }

 private:
  std::vector<int64_t> sorted_;
  std::map<int64_t, int> counter_;
  double gamma_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_multi_step_lr(SchedulerArgs& a) {
  expect_keys(a.spec, {"milestones", "gamma"});
  read_common_keys(a.spec);
  const std::string path = a.spec.field_path("milestones");
  const Json* m = a.spec.get("milestones");
  if (!m) throw SpecError(path, "is required (an array of epoch indices, e.g. [30, 80])");
  if (!m->is_array() || m->size() > kMaxMilestones)
    throw SpecError(path, "must be an array of at most " + std::to_string(kMaxMilestones) +
                              " integers >= 0, got " + describe_value(*m));
  std::vector<int64_t> milestones;
  for (size_t i = 0; i < m->size(); ++i)
    milestones.push_back(read_integer((*m)[i], index_path(path, i), 0, kAnyCount));
  const double gamma = a.spec.number("gamma", 0.1, Range::closed(0.0, kMaxGamma));
  return std::make_unique<MultiStepLR>(a.groups, std::move(milestones), gamma);
}

}  // namespace lrlab
