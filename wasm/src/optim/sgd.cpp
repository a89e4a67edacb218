#include "optim/sgd.hpp"

namespace lrlab {

const OptimizerDecl& sgd_declaration() {
  static constexpr ParamDecl kParams[] = {
      lr_param().is_required(),  // torch 1.13: lr=required
      number_param("momentum")
          .defaults_to(0.0)
          .in(Range::closed(0.0, kMaxOptimizerFactor))  // "Invalid momentum value"
          .describe("Momentum factor"),
      number_param("dampening")
          .defaults_to(0.0)
          .in(Range::closed(-kMaxOptimizerFactor, kMaxOptimizerFactor))  // torch: no check
          .describe("Dampening for momentum"),
      weight_decay_param().defaults_to(0.0),
      boolean_param("nesterov")
          .defaults_to(false)
          .describe("Nesterov momentum (needs momentum > 0 and dampening 0)"),
      maximize_param()};
  static constexpr OptimizerDecl kDecl{
      "SGD", "Stochastic gradient descent with momentum, dampening and Nesterov momentum.",
      kParams};
  return kDecl;
}

void Sgd::step(const ParamGroup& g, float* p, const float* grad, size_t n) {
  // The scalars torch passes to float32 ops, in its order: d_p.add(buf, alpha=momentum) under
  // Nesterov, then param.add_(d_p, alpha=-lr) (optimizer.hpp).
  if (g.nesterov && g.momentum != 0.0) check_float_scalar(g.momentum, "SGD", "momentum");
  check_float_scalar(g.lr, "SGD", "lr");
  float* d_p = d_p_.data();
  regularized_gradient(g.maximize, g.weight_decay, p, grad, d_p, n);
  if (g.momentum != 0.0) {
    float* buf = buf_.data();
    const float m = static_cast<float>(g.momentum);
    if (!has_buf_) {
      // buf = torch.clone(d_p): the first step does not apply dampening.
      for (size_t i = 0; i < n; ++i) buf[i] = d_p[i];
      has_buf_ = true;
    } else {
      // buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
      const float keep = static_cast<float>(1.0 - g.dampening);
      for (size_t i = 0; i < n; ++i) buf[i] = buf[i] * m + keep * d_p[i];
    }
    if (g.nesterov) {
      for (size_t i = 0; i < n; ++i) d_p[i] = d_p[i] + m * buf[i];  // d_p.add(buf, alpha=momentum)
    } else {
      for (size_t i = 0; i < n; ++i) d_p[i] = buf[i];
    }
  }
  // param.add_(d_p, alpha=-lr)
  const float neg_lr = static_cast<float>(-g.lr);
  for (size_t i = 0; i < n; ++i) p[i] = p[i] + neg_lr * d_p[i];
}

}  // namespace lrlab
