// `tlsdoctor scan`: the server model as text for people and as JSON (schema
// "tlsdoctor.scan/1", docs/json.md). Reads the model only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checks/server_model.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kScanSchema = "tlsdoctor.scan/1";

std::string render_scan_text(const checks::ServerModel& model, const Style& style);
nlohmann::json scan_json(const checks::ServerModel& model);

}  // namespace tlsd::report
