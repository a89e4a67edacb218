// Optimizer steps against values derived by hand from the torch 1.13 update rules
// (sgd.py, adam.py, adamw.py, rmsprop.py). One parameter p = 1 with gradient 0.5 unless
// stated; float32 results compared to the exact arithmetic within float rounding.
#include <gtest/gtest.h>

#include <cmath>

#include "optim/optimizer.hpp"

namespace lrlab {
namespace {

ParamGroup group(double lr) {
  ParamGroup g;
  g.lr = lr;
  return g;
}

// Runs `steps` steps with gradient `grad` and returns the parameter.
std::vector<float> run(const std::string& type, std::vector<ParamGroup> per_step, float p0 = 1.0f,
                       float grad = 0.5f) {
  auto opt = make_optimizer(type, 1);
  std::vector<float> p = {p0}, out;
  for (const auto& g : per_step) {
    opt->step(g, p.data(), &grad, 1);
    out.push_back(p[0]);
  }
  return out;
}

constexpr double kTol = 1e-6;

TEST(OptimSgd, PlainStepIsLrTimesGradient) {
  const auto p = run("SGD", {group(0.1), group(0.1)});
  EXPECT_NEAR(p[0], 0.95, kTol);
  EXPECT_NEAR(p[1], 0.90, kTol);
}

TEST(OptimSgd, MomentumDampeningWeightDecay) {
  ParamGroup g = group(0.1);
  g.momentum = 0.9, g.dampening = 0.5, g.weight_decay = 0.1;
  const auto p = run("SGD", {g, g});
  // step 1: d_p = 0.5 + 0.1*1 = 0.6; buf = 0.6 (no dampening at the first step); p = 1 - 0.06
  EXPECT_NEAR(p[0], 0.94, kTol);
  // step 2: d_p = 0.5 + 0.1*0.94 = 0.594; buf = 0.9*0.6 + 0.5*0.594 = 0.837; p = 0.94 - 0.0837
  EXPECT_NEAR(p[1], 0.8563, kTol);
}

TEST(OptimSgd, Nesterov) {
  ParamGroup g = group(0.1);
  g.momentum = 0.9, g.nesterov = true, g.weight_decay = 0.1;
  const auto p = run("SGD", {g, g});
  // step 1: d_p = 0.6, buf = 0.6, d_p = 0.6 + 0.9*0.6 = 1.14; p = 1 - 0.114
  EXPECT_NEAR(p[0], 0.886, kTol);
  // step 2: d_p = 0.5 + 0.0886 = 0.5886; buf = 0.54 + 0.5886 = 1.1286; d_p = 0.5886 + 1.01574
  EXPECT_NEAR(p[1], 0.886 - 0.1 * (0.5886 + 0.9 * 1.1286), kTol);
}

TEST(OptimSgd, MaximizeAscends) {
  ParamGroup g = group(0.1);
  g.maximize = true;
  EXPECT_NEAR(run("SGD", {g})[0], 1.05, kTol);
}

TEST(OptimSgd, LrAndMomentumAreReadEveryStep) {
  ParamGroup a = group(0.1), b = group(0.2);
  a.momentum = 0.9, b.momentum = 0.5;
  const auto p = run("SGD", {a, b});
  // step 2 uses lr 0.2 and momentum 0.5: buf = 0.5*0.5 + 0.5 = 0.75; p = 0.95 - 0.15
  EXPECT_NEAR(p[1], 0.80, kTol);
}

TEST(OptimAdam, ConstantGradientMovesByLr) {
  ParamGroup g = group(0.1);
  g.has_betas = true;
  const auto p = run("Adam", {g, g});
  // step 1: m = 0.05, v = 0.00025, step_size = 0.1/0.1 = 1, denom = sqrt(0.00025/0.001) + eps = 0.5
  EXPECT_NEAR(p[0], 0.9, kTol);
  // step 2: m = 0.095, v = 0.00049975, step_size = 0.1/0.19, denom = sqrt(0.00049975/0.001999) =
  // 0.5
  EXPECT_NEAR(p[1], 0.8, kTol);
}

TEST(OptimAdam, Beta1IsReReadForTheBiasCorrection) {
  ParamGroup a = group(0.1), b = group(0.1);
  a.has_betas = b.has_betas = true;
  b.beta1 = 0.8;
  const auto p = run("Adam", {a, b});
  // step 2: m = 0.8*0.05 + 0.2*0.5 = 0.14; bias_correction1 = 1 - 0.8**2 = 0.36; denom 0.5
  EXPECT_NEAR(p[1], 0.9 - (0.1 / 0.36) * 0.14 / 0.5, kTol);
}

TEST(OptimAdam, L2WeightDecayAndAmsgrad) {
  ParamGroup g = group(0.1);
  g.has_betas = true, g.weight_decay = 0.2, g.amsgrad = true;
  // grad = 0.5 + 0.2*1 = 0.7: the first Adam step is lr*sign regardless of the size.
  const auto p = run("Adam", {g});
  EXPECT_NEAR(p[0], 0.9, kTol);
  // amsgrad with a shrinking gradient keeps the larger second moment.
  auto opt = make_optimizer("Adam", 1);
  ParamGroup h = group(0.1);
  h.has_betas = true, h.amsgrad = true;
  float q = 1.0f, g1 = 1.0f, g2 = 0.0f;
  opt->step(h, &q, &g1, 1);  // m = 0.1, v = 0.001, vmax = 0.001 -> q = 0.9
  opt->step(h, &q, &g2, 1);  // m = 0.09, v = 0.000999, vmax = 0.001
  const double denom = std::sqrt(0.001) / std::sqrt(1 - 0.999 * 0.999) + 1e-8;
  EXPECT_NEAR(q, 0.9 - (0.1 / 0.19) * 0.09 / denom, kTol);
}

TEST(OptimAdamW, DecoupledDecayUsesTheStepLr) {
  ParamGroup g = group(0.1);
  g.has_betas = true, g.weight_decay = 0.1;
  const auto p = run("AdamW", {g, g});
  // p *= 1 - 0.1*0.1 first, then the Adam step of -lr
  EXPECT_NEAR(p[0], 0.99 - 0.1, kTol);
  EXPECT_NEAR(p[1], 0.89 * 0.99 - 0.1, kTol);
}

TEST(OptimRmsprop, PlainCenteredMomentum) {
  ParamGroup g = group(0.01);
  g.has_momentum = true;
  auto p = run("RMSprop", {g, g});
  // sq = 0.01*0.25 = 0.0025, avg = 0.05: p = 1 - 0.01*0.5/0.05; then sq = 0.004975
  EXPECT_NEAR(p[0], 0.9, kTol);
  EXPECT_NEAR(p[1], 0.9 - 0.01 * 0.5 / (std::sqrt(0.004975) + 1e-8), kTol);

  ParamGroup c = g;
  c.centered = true;
  p = run("RMSprop", {c});
  // grad_avg = 0.005: avg = sqrt(0.0025 - 0.005**2)
  EXPECT_NEAR(p[0], 1 - 0.01 * 0.5 / std::sqrt(0.002475), kTol);

  ParamGroup m = g;
  m.momentum = 0.9;
  p = run("RMSprop", {m, m});
  // buf = 0.5/0.05 = 10 -> p = 0.9; buf = 9 + 0.5/sqrt(0.004975)
  EXPECT_NEAR(p[0], 0.9, kTol);
  EXPECT_NEAR(p[1], 0.9 - 0.01 * (9 + 0.5 / std::sqrt(0.004975)), kTol);
}

TEST(OptimRmsprop, WeightDecayAddsToGradient) {
  ParamGroup g = group(0.01);
  g.weight_decay = 0.5;  // grad = 0.5 + 0.5 = 1: sq = 0.01, avg = 0.1
  EXPECT_NEAR(run("RMSprop", {g})[0], 1 - 0.01 * 1 / 0.1, kTol);
}

}  // namespace
}  // namespace lrlab
