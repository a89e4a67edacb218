#include "optim/rmsprop.hpp"

#include <cmath>

#include "cold_code.hpp"
#include "spec/message_text.hpp"
#include "spec/spec_error.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

const OptimizerDecl& rmsprop_declaration() {
  static constexpr ParamDecl kParams[] = {
      lr_param().defaults_to(1e-2),
      number_param("alpha")
          .defaults_to(0.99)
          .in(Range::closed(0.0, kMaxOptimizerFactor))  // "Invalid alpha value"
          .describe("Smoothing constant"),
      number_param("eps")
          .defaults_to(1e-8)
          .in(Range::closed(0.0, kMaxOptimizerFactor))
          .describe("Added to the denominator for numerical stability"),
      weight_decay_param().defaults_to(0.0),
      number_param("momentum")
          .defaults_to(0.0)
          .in(Range::closed(0.0, kMaxOptimizerFactor))
          .describe("Momentum factor"),
      boolean_param("centered")
          .defaults_to(false)
          .describe("Normalize by an estimate of the gradient's variance"),
      maximize_param()};
  static constexpr OptimizerDecl kDecl{
      "RMSprop", "RMSprop: divides the gradient by a running root mean square.", kParams};
  return kDecl;
}

LRLAB_COLD static void raise_missing_momentum_buffer(double momentum) {
  throw_run_error("KeyError", concat({"'momentum_buffer' (RMSprop momentum ", Json(momentum).dump(),
                                      " after a first step with momentum <= 0: torch 1.13 made "
                                      "no momentum buffer then)"}));
}

void RmsProp::step(const ParamGroup& g, float* p, const float* grad_in, size_t n) {
  // torch 1.13 makes state["momentum_buffer"] only if momentum > 0 at the first step, and reads
  // it whenever momentum > 0: a momentum a scheduler cycles up from 0 or below raises KeyError.
  if (!started_) {
    started_ = true;
    has_buf_ = g.momentum > 0.0;
  } else if (g.momentum > 0.0 && !has_buf_) {
    raise_missing_momentum_buffer(g.momentum);
  }
  // param.addcdiv_(..., value=-lr) / add_(buf, alpha=-lr)
  check_float_scalar(g.lr, "RMSprop", "lr");
  float* grad = grad_.data();
  regularized_gradient(g.maximize, g.weight_decay, p, grad_in, grad, n);
  const float alpha = static_cast<float>(g.alpha),
              one_minus_alpha = static_cast<float>(1.0 - g.alpha);
  float* sq = square_avg_.data();
  // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
  // (ATen groups addcmul as self + value * t1 * t2, PointwiseOpsKernel.cpp)
  for (size_t i = 0; i < n; ++i) sq[i] = sq[i] * alpha + one_minus_alpha * grad[i] * grad[i];
  float* avg = avg_.data();
  const float eps = static_cast<float>(g.eps);
  if (g.centered) {
    float* ga = grad_avg_.data();
    // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha);
    // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
    for (size_t i = 0; i < n; ++i) {
      ga[i] = ga[i] * alpha + one_minus_alpha * grad[i];
      avg[i] = std::sqrt(sq[i] + -1.0f * ga[i] * ga[i]) + eps;
    }
  } else {
    for (size_t i = 0; i < n; ++i) avg[i] = std::sqrt(sq[i]) + eps;  // square_avg.sqrt().add_(eps)
  }
  const float neg_lr = static_cast<float>(-g.lr);
  if (g.momentum > 0.0) {
    // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr).
    // The buffer starts at zeros (state init, rmsprop.py L133-134).
    float* buf = buf_.data();
    const float m = static_cast<float>(g.momentum);
    for (size_t i = 0; i < n; ++i) {
      buf[i] = buf[i] * m + grad[i] / avg[i];
      p[i] = p[i] + neg_lr * buf[i];
    }
  } else {
    for (size_t i = 0; i < n; ++i)
      p[i] = p[i] + neg_lr * grad[i] / avg[i];  // addcdiv_(grad, avg, value=-lr)
  }
}

}  // namespace lrlab
