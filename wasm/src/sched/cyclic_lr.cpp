// CyclicLR (torch 1.13 lr_scheduler.py L1080-1323). Absolute, per batch:
//   cycle = floor(1 + it / total_size),  x = 1 + it / total_size - cycle
//   scale = x / ratio while rising, (x - 1) / (ratio - 1) while falling
//   lr = base_lr + (max_lr - base_lr) * scale * f(cycle or it)
// and momentum moves inversely: m = max_m - (max_m - base_m) * scale * f(...).
// The constructor overwrites group lr with base_lr and (cycle_momentum, default True)
// group momentum with base_momentum; 1.13 requires a `momentum` key, so Adam/AdamW
// must set cycle_momentum=false. scale_mode only matters with a custom scale_fn.
#include <cmath>
#include <optional>

#include "expr/expression.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

enum class Mode { kTriangular, kTriangular2, kExpRange, kCustom };

class CyclicLR : public LRScheduler {
 public:
  struct Params {
    std::vector<double> base_lrs, max_lrs;
    double step_size_up = 2000;
    std::optional<double> step_size_down;
    Mode mode = Mode::kTriangular;
    double gamma = 1.0;
    std::optional<Expression> scale_fn;
    bool scale_by_cycle = true;  // scale_mode 'cycle'
    bool cycle_momentum = true;
    std::vector<double> base_momentums, max_momentums;
  };

  CyclicLR(std::vector<ParamGroup>& groups, Params p)
      : LRScheduler("CyclicLR", groups), p_(std::move(p)) {
    for (size_t g = 0; g < groups.size(); ++g) groups[g].lr = p_.base_lrs[g];
    const double up = p_.step_size_up;
    const double down = p_.step_size_down ? *p_.step_size_down : up;
    total_size_ = up + down;
    step_ratio_ = up / total_size_;
    if (p_.mode == Mode::kTriangular || p_.mode == Mode::kTriangular2) p_.scale_by_cycle = true;
    if (p_.mode == Mode::kExpRange) p_.scale_by_cycle = false;
    if (p_.cycle_momentum) {
      for (size_t g = 0; g < groups.size(); ++g) groups[g].momentum = p_.base_momentums[g];
      base_momentums_.clear();
      for (const ParamGroup& g : groups) base_momentums_.push_back(g.momentum);
    }
    // super().__init__ runs the initial step with base_lrs = initial_lr (which an earlier
    // scheduler may have set); only afterwards does CyclicLR store its own base_lrs.
    initialize();
    base_lrs_ = p_.base_lrs;
  }

  bool cycles_momentum() const override { return p_.cycle_momentum; }

 protected:
  std::vector<double> get_lr() override {
    const double it = static_cast<double>(last_epoch_);
    const double cycle = std::floor(1 + it / total_size_);
    const double x = 1. + it / total_size_ - cycle;
    const double scale_factor = x <= step_ratio_ ? x / step_ratio_ : (x - 1) / (step_ratio_ - 1);
    const double f = scale_fn(p_.scale_by_cycle ? cycle : it);
    std::vector<double> lrs;
    for (size_t g = 0; g < base_lrs_.size(); ++g) {
      const double base_height = (p_.max_lrs[g] - base_lrs_[g]) * scale_factor;
      lrs.push_back(base_lrs_[g] + base_height * f);
    }
    if (p_.cycle_momentum) {
      for (size_t g = 0; g < groups().size(); ++g) {
        const double base_height = (p_.max_momentums[g] - base_momentums_[g]) * scale_factor;
        const double momentum = p_.max_momentums[g] - base_height * f;
        if (!std::isfinite(momentum))  // a wild scale_fn; JSON could not carry the value
          throw RunError("OverflowError", "CyclicLR: the momentum of param group " +
                                              std::to_string(g) + " is no longer a finite number");
        groups()[g].momentum = momentum;
      }
    }
    return lrs;
  }

  void save_fields(Json& s) const override {
    if (p_.cycle_momentum) s["base_momentums"] = base_momentums_;
  }
  void load_fields(const Json& s, const std::string& path) override {
    if (p_.cycle_momentum)
      base_momentums_ = state_doubles(s, "base_momentums", groups().size(), path);
  }

 private:
  double scale_fn(double x) const {
    switch (p_.mode) {
      case Mode::kTriangular:
        return 1.;
      case Mode::kTriangular2:
        return 1 / std::pow(2., x - 1);
      case Mode::kExpRange:
        return std::pow(p_.gamma, x);
      case Mode::kCustom:
        return p_.scale_fn->evaluate(x);
    }
    return 1.;
  }

  Params p_;
  double total_size_ = 0, step_ratio_ = 0;
  std::vector<double> base_momentums_;
};

}  // namespace

std::unique_ptr<LRScheduler> make_cyclic_lr(SchedulerArgs& a) {
  SpecObject& s = a.spec;
  expect_keys(s, {"base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma",
                  "scale_fn", "scale_mode", "cycle_momentum", "base_momentum", "max_momentum"});
  read_common_keys(s);
  const size_t n = a.groups.size();
  CyclicLR::Params p;
  // PyTorch: "expected {} values for {}, got {}" for lists of the wrong length.
  p.base_lrs = s.required_number_per_group("base_lr", n, Range::closed(0.0, kMaxLearningRate));
  p.max_lrs = s.required_number_per_group("max_lr", n, Range::closed(0.0, kMaxLearningRate));
  // float(step_size_up): fractional sizes work; 0 would divide by zero.
  p.step_size_up =
      s.number("step_size_up", 2000, Range::open_closed(0.0, static_cast<double>(kMaxIterations)));
  if (const Json* d = s.get("step_size_down"); d && !d->is_null())
    p.step_size_down = read_number(*d, s.field_path("step_size_down"),
                                   Range::closed(0.0, static_cast<double>(kMaxIterations)));
  p.gamma = s.number("gamma", 1.0, Range::closed(0.0, kMaxGamma));
  const Json* fn = s.get("scale_fn");
  if (fn && !fn->is_null()) {
    if (!fn->is_string())
      throw SpecError(
          s.field_path("scale_fn"),
          "must be an expression string in `x` (e.g. \"0.5 ** x\"), got " + describe_value(*fn));
    p.scale_fn = Expression::parse(fn->get<std::string>(), "x", s.field_path("scale_fn"));
    p.mode = Mode::kCustom;
    s.string("mode", "triangular", 64);  // ignored with a scale_fn (PyTorch accepts any mode then)
    p.scale_by_cycle = s.choice("scale_mode", "cycle", {"cycle", "iterations"}) == "cycle";
  } else {
    // PyTorch: "mode is invalid and scale_fn is None".
    const std::string mode =
        s.choice("mode", "triangular", {"triangular", "triangular2", "exp_range"});
    p.mode = mode == "triangular"    ? Mode::kTriangular
             : mode == "triangular2" ? Mode::kTriangular2
                                     : Mode::kExpRange;
    s.choice("scale_mode", "cycle", {"cycle", "iterations"});  // ignored without a scale_fn
  }
  p.cycle_momentum = s.boolean("cycle_momentum", true);
  p.base_momentums = s.number_per_group("base_momentum", 0.8, n, Range::closed(0.0, 1.0));
  p.max_momentums = s.number_per_group("max_momentum", 0.9, n, Range::closed(0.0, 1.0));
  if (p.cycle_momentum && !a.groups[0].has_momentum)
    throw SpecError(
        s.field_path("cycle_momentum"),
        "optimizer must support momentum with `cycle_momentum` option enabled (torch 1.13 CyclicLR "
        "cycles `momentum`, which Adam and AdamW do not have; set cycle_momentum to false)");
  return std::make_unique<CyclicLR>(a.groups, std::move(p));
}

}  // namespace lrlab
