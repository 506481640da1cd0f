// `tlsdoctor scan` over many targets: a few scans at once, each target's
// model reported as it ends.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "checks/scan.h"

namespace tlsd::checks {

struct FleetCallbacks {
  // A step of target `index`'s scan ("cipher suites, ...").
  std::function<void(size_t index, std::string_view step)> progress;
  // Target `index` ended, in the order targets end.
  std::function<void(size_t index, const ServerModel& model)> done;
};

// Scans every job, `parallel` at a time; the callbacks are called one at a
// time. Returns the models in the jobs' order.
std::vector<ServerModel> scan_fleet(const std::vector<ScanOptions>& jobs, size_t parallel,
                                    const FleetCallbacks& callbacks = {});

}  // namespace tlsd::checks
