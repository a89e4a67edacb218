// Every native test sees the bundled data sets, registered from web/data/*.csv (in the
// browser and Node the JS API registers dist/engine/data/*.bin instead).
#include <gtest/gtest.h>

#include "data/builtin_datasets.hpp"

namespace {

class BuiltinDatasets : public ::testing::Environment {
 public:
  void SetUp() override {
    ASSERT_EQ(lrlab::register_builtin_datasets_from_csv_dir(LRLAB_DATASETS_DIR), 4u)
        << "web/data/{iris,wine,breast_cancer,digits}.csv";
  }
};

[[maybe_unused]] ::testing::Environment* const environment =
    ::testing::AddGlobalTestEnvironment(new BuiltinDatasets);

}  // namespace
