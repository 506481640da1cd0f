#include "probe/route_text.h"

#include "base/text_safety.h"
#include "probe/dialog_registry.h"
#include "probe/http_connect_dialog.h"

namespace tlsd::probe {

std::vector<std::string> route_dialog_names(const Route& route) {
  std::vector<std::string> out;
  for (const DialogSpec& spec : route.dialogs) out.emplace_back(to_string(spec.id));
  return out;
}

std::string route_proxy(const Route& route) {
  if (!route.via) return "";
  return display_safe(authority(route.via->host, route.via->port));
}

std::string route_text(const Route& route) {
  std::string out;
  if (route.via) out = "via proxy " + route_proxy(route);
  for (const std::string& name : route_dialog_names(route)) {
    if (route.via && name == "http_connect") continue;  // the proxy says it
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace tlsd::probe
