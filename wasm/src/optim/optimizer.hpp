// torch.optim.Optimizer for one flat float32 parameter buffer (the MLP's W1, b1, W2, ...
// back to back). Every update rule is element-wise, so one pass over the flat buffer
// equals torch's per-tensor loop of the 1.13 single-tensor (foreach=False) path.
//
// The hyper-parameters are read from the ParamGroup at every step, exactly where torch
// reads group["lr"], group["momentum"], group["betas"]: a scheduler that writes the group
// in place between steps drives the optimizer as in PyTorch.
// torch applies Python-double scalars to float32 tensors as float32 scalars
// (as torch stores them), hence the static_cast<float> at each use.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "optim/param_group.hpp"

namespace lrlab {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // One optimizer.step() for the n parameters of `group`, given their gradients.
  virtual void step(const ParamGroup& group, float* params, const float* grads, size_t n) = 0;
  // The state a fresh optimizer would have after `steps` steps of the same run, whose first
  // step saw `first` (a schedule resumed at that step): Adam's step count, whether RMSprop made
  // its momentum buffer. SGD's buffer only changes values, never what raises.
  virtual void resume(double /*steps*/, const ParamGroup& /*first*/) {}
  // The size of the group's first parameter tensor (the MLP's W1). torch 1.13's single-tensor
  // loop updates tensor by tensor, so a step that raises does so in the first tensor, after
  // what came before the raise for it alone (AdamW's decay). Default: one tensor.
  void set_first_tensor(size_t n) { first_tensor_ = n; }

 protected:
  size_t first_tensor_ = static_cast<size_t>(-1);
};

// The gradient every torch 1.13 single-tensor update starts from:
//   grad = grad if not maximize else -grad;  grad = grad.add(param, alpha=weight_decay)
// `l2` is the coupled weight decay (0 for AdamW, which decays the parameter instead).
void regularized_gradient(bool maximize, double l2, const float* params, const float* grads,
                          float* out, size_t n);

// What torch 1.13's optimizer.step() raises before it could update a parameter, from one
// Python-double scalar of the step (docs/pytorch-semantics.md 3): the scalar reaches a float32
// tensor op (add_'s alpha, addcdiv_'s value) through c10::checked_convert, so a finite value
// beyond float's range raises RuntimeError; infinities and NaN pass. SGD and RMSprop pass -lr,
// Adam and AdamW -lr / (1 - beta1 ** step). Throws RunError naming the optimizer and `what`.
void check_float_scalar(double value, const char* optimizer, const char* what);

// "SGD" | "Adam" | "AdamW" | "RMSprop" (the type names of parse_optimizer), for n parameters.
std::unique_ptr<Optimizer> make_optimizer(const std::string& type, size_t n);

}  // namespace lrlab
