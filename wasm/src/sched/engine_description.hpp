// What the engine accepts, as data: every scheduler's and optimizer's declaration
// ({"schedulers": [...], "optimizers": [...]}). Published by the describe() binding and, at
// build time, as dist/engine/schedulers.json, from which the .d.ts and the site's catalog
// defaults are derived.
#pragma once

#include "spec/spec_reader.hpp"

namespace lrlab {

Json describe_engine();

}  // namespace lrlab
