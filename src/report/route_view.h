// A target's route (proxy, dialogs before TLS) in every report: text and
// JSON say the same thing, and never a proxy's credentials.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "probe/route.h"

namespace tlsd::report {

// null for the empty route, else {"proxy": "host:port" or null, "dialogs": ["http_connect", ...]}.
nlohmann::json route_json(const probe::Route& route);
// "; via proxy 10.0.0.1:3128, smtp_starttls" for a header line; "" for the empty route.
std::string route_note(const probe::Route& route);

}  // namespace tlsd::report
