#include "optim/optimizer.hpp"

#include <stdexcept>

#include "optim/adam.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"

namespace lrlab {

std::unique_ptr<Optimizer> make_optimizer(const std::string& type, size_t n) {
  if (type == "SGD") return std::make_unique<Sgd>(n);
  if (type == "Adam") return std::make_unique<Adam>(n, false);
  if (type == "AdamW") return std::make_unique<Adam>(n, true);
  if (type == "RMSprop") return std::make_unique<RmsProp>(n);
  throw std::invalid_argument("unknown optimizer type " + type);
}

}  // namespace lrlab
