// The bench's baseline (issue 12): the same training as TrainSession, written as the
// best native implementation of that math we know, on Eigen 3.4's matrix products
// (GEMM with AVX2/FMA packets under -march=native). Same MLP (Linear -> ReLU -> ... ->
// Linear, softmax cross-entropy, mean over the batch), same data, batches and initial
// weights, SGD with the spec's lr and momentum (torch's buffer rule), StepLR per epoch
// when the spec has one, every batch loss read back and the held-out split evaluated
// after each epoch, as the course's runs do.
#pragma once

#include <vector>

#include "train/train_spec.hpp"

namespace lrlab::bench {

struct EigenRun {
  double seconds = 0.0;                 // training only (all epochs)
  std::vector<double> epoch_loss;       // sample-weighted mean batch loss per epoch
  std::vector<float> final_parameters;  // flat W1, b1, W2, b2, ... (the engine's layout)
};

// Trains `spec` (no shuffle, SGD, no scheduler or StepLR) from `initial` parameters.
EigenRun eigen_train(const TrainSpec& spec, const std::vector<float>& initial);

}  // namespace lrlab::bench
