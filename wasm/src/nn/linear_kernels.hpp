// The one dense kernel behind nn.Linear's forward and both halves of its backward:
//
//   C[r][j] = init[j] + A(r,0)*B[0][j] + A(r,1)*B[1][j] + ... + A(r,K-1)*B[K-1][j]
//
// summed left to right in k, one rounding per multiply and per add (no FMA: wasm has
// none, and the native build is compiled with -ffp-contract=off), so the WASM SIMD path,
// the scalar path and the native build compute bit-identical floats. A(r,k) is read
// through two strides, which gives A or its transpose without copying:
//   forward        z  = a . W^T + b      A = a (n x in),  B = W^T (in x out)
//   backward input da = dz . W           A = dz,          B = W (out x in)
//   backward W     dW = dz^T . a         A = dz^T,        B = a
// B and C rows are padded to a multiple of 4 floats (Padded::width); B's padding is
// zero, so C's padding columns come out as init's padding (zero) and are never read.
//
// Under wasm SIMD (wasm_simd128.h) a micro-kernel keeps a block of 4 rows x 3 vectors of C
// in registers for the whole k loop (the hidden width in vectors), and the epilogue applies
// ReLU or the ReLU-backward mask before the one store. Leftover rows and vectors go one at a
// time: blocks of 3 and 2 rows or 2 vectors cost 3.2 KB gzip of the core (issue 9) and bought
// no measurable speed (A/B on the bench workloads and hidden widths 8, 20, 52: within +/-3 %).
#pragma once

#include <algorithm>
#include <cstddef>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace lrlab {

// Rows of `width` floats padded to a multiple of 4 (one 128-bit vector).
inline size_t padded_width(size_t width) { return (width + 3) & ~static_cast<size_t>(3); }

// Copies a row of n floats: whole vectors, then the rest one by one, in line. The rows the
// MLP copies (a sample's features, a weight row) are short, 10 floats in the seed lesson,
// where a call to memmove per row took 8 % of a training (Node profile, issue 12).
// The loops stay loops: unrolled or vectorized copies of them cost 1 KB gzip of the core.
inline void copy_row(const float* src, size_t n, float* dst) {
#ifdef __wasm_simd128__
  size_t i = 0;
#pragma clang loop unroll(disable)
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
#pragma clang loop unroll(disable) vectorize(disable)
  for (; i < n; ++i) dst[i] = src[i];
#else
  std::copy(src, src + n, dst);
#endif
}

enum class Epilogue {
  kNone,      // C = acc
  kRelu,      // C = max(acc, 0): nn.ReLU after the Linear (NaN -> 0 as `z > 0 ? z : 0`)
  kReluMask,  // C = mask > 0 ? acc : 0, mask = the ReLU's output (torch's threshold_backward)
};

struct GemmOperands {
  const float* a;  // A(r,k) = a[r * a_row + k * a_k]
  size_t a_row, a_k;
  const float* b;  // B[k] = b + k * ldb, padded_width(m) readable floats, padding zero
  size_t ldb;
  const float* init;  // padded_width(m) floats added first, or nullptr for zero
  float* c;           // C[r] = c + r * ldc, padded_width(m) writable floats
  size_t ldc;
  const float* mask;  // kReluMask: same layout as C (row stride ldc)
  size_t rows, k, m;
};

// The scalar reference: the definition above, loop by loop (also the native build).
template <Epilogue E>
void gemm_scalar(const GemmOperands& g) {
  const size_t mp = padded_width(g.m);
  for (size_t r = 0; r < g.rows; ++r) {
    float* c = g.c + r * g.ldc;
    for (size_t j = 0; j < mp; ++j) c[j] = g.init ? g.init[j] : 0.0f;
    for (size_t k = 0; k < g.k; ++k) {
      const float s = g.a[r * g.a_row + k * g.a_k];
      const float* b = g.b + k * g.ldb;
      for (size_t j = 0; j < mp; ++j) c[j] = c[j] + s * b[j];
    }
    for (size_t j = 0; j < mp; ++j) {
      if (E == Epilogue::kRelu) c[j] = c[j] > 0.0f ? c[j] : 0.0f;
      if (E == Epilogue::kReluMask) c[j] = g.mask[r * g.ldc + j] > 0.0f ? c[j] : 0.0f;
    }
  }
}

#ifdef __wasm_simd128__

// R rows x V vectors of C starting at row r0, column j0 (a multiple of 4).
template <Epilogue E, int R, int V>
inline void gemm_block(const GemmOperands& g, size_t r0, size_t j0) {
  v128_t acc[R][V];
  for (int v = 0; v < V; ++v) {
    const v128_t init = g.init ? wasm_v128_load(g.init + j0 + 4 * v) : wasm_f32x4_splat(0.0f);
    for (int r = 0; r < R; ++r) acc[r][v] = init;
  }
  const float* a = g.a + r0 * g.a_row;
  const float* b = g.b + j0;
  for (size_t k = 0; k < g.k; ++k, a += g.a_k, b += g.ldb) {
    v128_t bv[V];
    for (int v = 0; v < V; ++v) bv[v] = wasm_v128_load(b + 4 * v);
    for (int r = 0; r < R; ++r) {
      const v128_t s = wasm_v128_load32_splat(a + r * g.a_row);
      for (int v = 0; v < V; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(s, bv[v]));
    }
  }
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < R; ++r) {
    float* c = g.c + (r0 + r) * g.ldc + j0;
    for (int v = 0; v < V; ++v) {
      v128_t x = acc[r][v];
      if (E == Epilogue::kRelu) x = wasm_f32x4_pmax(zero, x);  // 0 < x ? x : 0
      if (E == Epilogue::kReluMask) {
        const v128_t m = wasm_v128_load(g.mask + (r0 + r) * g.ldc + j0 + 4 * v);
        x = wasm_v128_and(x, wasm_f32x4_gt(m, zero));
      }
      wasm_v128_store(c + 4 * v, x);
    }
  }
}

template <Epilogue E, int R>
inline void gemm_row_block(const GemmOperands& g, size_t r0, size_t vectors) {
  size_t v = 0;
  for (; v + 3 <= vectors; v += 3) gemm_block<E, R, 3>(g, r0, 4 * v);
  for (; v < vectors; ++v) gemm_block<E, R, 1>(g, r0, 4 * v);
}

template <Epilogue E>
void gemm(const GemmOperands& g) {
  const size_t vectors = padded_width(g.m) / 4;
  size_t r = 0;
  for (; r + 4 <= g.rows; r += 4) gemm_row_block<E, 4>(g, r, vectors);
  for (; r < g.rows; ++r) gemm_row_block<E, 1>(g, r, vectors);
}

#else

template <Epilogue E>
void gemm(const GemmOperands& g) {
  gemm_scalar<E>(g);
}

#endif

}  // namespace lrlab
