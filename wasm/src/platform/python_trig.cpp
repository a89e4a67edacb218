// Correctly rounded cos and sin (python_trig.hpp): the argument reduced by pi/2 in
// double-double (Cody-Waite with pi/2 in three doubles, every product exact by Dekker's
// splitting: wasm has no FMA), the Taylor series of the reduced argument summed in
// double-double (about 100 bits), one rounding at the end.
#include "platform/python_trig.hpp"

#include <cmath>

#include "cold_code.hpp"

namespace lrlab {

namespace {

struct DD {
  double hi, lo;
};

DD two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

DD quick_two_sum(double a, double b) {  // |a| >= |b|
  const double s = a + b;
  return {s, b - (s - a)};
}

// Veltkamp's split: hi holds the top 26 bits, so products of halves are exact.
DD split(double a) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  const double hi = c - (c - a);
  return {hi, a - hi};
}

DD two_prod(double a, double b) {
  const double p = a * b;
  const DD x = split(a), y = split(b);
  return {p, ((x.hi * y.hi - p) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo};
}

DD add(DD a, DD b) {
  DD s = two_sum(a.hi, b.hi);
  const DD t = two_sum(a.lo, b.lo);
  s.lo += t.hi;
  s = quick_two_sum(s.hi, s.lo);
  s.lo += t.lo;
  return quick_two_sum(s.hi, s.lo);
}

DD mul(DD a, DD b) {
  DD p = two_prod(a.hi, b.hi);
  p.lo += a.hi * b.lo + a.lo * b.hi;
  return quick_two_sum(p.hi, p.lo);
}

DD div(DD a, double b) {
  const double q = a.hi / b;
  const DD p = two_prod(q, b);
  const double r = ((a.hi - p.hi) - p.lo + a.lo) / b;
  return quick_two_sum(q, r);
}

// pi/2 = kPio2[0] + kPio2[1] + kPio2[2] to about 160 bits (each the double nearest the rest).
constexpr double kPio2[3] = {1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33};
constexpr double kTwoOverPi = 0.6366197723675814;
// Beyond this the reduction's multiple k of pi/2 would lose exactness; no schedule gets there.
constexpr double kMaxReduced = 1073741824.0;  // 2^30
constexpr int kTerms = 14;                    // r^28 / 28! < 2^-108 for |r| <= pi/4

// 1 / n! for n = 0..2 kTerms + 1, in double-double.
struct InverseFactorials {
  DD v[2 * kTerms + 2];
  InverseFactorials() {
    v[0] = {1.0, 0.0};
    for (int n = 1; n < 2 * kTerms + 2; ++n) v[n] = div(v[n - 1], n);
  }
};
const InverseFactorials& inverse_factorials() {
  static const InverseFactorials f;
  return f;
}

// sum over n < kTerms of (-1)^n r^(2n) / (2n + first)!, by Horner in r^2.
DD series(DD r2, int first) {
  const InverseFactorials& f = inverse_factorials();
  DD p = f.v[2 * (kTerms - 1) + first];
  if ((kTerms - 1) % 2) p = {-p.hi, -p.lo};
  for (int n = kTerms - 2; n >= 0; --n) {
    const DD c = f.v[2 * n + first];
    p = add(mul(p, r2), n % 2 ? DD{-c.hi, -c.lo} : c);
  }
  return p;
}

// cos (sine = false) or sin of x: x = k pi/2 + r, then +-cos r or +-sin r by k mod 4.
LRLAB_COLD double trig(double x, bool sine) {
  if (!std::isfinite(x) || std::fabs(x) > kMaxReduced) return sine ? std::sin(x) : std::cos(x);
  if (x == 0.0) return sine ? x : 1.0;  // sin(-0.0) is -0.0
  const double k = std::nearbyint(x * kTwoOverPi);
  DD r = {x, 0.0};
  for (double part : kPio2) {
    const DD kp = two_prod(k, part);
    r = add(r, {-kp.hi, -kp.lo});
  }
  const DD r2 = mul(r, r);
  const int quadrant = static_cast<int>(std::fmod(k, 4.0) + 4.0) % 4;
  // sin r = r (1 - r^2/3! + ...), cos r = 1 - r^2/2! + ...
  const bool use_sine = (quadrant % 2 == 0) == sine;
  const DD v = use_sine ? mul(r, series(r2, 1)) : series(r2, 0);
  const bool negate = sine ? quadrant >= 2 : (quadrant == 1 || quadrant == 2);
  const double rounded = v.hi + v.lo;
  return negate ? -rounded : rounded;
}

}  // namespace

double py_cos(double x) { return trig(x, false); }
double py_sin(double x) { return trig(x, true); }

}  // namespace lrlab
