// Building the engine's JSON records and replies field by field, through out-of-line calls.
// nlohmann's initializer-list constructor (Json{{"a", x}, {"b", y}}) and `obj["a"] = x`
// inline their type checks and key temporaries at every site; these keep a single copy
// (issue 9: the core's download size). Objects are std::maps, so the output is the same.
#pragma once

#include <initializer_list>

#include "spec/spec_reader.hpp"

namespace lrlab {

// One "key": value of a record. `value` is mutable so that json_object() can move it out
// of the initializer list (whose elements are const) instead of copying it.
struct JsonField {
  const char* key;
  mutable Json value;
};

// {"key": value, ...}; a key given twice keeps its first value, as Json{{...}} does.
Json json_object(std::initializer_list<JsonField> fields);

// object[key] = value.
void put(Json& object, const char* key, Json value);

}  // namespace lrlab
