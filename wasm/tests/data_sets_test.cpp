// Data: the bundled real sets, the synthetic generator, the split/standardisation and
// the learner CSV reader with its error messages.
#include <gtest/gtest.h>

#include "spec_error_text.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "data/builtin_datasets.hpp"
#include "data/csv_dataset.hpp"
#include "data/data_spec.hpp"
#include "data/dataset_asset.hpp"
#include "data/make_classification.hpp"
#include "data/train_test_split.hpp"

namespace lrlab {
namespace {

Dataset csv(const std::string& text, const Json& label = Json()) {
  return parse_csv_dataset(text, "data.csv", label, "data.label_column", "csv");
}

TEST(DataBuiltin, ShapesAndClassesOfTheRealSets) {
  struct Want {
    const char* name;
    size_t rows, features, classes;
  };
  for (const Want& w : {Want{"iris", 150, 4, 3}, Want{"wine", 178, 13, 3},
                        Want{"breast_cancer", 569, 30, 2}, Want{"digits", 1797, 64, 10}}) {
    const Dataset d = builtin_dataset(w.name, "data.dataset");
    EXPECT_EQ(d.size(), w.rows) << w.name;
    EXPECT_EQ(d.n_features, w.features) << w.name;
    EXPECT_EQ(d.feature_names.size(), w.features) << w.name;
    EXPECT_EQ(d.class_names.size(), w.classes) << w.name;
  }
  const Dataset iris = builtin_dataset("iris", "data.dataset");
  EXPECT_EQ(iris.class_names[2], "virginica");
  EXPECT_EQ(iris.feature_names[0], "sepal length (cm)");
  EXPECT_FLOAT_EQ(iris.row(0)[0], 5.1f);  // first row of Fisher's table: 5.1, 3.5, 1.4, 0.2, setosa
  EXPECT_EQ(iris.y[0], 0);
  const Dataset digits = builtin_dataset("digits", "data.dataset");
  for (float v : digits.x) ASSERT_TRUE(v >= 0 && v <= 16 && v == std::floor(v));
}

// A data set file as scripts/build-datasets.mjs writes it (data/dataset_asset.hpp).
// `names` are the feature and class names; the data set's own name goes first.
std::string asset(uint8_t type, uint32_t samples, uint32_t features, uint32_t classes,
                  std::string names, const std::string& values, const std::string& labels,
                  const std::string& set = "iris") {
  names = set + "\n" + names;
  std::string b = "LRDS";
  b += static_cast<char>(2);
  b += static_cast<char>(type);
  b += std::string(2, '\0');
  for (uint32_t v : {samples, features, classes, static_cast<uint32_t>(names.size())})
    for (int k = 0; k < 4; ++k) b += static_cast<char>((v >> (8 * k)) & 0xff);
  b += names;
  while (b.size() % 4) b += '\0';
  return b + values + labels;
}

std::string f32s(std::initializer_list<float> vs) {
  std::string out;
  for (float v : vs) out.append(reinterpret_cast<const char*>(&v), 4);  // little-endian hosts
  return out;
}

std::string asset_error(const std::string& bytes) {
  try {
    decode_dataset_asset(bytes, "iris", "dataset");
  } catch (const SpecError& e) {
    return e.what();
  }
  return "no error";
}

TEST(DataAsset, DecodesFloat32AndUint8Features) {
  const Dataset f =
      decode_dataset_asset(asset(1, 2, 2, 2, "a\nb\nno\nyes\n", f32s({5.1f, -0.5f, 3e-8f, 7.0f}),
                                 std::string("\1\0", 2)),
                           "iris", "dataset");
  EXPECT_EQ(f.feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.class_names, (std::vector<std::string>{"no", "yes"}));
  EXPECT_EQ(f.x, (std::vector<float>{5.1f, -0.5f, 3e-8f, 7.0f}));
  EXPECT_EQ(f.y, (std::vector<int32_t>{1, 0}));
  const Dataset u =
      decode_dataset_asset(asset(2, 1, 3, 1, "p\nq\nr\nc\n", std::string("\x00\x10\xff", 3),
                                 std::string(1, '\0'), "digits"),
                           "digits", "dataset");
  EXPECT_EQ(u.x, (std::vector<float>{0.0f, 16.0f, 255.0f}));
}

TEST(DataAsset, EveryDamageIsNamed) {
  const std::string good = asset(1, 1, 1, 2, "f\nno\nyes\n", f32s({1.0f}), "\1");
  EXPECT_EQ(asset_error(good), "no error");
  EXPECT_EQ(asset_error("LRD"),
            "dataset: data set \"iris\": not an LR Lab data set file (no LRDS header)");
  std::string v1 = good;
  v1[4] = 1;
  EXPECT_EQ(asset_error(v1),
            "dataset: data set \"iris\": format version 1, this engine reads version 2");
  EXPECT_EQ(asset_error(asset(1, 1, 1, 2, "f\nno\nyes\n", f32s({1.0f}), "\1", "wine")),
            "dataset: data set \"iris\": the file holds the data set \"wine\"");
  EXPECT_EQ(asset_error(good.substr(0, good.size() - 1)),
            "dataset: data set \"iris\": size 44 bytes does not match its header (1 x 1 values)");
  EXPECT_EQ(
      asset_error(asset(1, 1, 1, 2, "f\nno\n", f32s({1.0f}), "\1")),
      "dataset: data set \"iris\": expected the data set's name and 3 feature and class names, "
      "each ending in a newline");
  EXPECT_EQ(asset_error(asset(1, 1, 1, 2, "f\nno\nyes\n", f32s({1.0f}), "\2")),
            "dataset: data set \"iris\": label of sample 0 is 2, classes are 0 to 1");
  EXPECT_EQ(asset_error(asset(1, 1, 1, 2, "f\nno\nyes\n", f32s({NAN}), "\1")),
            "dataset: data set \"iris\": feature value 0 of sample 0 is not finite");
  EXPECT_EQ(asset_error(asset(1, 0, 1, 2, "f\nno\nyes\n", "", "")),
            "dataset: data set \"iris\": samples must be 1 to 100000, got 0");
  // A header claiming 2^32-1 samples must not allocate before the size check.
  EXPECT_EQ(
      asset_error(asset(1, 100000, 1024, 2, "", "", "")),
      "dataset: data set \"iris\": size 32 bytes does not match its header (100000 x 1024 values)");
}

TEST(DataSynthetic, DeterministicShapeAndSeparable) {
  ClassificationSpec s;
  s.seed = 42;
  const Dataset a = make_classification(s), b = make_classification(s);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  EXPECT_EQ(a.size(), 1000u);
  EXPECT_EQ(a.n_features, 10u);
  size_t ones = 0;
  for (int32_t y : a.y) ones += static_cast<size_t>(y);
  EXPECT_NEAR(static_cast<double>(ones), 500.0, 15.0);  // balanced up to flip_y = 1%
  s.seed = 43;
  EXPECT_NE(make_classification(s).x, a.x);
  // Noise features are N(0, 1): mean ~ 0, variance ~ 1.
  double mean = 0, var = 0;
  for (size_t i = 0; i < a.size(); ++i) mean += a.row(i)[9];
  mean /= 1000;
  for (size_t i = 0; i < a.size(); ++i) var += (a.row(i)[9] - mean) * (a.row(i)[9] - mean);
  var /= 1000;
  EXPECT_NEAR(mean, 0.0, 0.1);
  EXPECT_NEAR(var, 1.0, 0.15);
}

TEST(DataSplit, StratifiedEightHundredTwoHundredAndStandardized) {
  const DataSplit s = load_data(Json::parse(R"({"dataset": "synthetic", "seed": 7})"), "data");
  EXPECT_EQ(s.train.size(), 800u);
  EXPECT_EQ(s.test.size(), 200u);
  std::vector<size_t> all(2), test(2);
  for (int32_t y : s.train.y) ++all[static_cast<size_t>(y)];
  for (int32_t y : s.test.y) ++all[static_cast<size_t>(y)], ++test[static_cast<size_t>(y)];
  for (size_t c = 0; c < 2; ++c)  // class proportions kept within one sample
    EXPECT_NEAR(static_cast<double>(test[c]), 0.2 * static_cast<double>(all[c]), 1.0);
  EXPECT_TRUE(s.standardized);
  for (size_t j = 0; j < 10; ++j) {
    double mean = 0, sq = 0;
    for (size_t i = 0; i < 800; ++i) mean += s.train.row(i)[j];
    mean /= 800;
    for (size_t i = 0; i < 800; ++i) sq += (s.train.row(i)[j] - mean) * (s.train.row(i)[j] - mean);
    EXPECT_NEAR(mean, 0.0, 1e-6);
    EXPECT_NEAR(std::sqrt(sq / 800), 1.0, 1e-5);
  }
  // The training order mixes the classes (no block of one class).
  size_t changes = 0;
  for (size_t i = 1; i < 800; ++i) changes += s.train.y[i] != s.train.y[i - 1];
  EXPECT_GT(changes, 300u);
}

TEST(DataSplit, InlineDataKeepsItsOrderWithoutASplit) {
  const DataSplit s = load_data(Json::parse(R"({"x": [[1], [2], [3]], "y": [0, 1, 0]})"), "data");
  EXPECT_EQ(s.train.size(), 3u);
  EXPECT_FALSE(s.has_test());
  EXPECT_FALSE(s.standardized);
  EXPECT_EQ(s.train.x, (std::vector<float>{1, 2, 3}));
}

TEST(DataCsv, HeaderLabelByNameOrIndexAndClassOrder) {
  const std::string text = "a,kind,b\n1,dog,2\n3,cat,4\n5,dog,6\n";
  Dataset d = csv(text, "kind");
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(d.y, (std::vector<int32_t>{1, 0, 1}));
  EXPECT_EQ(d.x, (std::vector<float>{1, 2, 3, 4, 5, 6}));
  d = csv(text, 1);
  EXPECT_EQ(d.class_names.size(), 2u);
  // No header, integer labels ordered numerically (10 after 9), label = last column.
  d = csv("0.5,9\n1.5,10\n2.5,9\n");
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"9", "10"}));
  EXPECT_EQ(d.y, (std::vector<int32_t>{0, 1, 0}));
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"x1"}));
}

TEST(DataCsv, ErrorsNameLineColumnAndProblem) {
  EXPECT_EQ(error_of([] { csv("a,b,label\n1,2,x\n3,oops,y\n"); }),
            "data.csv: line 3, column 2: \"oops\" in feature column \"b\" is not a finite number");
  EXPECT_EQ(error_of([] { csv("a,b,label\n1,2,x\n3,4\n"); }),
            "data.csv: line 3: expected 3 fields like the first line, got 2");
  EXPECT_EQ(error_of([] { csv("a,b,label\n1,,x\n3,4,y\n"); }),
            "data.csv: line 2, column 2: empty value in feature column \"b\"");
  EXPECT_EQ(error_of([] { csv("a,b,label\n1,2,x\n3,4,x\n"); }),
            "data.csv: the label column \"label\" has a single class; need at least 2");
  EXPECT_EQ(error_of([] { csv("a,b,label\n1,2,x\n3,4,y\n", "lable"); }),
            "data.label_column: no column named \"lable\"; did you mean label?");
  EXPECT_EQ(error_of([] { csv("a,b,label\n1,2,x\n3,4,y\n", 3); }),
            "data.label_column: must be a column index in [0, 2], got 3");
  EXPECT_EQ(error_of([] { csv(""); }), "data.csv: the CSV has no rows");
  EXPECT_EQ(error_of([] { csv("a,b,c\n1,inf,0\n2,3,1\n"); }),
            "data.csv: line 2, column 2: \"inf\" in feature column \"b\" is not a finite number");
  const std::string big(CsvLimits::kMaxBytes + 1, '1');
  EXPECT_EQ(error_of([&] { csv(big); }),
            "data.csv: CSV text of 8388609 bytes is too large (at most 8388608 bytes)");
}

TEST(DataSpec, ValidationMessages) {
  auto err = [](const std::string& j) {
    return error_of([&] { load_data(Json::parse(j), "data"); });
  };
  EXPECT_EQ(err(R"({"dataset": "irs"})"),
            "data.dataset: must be one of \"synthetic\", \"csv\", \"iris\", \"wine\", "
            "\"breast_cancer\" or \"digits\", got \"irs\"; "
            "did you mean \"iris\"?");
  EXPECT_EQ(err(R"({"dataset": "synthetic", "n_samples": 5})"),
            "data.n_samples: must be an integer in [10, 100000], got 5");
  EXPECT_EQ(err(R"({"dataset": "synthetic", "n_informative": 1, "n_classes": 3})"),
            "data.n_informative: n_classes x n_clusters_per_class (6) must be at most "
            "2**n_informative (2), as in "
            "sklearn's make_classification");
  EXPECT_EQ(err(R"({"dataset": "iris", "test_fraction": 0.95})"),
            "data.test_fraction: must be a number in [0, 0.9), got 0.95");
  EXPECT_EQ(err(R"({"dataset": "iris", "n_samples": 100})"), "data.n_samples: unknown key");
  EXPECT_EQ(err(R"({"x": [[1, 2], [3]], "y": [0, 1]})"),
            "data.x[1]: must be an array of 2 numbers (like x[0]), got an array of 1");
  EXPECT_EQ(err(R"({"x": [[1], [2]], "y": [0]})"),
            "data.y: must be an array of 2 labels (one per row of x), got an array of 1");
  EXPECT_EQ(err(R"({"x": [[1], [2]], "y": [0, -1]})"),
            "data.y[1]: must be an integer in [0, 99], got -1");
  EXPECT_EQ(err(R"({"dataset": "csv"})"),
            "data.x: required with \"dataset\": \"csv\": the feature rows (parseCsv writes them)");
  EXPECT_EQ(err(R"({"dataset": "csv", "csv": "a,b\n1,0\n"})"),
            "data.csv: CSV text is parsed by the JS API (parseCsv), which passes the engine "
            "{\"x\", \"y\", \"feature_names\", \"class_names\"}");
  const std::string xy = R"("dataset": "csv", "x": [[1], [2], [3]], "y": [0, 1, 2])";
  EXPECT_EQ(err("{" + xy + R"(, "feature_names": ["a"], "class_names": ["p", "q"]})"),
            "data.y[2]: must be a class index below 2 (the number of class_names), got 2");
  EXPECT_EQ(err("{" + xy + R"(, "feature_names": ["a", "b"], "class_names": ["p", "q", "r"]})"),
            "data.feature_names: must be an array of 1 names, got an array of 2");
  EXPECT_EQ(err("{" + xy + R"(, "feature_names": ["a"], "class_names": ["p", 7, "r"]})"),
            "data.class_names[1]: must be a string, got 7");
}

// The plan's row counts are what the split really holds: the training's cost is refused from
// them before a synthetic set is generated (train_spec.cpp).
TEST(DataPlan, RowCountsMatchTheSplitMadeFromIt) {
  for (const char* text : {
           R"({"dataset": "synthetic", "n_samples": 1000})",
           R"({"dataset": "synthetic", "n_samples": 997, "test_fraction": 0.33})",
           R"({"dataset": "synthetic", "n_samples": 1000, "validation_fraction": 0.2})",
           R"({"dataset": "synthetic", "n_samples": 11, "n_classes": 3, "n_clusters_per_class": 1,
               "test_fraction": 0.5, "validation_fraction": 0.3})",
           R"({"x": [[1], [2], [3], [4], [5]], "y": [0, 1, 0, 1, 0], "test_fraction": 0.4})",
           R"({"x": [[1], [2]], "y": [0, 1]})",
       }) {
    const DataPlan plan = plan_data(Json::parse(text), "data");
    const DataSplit split = make_data(plan);
    EXPECT_EQ(plan.training_rows(), split.train.size()) << text;
    EXPECT_EQ(plan.test_rows(), split.test.size()) << text;
    EXPECT_EQ(plan.validation_rows(), split.validation.size()) << text;
    EXPECT_EQ(plan.n_features(), split.train.n_features) << text;
    EXPECT_EQ(plan.n_classes(), split.train.class_names.size()) << text;
  }
}

// make_data keeps the last synthetic split for the next training that asks for the same
// one: what it returns from there must be what generating it again gives, field by field.
TEST(DataPlan, ARepeatedSyntheticSplitIsTheOneGeneratedAgain) {
  auto same = [](const DataSplit& a, const DataSplit& b) {
    for (auto [x, y] : {std::pair(&a.train, &b.train), std::pair(&a.test, &b.test),
                        std::pair(&a.validation, &b.validation)}) {
      if (x->x != y->x || x->y != y->y || x->n_features != y->n_features ||
          x->feature_names != y->feature_names || x->class_names != y->class_names)
        return false;
    }
    return a.dataset == b.dataset && a.standardized == b.standardized;
  };
  const char* seed = R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.1})";
  const DataSplit first = load_data(Json::parse(seed), "data");
  const DataSplit repeated = load_data(Json::parse(seed), "data");  // from the kept split
  EXPECT_TRUE(same(first, repeated));
  // Every field of the plan is part of the key: each change gives other data.
  for (
      const char* other : {
          R"({"dataset": "synthetic", "seed": 43, "validation_fraction": 0.1})",
          R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.2})",
          R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.1, "test_fraction": 0.3})",
          R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.1, "class_sep": 2})",
          R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.1, "flip_y": 0})",
          R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.1, "standardize": false})",
          R"({"dataset": "synthetic", "seed": 42, "validation_fraction": 0.1, "n_informative": 4})",
      }) {
    load_data(Json::parse(seed), "data");  // the seed split is the kept one
    EXPECT_FALSE(same(first, load_data(Json::parse(other), "data"))) << other;
  }
  // A set too large to keep is generated every time, and the next small one still right.
  const char* large =
      R"({"dataset": "synthetic", "n_samples": 20000, "n_features": 64, "seed": 1})";
  EXPECT_TRUE(same(load_data(Json::parse(large), "data"), load_data(Json::parse(large), "data")));
  EXPECT_TRUE(same(first, load_data(Json::parse(seed), "data")));
}

}  // namespace
}  // namespace lrlab
