// Held-out split and feature standardisation, after scikit-learn's train_test_split
// (test size ceil(test_fraction * n), stratified by class when asked) and StandardScaler
// (mean and population standard deviation fitted on the training rows only, a zero
// deviation left as 1). Both sides come out in a seeded random order.
#pragma once

#include <cstdint>

#include "data/dataset.hpp"

namespace lrlab {

// How many of `n` rows a fraction holds out: ceil(fraction * n), at most n - 1.
size_t held_out_rows(size_t n, double fraction);

DataSplit train_test_split(const Dataset& all, double test_fraction, bool stratify, uint32_t seed);

// Fits on split.train, transforms train and test.
void standardize(DataSplit& split);

}  // namespace lrlab
