#include "data/builtin_datasets.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "data/csv_dataset.hpp"
#include "data/dataset_asset.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

namespace {

std::map<std::string, Dataset>& registry() {
  static std::map<std::string, Dataset> sets;
  return sets;
}

void check_name(const std::string& name, const std::string& path) {
  const auto& names = builtin_dataset_names();
  if (std::find(names.begin(), names.end(), name) == names.end())
    throw_spec_error(path, concat({"must be one of iris, wine, breast_cancer, digits, got ",
                                   describe_value(Json(name))}));
}

}  // namespace

const std::vector<std::string>& builtin_dataset_names() {
  static const std::vector<std::string> names = {"iris", "wine", "breast_cancer", "digits"};
  return names;
}

void register_builtin_dataset(const std::string& name, Dataset data) {
  check_name(name, "name");
  data.name = name;
  registry()[name] = std::move(data);
}

void register_builtin_dataset_asset(const std::string& name, const std::string& bytes,
                                    const std::string& path) {
  check_name(name, "name");
  register_builtin_dataset(name, decode_dataset_asset(bytes, name, path));
}

size_t register_builtin_datasets_from_csv_dir(const std::string& dir) {
  size_t found = 0;
  for (const auto& name : builtin_dataset_names()) {
    std::ifstream in(dir + "/" + name + ".csv", std::ios::binary);
    if (!in) continue;
    std::stringstream text;
    text << in.rdbuf();
    register_builtin_dataset(
        name, parse_csv_dataset(text.str(), "data.dataset", Json(), "data.dataset", name));
    ++found;
  }
  return found;
}

bool builtin_dataset_loaded(const std::string& name) { return registry().count(name) > 0; }

const Dataset& builtin_dataset(const std::string& name, const std::string& path) {
  auto it = registry().find(name);
  if (it == registry().end())
    throw_spec_error(
        path, concat({"data set \"", name, "\" is not loaded: engine.train() loads it, or call ",
                      "await engine.loadDataset(\"", name, "\") before trainSession()"}));
  return it->second;
}

}  // namespace lrlab
