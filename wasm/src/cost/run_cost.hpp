// The cost model: how much work a run asks for, counted from its spec before any of
// it is done, and the limits past which the engine refuses the run. A call into the
// engine cannot be interrupted, so a run the learner could never wait for is refused
// up front with its cost and the limit, not started (docs/run-spec.md 6; the figures
// behind the limits are in the comments below).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/spec_reader.hpp"

namespace lrlab {

struct CostLimits {
  // Schedule cost, in scheduler updates: steps x schedulers in the tree (a composite
  // counts itself and each child) x param groups. A 32 x 32 x 32 ChainedScheduler tree
  // costs about 0.2 us per update in WASM (issue 8: 7.7 ms a step for 33,825 schedulers),
  // so the limit is about 2 s of work. The fixtures' largest schedule costs 1,000, a
  // lesson's per-batch schedule a few 10,000s.
  static constexpr double kMaxScheduleUpdates = 1e7;
  // Training cost, in multiply-adds: epochs x training samples x multiply-adds of one
  // forward pass of the model (sum of in x out over the layers); the backward pass makes the
  // work about 3x this. The seed lesson costs 1e6, the bench's largest workload 1.9e9, the
  // site's largest control setting (200 epochs, 4,750 samples, 64-128-128-128-10) 4e10. A
  // long run is cancellable between batches; a run of days is refused.
  static constexpr double kMaxTrainingMultiplyAdds = 1e11;
};

// The scheduler object and every scheduler nested in it ("schedulers" of
// ChainedScheduler / SequentialLR); 0 for a spec that is not an object.
size_t count_schedulers(const Json& scheduler);

// Multiply-adds of one forward pass of an MLP with these layer sizes.
double forward_multiply_adds(const std::vector<int>& sizes);

// Throw SpecError(path, "... costs N ..., the limit is M") when over the limit.
void check_schedule_cost(double steps, size_t schedulers, size_t groups, const std::string& path);
void check_training_cost(size_t epochs, size_t samples, const std::vector<int>& sizes,
                         const std::string& path);

}  // namespace lrlab
