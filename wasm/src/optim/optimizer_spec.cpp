// Parses docs/run-spec.md 1.1: {"type", "lr", ...torch kwargs, "param_groups": [{...}, ...]}.
// Defaults follow torch.optim 1.13 (= 2.x).
#include <cmath>

#include "optim/param_group.hpp"

namespace lrlab {

namespace {

const std::vector<std::string> kTypes = {"SGD", "Adam", "AdamW", "RMSprop"};
constexpr double kMaxLr = 1e6;  // far above any useful LR, below overflow trouble
constexpr size_t kMaxGroups = 64;

ParamGroup defaults_for(const std::string& type) {
  ParamGroup g;
  if (type == "SGD") {
    g.has_momentum = true;
  } else if (type == "Adam" || type == "AdamW") {
    g.lr = 1e-3;
    g.has_betas = true;
    g.weight_decay = type == "AdamW" ? 1e-2 : 0.0;
  } else {  // RMSprop
    g.lr = 1e-2;
    g.has_momentum = true;
  }
  return g;
}

// Reads the kwargs valid for `type` from `o` on top of `g`.
void read_kwargs(SpecObject& o, const std::string& type, ParamGroup& g, bool lr_required) {
  g.lr = lr_required && !o.has("lr") ? o.required_number("lr", Range::closed(0.0, kMaxLr))
                                     : o.number("lr", g.lr, Range::closed(0.0, kMaxLr));
  g.weight_decay = o.number("weight_decay", g.weight_decay, Range::closed(0.0, 1e3));
  g.maximize = o.boolean("maximize", g.maximize);
  if (type == "SGD") {
    g.momentum = o.number("momentum", g.momentum, Range::closed(0.0, 1.0));
    g.dampening = o.number("dampening", g.dampening, Range::closed(0.0, 1.0));
    g.nesterov = o.boolean("nesterov", g.nesterov);
    if (g.nesterov && (g.momentum <= 0.0 || g.dampening != 0.0))
      throw SpecError(o.field_path("nesterov"),
                      "Nesterov momentum requires a momentum > 0 and zero dampening");
  } else if (type == "Adam" || type == "AdamW") {
    if (const Json* b = o.get("betas")) {
      const std::string p = o.field_path("betas");
      if (!b->is_array() || b->size() != 2)
        throw SpecError(p, "must be an array of 2 numbers in [0, 1), got " + describe_value(*b));
      g.beta1 = read_number((*b)[0], index_path(p, 0), Range::closed_open(0.0, 1.0));
      g.beta2 = read_number((*b)[1], index_path(p, 1), Range::closed_open(0.0, 1.0));
    }
    g.eps = o.number("eps", g.eps, Range::closed(0.0, 1.0));
    g.amsgrad = o.boolean("amsgrad", g.amsgrad);
  } else {  // RMSprop
    g.alpha = o.number("alpha", g.alpha, Range::closed(0.0, 1.0));
    g.eps = o.number("eps", g.eps, Range::closed(0.0, 1.0));
    g.momentum = o.number("momentum", g.momentum, Range::closed(0.0, 1.0));
    g.centered = o.boolean("centered", g.centered);
  }
}

}  // namespace

OptimizerSpec parse_optimizer(const Json& j, const std::string& path) {
  SpecObject o(j, path);
  OptimizerSpec spec;
  spec.type = o.required_choice("type", kTypes);
  ParamGroup top = defaults_for(spec.type);
  read_kwargs(o, spec.type, top, spec.type == "SGD");
  if (const Json* pg = o.get("param_groups")) {
    const std::string p = o.field_path("param_groups");
    if (!pg->is_array() || pg->empty() || pg->size() > kMaxGroups)
      throw SpecError(p, "must be an array of 1 to " + std::to_string(kMaxGroups) +
                             " objects, got " + describe_value(*pg));
    for (size_t i = 0; i < pg->size(); ++i) {
      SpecObject go((*pg)[i], index_path(p, i));
      ParamGroup g = top;
      read_kwargs(go, spec.type, g, false);
      go.finish();
      spec.groups.push_back(g);
    }
  } else {
    spec.groups.push_back(top);
  }
  o.finish();
  return spec;
}

namespace {
void put_optional(Json& out, const char* key, const std::optional<double>& v) {
  if (v) out[key] = *v;
}
std::optional<double> get_optional(const Json& j, const char* key, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return read_number(*it, join_path(path, key), Range::any());
}
}  // namespace

Json param_groups_to_json(const std::vector<ParamGroup>& groups) {
  Json out = Json::array();
  for (const auto& g : groups) {
    Json o = {{"lr", g.lr}};
    put_optional(o, "initial_lr", g.initial_lr);
    put_optional(o, "max_lr", g.max_lr);
    put_optional(o, "min_lr", g.min_lr);
    put_optional(o, "max_momentum", g.max_momentum);
    put_optional(o, "base_momentum", g.base_momentum);
    if (g.has_momentum) o["momentum"] = g.momentum;
    if (g.has_betas) o["betas"] = {g.beta1, g.beta2};
    out.push_back(o);
  }
  return out;
}

void param_groups_from_json(const Json& j, const std::string& path,
                            std::vector<ParamGroup>& groups) {
  if (!j.is_array() || j.size() != groups.size())
    throw SpecError(path, "must be an array of " + std::to_string(groups.size()) +
                              " param groups, got " + describe_value(j));
  for (size_t i = 0; i < groups.size(); ++i) {
    const std::string p = index_path(path, i);
    const Json& o = j[i];
    if (!o.is_object()) throw SpecError(p, "must be an object, got " + describe_value(o));
    // A state file is data too: every missing or mistyped key is a SpecError with its path.
    auto required = [&](const char* key) -> const Json& {
      auto it = o.find(key);
      if (it == o.end()) throw SpecError(join_path(p, key), "is required in a saved param group");
      return *it;
    };
    ParamGroup& g = groups[i];
    g.lr = read_number(required("lr"), join_path(p, "lr"), Range::any());
    g.initial_lr = get_optional(o, "initial_lr", p);
    g.max_lr = get_optional(o, "max_lr", p);
    g.min_lr = get_optional(o, "min_lr", p);
    g.max_momentum = get_optional(o, "max_momentum", p);
    g.base_momentum = get_optional(o, "base_momentum", p);
    if (g.has_momentum)
      g.momentum = read_number(required("momentum"), join_path(p, "momentum"), Range::any());
    if (g.has_betas) {
      const Json& b = required("betas");
      const std::string bp = join_path(p, "betas");
      if (!b.is_array() || b.size() != 2)
        throw SpecError(bp, "must be an array of 2 numbers, got " + describe_value(b));
      g.beta1 = read_number(b[0], index_path(bp, 0), Range::any());
      g.beta2 = read_number(b[1], index_path(bp, 1), Range::any());
    }
  }
}

}  // namespace lrlab
