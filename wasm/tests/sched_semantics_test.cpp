// Scheduler semantics beyond the fixtures, mirroring PyTorch's own tests
// (test/optim/test_lrscheduler.py): closed form vs chainable form,
// chainability with manual edits, ReduceLROnPlateau state, CosineAnnealingWarmRestarts
// step(epoch), momentum/beta1 cycling, SequentialLR hand-over, OneCycleLR overstep.
#include <gtest/gtest.h>

#include <cmath>

#include "sched/schedule_run.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {
namespace {

// PyTorch's test fixture: SGD with two param groups, lr 0.05 and 0.5.
std::vector<ParamGroup> two_groups(
    const char* optimizer = R"({"type": "SGD", "lr": 0.05, "param_groups": [{}, {"lr": 0.5}]})") {
  return parse_optimizer(Json::parse(optimizer), "optimizer").groups;
}

std::vector<double> lrs(const std::vector<ParamGroup>& groups) {
  std::vector<double> out;
  for (const ParamGroup& g : groups) out.push_back(g.lr);
  return out;
}

void expect_close(double a, double b, const std::string& what) {
  EXPECT_LE(std::fabs(a - b), 1e-12 * std::max(std::fabs(a), std::fabs(b)) + 1e-15)
      << what << ": " << a << " vs " << b;
}

// _test_against_closed_form: one scheduler stepped with step(), one with step(epoch)
// (the closed form), 20 epochs each; they must agree within docs/run-spec.md 2.2's tolerance.
void check_closed_form(const std::string& scheduler, int epochs = 20) {
  const Json spec = Json::parse(scheduler);
  std::vector<ParamGroup> chain_groups = two_groups(), closed_groups = two_groups();
  auto chainable = make_scheduler(spec, "scheduler", chain_groups);
  auto closed = make_scheduler(spec, "scheduler", closed_groups);
  for (int epoch = 0; epoch < epochs; ++epoch) {
    if (epoch > 0) {
      chainable->step();
      closed->step_epoch(epoch);
    }
    for (size_t g = 0; g < 2; ++g)
      expect_close(chain_groups[g].lr, closed_groups[g].lr,
                   scheduler + " epoch " + std::to_string(epoch));
  }
}

TEST(ClosedForm, AgreesWithChainableForm) {
  check_closed_form(R"({"type": "StepLR", "step_size": 3, "gamma": 0.1})");
  check_closed_form(R"({"type": "MultiStepLR", "milestones": [2, 5, 9], "gamma": 0.1})");
  check_closed_form(
      R"({"type": "MultiStepLR", "milestones": [9, 2, 2], "gamma": 0.5})");  // Counter semantics
  check_closed_form(R"({"type": "ConstantLR", "factor": 0.2, "total_iters": 5})");
  check_closed_form(
      R"({"type": "LinearLR", "start_factor": 0.2, "end_factor": 0.9, "total_iters": 5})");
  check_closed_form(R"({"type": "ExponentialLR", "gamma": 0.9})");
  check_closed_form(R"({"type": "PolynomialLR", "total_iters": 5, "power": 2.0})");
  check_closed_form(R"({"type": "CosineAnnealingLR", "T_max": 5, "eta_min": 1e-10})", 20);
  check_closed_form(R"({"type": "CosineAnnealingLR", "T_max": 50, "eta_min": 0.001})", 300);
  check_closed_form(R"({"type": "ExponentialLR", "gamma": 0.995})", 1000);
}

// test_*_is_constant_for_constant_epoch: step(epoch) with the same epoch keeps the LR.
TEST(ClosedForm, IsConstantForConstantEpoch) {
  for (const char* s :
       {R"({"type": "StepLR", "step_size": 2})", R"({"type": "ExponentialLR", "gamma": 0.9})",
        R"({"type": "LinearLR"})", R"({"type": "CosineAnnealingLR", "T_max": 4})"}) {
    std::vector<ParamGroup> groups = two_groups();
    auto sched = make_scheduler(Json::parse(s), "scheduler", groups);
    sched->step_epoch(3);
    const std::vector<double> first = lrs(groups);
    for (int i = 0; i < 3; ++i) {
      sched->step_epoch(3);
      EXPECT_EQ(lrs(groups), first) << s;
    }
  }
}

// torch 1.13: chainable rules multiply the current LR, so a manual edit carries on.
TEST(Chainable, ManualEditIsKept) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 0.1})");
  auto sched = make_scheduler(Json::parse(R"({"type": "ExponentialLR", "gamma": 0.5})"),
                              "scheduler", groups);
  groups[0].lr = 0.3;
  sched->step();
  EXPECT_EQ(groups[0].lr, 0.15);
}

// torch 1.13: StepLR(2, 0.5) from 0.1: after two steps lr = 0.05 and get_last_lr() says so.
TEST(Chainable, GetLastLrIsTheWrittenLr) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 0.1})");
  auto sched = make_scheduler(Json::parse(R"({"type": "StepLR", "step_size": 2, "gamma": 0.5})"),
                              "scheduler", groups);
  EXPECT_EQ(sched->get_last_lr(), std::vector<double>{0.1});
  sched->step();
  sched->step();
  EXPECT_EQ(groups[0].lr, 0.05);
  EXPECT_EQ(sched->get_last_lr(), std::vector<double>{0.05});
  EXPECT_EQ(sched->last_epoch(), 2);
}

// torch 1.13: a second scheduler on the same groups takes base_lrs from initial_lr.
TEST(Chainable, SecondSchedulerUsesInitialLr) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 1.0})");
  auto constant = make_scheduler(
      Json::parse(R"({"type": "ConstantLR", "factor": 0.5, "total_iters": 2})"), "s", groups);
  EXPECT_EQ(groups[0].lr, 0.5);
  auto lambda = make_scheduler(
      Json::parse(R"J({"type": "LambdaLR", "lr_lambda": "0.1 * (epoch + 1)"})J"), "s", groups);
  EXPECT_EQ(*groups[0].initial_lr, 1.0);
  EXPECT_EQ(groups[0].lr, 1.0 * 0.1);  // base_lr (initial_lr 1.0) * f(0), not 0.5 * f(0)
}

// The 1.13 behaviour of SequentialLR with a MultiplicativeLR child (verified
// on 1.13): at the milestone step(0) falls back to get_lr() at epoch 0, which keeps the LR.
TEST(SequentialLR, MultiplicativeChildKeepsTheLrAtTheMilestone) {
  const Json spec = Json::parse(R"({"optimizer": {"type": "SGD", "lr": 0.1}, "steps": 5,
      "scheduler": {"type": "SequentialLR", "milestones": [3], "schedulers": [
        {"type": "ExponentialLR", "gamma": 0.5}, {"type": "MultiplicativeLR", "lr_lambda": "0.9"}]}})");
  const Json lr = run_schedule(spec)["lr"][0];
  EXPECT_EQ(lr, Json({0.1, 0.1 * 0.5, 0.1 * 0.5 * 0.5, 0.1 * 0.5 * 0.5, 0.1 * 0.5 * 0.5 * 0.9}));
}

// ReduceLROnPlateau state after each step, traced by hand from 1.13:L1000-1031
// (patience 1, cooldown 1, factor 0.5): NaN is a bad epoch and never becomes best;
// bad epochs during cooldown are ignored but best still improves.
TEST(ReduceLROnPlateau, StateFollowsPyTorchOrder) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 0.1})");
  auto sched =
      make_scheduler(Json::parse(R"({"type": "ReduceLROnPlateau", "patience": 1, "cooldown": 1,
                                             "factor": 0.5})"),
                     "scheduler", groups);
  EXPECT_TRUE(sched->wants_metric());
  EXPECT_EQ(sched->plateau_state(),
            Json({{"best", "Infinity"}, {"num_bad_epochs", 0}, {"cooldown_counter", 0}}));
  struct Row {
    double metric, best;
    int bad, cooldown;
    double lr;
  };
  const double nan = std::nan("");
  const Row rows[] = {
      {1.0, 1.0, 0, 0, 0.1},   // first finite metric always improves on +inf
      {nan, 1.0, 1, 0, 0.1},   // NaN compares false: one bad epoch
      {2.0, 1.0, 0, 1, 0.05},  // second bad epoch > patience: reduce, start cooldown
      {0.5, 0.5, 0, 0, 0.05},  // improves; cooldown counts down
      {0.6, 0.5, 1, 0, 0.05},  {0.7, 0.5, 0, 1, 0.025},  // reduce again
      {0.8, 0.5, 0, 0, 0.025},                           // bad, but ignored in cooldown
  };
  for (const Row& r : rows) {
    sched->step_metric(r.metric);
    const Json s = sched->plateau_state();
    EXPECT_EQ(s["best"].get<double>(), r.best);
    EXPECT_EQ(s["num_bad_epochs"], r.bad);
    EXPECT_EQ(s["cooldown_counter"], r.cooldown);
    EXPECT_EQ(groups[0].lr, r.lr);
  }
}

TEST(ReduceLROnPlateau, PlateauStateIsRecordedBeforeEachStep) {
  const Json spec = Json::parse(R"({"optimizer": {"type": "SGD", "lr": 0.1}, "steps": 3,
      "scheduler": {"type": "ReduceLROnPlateau", "mode": "max", "patience": 0}, "metrics": ["Infinity", 1, "NaN"]})");
  const Json r = run_schedule(spec);
  EXPECT_EQ(r["plateau"][0]["best"], "-Infinity");
  EXPECT_EQ(r["plateau"][1]["best"], "Infinity");   // +inf in max mode: a best nothing can beat
  EXPECT_EQ(r["plateau"][2]["num_bad_epochs"], 0);  // reduced after the bad epoch 1 (patience 0)
  EXPECT_EQ(r["lr"][0], Json({0.1, 0.1, 0.1 * 0.1}));
}

// torch 1.13: after step(2.5), step() gives last_epoch 3 but T_cur 3.5.
TEST(CosineAnnealingWarmRestarts, InterleavedFractionalEpochs) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 0.1})");
  auto sched = make_scheduler(Json::parse(R"({"type": "CosineAnnealingWarmRestarts", "T_0": 10})"),
                              "s", groups);
  sched->step_epoch(2.5);
  sched->step();
  EXPECT_EQ(sched->last_epoch(), 3);
  EXPECT_EQ(groups[0].lr, 0.0 + (0.1 - 0.0) * (1 + std::cos(3.141592653589793 * 3.5 / 10)) / 2);
  EXPECT_EQ(sched->state_dict()["T_cur"], 3.5);
}

// test_CosineAnnealingWarmRestarts_lr2-style: fractional epochs with T_mult 2 restart at
// T_0 * (2^n - 1): epoch 7.5 lies in the third period (T_i 8) at T_cur 1.5.
TEST(CosineAnnealingWarmRestarts, EpochFormulaWithTMult) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 0.1})");
  auto sched = make_scheduler(
      Json::parse(R"({"type": "CosineAnnealingWarmRestarts", "T_0": 2, "T_mult": 2})"), "s",
      groups);
  sched->step_epoch(7.5);
  EXPECT_EQ(sched->state_dict()["T_i"], 8);
  EXPECT_EQ(sched->state_dict()["T_cur"], 1.5);
  EXPECT_EQ(sched->last_epoch(), 7);
  try {
    sched->step_epoch(-1);
    ADD_FAILURE() << "negative epoch accepted";
  } catch (const RunError& e) {
    EXPECT_EQ(e.type(), "ValueError");
    EXPECT_STREQ(e.what(), "Expected non-negative epoch, but got -1.0");
  }
}

// torch 1.13: CyclicLR's default cycle_momentum=True makes a plain SGD (momentum 0)
// start at max_momentum and move inversely to the LR.
TEST(CyclicLR, MomentumTrapAndInverseCycle) {
  const Json r = run_schedule(Json::parse(R"({"optimizer": {"type": "SGD", "lr": 0.1}, "steps": 5,
      "scheduler": {"type": "CyclicLR", "base_lr": 0.01, "max_lr": 0.05, "step_size_up": 2}})"));
  EXPECT_EQ(r["momentum"][0][0], 0.9);  // max_momentum at the start of the cycle
  EXPECT_EQ(r["momentum"][0][2], 0.8);  // base_momentum at the LR peak
  EXPECT_EQ(r["lr"][0][2], 0.05);
  EXPECT_EQ(r["lr"][0][0], 0.01);  // the constructor overwrote lr 0.1 with base_lr
}

// OneCycleLR with Adam cycles beta1 and keeps beta2 (1.13:L1642-1652).
TEST(OneCycleLR, AdamBeta1IsCycled) {
  std::vector<ParamGroup> groups =
      two_groups(R"({"type": "Adam", "lr": 0.001, "betas": [0.9, 0.99]})");
  auto sched = make_scheduler(
      Json::parse(R"({"type": "OneCycleLR", "max_lr": 0.01, "total_steps": 10})"), "s", groups);
  EXPECT_TRUE(sched->cycles_momentum());
  EXPECT_EQ(groups[0].beta1, 0.95);
  EXPECT_EQ(groups[0].beta2, 0.99);
  EXPECT_EQ(*groups[0].initial_lr, 0.01 / 25.0);
  expect_close(groups[0].lr, 0.01 / 25.0,
               "lr at step 0");  // cos annealing at pct 0, up to rounding
  EXPECT_EQ(*groups[0].min_lr, 0.01 / 25.0 / 1e4);
}

// torch 1.13: total_steps calls of step() work (the last extrapolates), the next raises.
TEST(OneCycleLR, SteppingPastTotalStepsRaisesValueError) {
  std::vector<ParamGroup> groups = two_groups(R"({"type": "SGD", "lr": 0.1, "momentum": 0.9})");
  auto sched = make_scheduler(Json::parse(R"({"type": "OneCycleLR", "max_lr": 1.0, "total_steps": 4,
                                             "anneal_strategy": "linear"})"),
                              "s", groups);
  for (int i = 0; i < 4; ++i) sched->step();
  EXPECT_LT(groups[0].lr, *groups[0].min_lr);  // extrapolated below min_lr
  try {
    sched->step();
    ADD_FAILURE() << "step 5 of 4 accepted";
  } catch (const RunError& e) {
    EXPECT_EQ(e.type(), "ValueError");
    EXPECT_STREQ(e.what(), "Tried to step 6 times. The specified number of total steps is 4");
  }
}

// An expression error while stepping is PyTorch's exception at that step, not a crash.
TEST(ScheduleRun, ExpressionErrorAtAStepIsReported) {
  const Json r = run_schedule(Json::parse(R"J({"optimizer": {"type": "SGD", "lr": 0.1}, "steps": 6,
      "scheduler": {"type": "LambdaLR", "lr_lambda": "1 / (epoch - 3)"}})J"));
  EXPECT_EQ(r["error"]["at_step"], 2);  // the third step() moves last_epoch to 3
  EXPECT_EQ(r["error"]["type"], "ZeroDivisionError");
  EXPECT_EQ(r["lr"][0].size(), 3u);
}

// torch 1.13's optimizer.step() hands -lr to add_ as a float32 scalar (c10::checked_convert):
// an LR past FLT_MAX ~ 3.4e38 raises long before one past DBL_MAX could (recorded from torch
// with scripts/fixtures/torch_oracle.py: at_step 12, where the LR is 1000.5 * 1000^12).
TEST(ScheduleRun, AnLrBeyondFloat32StopsAtTheOptimizerStepAsInTorch) {
  const Json r =
      run_schedule(Json::parse(R"({"optimizer": {"type": "SGD", "lr": 1000.5}, "steps": 200,
      "scheduler": {"type": "ExponentialLR", "gamma": 1000}})"));
  EXPECT_EQ(r["error"]["type"], "RuntimeError");
  EXPECT_EQ(r["error"]["at_step"], 12);
  EXPECT_EQ(r["lr"][0].size(), 13u);  // the LR of the step that raised is recorded
  EXPECT_EQ(
      r["error"]["message"],
      "value cannot be converted to type float without overflow (SGD lr 1.0005000000000002e+39 "
      "is beyond float32's range)");
}

// Adam's scalar is the step size lr / (1 - beta1 ** step): at step 13 the LR 0.34 * 1000^13 =
// 3.4e38 is still a float32, but divided by 1 - 0.9^14 = 0.77 it is not, so Adam raises there
// and SGD one step later (torch agrees: scripts/fixtures/torch_oracle.py).
TEST(ScheduleRun, AdamsStepSizeBeyondFloat32RaisesBeforeTheLrItself) {
  const auto error_step = [](const char* optimizer) {
    Json spec = Json::parse(R"({"optimizer": {"lr": 0.34}, "steps": 30,
        "scheduler": {"type": "ExponentialLR", "gamma": 1000}})");
    spec["optimizer"]["type"] = optimizer;
    const Json r = run_schedule(spec);
    EXPECT_EQ(r["error"]["type"], "RuntimeError");
    return r["error"]["at_step"].get<int>();
  };
  EXPECT_EQ(error_step("Adam"), 13);
  EXPECT_EQ(error_step("AdamW"), 13);
  EXPECT_EQ(error_step("SGD"), 14);
  EXPECT_EQ(error_step("RMSprop"), 14);
}

// A cycled beta1 of exactly 1 makes Adam's bias correction 0: Python's lr / 0.0 raises
// ZeroDivisionError in the first optimizer.step() (OneCycleLR starts at max_momentum).
TEST(ScheduleRun, ABeta1OfOneDividesByZeroInAdamsStep) {
  const Json r = run_schedule(Json::parse(R"({"optimizer": {"type": "Adam", "lr": 0.1},
      "steps": 20, "scheduler": {"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 20,
      "max_momentum": 1.0}})"));
  EXPECT_EQ(r["error"]["type"], "ZeroDivisionError");
  EXPECT_EQ(r["error"]["at_step"], 0);
  EXPECT_EQ(r["momentum"][0][0], 1.0);
}

// torch 1.13's RMSprop makes its momentum buffer at the first step only if momentum > 0 then;
// OneCycleLR cycling momentum up from max_momentum 0 makes the second step read the missing
// buffer: KeyError at step 1 (torch_oracle.py).
TEST(ScheduleRun, RmspropMomentumCycledUpFromZeroRaisesKeyError) {
  const Json r = run_schedule(Json::parse(R"({"optimizer": {"type": "RMSprop", "lr": 0.01},
      "steps": 20, "scheduler": {"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 20,
      "base_momentum": 0.5, "max_momentum": 0.0}})"));
  EXPECT_EQ(r["error"]["type"], "KeyError");
  EXPECT_EQ(r["error"]["at_step"], 1);
  // started with momentum: the buffer exists, nothing raises
  EXPECT_FALSE(run_schedule(Json::parse(R"({"optimizer": {"type": "RMSprop", "lr": 0.01},
      "steps": 20, "scheduler": {"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 20}})"))
                   .contains("error"));
}

// Python's float ** raises OverflowError where the power overflows (CPython float_pow), which
// torch's built-in CyclicLR policies and Adam's beta1 ** step run into (torch_oracle.py):
// triangular2's 2. ** (cycle - 1) with a cycle of 0.02 iterations at step 20; exp_range's
// gamma ** iterations with max_lr = base_lr (the LR itself never grows) at step 102; a cycled
// beta1 of 2 at Adam's step 1024.
TEST(ScheduleRun, APowerThatOverflowsRaisesAsPythonsDoes) {
  const auto error_of = [](const char* text) {
    const Json r = run_schedule(Json::parse(text));
    EXPECT_EQ(r["error"]["type"], "OverflowError") << r.dump().substr(0, 300);
    return r["error"]["at_step"].get<int>();
  };
  EXPECT_EQ(error_of(R"({"optimizer": {"type": "SGD", "lr": 0.01}, "steps": 40,
      "scheduler": {"type": "CyclicLR", "base_lr": 0.1, "max_lr": 0.5, "step_size_up": 0.01,
      "mode": "triangular2", "cycle_momentum": false}})"),
            20);
  EXPECT_EQ(error_of(R"({"optimizer": {"type": "SGD", "lr": 0.01}, "steps": 200,
      "scheduler": {"type": "CyclicLR", "base_lr": 0.1, "max_lr": 0.1, "step_size_up": 2,
      "mode": "exp_range", "gamma": 999.5, "cycle_momentum": false}})"),
            102);
  EXPECT_EQ(error_of(R"({"optimizer": {"type": "Adam", "lr": 0.01}, "steps": 1100,
      "scheduler": {"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 1100,
      "base_momentum": 2.0, "max_momentum": 2.0}})"),
            1023);
}

// Under Nesterov, SGD adds the buffer with alpha=momentum, a float32 scalar too: a momentum
// CyclicLR cycles past float32 (exp_range, gamma 999.5, with the LR held) raises at step 14;
// without Nesterov the momentum only scales the buffer (mul_, unchecked) and torch runs on to
// the power's overflow at 102 (torch_oracle.py).
TEST(ScheduleRun, NesterovMomentumBeyondFloat32Raises) {
  const auto error_of = [](bool nesterov) {
    Json spec = Json::parse(R"({"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
        "steps": 200, "scheduler": {"type": "CyclicLR", "base_lr": 0.1, "max_lr": 0.1,
        "step_size_up": 2, "mode": "exp_range", "gamma": 999.5}})");
    spec["optimizer"]["nesterov"] = nesterov;
    const Json r = run_schedule(spec);
    return r["error"]["type"].get<std::string>() + " " + r["error"]["at_step"].dump();
  };
  EXPECT_EQ(error_of(true), "RuntimeError 14");
  EXPECT_EQ(error_of(false), "OverflowError 102");
}

// Resumed at step 1, RMSprop is the run's own: no buffer from a first step with momentum 0, so
// step 1 raises KeyError as in the uninterrupted run (a fresh RMSprop would make one there).
TEST(ScheduleRun, AResumedRmspropKeepsItsMissingBuffer) {
  const Json spec = Json::parse(R"({"optimizer": {"type": "RMSprop", "lr": 0.01}, "steps": 20,
      "scheduler": {"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 20, "base_momentum": 0.5,
      "max_momentum": 0.0}})");
  ScheduleRun first(spec);
  first.step();
  ScheduleRun resumed(spec);
  resumed.load_state_dict(first.state_dict());
  while (!resumed.finished()) resumed.step();
  EXPECT_EQ(resumed.result()["error"]["type"], "KeyError");
  EXPECT_EQ(resumed.result()["error"]["at_step"], 1);
}

// A resumed schedule steps Adam from the saved step. At step 13 the LR is 2e38 and Adam's
// 14th bias correction 1 - 0.9^14 = 0.77: within float32 (torch runs all 14 steps). Resumed at
// step 10 and counted from 1 again, the 4th correction 0.34 would put it past FLT_MAX.
TEST(ScheduleRun, AResumedAdamCountsItsStepsFromTheSavedStep) {
  const Json spec = Json::parse(R"({"optimizer": {"type": "Adam", "lr": 0.2}, "steps": 14,
      "scheduler": {"type": "ExponentialLR", "gamma": 1000}})");
  EXPECT_FALSE(run_schedule(spec).contains("error"));
  ScheduleRun first(spec);
  for (int i = 0; i < 10; ++i) first.step();
  ScheduleRun resumed(spec);
  resumed.load_state_dict(first.state_dict());
  while (!resumed.finished()) resumed.step();
  EXPECT_FALSE(resumed.result().contains("error")) << resumed.result().dump();
  EXPECT_EQ(resumed.result()["lr"][0].size(), 4u);
}

TEST(ScheduleRun, ZeroStepsAndStepwiseUse) {
  const Json spec =
      Json::parse(R"({"optimizer": {"type": "SGD", "lr": 0.1, "param_groups": [{}, {"lr": 1}]},
      "scheduler": {"type": "StepLR", "step_size": 1, "gamma": 0.5}, "steps": 0})");
  EXPECT_EQ(run_schedule(spec), Json({{"lr", Json::array({Json::array(), Json::array()})}}));
  Json three = spec;
  three["steps"] = 3;
  ScheduleRun run(three);
  EXPECT_FALSE(run.finished());
  run.step();
  EXPECT_EQ(run.steps_done(), 1u);
  EXPECT_EQ(run.result()["lr"], Json({{0.1}, {1.0}}));
  run.step();
  run.step();
  EXPECT_TRUE(run.finished());
  run.step();  // a no-op once finished
  EXPECT_EQ(run.result()["lr"], Json({{0.1, 0.05, 0.025}, {1.0, 0.5, 0.25}}));
}

}  // namespace
}  // namespace lrlab
