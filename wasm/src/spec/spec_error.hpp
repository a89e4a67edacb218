// Errors raised while reading a run-spec or while running it.
//
// SpecError: the input was wrong. Its message always starts with the JSON path
// of the offending field ("scheduler.step_size: must be an integer >= 1, got 0").
// RunError: a valid spec hit an error PyTorch itself raises while stepping
// (OneCycleLR stepped past total_steps); `type` is the Python exception name.
// Both keep their text UTF-8-safe and bounded (message_text.hpp): messages quote
// input, and input can be any bytes.
#pragma once

#include <stdexcept>
#include <string>

#include "spec/message_text.hpp"

namespace lrlab {

class SpecError : public std::runtime_error {
 public:
  SpecError(const std::string& path, const std::string& what);
  const std::string& path() const { return path_; }

  static constexpr size_t kMaxPathBytes = 200;
  static constexpr size_t kMaxMessageBytes = 2000;

 private:
  SpecError(std::string safe_path, const std::string& what, int);

  std::string path_;
};

class RunError : public std::runtime_error {
 public:
  RunError(std::string type, const std::string& message);
  const std::string& type() const { return type_; }

 private:
  std::string type_;
};

// `throw SpecError(path, what)` / `throw RunError(type, message)` in one out-of-line call:
// a throw site then passes its two strings instead of inlining the exception's allocation,
// construction and clean-up (issue 9: the core's size; there are ~150 throw sites).
[[noreturn]] void throw_spec_error(const std::string& path, const std::string& what);
[[noreturn]] void throw_run_error(const std::string& type, const std::string& message);

}  // namespace lrlab
