// torch.optim.RMSprop, torch 1.13 `_single_tensor_rmsprop` (torch/optim/rmsprop.py L225-268);
// https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
#pragma once

#include <vector>

#include "optim/optimizer.hpp"
#include "optim/optimizer_declaration.hpp"

namespace lrlab {

class RmsProp final : public Optimizer {
 public:
  explicit RmsProp(size_t n) : grad_(n), square_avg_(n), grad_avg_(n), buf_(n), avg_(n) {}
  void step(const ParamGroup& group, float* params, const float* grads, size_t n) override;
  void resume(double steps, const ParamGroup& first) override {
    started_ = steps > 0;
    has_buf_ = started_ && first.momentum > 0.0;
  }

 private:
  std::vector<float> grad_, square_avg_, grad_avg_, buf_, avg_;
  bool started_ = false;  // the state was initialized (torch: len(state) > 0)
  bool has_buf_ = false;  // state["momentum_buffer"] exists: momentum > 0 at the first step
};

}  // namespace lrlab
