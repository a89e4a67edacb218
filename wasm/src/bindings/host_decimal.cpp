// strtod for the WebAssembly engine, converted by the JS host (issue 9: the core's size).
// musl's strtod rounds through 128-bit long double arithmetic done in software: with its
// helpers (__floatscan, __divtf3, __multf3, fmodl, ...) about 16 KB of wasm code, 7 KB gzip,
// for the one thing the engine parses, decimal literals. JavaScript's Number() converts
// decimal text correctly rounded (V8's strtod is exact for any number of digits), like
// glibc's strtod on the native build and Python's float(), so both builds read every spec
// the same way (tests/js/wasm_libc.test.mjs holds it to that on hard cases).
//
// The engine's only callers are nlohmann-json's lexer (a JSON number it has validated) and the
// lr_lambda expression parser (a Python literal it has scanned, wasm/src/expr): decimal
// text. So this strtod reads [space][sign]digits[.digits][e[sign]digits] and nothing else;
// "inf", "nan" and hex floats convert nothing (*end = s), which neither caller passes.
// The whole strtod.o of libc is replaced (it also defines strtof, strtold and their _l
// forms), so those are defined here too; nothing in the engine calls them.
#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

#include <cstddef>

// The text is ASCII (digits, sign, '.', 'e'): one char code per byte.
EM_JS(double, lrlab_host_decimal, (const char* text, int length), {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(HEAPU8[text + i]);
  return Number(s);
});

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
const char* skip_digits(const char* p) {
  while (is_digit(*p)) ++p;
  return p;
}

double decimal_to_double(const char* s, char** end) {
  const char* p = s;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  const char* start = p;
  if (*p == '+' || *p == '-') ++p;
  const char* digits = p;
  p = skip_digits(p);
  bool any = p != digits;
  if (*p == '.') {
    const char* fraction = p + 1;
    p = skip_digits(fraction);
    any = any || p != fraction;
  }
  if (!any) {
    if (end) *end = const_cast<char*>(s);
    return 0.0;
  }
  if (*p == 'e' || *p == 'E') {  // an exponent only when digits follow it
    const char* q = p + 1;
    if (*q == '+' || *q == '-') ++q;
    if (is_digit(*q)) p = skip_digits(q);
  }
  if (end) *end = const_cast<char*>(p);
  return lrlab_host_decimal(start, static_cast<int>(p - start));
}

}  // namespace

extern "C" {
double strtod(const char* s, char** end) { return decimal_to_double(s, end); }
float strtof(const char* s, char** end) { return static_cast<float>(decimal_to_double(s, end)); }
long double strtold(const char* s, char** end) { return decimal_to_double(s, end); }
double strtod_l(const char* s, char** end, void*) { return decimal_to_double(s, end); }
float strtof_l(const char* s, char** end, void*) { return strtof(s, end); }
long double strtold_l(const char* s, char** end, void*) { return decimal_to_double(s, end); }
}
#endif
