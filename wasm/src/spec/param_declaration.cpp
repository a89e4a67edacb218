#include "spec/param_declaration.hpp"

#include <cmath>
#include <limits>

#include "spec/json_record.hpp"

namespace lrlab {

namespace {

int64_t int_bound(double v) {
  if (v <= static_cast<double>(std::numeric_limits<int64_t>::min()))
    return std::numeric_limits<int64_t>::min();
  if (v >= static_cast<double>(std::numeric_limits<int64_t>::max()))
    return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(v);
}

Json json_bound(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

bool integral(double v) { return std::isfinite(v) && v == std::floor(v); }

// The accepted values, as written after "must be" / "is required (...)".
std::string domain_text(const ParamDecl& p) {
  switch (p.kind) {
    case ParamKind::kInteger:
      if (p.int_checked) return integer_range_text(int_bound(p.range.lo), int_bound(p.range.hi));
      return p.range.describe() + " (an int in torch's signature)";
    case ParamKind::kNumber:
      return p.range.describe();
    case ParamKind::kBoolean:
      return "true or false";
    case ParamKind::kEnum: {
      std::string s = "one of ";
      for (size_t i = 0; i < p.choice_count; ++i) {
        if (i) s += i + 1 == p.choice_count ? " or " : ", ";
        s += Json(p.choices[i]).dump();
      }
      return s;
    }
    case ParamKind::kExpression:
      return "an expression string in `" + std::string(p.variable) + "` (e.g. \"" +
             (std::string(p.variable) == "x" ? "0.5 ** x" : "0.95 ** epoch") + "\")";
    case ParamKind::kList:
      return "an array of " +
             (p.min_items == p.max_items ? std::to_string(p.max_items)
                                         : "at most " + std::to_string(p.max_items)) +
             " numbers (" + p.range.describe() + " each)";
    case ParamKind::kSchedulers:
      return "an array of 1 to " + std::to_string(p.max_items) + " scheduler objects";
  }
  return "";
}

std::string with_groups(const ParamDecl& p, const std::string& text) {
  return p.per_group ? text + ", or an array of one per param group" : text;
}

// "must be <the domain>, got <v>"; `group_list`: the domain with its per-group alternative.
std::string must_be(const ParamDecl& p, const Json& v, bool group_list = false) {
  const std::string domain = domain_text(p);
  return "must be " + (group_list ? with_groups(p, domain) : domain) + ", got " + describe_value(v);
}

[[noreturn]] void reject(const ParamDecl& p, const Json& v, const std::string& path,
                         bool group_list = false) {
  throw SpecError(path, must_be(p, v, group_list));
}

// One scalar value of `p` (a list item or a per-group item included).
Json read_scalar(const ParamDecl& p, const Json& v, const std::string& path, Warnings* warnings,
                 bool integral_warning) {
  switch (p.kind) {
    case ParamKind::kInteger: {
      if (p.int_checked) return read_integer(v, path, int_bound(p.range.lo), int_bound(p.range.hi));
      if (!v.is_number() || !p.range.contains(v.get<double>())) reject(p, v, path);
      const double d = v.get<double>();
      if (v.is_number_float()) {
        if (integral(d)) {
          if (integral_warning)
            warn(warnings, path,
                 v.dump() +
                     " is a float where torch's signature has an int; torch 1.13 runs it "
                     "as the int it equals (write " +
                     std::to_string(static_cast<long long>(d)) + ")");
        } else if (!p.fractional) {
          throw SpecError(path, "must be an integer, got " + describe_value(v));
        } else {
          warn(warnings, path,
               v.dump() +
                   " is not an integer: torch 1.13 runs its arithmetic with the float "
                   "(the LR changes only where that arithmetic lands on whole epochs)");
        }
      }
      return v;
    }
    case ParamKind::kNumber:
    case ParamKind::kList:
      read_number(v, path, p.range);
      return v;  // as written: 1 and 1.0 differ for torch's isinstance checks
    case ParamKind::kBoolean:
      if (!v.is_boolean()) reject(p, v, path);
      return v;
    case ParamKind::kEnum: {
      if (!v.is_string()) reject(p, v, path);
      const std::string s = v.get<std::string>();
      if (p.other_strings) return v;
      const std::vector<std::string> choices(p.choices, p.choices + p.choice_count);
      for (const auto& c : choices)
        if (c == s) return v;
      const std::string hint = closest_name(s, choices);
      throw SpecError(
          path, must_be(p, v) + (hint.empty() ? "" : "; did you mean " + Json(hint).dump() + "?"));
    }
    case ParamKind::kExpression:
      if (!v.is_string()) reject(p, v, path);
      return v;
    case ParamKind::kSchedulers:
      return v;
  }
  return v;
}

Json read_value(const ParamDecl& p, const Json& v, const std::string& path, size_t groups,
                Warnings* warnings, bool integral_warning) {
  if (v.is_null() && p.nullable) return v;
  if (p.kind == ParamKind::kList) {
    if (!v.is_array() || v.size() > p.max_items || v.size() < p.min_items) reject(p, v, path);
    ParamDecl item = p;
    // milestones: an int each in torch's signature; betas: floats
    item.kind = p.fractional || p.int_checked ? ParamKind::kInteger : ParamKind::kNumber;
    Json out = Json::array();
    for (size_t i = 0; i < v.size(); ++i)
      out.push_back(read_scalar(item, v[i], index_path(path, i), warnings, integral_warning));
    return out;
  }
  if (p.kind == ParamKind::kSchedulers) {
    if (!v.is_array() || v.empty() || v.size() > p.max_items) reject(p, v, path);
    return v;
  }
  if (p.per_group && v.is_array()) {
    if (v.size() != groups)
      throw SpecError(path, "expected " + std::to_string(groups) +
                                (p.kind == ParamKind::kExpression ? " expressions" : " values") +
                                " (one per param group), got " + std::to_string(v.size()));
    Json out = Json::array();
    for (size_t i = 0; i < v.size(); ++i)
      out.push_back(read_scalar(p, v[i], index_path(path, i), warnings, integral_warning));
    return out;
  }
  if (p.per_group && !v.is_number() && !v.is_string()) reject(p, v, path, true);
  return read_scalar(p, v, path, warnings, integral_warning);
}

}  // namespace

Json default_json(const ParamDecl& p) {
  switch (p.default_kind) {
    case DefaultKind::kNone:
      break;
    case DefaultKind::kInteger:
      return static_cast<int64_t>(p.default_number);
    case DefaultKind::kNumber:
      return p.default_number;
    case DefaultKind::kBoolean:
      return p.default_number != 0;
    case DefaultKind::kString:
      return p.default_text;
    case DefaultKind::kPair:
      return Json::array({p.default_number, p.default_second});
  }
  return nullptr;
}

void warn(Warnings* warnings, std::string path, std::string message) {
  if (warnings) warnings->push_back({std::move(path), std::move(message)});
}

Json warnings_json(const Warnings& warnings) {
  Json out = Json::array();
  for (const auto& w : warnings)
    out.push_back(json_object({{"path", w.path}, {"message", w.message}}));
  return out;
}

DeclaredValues read_declared(SpecObject& spec, ParamList params, size_t groups, Warnings* warnings,
                             bool integral_warning) {
  for (const ParamDecl& p : params) spec.ignore({p.name});
  spec.finish();  // unknown keys before any value, so a misspelt name is reported as such
  DeclaredValues out(spec, params, groups);
  for (const ParamDecl& p : params) {
    const Json* v = spec.get(p.name);
    const std::string path = spec.field_path(p.name);
    if (!v) {
      if (p.required) throw SpecError(path, "is required (" + with_groups(p, domain_text(p)) + ")");
      if (p.default_kind != DefaultKind::kNone) out.defaults_[p.name] = default_json(p);
      continue;
    }
    if (p.kind == ParamKind::kEnum && *p.free_with && v->is_string()) {
      const Json* other = spec.json().contains(p.free_with) ? &spec.json()[p.free_with] : nullptr;
      if (other && !other->is_null()) {
        out.values_[p.name] = *v;  // e.g. CyclicLR ignores mode when scale_fn is given
        continue;
      }
    }
    out.values_[p.name] = read_value(p, *v, path, groups, warnings, integral_warning);
  }
  return out;
}

const ParamDecl& DeclaredValues::decl(std::string_view name) const {
  for (const ParamDecl& p : params_)
    if (p.name == name) return p;
  throw std::logic_error("undeclared parameter " + std::string(name));
}

bool DeclaredValues::given(std::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() && !it->second.is_null();
}

const Json& DeclaredValues::raw(std::string_view name) const {
  static const Json kNull;
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  it = defaults_.find(name);
  if (it != defaults_.end()) return it->second;
  decl(name);  // throws for a name the declaration does not have
  return kNull;
}

double DeclaredValues::number(std::string_view name) const { return raw(name).get<double>(); }

namespace {

// Same as get<std::vector<double>>() on an array (validated as one), element by element,
// without nlohmann's std::inserter-based conversion.
std::vector<double> numbers_in(const Json& array) {
  std::vector<double> out;
  out.reserve(array.size());
  for (const Json& e : array) out.push_back(e.get<double>());
  return out;
}

}  // namespace

std::vector<double> DeclaredValues::per_group(std::string_view name) const {
  const Json& v = raw(name);
  if (v.is_array()) return numbers_in(v);
  return std::vector<double>(groups_, v.get<double>());
}

std::vector<double> DeclaredValues::list(std::string_view name) const {
  return numbers_in(raw(name));  // list parameters are required and validated as arrays
}

bool DeclaredValues::boolean(std::string_view name) const { return raw(name).get<bool>(); }

std::string DeclaredValues::choice(std::string_view name) const {
  return raw(name).get<std::string>();
}

bool DeclaredValues::written_as_int(std::string_view name) const {
  return raw(name).is_number_integer();
}

void put_flags(Json& object, std::initializer_list<std::pair<const char*, bool>> flags) {
  for (const auto& [key, value] : flags) object[key] = value;
}

Json describe_param(const ParamDecl& p) {
  static const char* kKinds[] = {"integer",    "number", "boolean",   "enum",
                                 "expression", "list",   "schedulers"};
  Json d = Json::object();
  d["name"] = p.name;
  d["kind"] = kKinds[static_cast<int>(p.kind)];
  d["doc"] = p.doc;
  d["domain"] = domain_text(p);
  put_flags(d, {{"required", p.required}, {"nullable", p.nullable}, {"per_group", p.per_group}});
  if (!p.required) d["default"] = default_json(p);
  if (p.kind == ParamKind::kInteger || p.kind == ParamKind::kNumber || p.kind == ParamKind::kList) {
    d["min"] = json_bound(p.range.lo);
    d["max"] = json_bound(p.range.hi);
    put_flags(d, {{"min_open", p.range.lo_open}, {"max_open", p.range.hi_open}});
  }
  if (p.kind == ParamKind::kInteger || p.kind == ParamKind::kList)
    put_flags(d, {{"int_checked", p.int_checked}, {"fractional", p.fractional}});
  if (p.kind == ParamKind::kEnum) {
    d["choices"] = std::vector<std::string>(p.choices, p.choices + p.choice_count);
    d["any_string"] = p.other_strings;
    if (*p.free_with) d["any_string_with"] = p.free_with;
  }
  if (p.kind == ParamKind::kExpression) d["variable"] = p.variable;
  if (p.kind == ParamKind::kList || p.kind == ParamKind::kSchedulers) {
    d["min_items"] = p.min_items;
    d["max_items"] = p.max_items;
  }
  return d;
}

Json describe_params(ParamList params) {
  Json out = Json::array();
  for (const ParamDecl& p : params) out.push_back(describe_param(p));
  return out;
}

}  // namespace lrlab
