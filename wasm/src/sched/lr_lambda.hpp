// The `lr_lambda` argument of LambdaLR and MultiplicativeLR (docs/run-spec.md 1.2): one expression
// string in `epoch`, used for every param group, or an array with one per group
// (torch 1.13 L211-218: "Expected {} lr_lambdas, but got {}").
#pragma once

#include <vector>

#include "expr/expression.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

std::vector<Expression> read_lr_lambdas(SpecObject& spec, size_t groups);

}  // namespace lrlab
