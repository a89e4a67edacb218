// The run-spec's "data" object -> the train/test split the trainer uses.
//
// Fixture form (docs/run-spec.md 4): {"x": [[...], ...], "y": [...]} (no held-out split unless
// "test_fraction" is given). Lesson form (docs/run-spec.md 5): {"dataset": "synthetic" | "iris" |
// "wine" | "breast_cancer" | "digits" | "csv", ...generator or CSV fields, "test_fraction",
// "stratify", "standardize", "seed"}.
#pragma once

#include <string>

#include "data/dataset.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

struct DataLimits {
  static constexpr size_t kMaxSamples = 100000;
  static constexpr size_t kMaxFeatures = 1024;
  static constexpr size_t kMaxValues = 10000000;  // samples x features
  static constexpr size_t kMaxClasses = 100;
};

// `n_outputs` is the model's output size when known (for inline labels), else 0.
DataSplit load_data(const Json& data, const std::string& path);

}  // namespace lrlab
