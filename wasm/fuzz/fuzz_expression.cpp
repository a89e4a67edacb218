// libFuzzer target: arbitrary text as an lr_lambda / scale_fn expression. Parsing
// must end in an Expression or a SpecError; evaluation in a double or a RunError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "expr/expression.hpp"
#include "spec/spec_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // First byte picks the variable name, the rest is the expression text.
  const std::string variable = data[0] & 1 ? "x" : "epoch";
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const lrlab::Expression e = lrlab::Expression::parse(text, variable, "scheduler.lr_lambda");
    for (double v : {0.0, 1.0, 7.0, 0.5, 1e6}) {
      try {
        (void)e.evaluate(v);
      } catch (const lrlab::RunError&) {
      }
    }
  } catch (const lrlab::SpecError&) {
  }
  return 0;
}
