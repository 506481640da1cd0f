// The doctor's report (`tlsdoctor HOST`): text and JSON (schema
// "tlsdoctor.doctor/1", docs/json.md). Reads only the result model.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diagnose/doctor.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kDoctorSchema = "tlsdoctor.doctor/1";

struct DoctorTextOptions {
  std::string server_software;  // render the server fix only for this one ("" = all)
};

std::string render_doctor_text(const diagnose::DoctorReport& report, const Style& style,
                               const DoctorTextOptions& options = {});
nlohmann::json doctor_json(const diagnose::DoctorReport& report);

// The doctor's pieces other reports reuse (preflight): one client's verdict,
// the server fixes, the one-line summary of the scan.
std::string render_verdict_text(const diagnose::Verdict& verdict, const Style& style);
nlohmann::json doctor_verdict_json(const diagnose::Verdict& verdict);
std::string render_server_fixes_text(const diagnose::DoctorReport& report, const Style& style,
                                     const DoctorTextOptions& options = {});
nlohmann::json server_fixes_json(const diagnose::DoctorReport& report);
std::string server_summary(const checks::ServerModel& model);

}  // namespace tlsd::report
