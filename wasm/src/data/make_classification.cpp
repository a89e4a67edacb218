#include "data/make_classification.hpp"

#include <algorithm>

#include "nn/seeded_random.hpp"

namespace lrlab {

Dataset make_classification(const ClassificationSpec& s) {
  SeededRandom rng(s.seed);
  const size_t k = s.n_informative, clusters = s.n_classes * s.n_clusters_per_class;

  // Distinct hypercube vertices, mapped to {-class_sep, +class_sep}^k.
  std::vector<std::vector<double>> centroids;
  std::vector<std::vector<uint8_t>> used;
  while (centroids.size() < clusters) {
    std::vector<uint8_t> bits(k);
    for (auto& b : bits) b = static_cast<uint8_t>(rng.next_u32() >> 31);
    if (std::find(used.begin(), used.end(), bits) != used.end()) continue;
    used.push_back(bits);
    std::vector<double> c(k);
    for (size_t j = 0; j < k; ++j) c[j] = bits[j] ? s.class_sep : -s.class_sep;
    centroids.push_back(c);
  }

  Dataset d;
  d.name = "synthetic";
  d.n_features = s.n_features;
  for (size_t j = 0; j < s.n_features; ++j) d.feature_names.push_back("x" + std::to_string(j + 1));
  for (size_t c = 0; c < s.n_classes; ++c) d.class_names.push_back("class " + std::to_string(c));
  d.x.resize(s.n_samples * s.n_features);
  d.y.resize(s.n_samples);

  // Samples per cluster: n / clusters, the remainder to the first clusters (as sklearn).
  size_t row = 0;
  std::vector<double> z(k), v(k), a(k * k);
  for (size_t c = 0; c < clusters; ++c) {
    const size_t count = s.n_samples / clusters + (c < s.n_samples % clusters ? 1 : 0);
    for (auto& e : a) e = rng.uniform(-1.0, 1.0);  // covariance factor A: x = z A + centroid
    for (size_t i = 0; i < count; ++i, ++row) {
      for (auto& e : z) e = rng.normal();
      for (size_t j = 0; j < k; ++j) {
        double acc = centroids[c][j];
        for (size_t t = 0; t < k; ++t) acc += z[t] * a[t * k + j];
        v[j] = acc;
      }
      float* x = d.x.data() + row * s.n_features;
      for (size_t j = 0; j < k; ++j) x[j] = static_cast<float>(v[j]);
      for (size_t j = k; j < s.n_features; ++j) x[j] = static_cast<float>(rng.normal());
      d.y[row] = static_cast<int32_t>(c % s.n_classes);
    }
  }
  // flip_y: replace labels at random (a replaced label may equal the old one, as sklearn).
  for (size_t i = 0; i < s.n_samples; ++i)
    if (rng.uniform01() < s.flip_y)
      d.y[i] = static_cast<int32_t>(rng.below(static_cast<uint32_t>(s.n_classes)));
  // Shuffle rows (Fisher-Yates).
  for (size_t i = s.n_samples; i > 1; --i) {
    const size_t j = rng.below(static_cast<uint32_t>(i));
    if (j == i - 1) continue;
    std::swap_ranges(d.x.begin() + (i - 1) * s.n_features, d.x.begin() + i * s.n_features,
                     d.x.begin() + j * s.n_features);
    std::swap(d.y[i - 1], d.y[j]);
  }
  return d;
}

}  // namespace lrlab
