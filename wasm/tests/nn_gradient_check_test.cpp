// The MLP's backward pass against central finite differences of a double-precision
// reference of the same network (Linear/ReLU/.../Linear, mean softmax cross-entropy),
// and its forward loss against that reference.
#include <gtest/gtest.h>

#include <cmath>

#include "nn/mlp.hpp"
#include "nn/seeded_random.hpp"

namespace lrlab {
namespace {

// Mean cross-entropy of the network in double, parameters in the Mlp's flat layout.
double reference_loss(const std::vector<int>& sizes, const std::vector<double>& p,
                      const std::vector<double>& x, const std::vector<int32_t>& y) {
  const size_t n = y.size();
  double total = 0.0;
  for (size_t r = 0; r < n; ++r) {
    std::vector<double> a(x.begin() + static_cast<long>(r * sizes[0]),
                          x.begin() + static_cast<long>((r + 1) * sizes[0]));
    size_t off = 0;
    for (size_t l = 0; l + 1 < sizes.size(); ++l) {
      const size_t in = sizes[l], out = sizes[l + 1];
      std::vector<double> z(out);
      for (size_t o = 0; o < out; ++o) {
        double v = p[off + out * in + o];
        for (size_t i = 0; i < in; ++i) v += p[off + o * in + i] * a[i];
        z[o] = (l + 2 < sizes.size()) ? std::max(v, 0.0) : v;
      }
      off += out * in + out;
      a = z;
    }
    double m = a[0];
    for (double v : a) m = std::max(m, v);
    double s = 0.0;
    for (double v : a) s += std::exp(v - m);
    total += m + std::log(s) - a[static_cast<size_t>(y[r])];
  }
  return total / static_cast<double>(n);
}

struct Problem {
  std::vector<int> sizes;
  Mlp mlp;
  std::vector<float> x;
  std::vector<int32_t> y;
};

Problem make_problem(std::vector<int> sizes, size_t n, uint32_t seed) {
  Problem pr{sizes, Mlp(sizes), {}, {}};
  SeededRandom rng(seed);
  pr.mlp.reset_parameters(rng);
  for (size_t i = 0; i < n * static_cast<size_t>(sizes[0]); ++i)
    pr.x.push_back(static_cast<float>(rng.normal()));
  for (size_t i = 0; i < n; ++i)
    pr.y.push_back(static_cast<int32_t>(rng.below(static_cast<uint32_t>(sizes.back()))));
  return pr;
}

void check_gradients(std::vector<int> sizes, size_t n, uint32_t seed) {
  Problem pr = make_problem(sizes, n, seed);
  const BatchOutcome out = pr.mlp.train_batch(pr.x.data(), pr.y.data(), n);
  std::vector<double> p(pr.mlp.parameters().begin(), pr.mlp.parameters().end());
  std::vector<double> x(pr.x.begin(), pr.x.end());
  const double loss = reference_loss(sizes, p, x, pr.y);
  EXPECT_NEAR(out.loss, loss, 2e-6 * std::fabs(loss));

  double worst_abs = 0.0, worst_rel = 0.0;
  const double h = 1e-6;
  for (size_t i = 0; i < p.size(); ++i) {
    std::vector<double> plus = p, minus = p;
    plus[i] += h;
    minus[i] -= h;
    const double fd =
        (reference_loss(sizes, plus, x, pr.y) - reference_loss(sizes, minus, x, pr.y)) / (2 * h);
    const double g = pr.mlp.gradients()[i];
    const double err = std::fabs(g - fd);
    worst_abs = std::max(worst_abs, err);
    if (std::fabs(fd) > 1e-3) worst_rel = std::max(worst_rel, err / std::fabs(fd));
    // float32 gradient vs double finite difference: float rounding (~1e-7 relative per
    // operation) dominates; a wrong formula is off by O(|g|).
    EXPECT_LE(err, 2e-6 + 1e-4 * std::fabs(fd)) << "parameter " << i;
  }
  std::printf(
      "  sizes %zu layers, %zu params, batch %zu: max |g - fd| %.2e, max rel (|fd| > 1e-3) %.2e\n",
      sizes.size() - 1, p.size(), n, worst_abs, worst_rel);
}

TEST(MlpGradient, MatchesFiniteDifferencesTwoLayers) { check_gradients({10, 10, 2}, 32, 1); }
TEST(MlpGradient, MatchesFiniteDifferencesDeep) { check_gradients({7, 9, 6, 5, 4}, 13, 2); }
TEST(MlpGradient, MatchesFiniteDifferencesSingleLinear) { check_gradients({6, 3}, 5, 3); }

TEST(MlpGradient, EvaluateAgreesWithTrainBatchLoss) {
  Problem pr = make_problem({4, 8, 3}, 300, 4);  // more rows than one evaluation chunk
  double sum = 0.0;
  const size_t correct = pr.mlp.evaluate(pr.x.data(), pr.y.data(), 300, &sum);
  const BatchOutcome out = pr.mlp.train_batch(pr.x.data(), pr.y.data(), 300);
  EXPECT_NEAR(sum / 300.0, out.loss, 1e-6 * out.loss);
  EXPECT_EQ(correct, out.correct);
}

TEST(MlpTrainRows, GatheredRowsTrainLikeTrainBatch) {
  // The trainer's path (train_rows gathering shuffled rows straight into the padded input)
  // gives train_batch's loss and gradients on those rows copied out, bit for bit, over
  // batches that grow the buffer (13, then 20 rows), shrink (5 rows: the rows past them are
  // stale) and follow an evaluation (which writes its own rows into the same buffer).
  Problem a = make_problem({7, 9, 3}, 20, 5), b = make_problem({7, 9, 3}, 20, 5);
  for (size_t n : {13, 5, 20, 5}) {
    double sum = 0.0;
    b.mlp.evaluate(b.x.data(), b.y.data(), 20, &sum);
    std::vector<uint32_t> rows;
    std::vector<float> x;
    std::vector<int32_t> y;
    for (size_t r = 0; r < n; ++r) rows.push_back(static_cast<uint32_t>((7 * r + n) % 20));
    for (uint32_t r : rows) {
      x.insert(x.end(), a.x.begin() + r * 7, a.x.begin() + (r + 1) * 7);
      y.push_back(a.y[r]);
    }
    const BatchOutcome copied = a.mlp.train_batch(x.data(), y.data(), n);
    const BatchOutcome gathered = b.mlp.train_rows(b.x.data(), rows.data(), y.data(), n);
    EXPECT_EQ(copied.loss, gathered.loss) << n;
    EXPECT_EQ(copied.correct, gathered.correct) << n;
    EXPECT_EQ(a.mlp.gradients(), b.mlp.gradients()) << n;
    // a step between batches, so each batch trains on other weights
    for (std::vector<float>* m : {&a.mlp.parameters(), &b.mlp.parameters()})
      for (size_t k = 0; k < m->size(); ++k) (*m)[k] -= 0.1f * a.mlp.gradients()[k];
  }
}

TEST(MlpLoss, InfiniteLogitGivesNaNLossAsTorch) {
  // torch 1.13's log_softmax of the logits [inf, 0] is [nan, nan]: z - max is [nan, -inf],
  // and log(sum(exp(z - max))) is nan. The softmax sum takes a finite max's own term as
  // exactly 1 and must not for an infinite one: 1 + exp(-inf) would give label 1 the loss inf.
  Problem pr = make_problem({2, 2}, 1, 6);
  std::vector<float>& p = pr.mlp.parameters();
  std::fill(p.begin(), p.end(), 0.0f);
  p[pr.mlp.bias(0).offset] = INFINITY;
  pr.y[0] = 1;
  double sum = 0.0;
  pr.mlp.evaluate(pr.x.data(), pr.y.data(), 1, &sum);
  EXPECT_TRUE(std::isnan(sum));
}

TEST(MlpInit, FollowsLinearResetParametersBounds) {
  // nn.Linear: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
  Mlp mlp({64, 16, 10});
  SeededRandom rng(7);
  mlp.reset_parameters(rng);
  for (size_t l = 0; l < 2; ++l) {
    const double bound = 1.0 / std::sqrt(l == 0 ? 64.0 : 16.0);
    double lo = 1, hi = -1, mean = 0;
    for (const ParameterTensor* t : {&mlp.weight(l), &mlp.bias(l)})
      for (size_t i = 0; i < t->size(); ++i) {
        const double v = mlp.parameters()[t->offset + i];
        lo = std::min(lo, v), hi = std::max(hi, v), mean += v;
      }
    EXPECT_GE(lo, -bound);
    EXPECT_LT(hi, bound);
    EXPECT_LT(lo, -0.8 * bound);  // spread over the whole interval
    EXPECT_GT(hi, 0.8 * bound);
  }
  // Same seed, same weights.
  Mlp again({64, 16, 10});
  SeededRandom rng2(7);
  again.reset_parameters(rng2);
  EXPECT_EQ(again.parameters(), mlp.parameters());
}

TEST(SeededRandom, Mt19937SequenceIsTheStandardOne) {
  // [rand.predef]: the 10000th output of a default-seeded mt19937 is 4123659995.
  SeededRandom r(5489u);
  uint32_t v = 0;
  for (int i = 0; i < 10000; ++i) v = r.next_u32();
  EXPECT_EQ(v, 4123659995u);
}

TEST(MlpTrace, MatchesBatchForward) {
  Problem pr = make_problem({5, 6, 3}, 4, 9);
  const Mlp::Trace t = pr.mlp.trace(pr.x.data() + 2 * 5);
  double sum = 0.0;
  pr.mlp.evaluate(pr.x.data() + 2 * 5, pr.y.data() + 2, 1, &sum);
  const double m = *std::max_element(t.logits.begin(), t.logits.end());
  double s = 0.0;
  for (float v : t.logits) s += std::exp(v - m);
  EXPECT_NEAR(sum, m + std::log(s) - t.logits[static_cast<size_t>(pr.y[2])], 1e-6);
  double psum = 0.0;
  for (float p : t.probabilities) psum += p;
  EXPECT_NEAR(psum, 1.0, 1e-6);
  for (size_t j = 0; j < 6; ++j) EXPECT_EQ(t.post[0][j], std::max(t.pre[0][j], 0.0f));
}

}  // namespace
}  // namespace lrlab
