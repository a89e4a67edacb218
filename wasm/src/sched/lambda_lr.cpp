// LambdaLR (torch 1.13 lr_scheduler.py L179-275): lr = base_lr * lr_lambda(last_epoch).
// Absolute, not chainable: it ignores the current LR. No closed form (get_lr already is one).
#include "sched/lr_lambda.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {

namespace {

class LambdaLR : public LRScheduler {
 public:
  LambdaLR(std::vector<ParamGroup>& groups, std::vector<Expression> lr_lambdas)
      : LRScheduler("LambdaLR", groups), lr_lambdas_(std::move(lr_lambdas)) {
    initialize();
  }

 protected:
  std::vector<double> get_lr() override {
    std::vector<double> lrs;
    for (size_t g = 0; g < base_lrs_.size(); ++g)
      lrs.push_back(base_lrs_[g] * lr_lambdas_[g].evaluate(static_cast<double>(last_epoch_)));
    return lrs;
  }

 private:
  std::vector<Expression> lr_lambdas_;
};

}  // namespace

const SchedulerDecl& lambda_lr_declaration() {
  static constexpr ParamDecl kParams[] = {lr_lambda_param()};
  static constexpr SchedulerDecl kDecl =
      SchedulerDecl("LambdaLR", "Sets the LR to base_lr times lr_lambda(epoch).").with(kParams);
  return kDecl;
}

std::unique_ptr<LRScheduler> make_lambda_lr(SchedulerArgs& a) {
  return std::make_unique<LambdaLR>(a.groups, read_lr_lambdas(a.params));
}

}  // namespace lrlab
