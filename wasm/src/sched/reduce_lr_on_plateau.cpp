// ReduceLROnPlateau (torch 1.13 lr_scheduler.py L906-1077). A plain object in 1.13, not an
// _LRScheduler: no initial step, no initial_lr, last_epoch starts at 0. Each step(metric):
//   1. better than `best` (by threshold, rel or abs)? best = metric, num_bad = 0; else num_bad += 1
//   2. in cooldown? cooldown_counter -= 1, num_bad = 0 (best is still updated)
//   3. num_bad > patience? lr = max(lr * factor, min_lr) where that lowers it by more than
//      eps; cooldown_counter = cooldown; num_bad = 0
// NaN is never better; best starts at +inf (min) or -inf (max).
#include <cmath>
#include <limits>

#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class ReduceLROnPlateau : public LRScheduler {
 public:
  struct Params {
    bool max_mode = false;
    double factor = 0.1;
    int64_t patience = 10;
    double threshold = 1e-4;
    bool abs_threshold = false;
    int64_t cooldown = 0;
    std::vector<double> min_lrs;
    double eps = 1e-8;
  };

  ReduceLROnPlateau(std::vector<ParamGroup>& groups, Params p)
      : LRScheduler("ReduceLROnPlateau", groups), p_(std::move(p)) {
    last_epoch_ = 0;
    best_ = p_.max_mode ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    record_last_lr();  // torch 1.13 has no _last_lr before the first step; 2.x reads the groups (PR
                       // #119556)
  }

  bool wants_metric() const override { return true; }

  void step() override { throw SpecError("metrics", "ReduceLROnPlateau.step() needs a metric"); }
  void step_epoch(double) override {
    throw SpecError("metrics", "ReduceLROnPlateau.step() needs a metric");
  }

  void step_metric(double current) override {
    last_epoch_ = last_epoch_ + 1;
    if (is_better(current, best_)) {
      best_ = current;
      num_bad_epochs_ = 0;
    } else {
      num_bad_epochs_ += 1;
    }
    if (cooldown_counter_ > 0) {
      cooldown_counter_ -= 1;
      num_bad_epochs_ = 0;  // ignore any bad epochs in cooldown
    }
    if (num_bad_epochs_ > p_.patience) {
      reduce_lr();
      cooldown_counter_ = p_.cooldown;
      num_bad_epochs_ = 0;
    }
    record_last_lr();
  }

  Json plateau_state() const override {
    return {{"best", json_double(best_)},
            {"num_bad_epochs", num_bad_epochs_},
            {"cooldown_counter", cooldown_counter_}};
  }

  Json state_dict() const override {
    return {{"type", type_},
            {"last_epoch", last_epoch_},
            {"best", json_double(best_)},
            {"num_bad_epochs", num_bad_epochs_},
            {"cooldown_counter", cooldown_counter_},
            {"_last_lr", last_lr_}};
  }

  void load_state_dict(const Json& state, const std::string& path) override {
    if (!state.is_object())
      throw SpecError(path, "must be an object, got " + describe_value(state));
    if (state_field(state, "type", path) != type_)
      throw SpecError(join_path(path, "type"), "expected \"ReduceLROnPlateau\"");
    last_epoch_ = state_integer(state, "last_epoch", path);
    best_ = state_double(state, "best", path);
    num_bad_epochs_ = state_integer(state, "num_bad_epochs", path);
    cooldown_counter_ = state_integer(state, "cooldown_counter", path);
    last_lr_ = state_doubles(state, "_last_lr", groups().size(), path);
  }

 private:
  // is_better (1.13:L1042-1055), in PyTorch's operation order: best * (1 - threshold).
  bool is_better(double a, double best) const {
    if (!p_.max_mode && !p_.abs_threshold) {
      const double rel_epsilon = 1. - p_.threshold;
      return a < best * rel_epsilon;
    }
    if (!p_.max_mode) return a < best - p_.threshold;
    if (!p_.abs_threshold) {
      const double rel_epsilon = p_.threshold + 1.;
      return a > best * rel_epsilon;
    }
    return a > best + p_.threshold;
  }

  void reduce_lr() {
    std::vector<ParamGroup>& gs = groups();
    for (size_t i = 0; i < gs.size(); ++i) {
      const double old_lr = gs[i].lr;
      const double scaled = old_lr * p_.factor;
      const double new_lr =
          p_.min_lrs[i] > scaled ? p_.min_lrs[i] : scaled;  // Python max(): first unless greater
      if (old_lr - new_lr > p_.eps) gs[i].lr = new_lr;
    }
  }

  Params p_;
  double best_;
  int64_t num_bad_epochs_ = 0;
  int64_t cooldown_counter_ = 0;
};

}  // namespace

std::unique_ptr<LRScheduler> make_reduce_lr_on_plateau(SchedulerArgs& a) {
  expect_keys(a.spec, {"mode", "factor", "patience", "threshold", "threshold_mode", "cooldown",
                       "min_lr", "eps"});
  a.spec.boolean("verbose", false);  // no last_epoch in 1.13's signature
  if (a.spec.has("last_epoch"))
    throw SpecError(a.spec.field_path("last_epoch"),
                    "unknown key (ReduceLROnPlateau takes no last_epoch)");
  ReduceLROnPlateau::Params p;
  p.max_mode = a.spec.choice("mode", "min", {"min", "max"}) == "max";
  // PyTorch: "Factor should be < 1.0."
  p.factor = a.spec.number("factor", 0.1, Range::closed_open(0.0, 1.0));
  p.patience = a.spec.integer("patience", 10, 0, kAnyCount);
  p.threshold = a.spec.number("threshold", 1e-4, Range::closed(0.0, kMaxGamma));
  p.abs_threshold = a.spec.choice("threshold_mode", "rel", {"rel", "abs"}) == "abs";
  p.cooldown = a.spec.integer("cooldown", 0, 0, kAnyCount);
  // PyTorch: "expected {} min_lrs, got {}" for a list of the wrong length.
  p.min_lrs =
      a.spec.number_per_group("min_lr", 0.0, a.groups.size(), Range::closed(0.0, kMaxLearningRate));
  p.eps = a.spec.number("eps", 1e-8, Range::closed(0.0, kMaxLearningRate));
  return std::make_unique<ReduceLROnPlateau>(a.groups, std::move(p));
}

}  // namespace lrlab
