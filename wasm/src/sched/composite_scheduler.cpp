#include "sched/composite_scheduler.hpp"

namespace lrlab {

bool CompositeScheduler::cycles_momentum() const {
  for (const auto& s : schedulers_)
    if (s->cycles_momentum()) return true;
  return false;
}

Json CompositeScheduler::children_state() const {
  Json children = Json::array();
  for (const auto& s : schedulers_) children.push_back(s->state_dict());
  return children;
}

void CompositeScheduler::load_children_state(const Json& state, const std::string& path) {
  const Json& children = state_field(state, "_schedulers", path);
  const std::string p = join_path(path, "_schedulers");
  if (!children.is_array() || children.size() != schedulers_.size())
    throw_spec_error(p, concat({"must be an array of ", schedulers_.size(), " scheduler states"}));
  for (size_t i = 0; i < schedulers_.size(); ++i)
    schedulers_[i]->load_state_dict(children[i], index_path(p, i));
}

std::vector<std::unique_ptr<LRScheduler>> make_children(
    SchedulerArgs& a, std::string (*refuse)(const std::string& type)) {
  const std::string path = a.params.path("schedulers");
  const Json& list = a.params.raw("schedulers");  // an array of 1 to kMaxChildren (declared)
  std::vector<std::unique_ptr<LRScheduler>> children;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& child = list[i];
    if (child.is_object()) {  // looked up in place: no copy of the "type" value
      const auto type = child.find("type");
      if (type != child.end() && type->is_string()) {
        const std::string why = refuse(type->get<std::string>());
        if (!why.empty()) throw_spec_error(index_path(path, i), why);
      }
    }
    children.push_back(
        make_nested_scheduler(child, index_path(path, i), a.groups, a.depth + 1, a.warnings));
  }
  return children;
}

}  // namespace lrlab
