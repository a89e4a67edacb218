#include "spec/message_text.hpp"

#include <nlohmann/json.hpp>

namespace lrlab {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629 table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF), or 0 if there is none.
size_t sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80) return 1;
  size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;  // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead == 0xE0) {
    n = 3, lo = 0xA0;
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    n = 3;
  } else if (lead == 0xED) {
    n = 3, hi = 0x9F;
  } else if (lead == 0xF0) {
    n = 4, lo = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    n = 4;
  } else if (lead == 0xF4) {
    n = 4, hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

}  // namespace

std::string utf8_safe(std::string_view text, size_t max_bytes) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 3);
  size_t cut = 0;  // the last character boundary that leaves room for "..."
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t n = sequence_length(text, i);
    const bool escape = n == 0 || b < 0x20 || b == 0x7F;
    const size_t width = escape ? 4 : n;
    if (out.size() + 3 <= max_bytes) cut = out.size();
    if (out.size() + width > max_bytes) {
      out.resize(cut);
      out += "...";
      break;
    }
    if (escape) {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string quote_for_message(std::string_view text, size_t max_bytes) {
  // utf8_safe leaves no control characters, so the JSON quoting only adds \" and \\.
  return nlohmann::json(utf8_safe(text, max_bytes)).dump();
}

std::string concat(std::initializer_list<MessagePart> parts) {
  std::string out;
  for (const MessagePart& p : parts) {
    if (p.kind == MessagePart::kText)
      out += p.text;
    else if (p.kind == MessagePart::kSigned)
      out += std::to_string(static_cast<long long>(p.number));
    else
      out += std::to_string(p.number);
  }
  return out;
}

}  // namespace lrlab
