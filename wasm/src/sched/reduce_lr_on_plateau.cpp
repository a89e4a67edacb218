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
    double patience = 10;  // ints in torch's signature; its comparisons run with floats too
    double threshold = 1e-4;
    bool abs_threshold = false;
    double cooldown = 0;
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

  void step() override { throw_spec_error("metrics", "ReduceLROnPlateau.step() needs a metric"); }
  void step_epoch(double) override {
    throw_spec_error("metrics", "ReduceLROnPlateau.step() needs a metric");
  }

  void step_metric(double current) override {
    last_epoch_ = last_epoch_ + 1;
    decision_ = Decision{};
    decision_.stepped = true;
    if (is_better(current, best_)) {
      best_ = current;
      num_bad_epochs_ = 0;
      decision_.improved = true;
    } else {
      num_bad_epochs_ += 1;
    }
    if (cooldown_counter_ > 0) {
      cooldown_counter_ -= 1;
      num_bad_epochs_ = 0;  // ignore any bad epochs in cooldown
      decision_.cooldown = true;
    }
    decision_.bad_count = num_bad_epochs_;
    if (num_bad_epochs_ > p_.patience) {
      reduce_lr();  // may leave the LR as it was (min_lr, eps); the cooldown starts anyway
      cooldown_counter_ = p_.cooldown;
      num_bad_epochs_ = 0;
      decision_.triggered = true;
    }
    record_last_lr();
  }

  Json plateau_decision() const override {
    if (!decision_.stepped) return nullptr;
    return json_object({{"improved", decision_.improved},
                        {"cooldown", decision_.cooldown},
                        {"bad_count", decision_.bad_count},
                        {"triggered", decision_.triggered}});
  }

  Json plateau_state() const override {
    return json_object({{"best", json_double(best_)},
                        {"num_bad_epochs", num_bad_epochs_},
                        {"cooldown_counter", count_json(cooldown_counter_)}});
  }

  Json state_dict() const override {
    return json_object({{"type", type_},
                        {"last_epoch", last_epoch_},
                        {"best", json_double(best_)},
                        {"num_bad_epochs", num_bad_epochs_},
                        {"cooldown_counter", count_json(cooldown_counter_)},
                        {"_last_lr", last_lr_}});
  }

  void load_state_dict(const Json& state, const std::string& path) override {
    if (!state.is_object())
      throw_spec_error(path, concat({"must be an object, got ", describe_value(state)}));
    if (state_field(state, "type", path) != type_)
      throw_spec_error(join_path(path, "type"), "expected \"ReduceLROnPlateau\"");
    last_epoch_ = state_integer(state, "last_epoch", path, 0, kMaxStateEpoch);
    best_ =
        read_json_double(state_field(state, "best", path), join_path(path, "best"));  // a metric
    num_bad_epochs_ = state_integer(state, "num_bad_epochs", path, 0, kMaxStateEpoch);
    cooldown_counter_ =
        state_double(state, "cooldown_counter", path, Range::closed(-kMaxCount, kMaxCount));
    last_lr_ = state_doubles(state, "_last_lr", groups().size(), path, kStateLr);
    decision_ = Decision{};  // a judgement of the run before the load is not this run's
  }

 private:
  static Json count_json(double v) {
    if (v == std::floor(v) && std::fabs(v) < 9e15) return static_cast<int64_t>(v);
    return v;
  }

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
  double cooldown_counter_ = 0;  // counts down from cooldown, which may be a float
  // the last step_metric's judgement, for the epoch records (not part of torch's state)
  struct Decision {
    bool stepped = false, improved = false, cooldown = false, triggered = false;
    int64_t bad_count = 0;  // num_bad_epochs as compared with patience
  } decision_;
};

}  // namespace

const SchedulerDecl& reduce_lr_on_plateau_declaration() {
  static constexpr ParamDecl kParams[] = {
      enum_param("mode", {"min", "max"})
          .defaults_to("min")
          .describe("Whether the metric should decrease (min) or increase (max)"),
      number_param("factor")
          .defaults_to(0.1)
          .in(Range::closed_open(-kMaxGamma, 1.0))  // "Factor should be < 1.0."
          .describe("Factor by which the LR is reduced"),
      integer_param("patience")
          .defaults_to(10)
          .fractional_runs()
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("Epochs without improvement before the LR is reduced"),
      number_param("threshold")
          .defaults_to(1e-4)
          .in(Range::closed(-kMaxGamma, kMaxGamma))
          .describe("How much better a metric must be to count as an improvement"),
      enum_param("threshold_mode", {"rel", "abs"})
          .defaults_to("rel")
          .describe("threshold relative to the best value, or absolute"),
      integer_param("cooldown")
          .defaults_to(0)
          .fractional_runs()
          .in(Range::closed(-kMaxCount, kMaxCount))
          .describe("Epochs to wait after a reduction before counting again"),
      number_param("min_lr")
          .defaults_to(0.0)
          .one_per_group()
          .in(Range::closed(-kMaxLearningRate, kMaxLearningRate))
          .describe("Lower bound on the LR, or one per param group"),
      number_param("eps")
          .defaults_to(1e-8)
          .in(Range::closed(-kMaxLearningRate, kMaxLearningRate))
          .describe("Reductions smaller than eps are skipped")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("ReduceLROnPlateau",
                    "Multiplies the LR by factor when a metric has stopped improving for "
                    "patience epochs.")
          .needing_metric()
          .without_last_epoch()
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_reduce_lr_on_plateau(SchedulerArgs& a) {
  const DeclaredValues& v = a.params;
  ReduceLROnPlateau::Params p;
  p.max_mode = v.choice("mode") == "max";
  p.factor = v.number("factor");
  p.patience = v.number("patience");
  p.threshold = v.number("threshold");
  p.abs_threshold = v.choice("threshold_mode") == "abs";
  p.cooldown = v.number("cooldown");
  p.min_lrs = v.per_group("min_lr");  // torch: "expected {} min_lrs, got {}"
  p.eps = v.number("eps");
  if (p.threshold < 0)
    advise(a, "threshold",
           "a negative threshold counts a slightly worse metric as an improvement, so the LR "
           "may never be reduced");
  if (p.factor < 0)
    advise(a, "factor", "a negative factor sets the LR to min_lr at the first reduction");
  return std::make_unique<ReduceLROnPlateau>(a.groups, std::move(p));
}

}  // namespace lrlab
