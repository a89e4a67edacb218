#include "nn/mlp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "cold_code.hpp"
#include "nn/exp_log.hpp"
#include "nn/linear_kernels.hpp"
#include "nn/seeded_random.hpp"

namespace lrlab {

namespace {

size_t argmax(const float* v, size_t n) {
  size_t best = 0;  // first maximum, as torch.argmax
  for (size_t j = 1; j < n; ++j)
    if (v[j] > v[best]) best = j;
  return best;
}

// sum of exp(z[j] - m) over j < out, added in class order.
float sum_exp_shifted(const float* z, float m, size_t out) {
  float s = 0.0f;
#ifdef __wasm_simd128__
  // two classes at a time (rows are padded to whole vectors: z[out] is readable)
  for (size_t j = 0; j < out; j += 2) {
    const v128_t d = wasm_f32x4_sub(wasm_v128_load64_zero(z + j), wasm_f32x4_splat(m));
    const v128_t e =
        wasm_f32x4_demote_f64x2_zero(exp_log::exp_f64x2(wasm_f64x2_promote_low_f32x4(d)));
    s += wasm_f32x4_extract_lane(e, 0);
    if (j + 1 < out) s += wasm_f32x4_extract_lane(e, 1);
  }
#else
  for (size_t j = 0; j < out; ++j) s += exp_log::exp(z[j] - m);
#endif
  return s;
}

// v[i] = log(v[i]) for i < n.
void log_in_place(float* v, size_t n) {
#ifdef __wasm_simd128__
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const v128_t s = wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(v + i));
    wasm_v128_store64_lane(v + i, wasm_f32x4_demote_f64x2_zero(exp_log::log_f64x2(s)), 0);
  }
  if (i < n) {
    const v128_t s = wasm_f64x2_promote_low_f32x4(wasm_v128_load32_zero(v + i));
    v[i] = wasm_f32x4_extract_lane(wasm_f32x4_demote_f64x2_zero(exp_log::log_f64x2(s)), 0);
  }
#else
  for (size_t i = 0; i < n; ++i) v[i] = exp_log::log(v[i]);
#endif
}

// d[j] = exp((z[j] - m) - log_s) * scale for j < out: softmax(z) * scale as torch's
// log_softmax backward computes it (exp of the log-softmax output).
void scaled_softmax(const float* z, float m, float log_s, float scale, size_t out, float* d) {
#ifdef __wasm_simd128__
  const v128_t mv = wasm_f32x4_splat(m), lv = wasm_f32x4_splat(log_s);
  const v128_t sv = wasm_f32x4_splat(scale);
  for (size_t j = 0; j < out; j += 2) {
    const v128_t t = wasm_f32x4_sub(wasm_f32x4_sub(wasm_v128_load64_zero(z + j), mv), lv);
    const v128_t e =
        wasm_f32x4_demote_f64x2_zero(exp_log::exp_f64x2(wasm_f64x2_promote_low_f32x4(t)));
    wasm_v128_store64_lane(d + j, wasm_f32x4_mul(e, sv), 0);
  }
  if (out % 2) d[out] = 0.0f;  // the padding the last pair wrote stays zero
#else
  for (size_t j = 0; j < out; ++j) d[j] = exp_log::exp((z[j] - m) - log_s) * scale;
#endif
}

}  // namespace

LRLAB_COLD Mlp::Mlp(std::vector<int> sizes) : sizes_(std::move(sizes)) {
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
  w_pad_.resize(num_layers());
  b_pad_.resize(num_layers());
  size_t largest = 0;
  for (size_t l = 0; l < num_layers(); ++l) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    wt_[l].assign(in * padded_width(out), 0.0f);
    if (l > 0) w_pad_[l].assign(out * padded_width(in), 0.0f);  // refresh_padded_weight()
    b_pad_[l].assign(padded_width(out), 0.0f);
    largest = std::max(largest, out * padded_width(in));
  }
  dw_pad_.assign(largest, 0.0f);
}

LRLAB_COLD void Mlp::reset_parameters(SeededRandom& random) {
  for (size_t l = 0; l < num_layers(); ++l) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(sizes_[l]));  // 1/sqrt(fan_in)
    for (const ParameterTensor* t : {&weight(l), &bias(l)})
      for (size_t i = 0; i < t->size(); ++i)
        params_[t->offset + i] = static_cast<float>(-bound + 2.0 * bound * random.uniform01());
  }
}

void Mlp::reserve_batch(size_t n) {
  if (n > capacity_) grow_batch(n);
}

// Once per run (or per larger batch): out of the loop, built for size (1.9 KB of the core's
// wasm inlined at -O3).
LRLAB_COLD void Mlp::grow_batch(size_t n) {
  size_t widest = 0;
  for (int s : sizes_) widest = std::max(widest, padded_width(static_cast<size_t>(s)));
  x_pad_.assign(n * padded_width(in_features()), 0.0f);
  for (size_t l = 0; l < num_layers(); ++l)
    acts_[l].assign(n * padded_width(static_cast<size_t>(sizes_[l + 1])), 0.0f);
  delta_.assign(n * widest, 0.0f);
  delta_prev_.assign(n * widest, 0.0f);
  row_best_.assign(n, 0);
  row_max_.assign(n, 0.0f);
  row_log_sum_.assign(n, 0.0f);
  capacity_ = n;
}

// The weights in the layouts the kernel reads, rows padded with zeros, copied from the
// parameters before each use. W^T and the bias, for the forward pass:
void Mlp::refresh_forward_weights() {
  for (size_t l = 0; l < num_layers(); ++l) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    const size_t out_p = padded_width(out);
    const float* w = params_.data() + weight(l).offset;
    float* wt = wt_[l].data();
    for (size_t o = 0; o < out; ++o)
      for (size_t i = 0; i < in; ++i) wt[i * out_p + o] = w[o * in + i];
    copy_row(params_.data() + bias(l).offset, out, b_pad_[l].data());
  }
}

// W of layer l, for its input gradient: built in the backward pass, as the first layer
// never computes one (nor does an evaluation).
void Mlp::refresh_padded_weight(size_t l) {
  const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
  const size_t in_p = padded_width(in);
  const float* w = params_.data() + weight(l).offset;
  for (size_t o = 0; o < out; ++o) copy_row(w + o * in, in, w_pad_[l].data() + o * in_p);
}

void Mlp::load_input(const float* x, const uint32_t* rows, size_t n) {
  const size_t in = in_features(), in_p = padded_width(in);
  for (size_t r = 0; r < n; ++r)
    copy_row(x + (rows ? rows[r] : r) * in, in, x_pad_.data() + r * in_p);
}

void Mlp::forward_input(size_t n) {
  refresh_forward_weights();
  const float* a = x_pad_.data();
  for (size_t l = 0; l < num_layers(); ++l) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    const size_t out_p = padded_width(out);
    const GemmOperands g{a,
                         padded_width(in),
                         1,
                         wt_[l].data(),
                         out_p,
                         b_pad_[l].data(),
                         acts_[l].data(),
                         out_p,
                         nullptr,
                         n,
                         in,
                         out};
    if (l + 1 < num_layers())
      gemm<Epilogue::kRelu>(g);
    else
      gemm<Epilogue::kNone>(g);
    a = acts_[l].data();
  }
}

// F.cross_entropy = nll_loss(log_softmax(z)), log_softmax as (z - max) - log(sum exp(z - max))
// (aten/src/ATen/native/cpu/SoftMaxKernel.cpp); its backward for mean reduction is
// exp(log_softmax) / n - onehot / n. In three passes over the batch, so that the logs of the
// rows' sums go two at a time: each row's max and sum, the logs, then loss and gradient.
// exp and log are exp_log.hpp's (the same floats in every build). A finite max's own term is
// exp(0) = 1 exactly; an infinite max gives exp(inf - inf) = NaN, as torch's log_softmax does.
BatchOutcome Mlp::softmax_cross_entropy(const int32_t* y, size_t n, bool with_gradient,
                                        double* loss_sum) {
  const size_t out = out_features(), out_p = padded_width(out);
  const float* logits = acts_.back().data();
  for (size_t r = 0; r < n; ++r) {
    const float* z = logits + r * out_p;
    const size_t best = argmax(z, out);
    row_best_[r] = static_cast<uint32_t>(best);
    row_max_[r] = z[best];
    row_log_sum_[r] = sum_exp_shifted(z, z[best], out);
  }
  log_in_place(row_log_sum_.data(), n);
  const float inv_n = 1.0f / static_cast<float>(n);
  double sum = 0.0;
  size_t correct = 0;
  for (size_t r = 0; r < n; ++r) {
    const float* z = logits + r * out_p;
    const size_t label = static_cast<size_t>(y[r]);
    const float m = row_max_[r], log_s = row_log_sum_[r];
    sum += -static_cast<double>((z[label] - m) - log_s);
    if (row_best_[r] == label) ++correct;
    if (with_gradient) {
      float* d = delta_.data() + r * out_p;
      scaled_softmax(z, m, log_s, inv_n, out, d);
      d[label] -= inv_n;
    }
  }
  if (loss_sum) *loss_sum += sum;
  return {static_cast<float>(sum / static_cast<double>(n)), correct};
}

BatchOutcome Mlp::train_batch(const float* x, const int32_t* y, size_t n) {
  return train_rows(x, nullptr, y, n);
}

BatchOutcome Mlp::train_rows(const float* x, const uint32_t* rows, const int32_t* y, size_t n) {
  reserve_batch(n);
  load_input(x, rows, n);
  return train_input(y, n);
}

BatchOutcome Mlp::train_input(const int32_t* y, size_t n) {
  forward_input(n);
  const BatchOutcome outcome = softmax_cross_entropy(y, n, true, nullptr);
  // delta_ holds d loss / d z of layer l (n x padded out); walk back to the input.
  for (size_t l = num_layers(); l-- > 0;) {
    const size_t in = static_cast<size_t>(sizes_[l]), out = static_cast<size_t>(sizes_[l + 1]);
    const size_t in_p = padded_width(in), out_p = padded_width(out);
    const float* a = l == 0 ? x_pad_.data() : acts_[l - 1].data();
    // dW (out x in) = dz^T . a, into a padded scratch, then into the flat gradient buffer.
    gemm<Epilogue::kNone>(
        {delta_.data(), 1, out_p, a, in_p, nullptr, dw_pad_.data(), in_p, nullptr, out, n, in});
    float* dw = grads_.data() + weight(l).offset;
    for (size_t o = 0; o < out; ++o) copy_row(dw_pad_.data() + o * in_p, in, dw + o * in);
    // db = column sums of dz, in row order.
    float* db = grads_.data() + bias(l).offset;
    for (size_t o = 0; o < out; ++o) db[o] = 0.0f;
    for (size_t r = 0; r < n; ++r)
      for (size_t o = 0; o < out; ++o) db[o] += delta_[r * out_p + o];
    if (l == 0) break;
    // da = dz . W, passed where the ReLU output is positive.
    refresh_padded_weight(l);
    gemm<Epilogue::kReluMask>({delta_.data(), out_p, 1, w_pad_[l].data(), in_p, nullptr,
                               delta_prev_.data(), in_p, acts_[l - 1].data(), n, out, in});
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
    load_input(x + start * in_features(), nullptr, m);
    forward_input(m);
    correct += softmax_cross_entropy(y + start, m, false, loss_sum).correct;
  }
  return correct;
}

LRLAB_COLD Mlp::Trace Mlp::trace(const float* x) const {
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
    a = post;
    t.pre.push_back(std::move(z));
    t.post.push_back(std::move(post));
  }
  const size_t out = out_features();
  t.predicted = argmax(t.logits.data(), out);
  const float m = t.logits[t.predicted];
  float s = 0.0f;
  for (float v : t.logits) s += exp_log::exp(v - m);
  t.probabilities.resize(out);
  for (size_t j = 0; j < out; ++j) t.probabilities[j] = exp_log::exp(t.logits[j] - m) / s;
  return t;
}

}  // namespace lrlab
