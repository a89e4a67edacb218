// TrainSession beyond the PyTorch fixtures: lesson-form specs, validation messages,
// determinism, divergence, shuffling, ReduceLROnPlateau metrics, trace and data summary.
#include <gtest/gtest.h>

#include "spec_error_text.hpp"

#include <cmath>

#include "train/train_session.hpp"

namespace lrlab {
namespace {

// The seed lesson: synthetic 1000 x 10, 800/200, 10 -> 10 -> 2, SGD 0.1, StepLR(5, 0.5).
Json seed_lesson() {
  return Json::parse(R"({
    "data": {"dataset": "synthetic", "n_samples": 1000, "n_features": 10, "n_classes": 2, "seed": 42},
    "model": {"sizes": [10, 10, 2], "seed": 0},
    "optimizer": {"type": "SGD", "lr": 0.1},
    "scheduler": {"type": "StepLR", "step_size": 5, "gamma": 0.5},
    "epochs": 10, "batch_size": 32})");
}

Json run(const Json& spec) {
  TrainSession s(spec);
  while (!s.done()) s.next_epoch();
  return s.result();
}

TEST(TrainSession, SeedLessonLearnsAndRecordsEveryEpoch) {
  TrainSession s(seed_lesson());
  std::vector<Json> records;
  while (!s.done()) records.push_back(s.next_epoch());
  ASSERT_EQ(records.size(), 10u);
  EXPECT_TRUE(s.next_epoch().is_null());
  for (size_t e = 0; e < 10; ++e) {
    const Json& r = records[e];
    EXPECT_EQ(r["epoch"], e);
    EXPECT_EQ(r["batch_loss"].size(), 25u);  // 800 / 32
    EXPECT_DOUBLE_EQ(r["lr"][0].get<double>(), e < 5 ? 0.1 : 0.05);
    EXPECT_EQ(r["lr_steps"][0].size(), 25u);
    EXPECT_DOUBLE_EQ(r["lr_after"][0].get<double>(), e < 4 ? 0.1 : (e < 9 ? 0.05 : 0.025));
    EXPECT_TRUE(r["val_loss"].is_number());
  }
  const Json result = s.result();
  EXPECT_GT(result["test_accuracy"].get<double>(), 0.75);
  EXPECT_LT(result["epoch_loss"][9].get<double>(), result["epoch_loss"][0].get<double>());
  EXPECT_EQ(result["lr"][0].size(), 250u);
  EXPECT_TRUE(result["diverged_at"].is_null());
  EXPECT_EQ(result["final"]["W1"].size(), 10u);
  EXPECT_EQ(result["final"]["W2"][0].size(), 10u);
}

TEST(TrainSession, SameSpecGivesBitIdenticalResults) {
  Json spec = seed_lesson();
  spec["shuffle"] = true;
  spec["shuffle_seed"] = 3;
  EXPECT_EQ(run(spec).dump(), run(spec).dump());
  Json other = spec;
  other["shuffle_seed"] = 4;
  EXPECT_NE(run(other)["epoch_loss"], run(spec)["epoch_loss"]);
  Json unshuffled = seed_lesson();
  EXPECT_NE(run(unshuffled)["epoch_loss"], run(spec)["epoch_loss"]);
}

TEST(TrainSession, DivergenceStopsWithReasonAndFiniteWeights) {
  Json spec = seed_lesson();
  spec["optimizer"]["lr"] = 1e6;
  spec["scheduler"] = nullptr;
  spec["data"]["standardize"] = false;
  spec["data"]["class_sep"] = 50.0;
  const Json r = run(spec);
  ASSERT_FALSE(r["diverged_at"].is_null());
  const std::string reason = r["diverged_at"]["reason"];
  EXPECT_NE(reason.find("epoch"), std::string::npos) << reason;
  for (const auto& [name, t] : r["final"].items())
    for (const auto& v : t.is_array() && t[0].is_array() ? t : Json::array({t}))
      for (const auto& x : v) ASSERT_TRUE(x.is_number()) << name;  // no NaN/null leaks out
  EXPECT_LT(r["epochs"].size(), 10u + 1);
  EXPECT_TRUE(r["epochs"].back()["diverged"].get<bool>());
}

TEST(TrainSession, PlateauFedTheChosenMetric) {
  Json spec = seed_lesson();
  spec["scheduler"] = {
      {"type", "ReduceLROnPlateau"}, {"mode", "max"}, {"patience", 0}, {"factor", 0.5}};
  spec["plateau_metric"] = "val_accuracy";
  spec["epochs"] = 6;
  TrainSession s(spec);
  while (!s.done()) {
    const Json rec = s.next_epoch();
    ASSERT_TRUE(rec.contains("plateau"));
    // best is the best validation accuracy so far (mode max)
    EXPECT_GE(rec["plateau"]["best"].get<double>(), rec["val_accuracy"].get<double>());
  }
}

TEST(TrainSession, OneCyclePerBatchRecordsMomentum) {
  Json spec = seed_lesson();
  spec["optimizer"] = {{"type", "SGD"}, {"lr", 0.1}, {"momentum", 0.9}};
  spec["scheduler"] = {
      {"type", "OneCycleLR"}, {"max_lr", 0.5}, {"epochs", 10}, {"steps_per_epoch", 25}};
  spec["scheduler_step"] = "batch";
  const Json r = run(spec);
  ASSERT_TRUE(r.contains("momentum"));
  EXPECT_EQ(r["momentum"][0].size(), 250u);
  EXPECT_DOUBLE_EQ(r["momentum"][0][0].get<double>(), 0.95);
  EXPECT_NEAR(r["lr"][0][0].get<double>(), 0.5 / 25.0, 1e-15);  // max_lr / div_factor
}

// An optimizer.step() that raises in torch (Adam's bias correction 1 - beta1 ** step is 0 for
// OneCycleLR's first beta1 of 1) stops the run at that batch, before any update.
TEST(TrainSession, AnOptimizerStepThatRaisesStopsTheRunAtItsBatch) {
  Json spec = seed_lesson();
  spec["optimizer"] = {{"type", "Adam"}, {"lr", 0.01}};
  spec["scheduler"] = {{"type", "OneCycleLR"},
                       {"max_lr", 0.01},
                       {"epochs", 10},
                       {"steps_per_epoch", 25},
                       {"max_momentum", 1.0}};
  spec["scheduler_step"] = "batch";
  const Json r = run(spec);
  ASSERT_TRUE(r.contains("error")) << r.dump().substr(0, 400);
  EXPECT_EQ(r["error"]["type"], "ZeroDivisionError");
  EXPECT_EQ(r["error"]["epoch"], 0);
  EXPECT_EQ(r["error"]["batch"], 0);
  // no update was made: the weights are those the model started from (same model seed)
  EXPECT_EQ(r["final"], TrainSession(seed_lesson()).result()["final"]);
  EXPECT_TRUE(r["epochs"][0]["train_loss"].is_null());  // the epoch's first update never ran
  // full-batch: the update that raised was the epoch's last, and the epoch is still incomplete
  spec["batch_size"] = 1000;
  spec["scheduler"]["steps_per_epoch"] = 1;
  const Json full = run(spec);
  EXPECT_EQ(full["error"]["batch"], 0);
  EXPECT_TRUE(full["epochs"][0]["train_loss"].is_null()) << full["epochs"][0].dump();
  EXPECT_TRUE(full["test_accuracy"].is_null()) << full["test_accuracy"].dump();
}

// The JS API reads each record's per-batch arrays apart from its JSON (bindings.cpp
// train_steps): the values it reads are the record's arrays, and result() is unchanged.
TEST(TrainSession, StepValuesReadApartAreTheRecordsArrays) {
  Json one_cycle = seed_lesson();
  one_cycle["optimizer"] = {{"type", "SGD"}, {"lr", 0.1}, {"momentum", 0.9}};
  one_cycle["scheduler"] = {
      {"type", "OneCycleLR"}, {"max_lr", 0.5}, {"epochs", 10}, {"steps_per_epoch", 25}};
  one_cycle["scheduler_step"] = "batch";
  Json diverging = seed_lesson();
  diverging["optimizer"]["lr"] = 1e6;
  for (const Json& spec : {seed_lesson(), one_cycle, diverging}) {
    TrainSession whole(spec), apart(spec);
    apart.leave_step_values_out_of_records();
    const size_t arrays = spec["scheduler"]["type"] == "OneCycleLR" ? 3 : 2;
    ASSERT_EQ(apart.step_arrays(), arrays);
    std::vector<Json> records;
    while (!whole.done()) {
      Json expected = whole.next_epoch();
      records.push_back(expected);
      Json got = nullptr;
      while (got.is_null()) got = apart.run_batches(7);  // partial epochs too
      const size_t n = expected["batch_loss"].size();
      ASSERT_EQ(apart.last_epoch_steps(), n);
      const char* keys[] = {"batch_loss", "lr_steps", "momentum_steps"};
      for (size_t k = 0; k < arrays; ++k) {
        const Json& values = k == 0 ? expected[keys[0]] : expected[keys[k]][0];
        const double* read = apart.last_epoch_step_array(k);
        for (size_t i = 0; i < n; ++i) ASSERT_EQ(read[i], values[i].get<double>()) << keys[k];
        expected.erase(keys[k]);
      }
      EXPECT_EQ(got, expected);
    }
    EXPECT_TRUE(apart.done());
    const Json result = apart.result();
    ASSERT_EQ(result["epochs"].size(), records.size());
    for (size_t e = 0; e < records.size(); ++e) EXPECT_EQ(result["epochs"][e], records[e]);
    EXPECT_EQ(result, whole.result());
    EXPECT_EQ(apart.result(false), whole.result(false));
  }
}

TEST(TrainSession, TraceAndDataSummary) {
  TrainSession s(seed_lesson());
  s.next_epoch();
  const Json t = s.trace(3, "test");
  EXPECT_EQ(t["layers"].size(), 1u);
  EXPECT_EQ(t["layers"][0]["name"], "hidden 1");
  EXPECT_EQ(t["layers"][0]["post"].size(), 10u);
  EXPECT_EQ(t["probabilities"].size(), 2u);
  const double p0 = t["probabilities"][0], p1 = t["probabilities"][1];
  EXPECT_NEAR(p0 + p1, 1.0, 1e-6);
  EXPECT_EQ(t["predicted"].get<int>(), p1 > p0 ? 1 : 0);
  EXPECT_EQ(error_of([&] { s.trace(200, "test"); }),
            "sample: must be an index in [0, 199], got 200");
  EXPECT_EQ(error_of([&] { s.trace(0, "val"); }),
            "split: must be \"train\" or \"test\", got \"val\"");
  const Json d = s.data_summary();
  EXPECT_EQ(d["n_train"], 800);
  EXPECT_EQ(d["n_test"], 200);
  EXPECT_EQ(d["head"]["x"].size(), 5u);
  EXPECT_EQ(d["class_counts"]["test"][0].get<int>() + d["class_counts"]["test"][1].get<int>(), 200);
  EXPECT_TRUE(d["standardized"].get<bool>());
}

TEST(TrainSession, RealDataSetsTrain) {
  const Json spec =
      Json::parse(R"({"data": {"dataset": "iris", "seed": 1}, "model": {"sizes": [4, 16, 3]},
      "optimizer": {"type": "Adam", "lr": 0.01}, "epochs": 30, "batch_size": 16, "shuffle": true})");
  EXPECT_GT(run(spec)["test_accuracy"].get<double>(), 0.85);
}

TEST(TrainSession, ValidationMessages) {
  auto err = [](const std::function<void(Json&)>& edit) {
    Json spec = seed_lesson();
    edit(spec);
    return error_of([&] { TrainSession s(spec); });
  };
  EXPECT_EQ(err([](Json& s) {
              s["model"]["sizes"] = {10, 10, 3};
            }),
            "model.sizes[2]: must equal the number of classes of the data (2), got 3");
  EXPECT_EQ(err([](Json& s) {
              s["model"]["sizes"] = {9, 10, 2};
            }),
            "model.sizes[0]: must equal the number of features of the data (10), got 9");
  EXPECT_EQ(err([](Json& s) {
              s["model"]["sizes"] = {10, 0, 2};
            }),
            "model.sizes[1]: must be an integer in [1, 1024], got 0");
  EXPECT_EQ(err([](Json& s) { s["epochs"] = 0; }),
            "epochs: must be an integer in [1, 10000], got 0");
  EXPECT_EQ(err([](Json& s) { s["batch_size"] = 2.5; }),
            "batch_size: must be an integer in [1, 100000], got 2.5");
  EXPECT_EQ(err([](Json& s) { s["batchsize"] = 2; }),
            "batchsize: unknown key; did you mean batch_size?");
  EXPECT_EQ(err([](Json& s) { s["scheduler_step"] = "iteration"; }),
            "scheduler_step: must be one of \"epoch\" or \"batch\", got \"iteration\"");
  EXPECT_EQ(err([](Json& s) {
              s["scheduler"] = {{"type", "ReduceLROnPlateau"}};
              s["scheduler_step"] = "batch";
            }),
            "scheduler_step: ReduceLROnPlateau is stepped once per epoch with a metric; use "
            "\"epoch\", got \"batch\"");
  EXPECT_EQ(err([](Json& s) {
              s["data"]["test_fraction"] = 0;
              s["scheduler"] = {{"type", "ReduceLROnPlateau"}};
              s["plateau_metric"] = "val_loss";
            }),
            "plateau_metric: \"val_loss\" needs a held-out split (set data.test_fraction > 0); use "
            "\"train_loss\" or "
            "\"train_accuracy\"");
  // only a scheduler stepped on a metric reads it (as "metrics" in a schedule run-spec)
  EXPECT_EQ(err([](Json& s) { s["plateau_metric"] = "train_loss"; }),
            "plateau_metric: is only used by ReduceLROnPlateau (scheduler.type is \"StepLR\")");
  EXPECT_EQ(err([](Json& s) {
              s["scheduler"] = nullptr;
              s["plateau_metric"] = "train_loss";
            }),
            "plateau_metric: is only used by ReduceLROnPlateau (scheduler is null)");
  EXPECT_EQ(err([](Json& s) {
              s["optimizer"]["param_groups"] = Json::parse(R"([{"lr": 0.1}, {"lr": 0.2}])");
            }),
            "optimizer.param_groups: the MLP trains all its parameters in one param group; give 1 "
            "group, got 2");
  EXPECT_EQ(err([](Json& s) {
              s["model"]["init"] = {{"W1", Json::array()}};
            }),
            "model.seed: give either \"init\" or \"seed\", not both");
  EXPECT_EQ(err([](Json& s) {
              s["model"].erase("seed");
              s["model"]["init"] = {{"W1", Json::array()}};
            }),
            "model.init.W1: must be 10 x 10 (out x in, PyTorch layout): an array of 10 rows, got "
            "an array of 0");
  EXPECT_EQ(err([](Json& s) { s["scheduler"]["gamma"] = "0.5"; }),
            "scheduler.gamma: must be a number in [-1000, 1000], got \"0.5\"");
  EXPECT_EQ(err([](Json& s) { s.erase("data"); }),
            "data: is required: {\"x\", \"y\"} or {\"dataset\": \"synthetic\" | \"iris\" | ...}");
}

}  // namespace
}  // namespace lrlab

namespace lrlab {
namespace {

// scheduler.step() before optimizer.step() (the loop bug): every epoch trains with the
// next value of the schedule. StepLR(2, 0.5) stepped early is the same training as a
// correctly placed LambdaLR of gamma^floor((epoch + 1) / 2): same LR doubles, same run.
TEST(TrainSession, SchedulerBeforeOptimizerTrainsWithTheShiftedSchedule) {
  Json early = seed_lesson();
  early["scheduler"] = Json::parse(R"({"type": "StepLR", "step_size": 2, "gamma": 0.5})");
  early["epochs"] = 6;
  early["scheduler_order"] = "before_optimizer";
  Json shifted = early;
  shifted.erase("scheduler_order");
  shifted["scheduler"] =
      Json::parse(R"j({"type": "LambdaLR", "lr_lambda": "0.5 ** floor((epoch + 1) / 2)"})j");
  const Json a = run(early), b = run(shifted);
  std::vector<double> lrs;
  for (const Json& r : a["epochs"]) lrs.push_back(r["lr"][0].get<double>());
  EXPECT_EQ(lrs, (std::vector<double>{0.1, 0.05, 0.05, 0.025, 0.025, 0.0125}));
  EXPECT_EQ(a["epoch_loss"].dump(), b["epoch_loss"].dump());
  EXPECT_EQ(a["final"].dump(), b["final"].dump());
}

TEST(TrainSession, SchedulerBeforeOptimizerPerBatchSkipsTheFirstValue) {
  Json spec = seed_lesson();
  spec["scheduler"] =
      Json::parse(R"({"type": "LinearLR", "start_factor": 0.25, "total_iters": 4})");
  spec["scheduler_step"] = "batch";
  spec["epochs"] = 1;
  spec["scheduler_order"] = "before_optimizer";
  const Json r = run(spec);
  // The warm-up's first LR (0.025) is never used: the first update already runs at 0.04375.
  EXPECT_DOUBLE_EQ(r["lr"][0][0].get<double>(), 0.1 * (0.25 + 0.75 / 4));
  EXPECT_DOUBLE_EQ(r["lr"][0][3].get<double>(), 0.1);
}

TEST(TrainSession, PlateauCannotStepBeforeTheOptimizer) {
  Json spec = seed_lesson();
  spec["scheduler"] = Json::parse(R"({"type": "ReduceLROnPlateau"})");
  spec["scheduler_order"] = "before_optimizer";
  EXPECT_EQ(error_of([&] { TrainSession s(spec); }),
            "scheduler_order: ReduceLROnPlateau steps on a metric measured after training; it "
            "cannot step before "
            "the optimizer");
  spec["scheduler_order"] = "first";
  EXPECT_EQ(
      error_of([&] { TrainSession s(spec); }),
      "scheduler_order: must be one of \"after_optimizer\" or \"before_optimizer\", got \"first\"");
}

}  // namespace
}  // namespace lrlab
