// Run-spec validation for schedules: every message names the JSON path and the accepted
// range, unknown keys get a suggestion, and PyTorch's constructor checks are mirrored.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "sched/schedule_run.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {
namespace {

std::string error_of(const std::string& spec_text) {
  try {
    run_schedule(Json::parse(spec_text));
  } catch (const SpecError& e) {
    return e.what();
  }
  return "(no error)";
}

// A run-spec around one scheduler object.
std::string with_scheduler(const std::string& scheduler,
                           const std::string& optimizer = R"({"type": "SGD", "lr": 0.1})",
                           const std::string& extra = "") {
  return R"({"optimizer": )" + optimizer + R"(, "scheduler": )" + scheduler + R"(, "steps": 3)" +
         extra + "}";
}

TEST(ScheduleValidation, UnknownKeysSuggestTheNearestName) {
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "StepLR", "stepsize": 5})")),
            "scheduler.stepsize: unknown key; did you mean step_size?");
  EXPECT_EQ(
      error_of(
          R"({"optimizer": {"type": "SGD", "lr": 0.1}, "scheduler": {"type": "StepLR", "step_size": 2},
                         "stepz": 3})"),
      "stepz: unknown key; did you mean steps?");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1, "total_step": 5})")),
            "scheduler.total_step: unknown key; did you mean total_steps?");
  // The list of accepted names is the registry's, in torch's __all__ order.
  const std::string type_error = error_of(with_scheduler(R"({"type": "StepLr", "step_size": 5})"));
  EXPECT_EQ(type_error.substr(0, 47), "scheduler.type: must be one of \"LambdaLR\", \"Mul");
  const std::vector<std::string> types = scheduler_types();
  std::string listed;
  for (size_t i = 0; i < types.size(); ++i)
    listed += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + ("\"" + types[i] + "\"");
  EXPECT_NE(type_error.find("must be one of " + listed + ", got"), std::string::npos) << type_error;
  EXPECT_EQ(type_error.substr(type_error.size() - 36), "got \"StepLr\"; did you mean \"StepLR\"?");
}

TEST(ScheduleValidation, WrongJsonTypesAreSpecErrors) {
  // Found by fuzzing: a non-string type must not escape as a JSON library exception.
  EXPECT_EQ(error_of(with_scheduler(R"({"type": 0.1})")).substr(0, 38),
            "scheduler.type: must be one of \"Lambda");
  EXPECT_EQ(error_of(with_scheduler(R"([1, 2])")),
            "scheduler: must be a JSON object, got an array of 2");
  EXPECT_EQ(
      error_of(with_scheduler(
                   R"({"type": "SequentialLR", "schedulers": [{"type": 1}], "milestones": []})"))
          .substr(0, 44),
      "scheduler.schedulers[0].type: must be one of");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "MultiStepLR", "milestones": {"a": 1}})")),
            "scheduler.milestones: must be an array of at most 1000 numbers (a number in "
            "[-1000000000, 1000000000] each), got an object");
}

TEST(ScheduleValidation, RangesAreStated) {
  // torch runs step_size 0 (ZeroDivisionError at the first step) and 2.5 (float arithmetic).
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "StepLR", "step_size": "5"})")),
            "scheduler.step_size: must be a number in [-1000000000, 1000000000] (an int in "
            "torch's signature), got \"5\"");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "StepLR"})")),
            "scheduler.step_size: is required (a number in [-1000000000, 1000000000] (an int in "
            "torch's signature))");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "ExponentialLR", "gamma": -1000.5})")),
            "scheduler.gamma: must be a number in [-1000, 1000], got -1000.5");
  EXPECT_EQ(
      error_of(
          R"({"optimizer": {"type": "SGD", "lr": 0.1}, "scheduler": {"type": "StepLR", "step_size": 2},
                         "steps": 1000001})"),
      "steps: must be an integer in [0, 1000000], got 1000001");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "CosineAnnealingWarmRestarts", "T_0": 5, "T_mult": 0})")),
      "scheduler.T_mult: must be an integer in [1, 1000000000], got 0");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "CosineAnnealingWarmRestarts", "T_0": 5.0})")),
            "scheduler.T_0: must be an integer in [1, 1000000000], got 5.0");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "MultiStepLR", "milestones": [2, true]})")),
            "scheduler.milestones[1]: must be a number in [-1000000000, 1000000000] (an int in "
            "torch's signature), got true");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "StepLR", "step_size": 2, "last_epoch": 4})")),
            "scheduler.last_epoch: must be -1 (a fresh schedule; resume with a state_dict "
            "instead), got 4");
}

// The constructor checks of torch 1.13, with our path-and-range wording.
TEST(ScheduleValidation, MirrorsPyTorchConstructorChecks) {
  // ReduceLROnPlateau: "Factor should be < 1.0."
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "ReduceLROnPlateau", "factor": 1.0})",
                                    R"({"type": "SGD", "lr": 0.1})", R"(, "metrics": [1, 2, 3])")),
            "scheduler.factor: must be a number in [-1000, 1), got 1.0");
  // ConstantLR / LinearLR factor ranges ("expected to be between 0 and 1").
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "ConstantLR", "factor": 1.5})")),
            "scheduler.factor: must be a number in [0, 1], got 1.5");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "LinearLR", "start_factor": -0.1})")),
            "scheduler.start_factor: must be a number in [0, 1], got -0.1");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "LinearLR", "end_factor": 1.5})")),
            "scheduler.end_factor: must be a number in [0, 1], got 1.5");
  // CyclicLR: "mode is invalid and scale_fn is None"; 1.13 cannot cycle Adam's momentum.
  EXPECT_EQ(error_of(with_scheduler(
                R"({"type": "CyclicLR", "base_lr": 0.01, "max_lr": 0.1, "mode": "triangulr"})")),
            "scheduler.mode: must be one of \"triangular\", \"triangular2\" or \"exp_range\", got "
            "\"triangulr\"; "
            "did you mean \"triangular\"?");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "CyclicLR", "base_lr": 0.01, "max_lr": 0.1})",
                                    R"({"type": "Adam", "lr": 0.001})")),
            "scheduler.cycle_momentum: optimizer must support momentum with `cycle_momentum` "
            "option enabled (torch "
            "1.13 CyclicLR cycles `momentum`, which Adam and AdamW do not have; set cycle_momentum "
            "to false)");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "CyclicLR", "base_lr": [0.01, 0.02], "max_lr": 0.1})")),
      "scheduler.base_lr: expected 1 values (one per param group), got 2");
  // OneCycleLR: total_steps or epochs*steps_per_epoch; pct_start a float in [0, 1].
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1})")),
      "scheduler.total_steps: You must define either total_steps OR (epochs AND steps_per_epoch)");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1, "epochs": 4})")),
            "scheduler.steps_per_epoch: is required with epochs when total_steps is not given "
            "(total_steps = epochs "
            "* steps_per_epoch)");
  EXPECT_EQ(error_of(with_scheduler(
                R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 10, "pct_start": 1.5})")),
            "scheduler.pct_start: must be a number in [0, 1], got 1.5");
  EXPECT_EQ(error_of(with_scheduler(
                R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 10, "pct_start": 1})")),
            "scheduler.pct_start: must be a float in [0, 1] written with a decimal point (torch "
            "1.13 rejects an "
            "int), got 1");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 10,
                                       "anneal_strategy": "lineer"})")),
            "scheduler.anneal_strategy: must be one of \"cos\" or \"linear\", got \"lineer\"; did "
            "you mean \"linear\"?");
  // A phase of length 0 (pct_start * total_steps == 1) makes PyTorch's constructor divide by
  // zero in its initial step.
  EXPECT_EQ(error_of(with_scheduler(
                R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 2, "pct_start": 0.5})")),
            "scheduler: OneCycleLR fails at construction (its initial step) with "
            "ZeroDivisionError: float division by "
            "zero (OneCycleLR phase of length 0)");
  // Verified with torch 1.13: 0.1 * 10 - 1 is exactly 0.0 in Python. A build that contracts
  // it into an FMA (-march=native without -ffp-contract=off) gets 5.6e-17 and no error.
  EXPECT_EQ(error_of(with_scheduler(
                R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 10, "pct_start": 0.1})")),
            "scheduler: OneCycleLR fails at construction (its initial step) with "
            "ZeroDivisionError: float division by "
            "zero (OneCycleLR phase of length 0)");
  // LambdaLR: "Expected {} lr_lambdas, but got {}".
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "LambdaLR", "lr_lambda": ["1", "2"]})")),
            "scheduler.lr_lambda: expected 1 expressions (one per param group), got 2");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "LambdaLR", "lr_lambda": "1 / epoch"})")),
            "scheduler: LambdaLR fails at construction (its initial step) with ZeroDivisionError: "
            "float division by "
            "zero (column 3)");
}

TEST(ScheduleValidation, ExpressionErrorsCarryTheirPath) {
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "LambdaLR", "lr_lambda": "min(1, 2"})")),
            "scheduler.lr_lambda: column 9: expected ')' after function arguments");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "MultiplicativeLR", "lr_lambda": ["0.9", "0.9 **"]})",
                              R"({"type": "SGD", "lr": 0.1, "param_groups": [{}, {}]})")),
      "scheduler.lr_lambda[1]: column 7: expected an expression, got the end of the text");
  EXPECT_EQ(
      error_of(with_scheduler(
          R"({"type": "CyclicLR", "base_lr": 0.01, "max_lr": 0.1, "scale_fn": "0.5 ** epoch"})")),
      "scheduler.scale_fn: column 8: unknown name 'epoch' (allowed: x, pi, min, max, abs, exp, "
      "log, sqrt, sin, "
      "cos, floor, ceil)");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "LambdaLR", "lr_lambda": 0.5})")),
            "scheduler.lr_lambda: must be an expression string in `epoch` (e.g. \"0.95 ** "
            "epoch\"), got 0.5");
}

TEST(ScheduleValidation, MetricsAndStepEpochs) {
  const std::string plateau = R"({"type": "ReduceLROnPlateau", "patience": 0})";
  // NaN and infinities travel as strings (docs/run-spec.md 2); other spellings are rejected.
  EXPECT_EQ(error_of(with_scheduler(plateau, R"({"type": "SGD", "lr": 0.1})",
                                    R"(, "metrics": [1, "NaN", "-Infinity"])")),
            "(no error)");
  EXPECT_EQ(
      error_of(with_scheduler(plateau, R"({"type": "SGD", "lr": 0.1})",
                              R"(, "metrics": [1, "nan", 2])")),
      "metrics[1]: must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\", got \"nan\"");
  EXPECT_EQ(
      error_of(with_scheduler(plateau, R"({"type": "SGD", "lr": 0.1})", R"(, "metrics": [1, 2])")),
      "metrics: expected 3 values (one per step), got 2");
  EXPECT_EQ(error_of(with_scheduler(plateau)),
            "metrics: is required for ReduceLROnPlateau (an array of 3 numbers, the metric "
            "observed after each step)");
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "StepLR", "step_size": 2})",
                                    R"({"type": "SGD", "lr": 0.1})", R"(, "metrics": [1, 2, 3])")),
            "metrics: is only used by ReduceLROnPlateau (scheduler.type is \"StepLR\")");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "StepLR", "step_size": 2})",
                              R"({"type": "SGD", "lr": 0.1})", R"(, "step_epochs": [1, 2, 3])")),
      "step_epochs: is only used by CosineAnnealingWarmRestarts (scheduler.type is \"StepLR\")");
  // A negative epoch is torch's ValueError at that step (reported in the result).
  EXPECT_EQ(error_of(with_scheduler(R"({"type": "CosineAnnealingWarmRestarts", "T_0": 2})",
                                    R"({"type": "SGD", "lr": 0.1})",
                                    R"(, "step_epochs": [0.5, "x", 3])")),
            "step_epochs[1]: must be a number in [-1000000000, 1000000000], got \"x\"");
}

TEST(ScheduleValidation, Composites) {
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "SequentialLR", "schedulers": [{"type": "ConstantLR"},
                                       {"type": "ExponentialLR", "gamma": 0.9}], "milestones": [2, 4]})")),
      "scheduler.milestones: expected 1 milestones (one fewer than the 2 schedulers), got 2");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "SequentialLR", "schedulers": [{"type": "ConstantLR"},
                                       {"type": "ExponentialLR", "gama": 0.9}], "milestones": [2]})")),
      "scheduler.schedulers[1].gama: unknown key; did you mean gamma?");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "ChainedScheduler", "schedulers": [{"type": "ConstantLR"},
                                       {"type": "ReduceLROnPlateau"}]})")),
      "scheduler.schedulers[1]: ReduceLROnPlateau cannot be chained: its step() needs a metric");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "SequentialLR", "schedulers": [{"type": "ConstantLR"},
                                       {"type": "ChainedScheduler", "schedulers": [{"type": "ConstantLR"}]}],
                                       "milestones": [2]})")),
      "scheduler.schedulers[1]: ChainedScheduler cannot be a child of SequentialLR in torch 1.13");
  EXPECT_EQ(
      error_of(with_scheduler(R"({"type": "ChainedScheduler", "schedulers": []})")),
      "scheduler.schedulers: must be an array of 1 to 32 scheduler objects, got an array of 0");
  // Nesting is bounded: 9 levels of ChainedScheduler.
  std::string nested = R"({"type": "ConstantLR"})";
  for (int i = 0; i < 8; ++i)
    nested = R"({"type": "ChainedScheduler", "schedulers": [)" + nested + "]}";
  EXPECT_EQ(
      error_of(with_scheduler(nested)), "scheduler" + [] {
        std::string p;
        for (int i = 0; i < 8; ++i) p += ".schedulers[0]";
        return p;
      }() + ": schedulers are nested too deeply (at most 8 levels)");
}

TEST(ScheduleValidation, MalformedStateIsASpecError) {
  const Json spec = Json::parse(with_scheduler(R"({"type": "StepLR", "step_size": 2})"));
  ScheduleRun run(spec);
  run.step();
  Json state = run.state_dict();
  auto load_error = [&](const Json& s) {
    ScheduleRun fresh(spec);
    try {
      fresh.load_state_dict(s);
    } catch (const SpecError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(load_error(state), "(no error)");
  Json wrong_type = state;
  wrong_type["scheduler"]["type"] = "ExponentialLR";
  EXPECT_EQ(load_error(wrong_type),
            "state.scheduler.type: expected \"StepLR\", got \"ExponentialLR\"");
  Json no_lr = state;
  no_lr["optimizer"]["param_groups"][0].erase("lr");
  EXPECT_EQ(load_error(no_lr),
            "state.optimizer.param_groups[0].lr: is required in a saved param group");
  Json too_far = state;
  too_far["step"] = 4;
  EXPECT_EQ(load_error(too_far), "state.step: must be an integer in [0, 3], got 4");
  Json bad_lrs = state;
  bad_lrs["scheduler"]["base_lrs"] = {0.1, 0.2};
  EXPECT_EQ(load_error(bad_lrs),
            "state.scheduler.base_lrs: must be an array of 1 numbers, got an array of 2");
  EXPECT_EQ(load_error(Json::array()), "state: must be an object, got an array of 0");
}

// issue 8 item 8: tampered state dicts are refused through the declared domains, with the path.
TEST(ScheduleValidation, TamperedStateDictsAreRefused) {
  auto load_error = [](const Json& spec, const std::function<void(Json&)>& tamper) {
    ScheduleRun run(spec);
    run.step();
    Json state = Json::parse(run.state_dict().dump());
    tamper(state);
    ScheduleRun fresh(spec);
    try {
      fresh.load_state_dict(state);
    } catch (const SpecError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  const Json step = Json::parse(with_scheduler(R"({"type": "StepLR", "step_size": 2})"));
  const Json one_cycle =
      Json::parse(with_scheduler(R"({"type": "OneCycleLR", "max_lr": 0.1, "total_steps": 10})",
                                 R"({"type": "SGD", "lr": 0.1, "momentum": 0.9})"));
  EXPECT_EQ(load_error(step, [](Json& s) { s["optimizer"]["param_groups"][0]["lr"] = -1e308; }),
            "state.optimizer.param_groups[0].lr: must be a number in [-1e+30, 1e+30], got -1e+308");
  EXPECT_EQ(
      load_error(one_cycle, [](Json& s) { s["optimizer"]["param_groups"][0]["min_lr"] = -1e31; }),
      "state.optimizer.param_groups[0].min_lr: must be a number in [-1e+30, 1e+30], got -1e+31");
  // a group's LR may be negative (torch does not check a group): saved, it loads back
  EXPECT_EQ(
      load_error(one_cycle, [](Json& s) { s["optimizer"]["param_groups"][0]["min_lr"] = -1; }),
      "(no error)");
  EXPECT_EQ(load_error(step, [](Json& s) { s["scheduler"]["base_lrs"] = {-0.1}; }), "(no error)");
  EXPECT_EQ(load_error(step, [](Json& s) { s["scheduler"]["base_lrs"] = {"NaN"}; }),
            "state.scheduler.base_lrs[0]: must be a number in [-1000000, 1000000], got \"NaN\"");
  EXPECT_EQ(load_error(step, [](Json& s) { s["scheduler"]["_step_count"] = -1; }),
            "state.scheduler._step_count: must be an integer in [0, 1000000000], got -1");
  EXPECT_EQ(load_error(step, [](Json& s) { s["scheduler"]["last_epoch"] = 9007199254740992; }),
            "state.scheduler.last_epoch: must be an integer in [-1, 1000000000], got "
            "9007199254740992");
  EXPECT_EQ(load_error(one_cycle, [](Json& s) { s["scheduler"]["last_epoch"] = 3; }), "(no error)");
}

}  // namespace
}  // namespace lrlab
