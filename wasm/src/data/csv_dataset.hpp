// A learner's CSV (numeric feature columns + one label column) and the bundled data
// set files (web/data/*.csv) read into a Dataset.
//
// Rules: lines starting with '#' are comments; "# classes: a,b,c" names the classes
// (labels must then be indices 0..k-1). The first line is a header when any of its
// fields is not a number. The label column is given by name or 0-based index
// (default: the last column); labels may be any text: integer labels are ordered
// numerically, others alphabetically, and become class indices in that order.
// Fields are separated by ',', may be wrapped in double quotes, and are trimmed.
// Every error names the line and column and what was wrong.
#pragma once

#include <string>

#include "data/dataset.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

struct CsvLimits {
  static constexpr size_t kMaxBytes = 8u << 20;  // 8 MiB of text
  static constexpr size_t kMaxRows = 100000;
  static constexpr size_t kMaxColumns = 1025;  // 1024 features + the label
  static constexpr size_t kMaxClasses = 100;
};

// `path` names the spec field for error messages ("data.csv"); `label_column` (at
// `label_path`) is a JSON string (column name), integer (index) or null (last column).
Dataset parse_csv_dataset(const std::string& text, const std::string& path,
                          const Json& label_column, const std::string& label_path,
                          const std::string& name);

}  // namespace lrlab
