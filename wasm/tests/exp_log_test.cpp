// exp_log::exp and exp_log::log (nn/exp_log.hpp) against long double (x87, 64-bit
// significand: expl and logl are within an ulp of that, 2^-63, so rounding them to float gives
// the correctly rounded float except a few 2^-40 of the time). The header promises at most
// 2^-18 of its results off the correctly rounded float, by one ulp and only beside a halfway
// case; every other float is checked to be the correctly rounded one.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <utility>

#include "nn/exp_log.hpp"

namespace lrlab {
namespace {

float float_of(uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// Error of `got` against the true value in ulps of the float nearest the true value.
double ulp_error(float got, long double want) {
  const float nearest = static_cast<float>(want);
  const long double ulp = std::nextafter(std::fabs(nearest), INFINITY) - std::fabs(nearest);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - want) / ulp);
}

struct Tally {
  size_t checked = 0, off = 0;
  double worst = 0.0;
  void add(float got, long double want) {
    ++checked;
    if (got != static_cast<float>(want)) ++off;
    const double e = ulp_error(got, want);
    if (e > worst) worst = e;
  }
};

// About `count` floats evenly spread by bit pattern over [lo, hi] (one sign): every exponent,
// and an odd stride visits every residue of the low mantissa bits.
template <class F>
void each_float(float lo, float hi, uint32_t count, F&& f) {
  uint32_t a, b;
  std::memcpy(&a, &lo, sizeof a);
  std::memcpy(&b, &hi, sizeof b);
  if (a > b) std::swap(a, b);
  const uint32_t stride = ((b - a) / count) | 1;
  for (uint32_t bits = a; bits <= b && bits >= a; bits += stride) f(float_of(bits));
}

TEST(ExpLog, ExpIsCorrectlyRoundedButForHalfwayCases) {
  Tally t;
  const auto check = [&](float x) {
    t.add(exp_log::exp(x), std::exp(static_cast<long double>(x)));
  };
  each_float(0.0f, 89.0f, 1'500'000, check);
  each_float(-0.0f, -104.0f, 1'500'000, check);
  std::printf("[ info ] exp: %zu floats, %zu off the correctly rounded one, worst %.6f ulp\n",
              t.checked, t.off, t.worst);
  EXPECT_GT(t.checked, 2'900'000u);
  EXPECT_LE(t.off, t.checked >> 20);
  EXPECT_LT(t.worst, 0.5 + 1.0 / 1024);
}

// Every float in [1, 2): with the series to u^13 (next term 2^-41), 12 of them were off.
TEST(ExpLog, LogOfEveryFloatInOneOctaveIsCorrectlyRounded) {
  Tally t;
  for (float s = 1.0f; s < 2.0f; s = std::nextafter(s, 2.0f))
    t.add(exp_log::log(s), std::log(static_cast<long double>(s)));
  EXPECT_EQ(t.checked, 1u << 23);
  EXPECT_EQ(t.off, 0u);
}

TEST(ExpLog, LogIsCorrectlyRoundedButForHalfwayCases) {
  Tally t;
  const auto check = [&](float s) {
    t.add(exp_log::log(s), std::log(static_cast<long double>(s)));
  };
  each_float(FLT_TRUE_MIN, FLT_MAX, 3'000'000, check);
  std::printf("[ info ] log: %zu floats, %zu off the correctly rounded one, worst %.6f ulp\n",
              t.checked, t.off, t.worst);
  EXPECT_GT(t.checked, 2'900'000u);
  EXPECT_LE(t.off, t.checked >> 20);
  EXPECT_LT(t.worst, 0.5 + 1.0 / 1024);
}

TEST(ExpLog, EdgesAsTheLibm) {
  EXPECT_EQ(exp_log::exp(0.0f), 1.0f);  // a row's own max: exp(0) is exactly 1
  EXPECT_EQ(exp_log::exp(-0.0f), 1.0f);
  EXPECT_EQ(exp_log::exp(-INFINITY), 0.0f);
  EXPECT_EQ(exp_log::exp(INFINITY), INFINITY);
  EXPECT_TRUE(std::isnan(exp_log::exp(NAN)));
  // the overflow and underflow edges: e^88.72283 is just below FLT_MAX, e^88.72284 above;
  // e^-103.27893 rounds to the least subnormal, and so does e^-103.97208 (0.5000003 of it);
  // e^-103.97209 is below half of it
  EXPECT_EQ(exp_log::exp(88.72283f), std::exp(88.72283f));
  EXPECT_EQ(exp_log::exp(88.72284f), INFINITY);
  EXPECT_EQ(exp_log::exp(-103.27893f), FLT_TRUE_MIN);
  EXPECT_EQ(exp_log::exp(-103.97208f), FLT_TRUE_MIN);
  EXPECT_EQ(exp_log::exp(-103.97209f), 0.0f);
  EXPECT_EQ(exp_log::log(1.0f), 0.0f);
  EXPECT_EQ(exp_log::log(0.0f), -INFINITY);
  EXPECT_EQ(exp_log::log(INFINITY), INFINITY);
  EXPECT_TRUE(std::isnan(exp_log::log(-1.0f)));
  EXPECT_TRUE(std::isnan(exp_log::log(NAN)));
  EXPECT_EQ(exp_log::log(FLT_TRUE_MIN), std::log(FLT_TRUE_MIN));
}

}  // namespace
}  // namespace lrlab
