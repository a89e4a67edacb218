// Python's float `%` and `//` (CPython floatobject.c float_rem / _float_div_mod), which torch's
// schedulers apply to last_epoch and their int-or-float arguments. For whole numbers below 2**53
// they equal Python's int operators. A zero divisor raises ZeroDivisionError at that step, with
// Python's message for the operand type the spec wrote.
#pragma once

#include <cmath>
#include <string>

#include "spec/spec_error.hpp"

namespace lrlab {

// `cause`: the argument that made b zero, appended to Python's message ("integer modulo by zero
// (StepLR step_size 0)"), as LinearLR's and ConstantLR's messages do: torch's text names no
// argument, and a learner's spec may hold several schedulers (docs/pytorch-semantics.md 3).
inline void check_divisor(double b, const char* message, const char* cause) {
  if (b != 0.0) return;
  if (cause) throw_run_error("ZeroDivisionError", std::string(message) + " (" + cause + ")");
  throw RunError("ZeroDivisionError", message);
}

// a % b: the result takes the sign of b.
inline double py_mod(double a, double b, bool ints = false, const char* cause = nullptr) {
  check_divisor(b, ints ? "integer modulo by zero" : "float modulo", cause);
  double mod = std::fmod(a, b);
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = std::copysign(0.0, b);
  }
  return mod;
}

// a // b: floor of the quotient, computed as CPython does.
inline double py_floordiv(double a, double b, bool ints = false, const char* cause = nullptr) {
  check_divisor(b, ints ? "integer division or modulo by zero" : "float floor division by zero",
                cause);
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) div -= 1.0;
  }
  if (div != 0.0) {
    double floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
    return floordiv;
  }
  return std::copysign(0.0, a / b);
}

// x ** y for floats (CPython float_pow): 0.0 to a negative power raises; a negative base to a
// fractional power is a complex number in Python, which no LR can hold; a finite base and
// exponent whose power overflows raise OverflowError (errno ERANGE; an underflow to 0 does not).
inline double py_pow(double x, double y) {
  if (x == 0.0 && y < 0.0)
    throw RunError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
  if (x < 0.0 && std::isfinite(y) && y != std::floor(y))
    throw RunError("TypeError", "a negative number raised to a fractional power is complex");
  const double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
    throw RunError("OverflowError", "(34, 'Numerical result out of range')");
  return r;
}

}  // namespace lrlab
