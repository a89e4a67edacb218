#include "train/train_session.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "cold_code.hpp"
#include "sched/scheduler_registry.hpp"
#include "spec/json_record.hpp"

namespace lrlab {

namespace {

bool all_finite(const std::vector<float>& v) {
  // Summing propagates NaN/Inf; the sum of finite floats in double cannot overflow here.
  double s = 0.0;
  for (float x : v) s += static_cast<double>(x) * 0.0;
  return s == 0.0;
}

const char* non_finite_name(double v) {
  return std::isnan(v) ? "NaN" : (v > 0 ? "+Infinity" : "-Infinity");
}

LRLAB_COLD Json floats(const float* v, size_t n) {
  Json a = Json::array();
  for (size_t i = 0; i < n; ++i) a.push_back(static_cast<double>(v[i]));
  return a;
}

Json doubles(const std::vector<double>& v) { return Json(v); }

Json optional_number(bool present, double v) { return present ? Json(v) : Json(nullptr); }

// The run's error record: a scheduler step that raised, in `epoch` (at `batch` or null).
LRLAB_COLD Json run_error_record(size_t epoch, Json batch, const RunError& err) {
  return json_object({{"epoch", epoch},
                      {"batch", std::move(batch)},
                      {"type", err.type()},
                      {"message", err.what()}});
}

// diverged_at: "<what> epoch E, batch B (lr X); <consequence>". Out of the training loop.
LRLAB_COLD Json divergence_record(size_t epoch, size_t batch, double lr, const std::string& what,
                                  const char* consequence) {
  return json_object(
      {{"epoch", epoch},
       {"batch", batch},
       {"reason", what + " epoch " + std::to_string(epoch) + ", batch " + std::to_string(batch) +
                      " (lr " + Json(lr).dump() + "); " + consequence}});
}

}  // namespace

LRLAB_COLD TrainSession::TrainSession(const Json& spec)
    : spec_(parse_train_spec(spec)), model_(spec_.sizes), shuffle_random_(spec_.shuffle_seed) {
  if (spec_.init.empty()) {
    SeededRandom init_random(spec_.model_seed);
    model_.reset_parameters(init_random);
  } else {
    model_.parameters() = spec_.init;
  }
  initial_parameters_ = model_.parameters();
  groups_ = spec_.optimizer.groups;
  optimizer_ = make_optimizer(spec_.optimizer.type, model_.parameters().size());
  optimizer_->set_first_tensor(model_.weight(0).size());  // W1: where torch's loop raises
  if (!spec_.scheduler.is_null()) {
    scheduler_ = make_scheduler(spec_.scheduler, "scheduler", groups_, &spec_.warnings);
    record_momentum_ = scheduler_->cycles_momentum();
    if (scheduler_->wants_metric() && spec_.scheduler_before_optimizer)
      throw_spec_error("scheduler_order",
                       concat({scheduler_->type(),
                               " steps on a metric measured after training; it cannot step "
                               "before the optimizer"}));
    if (scheduler_->wants_metric() && spec_.scheduler_step == SchedulerStep::kBatch)
      throw_spec_error("scheduler_step",
                       concat({scheduler_->type(),
                               " is stepped once per epoch with a metric; use \"epoch\", "
                               "got \"batch\""}));
  }
  lr_.assign(groups_.size(), {});
  if (record_momentum_) momentum_.assign(groups_.size(), {});
  const size_t n = spec_.data.train.size();
  if (spec_.shuffle) {
    order_.resize(n);
    for (size_t i = 0; i < n; ++i) order_[i] = static_cast<uint32_t>(i);
    const size_t b = std::min(spec_.batch_size, n);
    batch_y_.resize(b);
  }
  before_step_.resize(model_.parameters().size());
  batches_per_epoch_ = (n + spec_.batch_size - 1) / spec_.batch_size;
  const size_t steps = std::min<size_t>(spec_.epochs * batches_per_epoch_, 1 << 16);
  for (auto& g : lr_) g.reserve(steps);  // no reallocation inside the epoch loop
  for (auto& g : momentum_) g.reserve(steps);
}

TrainSession::~TrainSession() = default;

bool TrainSession::done() const {
  if (in_epoch_) return false;  // an epoch begun is finished (and recorded) first
  return epoch_index_ >= spec_.epochs || !diverged_at_.is_null() || !error_.is_null();
}

// ---- The training loop ------------------------------------------------------------------
//
// One epoch as the course writes it in PyTorch (docs/run-spec.md 4.1):
//
//   for x, y in loader:                 # next_batch()
//       optimizer.zero_grad()           # model_.train_rows(): forward, mean loss and the
//       loss = criterion(model(x), y)   #   gradients (written, not accumulated)
//       loss.backward()
//       optimizer.step()
//       scheduler.step()                # when stepped per batch
//   scheduler.step()                    # when stepped per epoch (finish_epoch)
//
// run_batches() is that loop body for up to `max_batches` batches, so a caller can stop
// between chunks (the JS API checks its AbortSignal there); next_epoch() runs a whole epoch.

Json TrainSession::next_epoch() {
  if (done()) return nullptr;
  Json record = nullptr;
  while (record.is_null()) record = run_batches(SIZE_MAX);
  return record;
}

Json TrainSession::run_batches(size_t max_batches) {
  if (done()) return nullptr;
  if (!in_epoch_) begin_epoch();
  for (size_t i = 0; i < max_batches && !epoch_.stopped && epoch_.batch < batches_per_epoch_; ++i) {
    const Batch batch = next_batch();
    // optimizer.zero_grad(); loss = criterion(model(x), y); loss.backward()
    const BatchOutcome out = model_.train_rows(batch.x, batch.rows, batch.y, batch.count);
    if (loss_diverged(out.loss)) break;
    if (scheduler_before_update(SchedulerStep::kBatch)) break;  // the misplaced step variant
    record_step(out, batch.count);  // the LR and momentum this update trains with
    keep_weights_before_update();
    if (!step_optimizer()) break;  // optimizer.step()
    if (weights_diverged()) break;
    ++epoch_.batch;
    if (scheduler_after_update(SchedulerStep::kBatch)) break;  // scheduler.step() per batch
  }
  if (epoch_.stopped || epoch_.batch == batches_per_epoch_) return finish_epoch();
  return nullptr;
}

// ---- Beside the loop: data order, the step-order variant, recording, divergence --------

void TrainSession::begin_epoch() {
  in_epoch_ = true;
  epoch_ = EpochProgress{};
  epoch_.first_step = lr_.empty() ? 0 : lr_[0].size();
  if (spec_.shuffle)  // a fresh permutation every epoch, as DataLoader(shuffle=True)
    for (size_t i = order_.size(); i > 1; --i)
      std::swap(order_[i - 1], order_[shuffle_random_.below(static_cast<uint32_t>(i))]);
  batch_loss_.emplace_back();
  batch_loss_.back().reserve(batches_per_epoch_);
  // scheduler.step() before the epoch's first optimizer.step(): the bug variant.
  scheduler_before_update(SchedulerStep::kEpoch);
  for (size_t g = 0; g < groups_.size(); ++g) epoch_.first_lr.push_back(groups_[g].lr);
}

// The epoch's order when shuffling (the DataLoader's sampler): the model gathers the rows
// (Mlp::train_rows), the labels are gathered here. Data order otherwise.
TrainSession::Batch TrainSession::next_batch() {
  const Dataset& train = spec_.data.train;
  const size_t start = epoch_.batch * spec_.batch_size;
  const size_t count = std::min(spec_.batch_size, train.size() - start);
  if (!spec_.shuffle) return {train.row(start), nullptr, train.y.data() + start, count};
  const uint32_t* rows = order_.data() + start;
  for (size_t i = 0; i < count; ++i) batch_y_[i] = train.y[rows[i]];
  return {train.x.data(), rows, batch_y_.data(), count};
}

bool TrainSession::scheduler_before_update(SchedulerStep when) {
  if (!scheduler_ || !spec_.scheduler_before_optimizer || spec_.scheduler_step != when)
    return false;
  if (!step_scheduler()) epoch_.stopped = true;
  return epoch_.stopped;
}

bool TrainSession::scheduler_after_update(SchedulerStep when) {
  if (!scheduler_ || spec_.scheduler_before_optimizer || spec_.scheduler_step != when) return false;
  if (!step_scheduler()) epoch_.stopped = true;
  return epoch_.stopped;
}

LRLAB_COLD bool TrainSession::step_scheduler() {
  try {
    scheduler_->step();
    return true;
  } catch (const RunError& err) {
    // After a batch's update the error belongs to that batch; before any, to the epoch.
    const bool per_batch = spec_.scheduler_step == SchedulerStep::kBatch;
    const size_t batch = spec_.scheduler_before_optimizer ? epoch_.batch : epoch_.batch - 1;
    error_ = run_error_record(epoch_index_, per_batch ? Json(batch) : Json(nullptr), err);
    return false;
  }
}

void TrainSession::record_step(const BatchOutcome& out, size_t count) {
  if (epoch_.batch == 0)  // the LR the epoch trains with first (after a misplaced step)
    for (size_t g = 0; g < groups_.size(); ++g) epoch_.first_lr[g] = groups_[g].lr;
  for (size_t g = 0; g < groups_.size(); ++g) {
    lr_[g].push_back(groups_[g].lr);
    // docs/run-spec.md 2.1: group["momentum"] for SGD/RMSprop, betas[0] for Adam/AdamW.
    if (record_momentum_)
      momentum_[g].push_back(groups_[g].has_betas ? groups_[g].beta1 : groups_[g].momentum);
  }
  batch_loss_.back().push_back(static_cast<double>(out.loss));
  epoch_.loss_sum += static_cast<double>(out.loss) * static_cast<double>(count);
  epoch_.correct += out.correct;
}

bool TrainSession::step_optimizer() {
  try {
    optimizer_->step(groups_[0], model_.parameters().data(), model_.gradients().data(),
                     model_.parameters().size());
    return true;
  } catch (const RunError& err) {
    optimizer_failed(err);
    return false;
  }
}

// The error belongs to the batch whose update raised; the weights are as torch leaves them
// (optimizer.step() raises before it updates them, but for AdamW's decay).
LRLAB_COLD void TrainSession::optimizer_failed(const RunError& err) {
  error_ = run_error_record(epoch_index_, Json(epoch_.batch), err);
  epoch_.stopped = true;
}

bool TrainSession::loss_diverged(float loss) {
  if (std::isfinite(loss)) return false;
  diverged_at_ = divergence_record(epoch_index_, epoch_.batch, groups_[0].lr,
                                   std::string("the loss became ") + non_finite_name(loss) + " at",
                                   "training stopped before this update");
  epoch_.stopped = true;
  return true;
}

void TrainSession::keep_weights_before_update() {
  const std::vector<float>& p = model_.parameters();
  std::copy(p.begin(), p.end(), before_step_.begin());
}

bool TrainSession::weights_diverged() {
  std::vector<float>& params = model_.parameters();
  if (all_finite(params)) return false;
  params = before_step_;  // keep the last finite weights
  diverged_at_ = divergence_record(epoch_index_, epoch_.batch, groups_[0].lr,
                                   "the weights became NaN or infinite in the update of",
                                   "the weights before that update are kept");
  epoch_.stopped = true;
  return true;
}

double TrainSession::plateau_metric(double train_loss, double train_accuracy, double val_loss,
                                    double val_accuracy) const {
  const std::string& m = spec_.plateau_metric;
  if (m == "train_loss") return train_loss;
  if (m == "train_accuracy") return train_accuracy;
  if (m == "val_loss") return val_loss;
  return val_accuracy;
}

// The epoch's record (docs/run-spec.md 4, EpochRecord): metrics, held-out evaluation, the
// per-epoch scheduler.step(), the LRs after it.
LRLAB_COLD Json TrainSession::finish_epoch() {
  in_epoch_ = false;
  const size_t e = epoch_index_, n = spec_.data.train.size();
  const bool stopped = epoch_.stopped;
  Json record = json_object({{"epoch", e}, {"lr", epoch_.first_lr}});
  if (record_momentum_) {
    Json first_m = Json::array();
    for (const auto& m : momentum_)
      first_m.push_back(m.size() > epoch_.first_step ? Json(m[epoch_.first_step]) : Json(nullptr));
    put(record, "momentum", std::move(first_m));
  }
  // An error after the epoch's last update leaves it complete; one in that update does not.
  const bool complete = !stopped || (!error_.is_null() && epoch_.batch == batches_per_epoch_);
  double train_loss = 0.0, train_accuracy = 0.0, val_loss = 0.0, val_accuracy = 0.0;
  if (complete) {
    train_loss = epoch_.loss_sum /
                 static_cast<double>(n);  // sample-weighted, in double (docs/run-spec.md 4.1)
    train_accuracy = static_cast<double>(epoch_.correct) / static_cast<double>(n);
    epoch_loss_.push_back(train_loss);
  }
  // val_* is the split the plateau scheduler watches: the validation rows when the data spec
  // carves them out, else the held-out test rows; test_* is always the test split.
  auto evaluate = [&](const Dataset& d, double& loss, double& accuracy) {
    double loss_sum = 0.0;
    const size_t c = model_.evaluate(d.x.data(), d.y.data(), d.size(), &loss_sum);
    loss = loss_sum / static_cast<double>(d.size());
    accuracy = static_cast<double>(c) / static_cast<double>(d.size());
  };
  const bool has_test = spec_.data.has_test() && complete;
  const bool has_validation = spec_.data.has_validation() && complete;
  double test_loss = 0.0, test_accuracy = 0.0;
  if (has_test) evaluate(spec_.data.test, test_loss, test_accuracy);
  if (has_validation)
    evaluate(spec_.data.validation, val_loss, val_accuracy);
  else
    val_loss = test_loss, val_accuracy = test_accuracy;
  const bool has_val = has_validation || has_test;
  put(record, "train_loss", optional_number(complete, train_loss));
  put(record, "train_accuracy", optional_number(complete, train_accuracy));
  put(record, "val_loss", optional_number(has_val, val_loss));
  put(record, "val_accuracy", optional_number(has_val, val_accuracy));
  if (spec_.data.has_validation()) {
    put(record, "test_loss", optional_number(has_test, test_loss));
    put(record, "test_accuracy", optional_number(has_test, test_accuracy));
  }

  bool stepped_now = false;  // ReduceLROnPlateau judged this epoch's metric
  if (!stopped && scheduler_ && !spec_.scheduler_before_optimizer &&
      spec_.scheduler_step == SchedulerStep::kEpoch) {
    try {
      if (scheduler_->wants_metric()) {
        const double metric = plateau_metric(train_loss, train_accuracy, val_loss, val_accuracy);
        if (!std::isfinite(metric)) throw_run_error("ValueError", "non-finite plateau metric");
        scheduler_->step_metric(metric);
        stepped_now = true;
      } else {
        scheduler_->step();
      }
    } catch (const RunError& err) {
      error_ = run_error_record(e, nullptr, err);
    }
  }
  if (scheduler_) {
    Json plateau = scheduler_->plateau_state();
    if (!plateau.is_null()) {
      // this epoch's judgement beside the state it left (absent when no step ran this epoch)
      if (Json decision = scheduler_->plateau_decision(); !decision.is_null() && stepped_now)
        put(plateau, "decision", std::move(decision));
      put(record, "plateau", std::move(plateau));
    }
  }
  Json after = Json::array();
  for (const auto& g : groups_) after.push_back(g.lr);
  put(record, "lr_after", std::move(after));
  if (!diverged_at_.is_null()) put(record, "diverged", true);
  if (!error_.is_null()) put(record, "error", error_);
  epochs_.push_back(record);
  ++epoch_index_;
  if (spec_.batch_records && !step_values_apart_) add_step_values(record, e, epoch_.first_step);
  return record;
}

const double* TrainSession::last_epoch_step_array(size_t k) const {
  if (k == 0) return batch_loss_.back().data();
  const auto& per_step = k <= lr_.size() ? lr_[k - 1] : momentum_[k - 1 - lr_.size()];
  return per_step.data() + epoch_.first_step;  // epoch_ is the latest until begin_epoch()
}

LRLAB_COLD void TrainSession::add_step_values(Json& record, size_t epoch, size_t first_step) const {
  const size_t n = batch_loss_[epoch].size();
  auto per_group = [&](const std::vector<std::vector<double>>& steps) {
    Json out = Json::array();
    for (const auto& g : steps)
      out.push_back(std::vector<double>(g.data() + first_step, g.data() + first_step + n));
    return out;
  };
  put(record, "batch_loss", batch_loss_[epoch]);
  put(record, "lr_steps", per_group(lr_));
  if (record_momentum_) put(record, "momentum_steps", per_group(momentum_));
}

namespace {
LRLAB_COLD Json weights_json(const Mlp& model, const std::vector<float>& p) {
  Json out = Json::object();
  for (const ParameterTensor& t : model.tensors()) {
    if (t.name[0] == 'b') {
      put(out, t.name.c_str(), floats(p.data() + t.offset, t.rows));
    } else {
      Json rows = Json::array();
      for (size_t i = 0; i < t.rows; ++i)
        rows.push_back(floats(p.data() + t.offset + i * t.cols, t.cols));
      put(out, t.name.c_str(), std::move(rows));
    }
  }
  return out;
}

LRLAB_COLD Json rows_json(const Dataset& d) {
  Json x = Json::array();
  for (size_t i = 0; i < d.size(); ++i) x.push_back(floats(d.row(i), d.n_features));
  return json_object({{"x", std::move(x)}, {"y", d.y}});
}
}  // namespace

LRLAB_COLD Json TrainSession::export_fixture() const {
  return json_object(
      {{"data", rows_json(spec_.data.train)},
       {"test", rows_json(spec_.data.test)},
       {"model", json_object({{"sizes", spec_.sizes},
                              {"init", weights_json(model_, initial_parameters_)}})}});
}

LRLAB_COLD Json TrainSession::result(bool with_records) const {
  Json r = Json::object();
  put(r, "epoch_loss", doubles(epoch_loss_));
  if (with_records || in_epoch_) {
    Json epochs = Json::array();
    for (size_t e = 0, first_step = 0; e < epochs_.size(); first_step += batch_loss_[e++].size()) {
      Json record = epochs_[e];
      if (spec_.batch_records) add_step_values(record, e, first_step);
      epochs.push_back(std::move(record));
    }
    put(r, "epochs", std::move(epochs));
    Json bl = Json::array();
    for (const auto& b : batch_loss_) bl.push_back(doubles(b));
    put(r, "batch_loss", std::move(bl));
    Json lr = Json::array();
    for (const auto& g : lr_) lr.push_back(doubles(g));
    put(r, "lr", std::move(lr));
    if (record_momentum_) {
      Json m = Json::array();
      for (const auto& g : momentum_) m.push_back(doubles(g));
      put(r, "momentum", std::move(m));
    }
  }
  put(r, "final", weights_json(model_, model_.parameters()));
  put(r, "diverged_at", diverged_at_);
  if (!error_.is_null()) put(r, "error", error_);
  Json test_accuracy = nullptr;
  if (!epochs_.empty())
    test_accuracy = epochs_.back()[spec_.data.has_validation() ? "test_accuracy" : "val_accuracy"];
  put(r, "test_accuracy", std::move(test_accuracy));
  if (!spec_.warnings.empty()) put(r, "warnings", warnings_json(spec_.warnings));
  return r;
}

LRLAB_COLD Json TrainSession::trace(size_t sample, const std::string& split) const {
  if (split != "train" && split != "test")
    throw_spec_error("split", concat({"must be \"train\" or \"test\", got ", Json(split).dump()}));
  const Dataset& d = split == "train" ? spec_.data.train : spec_.data.test;
  if (sample >= d.size())
    throw_spec_error("sample", d.size() == 0
                                   ? "the " + split + " split is empty"
                                   : "must be an index in [0, " + std::to_string(d.size() - 1) +
                                         "], got " + std::to_string(sample));
  const Mlp::Trace t = model_.trace(d.row(sample));
  Json layers = Json::array();
  for (size_t l = 0; l < t.pre.size(); ++l)
    layers.push_back(json_object({{"name", "hidden " + std::to_string(l + 1)},
                                  {"pre", floats(t.pre[l].data(), t.pre[l].size())},
                                  {"post", floats(t.post[l].data(), t.post[l].size())}}));
  return json_object({{"split", split},
                      {"index", sample},
                      {"input", floats(d.row(sample), d.n_features)},
                      {"label", d.y[sample]},
                      {"layers", std::move(layers)},
                      {"logits", floats(t.logits.data(), t.logits.size())},
                      {"probabilities", floats(t.probabilities.data(), t.probabilities.size())},
                      {"predicted", t.predicted}});
}

LRLAB_COLD Json TrainSession::data_summary() const {
  const DataSplit& s = spec_.data;
  const size_t k = static_cast<size_t>(spec_.sizes.back());
  std::vector<std::string> class_names = s.train.class_names;
  for (size_t c = class_names.size(); c < k; ++c)
    class_names.push_back("class " + std::to_string(c));
  auto counts = [&](const Dataset& d) {
    std::vector<size_t> c(k, 0);
    for (int32_t y : d.y) ++c[static_cast<size_t>(y)];
    return Json(c);
  };
  Json head_x = Json::array(), head_y = Json::array();
  for (size_t i = 0; i < std::min<size_t>(5, s.train.size()); ++i) {
    head_x.push_back(floats(s.train.row(i), s.train.n_features));
    head_y.push_back(s.train.y[i]);
  }
  return json_object(
      {{"dataset", s.dataset},
       {"n_train", s.train.size()},
       {"n_test", s.test.size()},
       {"n_validation", s.validation.size()},
       {"n_features", s.train.n_features},
       {"n_classes", k},
       {"feature_names", s.train.feature_names},
       {"class_names", std::move(class_names)},
       {"head", json_object({{"x", std::move(head_x)}, {"y", std::move(head_y)}})},
       {"class_counts", json_object({{"train", counts(s.train)}, {"test", counts(s.test)}})},
       {"standardized", s.standardized}});
}

}  // namespace lrlab
