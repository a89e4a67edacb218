// The shared validation path: JSON paths, accepted ranges, did-you-mean, hostile text.
#include <gtest/gtest.h>

#include "spec_error_text.hpp"

#include "optim/param_group.hpp"
#include "spec/spec_reader.hpp"
#include "spec/spec_text.hpp"

namespace lrlab {
namespace {

TEST(SpecReader, IntegerRangeNamesPathAndRange) {
  const Json j = Json::parse(R"({"step_size": 0, "gamma": 0.5})");
  SpecObject o(j, "scheduler");
  EXPECT_EQ(error_of([&] { o.integer("step_size", 1, 1, std::numeric_limits<int64_t>::max()); }),
            "scheduler.step_size: must be an integer >= 1, got 0");
  EXPECT_EQ(error_of([&] { o.integer("gamma", 1, 1, 10); }),
            "scheduler.gamma: must be an integer in [1, 10], got 0.5");
}

TEST(SpecReader, NumberRangesAreDescribed) {
  const Json j = Json::parse(R"({"a": -1, "b": 1.5, "c": "x"})");
  SpecObject o(j, "");
  EXPECT_EQ(error_of([&] { o.number("a", 0, Range::positive()); }),
            "a: must be a number > 0, got -1");
  EXPECT_EQ(error_of([&] { o.number("b", 0, Range::open_closed(0, 1)); }),
            "b: must be a number in (0, 1], got 1.5");
  EXPECT_EQ(error_of([&] { o.number("c", 0, Range::any()); }),
            "c: must be a finite number, got \"x\"");
  // A number beyond the doubles names its field (it is not a syntax error).
  const std::string beyond =
      " is beyond the largest double (1.7976931348623157e308); a run-spec has no infinities "
      "(docs/run-spec.md, Numbers)";
  EXPECT_EQ(error_of([] { parse_spec_text(R"({"d": 1e400})"); }), "d: 1e400" + beyond);
  EXPECT_EQ(error_of([] { parse_spec_text(R"({"o": {"m": [1, -2E+999]}})"); }),
            "o.m[1]: -2E+999" + beyond);
  EXPECT_EQ(error_of([] { parse_spec_text("1e400"); }), "spec: 1e400" + beyond);
  // A megabyte of digits is quoted cut short.
  const std::string huge =
      error_of([] { parse_spec_text("[1" + std::string(1 << 20, '0') + "]"); });
  EXPECT_EQ(huge.substr(0, 12), "[0]: 1000000");
  EXPECT_LT(huge.size(), 200u);
  // nlohmann-json would stop at the NUL and take {"d": 1} alone
  EXPECT_EQ(error_of([] { parse_spec_text(std::string(R"({"d": 1})") + '\0' + " garbage"); }),
            "spec: invalid JSON: a NUL character at byte 8");
}

TEST(SpecReader, UnknownKeySuggestsClosest) {
  const Json j = Json::parse(R"({"stepsize": 5})");
  SpecObject o(j, "scheduler");
  o.integer("step_size", 1, 1, 100);
  o.number("gamma", 0.1, Range::any());
  EXPECT_EQ(error_of([&] { o.finish(); }),
            "scheduler.stepsize: unknown key; did you mean step_size?");
  const Json far = Json::parse(R"({"zzzzzzzz": 5})");
  SpecObject f(far, "scheduler");
  f.number("gamma", 0.1, Range::any());
  EXPECT_EQ(error_of([&] { f.finish(); }), "scheduler.zzzzzzzz: unknown key");
}

TEST(SpecReader, ChoiceSuggestsClosest) {
  const Json j = Json::parse(R"({"mode": "mni"})");
  SpecObject o(j, "scheduler");
  EXPECT_EQ(
      error_of([&] {
        o.choice("mode", "min", {"min", "max"});
      }),
      "scheduler.mode: must be one of \"min\" or \"max\", got \"mni\"; did you mean \"min\"?");
}

TEST(SpecReader, PerGroupValuesCheckTheCount) {
  const Json j = Json::parse(R"({"max_lr": [0.1, 0.2, 0.3]})");
  SpecObject o(j, "scheduler");
  EXPECT_EQ(error_of([&] { o.number_per_group("max_lr", 0, 2, Range::positive()); }),
            "scheduler.max_lr: expected 2 values (one per param group), got 3");
}

TEST(SpecText, RejectsMalformedAndHostileText) {
  EXPECT_EQ(error_of([] {
              parse_spec_text("{\"a\": }");
            }).rfind("spec: invalid JSON: parse error at line 1, column 7", 0),
            0u);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(error_of([&] { parse_spec_text(deep); }), "spec: nesting deeper than 32 levels");
  EXPECT_EQ(parse_spec_text(R"({"x": [1, 2.5]})")["x"][1].get<double>(), 2.5);
}

TEST(OptimizerSpec, DefaultsFollowTorch) {
  const auto adamw = parse_optimizer(Json::parse(R"({"type": "AdamW", "lr": 0.01})"), "optimizer");
  ASSERT_EQ(adamw.groups.size(), 1u);
  EXPECT_EQ(adamw.groups[0].weight_decay, 1e-2);  // AdamW's default, unlike Adam's 0
  EXPECT_TRUE(adamw.groups[0].has_betas);
  EXPECT_FALSE(adamw.groups[0].has_momentum);
  const auto sgd = parse_optimizer(
      Json::parse(
          R"({"type": "SGD", "lr": 0.05, "momentum": 0.9, "param_groups": [{}, {"lr": 0.5}]})"),
      "optimizer");
  ASSERT_EQ(sgd.groups.size(), 2u);
  EXPECT_EQ(sgd.groups[0].lr, 0.05);
  EXPECT_EQ(sgd.groups[1].lr, 0.5);
  EXPECT_EQ(sgd.groups[1].momentum, 0.9);  // top-level kwargs apply to every group
  EXPECT_TRUE(sgd.groups[0].has_momentum);
}

TEST(OptimizerSpec, ValidationMirrorsTorch) {
  EXPECT_EQ(
      error_of([] { parse_optimizer(Json::parse(R"({"type": "SGD", "lr": -1})"), "optimizer"); }),
      "optimizer.lr: must be a number in [0, 1000000], got -1");
  EXPECT_EQ(error_of([] {
              parse_optimizer(Json::parse(R"({"type": "SGD", "lr": 1, "nesterov": true})"),
                              "optimizer");
            }),
            "optimizer.nesterov: Nesterov momentum requires a momentum > 0 and zero dampening");
  EXPECT_EQ(error_of([] {
              parse_optimizer(Json::parse(R"({"type": "Adam", "lr": 1, "betas": [0.9, 1.0]})"),
                              "optimizer");
            }),
            "optimizer.betas[1]: must be a number in [0, 1), got 1.0");
  EXPECT_EQ(error_of([] {
              parse_optimizer(Json::parse(R"({"type": "Adam", "lr": 1, "momentum": 0.9})"),
                              "optimizer");
            }),
            "optimizer.momentum: unknown key");
  EXPECT_EQ(
      error_of([] { parse_optimizer(Json::parse(R"({"type": "sgd", "lr": 1})"), "optimizer"); }),
      "optimizer.type: must be one of \"SGD\", \"Adam\", \"AdamW\" or \"RMSprop\", got \"sgd\"; "
      "did you mean \"SGD\"?");
}

TEST(OptimizerSpec, SavedParamGroupsAreValidatedLikeSpecs) {
  auto groups = parse_optimizer(Json::parse(R"({"type": "Adam", "lr": 0.1})"), "optimizer").groups;
  EXPECT_EQ(error_of([&] {
              param_groups_from_json(Json::parse(R"([{"betas": [0.9, 0.99]}])"), "state", groups);
            }),
            "state[0].lr: is required in a saved param group");
  EXPECT_EQ(error_of([&] {
              param_groups_from_json(Json::parse(R"([{"lr": 1, "betas": 3}])"), "state", groups);
            }),
            "state[0].betas: must be an array of 2 numbers, got 3");
  EXPECT_EQ(error_of([&] { param_groups_from_json(Json::parse(R"([{}, {}])"), "state", groups); }),
            "state: must be an array of 1 param groups, got an array of 2");
  param_groups_from_json(Json::parse(R"([{"lr": 0.5, "initial_lr": 0.1, "betas": [0.8, 0.99]}])"),
                         "state", groups);
  EXPECT_EQ(groups[0].lr, 0.5);
  EXPECT_EQ(groups[0].initial_lr.value(), 0.1);
  EXPECT_EQ(groups[0].beta1, 0.8);
}

}  // namespace
}  // namespace lrlab
