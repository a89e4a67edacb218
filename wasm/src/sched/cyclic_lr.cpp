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
#include "platform/python_arithmetic.hpp"
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
          throw_run_error("OverflowError", concat({"CyclicLR: the momentum of param group ", g,
                                                   " is no longer a finite number"}));
        groups()[g].momentum = momentum;
      }
    }
    return lrs;
  }

  void save_fields(Json& s) const override {
    if (p_.cycle_momentum) put(s, "base_momentums", base_momentums_);
  }
  void load_fields(const Json& s, const std::string& path) override {
    if (p_.cycle_momentum)
      base_momentums_ = state_doubles(s, "base_momentums", groups().size(), path, kStateMomentum);
  }

 private:
  double scale_fn(double x) const {
    switch (p_.mode) {
      case Mode::kTriangular:
        return 1.;
      case Mode::kTriangular2:
        return 1 / py_pow(2., x - 1);  // 1 / (2. ** (x - 1)): Python's ** raises on overflow
      case Mode::kExpRange:
        return py_pow(p_.gamma, x);
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

const SchedulerDecl& cyclic_lr_declaration() {
  constexpr Range lr = Range::closed(0.0, kMaxLearningRate);
  constexpr Range size = Range::open_closed(0.0, static_cast<double>(kMaxIterations));
  constexpr Range momentum = Range::closed(-kMaxGamma, kMaxGamma);
  static constexpr ParamDecl kParams[] = {
      number_param("base_lr").is_required().one_per_group().in(lr).describe(
          "Lower LR bound of the cycle, or one per param group"),
      number_param("max_lr").is_required().one_per_group().in(lr).describe(
          "Upper LR bound of the cycle, or one per param group"),
      // float(step_size_up): fractional sizes work; 0 would divide by zero
      number_param("step_size_up")
          .defaults_to(2000.0)
          .in(size)
          .describe("Iterations in the rising half of a cycle"),
      number_param("step_size_down")
          .or_none()
          .in(Range::closed(0.0, static_cast<double>(kMaxIterations)))
          .describe("Iterations in the falling half (None: step_size_up)"),
      enum_param("mode", {"triangular", "triangular2", "exp_range"})
          .defaults_to("triangular")
          .any_string_with("scale_fn")
          .describe("Built-in amplitude policy (ignored when scale_fn is given)"),
      number_param("gamma")
          .defaults_to(1.0)
          .in(Range::closed(-kMaxGamma, kMaxGamma))
          .describe("exp_range: amplitude factor gamma ** iterations"),
      expression_param("scale_fn", "x")
          .or_none()
          .describe("Custom amplitude policy (overrides mode)"),
      enum_param("scale_mode", {"cycle", "iterations"})
          .defaults_to("cycle")
          .any_string()
          .describe("Argument of scale_fn: the cycle number, or iterations for any "
                    "other value"),
      boolean_param("cycle_momentum")
          .defaults_to(true)
          .describe("Cycle momentum inversely to the LR"),
      number_param("base_momentum")
          .defaults_to(0.8)
          .one_per_group()
          .in(momentum)
          .describe("Lower momentum bound, or one per param group"),
      number_param("max_momentum")
          .defaults_to(0.9)
          .one_per_group()
          .in(momentum)
          .describe("Upper momentum bound, or one per param group")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("CyclicLR",
                    "Cycles the LR between base_lr and max_lr (and momentum the other way), "
                    "stepped per batch.")
          .stepped_per_batch()
          .cycling_momentum()
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_cyclic_lr(SchedulerArgs& a) {
  const DeclaredValues& v = a.params;
  CyclicLR::Params p;
  // PyTorch: "expected {} values for {}, got {}" for lists of the wrong length (declared).
  p.base_lrs = v.per_group("base_lr");
  p.max_lrs = v.per_group("max_lr");
  p.step_size_up = v.number("step_size_up");
  if (v.given("step_size_down")) p.step_size_down = v.number("step_size_down");
  p.gamma = v.number("gamma");
  const std::string scale_mode = v.choice("scale_mode");
  if (v.given("scale_fn")) {
    p.scale_fn = Expression::parse(v.raw("scale_fn").get<std::string>(), "x", v.path("scale_fn"));
    p.mode = Mode::kCustom;
    // torch 1.13 L1240: `if self.scale_mode == 'cycle'`, else the iterations path.
    p.scale_by_cycle = scale_mode == "cycle";
    if (scale_mode != "cycle" && scale_mode != "iterations")
      advise(a, "scale_mode",
             Json(scale_mode).dump() +
                 " is not \"cycle\": torch 1.13 takes the iterations path (scale_fn(iteration))");
  } else {
    const std::string mode = v.choice("mode");
    p.mode = mode == "triangular"    ? Mode::kTriangular
             : mode == "triangular2" ? Mode::kTriangular2
                                     : Mode::kExpRange;
    if (scale_mode != "cycle" && scale_mode != "iterations")
      advise(a, "scale_mode",
             Json(scale_mode).dump() + " is ignored: without scale_fn, mode sets the scale mode");
  }
  if (p.mode == Mode::kExpRange) advise_gamma(a, p.gamma);
  p.cycle_momentum = v.boolean("cycle_momentum");
  p.base_momentums = v.per_group("base_momentum");
  p.max_momentums = v.per_group("max_momentum");
  if (p.cycle_momentum) {
    advise_momentum(a, "base_momentum");
    advise_momentum(a, "max_momentum");
  }
  if (p.cycle_momentum && !a.groups[0].has_momentum)
    throw_spec_error(
        v.path("cycle_momentum"),
        "optimizer must support momentum with `cycle_momentum` option enabled (torch 1.13 CyclicLR "
        "cycles `momentum`, which Adam and AdamW do not have; set cycle_momentum to false)");
  return std::make_unique<CyclicLR>(a.groups, std::move(p));
}

}  // namespace lrlab
