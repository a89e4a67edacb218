#include "spec/spec_text.hpp"

namespace lrlab {

Json parse_spec_text(const std::string& text) {
  if (text.size() > kMaxSpecBytes)
    throw SpecError("spec", "must be at most " + std::to_string(kMaxSpecBytes >> 20) +
                                " MiB of JSON, got " + std::to_string(text.size()) + " bytes");
  // The callback sees every structural event in order, so the nesting depth is
  // known before the parser builds the value (hostile "[[[[..." never recurses far).
  int depth = 0;
  auto guard = [&depth](int, Json::parse_event_t event, Json&) {
    if (event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) {
      if (++depth > kMaxSpecDepth)
        throw SpecError("spec", "nesting deeper than " + std::to_string(kMaxSpecDepth) + " levels");
    } else if (event == Json::parse_event_t::object_end ||
               event == Json::parse_event_t::array_end) {
      --depth;
    }
    return true;
  };
  try {
    return Json::parse(text, guard);
  } catch (const Json::exception& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 9: ..." or
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'"; keep the readable tail.
    std::string what = e.what();
    const auto at = what.find("] ");
    throw SpecError("spec",
                    "invalid JSON: " + (at == std::string::npos ? what : what.substr(at + 2)));
  }
}

}  // namespace lrlab
