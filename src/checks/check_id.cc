#include "checks/check_id.h"

#include <cstdio>
#include <cstdlib>

namespace tlsd::checks {

std::string_view to_string(CheckId id) {
  for (const CheckName& c : kCheckNames)
    if (c.id == id) return c.name;
  return "?";
}

std::optional<CheckId> check_named(std::string_view name) {
  for (const CheckName& c : kCheckNames)
    if (c.name == name) return c.id;
  return std::nullopt;
}

CheckSet::CheckSet(std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    std::optional<CheckId> id = check_named(name);
    if (!id) {
      std::fprintf(stderr, "tlsdoctor: internal error: no check named '%.*s'\n",
                   static_cast<int>(name.size()), name.data());
      std::abort();
    }
    ids_.insert(*id);
  }
}

}  // namespace tlsd::checks
