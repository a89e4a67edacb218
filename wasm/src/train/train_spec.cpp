#include "train/train_spec.hpp"

#include "cost/run_cost.hpp"
#include "data/data_spec.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

const std::vector<std::string> kPlateauMetrics = {"train_loss", "val_loss", "train_accuracy",
                                                  "val_accuracy"};

std::vector<int> read_sizes(SpecObject& model) {
  const std::string p = model.field_path("sizes");
  const Json* s = model.get("sizes");
  if (!s) throw_spec_error(p, "is required: [in_features, hidden..., n_classes], e.g. [10, 10, 2]");
  if (!s->is_array() || s->size() < 2 || s->size() > TrainLimits::kMaxLayers + 1)
    throw_spec_error(p, concat({"must be an array of 2 to ", TrainLimits::kMaxLayers + 1,
                                " layer sizes, got ", describe_value(*s)}));
  std::vector<int> sizes;
  for (size_t i = 0; i < s->size(); ++i)
    sizes.push_back(
        static_cast<int>(read_integer((*s)[i], index_path(p, i), 1, TrainLimits::kMaxWidth)));
  size_t params = 0;
  for (size_t l = 0; l + 1 < sizes.size(); ++l)
    params += static_cast<size_t>(sizes[l] + 1) * static_cast<size_t>(sizes[l + 1]);
  if (params > TrainLimits::kMaxParameters)
    throw_spec_error(p, concat({"the model has ", params, " parameters; at most ",
                                TrainLimits::kMaxParameters}));
  return sizes;
}

// "init": {"W1": [[...]] (out x in), "b1": [...], ...}: exactly the tensors of the model.
std::vector<float> read_init(const Json& j, const std::string& p, const std::vector<int>& sizes) {
  SpecObject o(j, p);
  std::vector<float> flat;
  const Range float_range = Range::closed(-3.0e38, 3.0e38);
  for (size_t l = 0; l + 1 < sizes.size(); ++l) {
    const size_t in = static_cast<size_t>(sizes[l]), out = static_cast<size_t>(sizes[l + 1]);
    const std::string wn = concat({"W", l + 1}), bn = concat({"b", l + 1});
    const std::string wp = o.field_path(wn), bp = o.field_path(bn);
    const Json* w = o.get(wn);
    const Json* b = o.get(bn);
    const std::string shape = concat({out, " x ", in});
    if (!w) throw_spec_error(wp, concat({"is required: the ", shape, " weight of layer ", l + 1}));
    if (!w->is_array() || w->size() != out)
      throw_spec_error(wp, concat({"must be ", shape, " (out x in, PyTorch layout): an array of ",
                                   out, " rows, got ", describe_value(*w)}));
    for (size_t r = 0; r < out; ++r) {
      const Json& row = (*w)[r];
      const std::string rp = index_path(wp, r);
      if (!row.is_array() || row.size() != in)
        throw_spec_error(rp, concat({"must be an array of ", in, " numbers (in_features), got ",
                                     describe_value(row)}));
      for (size_t c = 0; c < in; ++c)
        flat.push_back(static_cast<float>(read_number(row[c], index_path(rp, c), float_range)));
    }
    if (!b) throw_spec_error(bp, concat({"is required: the ", out, " biases of layer ", l + 1}));
    if (!b->is_array() || b->size() != out)
      throw_spec_error(bp,
                       concat({"must be an array of ", out, " numbers, got ", describe_value(*b)}));
    for (size_t r = 0; r < out; ++r)
      flat.push_back(static_cast<float>(read_number((*b)[r], index_path(bp, r), float_range)));
  }
  o.finish();
  return flat;
}

}  // namespace

TrainSpec parse_train_spec(const Json& j) {
  SpecObject o(j, "");
  o.ignore({"name", "note", "expected", "tolerance_hint"});
  TrainSpec t;

  const Json* data = o.get("data");
  if (!data)
    throw_spec_error(
        "data", "is required: {\"x\", \"y\"} or {\"dataset\": \"synthetic\" | \"iris\" | ...}");
  // Read now, generated last: the training's cost is refused before a large synthetic set is
  // generated (docs/run-spec.md, limits).
  const DataPlan plan = plan_data(*data, "data");
  const bool is_inline = plan.kind == "inline";
  const size_t n_classes = plan.n_classes();
  const size_t n_features = plan.n_features();
  const size_t training_rows = plan.training_rows();
  const bool held_out = plan.test_rows() > 0 || plan.validation_rows() > 0;

  const Json* model = o.get("model");
  if (!model) throw_spec_error("model", "is required: {\"sizes\": [in, hidden..., out]}");
  SpecObject m(*model, "model");
  t.sizes = read_sizes(m);
  const size_t in = static_cast<size_t>(t.sizes.front()), out = static_cast<size_t>(t.sizes.back());
  if (in != n_features)
    throw_spec_error("model.sizes[0]", concat({"must equal the number of features of the data (",
                                               n_features, "), got ", in}));
  if (is_inline ? out < n_classes : out != n_classes)
    throw_spec_error(index_path("model.sizes", t.sizes.size() - 1),
                     is_inline ? concat({"must be greater than every label in data.y (labels go "
                                         "up to ",
                                         n_classes - 1, "), got ", out})
                               : concat({"must equal the number of classes of the data (",
                                         n_classes, "), got ", out}));
  if (const Json* init = m.get("init")) {
    if (m.has("seed")) throw_spec_error("model.seed", "give either \"init\" or \"seed\", not both");
    t.init = read_init(*init, "model.init", t.sizes);
  }
  t.model_seed = static_cast<uint32_t>(m.integer("seed", 0, 0, 4294967295LL));
  m.finish();

  const Json* opt = o.get("optimizer");
  if (!opt)
    throw_spec_error(
        "optimizer",
        "is required: {\"type\": \"SGD\" | \"Adam\" | \"AdamW\" | \"RMSprop\", \"lr\": ...}");
  t.optimizer = parse_optimizer(*opt, "optimizer", &t.warnings);
  if (t.optimizer.groups.size() != 1)
    throw_spec_error("optimizer.param_groups",
                     concat({"the MLP trains all its parameters in one param group; give 1 "
                             "group, got ",
                             t.optimizer.groups.size()}));

  if (const Json* s = o.get("scheduler")) t.scheduler = *s;
  if (!t.scheduler.is_null() && !t.scheduler.is_object())
    throw_spec_error("scheduler", concat({"must be a scheduler object or null, got ",
                                          describe_value(t.scheduler)}));
  t.scheduler_step = o.choice("scheduler_step", "epoch", {"epoch", "batch"}) == "batch"
                         ? SchedulerStep::kBatch
                         : SchedulerStep::kEpoch;
  t.scheduler_before_optimizer =
      o.choice("scheduler_order", "after_optimizer", {"after_optimizer", "before_optimizer"}) ==
      "before_optimizer";
  // Only a scheduler stepped on a metric reads it: elsewhere it is a mistake, as "metrics" is
  // in a schedule run-spec (schedule_run.cpp).
  if (o.has("plateau_metric")) {
    std::string why;
    if (t.scheduler.is_null()) {
      why = " (scheduler is null)";
    } else if (const auto type = t.scheduler.find("type");
               type != t.scheduler.end() && type->is_string()) {
      const SchedulerDecl* d = scheduler_declaration(type->get<std::string>());
      if (d && !d->needs_metric) why = concat({" (scheduler.type is ", type->dump(), ")"});
    }
    if (!why.empty()) throw_spec_error("plateau_metric", "is only used by ReduceLROnPlateau" + why);
  }
  t.plateau_metric =
      o.choice("plateau_metric", held_out ? "val_loss" : "train_loss", kPlateauMetrics);
  if (!held_out && t.plateau_metric.rfind("val_", 0) == 0)
    throw_spec_error("plateau_metric",
                     concat({"\"", t.plateau_metric,
                             "\" needs a held-out split (set data.test_fraction > 0); "
                             "use \"train_loss\" or \"train_accuracy\""}));

  t.epochs = static_cast<size_t>(o.integer("epochs", 10, 1, TrainLimits::kMaxEpochs));
  t.batch_size = static_cast<size_t>(
      o.integer("batch_size", 32, 1, static_cast<int64_t>(DataLimits::kMaxSamples)));
  t.shuffle = o.boolean("shuffle", false);
  t.shuffle_seed = static_cast<uint32_t>(o.integer("shuffle_seed", 0, 0, 4294967295LL));
  t.batch_records = o.boolean("batch_records", true);
  o.finish();
  if (t.epochs * training_rows > TrainLimits::kMaxSampleSteps)
    throw_spec_error(
        "epochs", concat({"epochs x training samples must be at most ",
                          TrainLimits::kMaxSampleSteps, ", got ", t.epochs, " x ", training_rows}));
  const size_t batches = (training_rows + t.batch_size - 1) / t.batch_size;
  if (t.epochs * batches > TrainLimits::kMaxOptimizerSteps)
    throw_spec_error("batch_size", concat({"epochs x batches per epoch must be at most ",
                                           TrainLimits::kMaxOptimizerSteps, ", got ", t.epochs,
                                           " x ", batches, " (raise batch_size or lower epochs)"}));
  check_training_cost(t.epochs, training_rows, t.sizes, "epochs");
  const size_t scheduler_steps =
      t.scheduler_step == SchedulerStep::kBatch ? t.epochs * batches : t.epochs;
  check_schedule_cost(static_cast<double>(scheduler_steps), count_schedulers(t.scheduler),
                      t.optimizer.groups.size(), "scheduler");
  t.data = make_data(plan);
  return t;
}

}  // namespace lrlab
