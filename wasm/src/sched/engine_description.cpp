#include "sched/engine_description.hpp"

#include "optim/optimizer_declaration.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

Json describe_engine() {
  return {{"torch", "1.13"},
          {"schedulers", describe_schedulers()},
          {"optimizers", describe_optimizers()}};
}

}  // namespace lrlab
