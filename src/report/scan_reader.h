// Reads a saved `scan --json` document (tlsdoctor.scan/1) back into the facts
// a diff compares. Input is a user's file: bounded in size, every field
// checked for its type, anything else a clear error naming the field.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "diagnose/scan_diff.h"

namespace tlsd::report {

constexpr size_t kMaxScanDocumentBytes = 16u << 20;

// `label` names the document in errors (its file name).
Result<diagnose::ScanFacts> read_scan_document(std::string_view text, const std::string& label);
Result<diagnose::ScanFacts> read_scan_file(const std::string& path);

}  // namespace tlsd::report
