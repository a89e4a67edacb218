// Text that goes into error messages. Messages quote the learner's input, and
// input can be anything: bytes that are not UTF-8, a 10 MB string, control
// characters. Every message leaving the engine passes through utf8_safe(), so it
// is valid UTF-8 (JSON can carry it, a terminal can print it) and short.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

namespace lrlab {

// Valid UTF-8 copy of `text`: invalid bytes and control characters become "\xNN",
// and text longer than `max_bytes` is cut at a character boundary and ends in "...".
std::string utf8_safe(std::string_view text, size_t max_bytes = 1000);

// `text` as a JSON string literal for "got ..." in messages, cut to `max_bytes`
// of content ("\"xxxxxxx...\"").
std::string quote_for_message(std::string_view text, size_t max_bytes = 40);

// One piece of a message: text, or an integer written as std::to_string writes it.
struct MessagePart {
  MessagePart(const char* text) : text(text) {}
  MessagePart(const std::string& text) : text(text) {}
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                             !std::is_same_v<T, char>,
                                         int> = 0>
  MessagePart(T n)
      : kind(std::is_signed_v<T> ? kSigned : kUnsigned),
        number(static_cast<unsigned long long>(n)) {}

  enum Kind { kText, kSigned, kUnsigned };
  Kind kind = kText;
  std::string_view text;
  unsigned long long number = 0;  // the integer's bits (two's complement when kSigned)
};

// The parts joined: concat({"got ", n, " rows"}). One call where `"got " + std::to_string(n)
// + " rows"` inlined a temporary string, and its clean-up on the exception path, per `+`
// (issue 9: the core's size; messages are built at ~150 throw sites).
std::string concat(std::initializer_list<MessagePart> parts);

}  // namespace lrlab
