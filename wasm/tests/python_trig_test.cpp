// py_cos / py_sin (platform/python_trig.hpp) against values correctly rounded by mpmath at
// 300 bits, which CPython's math.cos / math.sin (glibc) also return for these arguments. The
// first two are where fdlibm's cos (musl's, V8's) is 1 ulp off: -0.8090169943749475 and
// 0.49999999999999833; CosineAnnealingLR with T_max 5 meets the first at epoch 6.
#include <gtest/gtest.h>

#include <cmath>

#include "platform/python_trig.hpp"

namespace lrlab {
namespace {

constexpr double kPi = 3.141592653589793;

TEST(PythonTrig, CorrectlyRoundedWhereFdlibmIsNot) {
  EXPECT_EQ(py_cos(kPi * 6 / 5), -0.8090169943749476);
  EXPECT_EQ(py_cos(kPi * 77 / 3), 0.4999999999999983);
  EXPECT_EQ(py_cos(kPi * 43 / 4), -0.707106781186546);
  EXPECT_EQ(py_sin(kPi * 53 / 4), -0.707106781186547);
  EXPECT_EQ(py_cos(123456.789), 0.05167253271870138);
  EXPECT_EQ(py_sin(-1000.5), -0.9952739571052135);
  // near the zeros: the reduction keeps the digits pi/2 and pi leave over
  EXPECT_EQ(py_cos(kPi / 2), 6.123233995736766e-17);
  EXPECT_EQ(py_sin(kPi), 1.2246467991473532e-16);
}

TEST(PythonTrig, EdgesAsCPython) {
  EXPECT_EQ(py_cos(0.0), 1.0);
  EXPECT_EQ(py_sin(1e-300), 1e-300);
  EXPECT_TRUE(std::signbit(py_sin(-0.0)));
  EXPECT_TRUE(std::isnan(py_cos(INFINITY)));
  // past 2^30 the libc's own reduction takes over (no schedule gets there)
  EXPECT_EQ(py_cos(1e10), std::cos(1e10));
}

}  // namespace
}  // namespace lrlab
