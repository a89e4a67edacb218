#include "sched/lr_lambda.hpp"

namespace lrlab {

std::vector<Expression> read_lr_lambdas(const DeclaredValues& params) {
  const Json& v = params.raw("lr_lambda");
  const std::string path = params.path("lr_lambda");
  std::vector<Expression> out;
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i)
      out.push_back(Expression::parse(v[i].get<std::string>(), "epoch", index_path(path, i)));
  } else {
    const Expression e = Expression::parse(v.get<std::string>(), "epoch", path);
    for (size_t g = 0; g < params.groups(); ++g) out.push_back(Expression(e));  // as assign(n, e)
  }
  return out;
}

}  // namespace lrlab
