#include "sched/lr_lambda.hpp"

namespace lrlab {

ParamDecl lr_lambda_param() {
  return expression_param("lr_lambda", "epoch")
      .is_required()
      .one_per_group()
      .describe("The factor as a function of the epoch, or one per param group");
}

std::vector<Expression> read_lr_lambdas(const DeclaredValues& params) {
  const Json& v = params.raw("lr_lambda");
  const std::string path = params.path("lr_lambda");
  std::vector<Expression> out;
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i)
      out.push_back(Expression::parse(v[i].get<std::string>(), "epoch", index_path(path, i)));
  } else {
    out.assign(params.groups(), Expression::parse(v.get<std::string>(), "epoch", path));
  }
  return out;
}

}  // namespace lrlab
