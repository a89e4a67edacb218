// The real data sets a run-spec may name (iris, wine, breast_cancer, digits). They are not
// compiled in: the JS API loads dist/engine/data/<name>.bin on demand and registers it here
// (docs/run-spec.md, "Data sets"); native programs register web/data/<name>.csv.
// Sources and licences: web/data/ATTRIBUTION.md.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace lrlab {

const std::vector<std::string>& builtin_dataset_names();

// Registers (or replaces) a bundled set; the name must be one of builtin_dataset_names().
void register_builtin_dataset(const std::string& name, Dataset data);
// Decodes a data set file (dataset_asset.hpp) and registers it; SpecError at `path` if invalid.
void register_builtin_dataset_asset(const std::string& name, const std::string& bytes,
                                    const std::string& path);
// Native programs: registers every <name>.csv found in `dir`; returns how many.
size_t register_builtin_datasets_from_csv_dir(const std::string& dir);

bool builtin_dataset_loaded(const std::string& name);
// The registered set; SpecError at `path` when it has not been loaded.
const Dataset& builtin_dataset(const std::string& name, const std::string& path);

}  // namespace lrlab
