// A multi-layer perceptron Linear -> ReLU -> ... -> Linear with softmax cross-entropy,
// in float32 like torch's default dtype.
//
// Mirrors torch.nn.Linear (weight is out x in, y = x W^T + b) and
// torch.nn.functional.cross_entropy(reduction="mean") on the logits
// (https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html,
//  https://pytorch.org/docs/1.13/generated/torch.nn.CrossEntropyLoss.html).
//
// All parameters live in one flat float buffer, tensor after tensor in the order
// W1, b1, W2, b2, ... (each in PyTorch's row-major memory layout), with a gradient
// buffer of the same layout, so an optimizer is an element-wise loop over one array.
// Batch workspaces are sized once for the largest batch: no allocation per batch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lrlab {

class SeededRandom;

// One parameter tensor inside the flat buffer.
struct ParameterTensor {
  std::string name;  // "W1", "b1", ...
  size_t offset;
  size_t rows, cols;  // bias: rows = out, cols = 1
  size_t size() const { return rows * cols; }
};

// Result of a forward pass over a batch.
struct BatchOutcome {
  float loss;      // mean cross-entropy, float32 as torch returns it
  size_t correct;  // argmax(logits) == label
};

class Mlp {
 public:
  // sizes = [in, hidden..., out]; at least 2 entries, all >= 1.
  explicit Mlp(std::vector<int> sizes);

  const std::vector<int>& sizes() const { return sizes_; }
  size_t num_layers() const { return sizes_.size() - 1; }
  size_t in_features() const { return static_cast<size_t>(sizes_.front()); }
  size_t out_features() const { return static_cast<size_t>(sizes_.back()); }
  const std::vector<ParameterTensor>& tensors() const { return tensors_; }
  const ParameterTensor& weight(size_t layer) const { return tensors_[2 * layer]; }
  const ParameterTensor& bias(size_t layer) const { return tensors_[2 * layer + 1]; }

  std::vector<float>& parameters() { return params_; }
  const std::vector<float>& parameters() const { return params_; }
  const std::vector<float>& gradients() const { return grads_; }

  // nn.Linear.reset_parameters (torch 1.13 nn/modules/linear.py L103-111):
  // kaiming_uniform_(a=sqrt(5)) gives bound = gain*sqrt(3/fan_in) = 1/sqrt(fan_in) for W,
  // and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). Drawn layer by layer, W before b,
  // row-major, each value float(-bound + 2*bound*u) with u from SeededRandom::uniform01.
  void reset_parameters(SeededRandom& random);

  // Forward and backward on `n` rows of `x` (row-major n x in) with labels `y`:
  // fills gradients() with d(mean loss)/d(parameter) (like zero_grad + backward).
  BatchOutcome train_batch(const float* x, const int32_t* y, size_t n);

  // The same on the rows rows[0..n) of x, y[i] the label of row rows[i]: the trainer's
  // shuffled batch, gathered straight into the padded input (one copy per row, not two).
  BatchOutcome train_rows(const float* x, const uint32_t* rows, const int32_t* y, size_t n);

  // Forward only. Adds the per-sample losses (as double) to *loss_sum.
  size_t evaluate(const float* x, const int32_t* y, size_t n, double* loss_sum);

  // Activations of one sample, for the prediction trace.
  struct Trace {
    std::vector<std::vector<float>> pre, post;  // per hidden layer
    std::vector<float> logits, probabilities;
    size_t predicted;
  };
  Trace trace(const float* x) const;

 private:
  void reserve_batch(size_t n);
  void grow_batch(size_t n);
  void refresh_forward_weights();
  void refresh_padded_weight(size_t l);
  // Copies n rows of x (row-major, in features each) into x_pad_: rows[0..n) when given,
  // else the first n.
  void load_input(const float* x, const uint32_t* rows, size_t n);
  // Forward and backward on the n rows in x_pad_.
  BatchOutcome train_input(const int32_t* y, size_t n);
  // Pre-activations of every layer for the n rows in x_pad_.
  void forward_input(size_t n);
  // Loss terms of the logits in acts_.back(); writes d loss/d logits into delta_ when wanted.
  BatchOutcome softmax_cross_entropy(const int32_t* y, size_t n, bool with_gradient,
                                     double* loss_sum);

  std::vector<int> sizes_;
  std::vector<ParameterTensor> tensors_;
  std::vector<float> params_, grads_;
  size_t capacity_ = 0;  // batch rows the workspaces hold
  // acts_[l]: n x padded sizes_[l+1] pre-activations of layer l (ReLU applied in place for hidden
  // layers; relu'(z) = (relu(z) > 0), as torch's threshold_backward uses the output).
  std::vector<std::vector<float>> acts_;
  // Rows padded to whole vectors (linear_kernels.hpp), padding zero.
  std::vector<float> x_pad_;               // the batch, n x padded in
  std::vector<std::vector<float>> wt_;     // W^T per layer (in x padded out), at each forward
  std::vector<std::vector<float>> w_pad_;  // W per layer (out x padded in), at each backward
  std::vector<std::vector<float>> b_pad_;  // bias per layer (padded out)
  std::vector<float> dw_pad_;              // dW of one layer (out x padded in)
  std::vector<float> delta_, delta_prev_;  // backward workspaces, n x max padded width
  // softmax_cross_entropy's per-row argmax, max and log of the sum of exponentials
  std::vector<uint32_t> row_best_;
  std::vector<float> row_max_, row_log_sum_;
};

}  // namespace lrlab
