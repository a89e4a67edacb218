// Native build of the lrlab CLI (same engine as the WASM module), for tests and
// the bench baseline: `lrlab_native schedule SPEC.json|-`, `lrlab_native train SPEC.json|-`.
// Exit status: 0 ok, 2 invalid spec, 1 other failure (as wasm/js/cli.mjs).
#include <fstream>
#include <iostream>

#include "data/builtin_datasets.hpp"
#include "sched/schedule_run.hpp"
#include "spec/spec_text.hpp"
#include "train/train_session.hpp"

namespace {

// Reads at most one byte past the spec size limit: parse_spec_text then refuses the
// text by its size, and `lrlab_native schedule - < /dev/zero` ends instead of filling memory.
std::string read_capped(std::istream& in) {
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= lrlab::kMaxSpecBytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<size_t>(in.gcount()));
  if (text.size() > lrlab::kMaxSpecBytes) text.resize(lrlab::kMaxSpecBytes + 1);
  return text;
}

std::string read_all(const std::string& file) {
  if (file == "-") return read_capped(std::cin);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw lrlab::SpecError("spec", "cannot read " + file);
  return read_capped(in);
}

lrlab::Json train_all(const lrlab::Json& spec) {
  lrlab::TrainSession session(spec);
  while (!session.done()) session.next_epoch();
  return session.result();
}

}  // namespace

int main(int argc, char** argv) {
  lrlab::register_builtin_datasets_from_csv_dir(LRLAB_DATASETS_DIR);
  if (argc != 3 || (std::string(argv[1]) != "schedule" && std::string(argv[1]) != "train")) {
    std::cerr << "usage: lrlab_native schedule|train SPEC.json|-\n";
    return 2;
  }
  try {
    const lrlab::Json spec = lrlab::parse_spec_text(read_all(argv[2]));
    const lrlab::Json result =
        std::string(argv[1]) == "schedule" ? lrlab::run_schedule(spec) : train_all(spec);
    std::cout << result.dump() << "\n";
    return 0;
  } catch (const lrlab::SpecError& e) {
    std::cerr << "lrlab: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lrlab: " << e.what() << "\n";
    return 1;
  }
}
