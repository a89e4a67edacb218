// The dense kernel (nn/linear_kernels.hpp) against its definition written out naively:
// every shape class the blocked kernel distinguishes (1-3 leftover rows, 1-3 leftover
// vectors, a partial last vector, strided and transposed A, each epilogue) must give the
// same floats bit for bit, since the kernel promises the definition's summation order.
// The native build runs gemm() = the scalar path; the WASM SIMD path is held to the same
// floats through the JS API (tests/js/kernels.test.mjs).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "nn/linear_kernels.hpp"
#include "nn/seeded_random.hpp"

namespace lrlab {
namespace {

struct Case {
  size_t rows, k, m;
  bool transposed_a, with_init;
  Epilogue epilogue;
};

// C[r][j] = init[j] + sum_k A(r,k) B[k][j], left to right, then the epilogue.
float reference(const std::vector<float>& a, size_t a_row, size_t a_k, const std::vector<float>& b,
                size_t ldb, const std::vector<float>& init, const std::vector<float>& mask,
                size_t ldc, const Case& c, size_t r, size_t j) {
  float v = c.with_init ? init[j] : 0.0f;
  for (size_t k = 0; k < c.k; ++k) v = v + a[r * a_row + k * a_k] * b[k * ldb + j];
  if (c.epilogue == Epilogue::kRelu) v = v > 0.0f ? v : 0.0f;
  if (c.epilogue == Epilogue::kReluMask) v = mask[r * ldc + j] > 0.0f ? v : 0.0f;
  return v;
}

void check(const Case& c, uint32_t seed) {
  SeededRandom random(seed);
  auto value = [&] { return static_cast<float>(random.uniform(-2.0, 2.0)); };
  const size_t mp = padded_width(c.m);
  // A as rows x k (row-major) or, transposed, stored k x rows with a padded row stride.
  const size_t a_stride = padded_width(c.transposed_a ? c.rows : c.k) + 4;
  const size_t a_row = c.transposed_a ? 1 : a_stride, a_k = c.transposed_a ? a_stride : 1;
  std::vector<float> a((c.transposed_a ? c.k : c.rows) * a_stride);
  for (float& x : a) x = value();
  // Some exact zeros, as ReLU outputs give.
  for (size_t i = 0; i < a.size(); i += 3) a[i] = 0.0f;
  const size_t ldb = mp + 8;  // B rows wider than m: only the padded width is read
  std::vector<float> b(c.k * ldb, 0.0f);
  for (size_t k = 0; k < c.k; ++k)
    for (size_t j = 0; j < c.m; ++j) b[k * ldb + j] = value();
  std::vector<float> init(mp, 0.0f);
  for (size_t j = 0; j < c.m; ++j) init[j] = value();
  const size_t ldc = mp + 4;
  std::vector<float> mask(c.rows * ldc, 0.0f);
  for (float& x : mask) x = random.uniform01() < 0.5 ? 0.0f : 1.0f;
  std::vector<float> out(c.rows * ldc, -7.0f);

  const GemmOperands g{
      a.data(),   a_row, a_k,         b.data(), ldb, c.with_init ? init.data() : nullptr,
      out.data(), ldc,   mask.data(), c.rows,   c.k, c.m};
  switch (c.epilogue) {
    case Epilogue::kNone:
      gemm<Epilogue::kNone>(g);
      break;
    case Epilogue::kRelu:
      gemm<Epilogue::kRelu>(g);
      break;
    case Epilogue::kReluMask:
      gemm<Epilogue::kReluMask>(g);
      break;
  }
  for (size_t r = 0; r < c.rows; ++r) {
    for (size_t j = 0; j < c.m; ++j) {
      const float want = reference(a, a_row, a_k, b, ldb, init, mask, ldc, c, r, j);
      const float got = out[r * ldc + j];
      ASSERT_EQ(std::memcmp(&want, &got, sizeof got), 0)
          << "rows " << c.rows << " k " << c.k << " m " << c.m << " at " << r << "," << j
          << ": got " << got << ", want " << want;
    }
    // Padding columns come out as zero (the init's and B's padding).
    for (size_t j = c.m; j < mp; ++j) ASSERT_EQ(out[r * ldc + j], 0.0f);
    // Nothing is written past the padded width.
    for (size_t j = mp; j < ldc; ++j) ASSERT_EQ(out[r * ldc + j], -7.0f);
  }
}

TEST(LinearKernels, EveryBlockShapeMatchesTheDefinitionBitForBit) {
  uint32_t seed = 1;
  for (size_t rows : {1, 2, 3, 4, 5, 7, 8, 33})
    for (size_t m : {1, 2, 3, 4, 5, 8, 10, 12, 13, 16, 24, 37})
      for (size_t k : {1, 3, 10})
        for (bool transposed : {false, true})
          for (Epilogue e : {Epilogue::kNone, Epilogue::kRelu, Epilogue::kReluMask})
            check({rows, k, m, transposed, e == Epilogue::kRelu, e}, seed++);
}

TEST(LinearKernels, LayerShapesOfTheBenchWorkloads) {
  check({64, 64, 256, false, true, Epilogue::kRelu}, 7);       // forward, large
  check({256, 64, 64, true, false, Epilogue::kNone}, 8);       // dW1, large
  check({64, 10, 256, false, false, Epilogue::kReluMask}, 9);  // input gradient, large
  check({32, 10, 2, false, true, Epilogue::kNone}, 10);        // seed logits
}

}  // namespace
}  // namespace lrlab
