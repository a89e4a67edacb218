// The `lr_lambda` argument of LambdaLR and MultiplicativeLR (docs/run-spec.md 1.2): one expression
// string in `epoch`, used for every param group, or an array with one per group
// (torch 1.13 L211-218: "Expected {} lr_lambdas, but got {}").
#pragma once

#include <vector>

#include "expr/expression.hpp"
#include "spec/param_declaration.hpp"

namespace lrlab {

constexpr ParamDecl lr_lambda_param() {
  return expression_param("lr_lambda", "epoch")
      .is_required()
      .one_per_group()
      .describe("The factor as a function of the epoch, or one per param group");
}
// Parses the validated strings (their shape was checked through lr_lambda_param()).
std::vector<Expression> read_lr_lambdas(const DeclaredValues& params);

}  // namespace lrlab
