// Parses docs/run-spec.md 1.1: {"type", "lr", ...torch kwargs, "param_groups": [{...}, ...]}.
// Defaults and domains are the optimizers' declarations (sgd.cpp, adam.cpp, rmsprop.cpp).
#include <algorithm>
#include <cmath>

#include "optim/optimizer_declaration.hpp"
#include "optim/param_group.hpp"
#include "spec/json_record.hpp"

namespace lrlab {

namespace {

constexpr size_t kMaxGroups = 64;

const OptimizerDecl* declaration_of(const std::string& type) {
  for (const OptimizerDecl* d : optimizer_declarations())
    if (d->type == type) return d;
  return nullptr;
}

bool declares(const OptimizerDecl& d, const std::string& name) {
  for (const ParamDecl& p : d.params)
    if (p.name == name) return true;
  return false;
}

// Where torch keeps the kwarg in the param-group dict, we keep it in ParamGroup.
void apply(ParamGroup& g, const std::string& name, const Json& v) {
  if (name == "lr")
    g.lr = v.get<double>();
  else if (name == "momentum")
    g.momentum = v.get<double>();
  else if (name == "dampening")
    g.dampening = v.get<double>();
  else if (name == "nesterov")
    g.nesterov = v.get<bool>();
  else if (name == "weight_decay")
    g.weight_decay = v.get<double>();
  else if (name == "maximize")
    g.maximize = v.get<bool>();
  else if (name == "betas")
    g.beta1 = v[0].get<double>(), g.beta2 = v[1].get<double>();
  else if (name == "eps")
    g.eps = v.get<double>();
  else if (name == "amsgrad")
    g.amsgrad = v.get<bool>();
  else if (name == "alpha")
    g.alpha = v.get<double>();
  else if (name == "centered")
    g.centered = v.get<bool>();
  else
    throw std::logic_error("no ParamGroup field for " + name);
}

ParamGroup defaults_for(const OptimizerDecl& d) {
  ParamGroup g;
  g.has_momentum = declares(d, "momentum");  // CyclicLR/OneCycleLR cycle what the group has
  g.has_betas = declares(d, "betas");
  for (const ParamDecl& p : d.params)
    if (!p.required && p.default_kind != DefaultKind::kNone) apply(g, p.name, default_json(p));
  return g;
}

// Reads the kwargs of `o` through the declaration, on top of `g` (the defaults, or the
// top-level values for a param group, which may override every kwarg but is never required to).
void read_kwargs(SpecObject& o, const OptimizerDecl& d, ParamGroup& g, bool top,
                 Warnings* warnings) {
  std::vector<ParamDecl> params(d.params.begin(), d.params.end());
  // torch 1.13's constructors check their own arguments only (sgd.py L90-97, adam.py L34-43):
  // a param group's value outside the domain trains, so it is read within the engine's
  // protective bounds only (|lr| <= kMaxOptimizerLr, any other factor |x| <= kMaxOptimizerFactor,
  // docs/run-spec.md 1.1) and runs with a warning.
  for (ParamDecl& p : params) {
    if (top) continue;
    p.required = false;
    if (p.kind == ParamKind::kNumber || p.kind == ParamKind::kList) {
      const double wide =
          std::max({std::fabs(p.range.lo), std::fabs(p.range.hi), kMaxOptimizerFactor});
      p.range = std::isfinite(wide) ? Range::closed(-wide, wide) : Range::any();
    }
  }
  const DeclaredValues v = read_declared(o, {params.data(), params.size()}, 1, warnings);
  for (size_t i = 0; i < params.size(); ++i) {
    const ParamDecl& p = params[i];
    if (!v.given(p.name)) continue;
    apply(g, p.name, v.raw(p.name));
    if (top || (p.kind != ParamKind::kNumber && p.kind != ParamKind::kList)) continue;
    const std::vector<double> values =
        p.kind == ParamKind::kNumber ? std::vector<double>{v.number(p.name)} : v.list(p.name);
    for (double x : values)
      if (!d.params.begin()[i].range.contains(x)) {
        warn(warnings, o.field_path(p.name),
             concat({"outside what the optimizer accepts as its own argument (got ", Json(x).dump(),
                     "): torch 1.13 does not check a param group's values and trains with it"}));
        break;
      }
  }
  if (std::string(d.type) != "SGD") return;
  // torch 1.13 checks nesterov once, against the constructor's own momentum and dampening
  // (sgd.py L104); a param group is not checked.
  if (top && g.nesterov && (g.momentum <= 0.0 || g.dampening != 0.0))
    throw_spec_error(o.field_path("nesterov"),
                     "Nesterov momentum requires a momentum > 0 and zero dampening");
  if (!top && g.nesterov && g.momentum == 0.0)
    warn(warnings, o.field_path("momentum"),
         "momentum 0 under nesterov=True: torch 1.13 checks nesterov only against the "
         "optimizer's own momentum; this group runs plain SGD");
  if (v.given("dampening") && (g.dampening < 0.0 || g.dampening > 1.0))
    warn(warnings, o.field_path("dampening"),
         "dampening outside [0, 1]: torch runs it (no check), scaling each new gradient by "
         "1 - dampening = " +
             Json(1.0 - g.dampening).dump());
  if (v.given("momentum") && g.momentum > 1.0)
    warn(warnings, o.field_path("momentum"),
         "momentum above 1: the momentum buffer grows at every step");
}

}  // namespace

std::vector<const OptimizerDecl*> optimizer_declarations() {
  return {&sgd_declaration(), &adam_declaration(), &adamw_declaration(), &rmsprop_declaration()};
}

Json describe_optimizers() {
  Json out = Json::array();
  for (const OptimizerDecl* d : optimizer_declarations()) {
    out.push_back(json_object({{"type", d->type},
                               {"description", d->description},
                               {"params", describe_params(d->params)}}));
  }
  return out;
}

OptimizerSpec parse_optimizer(const Json& j, const std::string& path, Warnings* warnings) {
  SpecObject o(j, path);
  std::vector<std::string> types;
  for (const OptimizerDecl* d : optimizer_declarations()) types.push_back(d->type);
  OptimizerSpec spec;
  spec.type = o.required_choice("type", types);
  const OptimizerDecl& d = *declaration_of(spec.type);
  o.ignore({"param_groups"});
  ParamGroup top = defaults_for(d);
  read_kwargs(o, d, top, true, warnings);
  if (const Json* pg = o.get("param_groups")) {
    const std::string p = o.field_path("param_groups");
    if (!pg->is_array() || pg->empty() || pg->size() > kMaxGroups)
      throw_spec_error(p, concat({"must be an array of 1 to ", kMaxGroups, " objects, got ",
                                  describe_value(*pg)}));
    for (size_t i = 0; i < pg->size(); ++i) {
      SpecObject go((*pg)[i], index_path(p, i));
      ParamGroup g = top;
      read_kwargs(go, d, g, false, warnings);
      spec.groups.push_back(g);
    }
  } else {
    spec.groups.push_back(top);
  }
  return spec;
}

namespace {
void put_optional(Json& out, const char* key, const std::optional<double>& v) {
  if (v) put(out, key, *v);
}
// A saved group holds what a run may hold: a param group's values are not checked by torch
// (read_kwargs above), so the LRs (lr, initial_lr, OneCycleLR's max_lr and min_lr) are read
// against the magnitude a run reaches and momenta and both betas against the protective bound.
const Range kSavedLr = Range::closed(-1e30, 1e30);
const Range kSavedMomentum = Range::closed(-kMaxOptimizerFactor, kMaxOptimizerFactor);

std::optional<double> get_optional(const Json& j, const char* key, const std::string& path,
                                   const Range& range) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return read_number(*it, join_path(path, key), range);
}
}  // namespace

Json param_groups_to_json(const std::vector<ParamGroup>& groups) {
  Json out = Json::array();
  for (const auto& g : groups) {
    Json o = json_object({{"lr", g.lr}});
    put_optional(o, "initial_lr", g.initial_lr);
    put_optional(o, "max_lr", g.max_lr);
    put_optional(o, "min_lr", g.min_lr);
    put_optional(o, "max_momentum", g.max_momentum);
    put_optional(o, "base_momentum", g.base_momentum);
    if (g.has_momentum) put(o, "momentum", g.momentum);
    if (g.has_betas) put(o, "betas", Json::array({g.beta1, g.beta2}));
    out.push_back(o);
  }
  return out;
}

void param_groups_from_json(const Json& j, const std::string& path,
                            std::vector<ParamGroup>& groups) {
  if (!j.is_array() || j.size() != groups.size())
    throw_spec_error(path, concat({"must be an array of ", groups.size(), " param groups, got ",
                                   describe_value(j)}));
  for (size_t i = 0; i < groups.size(); ++i) {
    const std::string p = index_path(path, i);
    const Json& o = j[i];
    if (!o.is_object()) throw_spec_error(p, concat({"must be an object, got ", describe_value(o)}));
    // A state file is data too: every missing or mistyped key is a SpecError with its path.
    auto required = [&](const char* key) -> const Json& {
      auto it = o.find(key);
      if (it == o.end()) throw_spec_error(join_path(p, key), "is required in a saved param group");
      return *it;
    };
    ParamGroup& g = groups[i];
    g.lr = read_number(required("lr"), join_path(p, "lr"), kSavedLr);
    g.initial_lr = get_optional(o, "initial_lr", p, kSavedLr);
    g.max_lr = get_optional(o, "max_lr", p, kSavedLr);
    g.min_lr = get_optional(o, "min_lr", p, kSavedLr);
    g.max_momentum = get_optional(o, "max_momentum", p, kSavedMomentum);
    g.base_momentum = get_optional(o, "base_momentum", p, kSavedMomentum);
    if (g.has_momentum)
      g.momentum = read_number(required("momentum"), join_path(p, "momentum"), kSavedMomentum);
    if (g.has_betas) {
      const Json& b = required("betas");
      const std::string bp = join_path(p, "betas");
      if (!b.is_array() || b.size() != 2)
        throw_spec_error(bp, concat({"must be an array of 2 numbers, got ", describe_value(b)}));
      g.beta1 = read_number(b[0], index_path(bp, 0), kSavedMomentum);
      g.beta2 = read_number(b[1], index_path(bp, 1), kSavedMomentum);
    }
  }
}

}  // namespace lrlab
