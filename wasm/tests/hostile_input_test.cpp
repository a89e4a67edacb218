// Input as an attacker or a careless user writes it (issue 8): bytes that are not
// UTF-8, text cut inside a character, duplicate keys, huge strings. Each must end
// in a SpecError naming the field, with a message that is valid UTF-8.
#include <gtest/gtest.h>

#include <fstream>
#include <utility>
#include <vector>

#include "spec_error_text.hpp"

#include "cost/run_cost.hpp"
#include "sched/schedule_run.hpp"
#include "spec/message_text.hpp"
#include "spec/spec_text.hpp"
#include "train/train_spec.hpp"

namespace lrlab {
namespace {

// dump() throws type_error.316 on a string that is not UTF-8: the property we need.
bool is_utf8(const std::string& s) {
  try {
    Json(s).dump();
    return true;
  } catch (const Json::type_error&) {
    return false;
  }
}

TEST(MessageText, EscapesInvalidBytesAndControlCharacters) {
  EXPECT_EQ(utf8_safe("a\xC3"), "a\\xc3");                  // cut lead byte
  EXPECT_EQ(utf8_safe("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // UTF-8 of a lone surrogate
  EXPECT_EQ(utf8_safe("\xC0\xAF"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(utf8_safe("\xFF\xFE{"), "\\xff\\xfe{");         // UTF-16 byte-order mark
  EXPECT_EQ(utf8_safe("line\nbreak\x7f"), "line\\x0abreak\\x7f");
  EXPECT_EQ(utf8_safe("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"), "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(MessageText, CutsAtCharacterBoundaries) {
  const std::string e_acute = "\xC3\xA9";
  std::string s = std::string(36, 'x');
  for (int i = 0; i < 4; ++i) s += e_acute;
  const std::string cut = utf8_safe(s, 40);
  EXPECT_LE(cut.size(), 40u);
  EXPECT_EQ(cut, std::string(36, 'x') + "...");
  EXPECT_TRUE(is_utf8(cut));
  EXPECT_EQ(quote_for_message(std::string(10'000'000, 'y')).size(), 42u);
}

TEST(HostileText, NonAsciiFirstCharacterIsASpecErrorWithUtf8Text) {
  for (const std::string text : {"\xC3\xA9", "\xEF\xBF\xBD", "\xED\xA0\x80", "\xFF\xFE{\x00\"\x00",
                                 "\xC3", "{\"a\":\"\xC3"}) {
    const std::string message = error_of([&] { parse_spec_text(text); });
    EXPECT_EQ(message.rfind("spec: invalid JSON: ", 0), 0u) << message;
    EXPECT_TRUE(is_utf8(message)) << message;
  }
}

TEST(HostileText, ValueCutInsideACharacterKeepsItsFieldPath) {
  const std::string spec = R"({"optimizer":{"type":"SGD","lr":0.1},"scheduler":{"type":")" +
                           std::string(37, 'x') + "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9" +
                           R"("},"steps":1})";
  const std::string message = error_of([&] { run_schedule(parse_spec_text(spec)); });
  EXPECT_EQ(message.rfind("scheduler.type: ", 0), 0u) << message;
  EXPECT_TRUE(is_utf8(message));
  const std::string lr =
      R"({"optimizer":{"type":"SGD","lr":")" + std::string(38, 'x') +
      "\xC3\xA9\"},\"scheduler\":{\"type\":\"StepLR\",\"step_size\":1},\"steps\":1}";
  const std::string lr_message = error_of([&] { run_schedule(parse_spec_text(lr)); });
  EXPECT_EQ(lr_message.rfind("optimizer.lr: ", 0), 0u) << lr_message;
  EXPECT_TRUE(is_utf8(lr_message));
}

TEST(HostileText, DuplicateKeysAreAnErrorNamingTheKey) {
  EXPECT_EQ(error_of([] { parse_spec_text(R"({"steps": 1, "steps": 2})"); }),
            "steps: duplicate key");
  EXPECT_EQ(error_of([] {
              parse_spec_text(R"({"optimizer": {"param_groups": [{}, {"lr": 1, "lr": 2}]}})");
            }),
            "optimizer.param_groups[1].lr: duplicate key");
  // The same key in different objects is fine.
  EXPECT_EQ(parse_spec_text(R"({"a": {"x": 1}, "b": {"x": 2}})")["b"]["x"].get<int>(), 2);
}

// A string longer than any a spec needs is refused before the JSON lexer reads it, at the
// path where it sits (found by parsing only the text before it).
TEST(HostileText, HugeStringsAreRefusedAtTheirPathBeforeParsing) {
  const std::string big(10'000'000, 'S');
  const std::string opt = R"("optimizer":{"type":"SGD","lr":0.1})";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{" + opt + R"(,"scheduler":{"type":")" + big + R"("},"steps":1})", "scheduler.type"},
      {R"({"note":")" + big + R"(",)" + opt + "}", "note"},
      {"{" + opt + R"(,"scheduler":{"type":"StepLR","step_size":1,")" + big + R"(":1}})",
       "scheduler (a key)"},
      {"[1, 2, \"" + big + "\"]", "[2]"},
      {"\"" + big + "\"", "spec"},
      {"{" + opt + R"(,"scheduler":{"type":"SequentialLR","schedulers":[{"type":"StepLR"},")" +
           big + "\"]}}",
       "scheduler.schedulers[1]"},
      // escapes count as their bytes in the text, and do not end the string
      {R"({"note":")" + std::string(70'000, '\\') + R"("})", "note"},
      {R"({"note":")" + big, "note"},  // never closed
      // an escaped quote does not end the string; an escaped backslash before a quote does
      {R"({"a":"x\\","note":"q\")" + big + R"("})", "note"},
  };
  for (const auto& [text, path] : cases) {
    try {
      parse_spec_text(text);
      ADD_FAILURE() << path << ": no error";
    } catch (const SpecError& e) {
      EXPECT_EQ(e.path(), path);
      EXPECT_NE(std::string(e.what()).find("bytes; a spec's strings are at most 65536 bytes"),
                std::string::npos)
          << e.what();
    }
  }
  // The text before the string is invalid: that error is the one reported.
  const std::string message = error_of([&] { parse_spec_text(R"({"a" 1, "b": ")" + big + "\"}"); });
  EXPECT_EQ(message.rfind("spec: invalid JSON", 0), 0u) << message;
  // At the limit a string is read as usual.
  const Json at_limit =
      parse_spec_text(R"({"note":")" + std::string(kMaxSpecStringBytes, 'n') + "\"}");
  EXPECT_EQ(at_limit["note"].get<std::string>().size(), kMaxSpecStringBytes);
}

}  // namespace
}  // namespace lrlab

namespace lrlab {
namespace {

Json chained_tree(int depth) {
  if (depth == 0) return {{"type", "StepLR"}, {"step_size", 1}};
  Json children = Json::array();
  for (int i = 0; i < 32; ++i) children.push_back(chained_tree(depth - 1));
  return {{"type", "ChainedScheduler"}, {"schedulers", children}};
}

TEST(CostModel, CountsEverySchedulerInTheTree) {
  EXPECT_EQ(count_schedulers(chained_tree(0)), 1u);
  EXPECT_EQ(count_schedulers(chained_tree(2)), 1u + 32u + 32u * 32u);
  EXPECT_EQ(count_schedulers(Json(nullptr)), 0u);
}

TEST(CostModel, FanOutScheduleIsRefusedWithCostAndLimit) {
  const Json spec = {{"optimizer", {{"type", "SGD"}, {"lr", 0.1}}},
                     {"scheduler", chained_tree(3)},
                     {"steps", 1000000}};
  EXPECT_EQ(error_of([&] { run_schedule(spec); }),
            "steps: the schedule costs 33,825,000,000 scheduler updates (1,000,000 steps x 33,825 "
            "schedulers x 1 param groups); the limit is 10,000,000");
}

TEST(CostModel, OversizedTrainingIsRefusedWithCostAndLimit) {
  const Json spec = Json::parse(R"({
    "data": {"dataset": "synthetic", "n_samples": 100000, "n_features": 100, "n_classes": 2, "seed": 0},
    "model": {"sizes": [100, 1024, 1024, 1024, 1024, 2], "seed": 0},
    "optimizer": {"type": "SGD", "lr": 0.1}, "epochs": 1250, "batch_size": 1024})");
  const std::string message = error_of([&] { parse_train_spec(spec); });
  EXPECT_EQ(message.rfind("epochs: the training costs ", 0), 0u) << message;
  EXPECT_NE(message.find("the limit is 100,000,000,000"), std::string::npos) << message;
}

// The limits leave the bench's workloads at least 10x inside (issue 8).
TEST(CostModel, BenchWorkloadsAreWellInsideTheLimit) {
  std::ifstream in(LRLAB_FIXTURES_DIR "/../../wasm/bench/workloads.json");
  ASSERT_TRUE(in) << "wasm/bench/workloads.json";
  const Json workloads = Json::parse(in)["workloads"];
  ASSERT_FALSE(workloads.empty());
  for (const Json& w : workloads) {
    const TrainSpec t = parse_train_spec(w["spec"]);
    const double cost = static_cast<double>(t.epochs) * static_cast<double>(t.data.train.size()) *
                        forward_multiply_adds(t.sizes);
    EXPECT_LT(cost * 10, CostLimits::kMaxTrainingMultiplyAdds) << w["name"];
  }
}

}  // namespace
}  // namespace lrlab
