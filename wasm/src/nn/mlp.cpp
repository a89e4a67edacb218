#include "nn/mlp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "nn/linear_kernels.hpp"
#include "nn/seeded_random.hpp"

namespace lrlab {

namespace {

void transpose(const float* w, size_t rows, size_t cols, float* wt) {
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) wt[c * rows + r] = w[r * cols + c];
}

size_t argmax(const float* v, size_t n) {
  size_t best = 0;  // first maximum, as torch.argmax
  for (size_t j = 1; j < n; ++j)
    if (v[j] > v[best]) best = j;
  return best;
}

}  // namespace

Mlp::Mlp(std::vector<int> sizes) : sizes_(std::move(sizes)) {
  if (sizes_.size() < 2)
    throw std::invalid_argument("Mlp needs at least an input and an output size");
  size_t offset = 0;
  for (size_t l = 0; l + 1 < sizes_.size(); ++l) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    tensors_.push_back({"W" + std::to_string(l + 1), offset, out, in});
    offset += out * in;
    tensors_.push_back({"b" + std::to_string(l + 1), offset, out, 1});
    offset += out;
  }
  params_.assign(offset, 0.0f);
  grads_.assign(offset, 0.0f);
  acts_.resize(num_layers());
  wt_.resize(num_layers());
  for (size_t l = 0; l < num_layers(); ++l) wt_[l].resize(weight(l).size());
}

void Mlp::reset_parameters(SeededRandom& random) {
  for (size_t l = 0; l < num_layers(); ++l) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(sizes_[l]));  // 1/sqrt(fan_in)
    for (const ParameterTensor* t : {&weight(l), &bias(l)})
      for (size_t i = 0; i < t->size(); ++i)
        params_[t->offset + i] = static_cast<float>(-bound + 2.0 * bound * random.uniform01());
  }
}

void Mlp::reserve_batch(size_t n) {
  if (n <= capacity_) return;
  size_t widest = 0;
  for (int s : sizes_) widest = std::max(widest, static_cast<size_t>(s));
  for (size_t l = 0; l < num_layers(); ++l) acts_[l].resize(n * static_cast<size_t>(sizes_[l + 1]));
  delta_.resize(n * widest);
  delta_prev_.resize(n * widest);
  capacity_ = n;
}

void Mlp::forward(const float* x, size_t n) {
  const float* a = x;
  for (size_t l = 0; l < num_layers(); ++l) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    transpose(params_.data() + weight(l).offset, out, in, wt_[l].data());
    float* z = acts_[l].data();
    linear_forward(a, n, in, wt_[l].data(), params_.data() + bias(l).offset, out, z);
    if (l + 1 < num_layers())
      for (size_t j = 0; j < n * out; ++j) z[j] = z[j] > 0.0f ? z[j] : 0.0f;  // ReLU
    a = z;
  }
}

// F.cross_entropy = nll_loss(log_softmax(z)), log_softmax as (z - max) - log(sum exp(z - max))
// (aten/src/ATen/native/cpu/SoftMaxKernel.cpp); its backward for mean reduction is
// (softmax - onehot) / n.
BatchOutcome Mlp::softmax_cross_entropy(const int32_t* y, size_t n, bool with_gradient,
                                        double* loss_sum) {
  const size_t out = out_features();
  const float* logits = acts_.back().data();
  const float inv_n = 1.0f / static_cast<float>(n);
  double sum = 0.0;
  size_t correct = 0;
  for (size_t r = 0; r < n; ++r) {
    const float* z = logits + r * out;
    const size_t best = argmax(z, out);
    const float m = z[best];
    float s = 0.0f;
    for (size_t j = 0; j < out; ++j) s += std::exp(z[j] - m);
    const float log_s = std::log(s);
    const size_t label = static_cast<size_t>(y[r]);
    sum += -static_cast<double>((z[label] - m) - log_s);
    if (best == label) ++correct;
    if (with_gradient) {
      float* d = delta_.data() + r * out;
      for (size_t j = 0; j < out; ++j) d[j] = std::exp((z[j] - m) - log_s) * inv_n;
      d[label] -= inv_n;
    }
  }
  if (loss_sum) *loss_sum += sum;
  return {static_cast<float>(sum / static_cast<double>(n)), correct};
}

BatchOutcome Mlp::train_batch(const float* x, const int32_t* y, size_t n) {
  reserve_batch(n);
  forward(x, n);
  const BatchOutcome outcome = softmax_cross_entropy(y, n, true, nullptr);
  // delta_ holds d loss / d z of layer l; walk back to the input.
  for (size_t l = num_layers(); l-- > 0;) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    const float* a = l == 0 ? x : acts_[l - 1].data();
    linear_backward_params(delta_.data(), a, n, in, out, grads_.data() + weight(l).offset,
                           grads_.data() + bias(l).offset);
    if (l == 0) break;
    linear_backward_input(delta_.data(), params_.data() + weight(l).offset, n, in, out,
                          delta_prev_.data());
    // ReLU backward: pass the gradient where the ReLU output is positive.
    const float* post = acts_[l - 1].data();
    float* dp = delta_prev_.data();
    for (size_t j = 0; j < n * in; ++j) dp[j] = post[j] > 0.0f ? dp[j] : 0.0f;
    std::swap(delta_, delta_prev_);
  }
  return outcome;
}

size_t Mlp::evaluate(const float* x, const int32_t* y, size_t n, double* loss_sum) {
  constexpr size_t kChunk = 256;
  reserve_batch(std::min(n, kChunk));
  size_t correct = 0;
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t m = std::min(kChunk, n - start);
    forward(x + start * in_features(), m);
    correct += softmax_cross_entropy(y + start, m, false, loss_sum).correct;
  }
  return correct;
}

Mlp::Trace Mlp::trace(const float* x) const {
  Trace t;
  std::vector<float> a(x, x + in_features());
  for (size_t l = 0; l < num_layers(); ++l) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    const float* w = params_.data() + weight(l).offset;
    const float* b = params_.data() + bias(l).offset;
    std::vector<float> z(out);
    for (size_t o = 0; o < out; ++o) {
      float v = b[o];
      for (size_t i = 0; i < in; ++i) v += a[i] * w[o * in + i];
      z[o] = v;
    }
    if (l + 1 == num_layers()) {
      t.logits = z;
      break;
    }
    std::vector<float> post(out);
    for (size_t o = 0; o < out; ++o) post[o] = z[o] > 0.0f ? z[o] : 0.0f;
    t.pre.push_back(z);
    t.post.push_back(post);
    a = post;
  }
  const size_t out = out_features();
  t.predicted = argmax(t.logits.data(), out);
  const float m = t.logits[t.predicted];
  float s = 0.0f;
  for (float v : t.logits) s += std::exp(v - m);
  t.probabilities.resize(out);
  for (size_t j = 0; j < out; ++j) t.probabilities[j] = std::exp(t.logits[j] - m) / s;
  return t;
}

}  // namespace lrlab
