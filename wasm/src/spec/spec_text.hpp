// Turning run-spec text into JSON: the one entry point for the CLI, the WASM
// bindings and the tests, so every surface rejects malformed text the same way.
#pragma once

#include <string>

#include "spec/spec_reader.hpp"

namespace lrlab {

constexpr size_t kMaxSpecBytes = 64u << 20;  // 64 MiB: inline data sets fit, runaway input doesn't
constexpr int kMaxSpecDepth = 32;            // specs nest a few levels; deep input is hostile
// A spec's strings are names, notes and expressions (at most Expression::kMaxLength): 64 KiB
// is far above any of them, and refusing longer ones before parsing keeps a 10 MB string
// from costing the JSON lexer's per-character work.
constexpr size_t kMaxSpecStringBytes = 64u << 10;

// Parses strict JSON (RFC 8259). Throws SpecError("spec", ...) with the byte offset
// for a syntax error, and for text that is too large or nested too deeply; SpecError(path, ...)
// for a duplicate key or a string longer than kMaxSpecStringBytes.
Json parse_spec_text(const std::string& text);

}  // namespace lrlab
