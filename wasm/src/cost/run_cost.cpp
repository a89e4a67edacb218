#include "cost/run_cost.hpp"

#include <cmath>

namespace lrlab {

namespace {

// 12345678 -> "12,345,678": costs are big numbers, read at a glance.
std::string with_commas(double v) {
  std::string digits = std::to_string(static_cast<unsigned long long>(std::llround(v)));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

}  // namespace

size_t count_schedulers(const Json& scheduler) {
  if (!scheduler.is_object()) return 0;
  size_t n = 1;
  if (auto it = scheduler.find("schedulers"); it != scheduler.end() && it->is_array())
    for (const Json& child : *it) n += count_schedulers(child);
  return n;
}

double forward_multiply_adds(const std::vector<int>& sizes) {
  double n = 0;
  for (size_t l = 0; l + 1 < sizes.size(); ++l)
    n += static_cast<double>(sizes[l]) * static_cast<double>(sizes[l + 1]);
  return n;
}

void check_schedule_cost(double steps, size_t schedulers, size_t groups, const std::string& path) {
  const double cost = steps * static_cast<double>(schedulers) * static_cast<double>(groups);
  if (cost <= CostLimits::kMaxScheduleUpdates) return;
  throw_spec_error(
      path,
      concat({"the schedule costs ", with_commas(cost), " scheduler updates (", with_commas(steps),
              " steps x ", with_commas(schedulers), " schedulers x ", with_commas(groups),
              " param groups); the limit is ", with_commas(CostLimits::kMaxScheduleUpdates)}));
}

void check_training_cost(size_t epochs, size_t samples, const std::vector<int>& sizes,
                         const std::string& path) {
  const double per_sample = forward_multiply_adds(sizes);
  const double cost = static_cast<double>(epochs) * static_cast<double>(samples) * per_sample;
  if (cost <= CostLimits::kMaxTrainingMultiplyAdds) return;
  throw_spec_error(
      path, concat({"the training costs ", with_commas(cost), " multiply-adds (",
                    with_commas(epochs), " epochs x ", with_commas(samples), " training samples x ",
                    with_commas(per_sample), " per forward pass); the limit is ",
                    with_commas(CostLimits::kMaxTrainingMultiplyAdds),
                    " (fewer epochs, samples or a smaller model)"}));
}

}  // namespace lrlab
