// The run-spec's "data" object -> the train/test split the trainer uses.
//
// Fixture form (docs/run-spec.md 4): {"x": [[...], ...], "y": [...]} (no held-out split unless
// "test_fraction" is given). Lesson form (docs/run-spec.md 5): {"dataset": "synthetic" | "iris" |
// "wine" | "breast_cancer" | "digits" | "csv", ...generator or CSV fields, "test_fraction",
// "stratify", "standardize", "seed"}.
#pragma once

#include <string>

#include "data/dataset.hpp"
#include "data/make_classification.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

struct DataLimits {
  static constexpr size_t kMaxSamples = 100000;
  static constexpr size_t kMaxFeatures = 1024;
  static constexpr size_t kMaxValues = 10000000;  // samples x features
  static constexpr size_t kMaxClasses = 100;
};

// The data a spec asks for, read and validated but not yet generated: generating a synthetic
// set is the one costly step, so a training's cost is checked (train_spec.cpp) before it.
struct DataPlan {
  std::string kind;  // "inline" | "synthetic" | "csv" | a built-in data set's name
  uint32_t seed = 0;
  ClassificationSpec synthetic;  // kind "synthetic"
  Dataset rows;                  // every other kind: the rows as given
  double test_fraction = 0.0;
  double validation_fraction = 0.0;
  bool stratify = true;
  bool scale = true;

  size_t n_rows() const { return kind == "synthetic" ? synthetic.n_samples : rows.size(); }
  size_t n_features() const { return kind == "synthetic" ? synthetic.n_features : rows.n_features; }
  size_t n_classes() const {
    return kind == "synthetic" ? synthetic.n_classes : rows.class_names.size();
  }
  size_t test_rows() const;
  size_t validation_rows() const;
  size_t training_rows() const { return n_rows() - test_rows() - validation_rows(); }
};

DataPlan plan_data(const Json& data, const std::string& path);
DataSplit make_data(const DataPlan& plan);
DataSplit load_data(const Json& data, const std::string& path);  // make_data(plan_data(...))

}  // namespace lrlab
