// Reading one JSON object of a run-spec with validation.
//
// Every reader names the field by its JSON path and states the accepted range
// when it rejects a value, e.g. "scheduler.step_size: must be an integer >= 1, got 0".
// The object remembers which keys were read; finish() rejects the rest as unknown,
// with a did-you-mean suggestion. This is the single validation path shared by
// the CLI, the WASM bindings and the tests.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "spec/spec_error.hpp"

namespace lrlab {

using Json = nlohmann::json;

// A closed/open interval for numbers; infinite bounds mean "unbounded".
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  static constexpr Range any() { return {}; }
  static constexpr Range positive() {
    return {0.0, std::numeric_limits<double>::infinity(), true, false};
  }
  static constexpr Range non_negative() {
    return {0.0, std::numeric_limits<double>::infinity(), false, false};
  }
  static constexpr Range closed(double lo, double hi) { return {lo, hi, false, false}; }
  static constexpr Range open_closed(double lo, double hi) { return {lo, hi, true, false}; }
  static constexpr Range closed_open(double lo, double hi) { return {lo, hi, false, true}; }
  static constexpr Range open(double lo, double hi) { return {lo, hi, true, true}; }

  bool contains(double v) const;
  // "a number in (0, 1]", "a number > 0", "a finite number".
  std::string describe() const;
};

// Short rendering of a JSON value for "got ..." in messages.
std::string describe_value(const Json& v);

// Closest candidate by edit distance, or "" when none is close enough.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

// "scheduler" + "step_size" -> "scheduler.step_size"; "" + "steps" -> "steps".
std::string join_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, size_t index);

class SpecObject {
 public:
  SpecObject(const Json& j, std::string path);

  const std::string& path() const { return path_; }
  std::string field_path(std::string_view key) const { return join_path(path_, key); }
  const Json& json() const { return *j_; }

  bool has(std::string_view key) const;
  // Marks the key as known and returns its value, or nullptr if absent.
  const Json* get(std::string_view key);
  // Marks keys as known without reading them (e.g. "name", "note", "expected").
  void ignore(std::initializer_list<std::string_view> keys);

  double number(std::string_view key, double fallback, const Range& range);
  double required_number(std::string_view key, const Range& range);
  int64_t integer(std::string_view key, int64_t fallback, int64_t lo, int64_t hi);
  int64_t required_integer(std::string_view key, int64_t lo, int64_t hi);
  bool boolean(std::string_view key, bool fallback);
  std::string choice(std::string_view key, const std::string& fallback,
                     const std::vector<std::string>& allowed);
  std::string required_choice(std::string_view key, const std::vector<std::string>& allowed);
  std::string string(std::string_view key, const std::string& fallback, size_t max_length);

  // A number, or an array with exactly `groups` numbers (one per param group).
  std::vector<double> number_per_group(std::string_view key, double fallback, size_t groups,
                                       const Range& range);
  std::vector<double> required_number_per_group(std::string_view key, size_t groups,
                                                const Range& range);

  // Throws SpecError for the first key that no reader asked for.
  void finish() const;

 private:
  const Json* j_;
  std::string path_;
  mutable std::set<std::string, std::less<>> known_;
};

// Value-level checks usable on array elements too.
double read_number(const Json& v, const std::string& path, const Range& range);
int64_t read_integer(const Json& v, const std::string& path, int64_t lo, int64_t hi);
std::string integer_range_text(int64_t lo, int64_t hi);

}  // namespace lrlab
