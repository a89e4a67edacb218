// An optimizer class as data: its constructor parameters with torch 1.13's defaults and the
// domains its constructor accepts ("Invalid learning rate: {}" and the like), narrowed only by
// the engine's protective bounds. Each optimizer's file declares itself; parse_optimizer()
// validates the run-spec's "optimizer" object and each of its param_groups through it.
#pragma once

#include <string>
#include <vector>

#include "spec/param_declaration.hpp"

namespace lrlab {

struct OptimizerDecl {
  std::string type;  // torch.optim class name
  std::string description;
  std::vector<ParamDecl> params;  // kwargs a param group may override (all but "params")
};

constexpr double kMaxOptimizerLr = 1e6;  // far above any useful LR, below overflow trouble
constexpr double kMaxOptimizerFactor = 1e3;

// Shared by all four: lr (with its torch default, or required), weight_decay, maximize.
ParamDecl lr_param();  // chain .is_required() or .defaults_to(...)
ParamDecl weight_decay_param();
ParamDecl maximize_param();

const OptimizerDecl& sgd_declaration();      // sgd.cpp
const OptimizerDecl& adam_declaration();     // adam.cpp
const OptimizerDecl& adamw_declaration();    // adam.cpp
const OptimizerDecl& rmsprop_declaration();  // rmsprop.cpp

// SGD, Adam, AdamW, RMSprop.
std::vector<const OptimizerDecl*> optimizer_declarations();
Json describe_optimizers();

}  // namespace lrlab
