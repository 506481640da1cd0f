#include "checks/server_model.h"

namespace tlsd::checks {

bool ServerModel::supports(uint16_t version) const {
  for (const VersionSupport& v : versions)
    if (v.version == version) return v.supported;
  return false;
}

std::optional<uint16_t> ServerModel::max_version() const {
  std::optional<uint16_t> best;
  for (const VersionSupport& v : versions)
    if (v.supported && (!best || v.version > *best)) best = v.version;
  return best;
}

}  // namespace tlsd::checks
