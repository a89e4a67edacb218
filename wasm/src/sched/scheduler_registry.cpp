// The one table of schedulers. Adding one: its file with a factory, a declaration and a
// row here, and a fixture case in tests/fixtures/schedules.json.
#include "sched/scheduler_registry.hpp"

namespace lrlab {

using SchedulerFactory = std::unique_ptr<LRScheduler> (*)(SchedulerArgs&);

std::unique_ptr<LRScheduler> make_lambda_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_multiplicative_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_step_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_multi_step_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_constant_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_linear_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_exponential_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_sequential_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_cosine_annealing_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_chained_scheduler(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_reduce_lr_on_plateau(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_cyclic_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_cosine_annealing_warm_restarts(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_one_cycle_lr(SchedulerArgs&);
std::unique_ptr<LRScheduler> make_polynomial_lr(SchedulerArgs&);

namespace {

struct Entry {
  const char* type;
  SchedulerFactory make;
};

// torch 1.13 lr_scheduler.__all__ order.
const Entry kSchedulers[] = {
    {"LambdaLR", make_lambda_lr},
    {"MultiplicativeLR", make_multiplicative_lr},
    {"StepLR", make_step_lr},
    {"MultiStepLR", make_multi_step_lr},
    {"ConstantLR", make_constant_lr},
    {"LinearLR", make_linear_lr},
    {"ExponentialLR", make_exponential_lr},
    {"SequentialLR", make_sequential_lr},
    {"CosineAnnealingLR", make_cosine_annealing_lr},
    {"ChainedScheduler", make_chained_scheduler},
    {"ReduceLROnPlateau", make_reduce_lr_on_plateau},
    {"CyclicLR", make_cyclic_lr},
    {"CosineAnnealingWarmRestarts", make_cosine_annealing_warm_restarts},
    {"OneCycleLR", make_one_cycle_lr},
    {"PolynomialLR", make_polynomial_lr},
};

}  // namespace

std::vector<std::string> scheduler_types() {
  std::vector<std::string> out;
  for (const Entry& e : kSchedulers) out.emplace_back(e.type);
  return out;
}

std::unique_ptr<LRScheduler> make_nested_scheduler(const Json& spec, const std::string& path,
                                                   std::vector<ParamGroup>& groups, int depth) {
  if (depth > kMaxSchedulerDepth)
    throw SpecError(path, "schedulers are nested too deeply (at most " + std::to_string(kMaxSchedulerDepth) +
                              " levels)");
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
      throw SpecError(path, type + " fails at construction (its initial step) with " + err.type() + ": " +
                                err.what());
    }
    o.finish();
    return s;
  }
  throw SpecError(join_path(path, "type"), "unknown scheduler type " + Json(type).dump());
}

std::unique_ptr<LRScheduler> make_scheduler(const Json& spec, const std::string& path, std::vector<ParamGroup>& groups) {
  return make_nested_scheduler(spec, path, groups, 1);
}

}  // namespace lrlab
