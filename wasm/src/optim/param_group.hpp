// One optimizer parameter group, as the dict PyTorch keeps in
// `optimizer.param_groups[g]`: the hyper-parameters of its optimizer plus the keys
// schedulers write into it (`initial_lr`; OneCycleLR's `max_lr`, `min_lr`, ...).
// Schedulers read and write these fields exactly where PyTorch reads and writes
// the dict, so composing schedulers on one optimizer behaves as in PyTorch.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/param_declaration.hpp"

namespace lrlab {

struct ParamGroup {
  double lr = 0.0;
  std::optional<double> initial_lr;  // set (setdefault) by the first scheduler built

  // Keys OneCycleLR stores in the group (torch 1.13 lr_scheduler.py L1633-1652).
  std::optional<double> max_lr, min_lr, max_momentum, base_momentum;

  // `momentum` exists for SGD and RMSprop, `betas` for Adam and AdamW: CyclicLR and
  // OneCycleLR decide what to cycle by which key the group has.
  bool has_momentum = false;
  double momentum = 0.0;
  bool has_betas = false;
  double beta1 = 0.9, beta2 = 0.999;

  double dampening = 0.0;     // SGD
  bool nesterov = false;      // SGD
  double weight_decay = 0.0;  // all
  double eps = 1e-8;          // Adam, AdamW, RMSprop
  double alpha = 0.99;        // RMSprop
  bool centered = false;      // RMSprop
  bool amsgrad = false;       // Adam, AdamW
  bool maximize = false;      // all
};

struct OptimizerSpec {
  std::string type;  // "SGD" | "Adam" | "AdamW" | "RMSprop"
  std::vector<ParamGroup> groups;
};

// The run-spec's "optimizer" object (docs/run-spec.md 1.1): top-level kwargs, optionally
// overridden per group by "param_groups". Validation mirrors torch.optim's
// constructor checks ("Invalid learning rate", "Nesterov momentum requires ...").
OptimizerSpec parse_optimizer(const Json& j, const std::string& path, Warnings* warnings = nullptr);

// The scheduler-relevant part of the optimizer state, for state_dict round trips.
Json param_groups_to_json(const std::vector<ParamGroup>& groups);
void param_groups_from_json(const Json& j, const std::string& path,
                            std::vector<ParamGroup>& groups);

}  // namespace lrlab
