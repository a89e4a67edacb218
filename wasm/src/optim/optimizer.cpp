#include "optim/optimizer.hpp"

#include <stdexcept>

#include "optim/adam.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"

namespace lrlab {

void regularized_gradient(bool maximize, double l2, const float* params, const float* grads,
                          float* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = maximize ? -grads[i] : grads[i];
  if (l2 != 0.0) {
    const float wd = static_cast<float>(l2);  // a Python double applied as a float32 scalar
    for (size_t i = 0; i < n; ++i) out[i] = out[i] + wd * params[i];
  }
}

std::unique_ptr<Optimizer> make_optimizer(const std::string& type, size_t n) {
  if (type == "SGD") return std::make_unique<Sgd>(n);
  if (type == "Adam") return std::make_unique<Adam>(n, false);
  if (type == "AdamW") return std::make_unique<Adam>(n, true);
  if (type == "RMSprop") return std::make_unique<RmsProp>(n);
  throw std::invalid_argument("unknown optimizer type " + type);
}

}  // namespace lrlab
