// docs/run-spec.md 2 and 2.1: parse a schedule run-spec, run PyTorch's loop, report the trajectory.
#include "sched/schedule_run.hpp"

#include "cost/run_cost.hpp"
#include "sched/scheduler_registry.hpp"
#include "spec/json_record.hpp"

namespace lrlab {

namespace {

constexpr double kMaxStepEpoch = 1e9;

std::vector<double> read_step_values(const Json* v, const std::string& path, int64_t steps,
                                     bool metrics) {
  if (!v->is_array())
    throw_spec_error(path, concat({"must be an array of ", steps, " values (one per step), got ",
                                   describe_value(*v)}));
  if (static_cast<int64_t>(v->size()) != steps)
    throw_spec_error(path, concat({"expected ", steps, " values (one per step), got ", v->size()}));
  std::vector<double> out;
  out.reserve(v->size());
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string p = index_path(path, i);
    // docs/run-spec.md 2: NaN and infinities travel as the strings "NaN", "Infinity", "-Infinity".
    out.push_back(metrics ? read_json_double((*v)[i], p)
                          : read_number((*v)[i], p, Range::closed(-kMaxStepEpoch, kMaxStepEpoch)));
  }
  return out;
}

// "ReduceLROnPlateau": the declared types with a flag set.
std::string types_where(bool SchedulerDecl::*flag) {
  std::string out;
  for (const std::string& t : scheduler_types())
    if (scheduler_declaration(t)->*flag) out += (out.empty() ? "" : " or ") + t;
  return out;
}

}  // namespace

ScheduleRun::~ScheduleRun() = default;
ScheduleRun::ScheduleRun(ScheduleRun&&) noexcept = default;
ScheduleRun& ScheduleRun::operator=(ScheduleRun&&) noexcept = default;

ScheduleRun::ScheduleRun(const Json& spec) {
  SpecObject top(spec, "");
  // Unknown keys first, so a misspelt key is reported as such rather than as a missing one.
  top.ignore({"name", "note", "expected", "expected_warnings", "tolerance_hint", "optimizer",
              "scheduler", "steps", "metrics", "step_epochs"});
  top.finish();

  const Json* opt = top.get("optimizer");
  if (!opt)
    throw_spec_error("optimizer", "is required (an object like {\"type\": \"SGD\", \"lr\": 0.1})");
  OptimizerSpec optimizer = parse_optimizer(*opt, "optimizer", &warnings_);
  groups_ = std::make_unique<std::vector<ParamGroup>>(std::move(optimizer.groups));
  optimizer_type_ = optimizer.type;
  for (size_t g = 0; g < groups_->size(); ++g)
    optimizers_.push_back(make_optimizer(optimizer.type, 1));

  const Json* sched = top.get("scheduler");
  if (!sched)
    throw_spec_error("scheduler",
                     "is required (an object like {\"type\": \"StepLR\", \"step_size\": 5})");
  steps_ = top.required_integer("steps", 0, kMaxScheduleSteps);
  if (steps_ * static_cast<int64_t>(groups_->size()) > kMaxScheduleValues)
    throw_spec_error("steps", concat({"steps x param groups must be at most ", kMaxScheduleValues,
                                      ", got ", steps_, " x ", groups_->size()}));
  // Cost first: construction is the expensive part only for hostile input (docs/run-spec.md).
  check_schedule_cost(static_cast<double>(steps_), count_schedulers(*sched), groups_->size(),
                      "steps");
  const Json* metrics = top.get("metrics");
  const Json* step_epochs = top.get("step_epochs");
  scheduler_ = make_scheduler(*sched, "scheduler", *groups_, &warnings_);
  // What each step() is given follows from the built scheduler (its declaration's flags).
  const std::string type = scheduler_->type();
  if (scheduler_->wants_metric()) {
    if (!metrics)
      throw_spec_error("metrics", concat({"is required for ", type, " (an array of ", steps_,
                                          " numbers, the metric observed after each step)"}));
    metrics_ = read_step_values(metrics, "metrics", steps_, true);
  } else if (metrics) {
    throw_spec_error("metrics",
                     concat({"is only used by ", types_where(&SchedulerDecl::needs_metric),
                             " (scheduler.type is ", Json(type).dump(), ")"}));
  }
  if (step_epochs) {
    const SchedulerDecl* d = scheduler_declaration(type);
    if (!d || !d->takes_step_epochs)
      throw_spec_error("step_epochs",
                       concat({"is only used by ", types_where(&SchedulerDecl::takes_step_epochs),
                               " (scheduler.type is ", Json(type).dump(), ")"}));
    step_epochs_ = read_step_values(step_epochs, "step_epochs", steps_, false);
  }
  first_groups_ = *groups_;  // after the scheduler's construction: what step 0 trains with
  record_momentum_ = scheduler_->cycles_momentum();
  lr_.assign(groups_->size(), {});
  if (record_momentum_) momentum_.assign(groups_->size(), {});
}

void ScheduleRun::step() {
  if (finished()) return;
  const size_t i = step_;
  for (size_t g = 0; g < groups_->size(); ++g) {
    const ParamGroup& group = (*groups_)[g];
    lr_[g].push_back(group.lr);
    if (record_momentum_) momentum_[g].push_back(group.has_betas ? group.beta1 : group.momentum);
  }
  if (scheduler_->wants_metric()) plateau_.push_back(scheduler_->plateau_state());
  ++step_;
  try {
    // opt.step(): torch's loop steps a zero parameter with a zero gradient, which changes
    // nothing but can raise (optimizer.hpp, check_float_scalar).
    float param = 0.0f;
    const float grad = 0.0f;
    for (size_t g = 0; g < groups_->size(); ++g)
      optimizers_[g]->step((*groups_)[g], &param, &grad, 1);
    if (scheduler_->wants_metric())
      scheduler_->step_metric(metrics_[i]);
    else if (!step_epochs_.empty())
      scheduler_->step_epoch(step_epochs_[i]);
    else
      scheduler_->step();
  } catch (const RunError& e) {
    error_ = Error{i, e.type(), e.what()};
  }
}

Json ScheduleRun::result() const {
  Json out = json_object({{"lr", lr_}});
  if (record_momentum_) put(out, "momentum", momentum_);
  if (error_)
    put(out, "error",
        json_object(
            {{"at_step", error_->at_step}, {"type", error_->type}, {"message", error_->message}}));
  if (scheduler_->wants_metric()) put(out, "plateau", plateau_);
  if (start_step_ > 0) put(out, "start_step", start_step_);
  if (!warnings_.empty()) put(out, "warnings", warnings_json(warnings_));
  return out;
}

Json ScheduleRun::state_dict() const {
  return json_object(
      {{"optimizer", json_object({{"param_groups", param_groups_to_json(*groups_)}})},
       {"scheduler", scheduler_->state_dict()},
       {"step", step_}});
}

void ScheduleRun::load_state_dict(const Json& state) {
  const std::string path = "state";
  if (!state.is_object())
    throw_spec_error(path, concat({"must be an object, got ", describe_value(state)}));
  const int64_t step = read_integer(state_field(state, "step", path), "state.step", 0, steps_);
  const Json& opt = state_field(state, "optimizer", path);
  if (!opt.is_object())
    throw_spec_error("state.optimizer", concat({"must be an object, got ", describe_value(opt)}));
  // Load into copies so that a malformed state leaves this run untouched where it can.
  std::vector<ParamGroup> groups = *groups_;
  param_groups_from_json(state_field(opt, "param_groups", "state.optimizer"),
                         "state.optimizer.param_groups", groups);
  const std::vector<ParamGroup> before = *groups_;
  *groups_ = groups;
  try {
    scheduler_->load_state_dict(state_field(state, "scheduler", path), "state.scheduler");
  } catch (...) {
    *groups_ = before;
    throw;
  }
  step_ = start_step_ = static_cast<size_t>(step);
  // a fresh optimizer in the state the uninterrupted run's would have at this step
  for (size_t g = 0; g < optimizers_.size(); ++g) {
    optimizers_[g] = make_optimizer(optimizer_type_, 1);
    optimizers_[g]->resume(static_cast<double>(step), first_groups_[g]);
  }
  error_.reset();
  for (auto& row : lr_) row.clear();
  for (auto& row : momentum_) row.clear();
  plateau_.clear();
}

Json run_schedule(const Json& spec) {
  ScheduleRun run(spec);
  while (!run.finished()) run.step();
  return run.result();
}

}  // namespace lrlab
