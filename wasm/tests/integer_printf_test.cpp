// The wasm build's snprintf subset (platform/integer_printf.hpp) against glibc's vsnprintf:
// the same text and the same return value for every conversion, flag, width and precision it
// supports, at every buffer size; -1 outside the subset.
#include <gtest/gtest.h>

#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "platform/integer_printf.hpp"

namespace {

struct Output {
  std::string text;
  int result;
};

// Formats through `vsnprintf_like` (ours or glibc's) into a buffer of `size` bytes.
using Vsnprintf = int (*)(char*, size_t, const char*, va_list);
Output format_with(Vsnprintf vsnprintf_like, size_t size, const char* format, ...) {
  std::vector<char> buffer(size + 1, '#');
  va_list args;
  va_start(args, format);
  const int r = vsnprintf_like(buffer.data(), size, format, args);
  va_end(args);
  return {std::string(buffer.data(), size == 0 ? 0 : size), r};
}

template <typename... Args>
Output ours(size_t size, const char* format, Args... args) {
  return format_with(lrlab::format_integers, size, format, args...);
}
template <typename... Args>
Output glibc(size_t size, const char* format, Args... args) {
  return format_with(std::vsnprintf, size, format, args...);
}

#define EXPECT_LIKE_GLIBC(size, ...)                               \
  do {                                                             \
    const Output a = ours(size, __VA_ARGS__);                      \
    const Output b = glibc(size, __VA_ARGS__);                     \
    EXPECT_EQ(a.result, b.result) << #__VA_ARGS__;                 \
    EXPECT_EQ(a.text, b.text) << #__VA_ARGS__ << " size " << size; \
  } while (false)

TEST(IntegerPrintf, NlohmannsFormatsAsGlibc) {
  for (int c : {0, 1, 0x1f, 0x7f, 0xab, 0xff}) {
    EXPECT_LIKE_GLIBC(64, "<U+%.4X>", c);
    EXPECT_LIKE_GLIBC(64, "%.2X", c);
    EXPECT_LIKE_GLIBC(7, "\\u%04x", c);
  }
  EXPECT_LIKE_GLIBC(13, "\\u%04x\\u%04x", 0xd83d, 0xde00);
}

TEST(IntegerPrintf, EveryFlagWidthAndPrecisionAsGlibc) {
  const std::vector<std::string> flags = {"",   "-",  "+",  " ",  "#", "0",
                                          "-0", "+ ", "#0", "-#", "0+"};
  const std::vector<std::string> widths = {"", "1", "5", "12"};
  const std::vector<std::string> precisions = {"", ".", ".0", ".1", ".4", ".10"};
  const std::vector<long long> values = {0,   1,     -1,      7,       42,        -42,
                                         255, 65535, INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN};
  for (const auto& f : flags)
    for (const auto& w : widths)
      for (const auto& p : precisions) {
        for (const char* conv : {"d", "i", "u", "o", "x", "X"})
          for (long long v : values) {
            const std::string ll = "%" + f + w + p + "ll" + conv;
            EXPECT_LIKE_GLIBC(64, ll.c_str(), v);
            const std::string plain = "%" + f + w + p + conv;
            EXPECT_LIKE_GLIBC(64, plain.c_str(), static_cast<int>(v));
          }
        const std::string s = "%" + f + w + p + "s";
        for (const char* text : {"", "a", "hello", "a longer string"})
          EXPECT_LIKE_GLIBC(64, s.c_str(), text);
        if (p.empty()) {
          const std::string c = "%" + f + w + "c";
          EXPECT_LIKE_GLIBC(64, c.c_str(), 'x');
        }
      }
}

TEST(IntegerPrintf, LengthModifiersStarsAndPercentAsGlibc) {
  EXPECT_LIKE_GLIBC(64, "%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
  EXPECT_LIKE_GLIBC(64, "%ld %lu %lx", -5L, 5UL, 255UL);
  EXPECT_LIKE_GLIBC(64, "%zu %zx %jd %td", size_t{12345}, size_t{255}, intmax_t{-9}, ptrdiff_t{-3});
  EXPECT_LIKE_GLIBC(64, "[%*d] [%-*d] [%*d]", 6, 42, 6, 42, -6, 42);
  EXPECT_LIKE_GLIBC(64, "[%.*d] [%.*d] [%.*s]", 5, 42, -1, 42, 3, "abcdef");
  EXPECT_LIKE_GLIBC(64, "100%% of %s", "it");
}

TEST(IntegerPrintf, TruncatesAsGlibcAtEveryBufferSize) {
  for (size_t size = 0; size <= 20; ++size) {
    EXPECT_LIKE_GLIBC(size, "<U+%.4X> at %s", 0x1f, "line 3");
    EXPECT_LIKE_GLIBC(size, "%-8d|%08x", -12, 0xbeef);
  }
}

TEST(IntegerPrintf, FloatingPointAndPointersAreOutsideTheSubset) {
  EXPECT_EQ(ours(64, "%f", 1.5).result, -1);
  EXPECT_EQ(ours(64, "%g", 1.5).result, -1);
  EXPECT_EQ(ours(64, "x=%p", nullptr).result, -1);
  const Output partial = ours(64, "n=%d, x=%e", 3, 2.0);
  EXPECT_EQ(partial.result, -1);
  EXPECT_EQ(std::string(partial.text.c_str()), "n=3, x=");  // what came before, terminated
}

}  // namespace
