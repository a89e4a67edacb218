// torch.optim.Adam and torch.optim.AdamW, torch 1.13 single-tensor paths
// (`_single_tensor_adam`, torch/optim/adam.py L350-412; `_single_tensor_adamw`,
// torch/optim/adamw.py L250-300); https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html,
// https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html
// The two differ only in weight decay: Adam adds wd*p to the gradient (L2), AdamW first
// shrinks the parameter by (1 - lr*wd) with the LR of this step (decoupled).
#pragma once

#include <vector>

#include "optim/optimizer.hpp"
#include "optim/optimizer_declaration.hpp"

namespace lrlab {

class Adam final : public Optimizer {
 public:
  Adam(size_t n, bool decoupled_weight_decay)
      : decoupled_(decoupled_weight_decay),
        grad_(n),
        exp_avg_(n),
        exp_avg_sq_(n),
        max_exp_avg_sq_(n),
        denom_(n) {}
  void step(const ParamGroup& group, float* params, const float* grads, size_t n) override;
  void resume(double steps, const ParamGroup&) override { step_ = steps; }

 private:
  bool decoupled_;
  double step_ = 0.0;  // state["step"], a float tensor read with .item()
  std::vector<float> grad_, exp_avg_, exp_avg_sq_, max_exp_avg_sq_, denom_;
};

}  // namespace lrlab
