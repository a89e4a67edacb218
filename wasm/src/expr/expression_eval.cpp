// Evaluating a parsed expression with the semantics of the reference evaluator
// (docs/run-spec.md 3: Python floats and the `math` module): IEEE double + - * /, C pow for `**`,
// `min`/`max` return the first extreme argument (Python's builtins compare with `>`/`<`).
// Where Python raises, we raise RunError with the same exception type; a non-finite
// intermediate result is an OverflowError too (docs/run-spec.md 3: "any non-finite result").
#include <algorithm>
#include <cmath>

#include "expr/expression.hpp"
#include "platform/python_trig.hpp"
#include "spec/spec_error.hpp"

namespace lrlab {

namespace {

[[noreturn]] void raise(const char* type, const std::string& what, uint32_t column) {
  throw_run_error(type, concat({what, " (column ", column, ")"}));
}

double checked(double v, const char* op, uint32_t column) {
  if (!std::isfinite(v))
    raise("OverflowError", std::string("result of ") + op + " is not finite", column);
  return v;
}

// Python's float.__pow__ (Objects/floatobject.c float_pow) for finite operands.
double python_pow(double a, double b, uint32_t column) {
  if (b == 0.0) return 1.0;
  if (a == 0.0 && b < 0.0)
    raise("ZeroDivisionError", "0.0 cannot be raised to a negative power", column);
  if (a < 0.0 && b != std::floor(b))
    raise("ValueError", "negative number cannot be raised to a fractional power", column);
  const double r = std::pow(a, b);
  if (!std::isfinite(r)) raise("OverflowError", "math range error in '**'", column);
  return r;
}

}  // namespace

double Expression::evaluate(double value) const {
  std::vector<double> stack;
  stack.reserve(max_stack_);
  for (const Instruction& ins : program_) {
    switch (ins.op) {
      case Op::kNumber:
        stack.push_back(ins.value);
        continue;
      case Op::kVariable:
        stack.push_back(value);
        continue;
      case Op::kNegate:
        stack.back() = -stack.back();
        continue;
      default:
        break;
    }
    if (ins.op == Op::kMin || ins.op == Op::kMax) {
      const size_t first = stack.size() - ins.arity;
      double best = stack[first];
      for (size_t i = first + 1; i < stack.size(); ++i)
        if (ins.op == Op::kMax ? stack[i] > best : stack[i] < best) best = stack[i];
      stack.resize(first);
      stack.push_back(best);
      continue;
    }
    if (ins.arity == 1) {
      double& x = stack.back();
      switch (ins.op) {
        case Op::kAbs:
          x = std::fabs(x);
          break;
        case Op::kExp: {
          const double r = std::exp(x);
          if (!std::isfinite(r)) raise("OverflowError", "math range error in exp()", ins.column);
          x = r;
          break;
        }
        case Op::kLog:
          if (!(x > 0.0)) raise("ValueError", "math domain error in log()", ins.column);
          x = std::log(x);
          break;
        case Op::kSqrt:
          if (x < 0.0) raise("ValueError", "math domain error in sqrt()", ins.column);
          x = std::sqrt(x);
          break;
        case Op::kSin:
          x = py_sin(x);
          break;
        case Op::kCos:
          x = py_cos(x);
          break;
        case Op::kFloor:
          x = std::floor(x);
          break;
        case Op::kCeil:
          x = std::ceil(x);
          break;
        default:
          break;
      }
      continue;
    }
    const double b = stack.back();
    stack.pop_back();
    double& a = stack.back();
    switch (ins.op) {
      case Op::kAdd:
        a = checked(a + b, "'+'", ins.column);
        break;
      case Op::kSubtract:
        a = checked(a - b, "'-'", ins.column);
        break;
      case Op::kMultiply:
        a = checked(a * b, "'*'", ins.column);
        break;
      case Op::kDivide:
        if (b == 0.0) raise("ZeroDivisionError", "float division by zero", ins.column);
        a = checked(a / b, "'/'", ins.column);
        break;
      case Op::kPower:
        a = python_pow(a, b, ins.column);
        break;
      default:
        break;
    }
  }
  return stack.back();
}

}  // namespace lrlab
