// Dense loops of nn.Linear's forward and backward, written so that the innermost loop
// is always an axpy over a contiguous row (y[j] += a * x[j]): clang vectorises that form
// for wasm SIMD (Eigen has no wasm packet math, TOOLCHAIN.md 4) and GCC for AVX, without
// reassociating any sum, so the native and the WASM build run the same arithmetic.
// Four source rows are folded per pass over the destination row (same per-element order
// of additions as four separate passes, a quarter of the loads and stores).
#pragma once

#include <cstddef>

namespace lrlab {

// y[0..len) += a0*x0 + ... applied in order x0, x1, x2, x3.
inline void axpy4(float* __restrict y, size_t len, float a0, const float* __restrict x0, float a1,
                  const float* __restrict x1, float a2, const float* __restrict x2, float a3,
                  const float* __restrict x3) {
  for (size_t j = 0; j < len; ++j) {
    float v = y[j];
    v += a0 * x0[j];
    v += a1 * x1[j];
    v += a2 * x2[j];
    v += a3 * x3[j];
    y[j] = v;
  }
}

inline void axpy1(float* __restrict y, size_t len, float a, const float* __restrict x) {
  for (size_t j = 0; j < len; ++j) y[j] += a * x[j];
}

// y += sum_k coef[k * stride] * rows[k] for k in [0, count), rows of length len spaced by
// row_stride, accumulated in k order.
inline void accumulate_rows(float* __restrict y, size_t len, const float* coef, size_t stride,
                            const float* rows, size_t row_stride, size_t count) {
  size_t k = 0;
  for (; k + 4 <= count; k += 4) {
    axpy4(y, len, coef[k * stride], rows + k * row_stride, coef[(k + 1) * stride],
          rows + (k + 1) * row_stride, coef[(k + 2) * stride], rows + (k + 2) * row_stride,
          coef[(k + 3) * stride], rows + (k + 3) * row_stride);
  }
  for (; k < count; ++k) axpy1(y, len, coef[k * stride], rows + k * row_stride);
}

// z (n x out) = a (n x in) . W^T + b, given wt = W^T (in x out, row-major).
inline void linear_forward(const float* a, size_t n, size_t in, const float* wt, const float* b,
                           size_t out, float* z) {
  for (size_t r = 0; r < n; ++r) {
    float* zr = z + r * out;
    for (size_t j = 0; j < out; ++j) zr[j] = b[j];
    accumulate_rows(zr, out, a + r * in, 1, wt, out, in);
  }
}

// dW (out x in) = dz^T (out x n) . a (n x in);  db (out) = column sums of dz.
inline void linear_backward_params(const float* dz, const float* a, size_t n, size_t in, size_t out,
                                   float* dw, float* db) {
  for (size_t o = 0; o < out; ++o) {
    float* dwo = dw + o * in;
    for (size_t i = 0; i < in; ++i) dwo[i] = 0.0f;
    accumulate_rows(dwo, in, dz + o, out, a, in, n);
  }
  for (size_t o = 0; o < out; ++o) db[o] = 0.0f;
  for (size_t r = 0; r < n; ++r) axpy1(db, out, 1.0f, dz + r * out);
}

// da (n x in) = dz (n x out) . W (out x in).
inline void linear_backward_input(const float* dz, const float* w, size_t n, size_t in, size_t out,
                                  float* da) {
  for (size_t r = 0; r < n; ++r) {
    float* dar = da + r * in;
    for (size_t i = 0; i < in; ++i) dar[i] = 0.0f;
    accumulate_rows(dar, in, dz + r * out, 1, w, in, out);
  }
}

}  // namespace lrlab
