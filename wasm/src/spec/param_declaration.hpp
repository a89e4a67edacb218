// A constructor parameter declared as data: its PyTorch name, kind, default and the domain
// torch 1.13 accepts (narrowed only by the engine's protective bounds). Schedulers and
// optimizers list their parameters this way in their own files; read_declared() validates a
// spec object through the list, and describe_param() publishes it (describe(),
// dist/engine/schedulers.json, the generated .d.ts). docs/pytorch-semantics.md explains the
// domains.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "spec/spec_reader.hpp"

namespace lrlab {

enum class ParamKind {
  kInteger,  // an int in torch's signature
  kNumber,   // a float
  kBoolean,
  kEnum,        // one of `choices`
  kExpression,  // a function in torch; here an expression string in `variable` (docs/run-spec.md 3)
  kList,        // a list of numbers (milestones)
  kSchedulers,  // child scheduler objects (ChainedScheduler, SequentialLR)
};

// "Linter advice" attached to a result: PyTorch runs the value, but probably not as meant.
struct SpecWarning {
  std::string path, message;
};
using Warnings = std::vector<SpecWarning>;

struct ParamDecl {
  std::string name;
  ParamKind kind = ParamKind::kNumber;
  std::string doc;
  Json default_value;      // torch's default; null when required or when torch's default is None
  bool required = false;   // no default in torch
  bool nullable = false;   // null (Python None) is accepted
  bool per_group = false;  // a value, or a list with one value per param group
  // kInteger: torch checks isinstance(x, int) and refuses floats. Otherwise an integral
  // float runs as the int (with a warning) and, where torch's arithmetic accepts one, a
  // fractional float runs too (`fractional`).
  bool int_checked = false;
  bool fractional = false;
  Range range;                       // kInteger, kNumber and list items
  std::vector<std::string> choices;  // kEnum
  bool other_strings = false;  // kEnum: torch runs any string (the choices are the meaningful ones)
  std::string free_with;       // kEnum: any string when this other parameter is given
  std::string variable;        // kExpression
  size_t min_items = 0, max_items = 0;  // kList, kSchedulers

  ParamDecl& describe(std::string text) { return doc = std::move(text), *this; }
  ParamDecl& defaults_to(Json v) { return default_value = std::move(v), *this; }
  ParamDecl& is_required() { return required = true, *this; }
  ParamDecl& or_none() { return nullable = true, *this; }
  ParamDecl& one_per_group() { return per_group = true, *this; }
  ParamDecl& in(Range r) { return range = r, *this; }
  ParamDecl& checked_int() { return int_checked = true, *this; }
  ParamDecl& fractional_runs() { return fractional = true, *this; }
  ParamDecl& at_most(size_t n) { return max_items = n, *this; }
  ParamDecl& exactly(size_t n) { return min_items = max_items = n, *this; }
  ParamDecl& any_string() { return other_strings = true, *this; }
  ParamDecl& any_string_with(std::string other) { return free_with = std::move(other), *this; }
};

ParamDecl integer_param(std::string name);
ParamDecl number_param(std::string name);
ParamDecl boolean_param(std::string name);
ParamDecl enum_param(std::string name, std::vector<std::string> choices);
ParamDecl expression_param(std::string name, std::string variable);
ParamDecl list_param(std::string name);
ParamDecl schedulers_param(std::string name);

// The values of one spec object, validated through its declarations. Absent optional
// parameters read as their declared default.
class DeclaredValues {
 public:
  DeclaredValues(SpecObject& spec, const std::vector<ParamDecl>& params, size_t groups)
      : spec_(&spec), params_(&params), groups_(groups) {}

  bool given(const std::string& name) const;
  std::string path(const std::string& name) const { return spec_->field_path(name); }
  const Json& raw(const std::string& name) const;  // null when absent
  double number(const std::string& name) const;
  std::vector<double> per_group(const std::string& name) const;
  std::vector<double> list(const std::string& name) const;
  bool boolean(const std::string& name) const;
  std::string choice(const std::string& name) const;
  // Whether the JSON text held an int (1) rather than a float (1.0): Python's error
  // messages differ ("integer modulo by zero" / "float modulo").
  bool written_as_int(const std::string& name) const;

  SpecObject& spec() { return *spec_; }
  size_t groups() const { return groups_; }

 private:
  friend DeclaredValues read_declared(SpecObject&, const std::vector<ParamDecl>&, size_t, Warnings*,
                                      bool);
  const ParamDecl& decl(const std::string& name) const;

  SpecObject* spec_;
  const std::vector<ParamDecl>* params_;
  size_t groups_;
  std::map<std::string, Json, std::less<>> values_;
};

// Rejects unknown keys first (with a did-you-mean), then validates every declared parameter:
// JSON type, domain, per-group length. Keys in `also_known` (e.g. "type") are left to the
// caller. Appends warnings for values torch runs in a surprising way.
DeclaredValues read_declared(SpecObject& spec, const std::vector<ParamDecl>& params, size_t groups,
                             Warnings* warnings, bool integral_warning = true);

// The declaration as JSON (describe(), schedulers.json).
Json describe_param(const ParamDecl& p);

// Adds a warning when `warnings` is not null.
void warn(Warnings* warnings, std::string path, std::string message);
Json warnings_json(const Warnings& warnings);

}  // namespace lrlab
