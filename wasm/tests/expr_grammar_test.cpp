// The lr_lambda / scale_fn expression language (docs/run-spec.md 3): Python's precedence, Python's
// number syntax, parse errors with a column and what was expected, hostile input, and
// evaluation errors with Python's exception types.
#include <gtest/gtest.h>

#include <cmath>

#include "expr/expression.hpp"
#include "spec/spec_error.hpp"

namespace lrlab {
namespace {

double eval(const std::string& text, double epoch = 0.0) {
  return Expression::parse(text, "epoch", "scheduler.lr_lambda").evaluate(epoch);
}

std::string parse_error(const std::string& text, const std::string& variable = "epoch") {
  try {
    Expression::parse(text, variable, "scheduler.lr_lambda");
  } catch (const SpecError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string eval_error(const std::string& text, double epoch) {
  try {
    eval(text, epoch);
  } catch (const RunError& e) {
    return e.type() + ": " + e.what();
  }
  return "(no error)";
}

// The precedence table of docs/run-spec.md 3, which is Python's; every right-hand side is what
// Python prints for the same expression.
TEST(ExpressionGrammar, PythonPrecedence) {
  EXPECT_EQ(eval("-2 ** 2"), -4.0);           // ** binds tighter than a unary minus on its left
  EXPECT_EQ(eval("2 ** -1"), 0.5);            // ... and accepts one on its right
  EXPECT_EQ(eval("2 ** 3 ** 2"), 512.0);      // right-associative
  EXPECT_EQ(eval("-epoch ** 0.5", 4), -2.0);  // -(epoch ** 0.5)
  EXPECT_EQ(eval("-2 ** -2"), -0.25);
  EXPECT_EQ(eval("2 ** 2 ** -1"), std::sqrt(2.0));
  EXPECT_EQ(eval("2 * -3"), -6.0);
  EXPECT_EQ(eval("--2"), 2.0);
  EXPECT_EQ(eval("2 + 3 * 4"), 14.0);
  EXPECT_EQ(eval("(2 + 3) * 4"), 20.0);
  EXPECT_EQ(eval("10 - 4 - 3"), 3.0);  // left-associative
  EXPECT_EQ(eval("100 / 10 / 5"), 2.0);
  EXPECT_EQ(eval("2 * 3 ** 2"), 18.0);
  EXPECT_EQ(eval("1 - -1"), 2.0);
  EXPECT_EQ(eval("epoch / 2 ** 3 ** 2", 1024), 2.0);
  // The fixture lambdalr-grammar-precedence, at epoch 9: 1 + 0.04*9 + 2**-3 - 9/512.
  EXPECT_EQ(eval("1 + -2 ** 2 * -0.01 * epoch + 2 ** -epoch ** 0.5 - epoch / 2 ** 3 ** 2", 9),
            1 + -4.0 * -0.01 * 9 + std::pow(2.0, -3.0) - 9 / 512.0);
}

TEST(ExpressionGrammar, NumbersFunctionsAndPi) {
  EXPECT_EQ(eval(".5"), 0.5);
  EXPECT_EQ(eval("5."), 5.0);
  EXPECT_EQ(eval("1e3"), 1000.0);
  EXPECT_EQ(eval("2.5E-1"), 0.25);
  EXPECT_EQ(eval("00.5"), 0.5);
  EXPECT_EQ(eval("0"), 0.0);
  EXPECT_EQ(eval("00"), 0.0);
  EXPECT_EQ(eval("0.1"), 0.1);  // correctly rounded, like Python's float("0.1")
  EXPECT_EQ(eval("pi"), 3.141592653589793);
  EXPECT_EQ(eval("min(3, 1, 2)"), 1.0);
  EXPECT_EQ(eval("max(1, 5, 2)"), 5.0);
  EXPECT_EQ(eval("abs(-3)"), 3.0);
  EXPECT_EQ(eval("floor(-2.5)"), -3.0);
  EXPECT_EQ(eval("ceil(2.1)"), 3.0);
  EXPECT_EQ(eval("exp(0) + log(1) + sqrt(16) + sin(0) + cos(0)"), 6.0);
  EXPECT_EQ(eval("\tmin(\n1 ,2 )"), 1.0);  // space, tab and newline separate tokens
  // Python's min/max return the first extreme argument: max(0.0, -0.0) is 0.0, max(-0.0, 0.0) is
  // -0.0.
  EXPECT_FALSE(std::signbit(eval("max(0.0, -0.0)")));
  EXPECT_TRUE(std::signbit(eval("max(-0.0, 0.0)")));
  EXPECT_EQ(Expression::parse("0.5 ** x", "x", "scheduler.scale_fn").evaluate(2), 0.25);
}

TEST(ExpressionGrammar, ParseErrorsNameColumnAndExpectation) {
  EXPECT_EQ(parse_error("min(1, 2"),
            "scheduler.lr_lambda: column 9: expected ')' after function arguments");
  EXPECT_EQ(parse_error("max(epoch; 2)"),
            "scheduler.lr_lambda: column 10: unexpected character ';'");
  EXPECT_EQ(parse_error("(1 + 2"),
            "scheduler.lr_lambda: column 7: expected ')' to close the '(' at column 1, got the end "
            "of the text");
  EXPECT_EQ(parse_error(""),
            "scheduler.lr_lambda: column 1: expected an expression, got the end of the text");
  EXPECT_EQ(parse_error("2 +"),
            "scheduler.lr_lambda: column 4: expected an expression, got the end of the text");
  EXPECT_EQ(
      parse_error("+2"),
      "scheduler.lr_lambda: column 1: expected an expression, got '+' (there is no unary plus)");
  EXPECT_EQ(
      parse_error("1 2"),
      "scheduler.lr_lambda: column 3: expected an operator or the end of the expression, got '2'");
  EXPECT_EQ(parse_error("2epoch"),
            "scheduler.lr_lambda: column 2: expected an operator after the number '2', got 'e'");
  EXPECT_EQ(parse_error("1e"),
            "scheduler.lr_lambda: column 2: expected digits in the exponent of the number '1e'");
  EXPECT_EQ(parse_error("007"),
            "scheduler.lr_lambda: column 1: leading zeros are not allowed in the integer '007'");
  EXPECT_EQ(parse_error("epoch // 2"),
            "scheduler.lr_lambda: column 7: '//' is not supported (write floor(a / b))");
  EXPECT_EQ(parse_error("epoch % 2"), "scheduler.lr_lambda: column 7: unexpected character '%'");
  EXPECT_EQ(parse_error("min(1)"),
            "scheduler.lr_lambda: column 1: min() needs at least 2 arguments, got 1");
  EXPECT_EQ(parse_error("0.5 * sqrt(1, 2)"),
            "scheduler.lr_lambda: column 7: sqrt() takes exactly 1 argument, got 2");
  EXPECT_EQ(parse_error("min(1,)"),
            "scheduler.lr_lambda: column 7: expected an expression, got ')'");
  EXPECT_EQ(parse_error("exp 2"),
            "scheduler.lr_lambda: column 5: expected '(' after the function name 'exp'");
  EXPECT_EQ(parse_error("x ** 2"),
            "scheduler.lr_lambda: column 1: unknown name 'x' (allowed: epoch, pi, min, max, abs, "
            "exp, log, sqrt, sin, "
            "cos, floor, ceil)");
  EXPECT_EQ(parse_error("epoch", "x"),
            "scheduler.lr_lambda: column 1: unknown name 'epoch' (allowed: x, pi, min, max, abs, "
            "exp, log, sqrt, sin, "
            "cos, floor, ceil)");
  EXPECT_EQ(parse_error("2 * * 3"),
            "scheduler.lr_lambda: column 5: expected an expression, got '*'");
  EXPECT_EQ(parse_error("1 < 2"), "scheduler.lr_lambda: column 3: unexpected character '<'");
  EXPECT_EQ(parse_error("\xc3\xa9"),
            "scheduler.lr_lambda: column 1: unexpected character byte 0xc3");
  EXPECT_EQ(parse_error("1e999"),
            "scheduler.lr_lambda: column 1: the number '1e999' is too large for a double");
}

TEST(ExpressionGrammar, HostileInputIsLimitedNotCrashing) {
  EXPECT_EQ(parse_error(std::string(1001, '1')),
            "scheduler.lr_lambda: must be at most 1000 characters, got 1001");
  // 64 levels are fine, the 65th is rejected, at the column where it starts.
  const std::string ok = std::string(63, '(') + "1" + std::string(63, ')');
  EXPECT_EQ(eval(ok), 1.0);
  EXPECT_EQ(
      parse_error(std::string(200, '(') + "1" + std::string(200, ')')),
      "scheduler.lr_lambda: column 65: the expression is nested too deeply (more than 64 levels)");
  EXPECT_EQ(
      parse_error(std::string(999, '-') + "1"),
      "scheduler.lr_lambda: column 65: the expression is nested too deeply (more than 64 levels)");
  EXPECT_NE(parse_error(std::string(333, '2') + std::string(300, '*')), "(no error)");
  // A long flat expression is not nested: it parses and evaluates without recursion.
  std::string sum = "1";
  while (sum.size() < 990) sum += "+1";
  EXPECT_EQ(eval(sum), static_cast<double>((sum.size() + 1) / 2));
}

// Where Python's math raises, so do we, with Python's exception type (docs/run-spec.md 3).
TEST(ExpressionGrammar, EvaluationErrorsUsePythonExceptionTypes) {
  EXPECT_EQ(eval_error("1 / (epoch - 3)", 3),
            "ZeroDivisionError: float division by zero (column 3)");
  EXPECT_EQ(eval_error("log(epoch)", 0), "ValueError: math domain error in log() (column 1)");
  EXPECT_EQ(eval_error("sqrt(-1 - epoch)", 0),
            "ValueError: math domain error in sqrt() (column 1)");
  EXPECT_EQ(eval_error("exp(epoch)", 1000), "OverflowError: math range error in exp() (column 1)");
  EXPECT_EQ(eval_error("0 ** -epoch", 1),
            "ZeroDivisionError: 0.0 cannot be raised to a negative power (column 3)");
  EXPECT_EQ(eval_error("(-8) ** (1 / 3)", 0),
            "ValueError: negative number cannot be raised to a fractional power (column 6)");
  EXPECT_EQ(eval_error("10 ** epoch", 400), "OverflowError: math range error in '**' (column 4)");
  EXPECT_EQ(eval_error("1e308 * (epoch + 10)", 0),
            "OverflowError: result of '*' is not finite (column 7)");
  EXPECT_EQ(eval("(-8) ** 2"), 64.0);  // a negative base with an integral exponent is fine
  EXPECT_EQ(eval("0 ** 0"), 1.0);
}

}  // namespace
}  // namespace lrlab
