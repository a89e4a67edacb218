// A classification data set as the trainer sees it: float32 feature rows and class indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lrlab {

struct Dataset {
  std::string name;
  std::vector<std::string> feature_names;
  std::vector<std::string> class_names;  // index = class label
  size_t n_features = 0;
  std::vector<float> x;    // size() x n_features, row-major
  std::vector<int32_t> y;  // in [0, class_names.size())

  size_t size() const { return y.size(); }
  const float* row(size_t i) const { return x.data() + i * n_features; }
};

// The split the trainer uses (train, optional held-out test), as SPEC/CONTRACTS describe.
struct DataSplit {
  std::string dataset;  // "synthetic", "iris", ..., "csv", "inline"
  Dataset train, test;  // test is empty without a held-out split
  // Carved from the training rows when the spec asks for it (data.validation_fraction): the split
  // ReduceLROnPlateau watches, so the test split stays unseen by every decision.
  Dataset validation;
  bool standardized = false;
  bool has_test() const { return test.size() > 0; }
  bool has_validation() const { return validation.size() > 0; }
};

}  // namespace lrlab
