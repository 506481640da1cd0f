// The scan report's sections, one row per check (checks::CheckId): how the
// text and the JSON document show what that check found. scan_report.cc
// prints the header, the sections in CheckId order, the findings and notes.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "checks/check_id.h"
#include "checks/server_model.h"
#include "report/style.h"

namespace tlsd::report {

struct ScanSection {
  checks::CheckId id;
  // Appends the section's text (each starts with a blank line and a title).
  void (*text)(const checks::ServerModel& model, const Style& style, std::string& out);
  // Sets the section's keys of the scan document.
  void (*json)(const checks::ServerModel& model, nlohmann::json& doc);
};

// One row per CheckId, in CheckId order.
std::span<const ScanSection> scan_sections();

}  // namespace tlsd::report
