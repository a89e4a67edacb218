// A constructor parameter declared as data: its PyTorch name, kind, default and the domain
// torch 1.13 accepts (narrowed only by the engine's protective bounds). Schedulers and
// optimizers list their parameters this way in their own files; read_declared() validates a
// spec object through the list, and describe_param() publishes it (describe(),
// dist/engine/schedulers.json, the generated .d.ts). docs/pytorch-semantics.md explains the
// domains.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
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

// The default a ParamDecl publishes and reads for an absent parameter (as JSON: 5 and 5.0
// differ for torch's isinstance checks).
enum class DefaultKind : unsigned char { kNone, kInteger, kNumber, kBoolean, kString, kPair };

// Constant data: each declaration is a static constexpr table of these, built with the
// chained setters below (number_param("gamma").defaults_to(1.0).in(range).describe("...")),
// so a declaration costs no code; read_declared() and describe_param() read the table.
struct ParamDecl {
  static constexpr size_t kMaxChoices = 4;

  const char* name = "";
  ParamKind kind = ParamKind::kNumber;
  const char* doc = "";
  // torch's default; none when required or when torch's default is None
  DefaultKind default_kind = DefaultKind::kNone;
  double default_number = 0, default_second = 0;  // kInteger/kNumber/kBoolean; kPair: both
  const char* default_text = "";                  // kString
  bool required = false;                          // no default in torch
  bool nullable = false;                          // null (Python None) is accepted
  bool per_group = false;  // a value, or a list with one value per param group
  // kInteger: torch checks isinstance(x, int) and refuses floats. Otherwise an integral
  // float runs as the int (with a warning) and, where torch's arithmetic accepts one, a
  // fractional float runs too (`fractional`).
  bool int_checked = false;
  bool fractional = false;
  Range range;                            // kInteger, kNumber and list items
  const char* choices[kMaxChoices] = {};  // kEnum
  size_t choice_count = 0;                // kEnum
  bool other_strings = false;  // kEnum: torch runs any string (the choices are the meaningful ones)
  const char* free_with = "";  // kEnum: any string when this other parameter is given
  const char* variable = "";   // kExpression
  size_t min_items = 0, max_items = 0;  // kList, kSchedulers

  constexpr ParamDecl& describe(const char* text) { return doc = text, *this; }
  constexpr ParamDecl& defaults_to(int v) {
    return default_kind = DefaultKind::kInteger, default_number = v, *this;
  }
  constexpr ParamDecl& defaults_to(double v) {
    return default_kind = DefaultKind::kNumber, default_number = v, *this;
  }
  constexpr ParamDecl& defaults_to(bool v) {
    return default_kind = DefaultKind::kBoolean, default_number = v, *this;
  }
  constexpr ParamDecl& defaults_to(const char* v) {
    return default_kind = DefaultKind::kString, default_text = v, *this;
  }
  // A list of two numbers (Adam's betas).
  constexpr ParamDecl& defaults_to(double first, double second) {
    return default_kind = DefaultKind::kPair, default_number = first, default_second = second,
           *this;
  }
  constexpr ParamDecl& is_required() { return required = true, *this; }
  constexpr ParamDecl& or_none() { return nullable = true, *this; }
  constexpr ParamDecl& one_per_group() { return per_group = true, *this; }
  constexpr ParamDecl& in(Range r) { return range = r, *this; }
  constexpr ParamDecl& checked_int() { return int_checked = true, *this; }
  constexpr ParamDecl& fractional_runs() { return fractional = true, *this; }
  constexpr ParamDecl& at_most(size_t n) { return max_items = n, *this; }
  constexpr ParamDecl& exactly(size_t n) { return min_items = max_items = n, *this; }
  constexpr ParamDecl& any_string() { return other_strings = true, *this; }
  constexpr ParamDecl& any_string_with(const char* other) { return free_with = other, *this; }
};

constexpr ParamDecl declare_param(const char* name, ParamKind kind) {
  ParamDecl p;
  p.name = name;
  p.kind = kind;
  return p;
}
constexpr ParamDecl integer_param(const char* name) {
  return declare_param(name, ParamKind::kInteger);
}
constexpr ParamDecl number_param(const char* name) {
  return declare_param(name, ParamKind::kNumber);
}
constexpr ParamDecl boolean_param(const char* name) {
  return declare_param(name, ParamKind::kBoolean);
}
template <size_t N>
constexpr ParamDecl enum_param(const char* name, const char* const (&choices)[N]) {
  static_assert(N <= ParamDecl::kMaxChoices, "raise ParamDecl::kMaxChoices");
  ParamDecl p = declare_param(name, ParamKind::kEnum);
  for (size_t i = 0; i < N; ++i) p.choices[i] = choices[i];
  p.choice_count = N;
  return p;
}
constexpr ParamDecl expression_param(const char* name, const char* variable) {
  ParamDecl p = declare_param(name, ParamKind::kExpression);
  p.variable = variable;
  return p;
}
constexpr ParamDecl list_param(const char* name) { return declare_param(name, ParamKind::kList); }
constexpr ParamDecl schedulers_param(const char* name) {
  return declare_param(name, ParamKind::kSchedulers);
}

// A declaration's parameters: a static table (or a vector's contents), not owned.
class ParamList {
 public:
  constexpr ParamList() = default;
  constexpr ParamList(const ParamDecl* data, size_t size) : data_(data), size_(size) {}
  template <size_t N>
  constexpr ParamList(const ParamDecl (&table)[N]) : data_(table), size_(N) {}  // NOLINT

  constexpr const ParamDecl* begin() const { return data_; }
  constexpr const ParamDecl* end() const { return data_ + size_; }
  constexpr size_t size() const { return size_; }

 private:
  const ParamDecl* data_ = nullptr;
  size_t size_ = 0;
};

// The declared default as JSON (null when none).
Json default_json(const ParamDecl& p);

// The values of one spec object, validated through its declarations. Absent optional
// parameters read as their declared default.
class DeclaredValues {
 public:
  DeclaredValues(SpecObject& spec, ParamList params, size_t groups)
      : spec_(&spec), params_(params), groups_(groups) {}

  bool given(std::string_view name) const;
  std::string path(std::string_view name) const { return spec_->field_path(name); }
  const Json& raw(std::string_view name) const;  // null when absent
  double number(std::string_view name) const;
  std::vector<double> per_group(std::string_view name) const;
  std::vector<double> list(std::string_view name) const;
  bool boolean(std::string_view name) const;
  std::string choice(std::string_view name) const;
  // Whether the JSON text held an int (1) rather than a float (1.0): Python's error
  // messages differ ("integer modulo by zero" / "float modulo").
  bool written_as_int(std::string_view name) const;

  SpecObject& spec() { return *spec_; }
  size_t groups() const { return groups_; }

 private:
  friend DeclaredValues read_declared(SpecObject&, ParamList, size_t, Warnings*, bool);
  const ParamDecl& decl(std::string_view name) const;

  SpecObject* spec_;
  ParamList params_;
  size_t groups_;
  std::map<std::string, Json, std::less<>> values_;
  std::map<std::string, Json, std::less<>> defaults_;  // of the absent parameters that have one
};

// Rejects unknown keys first (with a did-you-mean), then validates every declared parameter:
// JSON type, domain, per-group length. Keys in `also_known` (e.g. "type") are left to the
// caller. Appends warnings for values torch runs in a surprising way.
DeclaredValues read_declared(SpecObject& spec, ParamList params, size_t groups, Warnings* warnings,
                             bool integral_warning = true);

// The declaration as JSON (describe(), schedulers.json).
Json describe_param(const ParamDecl& p);
Json describe_params(ParamList params);  // an array of describe_param()
// Sets boolean members of a JSON object (less code than a JSON initializer list per object).
void put_flags(Json& object, std::initializer_list<std::pair<const char*, bool>> flags);

// Adds a warning when `warnings` is not null.
void warn(Warnings* warnings, std::string path, std::string message);
Json warnings_json(const Warnings& warnings);

}  // namespace lrlab
