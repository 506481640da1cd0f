// `tlsdoctor diff`: text and JSON (schema "tlsdoctor.diff/1", docs/json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diagnose/scan_diff.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kDiffSchema = "tlsdoctor.diff/1";

// `before`, `after`: where each scan came from (a file name).
std::string render_diff_text(const diagnose::ScanDiff& diff, const std::string& before,
                             const std::string& after, const Style& style);
nlohmann::json diff_json(const diagnose::ScanDiff& diff, const std::string& before,
                         const std::string& after);

}  // namespace tlsd::report
