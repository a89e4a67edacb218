// OneCycleLR (torch 1.13 lr_scheduler.py L1431-1708). The constructor ignores the
// optimizer LR: it writes initial_lr = max_lr / div_factor, max_lr, and
// min_lr = initial_lr / final_div_factor into every group, and (cycle_momentum) momentum
// or beta1 = max_momentum. Phases end at the float steps pct*total - 1, (three_phase)
// 2*pct*total - 2, and total - 1; within a phase pct = (step - start) / (end - start) and
// the value anneals (cos or linear) between the group keys the phase names.
// step() number total_steps + 1 raises ValueError; step number total_steps still works
// and extrapolates past min_lr.
#include <cmath>

#include "platform/python_trig.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr double kPi = 3.141592653589793;  // math.pi

enum class Key { kInitialLr, kMaxLr, kMinLr, kMaxMomentum, kBaseMomentum };

struct Phase {
  double end_step;
  Key start_lr, end_lr, start_momentum, end_momentum;
};

double group_value(const ParamGroup& g, Key k) {
  switch (k) {
    case Key::kInitialLr:
      return *g.initial_lr;
    case Key::kMaxLr:
      return *g.max_lr;
    case Key::kMinLr:
      return *g.min_lr;
    case Key::kMaxMomentum:
      return *g.max_momentum;
    case Key::kBaseMomentum:
      return *g.base_momentum;
  }
  return 0.0;
}

class OneCycleLR : public LRScheduler {
 public:
  struct Params {
    std::vector<double> max_lrs;
    int64_t total_steps = 0;
    double pct_start = 0.3;
    bool cos = true;
    bool cycle_momentum = true;
    std::vector<double> base_momentums, max_momentums;
    double div_factor = 25., final_div_factor = 1e4;
    bool three_phase = false;
  };

  OneCycleLR(std::vector<ParamGroup>& groups, Params p)
      : LRScheduler("OneCycleLR", groups), p_(std::move(p)) {
    const double total = static_cast<double>(p_.total_steps);
    if (p_.three_phase) {
      phases_ = {{p_.pct_start * total - 1, Key::kInitialLr, Key::kMaxLr, Key::kMaxMomentum,
                  Key::kBaseMomentum},
                 {2 * p_.pct_start * total - 2, Key::kMaxLr, Key::kInitialLr, Key::kBaseMomentum,
                  Key::kMaxMomentum},
                 {total - 1, Key::kInitialLr, Key::kMinLr, Key::kMaxMomentum, Key::kMaxMomentum}};
    } else {
      phases_ = {{p_.pct_start * total - 1, Key::kInitialLr, Key::kMaxLr, Key::kMaxMomentum,
                  Key::kBaseMomentum},
                 {total - 1, Key::kMaxLr, Key::kMinLr, Key::kBaseMomentum, Key::kMaxMomentum}};
    }
    for (size_t g = 0; g < groups.size(); ++g) {
      ParamGroup& group = groups[g];
      group.initial_lr = p_.max_lrs[g] / p_.div_factor;
      group.max_lr = p_.max_lrs[g];
      group.min_lr = *group.initial_lr / p_.final_div_factor;
    }
    if (p_.cycle_momentum) {
      use_beta1_ = groups[0].has_betas;
      for (size_t g = 0; g < groups.size(); ++g) {
        ParamGroup& group = groups[g];
        if (use_beta1_)
          group.beta1 = p_.max_momentums[g];
        else
          group.momentum = p_.max_momentums[g];
        group.max_momentum = p_.max_momentums[g];
        group.base_momentum = p_.base_momentums[g];
      }
    }
    initialize();
  }

  bool cycles_momentum() const override { return p_.cycle_momentum; }

 protected:
  std::vector<double> get_lr() override {
    const int64_t step_num = last_epoch_;
    if (step_num > p_.total_steps)
      throw_run_error("ValueError",
                      concat({"Tried to step ", step_num + 1,
                              " times. The specified number of total steps is ", p_.total_steps}));
    const double s = static_cast<double>(step_num);
    std::vector<double> lrs;
    for (ParamGroup& group : groups()) {
      double start_step = 0;
      double computed_lr = 0, computed_momentum = 0;
      for (size_t i = 0; i < phases_.size(); ++i) {
        const Phase& phase = phases_[i];
        const double end_step = phase.end_step;
        if (s <= end_step || i == phases_.size() - 1) {
          if (end_step - start_step == 0.0)
            throw_run_error("ZeroDivisionError",
                            "float division by zero (OneCycleLR phase of length 0)");
          const double pct = (s - start_step) / (end_step - start_step);
          computed_lr =
              anneal(group_value(group, phase.start_lr), group_value(group, phase.end_lr), pct);
          if (p_.cycle_momentum)
            computed_momentum = anneal(group_value(group, phase.start_momentum),
                                       group_value(group, phase.end_momentum), pct);
          break;
        }
        start_step = phase.end_step;
      }
      lrs.push_back(computed_lr);
      if (p_.cycle_momentum) {
        if (use_beta1_)
          group.beta1 = computed_momentum;
        else
          group.momentum = computed_momentum;
      }
    }
    return lrs;
  }

 private:
  double anneal(double start, double end, double pct) const {
    if (p_.cos) {
      const double cos_out = py_cos(kPi * pct) + 1;
      return end + (start - end) / 2.0 * cos_out;
    }
    return (end - start) * pct + start;
  }

  Params p_;
  std::vector<Phase> phases_;
  bool use_beta1_ = false;
};

}  // namespace

const SchedulerDecl& one_cycle_lr_declaration() {
  constexpr Range count = Range::closed(1, static_cast<double>(kMaxIterations));
  constexpr Range momentum = Range::closed(-kMaxGamma, kMaxGamma);
  static constexpr ParamDecl kParams[] = {
      number_param("max_lr")
          .is_required()
          .one_per_group()
          .in(Range::closed(0.0, kMaxLearningRate))
          .describe("Peak LR, or one per param group"),
      // "Expected positive integer total_steps": ints only, as the two below
      integer_param("total_steps")
          .or_none()
          .checked_int()
          .in(count)
          .describe("Steps in the cycle (or epochs * steps_per_epoch)"),
      integer_param("epochs").or_none().checked_int().in(count).describe(
          "Epochs, with steps_per_epoch, when total_steps is not given"),
      integer_param("steps_per_epoch")
          .or_none()
          .checked_int()
          .in(count)
          .describe("Steps per epoch, with epochs"),
      number_param("pct_start")
          .defaults_to(0.3)
          .in(Range::closed(0.0, 1.0))
          .describe("Fraction of the cycle spent raising the LR (a float)"),
      enum_param("anneal_strategy", {"cos", "linear"})
          .defaults_to("cos")
          .describe("Cosine or linear annealing"),
      boolean_param("cycle_momentum")
          .defaults_to(true)
          .describe("Cycle momentum (or Adam's beta1) inversely to the LR"),
      number_param("base_momentum")
          .defaults_to(0.85)
          .one_per_group()
          .in(momentum)
          .describe("Lower momentum bound, or one per param group"),
      number_param("max_momentum")
          .defaults_to(0.95)
          .one_per_group()
          .in(momentum)
          .describe("Upper momentum bound, or one per param group"),
      number_param("div_factor")
          .defaults_to(25.0)
          .in(Range::open_closed(0.0, 1e12))
          .describe("initial_lr = max_lr / div_factor"),
      number_param("final_div_factor")
          .defaults_to(1e4)
          .in(Range::open_closed(0.0, 1e12))
          .describe("min_lr = initial_lr / final_div_factor"),
      boolean_param("three_phase")
          .defaults_to(false)
          .describe("A third phase anneals to min_lr after returning to initial_lr")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("OneCycleLR",
                    "One warm-up from max_lr / div_factor to max_lr and one long anneal far "
                    "below the start, stepped per batch.")
          .stepped_per_batch()
          .cycling_momentum()
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_one_cycle_lr(SchedulerArgs& a) {
  const DeclaredValues& v = a.params;
  OneCycleLR::Params p;
  p.max_lrs = v.per_group("max_lr");
  // total_steps takes precedence over epochs * steps_per_epoch.
  if (v.given("total_steps")) {
    p.total_steps = static_cast<int64_t>(v.number("total_steps"));
  } else if (!v.given("epochs") && !v.given("steps_per_epoch")) {
    throw_spec_error(v.path("total_steps"),
                     "You must define either total_steps OR (epochs AND steps_per_epoch)");
  } else if (!v.given("epochs") || !v.given("steps_per_epoch")) {
    const bool epochs = v.given("epochs");
    throw_spec_error(
        v.path(epochs ? "steps_per_epoch" : "epochs"),
        concat({std::string("is required with "), (epochs ? "epochs" : "steps_per_epoch"),
                " when total_steps is not given (total_steps = epochs * steps_per_epoch)"}));
  } else {
    p.total_steps = static_cast<int64_t>(v.number("epochs")) *
                    static_cast<int64_t>(v.number("steps_per_epoch"));
  }
  // torch 1.13: "Expected float between 0 and 1 pct_start" -- an int (0 or 1) is rejected too.
  if (v.written_as_int("pct_start") && v.given("pct_start"))
    throw_spec_error(
        v.path("pct_start"),
        concat({"must be a float in [0, 1] written with a decimal point (torch 1.13 rejects "
                "an int), got ",
                v.raw("pct_start").dump()}));
  p.pct_start = v.number("pct_start");
  p.cos = v.choice("anneal_strategy") == "cos";
  p.cycle_momentum = v.boolean("cycle_momentum");
  p.base_momentums = v.per_group("base_momentum");
  p.max_momentums = v.per_group("max_momentum");
  p.div_factor = v.number("div_factor");
  p.final_div_factor = v.number("final_div_factor");
  p.three_phase = v.boolean("three_phase");
  if (p.cycle_momentum) {
    advise_momentum(a, "base_momentum");
    advise_momentum(a, "max_momentum");
  }
  if (p.cycle_momentum && !a.groups[0].has_momentum && !a.groups[0].has_betas)
    throw_spec_error(v.path("cycle_momentum"),
                     "optimizer must support momentum with `cycle_momentum` option enabled");
  return std::make_unique<OneCycleLR>(a.groups, std::move(p));
}

}  // namespace lrlab
