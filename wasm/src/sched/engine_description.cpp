#include "sched/engine_description.hpp"

#include "optim/optimizer_declaration.hpp"
#include "sched/scheduler_registry.hpp"
#include "spec/json_record.hpp"

namespace lrlab {

Json describe_engine() {
  return json_object({{"torch", "1.13"},
                      {"schedulers", describe_schedulers()},
                      {"optimizers", describe_optimizers()}});
}

}  // namespace lrlab
