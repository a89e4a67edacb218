#include "eigen_reference.hpp"

#include <Eigen/Core>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace lrlab::bench {

namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;
using ConstMap = Eigen::Map<const Matrix>;

struct Layer {
  Matrix w, dw, vw;  // weight (out x in), its gradient and momentum buffer
  RowVector b, db, vb;
};

// Activations and gradients for one batch size (full batches and the last partial one).
struct Workspace {
  std::vector<Matrix> act;  // act[l]: output of layer l (ReLU applied for hidden layers)
  Matrix delta, delta_prev;
};

Workspace make_workspace(const std::vector<int>& sizes, Eigen::Index n) {
  Workspace ws;
  for (size_t l = 1; l < sizes.size(); ++l) ws.act.emplace_back(n, sizes[l]);
  return ws;
}

void forward(std::vector<Layer>& layers, Workspace& ws, const Eigen::Ref<const Matrix>& x) {
  for (size_t l = 0; l < layers.size(); ++l) {
    Matrix& z = ws.act[l];
    if (l == 0)
      z.noalias() = x * layers[l].w.transpose();
    else
      z.noalias() = ws.act[l - 1] * layers[l].w.transpose();
    z.rowwise() += layers[l].b;
    if (l + 1 < layers.size()) z = z.cwiseMax(0.0f);
  }
}

// Mean cross-entropy of the logits; with `grad`, ws.delta = (softmax - onehot) / n.
double softmax_cross_entropy(Workspace& ws, const int32_t* y, bool grad) {
  const Matrix& logits = ws.act.back();
  const Eigen::Index n = logits.rows(), k = logits.cols();
  if (grad) ws.delta.resize(n, k);
  const float inv_n = 1.0f / static_cast<float>(n);
  double sum = 0.0;
  for (Eigen::Index r = 0; r < n; ++r) {
    const float m = logits.row(r).maxCoeff();
    const float log_s = std::log((logits.row(r).array() - m).exp().sum());
    sum -= static_cast<double>(logits(r, y[r]) - m - log_s);
    if (grad) {
      ws.delta.row(r) = ((logits.row(r).array() - m - log_s).exp() * inv_n).matrix();
      ws.delta(r, y[r]) -= inv_n;
    }
  }
  return sum;
}

void backward(std::vector<Layer>& layers, Workspace& ws, const Eigen::Ref<const Matrix>& x) {
  for (size_t l = layers.size(); l-- > 0;) {
    Layer& L = layers[l];
    if (l == 0)
      L.dw.noalias() = ws.delta.transpose() * x;
    else
      L.dw.noalias() = ws.delta.transpose() * ws.act[l - 1];
    L.db = ws.delta.colwise().sum();
    if (l == 0) break;
    ws.delta_prev.noalias() = ws.delta * L.w;
    ws.delta_prev = (ws.act[l - 1].array() > 0.0f).select(ws.delta_prev, 0.0f);
    std::swap(ws.delta, ws.delta_prev);
  }
}

// torch.optim.SGD: buf = g at the first step, then momentum * buf + g; p -= lr * buf.
template <typename T>
void sgd(T& p, const T& g, T& buf, float lr, float momentum, bool first) {
  if (momentum == 0.0f) {
    p -= lr * g;
    return;
  }
  if (first)
    buf = g;
  else
    buf = momentum * buf + g;
  p -= lr * buf;
}

}  // namespace

EigenRun eigen_train(const TrainSpec& spec, const std::vector<float>& initial) {
  if (spec.shuffle) throw std::invalid_argument("eigen_train: shuffle is not supported");
  if (spec.optimizer.type != "SGD") throw std::invalid_argument("eigen_train: SGD only");
  const ParamGroup& group = spec.optimizer.groups.at(0);
  if (group.weight_decay != 0.0 || group.nesterov || group.dampening != 0.0)
    throw std::invalid_argument("eigen_train: plain SGD (momentum allowed) only");
  size_t step_size = 0;
  float gamma = 1.0f;
  if (!spec.scheduler.is_null()) {
    if (spec.scheduler.at("type") != "StepLR" || spec.scheduler_step != SchedulerStep::kEpoch)
      throw std::invalid_argument("eigen_train: StepLR per epoch only");
    step_size = spec.scheduler.at("step_size").get<size_t>();
    gamma = static_cast<float>(spec.scheduler.value("gamma", 0.1));
  }

  std::vector<Layer> layers;
  size_t offset = 0;
  for (size_t l = 0; l + 1 < spec.sizes.size(); ++l) {
    const int in = spec.sizes[l], out = spec.sizes[l + 1];
    Layer L;
    L.w = ConstMap(initial.data() + offset, out, in);
    offset += static_cast<size_t>(out * in);
    L.b = Eigen::Map<const RowVector>(initial.data() + offset, out);
    offset += static_cast<size_t>(out);
    L.dw.resize(out, in);
    L.vw.resize(out, in);
    L.db.resize(out);
    L.vb.resize(out);
    layers.push_back(std::move(L));
  }

  const Dataset& train = spec.data.train;
  const Dataset& test = spec.data.test;
  const Eigen::Index f = static_cast<Eigen::Index>(train.n_features);
  const size_t n = train.size(), bsize = spec.batch_size;
  Workspace full = make_workspace(spec.sizes, static_cast<Eigen::Index>(std::min(bsize, n)));
  Workspace last = make_workspace(spec.sizes, static_cast<Eigen::Index>(n % bsize ? n % bsize : 1));
  Workspace eval = make_workspace(spec.sizes, static_cast<Eigen::Index>(test.size()));
  const float momentum = static_cast<float>(group.has_momentum ? group.momentum : 0.0);

  EigenRun run;
  const auto t0 = std::chrono::steady_clock::now();
  bool first_step = true;
  for (size_t e = 0; e < spec.epochs; ++e) {
    const float lr = static_cast<float>(group.lr) *
                     (step_size ? std::pow(gamma, static_cast<float>(e / step_size)) : 1.0f);
    double total = 0.0;
    for (size_t start = 0; start < n; start += bsize) {
      const size_t count = std::min(bsize, n - start);
      Workspace& ws = count == bsize ? full : last;
      ConstMap xb(train.row(start), static_cast<Eigen::Index>(count), f);
      forward(layers, ws, xb);
      const double loss_sum = softmax_cross_entropy(ws, train.y.data() + start, true);
      total += static_cast<double>(static_cast<float>(loss_sum / static_cast<double>(count))) *
               static_cast<double>(count);  // the batch loss as a float32 is read back
      backward(layers, ws, xb);
      for (Layer& L : layers) {
        sgd(L.w, L.dw, L.vw, lr, momentum, first_step);
        sgd(L.b, L.db, L.vb, lr, momentum, first_step);
      }
      first_step = false;
    }
    run.epoch_loss.push_back(total / static_cast<double>(n));
    if (test.size() > 0) {
      forward(layers, eval, ConstMap(test.x.data(), static_cast<Eigen::Index>(test.size()), f));
      softmax_cross_entropy(eval, test.y.data(), false);
    }
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const Layer& L : layers) {
    run.final_parameters.insert(run.final_parameters.end(), L.w.data(), L.w.data() + L.w.size());
    run.final_parameters.insert(run.final_parameters.end(), L.b.data(), L.b.data() + L.b.size());
  }
  return run;
}

}  // namespace lrlab::bench
