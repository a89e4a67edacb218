// MultiplicativeLR (torch 1.13 lr_scheduler.py L278-353): lr *= lr_lambda(last_epoch),
// chainable, and NOT applied by the constructor's initial step (`if self.last_epoch > 0`).
#include "sched/lr_lambda.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class MultiplicativeLR : public LRScheduler {
 public:
  MultiplicativeLR(std::vector<ParamGroup>& groups, std::vector<Expression> lr_lambdas)
      : LRScheduler("MultiplicativeLR", groups), lr_lambdas_(std::move(lr_lambdas)) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    for (size_t g = 0; g < groups().size(); ++g) {
      const double lr = groups()[g].lr;
      lrs.push_back(last_epoch_ > 0 ? lr * lr_lambdas_[g].evaluate(static_cast<double>(last_epoch_))
                                    : lr);
    }
    return lrs;
  }

 private:
  std::vector<Expression> lr_lambdas_;
};

}  // namespace

const SchedulerDecl& multiplicative_lr_declaration() {
  static constexpr ParamDecl kParams[] = {lr_lambda_param()};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("MultiplicativeLR",
                    "Multiplies the LR by lr_lambda(epoch) at every step after the first.")
          .with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_multiplicative_lr(SchedulerArgs& a) {
  return std::make_unique<MultiplicativeLR>(a.groups, read_lr_lambdas(a.params));
}

}  // namespace lrlab
