#include "spec/json_record.hpp"

namespace lrlab {

Json json_object(std::initializer_list<JsonField> fields) {
  Json out = Json::object();
  for (const JsonField& f : fields) out.emplace(f.key, std::move(f.value));
  return out;
}

void put(Json& object, const char* key, Json value) { object[key] = std::move(value); }

}  // namespace lrlab
