#include "data/builtin_datasets.hpp"

#include <stdexcept>

#include "data/csv_dataset.hpp"

namespace lrlab {

std::vector<std::string> builtin_dataset_names() {
  std::vector<std::string> names;
  for (const auto& t : builtin_dataset_texts()) names.emplace_back(t.name);
  return names;
}

Dataset load_builtin_dataset(const std::string& name) {
  for (const auto& t : builtin_dataset_texts())
    if (name == t.name)
      return parse_csv_dataset(t.csv, "data.dataset", Json(), "data.dataset", name);
  throw std::out_of_range("no built-in data set " + name);
}

}  // namespace lrlab
