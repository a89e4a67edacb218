// A seeded synthetic classification problem in the spirit of scikit-learn's
// make_classification
// (https://scikit-learn.org/1.2/modules/generated/sklearn.datasets.make_classification.html, after
// I. Guyon's Madelon design): each class owns n_clusters_per_class Gaussian clusters centred on
// distinct vertices of a hypercube of side 2*class_sep in the n_informative first features, each
// cluster given a random covariance; the remaining features are pure N(0, 1) noise; a fraction
// flip_y of the labels is replaced at random; rows are shuffled. Differences from sklearn: no
// redundant/repeated features, the columns are not permuted (x1..x_k are the informative ones,
// which the course can point at), and the random stream is ours (SeededRandom), so the numbers
// differ from sklearn's.
#pragma once

#include <cstdint>

#include "data/dataset.hpp"

namespace lrlab {

struct ClassificationSpec {
  size_t n_samples = 1000;
  size_t n_features = 10;
  size_t n_informative = 5;
  size_t n_classes = 2;
  size_t n_clusters_per_class = 2;
  double class_sep = 1.0;
  double flip_y = 0.01;
  uint32_t seed = 0;
};

// Preconditions (checked by the spec reader): n_informative <= n_features,
// n_classes * n_clusters_per_class <= 2^n_informative, n_samples >= n_classes *
// n_clusters_per_class.
Dataset make_classification(const ClassificationSpec& spec);

}  // namespace lrlab
