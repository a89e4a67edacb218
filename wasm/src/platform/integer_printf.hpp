// The integer, character and string subset of C's vsnprintf, for the WebAssembly build
// (issue 9: the core's size). The engine's only printf caller is nlohmann-json: "%.2X" and
// "<U+%.4X>" in parse-error text and "\\u%04x" when it escapes a control character. musl's
// printf carries its floating-point formatting (4.7 KB gzip of the wasm) for none of them.
// integer_printf.cpp replaces snprintf/vsnprintf with this in the wasm build only; the native
// build keeps glibc's, and wasm/tests/integer_printf_test.cpp holds this to glibc's output.
#pragma once

#include <cstdarg>
#include <cstddef>

namespace lrlab {

// C's vsnprintf for the conversions d i u o x X c s % with every flag (- + space # 0), width
// and precision (digits or *) and the length modifiers hh h l ll j z t. Returns the length the
// whole text needs (writing at most `size` bytes, NUL included), or -1 at any other conversion
// (floating point, %p, %n): C's failure value, with the text formatted so far.
int format_integers(char* out, size_t size, const char* format, va_list args);

}  // namespace lrlab
