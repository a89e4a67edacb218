// See integer_printf.hpp: C11 7.21.6.1 for the flags, width and precision rules followed here.
#include "platform/integer_printf.hpp"

#include <cstdint>

namespace lrlab {
namespace {

// Appends to a bounded buffer while counting every byte the whole text needs.
class Sink {
 public:
  Sink(char* out, size_t size) : out_(out), size_(size) {}
  void put(char c) {
    if (size_ > 0 && length_ < size_ - 1) out_[length_] = c;
    ++length_;
  }
  void repeat(char c, int n) {
    while (n-- > 0) put(c);
  }
  void write(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) put(s[i]);
  }
  int finish() {
    if (size_ > 0) out_[length_ < size_ ? length_ : size_ - 1] = '\0';
    return static_cast<int>(length_);
  }

 private:
  char* out_;
  size_t size_;
  size_t length_ = 0;
};

struct Spec {
  bool left = false, plus = false, space = false, alternate = false, zero = false;
  int width = 0;
  int precision = -1;  // none given
};

enum class Length { kInt, kChar, kShort, kLong, kLongLong, kIntMax, kSize, kPtrDiff };

uintmax_t unsigned_arg(Length length, va_list& args) {
  switch (length) {
    case Length::kChar:
      return static_cast<unsigned char>(va_arg(args, unsigned));
    case Length::kShort:
      return static_cast<unsigned short>(va_arg(args, unsigned));
    case Length::kLong:
      return va_arg(args, unsigned long);
    case Length::kLongLong:
      return va_arg(args, unsigned long long);
    case Length::kIntMax:
      return va_arg(args, uintmax_t);
    case Length::kSize:
      return va_arg(args, size_t);
    case Length::kPtrDiff:
      return static_cast<uintmax_t>(va_arg(args, ptrdiff_t));
    case Length::kInt:
      break;
  }
  return va_arg(args, unsigned);
}

intmax_t signed_arg(Length length, va_list& args) {
  switch (length) {
    case Length::kChar:
      return static_cast<signed char>(va_arg(args, int));
    case Length::kShort:
      return static_cast<short>(va_arg(args, int));
    case Length::kLong:
      return va_arg(args, long);
    case Length::kLongLong:
      return va_arg(args, long long);
    case Length::kIntMax:
      return va_arg(args, intmax_t);
    case Length::kSize:
      return static_cast<intmax_t>(va_arg(args, size_t));
    case Length::kPtrDiff:
      return va_arg(args, ptrdiff_t);
    case Length::kInt:
      break;
  }
  return va_arg(args, int);
}

// One integer conversion: sign or prefix, zeros up to the precision, padding up to the width.
void put_integer(Sink& sink, const Spec& spec, uintmax_t magnitude, bool negative,
                 char conversion) {
  const unsigned base = conversion == 'o' ? 8 : (conversion == 'x' || conversion == 'X') ? 16 : 10;
  const char* digits = conversion == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  char text[24];  // the digits of a 64-bit value in octal fit in 22
  int n = 0;
  for (uintmax_t v = magnitude; v != 0; v /= base) text[n++] = digits[v % base];
  int precision = spec.precision < 0 ? 1 : spec.precision;  // "0" unless precision 0 and value 0
  // '#' with o: the first digit is a zero; with x/X and a nonzero value: a 0x/0X prefix.
  if (conversion == 'o' && spec.alternate && precision <= n) precision = n + 1;
  const char* prefix = "";
  if (negative)
    prefix = "-";
  else if ((conversion == 'd' || conversion == 'i') && spec.plus)
    prefix = "+";
  else if ((conversion == 'd' || conversion == 'i') && spec.space)
    prefix = " ";
  else if (spec.alternate && magnitude != 0 && base == 16)
    prefix = conversion == 'X' ? "0X" : "0x";
  size_t prefix_length = 0;
  while (prefix[prefix_length] != '\0') ++prefix_length;
  int zeros = precision > n ? precision - n : 0;
  const int body = static_cast<int>(prefix_length) + zeros + n;
  // The 0 flag pads with zeros after the sign, unless a precision or '-' is given.
  if (spec.zero && !spec.left && spec.precision < 0 && spec.width > body)
    zeros += spec.width - body;
  const int padding = spec.width - (static_cast<int>(prefix_length) + zeros + n);
  if (!spec.left) sink.repeat(' ', padding);
  sink.write(prefix, prefix_length);
  sink.repeat('0', zeros);
  while (n > 0) sink.put(text[--n]);
  if (spec.left) sink.repeat(' ', padding);
}

void put_text(Sink& sink, const Spec& spec, const char* s, size_t n) {
  const int padding = spec.width - static_cast<int>(n);
  if (!spec.left) sink.repeat(' ', padding);
  sink.write(s, n);
  if (spec.left) sink.repeat(' ', padding);
}

}  // namespace

int format_integers(char* out, size_t size, const char* format, va_list args_in) {
  Sink sink(out, size);
  va_list args;
  va_copy(args, args_in);
  int result = 0;
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p != '%') {
      sink.put(*p);
      continue;
    }
    Spec spec;
    for (;; ++p) {  // flags
      const char f = p[1];
      if (f == '-')
        spec.left = true;
      else if (f == '+')
        spec.plus = true;
      else if (f == ' ')
        spec.space = true;
      else if (f == '#')
        spec.alternate = true;
      else if (f == '0')
        spec.zero = true;
      else
        break;
    }
    ++p;
    if (*p == '*') {  // a negative width argument is the '-' flag and its magnitude
      const int w = va_arg(args, int);
      spec.left = spec.left || w < 0;
      spec.width = w < 0 ? -w : w;
      ++p;
    } else {
      while (*p >= '0' && *p <= '9') spec.width = spec.width * 10 + (*p++ - '0');
    }
    if (*p == '.') {
      ++p;
      spec.precision = 0;
      if (*p == '*') {
        const int v = va_arg(args, int);
        spec.precision = v < 0 ? -1 : v;  // a negative precision is taken as none
        ++p;
      } else {
        while (*p >= '0' && *p <= '9') spec.precision = spec.precision * 10 + (*p++ - '0');
      }
    }
    Length length = Length::kInt;
    if (*p == 'h')
      length = *++p == 'h' ? (++p, Length::kChar) : Length::kShort;
    else if (*p == 'l')
      length = *++p == 'l' ? (++p, Length::kLongLong) : Length::kLong;
    else if (*p == 'j')
      ++p, length = Length::kIntMax;
    else if (*p == 'z')
      ++p, length = Length::kSize;
    else if (*p == 't')
      ++p, length = Length::kPtrDiff;
    const char c = *p;
    if (c == 'd' || c == 'i') {
      const intmax_t v = signed_arg(length, args);
      const uintmax_t magnitude = v < 0 ? 0 - static_cast<uintmax_t>(v) : static_cast<uintmax_t>(v);
      put_integer(sink, spec, magnitude, v < 0, c);
    } else if (c == 'u' || c == 'o' || c == 'x' || c == 'X') {
      put_integer(sink, spec, unsigned_arg(length, args), false, c);
    } else if (c == 'c') {
      const char ch = static_cast<char>(va_arg(args, int));
      put_text(sink, spec, &ch, 1);
    } else if (c == 's') {
      const char* s = va_arg(args, const char*);
      if (s == nullptr) s = "(null)";
      size_t n = 0;
      while ((spec.precision < 0 || n < static_cast<size_t>(spec.precision)) && s[n] != '\0') ++n;
      put_text(sink, spec, s, n);
    } else if (c == '%') {
      sink.put('%');
    } else {  // outside the subset (or the format ended inside a conversion)
      result = -1;
      break;
    }
  }
  va_end(args);
  const int length = sink.finish();
  return result < 0 ? result : length;
}

}  // namespace lrlab

#ifdef __EMSCRIPTEN__
// The wasm build's snprintf and vsnprintf (integer_printf.hpp says why); musl's stay out of it.
extern "C" int vsnprintf(char* out, size_t size, const char* format, va_list args) {
  return lrlab::format_integers(out, size, format, args);
}
extern "C" int snprintf(char* out, size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int n = lrlab::format_integers(out, size, format, args);
  va_end(args);
  return n;
}
#endif
