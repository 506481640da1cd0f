// How a route reads in reports: the proxy (never its credentials) and the
// dialogs in order, by their registry names.
#pragma once

#include <string>
#include <vector>

#include "probe/route.h"

namespace tlsd::probe {

// "via proxy 10.0.0.1:3128, http_connect, smtp_starttls"; "" for the empty route.
std::string route_text(const Route& route);
// The route's dialogs' registry names, in order.
std::vector<std::string> route_dialog_names(const Route& route);
// "10.0.0.1:3128" ("[::1]:3128"), or "" without a proxy.
std::string route_proxy(const Route& route);

}  // namespace tlsd::probe
