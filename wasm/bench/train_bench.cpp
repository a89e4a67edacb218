// Native training bench of `npm run bench` (scripts/bench.mjs): the Eigen baseline
// (eigen_reference.cpp) and our engine built natively, and the export of a run for replay
// in PyTorch (scripts/seed_lesson.py, scripts/bench_torch.py).
//
//   lrlab_bench WORKLOADS.json        JSON: samples/s per workload (Eigen, ours), seed-lesson time
//   lrlab_bench export SPEC.json      JSON: TrainSession::export_fixture() of the spec
//
// Each workload is trained once to warm up, then `repeat` times; the best time is reported.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "data/builtin_datasets.hpp"
#include "eigen_reference.hpp"
#include "train/train_session.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Best of N: on a shared machine interference only ever adds time.
double best(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

lrlab::Json read_json(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  return lrlab::Json::parse(in);
}

// Seconds of training (all epochs) of one session built outside the timer.
double train_seconds(const lrlab::Json& spec) {
  lrlab::TrainSession session(spec);
  const auto t0 = Clock::now();
  while (!session.done()) session.next_epoch();
  return seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  lrlab::register_builtin_datasets_from_csv_dir(LRLAB_DATASETS_DIR);
  try {
    if (argc == 3 && std::string(argv[1]) == "export") {
      lrlab::TrainSession session(read_json(argv[2]));
      std::cout << session.export_fixture().dump() << "\n";
      return 0;
    }
    if (argc != 2) {
      std::cerr << "usage: lrlab_bench WORKLOADS.json | lrlab_bench export SPEC.json\n";
      return 2;
    }
    const lrlab::Json doc = read_json(argv[1]);
    lrlab::Json out = {{"workloads", lrlab::Json::array()}};
    for (const auto& w : doc.at("workloads")) {
      const lrlab::Json& spec = w.at("spec");
      lrlab::TrainSession probe(spec);
      const double samples =
          static_cast<double>(probe.spec().epochs * probe.spec().data.train.size());
      train_seconds(spec);  // warm-up
      std::vector<double> times;
      for (int i = 0; i < w.at("repeat").get<int>(); ++i) times.push_back(train_seconds(spec));
      const double t = best(times);
      // The baseline, from the same spec, data and initial weights.
      const std::vector<float>& init = probe.model().parameters();
      lrlab::bench::eigen_train(probe.spec(), init);  // warm-up
      std::vector<double> eigen_times;
      lrlab::bench::EigenRun eigen;
      for (int i = 0; i < w.at("repeat").get<int>(); ++i) {
        eigen = lrlab::bench::eigen_train(probe.spec(), init);
        eigen_times.push_back(eigen.seconds);
      }
      // Same math, other summation order: the two agree to float32 rounding.
      lrlab::TrainSession check(spec);
      while (!check.done()) check.next_epoch();
      const lrlab::Json ours = check.result();
      const double our_loss = ours.at("epoch_loss").back().get<double>();
      const double eigen_loss = eigen.epoch_loss.back();
      double max_weight_diff = 0.0;
      const std::vector<float>& p = check.model().parameters();
      for (size_t i = 0; i < p.size(); ++i)
        max_weight_diff = std::max(
            max_weight_diff, static_cast<double>(std::fabs(p[i] - eigen.final_parameters[i])));
      const double te = best(eigen_times);
      out["workloads"].push_back(
          {{"name", w.at("name")},
           {"samples", samples},
           {"seconds", t},
           {"samples_per_s", samples / t},
           {"eigen_seconds", te},
           {"eigen_samples_per_s", samples / te},
           {"eigen_final_loss_rel_diff", std::fabs(eigen_loss - our_loss) / std::fabs(our_loss)},
           {"eigen_max_weight_diff", max_weight_diff}});
    }
    // One full seed-lesson training as the course runs it: build (data, split, init), train,
    // result.
    const lrlab::Json& seed = doc.at("workloads").at(0).at("spec");
    std::vector<double> full;
    for (int i = 0; i < 31; ++i) {
      const auto t0 = Clock::now();
      lrlab::TrainSession session(seed);
      while (!session.done()) session.next_epoch();
      const lrlab::Json r = session.result();
      full.push_back(seconds_since(t0));
      if (r.at("epochs").size() != 10) return 1;
    }
    out["seed_lesson_ms"] = best(full) * 1e3;
    std::cout << out.dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "lrlab_bench: " << e.what() << "\n";
    return 1;
  }
}
