#include "sched/lr_lambda.hpp"

#include "spec/spec_error.hpp"

namespace lrlab {

namespace {

Expression parse_lambda(const Json& v, const std::string& path) {
  if (!v.is_string())
    throw SpecError(path, "must be an expression string in `epoch` (e.g. \"0.95 ** epoch\"), got " +
                              describe_value(v));
  return Expression::parse(v.get<std::string>(), "epoch", path);
}

}  // namespace

std::vector<Expression> read_lr_lambdas(SpecObject& spec, size_t groups) {
  const std::string path = spec.field_path("lr_lambda");
  const Json* v = spec.get("lr_lambda");
  if (!v)
    throw SpecError(
        path, "is required (an expression string in `epoch`, or an array of one per param group)");
  std::vector<Expression> out;
  if (v->is_array()) {
    if (v->size() != groups)
      throw SpecError(path, "expected " + std::to_string(groups) +
                                " expressions (one per param group), got " +
                                std::to_string(v->size()));
    for (size_t i = 0; i < v->size(); ++i)
      out.push_back(parse_lambda((*v)[i], index_path(path, i)));
  } else {
    const Expression e = parse_lambda(*v, path);
    out.assign(groups, e);
  }
  return out;
}

}  // namespace lrlab
