// Test helper: the message of the SpecError a call throws, or "(no error)", so tests
// can compare whole messages with EXPECT_EQ.
#pragma once

#include <functional>
#include <string>

#include "spec/spec_error.hpp"

namespace lrlab {

inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SpecError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace lrlab
