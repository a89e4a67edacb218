#include "data/data_spec.hpp"

#include <cmath>

#include "data/builtin_datasets.hpp"
#include "data/make_classification.hpp"
#include "data/train_test_split.hpp"

namespace lrlab {

namespace {

constexpr int64_t kMaxSeed = 4294967295LL;  // seeds are 32-bit (std::mt19937)

// docs/run-spec.md 4: "x" rows of numbers, "y" integer labels.
Dataset read_inline(SpecObject& o) {
  const std::string xp = o.field_path("x"), yp = o.field_path("y");
  const Json* x = o.get("x");
  const Json* y = o.get("y");
  if (!x) throw_spec_error(xp, "required (an array of feature rows), or give \"dataset\"");
  if (!y) throw_spec_error(yp, "required (an array of integer labels, one per row of x)");
  if (!x->is_array() || x->empty() || x->size() > DataLimits::kMaxSamples)
    throw_spec_error(xp, concat({"must be an array of 1 to ", DataLimits::kMaxSamples,
                                 " rows, got ", describe_value(*x)}));
  if (!y->is_array() || y->size() != x->size())
    throw_spec_error(yp, concat({"must be an array of ", x->size(),
                                 " labels (one per row of x), got ", describe_value(*y)}));
  Dataset d;
  d.name = "inline";
  const Json& first = (*x)[0];
  if (!first.is_array() || first.empty() || first.size() > DataLimits::kMaxFeatures)
    throw_spec_error(index_path(xp, 0),
                     concat({"must be an array of 1 to ", DataLimits::kMaxFeatures,
                             " numbers, got ", describe_value(first)}));
  d.n_features = first.size();
  if (x->size() * d.n_features > DataLimits::kMaxValues)
    throw_spec_error(xp, concat({"too large: ", x->size(), " x ", d.n_features, " values (at most ",
                                 DataLimits::kMaxValues, ")"}));
  d.x.reserve(x->size() * d.n_features);
  const Range float_range = Range::closed(-3.0e38, 3.0e38);
  for (size_t i = 0; i < x->size(); ++i) {
    const Json& row = (*x)[i];
    const std::string rp = index_path(xp, i);
    if (!row.is_array() || row.size() != d.n_features)
      throw_spec_error(rp, concat({"must be an array of ", d.n_features,
                                   " numbers (like x[0]), got ", describe_value(row)}));
    for (size_t j = 0; j < d.n_features; ++j)
      d.x.push_back(static_cast<float>(read_number(row[j], index_path(rp, j), float_range)));
  }
  int64_t max_label = 0;
  for (size_t i = 0; i < y->size(); ++i) {
    const int64_t v = read_integer((*y)[i], index_path(yp, i), 0, DataLimits::kMaxClasses - 1);
    d.y.push_back(static_cast<int32_t>(v));
    max_label = std::max(max_label, v);
  }
  for (size_t j = 0; j < d.n_features; ++j) d.feature_names.push_back("x" + std::to_string(j + 1));
  for (int64_t c = 0; c <= max_label; ++c) d.class_names.push_back("class " + std::to_string(c));
  return d;
}

// "feature_names" and "class_names" of parsed CSV data: one name per feature, at least 2
// classes, every label below the class count.
std::vector<std::string> read_names(SpecObject& o, const std::string& key, size_t min, size_t max) {
  const std::string p = o.field_path(key);
  const Json* names = o.get(key);
  if (!names) throw_spec_error(p, "required with \"dataset\": \"csv\" (an array of names)");
  if (!names->is_array() || names->size() < min || names->size() > max)
    throw_spec_error(
        p, concat({"must be an array of ", min, (min == max ? "" : " to " + std::to_string(max)),
                   " names, got ", describe_value(*names)}));
  std::vector<std::string> out;
  for (size_t i = 0; i < names->size(); ++i) {
    if (!(*names)[i].is_string())
      throw_spec_error(index_path(p, i),
                       concat({"must be a string, got ", describe_value((*names)[i])}));
    out.push_back((*names)[i].get<std::string>());
  }
  return out;
}

void read_names(SpecObject& o, Dataset& d) {
  d.name = "csv";
  d.feature_names = read_names(o, "feature_names", d.n_features, d.n_features);
  d.class_names = read_names(o, "class_names", 2, DataLimits::kMaxClasses);
  for (size_t i = 0; i < d.y.size(); ++i)
    if (static_cast<size_t>(d.y[i]) >= d.class_names.size())
      throw_spec_error(index_path(o.field_path("y"), i),
                       concat({"must be a class index below ", d.class_names.size(),
                               " (the number of class_names), got ", d.y[i]}));
}

ClassificationSpec read_synthetic(SpecObject& o, uint32_t seed) {
  ClassificationSpec s;
  s.seed = seed;
  s.n_samples = static_cast<size_t>(o.integer("n_samples", 1000, 10, DataLimits::kMaxSamples));
  s.n_features = static_cast<size_t>(o.integer("n_features", 10, 1, 512));
  s.n_informative = static_cast<size_t>(
      o.integer("n_informative", std::min<int64_t>(5, static_cast<int64_t>(s.n_features)), 1,
                static_cast<int64_t>(s.n_features)));
  s.n_classes = static_cast<size_t>(o.integer("n_classes", 2, 2, 20));
  s.n_clusters_per_class = static_cast<size_t>(o.integer("n_clusters_per_class", 2, 1, 8));
  s.class_sep = o.number("class_sep", 1.0, Range::open_closed(0.0, 100.0));
  s.flip_y = o.number("flip_y", 0.01, Range::closed(0.0, 1.0));
  if (s.n_samples * s.n_features > DataLimits::kMaxValues)
    throw_spec_error(o.field_path("n_samples"),
                     concat({"n_samples x n_features must be at most ", DataLimits::kMaxValues,
                             ", got ", s.n_samples * s.n_features}));
  const double vertices = std::pow(2.0, static_cast<double>(s.n_informative));
  if (static_cast<double>(s.n_classes * s.n_clusters_per_class) > vertices)
    throw_spec_error(
        o.field_path("n_informative"),
        concat({"n_classes x n_clusters_per_class (", s.n_classes * s.n_clusters_per_class,
                ") must be at most 2**n_informative (", static_cast<long long>(vertices),
                "), as in sklearn's make_classification"}));
  if (s.n_samples < s.n_classes * s.n_clusters_per_class)
    throw_spec_error(o.field_path("n_samples"),
                     concat({"must be at least n_classes x n_clusters_per_class (",
                             s.n_classes * s.n_clusters_per_class, ")"}));
  return s;
}

}  // namespace

size_t DataPlan::test_rows() const { return held_out_rows(n_rows(), test_fraction); }

// The validation rows come out of what the test split leaves (make_data below).
size_t DataPlan::validation_rows() const {
  if (validation_fraction <= 0.0) return 0;
  return held_out_rows(n_rows() - test_rows(), validation_fraction / (1.0 - test_fraction));
}

DataPlan plan_data(const Json& data, const std::string& path) {
  SpecObject o(data, path);
  if (!data.is_object())
    throw_spec_error(path, concat({"must be an object, got ", describe_value(data)}));
  std::vector<std::string> kinds = {"synthetic", "csv"};
  for (const auto& n : builtin_dataset_names()) kinds.push_back(n);
  const bool is_inline = !o.has("dataset");
  DataPlan plan;
  plan.kind = is_inline ? "inline" : o.required_choice("dataset", kinds);
  plan.seed = static_cast<uint32_t>(o.integer("seed", 0, 0, kMaxSeed));

  if (is_inline) {
    plan.rows = read_inline(o);
  } else if (plan.kind == "synthetic") {
    plan.synthetic = read_synthetic(o, plan.seed);
  } else if (plan.kind == "csv") {
    // The JS API parses the learner's CSV text (wasm/js/csv.mjs) and hands over its rows.
    if (o.has("csv"))
      throw_spec_error(o.field_path("csv"),
                       "CSV text is parsed by the JS API (parseCsv), which passes the engine "
                       "{\"x\", \"y\", \"feature_names\", \"class_names\"}");
    if (!o.has("x"))
      throw_spec_error(
          o.field_path("x"),
          "required with \"dataset\": \"csv\": the feature rows (parseCsv writes them)");
    plan.rows = read_inline(o);
    read_names(o, plan.rows);
  } else {
    plan.rows = builtin_dataset(plan.kind, o.field_path("dataset"));
  }

  plan.test_fraction =
      o.number("test_fraction", is_inline ? 0.0 : 0.2, Range::closed_open(0.0, 0.9));
  plan.stratify = o.boolean("stratify", true);
  // A fraction of all rows, taken from the training part after the test rows are held out.
  plan.validation_fraction = o.number("validation_fraction", 0.0, Range::closed_open(0.0, 0.9));
  plan.scale = o.boolean("standardize", !is_inline);
  o.finish();
  if (plan.test_fraction > 0.0 && plan.n_rows() < 2)
    throw_spec_error(join_path(path, "test_fraction"), "needs at least 2 samples to hold some out");
  if (plan.validation_fraction > 0.0 && plan.test_fraction + plan.validation_fraction >= 0.9)
    throw_spec_error(join_path(path, "validation_fraction"),
                     "test_fraction + validation_fraction must be below 0.9");
  return plan;
}

namespace {

// What decides a synthetic split: every field make_data() reads for kind "synthetic".
bool same_synthetic_split(const DataPlan& a, const DataPlan& b) {
  const ClassificationSpec &x = a.synthetic, &y = b.synthetic;
  return x.n_samples == y.n_samples && x.n_features == y.n_features &&
         x.n_informative == y.n_informative && x.n_classes == y.n_classes &&
         x.n_clusters_per_class == y.n_clusters_per_class && x.class_sep == y.class_sep &&
         x.flip_y == y.flip_y && x.seed == y.seed && a.seed == b.seed &&
         a.test_fraction == b.test_fraction && a.validation_fraction == b.validation_fraction &&
         a.stratify == b.stratify && a.scale == b.scale;
}

// The last synthetic split, kept for the next training that asks for the same one: a slider
// or a sweep retrains on the same data many times, and generating it was about a fifth of a
// seed-lesson training (issue 12). Held only up to kMaxCachedValues floats (256 KB), so a large set
// is not kept alive after its training.
constexpr size_t kMaxCachedValues = 1 << 16;

// One per engine instance (the engine is single-threaded: one per worker).
struct SyntheticCache {
  bool filled = false;
  DataPlan plan;
  DataSplit split;
};

SyntheticCache& synthetic_cache() {
  static SyntheticCache cache;
  return cache;
}

DataSplit generate_data(const DataPlan& plan) {
  const Dataset generated =
      plan.kind == "synthetic" ? make_classification(plan.synthetic) : Dataset{};
  const Dataset& all = plan.kind == "synthetic" ? generated : plan.rows;
  // The split has its own stream, derived from the seed, so changing the split does not
  // change the generated data.
  DataSplit split =
      train_test_split(all, plan.test_fraction, plan.stratify, plan.seed ^ 0x9E3779B9u);
  if (plan.validation_fraction > 0.0) {
    // Its own stream again, so asking for a validation split leaves the test rows unchanged.
    DataSplit inner =
        train_test_split(split.train, plan.validation_fraction / (1.0 - plan.test_fraction),
                         plan.stratify, plan.seed ^ 0x85EBCA6Bu);
    split.train = std::move(inner.train);
    split.validation = std::move(inner.test);
  }
  split.dataset = plan.kind;
  if (plan.scale) standardize(split);
  return split;
}

}  // namespace

DataSplit make_data(const DataPlan& plan) {
  if (plan.kind != "synthetic") return generate_data(plan);
  SyntheticCache& cache = synthetic_cache();
  if (cache.filled && same_synthetic_split(cache.plan, plan)) return cache.split;
  DataSplit split = generate_data(plan);
  cache.filled = plan.n_rows() * plan.n_features() <= kMaxCachedValues;
  if (cache.filled) {
    cache.plan = plan;
    cache.split = split;
  } else {
    cache = SyntheticCache{};  // frees the previous set too
  }
  return split;
}

DataSplit load_data(const Json& data, const std::string& path) {
  return make_data(plan_data(data, path));
}

}  // namespace lrlab
