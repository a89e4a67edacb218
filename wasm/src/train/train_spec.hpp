// The training run-spec (docs/run-spec.md 4: the fixture form and the lesson form),
// read and validated field by field: every error names the JSON path and the range.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "optim/param_group.hpp"
#include "spec/param_declaration.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

enum class SchedulerStep { kEpoch, kBatch };

struct TrainSpec {
  DataSplit data;
  std::vector<int> sizes;   // [in, hidden..., out]
  std::vector<float> init;  // flat W1, b1, W2, b2, ... (Mlp layout); empty: seeded default init
  uint32_t model_seed = 0;
  OptimizerSpec optimizer;
  Json scheduler;  // null or the scheduler object (built by make_scheduler)
  SchedulerStep scheduler_step = SchedulerStep::kEpoch;
  // "before_optimizer" reproduces the classic loop bug: scheduler.step() called before
  // optimizer.step() (at the top of each epoch, or before each update when stepped per
  // batch). Torch warns and the schedule's first value is never trained with.
  bool scheduler_before_optimizer = false;
  std::string plateau_metric;  // "train_loss" | "val_loss" | "train_accuracy" | "val_accuracy"
  size_t epochs = 10;
  size_t batch_size = 32;
  bool shuffle = false;
  uint32_t shuffle_seed = 0;
  // Each epoch record carries its per-batch arrays (batch_loss, lr_steps, momentum_steps);
  // false leaves them to the result, for callers that read only epoch values (a sweep).
  bool batch_records = true;
  // Where torch runs the spec in a surprising way (docs/pytorch-semantics.md): reported with
  // the result, the run goes ahead with torch's numbers.
  Warnings warnings;
};

struct TrainLimits {
  static constexpr size_t kMaxLayers = 8;
  static constexpr int64_t kMaxWidth = 1024;
  static constexpr size_t kMaxParameters = 4000000;
  static constexpr int64_t kMaxEpochs = 10000;
  static constexpr size_t kMaxSampleSteps = 100000000;  // epochs x training samples
  static constexpr size_t kMaxOptimizerSteps =
      2000000;  // epochs x batches: per-step LRs and losses are recorded
};

TrainSpec parse_train_spec(const Json& spec);

}  // namespace lrlab
