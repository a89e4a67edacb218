// An optimizer class as data: its constructor parameters with torch 1.13's defaults and the
// domains its constructor accepts ("Invalid learning rate: {}" and the like), narrowed only by
// the engine's protective bounds. Each optimizer's file declares itself; parse_optimizer()
// validates the run-spec's "optimizer" object and each of its param_groups through it.
#pragma once

#include <string>
#include <vector>

#include "spec/param_declaration.hpp"

namespace lrlab {

// Constant data, as SchedulerDecl: a static constexpr value in the optimizer's file.
struct OptimizerDecl {
  const char* type;  // torch.optim class name
  const char* description;
  ParamList params;  // kwargs a param group may override (all but "params")
};

constexpr double kMaxOptimizerLr = 1e6;  // far above any useful LR, below overflow trouble
constexpr double kMaxOptimizerFactor = 1e3;

// Shared by all four: lr (with its torch default, or required), weight_decay, maximize.
// lr: chain .is_required() or .defaults_to(...)
constexpr ParamDecl lr_param() {
  return number_param("lr")
      .in(Range::closed(0.0, kMaxOptimizerLr))  // "Invalid learning rate: {}"
      .describe("Learning rate");
}

constexpr ParamDecl weight_decay_param() {
  return number_param("weight_decay")
      .in(Range::closed(0.0, kMaxOptimizerFactor))  // "Invalid weight_decay value"
      .describe("Weight decay (L2 penalty; decoupled for AdamW)");
}

constexpr ParamDecl maximize_param() {
  return boolean_param("maximize")
      .defaults_to(false)
      .describe("Maximize the objective instead of minimizing");
}

const OptimizerDecl& sgd_declaration();      // sgd.cpp
const OptimizerDecl& adam_declaration();     // adam.cpp
const OptimizerDecl& adamw_declaration();    // adam.cpp
const OptimizerDecl& rmsprop_declaration();  // rmsprop.cpp

// SGD, Adam, AdamW, RMSprop.
std::vector<const OptimizerDecl*> optimizer_declarations();
Json describe_optimizers();

}  // namespace lrlab
