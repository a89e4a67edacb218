// The one table of schedulers. Adding one: its own file defining the declaration and the
// factory, one line in LRLAB_SCHEDULERS below, and its fixture cases.
#include "sched/scheduler_registry.hpp"

namespace lrlab {

// (torch class name, name stem of the declaration and factory in the scheduler's file), in
// torch 1.13's lr_scheduler.__all__ order. Expanded twice: declarations, then the table.
#define LRLAB_SCHEDULERS(X)                                      \
  X(LambdaLR, lambda_lr)                                         \
  X(MultiplicativeLR, multiplicative_lr)                         \
  X(StepLR, step_lr)                                             \
  X(MultiStepLR, multi_step_lr)                                  \
  X(ConstantLR, constant_lr)                                     \
  X(LinearLR, linear_lr)                                         \
  X(ExponentialLR, exponential_lr)                               \
  X(SequentialLR, sequential_lr)                                 \
  X(CosineAnnealingLR, cosine_annealing_lr)                      \
  X(ChainedScheduler, chained_scheduler)                         \
  X(ReduceLROnPlateau, reduce_lr_on_plateau)                     \
  X(CyclicLR, cyclic_lr)                                         \
  X(CosineAnnealingWarmRestarts, cosine_annealing_warm_restarts) \
  X(OneCycleLR, one_cycle_lr)                                    \
  X(PolynomialLR, polynomial_lr)

#define LRLAB_DECLARE(type, stem)                           \
  std::unique_ptr<LRScheduler> make_##stem(SchedulerArgs&); \
  const SchedulerDecl& stem##_declaration();
LRLAB_SCHEDULERS(LRLAB_DECLARE)
#undef LRLAB_DECLARE

namespace {

struct Entry {
  const char* type;
  const SchedulerDecl& (*declaration)();
  std::unique_ptr<LRScheduler> (*make)(SchedulerArgs&);
};

#define LRLAB_TABLE_ROW(type, stem) {#type, stem##_declaration, make_##stem},
const Entry kSchedulers[] = {LRLAB_SCHEDULERS(LRLAB_TABLE_ROW)};
#undef LRLAB_TABLE_ROW

const Entry* entry_for(const std::string& type) {
  for (const Entry& e : kSchedulers)
    if (type == e.type) return &e;
  return nullptr;
}

// torch 1.13's `last_epoch` (only -1 here: resuming goes through state_dict) and `verbose`
// (it only prints), accepted so that a PyTorch call can be pasted as is.
void read_common_keys(SpecObject& o, const SchedulerDecl& d) {
  if (!d.takes_last_epoch && o.has("last_epoch"))
    throw_spec_error(o.field_path("last_epoch"),
                     concat({"unknown key (", d.type, " takes no last_epoch in torch 1.13)"}));
  if (d.takes_last_epoch) {
    if (const Json* v = o.get("last_epoch"); v && !(v->is_number_integer() && *v == -1))
      throw_spec_error(
          o.field_path("last_epoch"),
          concat({"must be -1 (a fresh schedule; resume with a state_dict instead), got ",
                  describe_value(*v)}));
  }
  if (d.takes_verbose) o.boolean("verbose", false);
}

}  // namespace

std::vector<std::string> scheduler_types() {
  std::vector<std::string> out;
  for (const Entry& e : kSchedulers) out.emplace_back(e.type);
  return out;
}

const SchedulerDecl* scheduler_declaration(const std::string& type) {
  const Entry* e = entry_for(type);
  return e ? &e->declaration() : nullptr;
}

Json describe_schedulers() {
  Json out = Json::array();
  for (const Entry& e : kSchedulers) {
    const SchedulerDecl& d = e.declaration();
    Json s = Json::object();
    s["type"] = d.type;
    s["description"] = d.description;
    s["step"] = d.step == StepUnit::kBatch ? "batch" : "epoch";
    put_flags(s, {{"needs_metric", d.needs_metric},
                  {"cycles_momentum", d.cycles_momentum},
                  {"holds_children", d.holds_children},
                  {"takes_last_epoch", d.takes_last_epoch},
                  {"takes_verbose", d.takes_verbose},
                  {"takes_step_epochs", d.takes_step_epochs}});
    s["params"] = describe_params(d.params);
    out.push_back(std::move(s));
  }
  return out;
}

std::unique_ptr<LRScheduler> make_nested_scheduler(const Json& spec, const std::string& path,
                                                   std::vector<ParamGroup>& groups, int depth,
                                                   Warnings* warnings) {
  if (depth > kMaxSchedulerDepth)
    throw_spec_error(path, concat({"schedulers are nested too deeply (at most ", kMaxSchedulerDepth,
                                   " levels)"}));
  SpecObject o(spec, path);
  const std::string type = o.required_choice("type", scheduler_types());
  const Entry* e = entry_for(type);
  if (!e)
    throw_spec_error(join_path(path, "type"),
                     concat({"unknown scheduler type ", Json(type).dump()}));
  const SchedulerDecl& d = e->declaration();
  if (d.takes_last_epoch) o.ignore({"last_epoch"});
  if (d.takes_verbose) o.ignore({"verbose"});
  read_common_keys(o, d);
  DeclaredValues values = read_declared(o, d.params, groups.size(), warnings);
  SchedulerArgs args{values, groups, depth, warnings, path};
  try {
    return e->make(args);
  } catch (const RunError& err) {
    // PyTorch raises this from the constructor's initial step: the spec cannot run.
    throw_spec_error(path, concat({type, " fails at construction (its initial step) with ",
                                   err.type(), ": ", err.what()}));
  }
}

std::unique_ptr<LRScheduler> make_scheduler(const Json& spec, const std::string& path,
                                            std::vector<ParamGroup>& groups, Warnings* warnings) {
  return make_nested_scheduler(spec, path, groups, 1, warnings);
}

}  // namespace lrlab
