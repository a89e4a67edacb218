// torch.optim.SGD, torch 1.13 `_single_tensor_sgd` (torch/optim/sgd.py L225-245);
// https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
#pragma once

#include <vector>

#include "optim/optimizer.hpp"
#include "optim/optimizer_declaration.hpp"

namespace lrlab {

class Sgd final : public Optimizer {
 public:
  explicit Sgd(size_t n) : d_p_(n), buf_(n) {}
  void step(const ParamGroup& group, float* params, const float* grads, size_t n) override;

 private:
  std::vector<float> d_p_, buf_;
  bool has_buf_ = false;  // state["momentum_buffer"] is None until the first step with momentum
};

}  // namespace lrlab
