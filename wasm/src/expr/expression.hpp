// A user-written lr_lambda / scale_fn: an arithmetic expression in one variable,
// in the grammar of docs/run-spec.md section 3 (Python's precedence, no eval anywhere).
//
// The text is parsed once into reverse Polish notation; evaluation runs over an
// explicit stack, so neither parsing (depth-limited) nor evaluation can overflow the
// C++ stack on hostile input. Evaluation follows the reference evaluator (Python
// `math` on doubles): an error Python would raise becomes RunError with Python's
// exception type (ZeroDivisionError, ValueError "math domain error", OverflowError).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lrlab {

class Expression {
 public:
  static constexpr size_t kMaxLength = 1000;  // characters of source text
  static constexpr int kMaxDepth = 64;        // nesting of parentheses, unary minus, `**`, calls

  // Throws SpecError(path, "column N: expected ...") for text outside the grammar.
  // `variable` is the one name the expression may use ("epoch" or "x").
  static Expression parse(const std::string& source, const std::string& variable,
                          const std::string& path);

  // Value at `variable = value`; throws RunError(type, message) where Python would raise.
  double evaluate(double value) const;

  const std::string& source() const { return source_; }

  enum class Op : uint8_t {
    kNumber,
    kVariable,
    kNegate,
    kAdd,
    kSubtract,
    kMultiply,
    kDivide,
    kPower,
    kMin,
    kMax,
    kAbs,
    kExp,
    kLog,
    kSqrt,
    kSin,
    kCos,
    kFloor,
    kCeil
  };
  struct Instruction {
    Op op;
    uint32_t arity = 0;   // argument count of min/max
    uint32_t column = 0;  // 1-based source column, for evaluation messages
    double value = 0.0;   // kNumber
  };

 private:
  Expression() = default;
  std::string source_;
  std::vector<Instruction> program_;  // reverse Polish notation
  size_t max_stack_ = 0;

  friend class ExpressionParser;
};

}  // namespace lrlab
