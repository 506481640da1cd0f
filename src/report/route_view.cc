#include "report/route_view.h"

#include "probe/route_text.h"

namespace tlsd::report {

nlohmann::json route_json(const probe::Route& route) {
  if (route.empty()) return nullptr;
  std::string proxy = probe::route_proxy(route);
  return {{"proxy", proxy.empty() ? nlohmann::json(nullptr) : nlohmann::json(proxy)},
          {"dialogs", probe::route_dialog_names(route)}};
}

std::string route_note(const probe::Route& route) {
  std::string text = probe::route_text(route);
  return text.empty() ? "" : "; " + text;
}

}  // namespace tlsd::report
