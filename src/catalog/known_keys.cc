#include "catalog/known_keys.h"

#include <algorithm>
#include <vector>

namespace tlsd::catalog {

Status known_keys_only(const nlohmann::json& object, std::span<const std::string_view> known,
                       std::string_view source, std::string_view path) {
  std::string where = std::string(source) + ": ";
  std::string prefix = path.empty() ? "" : std::string(path) + ".";
  if (!object.is_object())
    return Error::internal(where + "'" + std::string(path) + "' is not an object");
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::vector<std::string_view> sorted(known.begin(), known.end());
    std::sort(sorted.begin(), sorted.end());
    std::string allowed;
    for (std::string_view k : sorted) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
    return Error::internal(where + "unknown key '" + prefix + key + "' (known: " + allowed + ")");
  }
  return Ok{};
}

Status known_keys_only(const nlohmann::json& object, std::initializer_list<std::string_view> known,
                       std::string_view source, std::string_view path) {
  return known_keys_only(object, std::span<const std::string_view>(known.begin(), known.size()),
                         source, path);
}

}  // namespace tlsd::catalog
