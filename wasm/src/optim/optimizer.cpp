#include "optim/optimizer.hpp"

#include <cfloat>
#include <cmath>
#include <stdexcept>

#include "cold_code.hpp"
#include "optim/adam.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"
#include "spec/message_text.hpp"
#include "spec/spec_error.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

void regularized_gradient(bool maximize, double l2, const float* params, const float* grads,
                          float* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = maximize ? -grads[i] : grads[i];
  if (l2 != 0.0) {
    const float wd = static_cast<float>(l2);  // a Python double applied as a float32 scalar
    for (size_t i = 0; i < n; ++i) out[i] = out[i] + wd * params[i];
  }
}

// c10::overflows<float, double> (torch 1.13 c10/util/TypeCast.h): only a finite value outside
// [lowest, max] overflows. The message is torch's, with the scalar that caused it appended.
LRLAB_COLD static void raise_float_overflow(double value, const char* optimizer, const char* what) {
  throw_run_error("RuntimeError",
                  concat({"value cannot be converted to type float without overflow (", optimizer,
                          " ", what, " ", Json(value).dump(), " is beyond float32's range)"}));
}

void check_float_scalar(double value, const char* optimizer, const char* what) {
  if (std::isfinite(value) && std::fabs(value) > static_cast<double>(FLT_MAX))
    raise_float_overflow(value, optimizer, what);
}

LRLAB_COLD std::unique_ptr<Optimizer> make_optimizer(const std::string& type, size_t n) {
  if (type == "SGD") return std::make_unique<Sgd>(n);
  if (type == "Adam") return std::make_unique<Adam>(n, false);
  if (type == "AdamW") return std::make_unique<Adam>(n, true);
  if (type == "RMSprop") return std::make_unique<RmsProp>(n);
  throw std::invalid_argument("unknown optimizer type " + type);
}

}  // namespace lrlab
