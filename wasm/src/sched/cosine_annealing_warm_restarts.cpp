// CosineAnnealingWarmRestarts (torch 1.13 lr_scheduler.py L1326-1428), SGDR.
// Absolute: lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2.
// step() advances T_cur by 1 and restarts (T_cur -= T_i, T_i *= T_mult) when T_cur >= T_i;
// step(epoch) accepts fractional epochs (the per-batch API) and recomputes T_cur and T_i
// from the epoch; last_epoch becomes floor(epoch). Interleaving the two is allowed:
// after step(2.5), step() gives last_epoch 3 but T_cur 3.5.
#include <cmath>

#include "platform/python_trig.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

constexpr double kPi = 3.141592653589793;    // math.pi
constexpr double kMaxStepEpochState = 1e15;  // T_cur: step(epoch) takes epochs up to 1e15
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

class CosineAnnealingWarmRestarts : public LRScheduler {
 public:
  CosineAnnealingWarmRestarts(std::vector<ParamGroup>& groups, int64_t t_0, int64_t t_mult,
                              double eta_min)
      : LRScheduler("CosineAnnealingWarmRestarts", groups),
        t_0_(t_0),
        t_i_(t_0),
        t_mult_(t_mult),
        eta_min_(eta_min) {
    t_cur_ = -1;  // `self.T_cur = last_epoch`
    initialize();
  }

  void step() override {
    if (last_epoch_ < 0) return step_epoch(0.0);  // the constructor's step: `epoch = 0`
    t_cur_ = t_cur_ + 1;
    if (t_cur_ >= static_cast<double>(t_i_)) {
      t_cur_ = t_cur_ - static_cast<double>(t_i_);
      if (t_i_ > kInt64Max / t_mult_) throw_run_error("OverflowError", "T_i is too large");
      t_i_ = t_i_ * t_mult_;
    }
    last_epoch_ = last_epoch_ + 1;
    write_lrs(get_lr());
  }

  void step_epoch(double epoch) override {
    if (std::isnan(epoch) || epoch < 0)
      throw_run_error("ValueError",
                      concat({"Expected non-negative epoch, but got ", Json(epoch).dump()}));
    if (!(epoch <= 1e15))
      throw_run_error("OverflowError", concat({"epoch ", Json(epoch).dump(), " is too large"}));
    if (epoch >= static_cast<double>(t_0_)) {
      if (t_mult_ == 1) {
        t_cur_ = std::fmod(epoch, static_cast<double>(t_0_));  // Python % for epoch >= 0
      } else {
        // n = int(math.log(epoch / T_0 * (T_mult - 1) + 1, T_mult)); Python's two-argument
        // log is log(x) / log(base).
        const double x = epoch / static_cast<double>(t_0_) * static_cast<double>(t_mult_ - 1) + 1;
        const auto n = static_cast<int64_t>(std::log(x) / std::log(static_cast<double>(t_mult_)));
        int64_t power = 1;  // T_mult ** n, an exact Python int
        for (int64_t k = 0; k < n; ++k) {
          if (power > kInt64Max / t_mult_)
            throw_run_error("OverflowError", "T_mult ** n is too large");
          power *= t_mult_;
        }
        if (power - 1 > kInt64Max / t_0_) throw_run_error("OverflowError", "T_i is too large");
        // int / int in Python is the correctly rounded quotient, as double division of exact ints.
        t_cur_ = epoch - static_cast<double>(t_0_ * (power - 1)) / static_cast<double>(t_mult_ - 1);
        t_i_ = t_0_ * power;
      }
    } else {
      t_i_ = t_0_;
      t_cur_ = epoch;
    }
    last_epoch_ = static_cast<int64_t>(std::floor(epoch));
    write_lrs(get_lr());
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    const double c = 1 + py_cos(kPi * t_cur_ / static_cast<double>(t_i_));
    for (double base : base_lrs_) lrs.push_back(eta_min_ + (base - eta_min_) * c / 2);
    return lrs;
  }

  void save_fields(Json& s) const override {
    put(s, "T_i", t_i_);
    put(s, "T_cur", t_cur_);
  }
  void load_fields(const Json& s, const std::string& path) override {
    t_i_ = state_integer(s, "T_i", path, 1, kInt64Max);  // T_0 * T_mult ** n
    t_cur_ = state_double(s, "T_cur", path, Range::closed(-kMaxStepEpochState, kMaxStepEpochState));
  }

 private:
  int64_t t_0_, t_i_, t_mult_;
  double eta_min_;
  double t_cur_;
};

}  // namespace

const SchedulerDecl& cosine_annealing_warm_restarts_declaration() {
  static constexpr ParamDecl kParams[] = {
      // "Expected positive integer T_0" / "Expected integer T_mult >= 1": ints only
      integer_param("T_0")
          .is_required()
          .checked_int()
          .in(Range::closed(1, static_cast<double>(kMaxIterations)))
          .describe("Number of epochs until the first restart"),
      integer_param("T_mult")
          .defaults_to(1)
          .checked_int()
          .in(Range::closed(1, static_cast<double>(kMaxIterations)))
          .describe("Factor by which T_i grows after a restart"),
      number_param("eta_min")
          .defaults_to(0.0)
          .in(Range::closed(-kMaxLearningRate, kMaxLearningRate))
          .describe("Minimum learning rate")};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("CosineAnnealingWarmRestarts",
                    "Cosine annealing from the base LR to eta_min that restarts every T_i "
                    "epochs, T_i growing by T_mult (SGDR).")
          .taking_step_epochs()
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_cosine_annealing_warm_restarts(SchedulerArgs& a) {
  return std::make_unique<CosineAnnealingWarmRestarts>(
      a.groups, static_cast<int64_t>(a.params.number("T_0")),
      static_cast<int64_t>(a.params.number("T_mult")), a.params.number("eta_min"));
}

}  // namespace lrlab
