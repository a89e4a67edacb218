#include "spec/spec_text.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

namespace lrlab {

namespace {

// Builds the Json value from nlohmann's SAX events, in time linear in the text.
//
// Why not Json::parse with a callback: nlohmann 3.11's callback DOM parser, at the end
// of every object, scans the whole enclosing container for a discarded element
// (json_sax_dom_callback_parser::end_object), so an array of n objects costs O(n^2):
// 40,000 "{}" took 21 s. Building the value here also lets us refuse what strict JSON
// allows but a run-spec must not have: duplicate keys (json.hpp keeps the last one
// silently) and deep nesting (checked before the value grows).
class SpecBuilder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  Json take() { return std::move(root_); }

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool v) { return put(Json(v)); }
  bool number_integer(number_integer_t v) { return put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return put(Json(v)); }
  bool number_float(number_float_t v, const string_t&) { return put(Json(v)); }
  bool string(string_t& v) { return put(Json(std::move(v))); }
  bool binary(binary_t&) { return false; }  // JSON text has no binary values

  bool start_object(size_t) { return open(Json::value_t::object); }
  bool start_array(size_t) { return open(Json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& k) {
    const Json& object = *open_.back().value;
    if (object.contains(k)) throw_spec_error(path_of(k), "duplicate key");
    key_ = std::move(k);
    after_key_ = true;
    return true;
  }

  // Parsing only the text before a token (see long_string_path): the end of that text is
  // expected, a syntax error before it is the spec's own.
  void stop_at(size_t offset) { stop_at_ = offset; }

  // Where the next value or key would go: its path, or its parent's with " (a key)".
  std::string next_path() const {
    if (open_.empty()) return "spec";
    const Json& parent = *open_.back().value;
    if (parent.is_array()) return index_path(path_of_open(open_.size()), parent.size());
    if (after_key_) return path_of(key_);
    const std::string object = path_of_open(open_.size());
    return (object.empty() ? std::string("spec") : object) + " (a key)";
  }

  template <class Exception>
  bool parse_error(size_t position, const std::string& token, const Exception& e) {
    if (stop_at_ != std::string::npos && position >= stop_at_) return false;
    // The one error that is not about syntax: a number beyond the doubles ("1e400"; Python's
    // json reads it as inf, JavaScript's JSON.parse as Infinity). It belongs to a field.
    if constexpr (std::is_same_v<Exception, nlohmann::detail::out_of_range>)
      throw_spec_error(next_path(),
                       concat({utf8_safe(token, 40),
                               " is beyond the largest double (1.7976931348623157e308); a "
                               "run-spec has no infinities (docs/run-spec.md, Numbers)"}));
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 9: ..." or
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'"; keep the readable
    // tail. It quotes the last token read, which can be a cut UTF-8 sequence or megabytes
    // long: SpecError makes it safe and short.
    const std::string what = e.what();
    const auto at = what.find("] ");
    throw_spec_error(
        "spec", concat({"invalid JSON: ", (at == std::string::npos ? what : what.substr(at + 2))}));
  }

 private:
  // An array or object not yet closed, and where it sits in its parent (for paths).
  struct Open {
    Json* value;
    std::string key;  // when the parent is an object
    size_t index;     // when the parent is an array
  };

  Json* put(Json&& v) {
    after_key_ = false;
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json& parent = *open_.back().value;
    if (parent.is_array()) {
      parent.get_ref<Json::array_t&>().push_back(std::move(v));
      return &parent.get_ref<Json::array_t&>().back();
    }
    return &(parent.get_ref<Json::object_t&>()[std::move(key_)] = std::move(v));
  }

  bool open(Json::value_t type) {
    if (open_.size() >= static_cast<size_t>(kMaxSpecDepth))
      throw_spec_error("spec", concat({"nesting deeper than ", kMaxSpecDepth, " levels"}));
    Open frame{nullptr, {}, 0};
    if (!open_.empty()) {
      const Json& parent = *open_.back().value;
      if (parent.is_array())
        frame.index = parent.size();
      else
        frame.key = key_;
    }
    frame.value = put(Json(type));
    open_.push_back(std::move(frame));
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  // JSON path of `key` in the innermost open object.
  std::string path_of(const std::string& key) const {
    return join_path(path_of_open(open_.size()), key);
  }

  // JSON path of the first `n` open containers' innermost one ("" for the root).
  std::string path_of_open(size_t n) const {
    std::string path;
    for (size_t i = 1; i < n; ++i) {
      const Open& frame = open_[i];
      if (open_[i - 1].value->is_array())
        path = index_path(path, frame.index);
      else
        path = join_path(path, frame.key);
    }
    return path;
  }

  Json root_;
  std::vector<Open> open_;
  std::string key_;
  bool after_key_ = false;
  size_t stop_at_ = std::string::npos;
};

// The first string token longer than kMaxSpecStringBytes, as [opening quote, closing quote);
// {npos, 0} when there is none. memchr hops from quote to quote (a word at a time), far
// cheaper than the lexer on the same bytes; a quote after an odd run of backslashes is
// escaped and does not close the string.
std::pair<size_t, size_t> find_long_string(const std::string& text) {
  const char* p = text.data();
  const size_t n = text.size();
  auto next_quote = [&](size_t from) {
    const void* q = from < n ? std::memchr(p + from, '"', n - from) : nullptr;
    return q ? static_cast<size_t>(static_cast<const char*>(q) - p) : n;
  };
  for (size_t open = next_quote(0); open < n;) {
    size_t close = next_quote(open + 1);
    while (close < n) {
      size_t slashes = 0;
      while (close - slashes > open + 1 && p[close - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) break;
      close = next_quote(close + 1);
    }
    if (close - open - 1 > kMaxSpecStringBytes) return {open, close};
    if (close >= n) break;
    open = next_quote(close + 1);
  }
  return {std::string::npos, 0};
}

// The path of the string token at `offset`, from the text before it: a spec that is valid
// JSON up to there names where the string sits; one that is not reports its syntax error.
std::string long_string_path(const std::string& text, size_t offset) {
  SpecBuilder prefix;
  prefix.stop_at(offset);
  Json::sax_parse(text.substr(0, offset), &prefix);
  return prefix.next_path();
}

}  // namespace

Json parse_spec_text(const std::string& text) {
  if (text.size() > kMaxSpecBytes)
    throw_spec_error("spec", concat({"must be at most ", kMaxSpecBytes >> 20, " MiB (",
                                     kMaxSpecBytes, " bytes) of JSON; the text is larger"}));
  if (const auto [open, close] = find_long_string(text); open != std::string::npos)
    throw_spec_error(
        long_string_path(text, open),
        concat({"a string of ", close - open - 1, " bytes; a spec's strings are at most ",
                kMaxSpecStringBytes, " bytes (names, notes, expressions)"}));
  // nlohmann-json's lexer reads a NUL byte as the end of the input (for C strings): the text
  // after it would be dropped without a word. JSON allows no raw NUL, not even in a string.
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    throw_spec_error("spec", concat({"invalid JSON: a NUL character at byte ", nul}));
  SpecBuilder builder;
  if (!Json::sax_parse(text, &builder)) throw_spec_error("spec", "invalid JSON");
  return builder.take();
}

}  // namespace lrlab
