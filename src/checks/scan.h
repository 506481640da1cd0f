// `tlsdoctor scan`: the complete inventory of one server.
#pragma once

#include <functional>
#include <string_view>

#include "checks/scan_context.h"
#include "checks/server_model.h"

namespace tlsd::checks {

// Progress lines ("versions", "cipher suites"...) for a status display.
using Progress = std::function<void(std::string_view step)>;

ServerModel scan(const ScanOptions& options, const Progress& progress = {});

}  // namespace tlsd::checks
