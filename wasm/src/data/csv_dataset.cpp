#include "data/csv_dataset.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>

namespace lrlab {

namespace {

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  std::string t = s.substr(a, b - a);
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
  return t;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) {
      fields.push_back(trim(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  fields.push_back(trim(cur));
  return fields;
}

bool parse_double(const std::string& s, double* out) {
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool parse_int(const std::string& s, long long* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (end != s.c_str() + s.size() || errno == ERANGE) return false;
  *out = v;
  return true;
}

std::string quote(const std::string& s) { return quote_for_message(s, 30); }

struct Line {
  size_t number;  // 1-based
  std::vector<std::string> fields;
};

}  // namespace

Dataset parse_csv_dataset(const std::string& text, const std::string& path,
                          const Json& label_column, const std::string& label_path,
                          const std::string& name) {
  auto fail = [&](size_t line, size_t column, const std::string& what) -> SpecError {
    std::string where = "line " + std::to_string(line);
    if (column > 0) where += ", column " + std::to_string(column);
    return SpecError(path, concat({where, ": ", what}));
  };
  if (text.size() > CsvLimits::kMaxBytes)
    throw_spec_error(path, concat({"CSV text of ", text.size(), " bytes is too large (at most ",
                                   CsvLimits::kMaxBytes, " bytes)"}));

  std::vector<std::string> declared_classes;
  std::vector<Line> lines;
  size_t number = 0, pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    const std::string t = trim(raw);
    if (t.empty()) continue;
    if (t[0] == '#') {
      const std::string tag = "# classes:";
      if (t.compare(0, tag.size(), tag) == 0) declared_classes = split_fields(t.substr(tag.size()));
      continue;
    }
    lines.push_back({number, split_fields(raw)});
    if (lines.size() > CsvLimits::kMaxRows + 1)
      throw fail(number, 0,
                 concat({"too many rows (at most ", CsvLimits::kMaxRows, " data rows)"}));
  }
  if (lines.empty()) throw_spec_error(path, "the CSV has no rows");

  const size_t columns = lines[0].fields.size();
  if (columns < 2)
    throw fail(lines[0].number, 0, "need at least 2 columns (features and a label), got 1");
  if (columns > CsvLimits::kMaxColumns)
    throw fail(lines[0].number, 0,
               concat({"too many columns: ", columns, " (at most ", CsvLimits::kMaxColumns, ")"}));

  // Header: the first line has a field that is not a number.
  bool header = false;
  for (const auto& f : lines[0].fields) {
    double v;
    if (!parse_double(f, &v)) header = true;
  }
  std::vector<std::string> names;
  if (header) {
    names = lines[0].fields;
  } else {
    for (size_t c = 0; c + 1 < columns; ++c) names.push_back("x" + std::to_string(c + 1));
    names.push_back("label");
  }

  // Which column holds the label.
  size_t label = columns - 1;
  if (label_column.is_string()) {
    const std::string want = label_column.get<std::string>();
    auto it = std::find(names.begin(), names.end(), want);
    if (!header || it == names.end()) {
      std::string msg = "no column named " + quote(want);
      const std::string near = header ? closest_name(want, names) : std::string();
      if (!near.empty()) msg += "; did you mean " + near + "?";
      if (!header) msg += " (the CSV has no header line)";
      throw_spec_error(label_path, msg);
    }
    label = static_cast<size_t>(it - names.begin());
  } else if (label_column.is_number_integer()) {
    const long long idx = label_column.get<long long>();
    if (idx < 0 || static_cast<size_t>(idx) >= columns)
      throw_spec_error(label_path,
                       concat({"must be a column index in [0, ", columns - 1, "], got ", idx}));
    label = static_cast<size_t>(idx);
  } else if (!label_column.is_null()) {
    throw_spec_error(label_path, concat({"must be a column name or a 0-based column index, got ",
                                         describe_value(label_column)}));
  }

  Dataset d;
  d.name = name;
  d.n_features = columns - 1;
  for (size_t c = 0; c < columns; ++c)
    if (c != label) d.feature_names.push_back(names[c]);

  std::vector<std::string> raw_labels;
  const size_t first = header ? 1 : 0;
  if (lines.size() - first > CsvLimits::kMaxRows)
    throw_spec_error(path, concat({"too many rows: ", lines.size() - first, " (at most ",
                                   CsvLimits::kMaxRows, ")"}));
  if (lines.size() == first) throw_spec_error(path, "the CSV has a header but no data rows");
  d.x.reserve((lines.size() - first) * d.n_features);
  for (size_t li = first; li < lines.size(); ++li) {
    const Line& l = lines[li];
    if (l.fields.size() != columns)
      throw fail(
          l.number, 0,
          concat({"expected ", columns, " fields like the first line, got ", l.fields.size()}));
    for (size_t c = 0; c < columns; ++c) {
      const std::string& f = l.fields[c];
      if (c == label) {
        if (f.empty()) throw fail(l.number, c + 1, "empty label");
        raw_labels.push_back(f);
        continue;
      }
      double v;
      if (f.empty())
        throw fail(l.number, c + 1, concat({"empty value in feature column ", quote(names[c])}));
      if (!parse_double(f, &v))
        throw fail(
            l.number, c + 1,
            concat({quote(f), " in feature column ", quote(names[c]), " is not a finite number"}));
      if (std::fabs(v) > 3.0e38)
        throw fail(l.number, c + 1,
                   concat({quote(f), " is outside the float32 range (|x| <= 3e38)"}));
      d.x.push_back(static_cast<float>(v));
    }
  }

  // Labels -> class indices.
  if (!declared_classes.empty()) {
    d.class_names = declared_classes;
    for (size_t i = 0; i < raw_labels.size(); ++i) {
      long long k;
      if (!parse_int(raw_labels[i], &k) || k < 0 ||
          static_cast<size_t>(k) >= declared_classes.size())
        throw fail(lines[first + i].number, label + 1,
                   concat({"label ", quote(raw_labels[i]), " must be a class index in [0, ",
                           declared_classes.size() - 1, "] (the file declares its classes)"}));
      d.y.push_back(static_cast<int32_t>(k));
    }
  } else {
    bool all_int = true;
    for (const auto& s : raw_labels) {
      long long k;
      if (!parse_int(s, &k)) all_int = false;
    }
    std::vector<std::string> distinct(raw_labels);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (all_int)
      std::sort(distinct.begin(), distinct.end(), [](const std::string& a, const std::string& b) {
        return std::stoll(a) < std::stoll(b);
      });
    if (distinct.size() < 2)
      throw_spec_error(path, concat({"the label column ", quote(names[label]),
                                     " has a single class; need at least 2"}));
    if (distinct.size() > CsvLimits::kMaxClasses)
      throw_spec_error(path,
                       concat({"the label column ", quote(names[label]), " has ", distinct.size(),
                               " distinct values (at most ", CsvLimits::kMaxClasses,
                               " classes); is it the right column?"}));
    std::map<std::string, int32_t> index;
    for (size_t k = 0; k < distinct.size(); ++k) index[distinct[k]] = static_cast<int32_t>(k);
    for (const auto& s : raw_labels) d.y.push_back(index.at(s));
    d.class_names = distinct;
  }
  return d;
}

}  // namespace lrlab
