// Every case of tests/fixtures/schedules.json and tests/fixtures/torch-accepts.json (the
// configurations torch 1.13 runs that the engine once refused; recorded from torch 1.13,
// docs/run-spec.md 2, by scripts/fixtures/) through
// run_schedule, with docs/run-spec.md 2.2's tolerance |a - b| <= 1e-12 * max(|a|, |b|) + 1e-15;
// the error step and type exactly. Also counts how many trajectories are bit-identical.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>

#include "sched/schedule_run.hpp"
#include "sched/scheduler_registry.hpp"

namespace lrlab {
namespace {

const Json& cases() {
  static const Json all = [] {
    Json out = Json::array();
    for (const char* file : {"/schedules.json", "/torch-accepts.json"}) {
      std::ifstream in(std::string(LRLAB_FIXTURES_DIR) + file);
      const Json file_json = Json::parse(in);
      for (const Json& c : file_json["cases"]) out.push_back(c);
    }
    return out;
  }();
  return all;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const Json& c : cases()) names.push_back(c["name"].get<std::string>());
  return names;
}

const Json& case_named(const std::string& name) {
  for (const Json& c : cases())
    if (c["name"] == name) return c;
  throw std::runtime_error("no case " + name);
}

// Returns the number of values that differ in any bit.
size_t expect_close(const Json& actual, const Json& expected, const std::string& what) {
  size_t inexact = 0;
  EXPECT_EQ(actual.size(), expected.size()) << what << ": number of groups";
  for (size_t g = 0; g < std::min(actual.size(), expected.size()); ++g) {
    EXPECT_EQ(actual[g].size(), expected[g].size()) << what << "[" << g << "]: number of steps";
    for (size_t i = 0; i < std::min(actual[g].size(), expected[g].size()); ++i) {
      const double a = actual[g][i].get<double>(), b = expected[g][i].get<double>();
      const double tol = 1e-12 * std::max(std::fabs(a), std::fabs(b)) + 1e-15;
      EXPECT_LE(std::fabs(a - b), tol)
          << what << "[" << g << "][" << i << "]: got " << a << ", PyTorch " << b;
      if (a != b) ++inexact;
    }
  }
  return inexact;
}

size_t g_cases_run = 0, g_cases_bit_exact = 0;

class ScheduleFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ScheduleFixture, MatchesPyTorch) {
  const Json& c = case_named(GetParam());
  const Json& expected = c["expected"];
  const Json result = run_schedule(c);  // the case itself is a run-spec ("expected" etc. ignored)

  size_t inexact = expect_close(result["lr"], expected["lr"], "lr");
  if (expected.contains("momentum")) {
    ASSERT_TRUE(result.contains("momentum")) << "momentum expected";
    inexact += expect_close(result["momentum"], expected["momentum"], "momentum");
  } else {
    EXPECT_FALSE(result.contains("momentum")) << "no momentum expected";
  }
  if (expected.contains("error")) {
    ASSERT_TRUE(result.contains("error")) << "expected " << expected["error"].dump();
    EXPECT_EQ(result["error"]["at_step"], expected["error"]["at_step"]);
    EXPECT_EQ(result["error"]["type"], expected["error"]["type"]);
  } else {
    EXPECT_FALSE(result.contains("error")) << result["error"].dump();
  }
  if (c["scheduler"]["type"] == "ReduceLROnPlateau") {
    ASSERT_TRUE(result.contains("plateau"));
    EXPECT_EQ(result["plateau"].size(), c["steps"].get<size_t>());
  }
  // Our advice on what torch runs in a surprising way: exactly the listed paths.
  std::set<std::string> warned, listed;
  for (const Json& w : result.value("warnings", Json::array())) warned.insert(w["path"]);
  for (const Json& p : c.value("expected_warnings", Json::array())) listed.insert(p);
  if (c.contains("expected_warnings")) {
    EXPECT_EQ(warned, listed) << result.value("warnings", Json::array()).dump();
  }
  ++g_cases_run;
  if (inexact == 0) ++g_cases_bit_exact;
  if (inexact)
    std::cout << "[ info ] " << GetParam() << ": " << inexact
              << " values within tolerance, not bit-exact\n";
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string s;
  for (char ch : info.param) s += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(PyTorch113, ScheduleFixture, ::testing::ValuesIn(case_names()), test_name);

TEST(ScheduleFixtureSummary, CoversEverySchedulerType) {
  std::set<std::string> types;
  std::function<void(const Json&)> collect = [&](const Json& s) {
    types.insert(s["type"].get<std::string>());
    if (s.contains("schedulers"))
      for (const Json& child : s["schedulers"]) collect(child);
  };
  for (const Json& c : cases()) collect(c["scheduler"]);
  const std::vector<std::string> registered = scheduler_types();
  EXPECT_EQ(types, std::set<std::string>(registered.begin(), registered.end()));
  EXPECT_GE(cases().size(), 113u);
}

// Prints how many cases matched PyTorch bit for bit once all tests ran (informational:
// the contract is the tolerance above; FMA contraction, e.g. -march=native without
// -ffp-contract=off, or another libm costs bit-exactness but not the tolerance).
class BitExactReport : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_cases_run)
      std::cout << "[ info ] " << g_cases_bit_exact << " of " << g_cases_run
                << " schedule cases bit-exact\n";
  }
};
const auto* const kReport = ::testing::AddGlobalTestEnvironment(new BitExactReport);

// docs/run-spec.md 2.1 loop, state_dict round trip: saving at step k and resuming in a fresh run
// from the same spec gives exactly the same remaining trajectory (every case, several k).
class ScheduleResume : public ::testing::TestWithParam<std::string> {};

TEST_P(ScheduleResume, StateDictRoundTripIsExact) {
  const Json& c = case_named(GetParam());
  const Json full = run_schedule(c);
  const size_t recorded = full["lr"][0].size();
  const size_t steps = c["steps"].get<size_t>();
  for (size_t k : {size_t{0}, size_t{1}, steps / 3, steps / 2, recorded > 0 ? recorded - 1 : 0}) {
    // After the step that raised, torch's state is half-updated: resume only before it.
    if (k > recorded || (full.contains("error") && k >= recorded)) continue;
    ScheduleRun first(c);
    for (size_t i = 0; i < k; ++i) first.step();
    // Through text, as a saved file would hold it.
    const Json state = Json::parse(first.state_dict().dump());
    ScheduleRun resumed(c);
    resumed.load_state_dict(state);
    EXPECT_EQ(resumed.steps_done(), k);
    while (!resumed.finished()) resumed.step();
    const Json rest = resumed.result();
    for (size_t g = 0; g < full["lr"].size(); ++g) {
      const Json& whole = full["lr"][g];
      ASSERT_EQ(rest["lr"][g].size(), whole.size() - k) << "resumed at " << k;
      for (size_t i = k; i < whole.size(); ++i)
        ASSERT_EQ(rest["lr"][g][i - k].get<double>(), whole[i].get<double>())
            << "lr[" << g << "][" << i << "], resumed at " << k;
      if (full.contains("momentum")) {
        for (size_t i = k; i < whole.size(); ++i)
          ASSERT_EQ(rest["momentum"][g][i - k].get<double>(), full["momentum"][g][i].get<double>())
              << "momentum[" << g << "][" << i << "], resumed at " << k;
      }
    }
    if (full.contains("plateau")) {
      for (size_t i = k; i < full["plateau"].size(); ++i)
        ASSERT_EQ(rest["plateau"][i - k], full["plateau"][i]);
    }
    EXPECT_EQ(rest.value("error", Json()), full.value("error", Json())) << "resumed at " << k;
    if (k > 0) {
      EXPECT_EQ(rest["start_step"], k);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(PyTorch113, ScheduleResume, ::testing::ValuesIn(case_names()), test_name);

}  // namespace
}  // namespace lrlab
