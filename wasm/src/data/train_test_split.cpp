#include "data/train_test_split.hpp"

#include <algorithm>
#include <cmath>

#include "nn/seeded_random.hpp"

namespace lrlab {

namespace {

void shuffle(std::vector<size_t>& v, SeededRandom& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(static_cast<uint32_t>(i))]);
}

Dataset take(const Dataset& all, const std::vector<size_t>& rows) {
  Dataset d;
  d.name = all.name;
  d.feature_names = all.feature_names;
  d.class_names = all.class_names;
  d.n_features = all.n_features;
  d.x.reserve(rows.size() * all.n_features);
  for (size_t r : rows) {
    d.x.insert(d.x.end(), all.row(r), all.row(r) + all.n_features);
    d.y.push_back(all.y[r]);
  }
  return d;
}

}  // namespace

size_t held_out_rows(size_t n, double fraction) {
  if (fraction <= 0.0 || n == 0) return 0;
  return std::min(n - 1, static_cast<size_t>(std::ceil(fraction * static_cast<double>(n) - 1e-9)));
}

DataSplit train_test_split(const Dataset& all, double test_fraction, bool stratify, uint32_t seed) {
  SeededRandom rng(seed);
  const size_t n = all.size();
  const size_t n_test = held_out_rows(n, test_fraction);
  std::vector<size_t> train, test;
  if (stratify && n_test > 0) {
    // Per-class quotas by largest remainder, so the test set keeps the class proportions.
    const size_t k = all.class_names.size();
    std::vector<std::vector<size_t>> by_class(k);
    for (size_t i = 0; i < n; ++i) by_class[static_cast<size_t>(all.y[i])].push_back(i);
    std::vector<size_t> quota(k);
    std::vector<std::pair<double, size_t>> remainder;
    size_t given = 0;
    for (size_t c = 0; c < k; ++c) {
      const double exact = static_cast<double>(n_test) * static_cast<double>(by_class[c].size()) /
                           static_cast<double>(n);
      quota[c] = static_cast<size_t>(std::floor(exact));
      given += quota[c];
      remainder.push_back({exact - std::floor(exact), c});
    }
    // Stable insertion sort by descending remainder (few classes; smaller than std::stable_sort).
    for (size_t i = 1; i < remainder.size(); ++i) {
      const std::pair<double, size_t> item = remainder[i];
      size_t j = i;
      for (; j > 0 && remainder[j - 1].first < item.first; --j) remainder[j] = remainder[j - 1];
      remainder[j] = item;
    }
    for (size_t i = 0; given < n_test && i < remainder.size(); ++i) {
      if (quota[remainder[i].second] < by_class[remainder[i].second].size())
        ++quota[remainder[i].second], ++given;
    }
    for (size_t c = 0; c < k; ++c) {
      shuffle(by_class[c], rng);
      test.insert(test.end(), by_class[c].begin(),
                  by_class[c].begin() + static_cast<long>(quota[c]));
      train.insert(train.end(), by_class[c].begin() + static_cast<long>(quota[c]),
                   by_class[c].end());
    }
    shuffle(train, rng);  // mix the classes: an unshuffled trainer must not see them in blocks
    shuffle(test, rng);
  } else {
    std::vector<size_t> all_rows(n);
    for (size_t i = 0; i < n; ++i) all_rows[i] = i;
    if (n_test > 0) shuffle(all_rows, rng);
    // insert() at the end of the empty vectors: the same as assign(), one instantiation fewer.
    test.insert(test.end(), all_rows.begin(), all_rows.begin() + static_cast<long>(n_test));
    train.insert(train.end(), all_rows.begin() + static_cast<long>(n_test), all_rows.end());
  }
  DataSplit split;
  split.dataset = all.name;
  split.train = take(all, train);
  split.test = take(all, test);
  return split;
}

void standardize(DataSplit& split) {
  const size_t f = split.train.n_features, n = split.train.size();
  std::vector<double> mean(f, 0.0), scale(f, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < f; ++j) mean[j] += split.train.row(i)[j];
  for (size_t j = 0; j < f; ++j) mean[j] /= static_cast<double>(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < f; ++j) {
      const double dev = split.train.row(i)[j] - mean[j];
      scale[j] += dev * dev;
    }
  for (size_t j = 0; j < f; ++j) {
    scale[j] = std::sqrt(scale[j] / static_cast<double>(n));
    if (scale[j] == 0.0) scale[j] = 1.0;
  }
  for (Dataset* d : {&split.train, &split.validation, &split.test})
    for (size_t i = 0; i < d->size(); ++i)
      for (size_t j = 0; j < f; ++j) {
        float& v = d->x[i * f + j];
        v = static_cast<float>((v - mean[j]) / scale[j]);
      }
  split.standardized = true;
}

}  // namespace lrlab
