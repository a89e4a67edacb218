// The one table of schedulers. Adding one: its own file defining the factory, one line in
// LRLAB_SCHEDULERS below, and a fixture case in tests/fixtures/schedules.json.
#include "sched/scheduler_registry.hpp"

namespace lrlab {

// (torch class name, factory defined in the scheduler's file), in torch 1.13's
// lr_scheduler.__all__ order. The list is expanded twice: declarations, then the table.
#define LRLAB_SCHEDULERS(X)                                           \
  X(LambdaLR, make_lambda_lr)                                         \
  X(MultiplicativeLR, make_multiplicative_lr)                         \
  X(StepLR, make_step_lr)                                             \
  X(MultiStepLR, make_multi_step_lr)                                  \
  X(ConstantLR, make_constant_lr)                                     \
  X(LinearLR, make_linear_lr)                                         \
  X(ExponentialLR, make_exponential_lr)                               \
  X(SequentialLR, make_sequential_lr)                                 \
  X(CosineAnnealingLR, make_cosine_annealing_lr)                      \
  X(ChainedScheduler, make_chained_scheduler)                         \
  X(ReduceLROnPlateau, make_reduce_lr_on_plateau)                     \
  X(CyclicLR, make_cyclic_lr)                                         \
  X(CosineAnnealingWarmRestarts, make_cosine_annealing_warm_restarts) \
  X(OneCycleLR, make_one_cycle_lr)                                    \
  X(PolynomialLR, make_polynomial_lr)

#define LRLAB_DECLARE_FACTORY(type, make) std::unique_ptr<LRScheduler> make(SchedulerArgs&);
LRLAB_SCHEDULERS(LRLAB_DECLARE_FACTORY)
#undef LRLAB_DECLARE_FACTORY

namespace {

using SchedulerFactory = std::unique_ptr<LRScheduler> (*)(SchedulerArgs&);

struct Entry {
  const char* type;
  SchedulerFactory make;
};

#define LRLAB_TABLE_ROW(type, make) {#type, make},
const Entry kSchedulers[] = {LRLAB_SCHEDULERS(LRLAB_TABLE_ROW)};
#undef LRLAB_TABLE_ROW

}  // namespace

std::vector<std::string> scheduler_types() {
  std::vector<std::string> out;
  for (const Entry& e : kSchedulers) out.emplace_back(e.type);
  return out;
}

std::unique_ptr<LRScheduler> make_nested_scheduler(const Json& spec, const std::string& path,
                                                   std::vector<ParamGroup>& groups, int depth) {
  if (depth > kMaxSchedulerDepth)
    throw SpecError(path, "schedulers are nested too deeply (at most " +
                              std::to_string(kMaxSchedulerDepth) + " levels)");
  SpecObject o(spec, path);
  const std::string type = o.required_choice("type", scheduler_types());
  for (const Entry& e : kSchedulers) {
    if (type != e.type) continue;
    SchedulerArgs args{o, groups, depth};
    std::unique_ptr<LRScheduler> s;
    try {
      s = e.make(args);
    } catch (const RunError& err) {
      // PyTorch raises this from the constructor's initial step: the spec cannot run.
      throw SpecError(path, type + " fails at construction (its initial step) with " + err.type() +
                                ": " + err.what());
    }
    o.finish();
    return s;
  }
  throw SpecError(join_path(path, "type"), "unknown scheduler type " + Json(type).dump());
}

std::unique_ptr<LRScheduler> make_scheduler(const Json& spec, const std::string& path,
                                            std::vector<ParamGroup>& groups) {
  return make_nested_scheduler(spec, path, groups, 1);
}

}  // namespace lrlab
