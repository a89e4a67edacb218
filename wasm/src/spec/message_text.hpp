// Text that goes into error messages. Messages quote the learner's input, and
// input can be anything: bytes that are not UTF-8, a 10 MB string, control
// characters. Every message leaving the engine passes through utf8_safe(), so it
// is valid UTF-8 (JSON can carry it, a terminal can print it) and short.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lrlab {

// Valid UTF-8 copy of `text`: invalid bytes and control characters become "\xNN",
// and text longer than `max_bytes` is cut at a character boundary and ends in "...".
std::string utf8_safe(std::string_view text, size_t max_bytes = 1000);

// `text` as a JSON string literal for "got ..." in messages, cut to `max_bytes`
// of content ("\"xxxxxxx...\"").
std::string quote_for_message(std::string_view text, size_t max_bytes = 40);

}  // namespace lrlab
