#include "spec/spec_reader.hpp"

#include <algorithm>
#include <cmath>

namespace lrlab {

namespace {

// Bounds read as people write them: 0, 1, 1000000, 0.5 (not 0.0 or 1e+06).
std::string format_bound(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return Json(v).dump();
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool Range::contains(double v) const {
  if (!std::isfinite(v)) return false;
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string Range::describe() const {
  const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
  if (!has_lo && !has_hi) return "a finite number";
  if (has_lo && !has_hi)
    return std::string("a number ") + (lo_open ? "> " : ">= ") + format_bound(lo);
  if (!has_lo && has_hi)
    return std::string("a number ") + (hi_open ? "< " : "<= ") + format_bound(hi);
  return std::string("a number in ") + (lo_open ? "(" : "[") + format_bound(lo) + ", " +
         format_bound(hi) + (hi_open ? ")" : "]");
}

std::string describe_value(const Json& v) {
  if (v.is_string()) return quote_for_message(v.get_ref<const std::string&>());
  if (v.is_array()) return "an array of " + std::to_string(v.size());
  if (v.is_object()) return "an object";
  std::string s = v.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  // A suggestion needs distance <= limit, and the distance is at least the length
  // difference: a word longer than every candidate by more than the limit has none.
  // Checked first, so a 10 MB string costs nothing here (the distance is O(n*m)).
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  size_t longest = 0;
  for (const auto& c : candidates) longest = std::max(longest, c.size());
  if (word.size() > longest + limit) return std::string();
  const std::string w = lower(word);
  std::string best;
  size_t best_d = std::numeric_limits<size_t>::max();
  for (const auto& c : candidates) {
    const size_t d = edit_distance(w, lower(c));
    if (d < best_d) best_d = d, best = c;
  }
  return best_d <= limit ? best : std::string();
}

std::string join_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string integer_range_text(int64_t lo, int64_t hi) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (hi == kMax) return "an integer >= " + std::to_string(lo);
  return "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

double read_number(const Json& v, const std::string& path, const Range& range) {
  if (!v.is_number())
    throw_spec_error(path, concat({"must be ", range.describe(), ", got ", describe_value(v)}));
  const double d = v.get<double>();
  if (!range.contains(d))
    throw_spec_error(path, concat({"must be ", range.describe(), ", got ", describe_value(v)}));
  return d;
}

int64_t read_integer(const Json& v, const std::string& path, int64_t lo, int64_t hi) {
  bool ok = false;
  int64_t i = 0;
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    i = static_cast<int64_t>(u);
    ok = u <= static_cast<uint64_t>(hi) && i >= lo;
  } else if (v.is_number_integer()) {
    i = v.get<int64_t>();
    ok = i >= lo && i <= hi;
  }
  if (ok) return i;
  // The message is built only for a value refused: every spec reads a dozen integers.
  throw_spec_error(path,
                   concat({"must be ", integer_range_text(lo, hi), ", got ", describe_value(v)}));
}

SpecObject::SpecObject(const Json& j, std::string path) : j_(&j), path_(std::move(path)) {
  if (!j.is_object())
    throw_spec_error(path_.empty() ? "spec" : path_,
                     concat({"must be a JSON object, got ", describe_value(j)}));
}

bool SpecObject::has(std::string_view key) const { return j_->contains(key); }

const Json* SpecObject::get(std::string_view key) {
  known_.emplace(key);
  auto it = j_->find(key);
  return it == j_->end() ? nullptr : &*it;
}

void SpecObject::ignore(std::initializer_list<std::string_view> keys) {
  for (auto k : keys) known_.emplace(k);
}

double SpecObject::number(std::string_view key, double fallback, const Range& range) {
  const Json* v = get(key);
  return v ? read_number(*v, field_path(key), range) : fallback;
}

double SpecObject::required_number(std::string_view key, const Range& range) {
  const Json* v = get(key);
  if (!v) throw_spec_error(field_path(key), concat({"is required (", range.describe(), ")"}));
  return read_number(*v, field_path(key), range);
}

int64_t SpecObject::integer(std::string_view key, int64_t fallback, int64_t lo, int64_t hi) {
  const Json* v = get(key);
  return v ? read_integer(*v, field_path(key), lo, hi) : fallback;
}

int64_t SpecObject::required_integer(std::string_view key, int64_t lo, int64_t hi) {
  const Json* v = get(key);
  if (!v)
    throw_spec_error(field_path(key), concat({"is required (", integer_range_text(lo, hi), ")"}));
  return read_integer(*v, field_path(key), lo, hi);
}

bool SpecObject::boolean(std::string_view key, bool fallback) {
  const Json* v = get(key);
  if (!v) return fallback;
  if (!v->is_boolean())
    throw_spec_error(field_path(key), concat({"must be true or false, got ", describe_value(*v)}));
  return v->get<bool>();
}

static std::string choices_text(const std::vector<std::string>& allowed) {
  std::string s;
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (i) s += i + 1 == allowed.size() ? " or " : ", ";
    s += Json(allowed[i]).dump();
  }
  return s;
}

std::string SpecObject::choice(std::string_view key, const std::string& fallback,
                               const std::vector<std::string>& allowed) {
  const Json* v = get(key);
  if (!v) return fallback;
  const std::string s = v->is_string() ? v->get<std::string>() : std::string();
  if (v->is_string() && std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return s;
  // The message is built only for a value refused (the scheduler type alone has 15 choices).
  const std::string hint = v->is_string() ? closest_name(s, allowed) : std::string();
  throw_spec_error(field_path(key),
                   concat({"must be one of ", choices_text(allowed), ", got ", describe_value(*v),
                           hint.empty() ? "" : "; did you mean " + Json(hint).dump() + "?"}));
}

std::string SpecObject::required_choice(std::string_view key,
                                        const std::vector<std::string>& allowed) {
  if (!has(key)) {
    known_.emplace(key);
    throw_spec_error(field_path(key), concat({"is required (one of ", choices_text(allowed), ")"}));
  }
  return choice(key, "", allowed);
}

std::string SpecObject::string(std::string_view key, const std::string& fallback,
                               size_t max_length) {
  const Json* v = get(key);
  if (!v) return fallback;
  if (!v->is_string())
    throw_spec_error(field_path(key), concat({"must be a string, got ", describe_value(*v)}));
  std::string s = v->get<std::string>();
  if (s.size() > max_length)
    throw_spec_error(field_path(key),
                     concat({"must be at most ", max_length, " characters, got ", s.size()}));
  return s;
}

std::vector<double> SpecObject::number_per_group(std::string_view key, double fallback,
                                                 size_t groups, const Range& range) {
  if (!has(key)) {
    known_.emplace(key);
    return std::vector<double>(groups, fallback);
  }
  return required_number_per_group(key, groups, range);
}

std::vector<double> SpecObject::required_number_per_group(std::string_view key, size_t groups,
                                                          const Range& range) {
  const Json* v = get(key);
  const std::string path = field_path(key);
  if (!v)
    throw_spec_error(
        path, concat({"is required (", range.describe(), ", or an array of one per param group)"}));
  if (v->is_array()) {
    if (v->size() != groups)
      throw_spec_error(
          path, concat({"expected ", groups, " values (one per param group), got ", v->size()}));
    std::vector<double> out;
    for (size_t i = 0; i < v->size(); ++i)
      out.push_back(read_number((*v)[i], index_path(path, i), range));
    return out;
  }
  if (!v->is_number())
    throw_spec_error(
        path, concat({"must be ", range.describe(), " or an array of one per param group, got ",
                      describe_value(*v)}));
  return std::vector<double>(groups, read_number(*v, path, range));
}

void SpecObject::finish() const {
  std::vector<std::string> names(known_.begin(), known_.end());
  for (auto it = j_->begin(); it != j_->end(); ++it) {
    if (known_.count(it.key())) continue;
    const std::string hint = closest_name(it.key(), names);
    throw_spec_error(
        field_path(it.key()),
        concat({"unknown key", (hint.empty() ? std::string() : "; did you mean " + hint + "?")}));
  }
}

}  // namespace lrlab
