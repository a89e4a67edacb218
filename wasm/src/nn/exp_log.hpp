// exp and log of floats for the loss (Mlp::softmax_cross_entropy), evaluated in double and
// rounded once, in two forms that compute the same doubles step by step: a scalar one (the
// native and scalar builds) and a two-lane wasm SIMD one. So every build gets the same floats,
// and the SIMD build computes a batch's exponentials without a libm call per element: musl's
// expf and logf were a quarter of a seed-lesson training (issue 12: 1.09 -> 0.83 ms of epochs
// with both stubbed out).
//
// Accuracy: the result before its one rounding to float is within about 2^-44 (relative) of
// the true value, so it is the correctly rounded float except within 2^-20 of a float ulp of a
// halfway case (wasm/tests/exp_log_test.cpp counts them against long double; every float in
// [2^-10, 16) checked: log 0 of 117M off, exp 1 of 320M sampled in [-104, 89]). torch's CPU kernels
// use Sleef's vectorized expf and logf (1 ulp), glibc's and musl's scalar ones are 0.5-0.52 ulp: no
// two libraries agree to the last bit, and the parity tests compare losses within float tolerances
// (docs/run-spec.md 4.2).
//
//   exp(x) = 2^(k/32) * e^r,  k = round(32 x / ln 2),  r = x - k ln 2 / 32,  |r| <= ln 2 / 64,
//            2^(k/32) = 2^(k >> 5) * T[k & 31] with T[i] = 2^(i/32) (rounded to double),
//            e^r by its Taylor series to r^5 (next term r^6/720 < 2^-48.6);
//   log(s) = k ln 2 + 2 atanh(u),  s = 2^k f,  f in [sqrt(1/2), sqrt(2)),  u = (f-1)/(f+1),
//            |u| <= 0.1716, 2 atanh(u) = 2 (u + u^3/3 + ... + u^15/15) (next term
//            2 u^17/17 < 2^-46.3, below 2^-44.8 of 2 atanh(u)).
// k ln 2 uses one double for ln 2: |k| <= 150 keeps its error near 2^-46 of the result. The
// polynomials are evaluated in Estrin's scheme, not Horner's: a chain of 5 operations rather
// than 10 or 12, which is what the SIMD loss waited on.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace lrlab::exp_log {

inline constexpr double kLn2 = 0.6931471805599453;               // ln 2 rounded to double
inline constexpr double kLn2By32 = 0.02166084939249829;          // ln 2 / 32 rounded to double
inline constexpr double kThirtyTwoByLn2 = 46.16624130844683;     // 32 / ln 2 rounded to double
inline constexpr double kRoundShift = 6755399441055744;          // 1.5 * 2^52: x + it rounds x
inline constexpr uint64_t kRoundShiftBits = 0x4338000000000000;  // ... and leaves it in the bits
inline constexpr double kSqrtHalf = 0.7071067811865476;          // sqrt(1/2) rounded to double
// A float's exp is 0 below -104 (e^-104 < half the least subnormal) and inf above 89
// (e^89 > FLT_MAX): clamping there keeps 2^(k >> 5) a normal double without changing a result.
inline constexpr double kExpMin = -104.0, kExpMax = 89.0;

// 2^(i/32), i = 0..31, each rounded to the nearest double (mpmath at 300 bits).
// clang-format off
inline constexpr double kExp2Table[32] = {
    1.0, 1.0218971486541166, 1.0442737824274138, 1.0671404006768237,
    1.0905077326652577, 1.1143867425958924, 1.1387886347566916, 1.1637248587775775,
    1.189207115002721, 1.215247359980469, 1.241857812073484, 1.2690509571917332,
    1.2968395546510096, 1.3252366431597413, 1.3542555469368927, 1.383909881963832,
    1.4142135623730951, 1.4451808069770467, 1.4768261459394993, 1.5091644275934228,
    1.5422108254079407, 1.5759808451078865, 1.6104903319492543, 1.645755478153965,
    1.681792830507429, 1.718619298122478, 1.7562521603732995, 1.7947090750031072,
    1.8340080864093424, 1.8741676341103, 1.9152065613971474, 1.9571441241754002};
// clang-format on
// 2 / (2i+1), i = 0..7: 2 atanh(u) = u * sum(2 u^(2i) / (2i+1)).
inline constexpr double kAtanhTerms[] = {2.0,     2.0 / 3,  2.0 / 5,  2.0 / 7,
                                         2.0 / 9, 2.0 / 11, 2.0 / 13, 2.0 / 15};

inline uint64_t bits_of(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

inline double double_of(uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

// ---- Scalar -------------------------------------------------------------------------------

// e^x rounded to float. -inf gives 0 and +inf gives inf through the clamp; NaN stays NaN.
inline float exp(float x) {
  double xd = x;
  xd = xd < kExpMin ? kExpMin : xd;
  xd = xd > kExpMax ? kExpMax : xd;
  const double shifted = xd * kThirtyTwoByLn2 + kRoundShift;
  const double kd = shifted - kRoundShift;
  const double r = xd - kd * kLn2By32;
  const int64_t k = static_cast<int64_t>(bits_of(shifted) - kRoundShiftBits);
  // 2^(k >> 5) * T[k & 31]: the power of two added to T's exponent (it stays normal)
  const double scale =
      double_of(bits_of(kExp2Table[k & 31]) + (static_cast<uint64_t>(k >> 5) << 52));
  const double r2 = r * r;
  const double p = (1.0 + r) + r2 * ((0.5 + r * (1.0 / 6)) + r2 * (1.0 / 24 + r * (1.0 / 120)));
  return static_cast<float>(scale * p);
}

// ln s rounded to float, for s > 0 finite; NaN, infinities, zero and negatives as std::log.
inline float log(float s) {
  if (!(s > 0.0f) || s == INFINITY) return std::log(s);
  const uint64_t b = bits_of(static_cast<double>(s));
  // k = the exponent that puts f = s / 2^k in [sqrt(1/2), sqrt(2)) (signed shift)
  const int64_t k = static_cast<int64_t>(b - bits_of(kSqrtHalf)) >> 52;
  const double f = double_of(b - (static_cast<uint64_t>(k) << 52));
  const double u = (f - 1.0) / (f + 1.0);
  const double v = u * u, v2 = v * v;
  const double* c = kAtanhTerms;
  const double p = (c[0] + c[1] * v) +
                   v2 * ((c[2] + c[3] * v) + v2 * ((c[4] + c[5] * v) + v2 * (c[6] + c[7] * v)));
  return static_cast<float>(static_cast<double>(k) * kLn2 + u * p);
}

#ifdef __wasm_simd128__

// ---- Two lanes of doubles, the same steps -------------------------------------------------

// e^x of two doubles that are floats, as doubles not yet rounded to float.
inline v128_t exp_f64x2(v128_t x) {
  // the scalar clamp: pmax(x, a) is x < a ? a : x, pmin(x, b) is b < x ? b : x (NaN stays)
  x = wasm_f64x2_pmax(x, wasm_f64x2_splat(kExpMin));
  x = wasm_f64x2_pmin(x, wasm_f64x2_splat(kExpMax));
  const v128_t shift = wasm_f64x2_splat(kRoundShift);
  const v128_t shifted =
      wasm_f64x2_add(wasm_f64x2_mul(x, wasm_f64x2_splat(kThirtyTwoByLn2)), shift);
  const v128_t kd = wasm_f64x2_sub(shifted, shift);
  const v128_t r = wasm_f64x2_sub(x, wasm_f64x2_mul(kd, wasm_f64x2_splat(kLn2By32)));
  const v128_t k = wasm_i64x2_sub(shifted, wasm_i64x2_splat(kRoundShiftBits));
  const v128_t table = wasm_f64x2_make(kExp2Table[wasm_i64x2_extract_lane(k, 0) & 31],
                                       kExp2Table[wasm_i64x2_extract_lane(k, 1) & 31]);
  const v128_t scale = wasm_i64x2_add(table, wasm_i64x2_shl(wasm_i64x2_shr(k, 5), 52));
  const v128_t r2 = wasm_f64x2_mul(r, r);
  const auto term = [&](double c0, double c1) {
    return wasm_f64x2_add(wasm_f64x2_splat(c0), wasm_f64x2_mul(r, wasm_f64x2_splat(c1)));
  };
  const v128_t p = wasm_f64x2_add(
      wasm_f64x2_add(wasm_f64x2_splat(1.0), r),
      wasm_f64x2_mul(
          r2, wasm_f64x2_add(term(0.5, 1.0 / 6), wasm_f64x2_mul(r2, term(1.0 / 24, 1.0 / 120)))));
  return wasm_f64x2_mul(scale, p);
}

// ln s of two doubles that are floats, as doubles not yet rounded to float. Lanes that are
// not positive and finite give what std::log gives (NaN, -inf for 0, inf for inf).
inline v128_t log_f64x2(v128_t s) {
  const v128_t b = s;
  const v128_t k = wasm_i64x2_shr(wasm_i64x2_sub(b, wasm_i64x2_splat(bits_of(kSqrtHalf))), 52);
  const v128_t f = wasm_i64x2_sub(b, wasm_i64x2_shl(k, 52));
  const v128_t one = wasm_f64x2_splat(1.0);
  const v128_t u = wasm_f64x2_div(wasm_f64x2_sub(f, one), wasm_f64x2_add(f, one));
  const v128_t v = wasm_f64x2_mul(u, u), v2 = wasm_f64x2_mul(v, v);
  const auto term = [&](int i) {
    return wasm_f64x2_add(wasm_f64x2_splat(kAtanhTerms[i]),
                          wasm_f64x2_mul(wasm_f64x2_splat(kAtanhTerms[i + 1]), v));
  };
  const v128_t p = wasm_f64x2_add(
      term(0),
      wasm_f64x2_mul(
          v2,
          wasm_f64x2_add(
              term(2), wasm_f64x2_mul(v2, wasm_f64x2_add(term(4), wasm_f64x2_mul(v2, term(6)))))));
  const v128_t kd = wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(k, k, 0, 2, 0, 2));
  const v128_t y = wasm_f64x2_add(wasm_f64x2_mul(kd, wasm_f64x2_splat(kLn2)), wasm_f64x2_mul(u, p));
  // the rest: s <= 0 -> NaN (-inf at 0), +inf -> inf, NaN -> NaN
  const v128_t zero = wasm_f64x2_splat(0.0);
  const v128_t inf = wasm_f64x2_splat(INFINITY);
  const v128_t normal = wasm_v128_and(wasm_f64x2_gt(s, zero), wasm_f64x2_lt(s, inf));
  v128_t other = wasm_v128_bitselect(wasm_f64x2_splat(-INFINITY), wasm_f64x2_splat(NAN),
                                     wasm_f64x2_eq(s, zero));
  other = wasm_v128_bitselect(inf, other, wasm_f64x2_eq(s, inf));
  return wasm_v128_bitselect(y, other, normal);
}

#endif

}  // namespace lrlab::exp_log
