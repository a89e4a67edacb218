// The binary form of a bundled data set (dist/engine/data/<name>.bin), written at build
// time by scripts/build-datasets.mjs from web/data/<name>.csv and handed to the engine by
// the JS API when a run names the set. Layout (little-endian), see docs/run-spec.md:
//   "LRDS"  u8 version (2)  u8 feature type (1 = float32, 2 = uint8)  u16 0
//   u32 samples  u32 features  u32 classes  u32 names_bytes
//   names: UTF-8, '\n' after each of: the data set's name, the feature names, the class names
//   zero padding to a multiple of 4 bytes
//   features: samples x features values, row-major;  labels: samples x u8
// Nothing in it is trusted: every count, size and label is checked.
#pragma once

#include <string>

#include "data/dataset.hpp"

namespace lrlab {

// Throws SpecError at `path` naming what is wrong with the bytes.
Dataset decode_dataset_asset(const std::string& bytes, const std::string& name,
                             const std::string& path);

}  // namespace lrlab
