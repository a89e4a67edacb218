// Errors raised while reading a run-spec or while running it.
//
// SpecError: the input was wrong. Its message always starts with the JSON path
// of the offending field ("scheduler.step_size: must be an integer >= 1, got 0").
// RunError: a valid spec hit an error PyTorch itself raises while stepping
// (OneCycleLR stepped past total_steps); `type` is the Python exception name.
#pragma once

#include <stdexcept>
#include <string>

namespace lrlab {

class SpecError : public std::runtime_error {
 public:
  SpecError(std::string path, const std::string& what)
      : std::runtime_error(path.empty() ? what : path + ": " + what), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class RunError : public std::runtime_error {
 public:
  RunError(std::string type, const std::string& message)
      : std::runtime_error(message), type_(std::move(type)) {}
  const std::string& type() const { return type_; }

 private:
  std::string type_;
};

}  // namespace lrlab
