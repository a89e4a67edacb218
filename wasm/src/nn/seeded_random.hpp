// The one random source of the engine: weight init, synthetic data, splits, shuffles.
//
// std::mt19937's output sequence is fixed by the C++ standard ([rand.predef]: the
// 10000th value from the default seed is 4123659995), so it is the same in the native
// and the WASM build. The standard *distributions* are not specified bit for bit
// (libstdc++ and libc++ differ), so every mapping from raw 32-bit words to numbers is
// written here, with exact integer/double arithmetic only.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace lrlab {

class SeededRandom {
 public:
  explicit SeededRandom(uint32_t seed) : engine_(seed) {}

  uint32_t next_u32() { return static_cast<uint32_t>(engine_()); }

  // Uniform double in [0, 1) with 53 random bits (two words, like numpy's random_sample).
  double uniform01() {
    const uint64_t a = next_u32() >> 5, b = next_u32() >> 6;
    return (static_cast<double>(a) * 67108864.0 + static_cast<double>(b)) *
           (1.0 / 9007199254740992.0);
  }

  // Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

  // Unbiased integer in [0, n), n >= 1 (rejection of the short last bucket).
  uint32_t below(uint32_t n) {
    const uint32_t threshold = static_cast<uint32_t>(-n) % n;  // 2^32 mod n
    for (;;) {
      const uint32_t r = next_u32();
      if (r >= threshold) return r % n;
    }
  }

  // Standard normal by Marsaglia's polar method. Only log and sqrt are involved:
  // sqrt is exactly rounded everywhere; log can differ by an ulp between glibc and
  // emscripten's musl, which the float32 rounding of every consumer absorbs.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform01() - 1.0;
      v = 2.0 * uniform01() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

 private:
  std::mt19937 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace lrlab
