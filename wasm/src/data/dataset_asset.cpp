#include "data/dataset_asset.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "data/data_spec.hpp"
#include "spec/spec_reader.hpp"

namespace lrlab {

namespace {

constexpr size_t kHeaderBytes = 24;
constexpr uint8_t kVersion = 2;  // 2: the names start with the data set's own
constexpr uint8_t kFloat32 = 1, kUint8 = 2;

uint32_t u32_at(const std::string& b, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + at);
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

float f32_at(const std::string& b, size_t at) {
  const uint32_t bits = u32_at(b, at);
  float v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

}  // namespace

Dataset decode_dataset_asset(const std::string& bytes, const std::string& name,
                             const std::string& path) {
  auto fail = [&](const std::string& what) {
    return SpecError(path, concat({"data set \"", name, "\": ", what}));
  };
  if (bytes.size() < kHeaderBytes || bytes.compare(0, 4, "LRDS") != 0)
    throw fail("not an LR Lab data set file (no LRDS header)");
  const auto version = static_cast<uint8_t>(bytes[4]);
  const auto type = static_cast<uint8_t>(bytes[5]);
  if (version != kVersion)
    throw fail(concat({"format version ", version, ", this engine reads version ", kVersion}));
  if (type != kFloat32 && type != kUint8)
    throw fail(concat({"feature type ", type, " (1 = float32, 2 = uint8)"}));
  const size_t samples = u32_at(bytes, 8), features = u32_at(bytes, 12),
               classes = u32_at(bytes, 16), names_bytes = u32_at(bytes, 20);
  if (samples < 1 || samples > DataLimits::kMaxSamples)
    throw fail(concat({"samples must be 1 to ", DataLimits::kMaxSamples, ", got ", samples}));
  if (features < 1 || features > DataLimits::kMaxFeatures)
    throw fail(concat({"features must be 1 to ", DataLimits::kMaxFeatures, ", got ", features}));
  if (classes < 1 || classes > DataLimits::kMaxClasses)
    throw fail(concat({"classes must be 1 to ", DataLimits::kMaxClasses, ", got ", classes}));
  const size_t value_bytes = type == kFloat32 ? 4 : 1;
  const size_t names_end = kHeaderBytes + names_bytes;
  const size_t x_at = (names_end + 3) / 4 * 4;
  const size_t y_at = x_at + samples * features * value_bytes;
  if (names_bytes > bytes.size() || bytes.size() != y_at + samples)
    throw fail(concat({"size ", bytes.size(), " bytes does not match its header (", samples, " x ",
                       features, " values)"}));

  Dataset d;
  d.name = name;
  d.n_features = features;
  std::vector<std::string> names;
  size_t start = kHeaderBytes;
  for (size_t i = kHeaderBytes; i < names_end; ++i) {
    if (bytes[i] != '\n') continue;
    names.push_back(bytes.substr(start, i - start));
    start = i + 1;
  }
  if (start != names_end || names.size() != 1 + features + classes)
    throw fail(concat({"expected the data set's name and ", features + classes,
                       " feature and class names, each ending in a newline"}));
  // one set's file handed over under another's name (loadDataset("wine", irisBytes))
  if (names[0] != name) throw fail(concat({"the file holds the data set \"", names[0], "\""}));
  const auto first = names.begin() + 1;
  d.feature_names.assign(first, first + static_cast<std::ptrdiff_t>(features));
  d.class_names.assign(first + static_cast<std::ptrdiff_t>(features), names.end());

  d.x.resize(samples * features);
  for (size_t i = 0; i < d.x.size(); ++i) {
    const float v = type == kFloat32 ? f32_at(bytes, x_at + 4 * i)
                                     : static_cast<float>(static_cast<uint8_t>(bytes[x_at + i]));
    if (!std::isfinite(v))
      throw fail(
          concat({"feature value ", i % features, " of sample ", i / features, " is not finite"}));
    d.x[i] = v;
  }
  d.y.resize(samples);
  for (size_t i = 0; i < samples; ++i) {
    const auto label = static_cast<uint8_t>(bytes[y_at + i]);
    if (label >= classes)
      throw fail(
          concat({"label of sample ", i, " is ", label, ", classes are 0 to ", classes - 1}));
    d.y[i] = label;
  }
  return d;
}

}  // namespace lrlab
