// One training run, epoch by epoch: the docs/run-spec.md 4.1 loop (mini-batches in order or
// shuffled, last partial batch kept, optimizer.step, scheduler stepped per batch or per
// epoch, ReduceLROnPlateau fed the chosen metric), a held-out evaluation after every
// epoch, and divergence detection. The same spec gives bit-identical results.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nn/mlp.hpp"
#include "nn/seeded_random.hpp"
#include "optim/optimizer.hpp"
#include "sched/lr_scheduler.hpp"
#include "train/train_spec.hpp"

namespace lrlab {

class TrainSession {
 public:
  explicit TrainSession(const Json& spec);  // throws SpecError
  ~TrainSession();
  TrainSession(const TrainSession&) = delete;  // the scheduler points into groups_
  TrainSession& operator=(const TrainSession&) = delete;

  bool done() const;  // all epochs run, diverged, or a scheduler raised
  Json next_epoch();  // trains one epoch and returns its EpochRecord (docs/run-spec.md 4)
  // Trains up to `max_batches` more batches of the current (or next) epoch; returns the
  // epoch's record when it finishes within them, else null (the run can stop between calls).
  Json run_batches(size_t max_batches);
  size_t batches_per_epoch() const { return batches_per_epoch_; }
  // TrainResult for the epochs run so far. Without `with_records` it leaves out what a caller
  // that kept every epoch record and its per-batch values (bindings.hpp train_steps) already
  // holds (epochs, batch_loss, lr, momentum: docs/run-spec.md 4.1), for it to join (the JS
  // API; issue 12: serializing and parsing them twice was a fifth of a seed-lesson
  // training). Between epochs only.
  Json result(bool with_records = true) const;
  bool in_epoch() const { return in_epoch_; }         // an epoch has begun and not finished
  size_t epochs_run() const { return epoch_index_; }  // epoch records made so far

  // The latest epoch record's per-batch values, one per optimizer step (docs/run-spec.md 4):
  // array 0 is its batch_loss, arrays 1..g its lr_steps per parameter group and, when
  // momentum is recorded, arrays g+1..2g its momentum_steps. Until the session trains again.
  size_t step_arrays() const { return 1 + lr_.size() + momentum_.size(); }
  size_t group_count() const { return groups_.size(); }
  size_t last_epoch_steps() const { return batch_loss_.back().size(); }  // epochs_run() > 0
  const double* last_epoch_step_array(size_t k) const;
  // The records it returns leave those arrays out, for a caller that reads them apart: the JS
  // API, as doubles in WASM memory (formatting and parsing them as JSON was a sixth of a
  // seed-lesson training: issue 12). result() still has them.
  void leave_step_values_out_of_records() { step_values_apart_ = true; }
  // Prediction trace of sample `sample` of split "train" | "test" with the current weights.
  Json trace(size_t sample, const std::string& split) const;
  Json data_summary() const;
  const Warnings& warnings() const { return spec_.warnings; }
  // The run as PyTorch can replay it: {"data": {"x", "y"} (training rows in training
  // order), "test": {"x", "y"}, "model": {"sizes", "init"}} with the initial weights
  // (valid before the first epoch). Used by scripts/seed_lesson.py and the bench.
  Json export_fixture() const;

  // For tests and the bench.
  const Mlp& model() const { return model_; }
  const TrainSpec& spec() const { return spec_; }

 private:
  // Rows rows[0..count) of x (the first count when rows is null), with their labels y.
  struct Batch {
    const float* x;
    const uint32_t* rows;
    const int32_t* y;
    size_t count;
  };
  // What an epoch in progress has gathered so far.
  struct EpochProgress {
    size_t batch = 0;       // batches trained (optimizer steps taken) this epoch
    size_t first_step = 0;  // index into lr_ of the epoch's first optimizer step
    bool stopped = false;   // diverged, or a scheduler raised
    std::vector<double> first_lr;
    double loss_sum = 0.0;  // sum of batch loss x batch size
    size_t correct = 0;
  };
  void begin_epoch();
  Batch next_batch();
  // The step-order variant (scheduler.step() before optimizer.step()) and the normal
  // order; each steps only when `when` is the spec's scheduler_step. True: the run stopped.
  bool scheduler_before_update(SchedulerStep when);
  bool scheduler_after_update(SchedulerStep when);
  // scheduler.step(); a RunError PyTorch would raise is kept as the run's error. False then.
  bool step_scheduler();
  void record_step(const BatchOutcome& out, size_t count);
  bool loss_diverged(float loss);
  void keep_weights_before_update();
  bool weights_diverged();
  // optimizer.step(); false when it raised (optimizer.hpp: a step scalar beyond float32)
  bool step_optimizer();
  void optimizer_failed(const RunError& err);
  Json finish_epoch();
  // Epoch `epoch`'s record with its per-batch arrays; its first optimizer step is `first_step`.
  void add_step_values(Json& record, size_t epoch, size_t first_step) const;
  double plateau_metric(double train_loss, double train_accuracy, double val_loss,
                        double val_accuracy) const;

  TrainSpec spec_;
  Mlp model_;
  std::vector<ParamGroup> groups_;
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<LRScheduler> scheduler_;
  bool record_momentum_ = false;
  bool step_values_apart_ = false;
  SeededRandom shuffle_random_;
  std::vector<uint32_t> order_;  // sample order of the current epoch (when shuffling)
  std::vector<int32_t> batch_y_;
  std::vector<float> before_step_;  // parameters before the latest update, for divergence
  std::vector<float> initial_parameters_;

  size_t batches_per_epoch_ = 0;
  size_t epoch_index_ = 0;  // epochs finished
  bool in_epoch_ = false;
  EpochProgress epoch_;
  std::vector<Json> epochs_;  // the records, without their per-batch arrays
  std::vector<double> epoch_loss_;
  std::vector<std::vector<double>> batch_loss_;
  std::vector<std::vector<double>> lr_, momentum_;  // [group][optimizer step]
  Json diverged_at_ = nullptr;
  Json error_ = nullptr;
};

}  // namespace lrlab
