// `tlsdoctor preflight`: text and JSON (schema "tlsdoctor.preflight/1"; with
// --jsonl one "tlsdoctor.preflight_endpoint/1" line per endpoint, which
// concatenate across shards). Reads only the result model.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diagnose/preflight.h"
#include "report/doctor_report.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kPreflightSchema = "tlsdoctor.preflight/1";
constexpr const char* kPreflightEndpointSchema = "tlsdoctor.preflight_endpoint/1";

// One endpoint, for people: a line, and for a break the new client's whole
// verdict (cause, evidence, traps, the release change, verified fixes) and
// the server fix.
std::string render_preflight_endpoint_text(const diagnose::EndpointPreflight& endpoint,
                                           const Style& style,
                                           const DoctorTextOptions& options = {});
// The heading and the summary around the endpoints.
std::string render_preflight_heading_text(const diagnose::PreflightReport& report,
                                          const Style& style);
std::string render_preflight_summary_text(const diagnose::PreflightReport& report,
                                          const Style& style);
std::string render_preflight_text(const diagnose::PreflightReport& report, const Style& style,
                                  const DoctorTextOptions& options = {});

// One endpoint's JSON line (its own schema, the change named in it).
nlohmann::json preflight_endpoint_json(const diagnose::EndpointPreflight& endpoint,
                                       const std::string& from, const std::string& to);
nlohmann::json preflight_json(const diagnose::PreflightReport& report);

}  // namespace tlsd::report
