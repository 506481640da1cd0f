// `tlsdoctor scan`: the server model as text for people and as JSON (schema
// "tlsdoctor.scan/1", docs/json.md). Reads the model only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/server_model.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kScanSchema = "tlsdoctor.scan/1";
constexpr const char* kScansSchema = "tlsdoctor.scans/1";

std::string render_scan_text(const checks::ServerModel& model, const Style& style);
nlohmann::json scan_json(const checks::ServerModel& model);
// `scan --json`: one target's document, or for several the envelope
// {"schema": "tlsdoctor.scans/1", "results": [one document per target]}.
nlohmann::json scans_json(const std::vector<checks::ServerModel>& models);

}  // namespace tlsd::report
