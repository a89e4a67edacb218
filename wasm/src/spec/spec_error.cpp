#include "spec/spec_error.hpp"

namespace lrlab {

// Out of line: a throw site then only builds its two strings (each of the ~150 sites
// inlined the UTF-8 check and the "path: message" join; issue 9: the core's size).
SpecError::SpecError(const std::string& path, const std::string& what)
    : SpecError(utf8_safe(path, kMaxPathBytes), what, 0) {}

SpecError::SpecError(std::string safe_path, const std::string& what, int)
    : std::runtime_error(safe_path.empty() ? utf8_safe(what, kMaxMessageBytes)
                                           : safe_path + ": " + utf8_safe(what, kMaxMessageBytes)),
      path_(std::move(safe_path)) {}

RunError::RunError(std::string type, const std::string& message)
    : std::runtime_error(utf8_safe(message, SpecError::kMaxMessageBytes)), type_(std::move(type)) {}

void throw_spec_error(const std::string& path, const std::string& what) {
  throw SpecError(path, what);
}

void throw_run_error(const std::string& type, const std::string& message) {
  throw RunError(type, message);
}

}  // namespace lrlab
