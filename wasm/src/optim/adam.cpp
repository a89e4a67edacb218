#include "optim/adam.hpp"

#include <array>
#include <cmath>

#include "cold_code.hpp"
#include "platform/python_arithmetic.hpp"
#include "spec/message_text.hpp"
#include "spec/spec_error.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

namespace {
// Adam's and AdamW's parameters differ only in torch's default weight_decay.
constexpr std::array<ParamDecl, 6> adam_params(double weight_decay) {
  return {lr_param().defaults_to(1e-3),
          list_param("betas")
              .defaults_to(0.9, 0.999)
              .exactly(2)
              .in(Range::closed_open(0.0, 1.0))  // "Invalid beta parameter at index {}"
              .describe("Coefficients of the running averages of the gradient and its square"),
          number_param("eps")
              .defaults_to(1e-8)
              .in(Range::closed(0.0, kMaxOptimizerFactor))  // "Invalid epsilon value"
              .describe("Added to the denominator for numerical stability"),
          weight_decay_param().defaults_to(weight_decay),
          boolean_param("amsgrad").defaults_to(false).describe("The AMSGrad variant"),
          maximize_param()};
}

LRLAB_COLD void raise_zero_bias_correction(const char* optimizer, double beta1) {
  throw_run_error("ZeroDivisionError", concat({"float division by zero (", optimizer, " betas[0] ",
                                               Json(beta1).dump(), ": 1 - beta1 ** step is 0)"}));
}
}  // namespace

const OptimizerDecl& adam_declaration() {
  static constexpr std::array<ParamDecl, 6> kParams = adam_params(0.0);
  static constexpr OptimizerDecl kDecl{
      "Adam",
      "Adam: adaptive moments, weight decay added to the gradient (L2).",
      {kParams.data(), kParams.size()}};
  return kDecl;
}

const OptimizerDecl& adamw_declaration() {
  static constexpr std::array<ParamDecl, 6> kParams = adam_params(1e-2);
  static constexpr OptimizerDecl kDecl{
      "AdamW",
      "Adam with decoupled weight decay (the parameter itself decays).",
      {kParams.data(), kParams.size()}};
  return kDecl;
}

void Adam::step(const ParamGroup& g, float* p, const float* grad_in, size_t n) {
  float* grad = grad_.data();
  // Adam adds weight_decay * param to the gradient; AdamW decays the parameter itself.
  regularized_gradient(g.maximize, decoupled_ ? 0.0 : g.weight_decay, p, grad_in, grad, n);
  step_ += 1.0;
  // Python doubles: bias corrections, step_size = lr / bias_correction1, sqrt(bias_correction2),
  // computed for the first tensor after its decay and its moments, where a raise leaves torch:
  // AdamW's first tensor decayed, the others not (its loop had not reached them). beta1 ** step
  // may overflow (a cycled beta1 > 1); lr / 0.0 raises (a cycled beta1 of exactly 1);
  // step_size goes to addcdiv_. The moments do not change a parameter, so they follow.
  const float shrink = static_cast<float>(1.0 - g.lr * g.weight_decay);
  const size_t first = first_tensor_ < n ? first_tensor_ : n;
  // param.mul_(1 - lr * weight_decay)   (adamw.py, "Perform stepweight decay")
  if (decoupled_)
    for (size_t i = 0; i < first; ++i) p[i] = p[i] * shrink;
  const double bias_correction1 = 1.0 - py_pow(g.beta1, step_);
  const char* name = decoupled_ ? "AdamW" : "Adam";
  if (bias_correction1 == 0.0) raise_zero_bias_correction(name, g.beta1);
  check_float_scalar(g.lr / bias_correction1, name, "step size lr / (1 - beta1 ** step)");
  const double bias_correction2 = 1.0 - py_pow(g.beta2, step_);
  if (decoupled_)
    for (size_t i = first; i < n; ++i) p[i] = p[i] * shrink;
  // beta1 is re-read from the group every step (OneCycleLR cycles it).
  const float b1 = static_cast<float>(g.beta1), one_minus_b1 = static_cast<float>(1.0 - g.beta1);
  const float b2 = static_cast<float>(g.beta2), one_minus_b2 = static_cast<float>(1.0 - g.beta2);
  float* m = exp_avg_.data();
  float* v = exp_avg_sq_.data();
  for (size_t i = 0; i < n; ++i) {
    m[i] = m[i] * b1 + one_minus_b1 * grad[i];  // exp_avg.mul_(beta1).add_(grad, alpha=1-beta1)
    v[i] = v[i] * b2 + one_minus_b2 * grad[i] *
                           grad[i];  // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1-beta2)
  }
  const float neg_step_size = static_cast<float>(-(g.lr / bias_correction1));
  const float bc2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
  const float eps = static_cast<float>(g.eps);
  const float* second = v;
  if (g.amsgrad) {
    float* vmax = max_exp_avg_sq_.data();  // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=...)
    for (size_t i = 0; i < n; ++i) vmax[i] = vmax[i] < v[i] ? v[i] : vmax[i];
    second = vmax;
  }
  float* denom = denom_.data();
  // denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
  for (size_t i = 0; i < n; ++i) denom[i] = std::sqrt(second[i]) / bc2_sqrt + eps;
  // param.addcdiv_(exp_avg, denom, value=-step_size); ATen's addcmul/addcdiv kernels
  // (PointwiseOpsKernel.cpp) group as self + value * t1 * t2 and self + value * t1 / t2.
  for (size_t i = 0; i < n; ++i) p[i] = p[i] + neg_step_size * m[i] / denom[i];
}

}  // namespace lrlab
